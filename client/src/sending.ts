// The editor's commands for claims that leave and come back: "Export as X12 837P...", "Export
// as FHIR Bundle..." (the claims of the active .claim file, or of the workspace: a save dialog,
// then a summary with the claims left out, each a link to its line) and "Import claims..."
// (837P or FHIR files: the new .claim files are written beside the workspace's and opened). The
// server does the work (claimnote/export, claimnote/import); nothing leaves the machine.
import {
  Position,
  ProgressLocation,
  QuickPickItem,
  Range,
  Selection,
  TextDocument,
  TextEditorRevealType,
  Uri,
  WorkspaceEdit,
  window,
  workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface LeftOut {
  id: string;
  uri: string;
  line: number;
  reasons: string[];
}
type ExportResult = { text: string; exported: string[]; left: LeftOut[] } | { error: string; left: LeftOut[] };
interface ImportResult {
  files: { name: string; text: string }[];
  claims: number;
  messages: string[];
}

/** The left-out claims as a list to pick from: each opens its claim's line. */
async function showLeftOut(left: readonly LeftOut[]): Promise<void> {
  const items: (QuickPickItem & { claim: LeftOut })[] = left.map((l) => ({
    label: `claim ${l.id}`,
    description: `${workspace.asRelativePath(Uri.parse(l.uri))}:${l.line + 1}`,
    detail: l.reasons.join(' · '),
    claim: l,
  }));
  const picked = await window.showQuickPick(items, { title: 'Claims left out of the export', matchOnDetail: true });
  if (!picked) return;
  const editor = await window.showTextDocument(Uri.parse(picked.claim.uri));
  const at = new Position(picked.claim.line, 0);
  editor.selection = new Selection(at, at);
  editor.revealRange(new Range(at, at), TextEditorRevealType.InCenter);
}

/**
 * What a command may be given instead of asking (a keybinding, a task, the tests): the scope
 * (`file`, the active .claim file, or `workspace`) and the file to write.
 */
export interface ExportArgs {
  scope?: 'file' | 'workspace';
  target?: Uri;
}

export async function exportClaims(c: LanguageClient, to: '837p' | 'fhir', args: ExportArgs = {}): Promise<Uri | undefined> {
  const active = window.activeTextEditor?.document;
  const fileScope = active?.languageId === 'claimnote' ? active.uri.toString() : undefined;
  let uri: string | undefined = args.scope === 'file' ? fileScope : undefined;
  if (fileScope && !args.scope) {
    const scope = await window.showQuickPick(
      [
        { label: 'This file', description: workspace.asRelativePath(active!.uri), scope: fileScope },
        { label: 'The whole workspace', description: 'every .claim file', scope: undefined },
      ],
      { title: `Export as ${to === '837p' ? 'X12 837P' : 'FHIR Bundle'}: which claims?` },
    );
    if (!scope) return undefined;
    uri = scope.scope;
  }
  const result = await window.withProgress({ location: ProgressLocation.Notification, title: 'ClaimNote: exporting claims...' }, () =>
    c.sendRequest<ExportResult>('claimnote/export', uri ? { to, uri } : { to }),
  );
  if ('error' in result) {
    void window
      .showWarningMessage(`ClaimNote: ${result.error}.`, ...(result.left.length ? ['Show Claims Left Out'] : []))
      .then((choice) => (choice ? showLeftOut(result.left) : undefined));
    return undefined;
  }
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const name = to === '837p' ? 'claims.x12' : 'claims.fhir.json';
  const target =
    args.target ??
    (await window.showSaveDialog({
      defaultUri: folder ? Uri.joinPath(folder, name) : undefined,
      filters: to === '837p' ? { 'X12 837P': ['x12', '837', 'edi'] } : { 'FHIR JSON': ['json'] },
      title: to === '837p' ? 'Export as X12 837P' : 'Export as FHIR Bundle',
    }));
  if (!target) return undefined;
  await workspace.fs.writeFile(target, Buffer.from(result.text, 'utf8'));
  const n = result.exported.length;
  const summary = `ClaimNote: exported ${n} claim${n === 1 ? '' : 's'} to ${workspace.asRelativePath(target)}${
    result.left.length ? `; ${result.left.length} left out` : ''
  }.`;
  // (not awaited: the command is done when the file is written; the message waits for the user)
  void (
    result.left.length
      ? window.showWarningMessage(summary, 'Show Claims Left Out', 'Open File')
      : window.showInformationMessage(summary, 'Open File')
  ).then((choice) => {
    if (choice === 'Show Claims Left Out') void showLeftOut(result.left);
    else if (choice === 'Open File') void window.showTextDocument(target);
  });
  return target;
}

/** A file name not taken in a folder: `name.claim`, else `name-2.claim`... */
async function freeName(folder: Uri, name: string): Promise<Uri> {
  for (let k = 1; ; k++) {
    const candidate = Uri.joinPath(folder, k === 1 ? name : name.replace(/\.claim$/, `-${k}.claim`));
    try {
      await workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/** What Import may be given instead of asking: the files to read and the folder to write to. */
export interface ImportArgs {
  files?: Uri[];
  folder?: Uri;
}

export async function importClaims(c: LanguageClient, args: ImportArgs = {}): Promise<Uri[]> {
  const picked =
    args.files ??
    (await window.showOpenDialog({
      canSelectMany: true,
      filters: { 'X12 837P or FHIR JSON': ['x12', '837', 'edi', 'json'] },
      title: 'Import claims (X12 837P or FHIR R4)',
    }));
  if (!picked?.length) return [];
  const into = args.folder
    ? [args.folder]
    : await window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        defaultUri: workspace.workspaceFolders?.[0]?.uri,
        openLabel: 'Import Here',
        title: 'The folder for the imported .claim files',
      });
  if (!into?.length) return [];
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: 'ClaimNote: importing claims...' },
    async () => {
      const files = await Promise.all(
        picked.map(async (u) => ({
          name: u.path.split('/').pop() ?? u.path,
          text: Buffer.from(await workspace.fs.readFile(u)).toString('utf8'),
        })),
      );
      return c.sendRequest<ImportResult>('claimnote/import', { files });
    },
  );
  const written: Uri[] = [];
  for (const f of result.files) {
    const target = await freeName(into[0], f.name);
    await workspace.fs.writeFile(target, Buffer.from(f.text, 'utf8'));
    written.push(target);
  }
  for (const u of written) await window.showTextDocument(u, { preview: false });
  const n = result.claims;
  const summary = `ClaimNote: imported ${n} claim${n === 1 ? '' : 's'} into ${written.length} file${written.length === 1 ? '' : 's'}.`;
  if (result.messages.length)
    void window
      .showWarningMessage(
        `${summary} ${result.messages.length} note${result.messages.length === 1 ? '' : 's'}: what ClaimNote cannot say is kept as # import: comments.`,
        'Show Notes',
      )
      .then((choice) => (choice ? window.showQuickPick(result.messages, { title: 'Import notes' }) : undefined));
  else void window.showInformationMessage(summary);
  return written;
}

