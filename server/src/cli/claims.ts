// Which claim a finding lies in, and each claim's tally for the summaries.
import type { ClaimSpan } from '../parts';
import type { Finding } from '../rules/rule';

/** The claim (sorted by line) whose lines hold `line`, if any. */
export function claimAt(claims: readonly ClaimSpan[], line: number): ClaimSpan | undefined {
  let lo = 0,
    hi = claims.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = claims[mid];
    if (line < c.startLine) hi = mid - 1;
    else if (line > c.endLine) lo = mid + 1;
    else return c;
  }
  return undefined;
}

/** A claim's errors and warnings (info and hints do not keep a claim from being ready). */
export interface ClaimTally {
  id: string;
  path: string;
  line: number;
  errors: number;
  warnings: number;
}

/** Tallies of a file's claims, and of its findings outside any claim (last, line -1, when there are some). */
export function tallyClaims(path: string, claims: readonly ClaimSpan[], findings: readonly Finding[]): ClaimTally[] {
  const tallies = claims.map((c): ClaimTally => ({ id: c.id, path, line: c.startLine, errors: 0, warnings: 0 }));
  const outside: ClaimTally = { id: '', path, line: -1, errors: 0, warnings: 0 };
  const index = new Map(claims.map((c, i) => [c, i]));
  for (const f of findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    const c = claimAt(claims, f.range.start.line);
    const t = c ? tallies[index.get(c)!] : outside;
    if (f.severity === 'error') t.errors++;
    else t.warnings++;
  }
  if (outside.errors || outside.warnings) tallies.push(outside);
  return tallies;
}
