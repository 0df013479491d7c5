// A document's text as an array of lines, edited in place by the editor's content changes.
// A keystroke replaces a line or two: the text of a 14 MB document is never copied per edit
// (a flat string per version, as vscode-languageserver-textdocument keeps it, made every edit
// of a large document allocate a new copy of it). See docs/performance.md.
import { splitLines } from '../language/lines';

import type { Position } from '../language/syntax';
export interface ContentChange {
  range?: { start: Position; end: Position };
  text: string;
}

/** What edits replaced: old lines `[first, lastOld]` are now lines `[first, lastOld + delta]`. */
export interface LineEdit {
  first: number;
  lastOld: number;
  delta: number;
}

const BREAK = /\r\n|\r|\n/g;

/**
 * The lines of a text and the line break after each line but the last; `breaks` is undefined
 * when every break is `uniform` (the usual text: no per-line work beyond the split).
 */
function split(text: string): { lines: string[]; breaks: string[] | undefined; uniform: string } {
  const lines = splitLines(text);
  const cr = text.indexOf('\r');
  if (cr < 0) return { lines, breaks: undefined, uniform: '\n' };
  // CRLF everywhere: as many CRs as LFs, each CR followed by an LF
  if (!/\r(?!\n)|(?<!\r)\n/.test(text)) return { lines, breaks: undefined, uniform: '\r\n' };
  const breaks: string[] = [];
  BREAK.lastIndex = 0;
  for (let m = BREAK.exec(text); m; m = BREAK.exec(text)) breaks.push(m[0] === '\n' ? '\n' : m[0] === '\r\n' ? '\r\n' : '\r');
  const first = breaks[0] ?? '\n';
  return { lines, breaks: breaks.every((b) => b === first) ? undefined : breaks, uniform: first };
}

const isPosition = (p: unknown): boolean =>
  !!p && typeof p === 'object' && Number.isFinite((p as Position).line) && Number.isFinite((p as Position).character);

/** A content change as LSP defines it: a text, and a range of two positions or none. */
function wellFormed(c: ContentChange): boolean {
  if (!c || typeof c.text !== 'string') return false;
  return c.range === undefined || (!!c.range && isPosition(c.range.start) && isPosition(c.range.end));
}

/** `array.splice(at, remove, ...items)` without spreading (a paste of many lines would overflow the stack). */
function splice<T>(array: T[], at: number, remove: number, items: readonly T[]): void {
  if (items.length < 1000) {
    array.splice(at, remove, ...items);
    return;
  }
  const tail = array.splice(at + remove);
  array.length = at;
  for (const x of items) array.push(x);
  for (const x of tail) array.push(x);
}

export class DocumentText {
  /** the lines, without their breaks */
  readonly lines: string[];
  /** the break after every line but the last, when they are not all `eol` */
  private breaks: string[] | undefined;
  /** the break of the first line (LF when there is none): what fixes that insert lines use */
  private uniform: string;
  private cached: string | undefined;

  constructor(text: string) {
    const { lines, breaks, uniform } = split(text);
    this.lines = lines;
    this.uniform = uniform;
    this.breaks = breaks;
    this.cached = text;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /**
   * The line ending fixes use when they insert lines, as the parser reads it from a text: that
   * of the first break with a line feed (CRLF or LF), LF when there is none.
   */
  get eol(): '\n' | '\r\n' {
    if (this.lines.length === 1) return '\n'; // no break at all
    const first = this.breaks ? this.breaks.find((b) => b !== '\r') : this.uniform;
    return first === '\r\n' ? '\r\n' : '\n';
  }

  /** The break after line `i` ('' after the last line). */
  breakAfter(i: number): string {
    if (i >= this.lines.length - 1) return '';
    return this.breaks ? this.breaks[i] : this.uniform;
  }

  /**
   * Whether the text is `text`. A whole text joined for the comparison is kept only when they
   * differ (the change between them is computed from it next).
   */
  hasText(text: string): boolean {
    if (this.cached !== undefined) return this.cached === text;
    const same = this.text() === text;
    if (same) this.cached = undefined;
    return same;
  }

  /** The whole text. Joined on demand (and kept until the next edit): editing never needs it. */
  text(): string {
    if (this.cached === undefined) {
      const { lines, breaks } = this;
      if (!breaks) this.cached = lines.join(this.uniform);
      else {
        const parts: string[] = [];
        for (let i = 0; i < lines.length; i++) parts.push(lines[i], breaks[i] ?? '');
        this.cached = parts.join('');
      }
    }
    return this.cached;
  }

  private hasLoneCr(): boolean {
    return this.breaks ? this.breaks.includes('\r') : this.uniform === '\r' && this.lines.length > 1;
  }

  /**
   * Applies the changes of one `didChange`, in order, each in the coordinates the one before
   * left (LSP). Positions past a line's end or the document's end are clamped, as
   * vscode-languageserver-textdocument does. Returns the lines replaced, in the old and new
   * numbering, or `undefined` when the whole text changed (a change without a range, or a
   * document with lone CR breaks, where an edit may join a CR to an LF: the text is split anew).
   */
  apply(changes: readonly ContentChange[]): LineEdit | undefined {
    let edit: LineEdit | undefined;
    let whole = false;
    for (let c of changes) {
      // a malformed change (no text, a range without numbers) is left out, so that the lines and
      // the parsed file never disagree
      if (!wellFormed(c)) continue;
      const loneCr = this.hasLoneCr();
      // a whole text: applied as the one change between the texts, so only what differs is parsed again
      if (!c.range && !loneCr) c = changeTo(this, c.text);
      if (!c.range || loneCr || c.text.endsWith('\r')) {
        this.replaceAll(c);
        whole = true;
        continue;
      }
      const one = this.replaceRange(c.range.start, c.range.end, c.text);
      if (whole) continue;
      if (!edit) {
        edit = one;
        continue;
      }
      // the union of the lines changed so far (old numbering: [first, lastOld]; now [first, lastOld + delta])
      const now = edit.lastOld + edit.delta;
      const first = Math.min(edit.first, one.first);
      const lastOld = one.lastOld > now ? one.lastOld - edit.delta : edit.lastOld;
      edit = { first, lastOld, delta: edit.delta + one.delta };
    }
    return whole ? undefined : edit;
  }

  /** Clamps a position to the document (past the end of a line: its end; past the last line: the end). */
  private clamp(p: Position): Position {
    const n = this.lines.length;
    if (p.line < 0) return { line: 0, character: 0 };
    if (p.line >= n) return { line: n - 1, character: this.lines[n - 1].length };
    return { line: p.line, character: Math.max(0, Math.min(p.character, this.lines[p.line].length)) };
  }

  /** A range's clamped ends, in order (a range whose end comes first is read backwards, as LSP clients may send it). */
  private ends(from: Position, to: Position): [Position, Position] {
    const s = this.clamp(from),
      e = this.clamp(to);
    return s.line > e.line || (s.line === e.line && s.character > e.character) ? [e, s] : [s, e];
  }

  private replaceRange(from: Position, to: Position, text: string): LineEdit {
    const [s, e] = this.ends(from, to);
    const lines = this.lines;
    this.cached = undefined;
    const joined = lines[s.line].slice(0, s.character) + text + lines[e.line].slice(e.character);
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      // within one line after the change: the usual keystroke
      lines.splice(s.line, e.line - s.line + 1, joined);
      this.breaks?.splice(s.line, e.line - s.line);
      return { first: s.line, lastOld: e.line, delta: s.line - e.line };
    }
    const { lines: added, breaks, uniform } = split(joined);
    const inner = breaks ?? new Array<string>(added.length - 1).fill(uniform);
    // a break unlike the others: every break is kept from now on
    if (!this.breaks && inner.some((b) => b !== this.uniform)) this.breaks = new Array<string>(lines.length - 1).fill(this.uniform);
    splice(lines, s.line, e.line - s.line + 1, added);
    if (this.breaks) splice(this.breaks, s.line, e.line - s.line, inner);
    return { first: s.line, lastOld: e.line, delta: added.length - (e.line - s.line + 1) };
  }

