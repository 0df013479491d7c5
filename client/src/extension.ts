// The ClaimNote VS Code extension: starts the bundled language server and adds what only an
// editor has: a language status item with the server's state and the workspace's counts, rule
// documentation rendered in the markdown preview, "Check Workspace", and the walkthrough's steps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  commands,
  Diagnostic,
  ExtensionContext,
  languages,
  LanguageStatusItem,
  LanguageStatusSeverity,
  Position,
  QuickPickItem,
  QuickPickItemKind,
  Range,
  Selection,
  SnippetString,
  TextDocument,
  TextEditorRevealType,
  Uri,
  window,
  workspace,
} from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, State } from 'vscode-languageclient/node';
import { countsText, OPEN_RULE_COMMAND, openRuleLink, parseRulesDoc, RuleDoc, ruleOfDocsLink, Summary, summaryMessage } from './ruleDocs';
import { EXAMPLE_CLAIM } from './example';
import { withTooltip, withTooltips } from './codeLensTooltip';
import { FormPreview } from './formPreview';
import { openReport, showLoadedData } from './report';
import { draftAppeal, exportClaims, importClaims, importRemittance, type ExportArgs, type ImportArgs } from './sending';

/**
 * vscode-languageclient reports every exit of the server's process as an error, the clean one
 * (code 0, after the shutdown the client asked for) of a restart or a stop included: that one is
 * logged as information.
 */
class ClaimNoteClient extends LanguageClient {
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    if (/^Server process exited with code 0\.?$/.test(message)) this.info('Server process exited normally (code 0).', data, false);
    else super.error(message, data, showNotification);
  }
}

type ServerState = 'starting' | 'running' | 'restarting' | 'stopped';

let client: ClaimNoteClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = window.createOutputChannel('ClaimNote');
  const clientOptions: LanguageClientOptions = {
    // .claim files, and 837P batches (checked in place: diagnostics and hovers on their segments)
    documentSelector: [{ language: 'claimnote' }, { language: 'x12' }],
    synchronize: { configurationSection: 'claimnote' },
    outputChannel: output,
    // retriggerCommand: after a keyword is completed, completion opens again for its argument;
    // hoverDiagnostics: VS Code shows the diagnostics at the position in the hover itself
    initializationOptions: {
      settings: workspace.getConfiguration('claimnote'),
      retriggerCommand: 'editor.action.triggerSuggest',
      hoverDiagnostics: false,
      // a code lens on each claim opens its CMS-1500 preview
      formPreviewCommand: 'claimnote.previewForm',
    },
    middleware: {
      // A rule id in the Problems panel or a hover links to the server's docs/rules.md#rule-id,
      // which VS Code opens as raw text at line 1: link it to the rule's rendered page instead.
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(linkToRulePage)),
      // A code lens's details are its tooltip, which vscode-languageclient 9 drops: the server
      // also sends it as the command's argument, copied back here.
      provideCodeLenses: async (document, token, next) => withTooltips(await next(document, token)),
      resolveCodeLens: async (lens, token, next) => {
        const resolved = await next(lens, token);
        return resolved ? withTooltip(resolved) : resolved;
      },
    },
  };
  const c = new ClaimNoteClient('claimnote', 'ClaimNote', serverOptions, clientOptions);
  client = c;

  const status = new ServerStatus(c);
  let restarting = false;
  c.onDidChangeState((e) => {
    if (e.newState === State.Starting) status.setState(restarting ? 'restarting' : 'starting');
    else if (e.newState === State.Running) status.setState('running');
    else if (e.newState === State.Stopped) {
      status.setState(restarting ? 'restarting' : 'stopped');
      if (!restarting)
        output.appendLine('ClaimNote language server stopped; it restarts on its own, or run "ClaimNote: Restart Language Server".');
    }
  });

  const rules = new RuleDocs(context.asAbsolutePath(path.join('docs', 'rules.md')));
  const preview = new FormPreview(c);
  context.subscriptions.push(
    output,
    status,
    languages.onDidChangeDiagnostics(() => status.refreshSoon()),
    commands.registerCommand('claimnote.restartServer', async () => {
      output.appendLine('Restarting the ClaimNote language server...');
      restarting = true;
      status.setState('restarting');
      try {
        await c.restart();
      } finally {
        restarting = false;
      }
      status.setState(c.state === State.Running ? 'running' : 'stopped');
    }),
    commands.registerCommand('claimnote.showOutput', () => output.show(true)),
    commands.registerCommand(OPEN_RULE_COMMAND, (id?: unknown) => rules.open(typeof id === 'string' ? id : undefined)),
    commands.registerCommand('claimnote.checkWorkspace', () => checkWorkspace(c)),
    commands.registerCommand('claimnote.openExample', openExample),
    commands.registerCommand('claimnote.walkthrough.showFixes', showFixes),
    commands.registerCommand('claimnote.walkthrough.addPolicy', () => addPolicy(context)),
    commands.registerCommand('claimnote.export837p', (args?: ExportArgs) => exportClaims(c, '837p', args)),
    commands.registerCommand('claimnote.exportFhir', (args?: ExportArgs) => exportClaims(c, 'fhir', args)),
    commands.registerCommand('claimnote.importClaims', (args?: ImportArgs) => importClaims(c, args)),
    preview,
    commands.registerCommand('claimnote.previewForm', (at?: { uri?: string; line?: number }) => preview.show(at)),
    commands.registerCommand('claimnote.openReport', () => openReport(c)),
    commands.registerCommand('claimnote.showLoadedData', () => showLoadedData(c)),
    commands.registerCommand('claimnote.importRemittance', (args?: { files?: Uri[] }) => importRemittance(c, args)),
    commands.registerCommand('claimnote.draftAppeal', (args?: { uri?: string; line?: number; force?: boolean }) => draftAppeal(c, args)),
  );
  status.setState('starting');
  await c.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

