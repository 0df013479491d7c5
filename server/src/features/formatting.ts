// Formatting (document and range): block lines indented one level, arguments of consecutive
// lines aligned, keywords lower case, codes, modifiers, ICD-10-CM codes and pointer letters
// upper case, trailing white space removed. Comments and free text are kept as written, and
// a line with a syntax error is left exactly as it is. Formatting twice changes nothing more.
import { PART_KEYWORD_SET } from '../language/lexicon';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { scanLine, ScannedLine } from '../language/scanner';
import { blockAt } from '../language/locate';
import type { ClaimFile } from '../language/syntax';
import type { Workspace } from '../model/workspace';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
}

/** Keywords up to this long are padded so that arguments line up; longer ones take one space. */
export const ALIGN_MAX = 8;

/**
 * Keywords whose argument is not aligned: a service line reads as one unit
 * (`line 20552-LT dx A,B`), never `line     20552-LT`. They take one space and do not widen
 * the column of the lines around them.
 */
const UNALIGNED = new Set(['line']);

type Role = 'blank' | 'comment' | 'opener' | 'body' | 'keep';

interface Info {
  role: Role;
  scanned: ScannedLine;
  keyword?: string;
}

function classify(file: ClaimFile | undefined, lines: readonly string[], errorLines: Set<number>): Info[] {
  return lines.map((text, i) => {
    const scanned = scanLine(text);
    if (scanned.first < 0) return { role: 'blank', scanned };
    if (!scanned.words.length) return { role: 'comment', scanned };
    if (errorLines.has(i)) return { role: 'keep', scanned };
    const kw = scanned.words[0];
    const keyword = kw.quoted ? '' : kw.text.toLowerCase();
    if (keyword === 'claim' || keyword === 'policy' || keyword === 'practice') return { role: 'opener', scanned, keyword };
    if (!file || !blockAt(file, i)) return { role: 'keep', scanned };
    return { role: 'body', scanned, keyword };
  });
}

/** Replaces columns of the original line (non-overlapping; an insertion goes before a replacement at its column). */
function applyReplacements(text: string, reps: { start: number; end: number; text: string }[]): string {
  let out = '';
  let at = 0;
  for (const r of reps.sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + text.slice(at);
}

/** The formatted text of every line (undefined: the line is kept as it is). */
export function formatLines(file: ClaimFile | undefined, lines: readonly string[], o: FormatOptions): (string | undefined)[] {
  const errorLines = new Set((file?.errors ?? []).map((e) => e.line));
  const info = classify(file, lines, errorLines);
  const unit = o.insertSpaces ? ' '.repeat(Math.max(1, o.tabSize || 2)) : '\t';
  const indentOf = (i: number): string => {
    const r = info[i].role;
    if (r === 'opener') return '';
    if (r === 'body') return unit;
    // comments: those right above a line take its indentation; the others stay with what is above
    let j = i;
    while (j < lines.length && info[j].role === 'comment') j++;
    if (j < lines.length && (info[j].role === 'opener' || info[j].role === 'body')) return indentOf(j);
    return file && blockAt(file, i) ? unit : '';
  };
  // alignment: consecutive body lines with arguments share an argument column
  const column = new Map<number, number>();
  for (let i = 0; i < lines.length;) {
    const hasArgs = (k: number) => info[k].role === 'body' && info[k].scanned.words.length > 1;
    if (!hasArgs(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && hasArgs(j)) j++;
    let width = 0;
    for (let k = i; k < j; k++) {
      const len = info[k].scanned.words[0].text.length;
      if (len <= ALIGN_MAX && !UNALIGNED.has(info[k].keyword!)) width = Math.max(width, len);
    }
    for (let k = i; k < j; k++) column.set(k, width);
    i = j;
  }
  return lines.map((line, i) => {
    const { role, scanned, keyword } = info[i];
    if (role === 'keep') return undefined;
    if (role === 'blank') return '';
    const tail = scanned.comment >= 0 ? line.slice(scanned.end).trimEnd() : '';
    if (role === 'comment') return indentOf(i) + tail.trimStart();
    const w = scanned.words;
    const reps: { start: number; end: number; text: string }[] = [
      { start: 0, end: w[0].start, text: indentOf(i) },
      { start: w[0].start, end: w[0].end, text: keyword! },
      { start: scanned.end, end: line.length, text: tail },
    ];
    if (w[1]) {
      const pad = role === 'opener' || UNALIGNED.has(keyword!) ? 1 : Math.max(1, (column.get(i) ?? 0) - w[0].text.length + 1);
      reps.push({ start: w[0].end, end: w[1].start, text: ' '.repeat(pad) });
    }
    const upper = (k: number) => {
      if (w[k] && !w[k].quoted) reps.push({ start: w[k].start, end: w[k].end, text: w[k].text.toUpperCase() });
    };
    const single = (k: number) => {
      if (w[k] && w[k + 1]) reps.push({ start: w[k].end, end: w[k + 1].start, text: ' ' });
    };
    switch (keyword) {
      case 'line':
        for (let k = 1; k < w.length; k++) {
          reps.push({
            start: w[k].start,
            end: w[k].end,
            text: w[k].text
              .split(',')
              .map((p) => (PART_KEYWORD_SET.has(p.toLowerCase()) ? p.toLowerCase() : p.toUpperCase()))
              .join(','),
          });
          if (k + 1 < w.length) single(k);
        }
        break;
      case 'diagnosis':
        upper(1);
        upper(2);
        single(1);
        break;
      case 'prior':
        upper(2);
        break;
      case 'covers':
      case 'excludes':
        for (let k = 1; k < w.length; k++) upper(k);
        break;
      case 'limit':
      case 'interval':
        for (let k = 1; k + 1 < w.length; k++) single(k);
        for (let k = 2; k < w.length; k++)
          if (!/\d/.test(w[k].text)) reps.push({ start: w[k].start, end: w[k].end, text: w[k].text.toLowerCase() });
        break;
    }
    return applyReplacements(line, reps);
  });
}

/**
 * Edits that format the document, or only the lines a range touches (the alignment is that
 * of the whole document, so range and document formatting agree).
 */
export function formatDocument(ws: Workspace, uri: string, lines: readonly string[], o: FormatOptions, range?: Range): TextEdit[] {
  const file = ws.get(uri);
  const formatted = formatLines(file, lines, o);
  let from = 0,
    to = lines.length - 1;
  if (range) {
    from = range.start.line;
    to = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  }
  const edits: TextEdit[] = [];
  for (let i = Math.max(0, from); i <= Math.min(to, lines.length - 1); i++) {
    const f = formatted[i];
    if (f === undefined || f === lines[i]) continue;
    edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: lines[i].length } }, newText: f });
  }
  return edits;
}
