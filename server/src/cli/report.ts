// `claimnote report <paths> --out report.html [--format json]`: the workspace audit report, one
// self-contained HTML page with charts (docs/report.md), or the same figures as JSON. The claims
// are checked as `check` checks them (in parts, on several threads, for a large workspace); each
// part gives the report's rows of its claims, and the rows are added up here.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkInParts } from '../parts';
import { addFindings, reportOf, type ReportRows } from '../report/figures';
import { preloadCharts, reportJson, writeReportHtml } from '../report/html';
import type { ReportOptions } from './args';
import { collectFiles, displayPath } from './paths';
import { reportUnreadable } from './workspace';

export async function report(o: ReportOptions, out: (s: string) => void, err: (s: string) => void, now = new Date()): Promise<number> {
  const files = collectFiles(o.paths, 'report');
  const shown = files.map((f) => displayPath(f.path));
  // the chart library loads while the threads check
  if (o.format !== 'json') preloadCharts();
  const checked = await checkInParts(files, o.severities, undefined, o.data, { product: 'report', shown });
  reportUnreadable(files, checked.local, err);
  const rows: ReportRows = { claims: [], sessions: [], outside: [] };
  for (const p of checked.products) {
    if (!p.report) continue;
    for (const c of p.report.claims) rows.claims.push(c);
    for (const s of p.report.sessions) rows.sessions.push(s);
    for (const f of p.report.outside) rows.outside.push(f);
  }
  addFindings(rows, checked.cross);
  const order = new Map(files.map((f, i) => [f.uri, i]));
  const data = reportOf([rows], {
    title: `ClaimNote audit report: ${o.paths.join(', ')}`,
    generated: now.toISOString(),
    files: files.length,
    fileOrder: (uri) => order.get(uri) ?? order.size,
  });
  // the page goes out in pieces as it is made (some 70 MB for 100,000 claims)
  const write = async (piece: (s: string) => void) => {
    if (o.format === 'json') piece(reportJson(data));
    else await writeReportHtml(data, piece);
  };
  if (!o.out) {
    await write(out);
    return 0;
  }
  const file = o.out;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '');
  await write((s) => appendFileSync(file, s));
  err(`wrote the report of ${data.totals.claims} claims to ${o.out}\n`);
  return 0;
}
