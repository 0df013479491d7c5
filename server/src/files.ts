// Finding and reading .claim files on disk, shared by the CLI and the server.
import { readdirSync, lstatSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** .claim files under a folder, sorted; no symbolic links, no hidden folders, no node_modules. */
export function findClaimFiles(dir: string, out: string[] = []): string[] {
  let names: string[];
  try { names = readdirSync(dir).sort(); } catch { return out; }
  for (const name of names) {
    const p = join(dir, name);
    let st;
    try { st = lstatSync(p); } catch { continue; }
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) { if (!name.startsWith('.') && name !== 'node_modules') findClaimFiles(p, out); }
    else if (st.isFile() && name.endsWith('.claim')) out.push(p);
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export type ReadResult = { text: string } | { error: string };

export function decodeClaimBytes(bytes: Uint8Array): ReadResult {
  try {
    return { text: decoder.decode(bytes) }; // the decoder drops a byte-order mark
  } catch {
    return { error: 'the file is not valid UTF-8 text' };
  }
}

function readError(e: unknown): ReadResult {
  return { error: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
}

/** Reads a file as strict UTF-8 (a BOM is dropped); returns an error message instead of throwing. */
export function readClaimFile(path: string): ReadResult {
  try { return decodeClaimBytes(readFileSync(path)); } catch (e) { return readError(e); }
}

export async function readClaimFileAsync(path: string): Promise<ReadResult> {
  try { return decodeClaimBytes(await readFile(path)); } catch (e) { return readError(e); }
}
