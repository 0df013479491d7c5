// "ClaimNote: Open Workspace Report": the workspace audit report (the server renders it from the
// checker's findings) in a webview; a claim's link opens the editor at its line. No network: the
// page is self-contained, and its only script posts the link's document and line back.
import { Position, Range, Selection, TextEditorRevealType, Uri, ViewColumn, WebviewPanel, window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

let panel: WebviewPanel | undefined;

export async function openReport(c: LanguageClient): Promise<{ claims: number } | undefined> {
  const r = await c.sendRequest<{ html: string; claims: number }>('claimnote/report', {});
  if (!panel) {
    panel = window.createWebviewPanel('claimnote.report', 'ClaimNote Report', ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined));
    panel.webview.onDidReceiveMessage(async (m: { uri?: string; line?: number }) => {
      if (typeof m.uri !== 'string' || typeof m.line !== 'number') return;
      const editor = await window.showTextDocument(Uri.parse(m.uri), { viewColumn: ViewColumn.Beside });
      const at = new Position(m.line, 0);
      editor.selection = new Selection(at, at);
      editor.revealRange(new Range(at, at), TextEditorRevealType.InCenter);
    });
  } else panel.reveal();
  panel.webview.html = r.html;
  return { claims: r.claims };
}
