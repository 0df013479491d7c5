// Code actions: each finding's fixes as quick fixes (isPreferred where docs/rules.md says), and
// `source.fixAll.claimnote`, which applies every preferred fix that does not overlap another.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { Finding, Position, Range, TextEdit } from '../rules/rule';
import { toDiagnostic } from './diagnostics';

export const FIX_ALL_KIND = 'source.fixAll.claimnote';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return !(before(a.end, b.start) || before(b.end, a.start));
}

export function quickFixes(uri: string, findings: readonly Finding[], range: Range, docsBase?: string): CodeAction[] {
  const out: CodeAction[] = [];
  for (const f of findings) {
    if (!overlaps(f.range, range) && !(f.range.start.line <= range.start.line && range.start.line <= f.range.end.line)) continue;
    const diagnostic: Diagnostic = toDiagnostic(f, docsBase);
    for (const x of f.fixes) {
      out.push({ title: x.title, kind: 'quickfix', diagnostics: [diagnostic], isPreferred: x.isPreferred || undefined, edit: { changes: { [uri]: x.edits } } });
    }
  }
  return out;
}

/**
 * Edits of two fixes conflict when their ranges overlap, or when both insert at the same place
 * (the insertions would run together: `dx A` and `-25` made `dx A-25`). Edits that only touch
 * end to end do not conflict (` mod 50` removed right after `20552` replaced).
 */
function conflict(a: Range, b: Range): boolean {
  const cmp = (p: Position, q: Position) => p.line - q.line || p.character - q.character;
  const emptyA = cmp(a.start, a.end) === 0, emptyB = cmp(b.start, b.end) === 0;
  if (emptyA && emptyB) return cmp(a.start, b.start) === 0;
  return cmp(a.start, b.end) < 0 && cmp(b.start, a.end) < 0;
}

/** Edits of every preferred fix that conflicts with no fix chosen before it, in document order. */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const f of findings) {
    for (const x of f.fixes) {
      if (!x.isPreferred) continue;
      if (x.edits.some((e) => chosen.some((c) => conflict(c.range, e.range)))) continue;
      chosen.push(...x.edits);
    }
  }
  return chosen;
}

export function fixAllAction(uri: string, findings: readonly Finding[]): CodeAction | undefined {
  const edits = fixAllEdits(findings);
  if (!edits.length) return undefined;
  return { title: 'Fix all ClaimNote problems with a preferred fix', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
}