type AppealResult =
  { markdown: string; claim: string } | { explained: { code: string; message: string }[]; claim: string } | { error: string };

/**
 * "Draft a redetermination request" on a denied line (a code action's command): the letter from
 * the note, opened as a new Markdown document to edit, save or print. When the claim's findings
 * explain the denial, the editor says so and offers to draft it anyway.
 */
export async function draftAppeal(
  c: LanguageClient,
  args?: { uri?: string; line?: number; force?: boolean },
): Promise<TextDocument | undefined> {
  const editor = window.activeTextEditor;
  const uri = args?.uri ?? editor?.document.uri.toString();
  const line = args?.line ?? editor?.selection.active.line;
  if (!uri || line === undefined) return undefined;
  const r = await c.sendRequest<AppealResult>('claimnote/appeal', { uri, line, force: args?.force === true });
  if ('error' in r) {
    void window.showWarningMessage(`ClaimNote: ${r.error}.`);
    return undefined;
  }
  if ('explained' in r) {
    const choice = await window.showWarningMessage(
      `ClaimNote: claim ${r.claim}'s own findings explain this denial (${r.explained.map((f) => f.code).join(', ')}): a corrected claim is the remedy (the light bulb's "Create a corrected claim").`,
      'Draft the Letter Anyway',
    );
    return choice ? draftAppeal(c, { uri, line, force: true }) : undefined;
  }
  const doc = await workspace.openTextDocument({ language: 'markdown', content: r.markdown });
  await window.showTextDocument(doc, { preview: false });
  return doc;
}

interface RemitResult {
  edit: {
    changes: Record<
      string,
      { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]
    >;
  };
  matched: { id: string; uri: string; line: number; added: string[]; already: string[]; summary: string[] }[];
  unmatched: string[];
  problems: string[];
}

/**
 * "Import Remittance (835)...": the denied lines the remittances record, added to the claims as
 * one workspace edit (so one undo reverts them), then a summary of each claim.
 */
export async function importRemittance(c: LanguageClient, args: { files?: Uri[] } = {}): Promise<number> {
  const picked =
    args.files ??
    (await window.showOpenDialog({
      canSelectMany: true,
      filters: { 'X12 835': ['835', 'x12', 'edi', 'txt'] },
      title: 'Import remittance (835)',
    }));
  if (!picked?.length) return 0;
  const files = await Promise.all(
    picked.map(async (u) => ({
      name: u.path.split('/').pop() ?? u.path,
      text: Buffer.from(await workspace.fs.readFile(u)).toString('utf8'),
    })),
  );
  const r = await c.sendRequest<RemitResult>('claimnote/remit', { files });
  const edit = new WorkspaceEdit();
  let added = 0;
  for (const [uri, edits] of Object.entries(r.edit.changes))
    for (const e of edits) {
      edit.insert(Uri.parse(uri), new Position(e.range.start.line, e.range.start.character), e.newText);
      added += e.newText.split('\n').length - 1 || 1;
    }
  if (added) await workspace.applyEdit(edit);
  const lines = [
    ...r.matched.map(
      (m) =>
        `claim ${m.id}: ${m.summary.join('; ')}${m.added.length ? ` (${m.added.length} denied line${m.added.length === 1 ? '' : 's'} added)` : ''}`,
    ),
    ...r.unmatched.map((id) => `claim ${id}: not in the workspace`),
    ...r.problems,
  ];
  const summary = `ClaimNote: ${r.matched.length} claim${r.matched.length === 1 ? '' : 's'} matched, ${r.unmatched.length} not in the workspace; ${added} denied line${added === 1 ? '' : 's'} added.`;
  void window
    .showInformationMessage(summary, 'Show Details')
    .then((choice) => (choice ? window.showQuickPick(lines, { title: 'Remittance' }) : undefined));
  return added;
}