  private replaceAll(c: ContentChange): void {
    let text = c.text;
    if (c.range) {
      const old = this.text();
      const [s, e] = this.ends(c.range.start, c.range.end);
      text = old.slice(0, this.offsetAt(s)) + c.text + old.slice(this.offsetAt(e));
    }
    const { lines, breaks, uniform } = split(text);
    this.lines.length = 0;
    for (const l of lines) this.lines.push(l);
    this.uniform = uniform;
    this.breaks = breaks;
    this.cached = text;
  }

  /** The offset of a (clamped) position in the text. */
  offsetAt(p: Position): number {
    const q = this.clamp(p);
    let at = 0;
    for (let i = 0; i < q.line; i++) at += this.lines[i].length + this.breakAfter(i).length;
    return at + q.character;
  }

  /** The position of an offset in the text (an offset inside a CRLF break is the end of its line). */
  positionAt(offset: number): Position {
    let at = 0;
    for (let i = 0; i < this.lines.length; i++) {
      const end = at + this.lines[i].length;
      const next = end + this.breakAfter(i).length;
      if (offset <= end || i === this.lines.length - 1) return { line: i, character: Math.max(0, Math.min(offset, end) - at) };
      if (offset < next) return { line: i, character: this.lines[i].length };
      at = next;
    }
    return { line: 0, character: 0 };
  }
}

/** Length of the common prefix, found by native comparisons of halving chunks. */
function commonPrefix(a: string, b: string, max: number): number {
  let lo = 0;
  let step = max;
  while (step > 0) {
    if (lo + step <= max && a.startsWith(b.slice(lo, lo + step), lo)) lo += step;
    else step >>= 1;
  }
  return lo;
}

/** Length of the common suffix (at most `max`), likewise. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  let step = max;
  while (step > 0) {
    if (n + step <= max && a.endsWith(b.slice(b.length - n - step, b.length - n), a.length - n)) n += step;
    else step >>= 1;
  }
  return n;
}

/**
 * The one change that turns a document's text into `text` (what differs between the common
 * prefix and suffix), for clients and callers that send whole texts: they too re-parse only the
 * blocks that changed. A CRLF break is never cut in two.
 */
export function changeTo(doc: DocumentText, text: string): ContentChange {
  const old = doc.text();
  const min = Math.min(old.length, text.length);
  let p = commonPrefix(old, text, min);
  let s = commonSuffix(old, text, min - p);
  if (p > 0 && old.charCodeAt(p - 1) === 13 && old.charCodeAt(p) === 10) p--;
  if (s > 0 && old.charCodeAt(old.length - s - 1) === 13 && old.charCodeAt(old.length - s) === 10) s--;
  return { range: { start: doc.positionAt(p), end: doc.positionAt(old.length - s) }, text: detach(text.slice(p, text.length - s)) };
}

/**
 * A copy of a string that shares no memory with the one it was cut from: V8 keeps a whole
 * string alive for any slice of 13 characters or more, and the lines a change adds must not
 * keep the whole new text (a copy of the document per update) alive.
 */
function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}
