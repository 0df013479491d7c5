// The ClaimNote language server: LSP wiring only. Every answer comes from ClaimNoteService.
// Runs over stdio (`--stdio`) or Node IPC (`--node-ipc`), as the client chooses.
// It makes no network calls and sends no telemetry: claims are health data.
import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  CodeActionKind,
} from 'vscode-languageserver/node';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { loadedData, useData } from './data/loaded';
import { loadDataFolderAsync } from './data/cms';
import { ClaimNoteService } from './service';
import { BatchDocuments, isBatchUri } from './batch';
import { appealFor, exportClaimsOf, importInto, type ExportRequest } from './sending';
import { describeRemit, matchRemittances } from './remit';
import { cms1500Svg, pagesOf } from './pictures/cms1500';
import { formOf } from './pictures/formOfClaim';
import { reportFigures } from './report/figures';
import { reportHtml } from './report/html';
import { toDiagnostic } from './features/diagnostics';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND } from './features/codeActions';
import { findClaimFiles, readClaimFileAsync } from './files';
import { loadIcd10 } from './data/icd10';
import type { Range } from './rules/rule';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ContentChange } from './model/document';
import { ResponseError, LSPErrorCodes, CodeLensRefreshRequest, InlayHintRefreshRequest } from 'vscode-languageserver/node';
import { ClaimNoteSettings, DEFAULT_SETTINGS, parseSettings } from './settings';
import { SEMANTIC_LEGEND } from './features/semanticTokens';
import type { CompletionOptions } from './features/completion';
import { createTransport } from './transport';

/** Logs to the client (once the connection exists) what the server ignored or survived. */
const logWarning = (m: string) => {
  try {
    connection.console.warn(m);
  } catch {
    process.stderr.write(m + '\n');
  }
};
const transport = createTransport(process.argv, logWarning);
const connection = transport
  ? createConnection(ProposedFeatures.all, transport.reader, transport.writer)
  : createConnection(ProposedFeatures.all);
if (transport) {
  // the library exits when its own stdin stream ends; the gated reader's close is the same event
  transport.reader.onClose(() => process.exit(transport.reader.shutdownReceived ? 0 : 1));
  if (process.argv.includes('--stdio')) {
    // stdout carries the protocol: console output goes to the client's log instead
    const to =
      (f: (m: string) => void) =>
      (...a: unknown[]) =>
        f(a.map((x) => (typeof x === 'string' ? x : String(x))).join(' '));
    console.log = to((m) => connection.console.log(m));
    console.info = to((m) => connection.console.info(m));
    console.warn = to((m) => connection.console.warn(m));
    console.error = to((m) => connection.console.error(m));
  }
}
// a handler's bug costs that message, never the server (and never its text)
process.on('uncaughtException', (e) => {
  // the client has gone (its end of the pipe is closed): nothing left to serve
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') process.exit(1);
  logWarning(`internal error (the server keeps running): ${e?.stack ?? e}`);
});
process.on('unhandledRejection', (e) => logWarning(`internal error (the server keeps running): ${(e as Error)?.stack ?? e}`));
const service = new ClaimNoteService();
/**
 * The documents open in the editor, by URI, with their versions. Their texts live in the
 * service, as lines that each edit changes in place (TextDocuments would keep a copy of the
 * whole text per version: 14 MB a keystroke on a 20,000-claim document).
 */
const openVersions = new Map<string, number | undefined>();

/**
 * Validation runs once the messages already received are handled (a macrotask after them):
 * the keystrokes of a burst that arrive together, or while a check runs, are checked once.
 * The check itself is synchronous, so a newer edit always waits for it and is then checked
 * on its own: no result of a stale version is ever published.
 */
const DEBOUNCE_MS = 0;

