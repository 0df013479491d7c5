// Finding and reading .claim files on disk, shared by the CLI and the server.
import { closeSync, constants, fstatSync, openSync, readdirSync, lstatSync, readFileSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

/** .claim files under a folder, sorted; no symbolic links, no hidden folders, no node_modules; regular files only. */
export function findClaimFiles(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) {
      if (!name.startsWith('.') && name !== 'node_modules') findClaimFiles(p, out);
    } else if (st.isFile() && name.endsWith('.claim')) out.push(p);
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export type ReadResult = { text: string } | { error: string };
export type BytesResult = { bytes: Buffer } | { error: string };

export function decodeClaimBytes(bytes: Uint8Array): ReadResult {
  try {
    return { text: decoder.decode(bytes) }; // the decoder drops a byte-order mark
  } catch {
    return { error: 'the file is not valid UTF-8 text' };
  }
}

/**
 * What is read at most from a file that is not a regular one (a pipe, a device such as
 * /dev/zero), and how long it may go without giving data: such a file has no size to trust and
 * may never end.
 */
export const SPECIAL_FILE_MAX_BYTES = 64 * 1024 * 1024;
export const SPECIAL_FILE_WAIT_MS = 5000;

const REASONS: Record<string, string> = {
  ENOENT: 'it does not exist (deleted or moved while checking?)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links',
  EISDIR: 'it is a folder',
  ENXIO: 'it is a socket or a device without a reader',
  EIO: 'input/output error',
  ERR_FS_FILE_TOO_LARGE: 'it is too large (2 GB or more)',
};

function readError(e: unknown): { error: string } {
  const code = (e as NodeJS.ErrnoException).code;
  const reason = code && REASONS[code];
  return { error: reason ? `${reason} (${code})` : `cannot read the file (${code ?? (e as Error).message})` };
}

/** The same file, unchanged: size and modification time. */
function sameStats(a: Stats, b: Stats): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

const CHANGED = { error: 'it changed while it was being read' };
const FOLDER = { error: 'it is a folder' };

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Reads a pipe or a device without blocking: at most SPECIAL_FILE_MAX_BYTES, giving up after SPECIAL_FILE_WAIT_MS without data. */
function readSpecial(fd: number): BytesResult {
  const chunks: Buffer[] = [];
  let total = 0;
  let idleSince = Date.now();
  for (;;) {
    const chunk = Buffer.allocUnsafe(65536);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return readError(e);
      if (Date.now() - idleSince > SPECIAL_FILE_WAIT_MS)
        return { error: `it is not a regular file and gave no data for ${SPECIAL_FILE_WAIT_MS / 1000} s` };
      Atomics.wait(pause, 0, 0, 10);
      continue;
    }
    if (n === 0) return { bytes: Buffer.concat(chunks, total) };
    idleSince = Date.now();
    total += n;
    if (total > SPECIAL_FILE_MAX_BYTES)
      return {
        error: `it is not a regular file and gives more than ${SPECIAL_FILE_MAX_BYTES / 1048576} MiB (a device such as /dev/zero?)`,
      };
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
  }
}

/**
 * A file's bytes, or why they cannot be had; never throws, never blocks for long. A regular file
 * is read whole and must not change while it is read; a pipe or a device is read as
 * `readSpecial` says; a folder is an error.
 */
export function readClaimBytes(path: string): BytesResult {
  let fd: number;
  // non-blocking: opening a pipe without a writer would otherwise wait for one
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return readError(e);
  }
  try {
    const before = fstatSync(fd);
    if (before.isDirectory()) return FOLDER;
    if (!before.isFile()) return readSpecial(fd);
    const bytes = readFileSync(fd);
    return bytes.length === before.size && sameStats(before, fstatSync(fd)) ? { bytes } : CHANGED;
  } catch (e) {
    return readError(e);
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* closed */
    }
  }
}

/** Reads a file as strict UTF-8 (a BOM is dropped); returns an error message instead of throwing. */
export function readClaimFile(path: string): ReadResult {
  const r = readClaimBytes(path);
  return 'bytes' in r ? decodeClaimBytes(r.bytes) : r;
}

export async function readClaimFileAsync(path: string): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return readError(e);
  }
  let special: boolean;
  try {
    const before = await handle.stat();
    if (before.isDirectory()) return FOLDER;
    if (!before.isFile()) special = true;
    else {
      const bytes = await handle.readFile();
      return bytes.length === before.size && sameStats(before, await handle.stat()) ? decodeClaimBytes(bytes) : CHANGED;
    }
  } catch (e) {
    return readError(e);
  } finally {
    await handle.close().catch(() => undefined);
  }
  // a pipe or a device: read as the CLI does, bounded
  return special ? readClaimFile(path) : CHANGED;
}
