// `claimnote export --to 837p|fhir`: the workspace checked, the claims that are ready written as
// one X12 837P interchange or one FHIR R4 Bundle, and every claim left out listed with why. The
// claims are checked as `check` checks them (in parts, on several threads, for a large
// workspace); each part picks its claims that are ready, and a claim that a finding across parts
// stops (an id another part's claim has too) is left out here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OutgoingClaim } from '../interchange/claim';
import { reasonOf, type ClaimSource, type LeftOut } from '../interchange/outgoing';
import { checkInParts } from '../parts';
import type { Finding } from '../rules/rule';
import { FindingsByLine } from '../rules/findingsByLine';
import { exportSelected } from '../sending';
import type { ExportOptions } from './args';
import { collectFiles, displayPath } from './paths';
import { reportUnreadable } from './workspace';

/** A date and time as `--date` takes them, from a clock reading (UTC). */
export function stampOf(now: Date): string {
  return now.toISOString().slice(0, 16);
}

/** Reasons with the findings' reasons added among them by line (reasons without a line, the gaps, stay last). */
function withFindings(reasons: readonly string[], findings: readonly Finding[]): string[] {
  const lineOf = (r: string) => Number(/^line (\d+): /.exec(r)?.[1] ?? Infinity);
  const all = [
    ...reasons.map((r, i) => ({ r, line: lineOf(r), i })),
    ...findings.map((f, k) => ({ r: reasonOf(f), line: f.range.start.line + 1, i: reasons.length + k })),
  ];
  return all.sort((a, b) => a.line - b.line || a.i - b.i).map((x) => x.r);
}

/** Exports; the exit status. Usage errors (a missing path) are thrown. */
export async function exportClaims(
  o: ExportOptions,
  out: (s: string) => void,
  err: (s: string) => void,
  now = new Date(),
): Promise<number> {
  const files = collectFiles(o.paths, 'export');
  const shown = new Map(files.map((f) => [f.uri, displayPath(f.path)]));
  // parts of a quarter of the usual size: the claims ready so far are kept while the next parts are checked (under 1 GB for 100,000 claims)
  const checked = await checkInParts(files, o.severities, undefined, o.data, { product: 'export', partShare: 0.25 });
  reportUnreadable(files, checked.local, err);
  // the parts' choices, in workspace order: by file, then line
  const order = new Map(files.map((f, i) => [f.uri, i]));
  const place = (uri: string, line: number) => (order.get(uri) ?? order.size) * 2 ** 32 + line;
  const ready: { claim: OutgoingClaim; source: ClaimSource }[] = [];
  let left: LeftOut[] = [];
  for (const p of checked.products) {
    if (!p.export) continue;
    p.export.claims.forEach((claim, i) => ready.push({ claim, source: p.export!.sources[i] }));
    left = left.concat(p.export.left);
  }
  // the errors found across parts stop their claims, as they would in one part: first those
  // already left out get them among their reasons, then the ready claims they stop are left out
  const stops = new FindingsByLine(checked.cross.filter((f) => f.severity === 'error'));
  for (const l of left) {
    const own = stops.on(l.uri, l.line, l.endLine);
    if (own.length) l.reasons = withFindings(l.reasons, own);
  }
  const claims: OutgoingClaim[] = [];
  for (const r of ready.sort((a, b) => place(a.source.uri, a.source.line) - place(b.source.uri, b.source.line))) {
    const { uri, line, endLine } = r.source;
    const own = stops.on(uri, line, endLine);
    if (own.length) left.push({ id: r.claim.id, uri, line, endLine, reasons: withFindings([], own) });
    else claims.push(r.claim);
  }
  left.sort((a, b) => place(a.uri, a.line) - place(b.uri, b.line));
  const r = exportSelected(claims, left, { to: o.to, date: o.date ?? stampOf(now), usage: o.usage, controlNumber: o.controlNumber });
  for (const l of r.left)
    err(`${shown.get(l.uri) ?? l.uri}:${l.line + 1} claim ${l.id} left out:\n${l.reasons.map((x) => `  - ${x}\n`).join('')}`);
  if ('error' in r) {
    err(`claimnote: ${r.error}\n`);
    // nothing ready is a claim left out; an interchange ClaimNote's validator refused is an internal failure
    return r.error.startsWith('no claim') ? (o.exitZero ? 0 : 1) : 2;
  }
  const { text, exported } = r;
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, text);
  } else out(text);
  err(
    `exported ${exported.length} claim${exported.length === 1 ? '' : 's'} as ${o.to === '837p' ? 'X12 837P' : 'FHIR R4'}${o.out ? ` to ${o.out}` : ''}; ${r.left.length} left out\n`,
  );
  return r.left.length && !o.exitZero ? 1 : 0;
}