let workspaceFolders: string[] = [];
let canPullConfiguration = false;
let canWatchFiles = false;
/** Settings already warned about (bounded: a client changing its settings forever does not grow it forever). */
const warned = new Set<string>();
const warn = (key: string, message: string) => {
  if (warned.has(key)) return;
  if (warned.size >= 1000) warned.clear();
  warned.add(key);
  connection.console.warn(message);
};
/** What the client's completion accepts (snippets) and the command that reopens completion after a keyword. */
const completionOptions: CompletionOptions = {};
let canRefreshLenses = false;
let canRefreshInlayHints = false;
/** set once the client has the server's capabilities (refresh requests are allowed from then on) */
let initialized = false;
let settings: ClaimNoteSettings = DEFAULT_SETTINGS;

const docsPath = join(__dirname, '..', '..', 'docs', 'rules.md');
const docsBase = existsSync(docsPath) ? pathToFileURL(docsPath).href : undefined;
service.configure({ docsBase });

/** The path of a `file:` URI, or undefined for another URI or one this platform cannot read (`file://host/...` on Linux). */
function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  // (the transport checked that the capabilities are an object; what they hold is read with care)
  const caps = params.capabilities;
  canPullConfiguration = !!caps.workspace?.configuration;
  canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  completionOptions.snippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
  const options = isObject(params.initializationOptions) ? params.initializationOptions : {};
  const retrigger = options.retriggerCommand;
  completionOptions.retrigger = typeof retrigger === 'string' ? retrigger : undefined;
  // a client that shows the diagnostics at the position in its hover (VS Code) says so
  const hoverDiagnostics = (params.initializationOptions as { hoverDiagnostics?: unknown } | undefined)?.hoverDiagnostics;
  const formPreview = options.formPreviewCommand;
  service.configure({
    ...service.settings,
    hoverDiagnostics: hoverDiagnostics === false ? false : undefined,
    formPreviewCommand: typeof formPreview === 'string' ? formPreview : undefined,
  });
  canRefreshLenses = !!caps.workspace?.codeLens?.refreshSupport;
  canRefreshInlayHints = !!caps.workspace?.inlayHint?.refreshSupport;
  const folders: unknown[] = Array.isArray(params.workspaceFolders)
    ? params.workspaceFolders.map((f) => (isObject(f) ? f.uri : undefined))
    : [params.rootUri];
  workspaceFolders = [];
  for (const u of folders) {
    if (typeof u !== 'string') continue;
    const path = pathOf(u);
    if (path) workspaceFolders.push(path);
    else logWarning(`ignoring the workspace folder ${JSON.stringify(u)}: not a file: URI of this machine`);
  }
  applySettings(options.settings);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' ', ',', '-', '.'], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true, range: true },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.Refactor, CodeActionKind.RefactorRewrite],
        resolveProvider: false,
      },
      workspace: { workspaceFolders: { supported: true } },
    },
    serverInfo: { name: 'claimnote' },
  };
});

connection.onInitialized(
  guarded('initialized', async () => {
    initialized = true;
    // the ICD-10-CM table is unpacked now (some tens of milliseconds, before the settings and the
    // workspace are read) rather than during the first check of a document
    loadIcd10();
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.claim' }] });
    }
    if (canPullConfiguration) await pullSettings();
    await loadWorkspaceFolders();
    schedule();
  }),
);

// ------------------------------------------------------------------ settings

/**
 * The folder of CMS's files (claimnote.data.folder): read after the current message, so that the
 * server answers (with the built-in data) while it reads, and read again, once things are quiet,
 * whenever a file in it changes. Diagnostics of open documents are published again after a load.
 */
let dataFolder: string | undefined;
let dataWatcher: FSWatcher | undefined;
let dataTimer: NodeJS.Timeout | undefined;
/** The load under way: a newer one aborts it. */
let dataLoad: AbortController | undefined;
/** The folder being read, until it is (the built-in data, or the folder read before, answer meanwhile). */
let dataLoading: string | undefined;
function loadDataSoon(delay = 0): void {
  if (dataTimer) clearTimeout(dataTimer);
  dataTimer = setTimeout(() => {
    dataTimer = undefined;
    dataLoad?.abort();
    const load = new AbortController();
    dataLoad = load;
    void loadData(dataFolder, load.signal);
  }, delay);
}

