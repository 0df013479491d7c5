// "ClaimNote: Preview Claim Form": the claim under the cursor drawn as a CMS-1500 form beside the
// editor. It follows the cursor and every edit (at most every 200 ms while typing, updated in
// place: no flicker), outlines the boxes with findings (their messages on hover), and a click on
// a box (or Enter on it) moves the editor to the line it comes from. Theme-aware, keyboard-
// accessible, a content security policy, no network: the SVG comes from the language server.
import { randomBytes } from 'node:crypto';
import {
  ColorThemeKind,
  Disposable,
  Position,
  Range,
  Selection,
  TextEditor,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  WebviewPanel,
  window,
  workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

type FormAnswer = { claimId: string; line: number; pages: number; svg: string } | { none: string };

const themeOf = (): 'light' | 'dark' | 'high-contrast' => {
  const k = window.activeColorTheme.kind;
  return k === ColorThemeKind.Dark
    ? 'dark'
    : k === ColorThemeKind.HighContrast || k === ColorThemeKind.HighContrastLight
      ? 'high-contrast'
      : 'light';
};

function page(nonce: string, cspSource: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${cspSource}; script-src 'nonce-${nonce}'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; padding: 8px; background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); }
  #state { font-size: 12px; margin: 0 0 6px; }
  #form svg { width: 100%; height: auto; display: block; }
  #form .box { cursor: pointer; }
  #form .box:focus { outline: 2px solid var(--vscode-focusBorder); outline-offset: 1px; }
</style></head><body>
<p id="state" role="status" aria-live="polite">Move the cursor into a claim.</p>
<div id="form" role="document"></div>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const form = document.getElementById('form');
  const state = document.getElementById('state');
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m.none) { state.textContent = m.none; form.replaceChildren(); return; }
    state.textContent = 'Claim ' + m.claimId + (m.pages > 1 ? ' (page 1 of ' + m.pages + ')' : '') + ': click a box, or focus it and press Enter, to go to its line.';
    const focused = document.activeElement && document.activeElement.getAttribute('data-box');
    const next = new DOMParser().parseFromString(m.svg, 'image/svg+xml').documentElement;
    const current = form.firstElementChild;
    if (current) current.replaceWith(document.importNode(next, true)); else form.appendChild(document.importNode(next, true));
    if (focused) { const again = form.querySelector('[data-box="' + focused + '"]'); if (again) again.focus(); }
  });
  const go = (box) => { const line = box && box.getAttribute('data-line'); if (line !== null && line !== undefined) vscode.postMessage({ line: Number(line) }); };
  form.addEventListener('click', (e) => go(e.target.closest('.box')));
  form.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(e.target.closest('.box')); } });
  vscode.postMessage({ ready: true });
</script></body></html>`;
}

export class FormPreview implements Disposable {
  private panel: WebviewPanel | undefined;
  private editor: TextEditor | undefined;
  private timer: NodeJS.Timeout | undefined;
  private subscriptions: Disposable[] = [];
  /** the last answer shown (for tests and keybindings: the command returns it) */
  last: FormAnswer | undefined;

  constructor(private client: LanguageClient) {}

  /** Opens (or reveals) the preview; `at` (a code lens's claim) moves the editor's cursor to that claim first. */
  async show(at?: { uri?: string; line?: number }): Promise<FormAnswer | undefined> {
    if (at?.uri && typeof at.line === 'number') {
      const shown = await window.showTextDocument(Uri.parse(at.uri), { preserveFocus: false });
      const p = new Position(at.line, 0);
      shown.selection = new Selection(p, p);
    }
    const editor = window.activeTextEditor?.document.languageId === 'claimnote' ? window.activeTextEditor : this.editor;
    if (!editor) {
      void window.showInformationMessage('ClaimNote: open a .claim file to preview its claims as CMS-1500 forms.');
      return undefined;
    }
    this.editor = editor;
    if (!this.panel) {
      this.panel = window.createWebviewPanel(
        'claimnote.formPreview',
        'Claim Form',
        { viewColumn: ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [],
          retainContextWhenHidden: true,
        },
      );
      this.panel.webview.html = page(randomBytes(16).toString('base64'), this.panel.webview.cspSource);
      this.panel.webview.onDidReceiveMessage((m: { line?: number; ready?: boolean }) => {
        if (m.ready) void this.update();
        else if (typeof m.line === 'number') void this.reveal(m.line);
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        for (const s of this.subscriptions) s.dispose();
        this.subscriptions = [];
      });
      this.subscriptions.push(
        window.onDidChangeTextEditorSelection((e) => {
          if (e.textEditor.document.languageId !== 'claimnote') return;
          this.editor = e.textEditor;
          this.soon();
        }),
        workspace.onDidChangeTextDocument((e) => {
          if (this.editor && e.document === this.editor.document) this.soon();
        }),
        window.onDidChangeActiveColorTheme(() => this.soon()),
      );
    } else this.panel.reveal(ViewColumn.Beside, true);
    return this.update();
  }

  /** At most one update every 200 ms while the cursor moves or the text changes. */
  private soon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, 200);
  }

  private async update(): Promise<FormAnswer | undefined> {
    const editor = this.editor;
    if (!this.panel || !editor) return undefined;
    const answer = await this.client.sendRequest<FormAnswer>('claimnote/form', {
      uri: editor.document.uri.toString(),
      line: editor.selection.active.line,
      theme: themeOf(),
    });
    this.last = answer;
    this.panel.title = 'none' in answer ? 'Claim Form' : `Claim Form: ${answer.claimId}`;
    void this.panel.webview.postMessage(answer);
    return answer;
  }

  private async reveal(line: number): Promise<void> {
    const doc = this.editor?.document;
    if (!doc) return;
    const editor = await window.showTextDocument(doc, { viewColumn: this.editor?.viewColumn, preserveFocus: false });
    const at = new Position(Math.min(line, doc.lineCount - 1), 0);
    editor.selection = new Selection(at, at);
    editor.revealRange(new Range(at, at), TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.panel?.dispose();
    if (this.timer) clearTimeout(this.timer);
  }
}
