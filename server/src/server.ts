// The ClaimNote language server: LSP wiring only. Every answer comes from ClaimNoteService.
// Runs over stdio (`--stdio`) or Node IPC (`--node-ipc`), as the client chooses.
// It makes no network calls and sends no telemetry: claims are health data.
import {
  createConnection, ProposedFeatures, TextDocumentSyncKind, DidChangeWatchedFilesNotification,
  FileChangeType, InitializeParams, InitializeResult, CodeActionKind,
} from 'vscode-languageserver/node';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { ClaimNoteService } from './service';
import { FIX_ALL_KIND } from './features/codeActions';
import { findClaimFiles, readClaimFileAsync } from './files';
import { loadIcd10 } from './data/icd10';
import type { Finding } from './rules/rule';
import { ResponseError, LSPErrorCodes, CodeLensRefreshRequest, InlayHintRefreshRequest } from 'vscode-languageserver/node';
import { ClaimNoteSettings, DEFAULT_SETTINGS, parseSettings } from './settings';
import { SEMANTIC_LEGEND } from './features/semanticTokens';
import type { CompletionOptions } from './features/completion';

const connection = createConnection(ProposedFeatures.all);
const service = new ClaimNoteService();
/**
 * The documents open in the editor, by URI, with their versions. Their texts live in the
 * service, as lines that each edit changes in place (TextDocuments would keep a copy of the
 * whole text per version: 14 MB a keystroke on a 20,000-claim document).
 */
const openVersions = new Map<string, number>();

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
const warned = new Set<string>();
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

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  canPullConfiguration = !!caps.workspace?.configuration;
  canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  completionOptions.snippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
  const retrigger = (params.initializationOptions as { retriggerCommand?: unknown } | undefined)?.retriggerCommand;
  completionOptions.retrigger = typeof retrigger === 'string' ? retrigger : undefined;
  // a client that shows the diagnostics at the position in its hover (VS Code) says so
  const hoverDiagnostics = (params.initializationOptions as { hoverDiagnostics?: unknown } | undefined)?.hoverDiagnostics;
  service.configure({ ...service.settings, hoverDiagnostics: hoverDiagnostics === false ? false : undefined });
  canRefreshLenses = !!caps.workspace?.codeLens?.refreshSupport;
  canRefreshInlayHints = !!caps.workspace?.inlayHint?.refreshSupport;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  applySettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
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
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true } },
    },
    serverInfo: { name: 'claimnote' },
  };
});

connection.onInitialized(async () => {
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
});

// ------------------------------------------------------------------ settings

function applySettings(raw: unknown): void {
  const { settings: parsed, warnings } = parseSettings(raw);
  for (const w of warnings) {
    if (!warned.has(w)) { warned.add(w); connection.console.warn(w); }
  }
  const togglesChanged = parsed.codeLens.enabled !== settings.codeLens.enabled || parsed.inlayHints.enabled !== settings.inlayHints.enabled;
  settings = parsed;
  service.configure({ ...service.settings, rules: parsed.rules, qualifyingApm: parsed.fees.qualifyingApm });
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

connection.onDidChangeConfiguration(async (change) => {
  if (canPullConfiguration) await pullSettings();
  else applySettings((change.settings as { claimnote?: unknown } | undefined)?.claimnote);
  republishAll = true;
  schedule();
});

// ------------------------------------------------------------------ documents

async function loadFile(uri: string): Promise<void> {
  // an open editor buffer wins over the file on disk: an open document's file is not read (a
  // large one would be read and decoded for nothing), nor one that opened while it was read
  if (openVersions.has(uri)) return;
  const r = await readClaimFileAsync(fileURLToPath(uri));
  if (openVersions.has(uri)) return;
  if ('text' in r) service.setDocument(uri, r.text); else service.setUnreadable(uri, r.error);
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

connection.onDidOpenTextDocument(({ textDocument: d }) => {
  openVersions.set(d.uri, d.version);
  service.setDocument(d.uri, d.text);
  changedUris.add(d.uri);
  schedule();
});
connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
  if (!openVersions.has(d.uri)) return; // (a change to a document the client never opened)
  openVersions.set(d.uri, d.version);
  service.editDocument(d.uri, contentChanges);
  changedUris.add(d.uri);
  schedule();
});
connection.onDidCloseTextDocument(async ({ textDocument: { uri } }) => {
  openVersions.delete(uri);
  const onDisk = uri.startsWith('file:') && existsSync(fileURLToPath(uri)) && workspaceFolders.some((f) => inFolder(f, fileURLToPath(uri)));
  if (onDisk) await loadFile(uri);
  else service.deleteDocument(uri);
  changedUris.add(uri);
  schedule();
});

