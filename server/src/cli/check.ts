// `claimnote check`: the files checked as one workspace (see parts.ts: split by patient between
// threads), then the report in text, JSON or SARIF, file by file.
import { checkInParts } from '../parts';
import { compareFindings } from '../rules/engine';
import type { Finding, Severity } from '../rules/rule';
import type { CheckOptions } from './args';
import { claimAt, tallyClaims, type ClaimTally } from './claims';
import { jsonDiagnostic, pathOfUri, type CliFileReport, type CliSummary } from './json';
import { collectFiles, displayPath } from './paths';
import { sarifFrame, sarifResult } from './sarif';
import { claimSummary, COLORS, findingLine, PLAIN, totalsLine } from './text';

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
}

/** Checks and writes the report; the exit status. Usage errors (a missing path) are thrown. */
export async function check(o: CheckOptions, io: Output): Promise<number> {
  const files = collectFiles(o.paths, 'check');
  const checked = await checkInParts(files, o.severities, o.jobs);
  const cross = new Map<string, Finding[]>();
  for (const f of checked.cross) {
    const list = cross.get(f.uri);
    if (list) list.push(f);
    else cross.set(f.uri, [f]);
  }
  const pathOf = pathOfUri(new Map(files.map((f) => [f.uri, displayPath(f.path)])));
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const palette = o.format === 'text' && io.color ? COLORS : PLAIN;
  const tallies: ClaimTally[] = [];
  let first = true;
  const sarif = o.format === 'sarif' ? sarifFrame() : undefined;
  if (o.format === 'json') io.out('{"files":[');
  if (sarif) io.out(sarif.head);
  files.forEach((e, i) => {
    const findings = checked.local[i].concat(cross.get(e.uri) ?? []).sort(compareFindings);
    const claims = checked.claims[i];
    const path = displayPath(e.path);
    const idAt = (f: Finding) => claimAt(claims, f.range.start.line)?.id || undefined;
    for (const d of findings) counts[d.severity]++;
    if (o.format === 'json') {
      // the report (`CliReport`) is written file by file: a large workspace's is never whole in memory
      const entry: CliFileReport = { path, diagnostics: findings.map((f) => jsonDiagnostic(f, idAt(f), pathOf)) };
      io.out((i ? ',' : '') + JSON.stringify(entry));
    } else if (sarif) {
      for (const f of findings) {
        io.out((first ? '' : ',') + JSON.stringify(sarifResult(e.path, f, idAt(f), pathOf)));
        first = false;
      }
    } else {
      for (const f of findings) io.out(findingLine(palette, path, idAt(f), f));
      for (const t of tallyClaims(path, claims, findings)) tallies.push(t);
    }
    checked.local[i] = [];
  });
  if (o.format === 'json') {
    const summary: CliSummary = { files: files.length, ...counts };
    io.out(`],"summary":${JSON.stringify(summary)}}\n`);
  } else if (sarif) io.out(sarif.tail + '\n');
  else {
    if (files.length) io.out('\n' + claimSummary(palette, tallies));
    io.out(totalsLine(files.length, counts));
  }
  return counts.error > 0 && !o.exitZero ? 1 : 0;
}