/** A diagnostic whose code links to the server's rule docs links to the open-rule command. */
function linkToRulePage(d: Diagnostic): Diagnostic {
  const code = d.code;
  if (typeof code !== 'object' || !code.target) return d;
  const id = ruleOfDocsLink(code.target.toString(true));
  if (id) d.code = { value: code.value, target: Uri.parse(openRuleLink(id)) };
  return d;
}

// ------------------------------------------------------------------ status

async function requestSummary(c: LanguageClient): Promise<Summary | undefined> {
  if (c.state !== State.Running) return undefined;
  return c.sendRequest<Summary>('claimnote/summary').catch(() => undefined);
}

/** The `{}` item of the status bar for .claim files: the server's state and the workspace's counts. */
class ServerStatus {
  private readonly item: LanguageStatusItem;
  private state: ServerState = 'starting';
  private summary: Summary | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly c: LanguageClient) {
    this.item = languages.createLanguageStatusItem('claimnote.status', { language: 'claimnote' });
    this.item.name = 'ClaimNote';
    this.show();
  }

  setState(state: ServerState): void {
    this.state = state;
    if (state !== 'running') this.summary = undefined;
    this.show();
    if (state === 'running') this.refreshSoon();
  }

  /** Asks the server for the counts once the diagnostics have been quiet for a moment. */
  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void requestSummary(this.c).then((s) => {
        if (!s || this.state !== 'running') return;
        this.summary = s;
        this.show();
      });
    }, 250);
  }

  private show(): void {
    const item = this.item;
    item.busy = this.state === 'starting' || this.state === 'restarting';
    item.severity = this.state === 'stopped' ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
    if (this.state === 'running') {
      const s = this.summary;
      item.text = s ? `ClaimNote: ${countsText(s)}` : 'ClaimNote: checking';
      item.detail = s ? `server running; ${s.files} .claim ${s.files === 1 ? 'file' : 'files'}` : 'server running';
      item.command = {
        title: 'Check Workspace',
        command: 'claimnote.checkWorkspace',
        tooltip: 'Counts of the whole workspace, with the Problems panel a click away',
      };
    } else if (this.state === 'stopped') {
      item.text = 'ClaimNote: stopped';
      item.detail = 'the language server is not running';
      item.command = { title: 'Restart', command: 'claimnote.restartServer' };
    } else {
      item.text = `ClaimNote: ${this.state}`;
      item.detail = 'language server';
      item.command = { title: 'Show Output', command: 'claimnote.showOutput' };
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
  }
}

/** "ClaimNote: Check Workspace": the workspace's counts, with a button for the Problems panel. */
async function checkWorkspace(c: LanguageClient): Promise<Summary | undefined> {
  const s = await requestSummary(c);
  if (!s) {
    void window.showWarningMessage('ClaimNote: the language server is not running; run "ClaimNote: Restart Language Server".');
    return undefined;
  }
  const open = 'Open Problems';
  const show = s.errors || s.warnings ? window.showWarningMessage : window.showInformationMessage;
  void show(summaryMessage(s), open).then((choice) => {
    if (choice === open) void commands.executeCommand('workbench.actions.view.problems');
  });
  return s;
}

// ------------------------------------------------------------------ rule documentation

interface RuleItem extends QuickPickItem {
  rule?: RuleDoc;
}

/** docs/rules.md as shipped: the picker's list; a rule's page (docs/rules/<id>.md) rendered. */
class RuleDocs {
  private rules: RuleDoc[] | undefined;
  constructor(private readonly file: string) {}

