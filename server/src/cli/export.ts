// `claimnote export --to 837p|fhir`: the workspace checked, the claims that are ready written as
// one X12 837P interchange or one FHIR R4 Bundle, and every claim left out listed with why.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeClaimBytes, readClaimBytes } from '../files';
import { ClaimNoteService } from '../service';
import { useDataFolder } from '../data/loaded';
import { exportClaimsOf } from '../sending';
import type { ExportOptions } from './args';
import { collectFiles, displayPath } from './paths';
import { fileURLToPath } from 'node:url';

/** A date and time as `--date` takes them, from a clock reading (UTC). */
export function stampOf(now: Date): string {
  return now.toISOString().slice(0, 16);
}

/** Exports; the exit status. Usage errors (a missing path) are thrown. */
export function exportClaims(o: ExportOptions, out: (s: string) => void, err: (s: string) => void, now = new Date()): number {
  if (o.data) useDataFolder(o.data);
  const service = new ClaimNoteService();
  service.configure({ rules: o.severities });
  const files = collectFiles(o.paths, 'export');
  const pathOf = new Map(files.map((f) => [f.uri, displayPath(f.path)]));
  for (const f of files) {
    const r = readClaimBytes(f.path);
    const decoded = 'bytes' in r ? decodeClaimBytes(r.bytes) : r;
    if ('text' in decoded) service.setDocument(f.uri, decoded.text);
    else {
      service.setUnreadable(f.uri, decoded.error);
      err(`claimnote: ${displayPath(f.path)} not read: ${decoded.error}\n`);
    }
  }
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