connection.onDidChangeWatchedFiles(async (params) => {
  for (const change of params.changes) {
    if (!isClaimUri(change.uri) || openVersions.has(change.uri)) continue;
    if (change.type === FileChangeType.Deleted) service.deleteDocument(change.uri);
    else await loadFile(change.uri);
    changedUris.add(change.uri);
  }
  schedule();
});

// ------------------------------------------------------------------ validation

let timer: NodeJS.Timeout | undefined;
function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => { timer = undefined; publishAll(); }, DEBOUNCE_MS);
}

/** Documents whose text changed since the last publication: always published. */
const changedUris = new Set<string>();
let republishAll = false;
const lastFindings = new Map<string, readonly Finding[]>();

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const f = a[i], g = b[i];
    if (f === g) {
      // a cached finding whose related locations moved with an edit of another document
      if (f.related?.some((r) => changedUris.has(r.uri))) return false;
      continue;
    }
    if (f.code !== g.code || f.severity !== g.severity || f.message !== g.message || JSON.stringify([f.range, f.related, f.fixes]) !== JSON.stringify([g.range, g.related, g.fixes])) return false;
  }
  return true;
}

/**
 * Publishes the diagnostics of every document whose diagnostics changed (an edited document
 * always). The check runs synchronously on the service's current texts, which every change
 * updates first, so what is published belongs to the document's latest version (sent with it).
 */
function publishAll(): void {
  const results = service.findingsByUri();
  for (const [uri, findings] of results) {
    const prev = lastFindings.get(uri);
    if (!republishAll && !changedUris.has(uri) && prev && sameFindings(prev, findings)) continue;
    lastFindings.set(uri, findings);
    void connection.sendDiagnostics({ uri, version: openVersions.get(uri), diagnostics: service.doValidation(uri) });
  }
  for (const uri of [...lastFindings.keys()]) {
    if (results.has(uri)) continue;
    lastFindings.delete(uri);
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

connection.onHover((p) => (known(p) ? service.doHover(p.textDocument.uri, p.position) ?? null : null));
connection.onCodeAction((p) => (known(p) ? service.getCodeActions(p.textDocument.uri, p.range, p.context.only) : []));

// ------------------------------------------------------------------ editor productivity (docs/editor-features.md)

/** A refused rename, with the reason the editor shows. */
const refuse = (reason: string) => new ResponseError(LSPErrorCodes.RequestFailed, reason);

connection.onCompletion((p) => (known(p) ? service.getCompletions(p.textDocument.uri, p.position, completionOptions) : null));
connection.onDefinition((p) => (known(p) ? service.getDefinition(p.textDocument.uri, p.position) : null));
connection.onReferences((p) => (known(p) ? service.getReferences(p.textDocument.uri, p.position, p.context.includeDeclaration) : null));
connection.onDocumentHighlight((p) => (known(p) ? service.getDocumentHighlights(p.textDocument.uri, p.position) : null));
connection.onPrepareRename((p) => {
  if (!known(p)) return null;
  const r = service.prepareRename(p.textDocument.uri, p.position);
  if ('reason' in r) throw refuse(r.reason);
  return r;
});
connection.onRenameRequest((p) => {
  if (!known(p)) return null;
  const r = service.rename(p.textDocument.uri, p.position, p.newName);
  if ('reason' in r) throw refuse(r.reason);
  return r;
});
connection.onDocumentSymbol((p) => (known(p) ? service.getDocumentSymbols(p.textDocument.uri) : null));
connection.onWorkspaceSymbol((p) => service.getWorkspaceSymbols(p.query));
connection.onFoldingRanges((p) => (known(p) ? service.getFoldingRanges(p.textDocument.uri) : null));
connection.onSelectionRanges((p) => (known(p) ? service.getSelectionRanges(p.textDocument.uri, p.positions) : null));
connection.languages.semanticTokens.on((p) => (known(p) ? service.getSemanticTokens(p.textDocument.uri) : { data: [] }));
connection.languages.semanticTokens.onRange((p) => (known(p) ? service.getSemanticTokens(p.textDocument.uri, p.range) : { data: [] }));
connection.onDocumentFormatting((p) => (known(p) ? service.format(p.textDocument.uri, p.options) : null));
connection.onDocumentRangeFormatting((p) => (known(p) ? service.format(p.textDocument.uri, p.options, p.range) : null));
connection.onCodeLens((p) => (known(p) && settings.codeLens.enabled ? service.getCodeLenses(p.textDocument.uri) : null));
connection.languages.inlayHint.on((p) => (known(p) && settings.inlayHints.enabled ? service.getInlayHints(p.textDocument.uri, p.range) : null));

connection.listen();
