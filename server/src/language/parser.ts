// The ClaimNote parser: one statement a line, blocks from `claim`/`policy` to the next.
// Recovery follows docs/rules.md "Recovery": a service line whose code parses stays, dropping
// only the items that do not parse; any other line with a syntax error is dropped. Linear in
// the text. One line is read by lineParser.ts; an edit re-parses only its blocks (reparse.ts).
import { detachedCopy } from './scanner';
import { lengthsOf, lineEnding, splitLines } from './lines';
import type { BlockMap } from './blockMap';
import { parseLineInto, releaseLineParser } from './lineParser';
import type { Block, ClaimFile, SyntaxError } from './syntax';

export function parseDocument(uri: string, text: string): ClaimFile {
  return parseDocumentLines(uri, splitLines(text), lineEnding(text));
}

/**
 * Parses a document block by block: each block is yielded as soon as it is parsed, with the
 * file as parsed so far (its line table whole, its errors up to and including the block's, the
 * blocks before it), so that a caller can check a block while it is fresh; returns the file.
 */
export function* parseDocumentInSteps(
  uri: string,
  lines: readonly string[],
  eol: '\n' | '\r\n',
): Generator<{ file: ClaimFile; block: Block }, ClaimFile> {
  const file = makeFile(uri, [], [], lengthsOf(lines), eol);
  let block: Block | undefined;
  const done = (b: Block) => {
    sealBlock(b);
    if (!file.blocks.length) for (const e of file.preamble) file.errors.push(e);
    for (const e of b.errors) file.errors.push(e);
  };
  try {
    for (let i = 0; i < lines.length; i++) {
      const opened = parseLineInto(file.preamble, block, lines[i], i);
      if (!opened) continue;
      if (block) {
        done(block);
        yield { file, block };
        file.blocks.push(block);
      }
      block = opened;
    }
    if (block) {
      done(block);
      yield { file, block };
      file.blocks.push(block);
    } else for (const e of file.preamble) file.errors.push(e);
  } finally {
    releaseLineParser();
  }
  return file;
}

/** Parses a document given as its lines (without their breaks) and its line ending. */
export function parseDocumentLines(uri: string, lines: readonly string[], eol: '\n' | '\r\n'): ClaimFile {
  const { blocks, preamble } = parseLines(lines, 0);
  return makeFile(uri, blocks, preamble, lengthsOf(lines), eol);
}

export function makeFile(uri: string, blocks: Block[], preamble: SyntaxError[], lineLengths: Uint32Array, eol: '\n' | '\r\n'): ClaimFile {
  const errors = preamble.slice();
  for (const b of blocks) for (const e of b.errors) errors.push(e);
  return {
    uri,
    lineCount: lineLengths.length,
    lastLineLength: lineLengths[lineLengths.length - 1],
    lineLengths,
    eol,
    blocks,
    preamble,
    errors,
  };
}

/**
 * Parses only the blocks `keep` selects (by their index in the map), and the lines before the
 * first block when `preamble` is set. Line numbers are those of the whole text, and the line
 * table is the whole text's, so findings and fixes are as in a full parse. Without `lines` (the
 * CLI), the lines of each kept block are cut from the text through the map as it is parsed, and
 * die with it; with them, they are read from `lines`. For the CLI, which splits a workspace
 * between threads by patient.
 */
export function parseBlocks(
  uri: string,
  text: string,
  map: BlockMap,
  lines: readonly string[] | undefined,
  keep: (block: number) => boolean,
  preamble: boolean,
): ClaimFile {
  const { starts, lineStarts } = map;
  const count = map.lineLengths.length;
  // the lines [from, to): the whole text's lines, or the region's own (then indexed from `from`)
  // (a region is copied out of the text, so that the blocks' strings do not keep the whole text alive)
  const cut = (from: number, to: number): readonly string[] =>
    lines ?? splitLines(detachedCopy(text.slice(lineStarts[from], to < count ? lineStarts[to] : text.length)));
  const pre: SyntaxError[] = [];
  if (preamble) {
    const first = starts.length ? starts[0] : count;
    const own = cut(0, first);
    for (let k = 0; k < first; k++) parseLineInto(pre, undefined, own[k], k);
  }
  const file = makeFile(uri, [], pre, map.lineLengths, map.eol);
  for (let i = 0; i < starts.length; i++) {
    if (!keep(i)) continue;
    const from = starts[i];
    const to = i + 1 < starts.length ? starts[i + 1] : count;
    const own = cut(from, to);
    const at = lines ? 0 : from;
    // (a line missing from a region, were the text not the one mapped, reads as blank: no crash)
    const block = parseLineInto(pre, undefined, own[from - at] ?? '', from) ?? parseLineInto(pre, undefined, 'claim', from)!;
    for (let k = from + 1; k < to; k++) parseLineInto(pre, block, own[k - at] ?? '', k);
    sealBlock(block);
    for (const e of block.errors) file.errors.push(e);
    file.blocks.push(block);
  }
  releaseLineParser();
  return file;
}

/**
 * Parses consecutive lines, the first of which is line `first` of the file; `parsed` sees each
 * block once its last line is parsed.
 */
export function parseLines(
  lines: readonly string[],
  first: number,
  preamble: SyntaxError[] = [],
): { blocks: Block[]; preamble: SyntaxError[] } {
  const blocks: Block[] = [];
  let block: Block | undefined;
  for (let i = 0; i < lines.length; i++) {
    const opened = parseLineInto(preamble, block, lines[i], first + i);
    if (opened) {
      if (block) sealBlock(block);
      block = opened;
      blocks.push(block);
    }
  }
  if (block) sealBlock(block);
  releaseLineParser();
  return { blocks, preamble };
}

/** Shared by every empty list of a sealed block: nothing adds to a block once it is parsed. */
const NONE: never[] = [];
/** An array grown by push keeps spare room (17 slots for one item): an exact copy, or NONE. */
const exact = <T>(a: T[]): T[] => (a.length === 0 ? NONE : a.slice());

/**
 * Called once a block's last line is parsed: its lists become exact-size arrays. A syntax tree
 * is mostly short lists, and this takes about a fifth off its memory (and off the collector's
 * copying of it).
 */
function sealBlock(b: Block): void {
  b.duplicates = exact(b.duplicates);
  b.errors = exact(b.errors);
  if (b.kind === 'claim') {
    b.diagnoses = exact(b.diagnoses);
    for (const l of b.lines) {
      l.modifiers = exact(l.modifiers);
      if (l.dx) l.dx.pointers = exact(l.dx.pointers);
    }
    b.lines = exact(b.lines);
    for (const m of b.muscles) m.items = exact(m.items);
    b.muscles = exact(b.muscles);
    b.drugs = exact(b.drugs);
    b.texts = exact(b.texts);
    for (const p of b.priors) p.items = exact(p.items);
    b.priors = exact(b.priors);
    b.denials = exact(b.denials);
  } else if (b.kind === 'policy') {
    b.limits = exact(b.limits);
    for (const c of b.covers) c.entries = exact(c.entries);
    b.covers = exact(b.covers);
    for (const c of b.excludes) c.entries = exact(c.entries);
    b.excludes = exact(b.excludes);
  }
}
