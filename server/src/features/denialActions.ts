// The editor's actions on a denied line (code actions of kind refactor, not quick fixes): "Draft
// a redetermination request" (a command the client runs: the letter from the note), and, when
// the claim's own findings explain the denial, "Create a corrected claim" (an edit that inserts
// the corrected claim after it, so undo takes it back).
import type { CodeAction } from 'vscode-languageserver-types';
import type { Workspace } from '../model/workspace';
import { correctedClaim } from '../appeal/corrected';
import { explainingFindings } from '../rules/denials';
import type { Finding, Range } from '../rules/rule';

export const DRAFT_APPEAL_COMMAND = 'claimnote.draftAppeal';

export function denialActions(ws: Workspace, uri: string, findings: readonly Finding[], range: Range): CodeAction[] {
  const out: CodeAction[] = [];
  for (const ref of ws.index().claimsIn(uri)) {
    if (!ref.claim.denials.length) continue;
    if (range.start.line > ref.claim.endLine || range.end.line < ref.claim.startLine) continue;
    for (const d of ref.claim.denials) {
      if (d.line < range.start.line || d.line > range.end.line) continue;
      const own = findings.filter((f) => f.range.start.line >= ref.claim.startLine && f.range.start.line <= ref.claim.endLine);
      const explained = explainingFindings(ref.claim, d, own);
      if (explained.length) {
        const corrected = correctedClaim(ws, findings, ref, d);
        if (corrected)
          out.push({
            title: `Create a corrected claim (${corrected.id}, replaces ${d.ref?.text ?? "the payer's claim number"})`,
            kind: 'refactor.rewrite',
            edit: { changes: { [uri]: [corrected.edit] } },
          });
      }
      out.push({
        title: explained.length ? 'Draft a redetermination request anyway' : 'Draft a redetermination request',
        kind: 'refactor',
        command: { title: 'Draft a redetermination request', command: DRAFT_APPEAL_COMMAND, arguments: [{ uri, line: d.line }] },
      });
    }
  }
  return out;
}
