// `claimnote export --to 837p|fhir`: the workspace checked, the claims that are ready written as
// one X12 837P interchange or one FHIR R4 Bundle, and every claim left out listed with why.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeClaimBytes, readClaimBytes } from '../files';
import { selectForExport } from '../interchange/outgoing';
import { write837 } from '../interchange/x12';
import { toFhirBundle } from '../interchange/fhir';
import { ClaimNoteService } from '../service';
import type { ExportOptions } from './args';
import { collectFiles, displayPath } from './paths';
import { fileURLToPath } from 'node:url';

/** A date and time as `--date` takes them, from a clock reading (UTC). */
export function stampOf(now: Date): string {
  return now.toISOString().slice(0, 16);
}

/** Exports; the exit status. Usage errors (a missing path) are thrown. */
export function exportClaims(o: ExportOptions, out: (s: string) => void, err: (s: string) => void, now = new Date()): number {
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
  const { claims, left } = selectForExport(service.workspace, service.findingsByUri());
  for (const l of left) {
    const path = pathOf.get(l.uri) ?? fileURLToPath(l.uri);
    err(`${path}:${l.line + 1} claim ${l.id} left out:\n${l.reasons.map((r) => `  - ${r}\n`).join('')}`);
  }
  if (!claims.length) {
    err(`claimnote: no claim is ready to export (${left.length} left out)\n`);
    return o.exitZero ? 0 : 1;
  }
  const date = o.date ?? stampOf(now);
  let text: string;
  if (o.to === '837p') {
    try {
      text = write837(claims, { usage: o.usage, controlNumber: o.controlNumber, date });
    } catch (e) {
      // ClaimNote's own validator refused the interchange: nothing is written
      err(`claimnote: the 837P was not written: ${(e as Error).message}\n`);
      return 2;
    }
  } else text = JSON.stringify(toFhirBundle(claims, { created: date.slice(0, 10) }), null, 2) + '\n';
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, text);
  } else out(text);
  err(
    `exported ${claims.length} claim${claims.length === 1 ? '' : 's'} as ${o.to === '837p' ? 'X12 837P' : 'FHIR R4'}${o.out ? ` to ${o.out}` : ''}; ${left.length} left out\n`,
  );
  return left.length && !o.exitZero ? 1 : 0;
}
