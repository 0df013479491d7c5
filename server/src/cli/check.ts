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
import { checkBatchText, positionsOf } from '../batch';
import { pathToFileURL } from 'node:url';
import { X12_EXTENSIONS } from './import';
import { extname } from 'node:path';
import { readFileSync } from 'node:fs';
import { claimSummary, COLORS, findingLine, PLAIN, totalsLine } from './text';

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
}

/** Checks and writes the report; the exit status. Usage errors (a missing path) are thrown. */
export async function check(o: CheckOptions, io: Output): Promise<number> {
  const all = collectFiles(o.paths, 'check');
  // an 837P batch is imported in memory and checked alone (claimnote check batch.x12)
  const batches = all.filter((f) => X12_EXTENSIONS.has(extname(f.path).toLowerCase()));
  const files = all.filter((f) => !batches.includes(f));
  const checked = await checkInParts(files, o.severities, o.jobs, o.data);
  const cross = new Map<string, Finding[]>();
  for (const f of checked.cross) {
    const list = cross.get(f.uri);
    if (list) list.push(f);
    else cross.set(f.uri, [f]);
  }
  const pathOf = pathOfUri(new Map(all.map((f) => [f.uri, displayPath(f.path)])));
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
  batches.forEach((b, k) => {
    const path = displayPath(b.path);
    let text: string;
    try {
      text = readFileSync(b.path, 'utf8');
    } catch (e) {
      io.err(`claimnote: ${path} not checked: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      counts.error++;
      return;
    }
    const r = checkBatchText(pathToFileURL(b.path).href, text, o.severities);
    if (r.error) {
      io.err(`claimnote: ${path} not checked: ${r.error}\n`);
      counts.error++;
      return;
    }
    if (r.notices.length) {
      const at = positionsOf(text);
      for (const n of r.notices) {
        const p = n.at ? at(n.at.start) : undefined;
        io.err(
          `${path}${p ? `:${p.line + 1}:${p.character + 1}` : ''}${n.claim ? ` claim ${n.claim}` : ''}: ClaimNote cannot say: ${n.message}\n`,
        );
      }
    }
    for (const d of r.findings) counts[d.severity]++;
    const idAt = (f: Finding) => r.claimOf.get(f);
    const index = files.length + k;
    if (o.format === 'json') {
      const entry: CliFileReport = { path, diagnostics: r.findings.map((f) => jsonDiagnostic(f, idAt(f), pathOf)) };
      io.out((index ? ',' : '') + JSON.stringify(entry));
    } else if (sarif) {
      for (const f of r.findings) {
        io.out((first ? '' : ',') + JSON.stringify(sarifResult(b.path, f, idAt(f), pathOf)));
        first = false;
      }
    } else {
      for (const f of r.findings) io.out(findingLine(palette, path, idAt(f), f));
      for (const { id, line } of r.claims) {
        const mine = r.findings.filter((f) => r.claimOf.get(f) === id);
        tallies.push({
          id,
          path,
          line,
          errors: mine.filter((f) => f.severity === 'error').length,
          warnings: mine.filter((f) => f.severity === 'warning').length,
        });
      }
    }
  });
  if (o.format === 'json') {
    const summary: CliSummary = { files: all.length, ...counts };
    io.out(`],"summary":${JSON.stringify(summary)}}\n`);
  } else if (sarif) io.out(sarif.tail + '\n');
  else {
    if (all.length) io.out('\n' + claimSummary(palette, tallies));
    io.out(totalsLine(all.length, counts));
  }
  return counts.error > 0 && !o.exitZero ? 1 : 0;
}
