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

interface DataAnswer {
  folder?: string;
  /** A folder still being read: until it is, claims are judged by the data listed. */
  loading?: string;
  files: {
    path: string;
    kind?: string;
    year?: number;
    quarter?: string;
    rows: number;
    unreadable: { line: number; text: string; why: string }[];
  }[];
}

/** "ClaimNote: Show Loaded Data": the files of claimnote.data.folder as the server read them, in a list. */
export async function showLoadedData(c: LanguageClient): Promise<DataAnswer> {
  const r = await c.sendRequest<DataAnswer>('claimnote/data', {});
  const items: { label: string; description?: string; detail?: string }[] = r.files.map((f) => ({
    label: f.path.split(/[\\/]/).pop() ?? f.path,
    description: f.kind
      ? `${f.kind}${f.year ? ` ${f.year}` : ''}${f.quarter ? ` ${f.quarter}` : ''}: ${f.rows} rows`
      : 'not a file ClaimNote reads: ignored',
    detail: f.unreadable.length
      ? `${f.unreadable.length} row(s) could not be read: ${f.unreadable
          .slice(0, 3)
          .map((u) => `line ${u.line}: ${u.why}`)
          .join('; ')}`
      : undefined,
  }));
  if (r.loading)
    items.unshift({
      label: `Reading ${r.loading} ...`,
      detail: 'Until it is read, claims are judged by the data below (or the built-in data).',
    });
  void window.showQuickPick(
    items.length
      ? items
      : [{ label: r.folder ? `${r.folder}: no files` : 'No data folder: the built-in data (set claimnote.data.folder)' }],
    {
      title: r.folder ? `ClaimNote data: ${r.folder}` : 'ClaimNote data',
    },
  );
  return r;
}
