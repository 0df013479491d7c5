// Line scanning: comments, words and quoted strings, with UTF-16 columns (JS string indices).
import { ALL_KEYWORDS } from './lexicon';

export interface Word {
  text: string;
  start: number;
  end: number;
  /** true when the word is a quoted string; text is then the unquoted, unescaped content */
  quoted: boolean;
}

export interface ScannedLine {
  /** index of the first character that is not white space, or -1 for a blank line */
  first: number;
  /** end of the content: the start of a comment, or the line length (trailing space trimmed) */
  end: number;
  /** start of a comment, or -1 */
  comment: number;
  words: Word[];
  /** column of an unterminated quote, or -1 */
  unterminated: number;
  /** true when the line has more words than the `maxWords` asked for */
  truncated: boolean;
}

const QUOTE = 0x22; // "
const OPEN_CURLY = 0x201c; // “
const CLOSE_CURLY = 0x201d; // ”
const HASH = 0x23;
const BACKSLASH = 0x5c;

/** White space, CR, and U+FEFF (a byte-order mark the client left at the start of the text is ignored, columns kept). */
export function spaceCode(c: number): boolean {
  return c < 128 ? SPACE[c] === 1 : c === 0xa0 || c === 0xfeff;
}

/** ASCII white space as `spaceCode` counts it (space, tab, FF, VT, CR): one table lookup. */
const SPACE = new Uint8Array(128);
for (const c of [0x20, 0x09, 0x0c, 0x0b, 0x0d]) SPACE[c] = 1;

/** ASCII characters that end an unquoted word: white space (`spaceCode`) and `"`. */
const ENDS_WORD = new Uint8Array(128);
for (const c of [0x20, 0x09, 0x0c, 0x0b, 0x0d, QUOTE]) ENDS_WORD[c] = 1;

/** A character that ends an unquoted word: white space, `"` or `“` (one table lookup for ASCII). */
function endsWord(d: number): boolean {
  return d < 128 ? ENDS_WORD[d] === 1 : d === 0xa0 || d === 0xfeff || d === OPEN_CURLY;
}

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '\r' && spaceCode(ch.charCodeAt(0));
}

/**
 * Scans one line. `#` starts a comment when it is the first non-blank character, or when it
 * follows white space and is followed by white space or the end of the line, outside quotes.
 */
export function scanLine(text: string, maxWords = Infinity): ScannedLine {
  const words: Word[] = [];
  let first = -1;
  let comment = -1;
  let unterminated = -1;
  let truncated = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (spaceCode(c)) {
      i++;
      continue;
    }
    if (first < 0) first = i;
    if (c === HASH && (i === first || (spaceCode(text.charCodeAt(i - 1)) && (i + 1 >= n || spaceCode(text.charCodeAt(i + 1)))))) {
      comment = i;
      break;
    }
    if (c === QUOTE || c === OPEN_CURLY) {
      let j = i + 1;
      let value = '';
      let from = j;
      let closed = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === BACKSLASH && text.charCodeAt(j + 1) === QUOTE) {
          value += text.slice(from, j) + '"';
          j += 2;
          from = j;
          continue;
        }
        if (d === QUOTE || (c === OPEN_CURLY && d === CLOSE_CURLY)) {
          closed = true;
          break;
        }
        j++;
      }
      value += text.slice(from, j);
      const keep = words.length < maxWords;
      if (!keep) truncated = true;
      if (!closed) {
        unterminated = i;
        if (keep) words.push({ text: value, start: i, end: n, quoted: true });
        break;
      }
      if (keep) words.push({ text: value, start: i, end: j + 1, quoted: true });
      i = j + 1;
      continue;
    }
    let j = i + 1;
    while (j < n && !endsWord(text.charCodeAt(j))) j++;
    if (words.length < maxWords) words.push({ text: text.slice(i, j), start: i, end: j, quoted: false });
    else truncated = true;
    i = j;
  }
  let end = comment >= 0 ? comment : n;
  while (end > 0 && spaceCode(text.charCodeAt(end - 1))) end--;
  return { first, end, comment, words, unterminated, truncated };
}

const KEYWORDS: readonly string[] = ALL_KEYWORDS;
/** The language's keywords by length, lower case. */
const KEYWORDS_BY_LENGTH: string[][] = [];
for (const k of KEYWORDS) (KEYWORDS_BY_LENGTH[k.length] ??= []).push(k);
/** Each keyword by its name: the keyword's own string for a word lower-cased from another spelling. */
const KEYWORD_NAMES = new Map<string, string>(KEYWORDS.map((k) => [k, k]));

