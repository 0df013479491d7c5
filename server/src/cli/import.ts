// `claimnote import`: X12 837P interchanges and FHIR R4 Claims or Bundles read into .claim files:
// billing.claim (practices and payers), then one file of claims per billing provider and payer.
// What a format carried that ClaimNote cannot say stays above its claim and is listed.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ImportedClaim, ImportNotice } from '../interchange/claim';
import { writeClaimText, type KnownBlocks } from '../interchange/claimText';
import { decodeClaimBytes, findClaimFiles, readClaimBytes } from '../files';
import { pathToFileURL } from 'node:url';
import { knownBlocksOf, readInterchange } from '../sending';
import { ClaimNoteService } from '../service';
import { UsageError, type ImportOptions } from './args';
import { displayPath } from './paths';

/** File name endings read as X12 interchanges (anything else that starts with `ISA` is one too). */
export const X12_EXTENSIONS = new Set(['.x12', '.837', '.edi']);

export interface ReadInterchange {
  text: string;
  format: '837p' | 'fhir';
  claims: ImportedClaim[];
  problems: ImportNotice[];
}

/** An interchange file read: an 837P when it starts with ISA, FHIR JSON when it starts with `{` (with `onClaim`, see read837). */
export function readInterchangeFile(path: string, onClaim?: (claim: ImportedClaim) => void): ReadInterchange | { error: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { error: `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  const r = readInterchange(text, onClaim);
  return 'error' in r ? r : { text, ...r };
}

/** The files to import: those given, and a folder's .x12, .837, .edi and .json files (sorted). */
function importFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or folder: ${p}`, 'import');
    }
    if (!st.isDirectory()) out.push(p);
    else
      for (const name of readdirSync(p).sort())
        if (X12_EXTENSIONS.has(extname(name).toLowerCase()) || extname(name).toLowerCase() === '.json') out.push(join(p, name));
  }
  return out;
}

/**
 * The practices (by NPI) and payers (by payer id) of the .claim files already in a folder, and
 * every practice and policy id they take: imported claims name those instead of new blocks.
 */
export function knownBlocksIn(dir: string): KnownBlocks {
  const service = new ClaimNoteService();
  if (existsSync(dir)) {
    const files: string[] = [];
    findClaimFiles(dir, files);
    for (const path of files) {
      const r = readClaimBytes(path);
      const decoded = 'bytes' in r ? decodeClaimBytes(r.bytes) : r;
      if ('text' in decoded) service.setDocument(pathToFileURL(path).href, decoded.text);
    }
  }
  return knownBlocksOf(service.workspace);
}

/** Imports; the exit status. Usage errors (a missing path) are thrown. */
export function importClaims(o: ImportOptions, out: (s: string) => void, err: (s: string) => void): number {
  let failed = false;
  const claims: ImportedClaim[] = [];
  for (const path of importFiles(o.paths)) {
    const shown = displayPath(path);
    let read = 0;
    const refused: string[] = [];
    // each claim as it is read, without where its values were in the file (not needed to write it)
    const r = readInterchangeFile(path, (c) => {
      read++;
      if (o.strict && c.notices.length) {
        refused.push(`${shown}: claim ${c.id ?? '(no id)'} not imported (--strict): ${c.notices.map((n) => n.message).join('; ')}\n`);
        return;
      }
      claims.push(c);
    });
    if ('error' in r) {
      err(`claimnote: ${shown} not imported: ${r.error}\n`);
      failed = true;
      continue;
    }
    for (const p of r.problems) err(`${shown}: ${p.message}\n`);
    if (r.problems.length && !read) failed = true;
    for (const line of refused) err(line);
    if (refused.length) failed = true;
  }
  const written = writeClaimText(claims, knownBlocksIn(o.out));
  // a file already there is never overwritten: the new one takes the next free name (name-2.claim)
  mkdirSync(o.out, { recursive: true });
  const names: string[] = [];
  for (const f of written.files) {
    let name = f.name;
    for (let k = 2; existsSync(join(o.out, name)); k++) name = f.name.replace(/\.claim$/, `-${k}.claim`);
    writeFileSync(join(o.out, name), f.text, { flag: 'wx' });
    names.push(name);
  }
  for (const n of written.notices) err(`claim ${n.claim}: ${n.message}\n`);
  out(
    `imported ${claims.length} claim${claims.length === 1 ? '' : 's'} into ${o.out} (${names.join(', ') || 'no files'})` +
      `${written.notices.length ? `; ${written.notices.length} thing${written.notices.length === 1 ? '' : 's'} ClaimNote cannot say, kept as # import: comments` : ''}\n`,
  );
  return failed ? 1 : 0;
}
