// A corrected claim: when the claim's own findings explain a denial, the remedy is the claim sent
// again with the coding fixed and `replaces <payer's claim number>` (frequency code 7), not an
// appeal. The new claim is the old one with its preferred fixes applied, its denial and appeal
// lines left out, a new id, and the `replaces` line; it is inserted after the old claim.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DenialLine } from '../language/syntax';
import type { Workspace } from '../model/workspace';
import type { ClaimRef } from '../model/workspaceIndex';
import { fixAllEdits } from '../features/codeActions';
import type { Finding, TextEdit } from '../rules/rule';

/** An id for the corrected claim that no claim of the workspace has: `<id>-C`, `<id>-C2`... */
function newId(ws: Workspace, id: string): string {
  const taken = ws.index().claimsById;
  for (let k = 1; ; k++) {
    const candidate = `${id}-C${k === 1 ? '' : k}`.slice(0, 40);
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** The edit that inserts the corrected claim after the claim (undefined when the claim's text is not there). */
export function correctedClaim(
  ws: Workspace,
  findings: readonly Finding[],
  ref: ClaimRef,
  denial: DenialLine,
): { edit: TextEdit; id: string } | undefined {
  const lines = ws.lines(ref.uri);
  const file = ws.get(ref.uri);
  if (!lines || !file) return undefined;
  const c = ref.claim;
  const from = c.startLine,
    to = c.endLine;
  // the claim's lines alone, with the preferred fixes of its findings that edit only them
  const own = findings.filter((f) => f.range.start.line >= from && f.range.start.line <= to);
  const inside = (e: TextEdit) => e.range.start.line >= from && e.range.end.line <= to;
  const edits = fixAllEdits(own.map((f) => ({ ...f, fixes: f.fixes.filter((x) => x.edits.every(inside)) })))
    .filter(inside)
    .map((e) => ({
      range: {
        start: { line: e.range.start.line - from, character: e.range.start.character },
        end: { line: e.range.end.line - from, character: e.range.end.character },
      },
      newText: e.newText,
    }));
  const text = TextDocument.applyEdits(TextDocument.create('claim', 'claimnote', 0, lines.slice(from, to + 1).join('\n')), edits);
  const id = newId(ws, c.id?.text ?? 'CLAIM');
  const out: string[] = [];
  let replaced = false;
  for (const line of text.split('\n')) {
    const kw = line.trim().split(/\s+/)[0]?.toLowerCase();
    if (kw === 'denied' || kw === 'appealed' || kw === 'replaces') continue;
    if (kw === 'claim' && !out.length) {
      out.push(`claim ${id}  # corrects ${c.id?.text ?? 'the claim above'}, denied ${denial.date.text}`);
      continue;
    }
    out.push(line);
    if (kw === 'payer' && !replaced) {
      out.push(`  replaces ${denial.ref?.text ?? "<the payer's claim number>"}`);
      replaced = true;
    }
  }
  if (!replaced) out.splice(1, 0, `  replaces ${denial.ref?.text ?? "<the payer's claim number>"}`);
  while (out.length && !out[out.length - 1].trim()) out.pop();
  const eol = file.eol;
  const end = { line: to, character: lines[to]?.length ?? 0 };
  return { edit: { range: { start: end, end }, newText: `${eol}${eol}${out.join(eol)}` }, id };
}
