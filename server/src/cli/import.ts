// `claimnote import`: X12 837P interchanges and FHIR R4 Claims or Bundles read into .claim files:
// billing.claim (practices and payers), then one file of claims per billing provider and payer.
// What a format carried that ClaimNote cannot say stays above its claim and is listed.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ImportedClaim, ImportNotice } from '../interchange/claim';
import { ClaimTextWriter, type KnownBlocks } from '../interchange/claimText';
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

/** A name in `dir` for `name` that no file there has and that is not `taken`: the name, or name-2.claim, name-3.claim... */
function freeName(dir: string, name: string, taken: ReadonlySet<string>): string {
  let free = name;
  for (let k = 2; taken.has(free) || existsSync(join(dir, free)); k++) free = name.replace(/\.claim$/, `-${k}.claim`);
  return free;
}

/** The claims' files of an import, made as their first claims come and added to as they go. */
class ImportedFiles {
  /** the name given to each of the writer's files */
  private readonly named = new Map<string, string>();
  /** the names given, in order: billing.claim's is kept for it from the start */
  private readonly names: string[] = [];
  readonly billing: string;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.billing = freeName(dir, 'billing.claim', new Set());
  }

  /** Writes pieces of text at the end of their files; a file already there is never overwritten. */
  write(pieces: readonly { name: string; text: string }[]): void {
    for (const piece of pieces) {
      const name = this.named.get(piece.name);
      if (name) {
        appendFileSync(join(this.dir, name), piece.text);
        continue;
      }
      const free = freeName(this.dir, piece.name, new Set([this.billing]));
      writeFileSync(join(this.dir, free), piece.text, { flag: 'wx' });
      this.named.set(piece.name, free);
      this.names.push(free);
    }
  }

  /** Writes billing.claim (when there is one); the names written, billing.claim first. */
  finish(billingText: string | undefined): string[] {
    if (billingText === undefined) return this.names;
    writeFileSync(join(this.dir, this.billing), billingText, { flag: 'wx' });
    return [this.billing, ...this.names];
  }

  /** Removes the files this import made (it stopped on an error: half an import is not left behind). */
  remove(): void {
    for (const name of this.names) rmSync(join(this.dir, name), { force: true });
  }
}

/** How many claims are written as text before they go to their files (bounds what an import holds). */
const CLAIMS_PER_WRITE = 2000;

/**
 * Imports; the exit status. Usage errors (a missing path) are thrown. Each claim is written as
 * it is read, and the text goes to its file every few thousand claims: an import holds one
 * interchange file's text and the claims of one write, not every claim.
 */
export function importClaims(o: ImportOptions, out: (s: string) => void, err: (s: string) => void): number {
  // (a missing input is a usage error before anything is written)
  const inputs = importFiles(o.paths);
  const writer = new ClaimTextWriter(knownBlocksIn(o.out), { sources: false });
  const files = new ImportedFiles(o.out);
  try {
    return importInto(o, inputs, writer, files, out, err);
  } catch (e) {
    files.remove();
    throw e;
  }
}

function importInto(
  o: ImportOptions,
  inputs: readonly string[],
  writer: ClaimTextWriter,
  files: ImportedFiles,
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  let failed = false;
  let pending = 0;
  for (const path of inputs) {
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
      writer.add(c);
      if (++pending >= CLAIMS_PER_WRITE) {
        files.write(writer.take());
        pending = 0;
      }
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
  const written = writer.finish();
  const billing = written.files.find((f) => f.name === 'billing.claim');
  files.write(written.files.filter((f) => f !== billing));
  const names = files.finish(billing?.text);
  const claims = writer.claims;
  for (const n of written.notices) err(`claim ${n.claim}: ${n.message}\n`);
  out(
    `imported ${claims} claim${claims === 1 ? '' : 's'} into ${o.out} (${names.join(', ') || 'no files'})` +
      `${written.notices.length ? `; ${written.notices.length} thing${written.notices.length === 1 ? '' : 's'} ClaimNote cannot say, kept as # import: comments` : ''}\n`,
  );
  return failed ? 1 : 0;
}
