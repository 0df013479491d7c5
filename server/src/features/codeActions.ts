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

/**
 * The finding's own fixes, then, as ESLint does, "Fix all ClaimNote problems (N)" in the light
 * bulb (kind quickfix) when a finding here has a fix and fix all would fix any problem: N is
 * the number of problems it fixes (the same edits as `source.fixAll.claimnote`).
 */
export function quickFixes(uri: string, findings: readonly Finding[], range: Range, docsBase?: string): CodeAction[] {
  const out: CodeAction[] = [];
  pushQuickFixes(out, uri, findings, range, docsBase);
  if (out.length) {
    const all = fixAll(findings);
    if (all.fixed)
      out.push({ title: `Fix all ClaimNote problems (${all.fixed})`, kind: 'quickfix', edit: { changes: { [uri]: all.edits } } });
  }
  return out;
}

function pushQuickFixes(out: CodeAction[], uri: string, findings: readonly Finding[], range: Range, docsBase?: string): void {
  for (const f of findings) {
    if (!overlaps(f.range, range) && !(f.range.start.line <= range.start.line && range.start.line <= f.range.end.line)) continue;
    const diagnostic: Diagnostic = toDiagnostic(f, docsBase);
    for (const x of f.fixes) {
      out.push({
        title: x.title,
        kind: 'quickfix',
        diagnostics: [diagnostic],
        isPreferred: x.isPreferred || undefined,
        edit: { changes: { [uri]: x.edits } },
      });
    }
  }
}

/**
 * Edits of two fixes conflict when their ranges overlap, or when both insert at the same place
 * (the insertions would run together: `dx A` and `-25` made `dx A-25`). Edits that only touch
 * end to end do not conflict (` mod 50` removed right after `20552` replaced).
 */
function conflict(a: Range, b: Range): boolean {
  const cmp = (p: Position, q: Position) => p.line - q.line || p.character - q.character;
  const emptyA = cmp(a.start, a.end) === 0,
    emptyB = cmp(b.start, b.end) === 0;
  if (emptyA && emptyB) return cmp(a.start, b.start) === 0;
  return cmp(a.start, b.end) < 0 && cmp(b.start, a.end) < 0;
}

/** Edits of every preferred fix that conflicts with no fix chosen before it, in document order, and how many problems they fix. */
function fixAll(findings: readonly Finding[]): { edits: TextEdit[]; fixed: number } {
  const chosen: TextEdit[] = [];
  let fixed = 0;
  for (const f of findings) {
    let applied = false;
    for (const x of f.fixes) {
      if (!x.isPreferred) continue;
      if (x.edits.some((e) => chosen.some((c) => conflict(c.range, e.range)))) continue;
      chosen.push(...x.edits);
      applied = true;
    }
    if (applied) fixed++;
  }
  return { edits: chosen, fixed };
}

/** Edits of every preferred fix that conflicts with no fix chosen before it, in document order. */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  return fixAll(findings).edits;
}

export function fixAllAction(uri: string, findings: readonly Finding[]): CodeAction | undefined {
  const { edits, fixed } = fixAll(findings);
  if (!edits.length) return undefined;
  return { title: `Fix all ClaimNote problems with a preferred fix (${fixed})`, kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
}
