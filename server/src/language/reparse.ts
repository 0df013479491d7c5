// Incremental re-parse: after an edit, only the blocks it touched are parsed again; the blocks
// after it are reused, their line numbers moved.
import { makeFile, parseLines } from './parser';
import { lastBlockFrom } from './locate';
import type { Block, ClaimFile } from './syntax';

/** Adds `delta` to every line number of a block (its tokens, nodes and errors). */
export function shiftLines(node: unknown, delta: number, seen?: Set<object>): void {
  if (seen) {
    if (seen.has(node as object)) return;
    seen.add(node as object);
  }
  if (Array.isArray(node)) {
    for (const x of node) if (x && typeof x === 'object') shiftLines(x, delta, seen);
    return;
  }
  const o = node as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (typeof v === 'number') {
      if (key === 'line' || key === 'startLine' || key === 'endLine') o[key] = v + delta;
    } else if (v && typeof v === 'object' && !(v instanceof Uint32Array)) shiftLines(v, delta, seen);
  }
}

export interface Reparse {
  file: ClaimFile;
  /** blocks of the old file that the edit replaced, and their replacements */
  removed: Block[];
  added: Block[];
  /** index in the new file's blocks of the first added block */
  at: number;
  /** blocks of the old file reused after the edit, with their lines shifted by `delta` */
  shifted: Block[];
  /** the first line (old numbering) that moved */
  fromLine: number;
  delta: number;
}

/**
 * Re-parses only the blocks an edit touches, given the document's new lines and the lines the
 * edit replaced (old lines `[first, lastOld]`, now `[first, lastOld + delta]`): from the block
 * holding the first changed line (the one before it when the change reaches its header line,
 * which may no longer open a block) to the end of the block holding the last changed line.
 * Blocks before are reused as they are; blocks after are reused with their line numbers shifted.
 */
export function reparseLines(
  old: ClaimFile,
  lines: readonly string[],
  eol: '\n' | '\r\n',
  first: number,
  lastOld: number,
  delta: number,
): Reparse {
  const blocks = old.blocks;
  let i0 = lastBlockFrom(blocks, first);
  if (i0 >= 0 && blocks[i0].startLine === first) i0--;
  const i1 = Math.max(lastBlockFrom(blocks, lastOld), i0);
  const r0 = i0 >= 0 ? blocks[i0].startLine : 0;
  const r1Old = i1 + 1 < blocks.length ? blocks[i1 + 1].startLine - 1 : old.lineCount - 1;
  const r1New = r1Old + delta;
  const region = lines.slice(r0, r1New + 1);
  const parsed = parseLines(region, r0);
  const from = Math.max(i0, 0);
  const removed = blocks.slice(from, i1 + 1);
  const before = blocks.slice(0, from);
  const after = blocks.slice(i1 + 1);
  if (delta !== 0) for (const b of after) shiftLines(b, delta);
  const count = old.lineCount + delta;
  const lengths = new Uint32Array(count);
  lengths.set(old.lineLengths.subarray(0, r0), 0);
  for (let k = 0; k < region.length; k++) lengths[r0 + k] = region[k].length;
  lengths.set(old.lineLengths.subarray(r1Old + 1), r1New + 1);
  const preamble = r0 === 0 ? parsed.preamble : old.preamble;
  const file = makeFile(old.uri, before.concat(parsed.blocks, after), preamble, lengths, eol);
  return { file, removed, added: parsed.blocks, at: before.length, shifted: after, fromLine: r1Old + 1, delta };
}