/**
 * The line's keyword: its first word (as `scanLine` reads it: '' for a blank or comment line
 * and for a quoted first word), lower-cased, when that is one of the language's keywords (the
 * keyword's own lower-case string), else ''. Allocates nothing for the usual ASCII spellings.
 */
export function keywordAt(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && spaceCode(text.charCodeAt(i))) i++;
  if (i === n) return '';
  const c = text.charCodeAt(i);
  if (c === HASH || c === QUOTE || c === OPEN_CURLY) return '';
  let j = i + 1;
  let ascii = c < 128;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (endsWord(d)) break;
    if (d >= 128) ascii = false;
    j++;
  }
  if (!ascii) {
    // Unicode case mapping (the Kelvin sign lower-cases to k)
    return KEYWORD_NAMES.get(text.slice(i, j).toLowerCase()) ?? '';
  }
  const candidates = KEYWORDS_BY_LENGTH[j - i];
  if (candidates === undefined) return '';
  // (candidates of one length rarely share a first letter: compare that first)
  const first = c >= 65 && c <= 90 ? c + 32 : c;
  next: for (let q = 0; q < candidates.length; q++) {
    const k = candidates[q];
    if (k.charCodeAt(0) !== first) continue;
    for (let x = 1; x < k.length; x++) {
      let d = text.charCodeAt(i + x);
      if (d >= 65 && d <= 90) d += 32;
      if (d !== k.charCodeAt(x)) continue next;
    }
    return k;
  }
  return '';
}

/**
 * Whether the line's first word is `keyword` (a lower-case keyword), as `keywordAt(text) ===
 * keyword` but comparing only that word: for scans that look for one keyword on every line.
 */
export function isKeywordLine(text: string, keyword: string): boolean {
  return isKeywordLineIn(text, 0, text.length, keyword);
}

/**
 * `isKeywordLine` for the line that runs from `start` to `end` (its break excluded) of a whole
 * text, read in place: a line's string is made only when a character outside ASCII needs the
 * general path.
 */
export function isKeywordLineIn(text: string, start: number, end: number, keyword: string): boolean {
  let i = start;
  while (i < end && spaceCode(text.charCodeAt(i))) i++;
  const k = keyword.length;
  if (i + k > end) return false;
  for (let x = 0; x < k; x++) {
    let d = text.charCodeAt(i + x);
    if (d >= 128) return keywordAt(text.slice(start, end)) === keyword; // (Unicode case mapping: the general path)
    if (d >= 65 && d <= 90) d += 32;
    if (d !== keyword.charCodeAt(x)) return false;
  }
  if (i + k === end) return true;
  const e = text.charCodeAt(i + k);
  return endsWord(e) || (e >= 128 && keywordAt(text.slice(start, end)) === keyword);
}

/**
 * A separator at index `i` of a text: its length, or 0. A regular expression (sticky) is tried
 * at each index; a function is faster where one is called for every character.
 */
export type Separator = RegExp | ((text: string, i: number) => number);

/** Splits `text` (a slice of a line starting at column `offset`) on the separators matched by `sep`, keeping columns. */
export function splitList(text: string, offset: number, sep: Separator): Word[] {
  const out: Word[] = [];
  let depth = 0;
  let start = 0;
  const push = (a: number, b: number) => {
    let s = a,
      e = b;
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    out.push({ text: text.slice(s, e), start: offset + s, end: offset + e, quoted: false });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28)
      depth++; // (
    else if (c === 0x29)
      depth = Math.max(0, depth - 1); // )
    else if (depth === 0) {
      let length = 0;
      if (typeof sep === 'function') length = sep(text, i);
      else {
        sep.lastIndex = i;
        const m = sep.exec(text);
        if (m && m.index === i) length = m[0].length;
      }
      if (length > 0) {
        push(start, i);
        i += length - 1;
        start = i + 1;
      }
    }
  }
  push(start, text.length);
  return out;
}

/** White space as a regular expression's `\s` matches it. */
export function jsSpaceCode(c: number): boolean {
  if (c < 128) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * A copy of a string that shares no memory with the string it was cut from: V8 makes a slice
 * of 13 characters or more point into its parent, which would keep a whole line (or file) alive.
 */
export function detachedCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