/** Reads the folder a piece at a time (requests are answered in between), then judges by it. */
async function loadData(folder: string | undefined, signal: AbortSignal): Promise<void> {
  dataLoading = folder;
  try {
    const data = folder ? await loadDataFolderAsync(folder, {}, signal) : undefined;
    useData(folder, data);
    for (const f of data?.files ?? [])
      if (f.unreadable.length) logWarning(`claimnote.data.folder: ${f.path}: ${f.unreadable.length} row(s) could not be read`);
  } catch (e) {
    if (signal.aborted) return;
    logWarning(`claimnote.data.folder: ${folder} could not be read (the built-in data is used): ${(e as Error).message}`);
    useData(undefined, undefined);
  }
  dataLoading = undefined;
  dataWatcher?.close();
  dataWatcher = undefined;
  if (folder && loadedData().folder === folder) {
    try {
      dataWatcher = watch(folder, () => loadDataSoon(500));
      dataWatcher.on('error', () => dataWatcher?.close());
    } catch {
      /* a folder that cannot be watched is read at start and when the setting changes */
    }
  }
  service.invalidate();
  republishAll = true;
  schedule();
}

function applySettings(raw: unknown): void {
  const { settings: parsed, warnings } = parseSettings(raw);
  for (const w of warnings) warn(w, w);
  const togglesChanged = parsed.codeLens.enabled !== settings.codeLens.enabled || parsed.inlayHints.enabled !== settings.inlayHints.enabled;
  settings = parsed;
  service.configure({ ...service.settings, rules: parsed.rules, qualifyingApm: parsed.fees.qualifyingApm });
  batches.configure(parsed.rules);
  // the CMS files of claimnote.data.folder, read when the folder changes
  const folder = parsed.data.folder && workspaceFolders[0] ? resolve(workspaceFolders[0], parsed.data.folder) : parsed.data.folder;
  if (folder !== dataFolder) {
    dataFolder = folder;
    loadDataSoon();
  }
  if (togglesChanged && initialized) {
    refreshLenses();
    if (canRefreshInlayHints) connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
  }
}

async function pullSettings(): Promise<void> {
  try {
    const [config] = await connection.workspace.getConfiguration([{ section: 'claimnote' }]);
    applySettings(config);
  } catch (e) {
    connection.console.warn(`could not read the claimnote settings: ${(e as Error).message}`);
  }
}

connection.onDidChangeConfiguration(
  guarded('workspace/didChangeConfiguration', async (change) => {
    if (canPullConfiguration) await pullSettings();
    else applySettings(isObject(change) && isObject(change.settings) ? change.settings.claimnote : undefined);
    republishAll = true;
    schedule();
  }),
);

// ------------------------------------------------------------------ documents

async function loadFile(uri: string): Promise<void> {
  // an open editor buffer wins over the file on disk: an open document's file is not read (a
  // large one would be read and decoded for nothing), nor one that opened while it was read
  const path = pathOf(uri);
  if (openVersions.has(uri) || !path) return;
  const r = await readClaimFileAsync(path);
  if (openVersions.has(uri)) return;
  if ('text' in r) service.setDocument(uri, r.text);
  else service.setUnreadable(uri, r.error);
}

async function loadWorkspaceFolders(): Promise<void> {
  const paths = workspaceFolders.flatMap((f) => findClaimFiles(f));
  await Promise.all(paths.map((p) => loadFile(pathToFileURL(p).href)));
  connection.console.log(`ClaimNote: ${paths.length} .claim file(s) in the workspace`);
}

/** A path inside a folder (not merely sharing its name as a prefix: /ws and /ws2). */
function inFolder(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
}

function isClaimUri(uri: string): boolean {
  return uri.endsWith('.claim');
}

/**
 * A notification handler that cannot take the server down: what it throws (or rejects with) is
 * logged. (The transport has checked the parameters' shape; this is for the handler's own bugs.)
 */
function guarded<P>(method: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  const fail = (e: unknown) => logWarning(`${method} failed (the server keeps running): ${(e as Error)?.stack ?? e}`);
  return (params) => {
    try {
      const r = handler(params);
      if (r) r.catch(fail);
    } catch (e) {
      fail(e);
    }
  };
}

