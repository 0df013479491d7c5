// `claimnote report <paths> --out report.html [--format json]`: the workspace audit report, one
// self-contained HTML page with charts (docs/report.md), or the same figures as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeClaimBytes, readClaimBytes } from '../files';
import { reportFigures } from '../report/figures';
import { reportHtml, reportJson } from '../report/html';
import { ClaimNoteService } from '../service';
import { useDataFolder } from '../data/loaded';
import type { ReportOptions } from './args';
import { collectFiles, displayPath } from './paths';

export async function report(o: ReportOptions, out: (s: string) => void, err: (s: string) => void, now = new Date()): Promise<number> {
  if (o.data) useDataFolder(o.data);
  const service = new ClaimNoteService();
  service.configure({ rules: o.severities });
  const files = collectFiles(o.paths, 'report');
  const shown = new Map(files.map((f) => [f.uri, displayPath(f.path)]));
  for (const f of files) {
    const r = readClaimBytes(f.path);
    const decoded = 'bytes' in r ? decodeClaimBytes(r.bytes) : r;
    if ('text' in decoded) service.setDocument(f.uri, decoded.text);
    else service.setUnreadable(f.uri, decoded.error);
  }
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
