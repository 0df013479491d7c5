// `claimnote report <paths> --out report.html [--format json]`: the workspace audit report, one
// self-contained HTML page with charts (docs/report.md), or the same figures as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportFigures } from '../report/figures';
import { reportHtml, reportJson } from '../report/html';
import type { ReportOptions } from './args';
import { loadWorkspace } from './workspace';

export async function report(o: ReportOptions, out: (s: string) => void, err: (s: string) => void, now = new Date()): Promise<number> {
  const { service, pathOf: shown } = loadWorkspace(o.paths, 'report', { severities: o.severities, data: o.data, err });
  const data = reportFigures(service.workspace, service.findingsByUri(), {
    title: `ClaimNote audit report: ${o.paths.join(', ')}`,
    generated: now.toISOString(),
    pathOf: (uri) => shown.get(uri) ?? fileURLToPath(uri),
  });
  const text = o.format === 'json' ? reportJson(data) : await reportHtml(data);
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, text);
    err(`wrote the report of ${data.totals.claims} claims to ${o.out}\n`);
  } else out(text);
  return 0;
}