/** A document version as LSP defines it (an integer), or undefined. */
const versionOf = (v: unknown): number | undefined => (Number.isInteger(v) ? (v as number) : undefined);
const isWholeNumber = (x: unknown) => typeof x === 'number' && Number.isInteger(x);
const isPosition = (p: unknown) => isObject(p) && isWholeNumber(p.line) && isWholeNumber(p.character);

/**
 * A content change LSP allows: a text, and no range or a range of two positions in whole numbers
 * (positions past the end are clamped by the document, as editors do).
 */
function isContentChange(c: unknown): c is ContentChange {
  return (
    isObject(c) &&
    typeof c.text === 'string' &&
    (c.range === undefined || (isObject(c.range) && isPosition(c.range.start) && isPosition(c.range.end)))
  );
}

/** The 837P batches open in the editor (`.x12`, `.837`, `.edi`): checked in place (batch.ts). */
const batches = new BatchDocuments();

connection.onDidOpenTextDocument(
  guarded('textDocument/didOpen', ({ textDocument: d }) => {
    openVersions.set(d.uri, versionOf(d.version));
    if (isBatchUri(d.uri)) batches.set(d.uri, d.text);
    else service.setDocument(d.uri, d.text);
    changedUris.add(d.uri);
    schedule();
  }),
);
connection.onDidChangeTextDocument(
  guarded('textDocument/didChange', ({ textDocument: d, contentChanges }) => {
    if (!openVersions.has(d.uri)) return; // (a change to a document the client never opened)
    const version = versionOf(d.version),
      before = openVersions.get(d.uri);
    if (version !== undefined && before !== undefined && version <= before) {
      // applied all the same: the client's text is the one it edited
      logWarning(`textDocument/didChange: version ${version} of ${d.uri} after version ${before}`);
    }
    openVersions.set(d.uri, version);
    const changes = contentChanges.filter(isContentChange);
    if (changes.length < contentChanges.length)
      logWarning(`textDocument/didChange: ignoring ${contentChanges.length - changes.length} malformed content change(s) of ${d.uri}`);
    if (batches.has(d.uri)) {
      const doc = TextDocument.create(d.uri, 'x12', 0, batches.text(d.uri)!);
      batches.set(d.uri, TextDocument.update(doc, changes, 1).getText());
    } else service.editDocument(d.uri, changes);
    changedUris.add(d.uri);
    schedule();
  }),
);
connection.onDidCloseTextDocument(
  guarded('textDocument/didClose', async ({ textDocument: { uri } }) => {
    if (!openVersions.has(uri)) return; // (closed twice, or never opened)
    openVersions.delete(uri);
    if (batches.has(uri)) {
      batches.delete(uri);
      lastPublished.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const path = pathOf(uri);
    const onDisk = !!path && existsSync(path) && workspaceFolders.some((f) => inFolder(f, path));
    if (onDisk) await loadFile(uri);
    else service.deleteDocument(uri);
    changedUris.add(uri);
    schedule();
  }),
);

connection.onDidChangeWatchedFiles(
  guarded('workspace/didChangeWatchedFiles', async (params) => {
    for (const change of params.changes as unknown[]) {
      // a file the client saw change on disk: only a file: URI of this machine can be read
      if (!isObject(change) || typeof change.uri !== 'string' || !pathOf(change.uri)) continue;
      const uri = change.uri;
      if (!isClaimUri(uri) || openVersions.has(uri)) continue;
      if (change.type === FileChangeType.Deleted) service.deleteDocument(uri);
      else if (change.type === FileChangeType.Created || change.type === FileChangeType.Changed) await loadFile(uri);
      else continue;
      changedUris.add(uri);
    }
    schedule();
  }),
);

// ------------------------------------------------------------------ validation

let timer: NodeJS.Timeout | undefined;
function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    publishAll();
  }, DEBOUNCE_MS);
}

