// `claimnote export --to 837p|fhir`: the workspace checked, the claims that are ready written as
// one X12 837P interchange or one FHIR R4 Bundle, and every claim left out listed with why.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportClaimsOf } from '../sending';
import type { ExportOptions } from './args';
import { loadWorkspace } from './workspace';
import { fileURLToPath } from 'node:url';

/** A date and time as `--date` takes them, from a clock reading (UTC). */
export function stampOf(now: Date): string {
  return now.toISOString().slice(0, 16);
}

/** Exports; the exit status. Usage errors (a missing path) are thrown. */
export function exportClaims(o: ExportOptions, out: (s: string) => void, err: (s: string) => void, now = new Date()): number {
  const { service, pathOf } = loadWorkspace(o.paths, 'export', { severities: o.severities, data: o.data, err });
  const date = o.date ?? stampOf(now);
  const r = exportClaimsOf(service.workspace, service.findingsByUri(), { to: o.to, date, usage: o.usage, controlNumber: o.controlNumber });
  for (const l of r.left) {
    const path = pathOf.get(l.uri) ?? fileURLToPath(l.uri);
    err(`${path}:${l.line + 1} claim ${l.id} left out:\n${l.reasons.map((x) => `  - ${x}\n`).join('')}`);
  }
  if ('error' in r) {
    err(`claimnote: ${r.error}\n`);
    // nothing ready is a claim left out; an interchange ClaimNote's validator refused is an internal failure
    return r.error.startsWith('no claim') ? (o.exitZero ? 0 : 1) : 2;
  }
  const { text, exported, left } = r;
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, text);
  } else out(text);
  err(
    `exported ${exported.length} claim${exported.length === 1 ? '' : 's'} as ${o.to === '837p' ? 'X12 837P' : 'FHIR R4'}${o.out ? ` to ${o.out}` : ''}; ${left.length} left out\n`,
  );
  return left.length && !o.exitZero ? 1 : 0;
}
