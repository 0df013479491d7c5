// A CMS file read in pieces instead of whole: the PTP edits are a million rows (about 75 MB), and
// holding the file, its rows and their cells at once costs gigabytes. Pieces end at a line end
// (a LF or CR byte, never part of a multi-byte UTF-8 character), so each decodes on its own.
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * How many bytes a piece holds, about: small enough that its string is a young object, collected
 * at once (a piece of 1 MB is a large object, kept until a full collection: 40 MB more at peak).
 */
export const PIECE_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/** A file's bytes as text: UTF-8, or Windows-1252 when they are not valid UTF-8. */
export function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

/** The first `bytes` bytes of a file as text, cut at its last line end when it is longer. */
export function headOf(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    if (n < bytes) return decode(buf.subarray(0, n)).replace(/^\uFEFF/, '');
    const end = Math.max(buf.lastIndexOf(10), buf.lastIndexOf(13));
    return decode(buf.subarray(0, end < 0 ? n : end + 1)).replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a file in pieces of whole lines, about `size` bytes each (a longer line is one
 * longer piece): UTF-8, or Windows-1252 from the first piece that is not valid UTF-8 on (CMS's
 * files are ASCII; a file that is not is rarely of two encodings). A byte order mark is dropped.
 */
export function* piecesOf(path: string, size = PIECE_BYTES): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    /** bytes read since the last line end (a long line, or a file without line ends, spans many reads) */
    let pending: Buffer[] = [];
    let latin = false;
    let first = true;
    const text = (b: Uint8Array): string => {
      let s: string;
      if (latin) s = windows1252.decode(b);
      else
        try {
          s = utf8.decode(b);
        } catch {
          latin = true;
          s = windows1252.decode(b);
        }
      if (first) {
        first = false;
        s = s.replace(/^\uFEFF/, '');
      }
      return s;
    };
    const buf = Buffer.alloc(size);
    for (;;) {
      const n = readSync(fd, buf, 0, size, null);
      if (n === 0) break;
      const read = buf.subarray(0, n);
      // the piece ends at the last line end read: LF or CR (neither is ever part of a UTF-8 character)
      const end = Math.max(read.lastIndexOf(10), read.lastIndexOf(13));
      if (end < 0) {
        pending.push(Buffer.from(read));
        continue;
      }
      const piece = text(pending.length ? Buffer.concat([...pending, read.subarray(0, end + 1)]) : read.subarray(0, end + 1));
      pending = [Buffer.from(read.subarray(end + 1))];
      yield piece;
    }
    const rest = Buffer.concat(pending);
    if (rest.length) yield text(rest);
  } finally {
    closeSync(fd);
  }
}
