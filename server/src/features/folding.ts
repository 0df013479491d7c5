// Structure: folding ranges (one per block, runs of comment lines) and selection ranges
// (word -> syntax token -> line -> block -> document).
import type { FoldingRange, Range, SelectionRange } from 'vscode-languageserver-types';
import { scanLine, isSpace } from '../language/scanner';
import { blockAt, targetAt } from '../language/locate';
import type { Workspace } from '../model/workspace';
import type { Position } from '../rules/rule';

export function foldingRanges(ws: Workspace, uri: string, lines: readonly string[]): FoldingRange[] {
  const file = ws.get(uri);
  if (!file) return [];
  const out: FoldingRange[] = [];
  for (const b of file.blocks) {
    if (b.endLine > b.startLine) out.push({ startLine: b.startLine, endLine: b.endLine, kind: 'region' });
  }
  // two or more consecutive comment lines fold as a comment
  let run = -1;
  for (let i = 0; i <= lines.length; i++) {
    const s = i < lines.length ? scanLine(lines[i]) : undefined;
    const isComment = !!s && s.comment >= 0 && s.comment === s.first;
    if (isComment && run < 0) run = i;
    if (!isComment && run >= 0) {
      if (i - 1 > run) out.push({ startLine: run, endLine: i - 1, kind: 'comment' });
      run = -1;
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function rng(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

const same = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;
const contains = (outer: Range, inner: Range) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

export function selectionRanges(ws: Workspace, uri: string, lines: readonly string[], positions: Position[]): SelectionRange[] {
  const file = ws.get(uri);
  const last = lines.length - 1;
  const documentRange = rng(0, 0, last, lines[last]?.length ?? 0);
  return positions.map((p) => {
    const lineText = lines[p.line] ?? '';
    const chain: Range[] = [];
    // the word under the cursor (white space delimited, or a quoted string)
    const scanned = scanLine(lineText);
    const word = scanned.words.find((w) => p.character >= w.start && p.character <= w.end);
    if (word) {
      // inside a word: the run of letters and digits first (a code within `20552-LT`, a letter within `A,B`)
      let s = p.character,
        e = p.character;
      while (s > word.start && /[A-Za-z0-9_.]/.test(lineText[s - 1])) s--;
      while (e < word.end && /[A-Za-z0-9_.]/.test(lineText[e])) e++;
      if (e > s) chain.push(rng(p.line, s, p.line, e));
      chain.push(rng(p.line, word.start, p.line, word.end));
    }
    if (file) {
      const t = targetAt(file, p.line, p.character);
      if (t) chain.push(rng(p.line, t.tok.start, p.line, t.tok.end));
    }
    if (scanned.first >= 0) {
      if (scanned.words.length && scanned.end > scanned.first) chain.push(rng(p.line, scanned.first, p.line, scanned.end));
      let end = lineText.length;
      while (end > 0 && isSpace(lineText[end - 1])) end--;
      chain.push(rng(p.line, scanned.first, p.line, end));
    }
    const block = file ? blockAt(file, p.line) : undefined;
    if (block) chain.push(rng(block.startLine, 0, block.endLine, lines[block.endLine]?.length ?? 0));
    chain.push(documentRange);
    // keep a strictly growing chain: each range contains the one before and differs from it
    const kept: Range[] = [];
    const size = (r: Range) => (r.end.line - r.start.line) * 1e7 + (r.end.character - r.start.character);
    for (const r of chain.sort((a, b) => size(a) - size(b))) {
      const prev = kept[kept.length - 1];
      if (prev && (same(prev, r) || !contains(r, prev))) continue;
      kept.push(r);
    }
    let sel: SelectionRange | undefined;
    for (let i = kept.length - 1; i >= 0; i--) sel = { range: kept[i], parent: sel };
    return sel ?? { range: rng(p.line, p.character, p.line, p.character) };
  });
}
