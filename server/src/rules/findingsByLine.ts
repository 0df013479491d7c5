// Findings grouped by file and sorted by the line they start on, so that the findings on a
// claim's lines are found by binary search: a workspace of 100,000 claims with thousands of
// findings across parts would otherwise compare every finding with every claim.
import type { Finding } from './rule';

export class FindingsByLine {
  private readonly byUri = new Map<string, Finding[]>();

  constructor(findings: readonly Finding[]) {
    for (const f of findings) {
      const list = this.byUri.get(f.uri);
      if (list) list.push(f);
      else this.byUri.set(f.uri, [f]);
    }
    // a stable sort: findings of one line keep their order
    for (const list of this.byUri.values()) list.sort((a, b) => a.range.start.line - b.range.start.line);
  }

  /** The findings of `uri` that start on lines `from` to `to` (0-based, inclusive), in line order. */
  on(uri: string, from: number, to: number): Finding[] {
    const list = this.byUri.get(uri);
    if (!list) return [];
    let lo = 0,
      hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].range.start.line < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Finding[] = [];
    for (let k = lo; k < list.length && list[k].range.start.line <= to; k++) out.push(list[k]);
    return out;
  }
}