/** Documents whose text changed since the last publication: always published. */
const changedUris = new Set<string>();
let republishAll = false;
/**
 * What was last published for each document, as a snapshot that nothing can change afterwards
 * (the findings themselves are cached and may be updated in place when another document's edit
 * moves their related locations), so any difference is published.
 */
const lastPublished = new Map<string, Snapshot>();

/**
 * A published diagnostics list's values: its strings and its numbers, every field a diagnostic
 * carries (toDiagnostic's: range, severity, code, source, message, codeDescription, tags,
 * related information). Several times cheaper than JSON (20,000 diagnostics: a few ms, not 80).
 */
interface Snapshot {
  texts: string[];
  numbers: number[];
}

function snapshotOf(diagnostics: readonly Diagnostic[]): Snapshot {
  const texts: string[] = [],
    numbers: number[] = [];
  const range = (r: Range) => {
    numbers.push(r.start.line, r.start.character, r.end.line, r.end.character);
  };
  for (const d of diagnostics) {
    texts.push(String(d.code), d.source ?? '', d.message, d.codeDescription?.href ?? '');
    numbers.push(d.severity ?? 0, d.tags?.length ?? 0, ...(d.tags ?? []), d.relatedInformation?.length ?? 0);
    range(d.range);
    for (const r of d.relatedInformation ?? []) {
      texts.push(r.location.uri, r.message);
      range(r.location.range);
    }
  }
  return { texts, numbers };
}

function sameSnapshot(a: Snapshot | undefined, b: Snapshot): boolean {
  if (!a || a.texts.length !== b.texts.length || a.numbers.length !== b.numbers.length) return false;
  for (let i = 0; i < a.texts.length; i++) if (a.texts[i] !== b.texts[i]) return false;
  for (let i = 0; i < a.numbers.length; i++) if (a.numbers[i] !== b.numbers[i]) return false;
  return true;
}

/**
 * Publishes the diagnostics of every document whose diagnostics changed (an edited document
 * always). The check runs synchronously on the service's current texts, which every change
 * updates first, so what is published belongs to the document's latest version (sent with it).
 */