  private list(): RuleDoc[] {
    if (!this.rules) {
      try {
        this.rules = parseRulesDoc(fs.readFileSync(this.file, 'utf8'));
      } catch {
        this.rules = [];
      }
    }
    return this.rules;
  }

  /** Opens the rule's section rendered; without an id, asks for the rule first. */
  async open(id?: string): Promise<void> {
    const rules = this.list();
    let rule = id ? rules.find((r) => r.id === id) : undefined;
    if (!rule) {
      const items: RuleItem[] = [];
      let family = '';
      for (const r of rules) {
        if (r.family !== family) {
          family = r.family;
          items.push({ label: family, kind: QuickPickItemKind.Separator });
        }
        items.push({ label: r.id, description: r.severity, detail: r.summary, rule: r });
      }
      const picked = await window.showQuickPick(items, {
        title: 'ClaimNote: Open Rule Documentation',
        placeHolder: id ? `no rule "${id}": pick a rule` : 'Pick a rule (type an id or words of what it checks)',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      rule = picked?.rule;
      if (!rule) return;
    }
    // the rule's own page (docs/rules/<id>.md), rendered from its top: a preview of rules.md
    // scrolled to the rule's heading can land elsewhere when the page's styles come in late
    const page = path.join(path.dirname(this.file), 'rules', `${rule.id}.md`);
    const uri = fs.existsSync(page) ? Uri.file(page) : Uri.file(this.file).with({ fragment: rule.id });
    try {
      await commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // without the markdown extension: the source, at the rule's heading
      const pos = new Position(rule.line, 0);
      await window.showTextDocument(Uri.file(this.file), { selection: new Range(pos, pos), preview: true });
    }
  }
}

// ------------------------------------------------------------------ walkthrough

let exampleDoc: TextDocument | undefined;

/** Opens the example claim in a new untitled editor (nothing is written to disk). */
async function openExample(): Promise<void> {
  exampleDoc = await workspace.openTextDocument({ language: 'claimnote', content: EXAMPLE_CLAIM });
  await window.showTextDocument(exampleDoc);
}

/** The editor of the example (or of the active .claim file), opening the example if neither is open. */
async function claimEditor() {
  const active = window.activeTextEditor;
  if (active?.document.languageId === 'claimnote') return active;
  const visible =
    window.visibleTextEditors.find((e) => e.document === exampleDoc) ??
    window.visibleTextEditors.find((e) => e.document.languageId === 'claimnote');
  if (visible) return window.showTextDocument(visible.document, visible.viewColumn);
  if (exampleDoc && !exampleDoc.isClosed) return window.showTextDocument(exampleDoc);
  await openExample();
  return window.activeTextEditor;
}

/**
 * Puts the cursor on the claim's first problem, the most severe first and those of service
 * lines (what a payer denies) before the others, and opens the light bulb.
 */
async function showFixes(): Promise<void> {
  const editor = await claimEditor();
  if (!editor) return;
  const doc = editor.document;
  const onServiceLine = (d: Diagnostic) => (/^\s*line\s/i.test(doc.lineAt(d.range.start.line).text) ? 0 : 1);
  const diags = languages.getDiagnostics(doc.uri).filter((d) => d.source === 'claimnote');
  const first = [...diags].sort(
    (a, b) => a.severity - b.severity || onServiceLine(a) - onServiceLine(b) || a.range.start.compareTo(b.range.start),
  )[0];
  if (!first) {
    void window.showInformationMessage('ClaimNote: no problems in this file.');
    return;
  }
  editor.selection = new Selection(first.range.start, first.range.start);
  editor.revealRange(first.range, TextEditorRevealType.InCenterIfOutsideViewport);
  await commands.executeCommand('editor.action.quickFix');
}

/** Appends the "Payer policy" snippet (snippets/claimnote.json) to the claim, for its payer acme-ppo. */
async function addPolicy(context: ExtensionContext): Promise<void> {
  const editor = await claimEditor();
  if (!editor) return;
  let body = ['policy ${1:acme-ppo} "${2:Acme PPO}"', '  limit ${3:4} per ${4:30} ${5|days,weeks,months,years|}', '$0'];
  try {
    const snippets = JSON.parse(fs.readFileSync(context.asAbsolutePath(path.join('snippets', 'claimnote.json')), 'utf8'));
    body = snippets['Payer policy'].body;
  } catch {
    /* the short form above */
  }
  const doc = editor.document;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const lead = doc.lineAt(doc.lineCount - 1).text.trim() ? '\n\n' : '\n';
  await editor.insertSnippet(new SnippetString(lead + body.join('\n')), end);
}
