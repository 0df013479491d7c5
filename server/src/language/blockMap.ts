// A text's block map: where each block starts, found without parsing or splitting the text,
// so that a caller can parse any block alone (the CLI splits a workspace by patient).
import { isKeywordLineIn, keywordAt } from './scanner';
import { lineEnding, lineTable } from './lines';
import { newClaim, NO_KEYWORD, parseLineInto, releaseLineParser } from './lineParser';

/** Whether the line from `from` to `to` of a text opens a block (`claim`, `policy` or `practice`), as `parseLineInto` decides. */
function opensBlockIn(text: string, from: number, to: number): boolean {
  return (
    isKeywordLineIn(text, from, to, 'claim') || isKeywordLineIn(text, from, to, 'policy') || isKeywordLineIn(text, from, to, 'practice')
  );
}

/** A file's line table and the first line of each of its blocks: enough to parse any block alone. */
export interface BlockMap {
  lineLengths: Uint32Array;
  lineStarts: Uint32Array;
  eol: '\n' | '\r\n';
  /** first line of every block, in order */
  starts: Uint32Array;
}

/** The block map of a text, read in place (the lines' strings are not made). */
export function mapBlocks(text: string): BlockMap {
  const { lineLengths, lineStarts } = lineTable(text);
  const starts: number[] = [];
  for (let k = 0; k < lineStarts.length; k++) if (opensBlockIn(text, lineStarts[k], lineStarts[k] + lineLengths[k])) starts.push(k);
  return { lineLengths, lineStarts, eol: lineEnding(text), starts: Uint32Array.from(starts) };
}

/** Line `k` of a mapped text. */
export function lineOf(text: string, map: BlockMap, k: number): string {
  return text.slice(map.lineStarts[k], map.lineStarts[k] + map.lineLengths[k]);
}

/**
 * Whether block `block` of a mapped text is one every claim may need (a `policy` or a
 * `practice` block), rather than a claim.
 */
export function isSharedBlock(text: string, map: BlockMap, block: number): boolean {
  const from = map.lineStarts[map.starts[block]];
  return !isKeywordLineIn(text, from, from + map.lineLengths[map.starts[block]], 'claim');
}

/**
 * The patient of block `block` of a mapped text, as a full parse of the block gives it (the
 * first `patient` line that parses), read from the block's `patient` lines only: a line whose
 * keyword is `claim` always opens a claim, and nothing else on it changes how a patient line
 * parses. The lines are read into a new empty claim, made directly rather than parsed from a
 * `claim` line (one claim reused for every block, held in the old generation, kept the nodes it
 * was handed alive, and the file texts they point into).
 */
export function patientOfBlock(text: string, map: BlockMap, block: number): string | undefined {
  const { starts, lineStarts, lineLengths } = map;
  const from = starts[block];
  const to = block + 1 < starts.length ? starts[block + 1] : lineLengths.length;
  if (keywordAt(lineOf(text, map, from)) !== 'claim') return undefined;
  const claim = newClaim(NO_KEYWORD, undefined, from, []);
  let patient: string | undefined;
  for (let k = from + 1; k < to && patient === undefined; k++) {
    if (!isKeywordLineIn(text, lineStarts[k], lineStarts[k] + lineLengths[k], 'patient')) continue;
    parseLineInto(claim.errors, claim, lineOf(text, map, k), k);
    patient = claim.patient?.value.value;
  }
  releaseLineParser();
  return patient;
}