function publishAll(): void {
  const results = service.findingsByUri();
  for (const uri of results.keys()) {
    const diagnostics = service.doValidation(uri);
    const snapshot = snapshotOf(diagnostics);
    if (!republishAll && !changedUris.has(uri) && sameSnapshot(lastPublished.get(uri), snapshot)) continue;
    lastPublished.set(uri, snapshot);
    void connection.sendDiagnostics({ uri, version: openVersions.get(uri), diagnostics });
  }
  for (const uri of batches.uris()) {
    const { findings, notices } = batches.findings(uri);
    const diagnostics: Diagnostic[] = [
      ...findings.map((f) => toDiagnostic(f, service.settings.docsBase)),
      ...notices.map((n): Diagnostic => ({ range: n.range, severity: 3, source: 'claimnote', code: 'import', message: n.message })),
    ];
    const snapshot = snapshotOf(diagnostics);
    if (!republishAll && !changedUris.has(uri) && sameSnapshot(lastPublished.get(uri), snapshot)) continue;
    lastPublished.set(uri, snapshot);
    void connection.sendDiagnostics({ uri, version: openVersions.get(uri), diagnostics });
  }
  for (const uri of [...lastPublished.keys()]) {
    if (results.has(uri) || batches.has(uri)) continue;
    lastPublished.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
  if (changedUris.size || republishAll) refreshLenses();
  changedUris.clear();
  republishAll = false;
}

/**
 * Code lenses count sessions across files: after any change (an edit, a file changed on disk,
 * a setting) the client asks for them again, at most every 300 ms while typing.
 */
let lensTimer: NodeJS.Timeout | undefined;
function refreshLenses(): void {
  if (!canRefreshLenses || lensTimer) return;
  lensTimer = setTimeout(() => {
    lensTimer = undefined;
    connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }, 300);
}

const known = (p: { textDocument: { uri: string } }) => service.hasDocument(p.textDocument.uri);

/** The workspace's counts (files, claims, findings by severity) for the editor's status display. */
connection.onRequest('claimnote/summary', () => service.summary());

// Requests: the transport has checked their parameters' types (InvalidParams otherwise); a
// position or range past the end of the document is clamped to it, as LSP reads a character
// past the end of a line.
type Pos = { line: number; character: number };
function at(uri: string, p: Pos): Pos {
  const lines = service.workspace.lines(uri) ?? [''];
  if (p.line >= lines.length) return { line: lines.length - 1, character: lines[lines.length - 1].length };
  return { line: p.line, character: Math.min(p.character, lines[p.line].length) };
}
function span(uri: string, r: { start: Pos; end: Pos }): { start: Pos; end: Pos } {
  const s = at(uri, r.start),
    e = at(uri, r.end);
  return s.line < e.line || (s.line === e.line && s.character <= e.character) ? { start: s, end: e } : { start: e, end: s };
}
/** An indentation width a formatter can use (a client's tabSize of a billion is not one). */
const formatOptions = (o: { tabSize: number; insertSpaces: boolean }) => ({
  tabSize: Math.min(Math.max(o.tabSize, 1), 16),
  insertSpaces: o.insertSpaces,
});

connection.onHover((p) =>
  batches.has(p.textDocument.uri)
    ? (batches.hover(p.textDocument.uri, p.position, { diagnostics: service.settings.hoverDiagnostics }) ?? null)
    : known(p)
      ? (service.doHover(p.textDocument.uri, at(p.textDocument.uri, p.position)) ?? null)
      : null,
);

/** The claims that are ready, of one document or the workspace, as an 837P or a FHIR Bundle (the editor's Export commands). */
connection.onRequest('claimnote/export', (p: { to: '837p' | 'fhir'; uri?: string }) => {
  const request: ExportRequest = { to: p.to, uri: p.uri, date: new Date().toISOString().slice(0, 16) };
  return exportClaimsOf(service.workspace, service.findingsByUri(), request);
});
/** The redetermination request for the denial on a line, as Markdown (the editor's Draft command), or what explains the denial. */
connection.onRequest('claimnote/appeal', (p: { uri: string; line: number; force?: boolean }) =>
  appealFor(service, p.uri, p.line, { date: new Date().toISOString().slice(0, 10), force: p.force === true }),
);
/** What data the checker judges by: the built-in figures and the files of claimnote.data.folder, each with its kind, year, rows and unreadable rows. */
connection.onRequest('claimnote/data', () => {
  const { folder, data } = loadedData();
  return {
    folder,
    loading: dataLoading,
    files: (data?.files ?? []).map((f) => ({
      path: f.path,
      kind: f.kind,
      year: f.year,
      quarter: f.quarter,
      rows: f.rows,
      unreadable: f.unreadable,
    })),
  };
});
/** The claim at a line drawn as a CMS-1500 form (the editor's preview): its SVG, themed, with its findings on their boxes. */
connection.onRequest('claimnote/form', (p: { uri: string; line: number; theme?: 'light' | 'dark' | 'high-contrast' }) => {
  const ref = service.workspace.index().claimAt(p.uri, p.line);
  if (!ref) return { none: 'no claim at the cursor' };
  const pages = pagesOf(formOf(service.workspace, ref, service.findings(p.uri)));
  const theme = p.theme === 'dark' || p.theme === 'high-contrast' ? p.theme : 'light';
  return { claimId: ref.claim.id?.text ?? '(no id)', line: ref.claim.startLine, pages: pages.length, svg: cms1500Svg(pages[0], { theme }) };
});
/** The workspace audit report as one HTML page for the editor's webview (links post the claim's document and line). */
connection.onRequest('claimnote/report', async () => {
  const data = reportFigures(service.workspace, service.findingsByUri(), {
    title: 'ClaimNote audit report',
    generated: new Date().toISOString(),
    pathOf: (uri) => {
      const path = pathOf(uri);
      const folder = path ? workspaceFolders.find((f) => inFolder(f, path)) : undefined;
      return path && folder ? relative(folder, path) : (path ?? uri);
    },
  });
  return { html: await reportHtml(data, { vscode: true }), claims: data.totals.claims };
});
/** 835 remittances matched to the workspace's claims: the denied lines to add (one workspace edit) and a summary. */
connection.onRequest('claimnote/remit', (p: { files: { name: string; text: string }[] }) => {
  const r = matchRemittances(service.workspace, p.files);
  return {
    edit: { changes: r.edits },
    matched: r.matched.map((m) => ({
      id: m.remit.id,
      uri: m.ref.uri,
      line: m.ref.claim.startLine,
      added: m.lines,
      already: m.already,
      summary: describeRemit(m.remit),
    })),
    unmatched: r.unmatched.map((u) => u.id),
    problems: r.problems,
  };
});
/** Interchange texts as .claim texts naming this workspace's practices and payers (the editor's Import command). */
connection.onRequest('claimnote/import', (p: { files: { name: string; text: string }[] }) => importInto(service.workspace, p.files));
connection.onCodeAction((p) =>
  known(p) ? service.getCodeActions(p.textDocument.uri, span(p.textDocument.uri, p.range), p.context.only ?? undefined) : [],
);

// ------------------------------------------------------------------ editor productivity (docs/editor-features.md)

/** A refused rename, with the reason the editor shows. */
const refuse = (reason: string) => new ResponseError(LSPErrorCodes.RequestFailed, reason);

connection.onCompletion((p) =>
  known(p) ? service.getCompletions(p.textDocument.uri, at(p.textDocument.uri, p.position), completionOptions) : null,
);
connection.onDefinition((p) => (known(p) ? service.getDefinition(p.textDocument.uri, at(p.textDocument.uri, p.position)) : null));
connection.onReferences((p) =>
  known(p) ? service.getReferences(p.textDocument.uri, at(p.textDocument.uri, p.position), p.context?.includeDeclaration !== false) : null,
);
connection.onDocumentHighlight((p) =>
  known(p) ? service.getDocumentHighlights(p.textDocument.uri, at(p.textDocument.uri, p.position)) : null,
);
connection.onPrepareRename((p) => {
  if (!known(p)) return null;
  const r = service.prepareRename(p.textDocument.uri, at(p.textDocument.uri, p.position));
  if ('reason' in r) throw refuse(r.reason);
  return r;
});
connection.onRenameRequest((p) => {
  if (!known(p)) return null;
  const r = service.rename(p.textDocument.uri, at(p.textDocument.uri, p.position), p.newName);
  if ('reason' in r) throw refuse(r.reason);
  return r;
});
connection.onDocumentSymbol((p) => (known(p) ? service.getDocumentSymbols(p.textDocument.uri) : null));
connection.onWorkspaceSymbol((p) => service.getWorkspaceSymbols(p.query));
connection.onFoldingRanges((p) => (known(p) ? service.getFoldingRanges(p.textDocument.uri) : null));
connection.onSelectionRanges((p) =>
  known(p)
    ? service.getSelectionRanges(
        p.textDocument.uri,
        p.positions.map((x) => at(p.textDocument.uri, x)),
      )
    : null,
);
connection.languages.semanticTokens.on((p) => (known(p) ? service.getSemanticTokens(p.textDocument.uri) : { data: [] }));
connection.languages.semanticTokens.onRange((p) =>
  known(p) ? service.getSemanticTokens(p.textDocument.uri, span(p.textDocument.uri, p.range)) : { data: [] },
);
connection.onDocumentFormatting((p) => (known(p) ? service.format(p.textDocument.uri, formatOptions(p.options)) : null));
connection.onDocumentRangeFormatting((p) =>
  known(p) ? service.format(p.textDocument.uri, formatOptions(p.options), span(p.textDocument.uri, p.range)) : null,
);
connection.onCodeLens((p) => (known(p) && settings.codeLens.enabled ? service.getCodeLenses(p.textDocument.uri) : null));
connection.languages.inlayHint.on((p) =>
  known(p) && settings.inlayHints.enabled ? service.getInlayHints(p.textDocument.uri, span(p.textDocument.uri, p.range)) : null,
);

connection.listen();
