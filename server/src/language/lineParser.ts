// One line of a .claim file: its keyword, then the claim or policy line parser that reads it
// into the current block (or opens a block). One parser object serves every line of a parse.

import { jsSpaceCode, keywordAt, scanLine, spaceCode, splitList, Word } from './scanner';
import { lookupTable } from '../data/lookup';
import {
  CLAIM_KEYWORDS,
  HCPCS,
  CPT,
  ICD,
  IDENTIFIER,
  ISO_DATE,
  MODIFIER,
  NUMBER,
  type BlockKeyword,
  CLAIM_TYPES,
  type PartKeyword,
  POLICY_KEYWORDS,
  PRACTICE_KEYWORDS,
  SIDES,
  US_DATE,
  isCalendarDate,
  normaliseIcd,
} from './lexicon';
import type {
  AddressLine,
  Block,
  DenialLine,
  ClaimBlock,
  DateLine,
  IcdEntry,
  LineNode,
  MuscleItem,
  PeriodUnit,
  PairLine,
  PolicyBlock,
  PracticeBlock,
  PracticeField,
  Quantity,
  SingleField,
  SyntaxError,
  TextField,
  TextLine,
  Tok,
  ValueLine,
} from './syntax';
import { shared, sharedName } from './intern';
import { readAddress, readCharge, readMember, readPayerClaimNumber, readPayerId, readPhone, readTaxonomy } from './billingFormats';
import { einDigits } from '../data/identifiers';

const claimKeywords = new Set<string>(CLAIM_KEYWORDS);
const policyKeywords = new Set<string>(POLICY_KEYWORDS);
const practiceKeywords = new Set<string>(PRACTICE_KEYWORDS);

/** Which kind of block a keyword belongs to, for the message on a line in the wrong block. */
function lineKind(keyword: string): 'claim' | 'policy' | 'practice' | undefined {
  return claimKeywords.has(keyword)
    ? 'claim'
    : policyKeywords.has(keyword)
      ? 'policy'
      : practiceKeywords.has(keyword)
        ? 'practice'
        : undefined;
}

/**
 * Parses one line into the current block; returns a new block when the line opens one.
 * Errors go to the current block, or to `preamble` before the first block.
 */
export function parseLineInto(preamble: SyntaxError[], block: Block | undefined, text: string, line: number): Block | undefined {
  // the line's keyword ('' when its first word is none); a line is scanned as far as its parser
  // reads words (WORDS_READ), text lines without quotes not at all (freeTextLine)
  const keyword = keywordAt(text);
  if (block !== undefined && block.kind === 'claim' && TEXT_FIELDS.has(keyword) && freeTextLine(block, keyword as TextField, text, line))
    return undefined;
  let scanned = scanLine(text, WORDS_READ.get(keyword) ?? Infinity);
  if (scanned.first < 0 || scanned.words.length === 0) return undefined;
  let kw = scanned.words[0];
  if (scanned.truncated && scanned.unterminated >= 0) {
    scanned = scanLine(text);
    kw = scanned.words[0];
  }
  const opens = keyword === 'claim' || keyword === 'policy' || keyword === 'practice';
  const errors = opens ? [] : block ? block.errors : preamble;
  if (scanned.unterminated >= 0 && !inFreeText(keyword, scanned.words, scanned.unterminated)) {
    LINE_PARSER.reset(errors, text, line, keyword, scanned.words, scanned.end, false).error(
      scanned.unterminated,
      scanned.end,
      'unterminated quoted string: add the closing quote',
    );
    // A block line still opens its block (without the broken quote), so that the lines after
    // it are not taken for lines of the previous block (docs/rules.md "Recovery").
    if (opens) {
      const words = scanned.words.filter((w) => w.start < scanned.unterminated);
      const end = words.length ? words[words.length - 1].end : scanned.end;
      return LINE_PARSER.reset(errors, text, line, keyword, words, end, false).openBlock(keyword as BlockKeyword);
    }
    if (block) block.endLine = line;
    return undefined;
  }
  const p = LINE_PARSER.reset(errors, text, line, keyword, scanned.words, scanned.end, scanned.truncated);
  if (opens) return p.openBlock(keyword as BlockKeyword);
  if (block) block.endLine = line;
  if (!block) {
    p.error(
      kw.start,
      kw.end,
      `\`${kw.text}\` stands before the first block: start a block with \`claim <id>\`, \`policy <payer-id>\` or \`practice <id>\``,
    );
    return undefined;
  }
  if (block.kind === 'claim' && claimKeywords.has(keyword)) p.claimLine(block, keyword);
  else if (block.kind === 'policy' && policyKeywords.has(keyword)) p.policyLine(block, keyword);
  else if (block.kind === 'practice' && practiceKeywords.has(keyword)) p.practiceLine(block, keyword);
  else {
    const other = lineKind(keyword);
    if (other)
      p.error(
        kw.start,
        kw.end,
        `\`${kw.text}\` is a ${other} line; it cannot stand in ${block.kind} ${block.id?.text ?? ''}`.replace(/ $/, ''),
      );
    else p.unknownKeyword(kw, block.kind === 'claim' ? claimKeywords : block.kind === 'policy' ? policyKeywords : practiceKeywords);
  }
  return undefined;
}

/**
 * Where the rest of a line is free text (a text line, a patient or provider name, a diagnosis
 * note, a policy display name), a quote left open is text that runs to the end of the line
 * (`exam tender 2" below the spine`), as the grammar colours it, not a syntax error that
 * would drop the line: the index of the first free-text word of each such line.
 */
const FREE_TEXT_FROM = lookupTable<number>({
  symptoms: 1,
  exam: 1,
  tried: 1,
  technique: 1,
  response: 1,
  note: 1,
  auth: 1,
  patient: 2,
  provider: 2,
  diagnosis: 3,
  policy: 2,
  practice: 2,
  submitter: 2,
  receiver: 2,
});

function inFreeText(keyword: string, words: readonly Word[], unterminated: number): boolean {
  const from = FREE_TEXT_FROM[keyword];
  if (from === undefined || words.length <= from) return false;
  return words[from].start <= unterminated;
}

/**
 * The side a muscle item's first word (`text` up to `w`) names, as `SIDES[word.toLowerCase()]`:
 * ASCII words are compared without a copy (the longest side word has 9 letters, and
 * lower-casing never shortens a word).
 */
function isNdcWord(w: Word): boolean {
  return !w.quoted && w.text.length === 3 && w.text.toLowerCase() === 'ndc';
}

function sideWord(text: string, w: number): 'L' | 'R' | 'B' | null {
  if (w > 9) return null;
  for (let k = 0; k < w; k++) if (text.charCodeAt(k) >= 128) return SIDES[text.slice(0, w).toLowerCase()] ?? null;
  switch (w) {
    case 1: {
      const c = asciiLower(text, 0);
      return c === 0x6c ? 'L' : c === 0x72 ? 'R' : null;
    } // l, r
    case 4:
      return asciiIs(text, 'left') ? 'L' : null;
    case 5:
      return asciiIs(text, 'right') ? 'R' : asciiIs(text, 'bilat') ? 'B' : null;
    case 9:
      return asciiIs(text, 'bilateral') ? 'B' : null;
    default:
      return null;
  }
}

/** The character at `k`, lower-cased when it is an ASCII capital. */
function asciiLower(text: string, k: number): number {
  const c = text.charCodeAt(k);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Whether `text` starts with `word` (lower case), ASCII letters in any case. */
function asciiIs(text: string, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (asciiLower(text, k) !== word.charCodeAt(k)) return false;
  return true;
}

/** A muscle list's separators: `,`, `;`, or `and` (any case) between white space (or at the end). */
function muscleSeparator(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x2c || c === 0x3b) return 1;
  if (
    (c | 0x20) === 0x61 &&
    i > 0 &&
    jsSpaceCode(t.charCodeAt(i - 1)) &&
    (t.charCodeAt(i + 1) | 0x20) === 0x6e &&
    (t.charCodeAt(i + 2) | 0x20) === 0x64 &&
    (i + 3 >= t.length || jsSpaceCode(t.charCodeAt(i + 3)))
  )
    return 3;
  return 0;
}

/** Runs of white space as one space (`s.replace(/\s+/g, ' ')`), without a copy when there are none. */
function collapseSpaces(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (jsSpaceCode(c) && (c !== 0x20 || jsSpaceCode(s.charCodeAt(i + 1)))) return s.replace(/\s+/g, ' ');
  }
  return s;
}

/**
 * A service line's part keyword (`mod`, `units`, `dx`, `charge`, any case), or null. Compared without a
 * lower-case copy: only ASCII letters lower-case to these (no other character lower-cases to
 * one ASCII letter of them), and `c | 0x20` is a letter's lower case.
 */
function partKeyword(t: string): PartKeyword | null {
  switch (t.length) {
    case 2:
      return (t.charCodeAt(0) | 0x20) === 0x64 && (t.charCodeAt(1) | 0x20) === 0x78 ? 'dx' : null;
    case 3:
      return (t.charCodeAt(0) | 0x20) === 0x6d && (t.charCodeAt(1) | 0x20) === 0x6f && (t.charCodeAt(2) | 0x20) === 0x64 ? 'mod' : null;
    case 5:
      return (t.charCodeAt(0) | 0x20) === 0x75 &&
        (t.charCodeAt(1) | 0x20) === 0x6e &&
        (t.charCodeAt(2) | 0x20) === 0x69 &&
        (t.charCodeAt(3) | 0x20) === 0x74 &&
        (t.charCodeAt(4) | 0x20) === 0x73
        ? 'units'
        : null;
    case 6:
      return t.toLowerCase() === 'charge' ? 'charge' : null;
    default:
      return null;
  }
}

/**
 * Where a service line stands at a column, as the parser reads its parts (for completion):
 * the part whose items come there (`mod`, `units`, `dx`, or null before any part keyword), the
 * parts already written, and how many items the current part has before the column. Only the
 * words that start before the column count.
 */
export function servicePartAt(text: string, column: number): { part: PartKeyword | null; seen: Set<PartKeyword>; items: number } {
  const words = scanLine(text).words.filter((w) => w.start < column);
  const atoms = splitOnCommas(words);
  const seen = new Set<PartKeyword>();
  let part: PartKeyword | null = null;
  let items = 0;
  // atoms[0] is the code (and its dash modifiers)
  for (const a of atoms.slice(1)) {
    const k = a.quoted ? null : partKeyword(a.text);
    if (k) {
      part = k;
      seen.add(k);
      items = 0;
    } else items++;
  }
  return { part, seen, items };
}

/** A service line's words after its keyword, split on commas (with columns; empty pieces dropped). */
function splitOnCommas(words: readonly Word[]): Word[] {
  const atoms: Word[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w.quoted || w.text.indexOf(',') < 0) {
      atoms.push(w);
      continue;
    }
    let s = 0;
    for (const piece of w.text.split(',')) {
      if (piece) atoms.push({ text: piece, start: w.start + s, end: w.start + s + piece.length, quoted: false });
      s += piece.length + 1;
    }
  }
  return atoms;
}

const TEXT_FIELDS = new Set<string>(['symptoms', 'exam', 'tried', 'technique', 'response', 'note']);

/**
 * A claim's text line without quotes, read straight from its characters: most lines of a note
 * are such lines, and they need no words. The same node as the general path (`textLine`), or
 * false to leave the line to it (a quote, no text).
 */
function freeTextLine(block: ClaimBlock, keyword: TextField, text: string, line: number): boolean {
  if (text.indexOf('"') >= 0 || text.indexOf('\u201c') >= 0) return false;
  const n = text.length;
  let kwStart = 0;
  while (kwStart < n && spaceCode(text.charCodeAt(kwStart))) kwStart++;
  let i = kwStart;
  while (i < n && !spaceCode(text.charCodeAt(i))) i++;
  // (a guard: a first word that lower-cases to a keyword of another length, which no text
  // keyword allows today, is left to the general path)
  if (i - kwStart !== keyword.length) return false;
  // a comment starts at a `#` that follows white space and is followed by white space or the end
  let end = n;
  for (let h = text.indexOf('#', i); h >= 0; h = text.indexOf('#', h + 1)) {
    if (spaceCode(text.charCodeAt(h - 1)) && (h + 1 >= n || spaceCode(text.charCodeAt(h + 1)))) {
      end = h;
      break;
    }
  }
  while (end > i && spaceCode(text.charCodeAt(end - 1))) end--;
  while (i < end && spaceCode(text.charCodeAt(i))) i++;
  if (i >= end) return false;
  block.endLine = line;
  block.texts.push(new LazyTextLine(line, keyword, kwStart, end, text, i));
  return true;
}

/**
 * A text line that keeps its line and where its text starts, and makes its value token when
 * asked: rules only count a claim's text lines, and a document holds over a hundred thousand
 * of them (two objects fewer each for the collector to copy). The line is the one the
 * document's text already holds.
 */
class LazyTextLine implements TextLine {
  // (private fields: a copy, `JSON.stringify` or `structuredClone` of the node shows a text
  // line's own shape, not its line)
  readonly #source: string;
  readonly #valueStart: number;
  #value: Tok | undefined;

  constructor(
    public line: number,
    public kw: string,
    public kwStart: number,
    public end: number,
    source: string,
    valueStart: number,
  ) {
    this.#source = source;
    this.#valueStart = valueStart;
  }

  /** The text, as a token made on first read (then the same token; its line follows the node's). */
  get value(): Tok {
    if (!this.#value) {
      const text = this.#source.slice(this.#valueStart, this.end);
      this.#value = { line: this.line, start: this.#valueStart, end: this.end, text, value: text };
    }
    this.#value.line = this.line;
    return this.#value;
  }

  toJSON(): object {
    return { line: this.line, kw: this.kw, kwStart: this.kwStart, end: this.end, value: this.value };
  }
}

/** Upper case, sharing the string when it already is (codes are usually written so). */
function upper(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return text.toUpperCase();
  }
  return text;
}

/**
 * How many words a line's parser reads, where that is not all of them: the rest of the line is
 * text or a list read from its characters (whether there are more words, and where a comment
 * or an open quote starts, is still known).
 */
const WORDS_READ = new Map<string, number>([
  ['symptoms', 3],
  ['exam', 3],
  ['tried', 3],
  ['technique', 3],
  ['response', 3],
  ['note', 3],
  ['auth', 3],
  ['patient', 3],
  ['provider', 3],
  ['payer', 3],
  ['date', 3],
  ['pos', 3],
  ['diagnosis', 4],
  ['muscles', 2],
]);

class LineParser {
  constructor(
    private errors: SyntaxError[],
    private text: string,
    private line: number,
    /** the line's keyword, lower case ('' when the first word is none) */
    private kw: string,
    private words: Word[],
    private end: number,
    /** the line has words after `words` (not split: only the rest of the line is used) */
    private truncated = false,
  ) {}

  /** This parser, set to read another line (one parser serves every line of a parse: a line's nodes never keep it). */
  reset(errors: SyntaxError[], text: string, line: number, kw: string, words: Word[], end: number, truncated: boolean): this {
    this.errors = errors;
    this.text = text;
    this.line = line;
    this.kw = kw;
    this.words = words;
    this.end = end;
    this.truncated = truncated;
    return this;
  }

  /** Reports a syntax error; its range is at least one character and never runs past the line. */
  error(start: number, end: number, message: string, fix?: SyntaxError['fix']): void {
    const len = this.text.length;
    let e = Math.min(Math.max(end, start + 1), len);
    let s = Math.min(start, e);
    if (s === e && s > 0) s = e - 1;
    if (e < s) e = s;
    this.errors.push({ line: this.line, start: s, end: e, message, fix, kw: this.kw });
  }

  tok(w: { text: string; start: number; end: number }, value = w.text): Tok {
    return this.tokAt(w.text, w.start, w.end, value);
  }

  /** A token of this line from its text, columns and value (the text when none). */
  tokAt(written: string, start: number, end: number, value = written): Tok {
    const text = shared(written);
    return { line: this.line, start, end, text, value: value === written ? text : shared(value) };
  }

  node(): LineNode {
    return { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end };
  }

  /** The rest of the line after word `index`, as one token (quotes removed when it is one quoted string). */
  rest(index: number): Tok | undefined {
    if (this.words.length <= index) return undefined;
    const first = this.words[index];
    if (!this.truncated && this.words.length === index + 1 && first.quoted) return this.tokAt(first.text, first.start, first.end);
    const start = first.start;
    return this.tokAt(this.text.slice(start, this.end), start, this.end);
  }

  missing(what: string): false {
    const kw = this.words[0];
    this.error(kw.start, kw.end, `\`${kw.text.toLowerCase()}\` needs ${what}`);
    return false;
  }

  extra(from: number, what: string): boolean {
    if (this.words.length > from) {
      const w = this.words[from];
      this.error(w.start, this.end, `unexpected \`${this.text.slice(w.start, this.end)}\` after ${what}`);
      return true;
    }
    return false;
  }

  unknownKeyword(kw: Word, allowed: Set<string>): void {
    const list = [...allowed].join(', ');
    this.error(kw.start, kw.end, `unknown keyword \`${kw.text}\`: a line starts with one of ${list}`);
  }

  identifier(w: Word | undefined, what: string): Tok | undefined {
    if (!w) {
      this.missing(what);
      return undefined;
    }
    if (w.quoted || !IDENTIFIER.test(w.text)) {
      this.error(w.start, w.end, `\`${w.text}\` is not a valid ${what}: use 1 to 40 letters, digits, \`-\`, \`_\` or \`.\``);
      return undefined;
    }
    return this.tok(w);
  }

  openBlock(kind: BlockKeyword): Block {
    const kw = this.words[0];
    const keyword = this.tok(kw, kind);
    const idWord = this.words[1];
    const noun = kind === 'claim' ? 'claim id' : kind === 'policy' ? 'payer id' : 'practice id';
    const id = idWord ? this.identifier(idWord, noun) : (this.missing(`a ${noun}`), undefined);
    // every field is set, in one order, so that all blocks of a kind share one shape (fast access; claims: newClaim)
    if (kind === 'claim') {
      this.extra(2, 'the claim id');
      return newClaim(keyword, id, this.line, this.errors);
    }
    if (kind === 'practice') {
      const practice: PracticeBlock = {
        kind: 'practice',
        keyword,
        id,
        startLine: this.line,
        endLine: this.line,
        duplicates: [],
        errors: this.errors,
        displayName: this.rest(2),
        npi: undefined,
        tin: undefined,
        address: undefined,
        phone: undefined,
        taxonomy: undefined,
        locality: undefined,
        submitter: undefined,
        receiver: undefined,
      };
      return practice;
    }
    const policy: PolicyBlock = {
      kind: 'policy',
      keyword,
      id,
      startLine: this.line,
      endLine: this.line,
      duplicates: [],
      errors: this.errors,
      displayName: this.rest(2),
      limits: [],
      interval: undefined,
      rate: undefined,
      requiresAuth: undefined,
      covers: [],
      excludes: [],
      singleRegion: undefined,
      noImagingGuidance: undefined,
      oneSessionPerDay: undefined,
      payerId: undefined,
      claimType: undefined,
      requiresNdc: undefined,
      appealWindow: undefined,
    };
    return policy;
  }

  // ---------------------------------------------------------------- claim lines

  claimLine(block: ClaimBlock, keyword: string): void {
    switch (keyword) {
      // a field given twice keeps its first line (the second is reported as a duplicate)
      case 'patient':
        return this.single(block, 'patient', 'patient', this.valueLine('patient id', true));
      case 'payer':
        return this.single(block, 'payer', 'payer', this.valueLine('payer id', false));
      case 'date':
        return this.single(block, 'date', 'date', this.dateLine());
      case 'pos':
        return this.single(block, 'pos', 'pos', this.posLine());
      case 'provider':
        return this.single(block, 'provider', 'provider', this.providerLine());
      case 'auth':
        return this.single(block, 'auth', 'auth', this.textLine('an authorization number'));
      case 'diagnosis': {
        const d = this.diagnosisLine();
        if (d) block.diagnoses.push(d);
        return;
      }
      case 'line': {
        const l = this.serviceLine();
        if (l) block.lines.push(l);
        return;
      }
      case 'muscles': {
        const kw = this.words[0];
        if (this.words.length < 2) {
          this.missing('one or more muscles');
          return;
        }
        const items = this.muscleItems(kw.end, this.end);
        if (items) block.muscles.push({ line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, items });
        return;
      }
      case 'drug': {
        const d = this.drugLine();
        if (d) block.drugs.push(d);
        return;
      }
      case 'prior': {
        const p = this.priorLine();
        if (p) block.priors.push(p);
        return;
      }
      case 'billed-by':
        return this.single(block, 'billed-by', 'billedBy', this.valueLine('practice id', false));
      case 'member':
        return this.single(block, 'member', 'member', this.formattedLine('a member id', 'the member id', readMember));
      case 'born':
        return this.single(block, 'born', 'born', this.dateLine());
      case 'sex':
        return this.single(
          block,
          'sex',
          'sex',
          this.formattedLine('F, M or U', 'the sex', (t) =>
            /^[FMU]$/i.test(t)
              ? { ok: true, value: t.toUpperCase() }
              : { ok: false, why: 'sex is F (female), M (male) or U (unknown), as payers record it' },
          ),
        );
      case 'address':
        return this.single(block, 'address', 'address', this.addressLine());
      case 'denied': {
        const d = this.denialLine();
        if (d) block.denials.push(d);
        return;
      }
      case 'appealed':
        return this.single(block, 'appealed', 'appealed', this.dateLine());
      case 'replaces':
        return this.single(
          block,
          'replaces',
          'replaces',
          this.formattedLine("the payer's claim number", "the payer's claim number", readPayerClaimNumber),
        );
      default: {
        const t = this.textLine(`text (${keyword})`);
        if (t) block.texts.push(t);
      }
    }
  }

  duplicate(block: ClaimBlock, field: SingleField, node: LineNode): void {
    block.duplicates.push({ field, node });
  }

  /** A line of a field a claim has once: the first fills `prop`, a second is a duplicate (the first wins). */
  single(block: ClaimBlock, field: SingleField, prop: keyof ClaimBlock, node: LineNode | undefined): void {
    if (!node) return;
    if (block[prop]) this.duplicate(block, field, node);
    else (block as unknown as Record<string, LineNode>)[prop] = node;
  }

  /** A line whose value is an identifier (`noun`: what it is, for messages). */
  valueLine(noun: string, named: boolean): (LineNode & { value: Tok; rest?: Tok }) | undefined {
    const value = this.identifier(this.words[1], noun);
    if (!this.words[1]) return undefined;
    if (!value) return undefined;
    if (!named && this.extra(2, `the ${noun}`)) return undefined;
    return { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value, rest: named ? this.rest(2) : undefined };
  }

  /**
   * A line of one value in a written form (`read` judges it; its value is the token's value):
   * `what` for a missing value, `after` for words after it.
   */
  formattedLine(
    what: string,
    after: string,
    read: (text: string) => { ok: true; value: string } | { ok: false; why: string },
  ): ValueLine | undefined {
    const w = this.words[1];
    if (!w) return this.missing(what) || undefined;
    const r = w.quoted ? { ok: false as const, why: 'write it without quotes' } : read(w.text);
    if (!r.ok) {
      this.error(w.start, w.end, `\`${w.text}\` is not valid here: ${r.why}`);
      return undefined;
    }
    if (this.extra(2, after)) return undefined;
    return { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value: this.tok(w, r.value) };
  }

  /** An `address` line (claim or practice): `line1[, line2], city, ST ZIP`, or a syntax error at the address. */
  addressLine(): AddressLine | undefined {
    const value = this.rest(1);
    if (!value) return this.missing('an address: `line1[, line2], city, ST ZIP`') || undefined;
    const r = readAddress(value.text);
    if (!r.ok) {
      this.error(value.start, value.end, `address \`${value.text}\` does not read: ${r.why}`);
      return undefined;
    }
    return { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value, ...r.value };
  }

  textLine(what: string): (LineNode & { value: Tok }) | undefined {
    const value = this.rest(1);
    if (!value) {
      this.missing(what);
      return undefined;
    }
    return { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value };
  }

  /**
   * A date token. A MM/DD/YYYY date is a syntax error (with its ISO rewrite), returned with
   * `misformatted` so that the caller still checks the rest of the line before dropping it:
   * the rewrite must not reveal another syntax error (docs/rules.md "Fixes").
   */
  date(w: Word | undefined): { tok: Tok; iso?: string; misformatted?: boolean } | undefined {
    if (!w) {
      this.missing('a date (YYYY-MM-DD)');
      return undefined;
    }
    const iso = ISO_DATE.exec(w.text);
    if (iso && !w.quoted) {
      const ok = isCalendarDate(+iso[1], +iso[2], +iso[3]);
      const tok = this.tok(w);
      return { tok, iso: ok ? tok.text : undefined };
    }
    const us = US_DATE.exec(w.text);
    if (us && !w.quoted) {
      const fixed = `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
      this.error(w.start, w.end, `date \`${w.text}\` is written MM/DD/YYYY: ClaimNote dates are ISO YYYY-MM-DD (${fixed})`, {
        title: `Rewrite as ${fixed}`,
        newText: fixed,
      });
      return { tok: this.tok(w), misformatted: true };
    }
    this.error(w.start, w.end, `\`${w.text}\` is not a date: write it as YYYY-MM-DD`);
    return undefined;
  }

  dateLine(): DateLine | undefined {
    const d = this.date(this.words[1]);
    if (!d) return undefined;
    if (this.extra(2, 'the date') || d.misformatted) return undefined;
    return { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value: d.tok, iso: d.iso };
  }

  posLine(): (LineNode & { value: Tok }) | undefined {
    const w = this.words[1];
    if (!w) {
      this.missing('a two-digit place of service');
      return undefined;
    }
    if (w.quoted || !/^\d{2}$/.test(w.text)) {
      this.error(w.start, w.end, `place of service \`${w.text}\` must be two digits, such as 11 (office)`);
      return undefined;
    }
    if (this.extra(2, 'the place of service')) return undefined;
    return { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value: this.tok(w) };
  }

  providerLine(): (LineNode & { value: Tok; rest?: Tok }) | undefined {
    const w = this.words[1];
    if (!w) {
      this.missing('a 10-digit NPI');
      return undefined;
    }
    if (w.quoted || !/^\d+$/.test(w.text)) {
      this.error(w.start, w.end, `provider NPI \`${w.text}\` must be digits (a 10-digit NPI)`);
      return undefined;
    }
    return { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value: this.tok(w), rest: this.rest(2) };
  }

  diagnosisLine() {
    const [, letterW, codeW] = this.words;
    if (!letterW) return this.missing('a pointer letter (A-L) and an ICD-10-CM code') || undefined;
    if (letterW.quoted || !/^[A-La-l]$/.test(letterW.text)) {
      this.error(letterW.start, letterW.end, `diagnosis letter \`${letterW.text}\` must be one letter from A to L`);
      return undefined;
    }
    if (!codeW) return this.missing('an ICD-10-CM code after the letter') || undefined;
    const code = this.tok(codeW, normaliseIcd(codeW.text));
    return {
      line: this.line,
      kw: this.kw,
      kwStart: this.words[0].start,
      end: this.end,
      letter: this.tok(letterW, upper(letterW.text)),
      code,
      wellFormed: !codeW.quoted && ICD.test(codeW.text),
      note: this.rest(3),
    };
  }

  serviceLine() {
    const words = this.words;
    if (words.length < 2) return this.missing('a CPT or HCPCS code') || undefined;
    // atoms: words split on commas, with columns (`atoms[first]` on); most lines have no comma,
    // and their words are the atoms
    let atoms: readonly Word[] = words;
    let first = 1;
    for (let i = 1; i < words.length; i++) {
      if (!words[i].quoted && words[i].text.indexOf(',') >= 0) {
        atoms = splitOnCommas(words);
        first = 0;
        break;
      }
    }
    const head = atoms.length > first ? atoms[first] : undefined;
    if (!head || head.quoted) {
      const w = head ?? words[1];
      this.error(w.start, w.end, `\`${w.text}\` is not a CPT or HCPCS code`);
      return undefined;
    }
    const hyphen = head.text.indexOf('-');
    const codeText = hyphen < 0 ? head.text : head.text.slice(0, hyphen);
    if (!CPT.test(codeText) && !HCPCS.test(codeText)) {
      this.error(
        head.start,
        head.start + codeText.length || head.end,
        `\`${codeText}\` is not a CPT code (five digits) or HCPCS code (a letter and four digits)`,
      );
      return undefined;
    }
    const code = this.tokAt(codeText, head.start, head.start + codeText.length, upper(codeText));
    const modifiers: Tok[] = [];
    if (hyphen >= 0) {
      // modifiers written on the code: `20552-LT`, `99213-25-59`
      const pieces = head.text.split('-');
      let col = head.start + codeText.length;
      for (let k = 1; k < pieces.length; k++) {
        this.addModifier(modifiers, { text: pieces[k], start: col + 1, end: col + 1 + pieces[k].length, quoted: false });
        col += 1 + pieces[k].length;
      }
    }
    const node = {
      line: this.line,
      kw: this.kw,
      kwStart: this.words[0].start,
      end: this.end,
      code,
      modifiers,
      unitsValue: 1,
      units: undefined,
      dx: undefined,
      modKeyword: undefined,
      charge: undefined,
      chargeCents: undefined,
    } as ReturnType<LineParser['node']> & {
      code: Tok;
      modifiers: Tok[];
      unitsValue: number;
      units?: Tok;
      dx?: { keyword: Tok; pointers: Tok[] };
      modKeyword?: Tok;
      charge?: Tok;
      chargeCents?: number;
    };
    let part: PartKeyword | 'skip' | null = null;
    let partKw: Word | undefined;
    let partItems = 0;
    let seenMod = false,
      seenUnits = false,
      seenDx = false,
      seenCharge = false;
    for (let x = first + 1; x < atoms.length; x++) {
      const a = atoms[x];
      const lower = a.quoted ? null : partKeyword(a.text);
      if (lower !== null) {
        this.closePart(part, partKw, partItems);
        partKw = a;
        partItems = 0;
        if (lower === 'mod' ? seenMod : lower === 'units' ? seenUnits : lower === 'dx' ? seenDx : seenCharge) {
          this.error(a.start, a.end, `a second \`${lower}\` part: a service line takes each of mod, units, dx and charge at most once`);
          part = 'skip';
          continue;
        }
        if (lower === 'mod') seenMod = true;
        else if (lower === 'units') seenUnits = true;
        else if (lower === 'dx') seenDx = true;
        else seenCharge = true;
        part = lower;
        if (lower === 'mod') node.modKeyword = this.tok(a, 'mod');
        if (lower === 'dx') node.dx = { keyword: this.tok(a, 'dx'), pointers: [] };
        continue;
      }
      partItems++;
      if (part === 'skip') continue;
      if (part === null) {
        this.error(a.start, a.end, `unexpected \`${a.text}\` after the code: a service line continues with mod, units, dx or charge`);
      } else if (part === 'mod') {
        this.addModifier(modifiers, a);
      } else if (part === 'units') {
        if (partItems > 1) this.error(a.start, a.end, `unexpected \`${a.text}\` after the units`);
        else if (a.quoted || !/^\d+$/.test(a.text) || Number(a.text) === 0)
          this.error(a.start, a.end, `units \`${a.text}\` must be a positive whole number`);
        else {
          node.units = this.tok(a);
          node.unitsValue = Number(a.text);
        }
      } else if (part === 'charge') {
        // only the charge is dropped on an error: the line stays
        if (partItems > 1) {
          const separator = this.text[a.start - 1] === ',';
          this.error(
            a.start,
            a.end,
            separator
              ? `\`${this.text.slice(partKw!.end, a.end).trim()}\` is not a charge: write it without a thousands separator (${this.text.slice(partKw!.end, a.end).replace(/[\s,$]/g, '')})`
              : `unexpected \`${a.text}\` after the charge`,
          );
          node.charge = undefined;
          node.chargeCents = undefined;
        } else {
          const r = a.quoted ? { ok: false as const, why: 'write it without quotes' } : readCharge(a.text);
          if (!r.ok) this.error(a.start, a.end, `charge \`${a.text}\` is not valid: ${r.why}`);
          else {
            node.charge = this.tok(a);
            node.chargeCents = r.value;
          }
        }
      } else if (part === 'dx') {
        // one pointer a character; a character outside the BMP is one (two-unit) character
        if (a.quoted) {
          this.error(a.start, a.end, `"${a.text}" is not a diagnosis pointer: pointers are letters A to L, unquoted`);
          continue;
        }
        for (let k = 0; k < a.text.length;) {
          const c = a.text.charCodeAt(k);
          const size = c >= 0xd800 && c <= 0xdbff && k + 1 < a.text.length && (a.text.charCodeAt(k + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
          const ch = a.text.length === size ? a.text : a.text.slice(k, k + size);
          const start = a.start + k,
            end = start + size;
          k += size;
          if (!((c >= 65 && c <= 76) || (c >= 97 && c <= 108)) || size !== 1)
            this.error(start, end, `\`${ch}\` is not a diagnosis pointer: pointers are letters A to L`);
          else if (node.dx!.pointers.length >= 4)
            this.error(start, end, `pointer ${ch.toUpperCase()} is a fifth pointer: a line points to at most 4 diagnoses`);
          else node.dx!.pointers.push(this.tokAt(ch, start, end, upper(ch)));
        }
      }
    }
    this.closePart(part, partKw, partItems);
    return node;
  }

  /** A modifier of a service line (after `-` or in its `mod` part), or its syntax error. */
  addModifier(modifiers: Tok[], a: Word): void {
    if (!a.text && !a.quoted) {
      // `20552-` or `20552--RT`: point at the hyphen that has no modifier after it
      this.error(a.start - 1, a.start, 'empty modifier after `-`');
    } else if (a.quoted || !MODIFIER.test(a.text)) {
      this.error(a.start, a.end, `\`${a.text}\` is not a modifier: a modifier is two letters or digits`);
    } else if (modifiers.length >= 4) {
      this.error(a.start, a.end, `modifier ${a.text.toUpperCase()} is a fifth modifier: a line takes at most 4`);
    } else modifiers.push(this.tok(a, upper(a.text)));
  }

  /** A service line's part ends: a part keyword with nothing after it is an error. */
  closePart(part: PartKeyword | 'skip' | null, partKw: Word | undefined, partItems: number): void {
    if (partKw && part !== 'skip' && partItems === 0) {
      const what =
        part === 'mod'
          ? 'one or more modifiers'
          : part === 'units'
            ? 'a number of units'
            : part === 'charge'
              ? 'an amount in dollars, such as 150.00'
              : 'one or more diagnosis pointers (A-L)';
      this.error(partKw.start, partKw.end, `\`${partKw.text.toLowerCase()}\` needs ${what}`);
    }
  }

  /** The list separator (`,`, `;` or `and`) just before column `start` (or just after `end`), within [from, to). */
  separatorNear(start: number, end: number, from: number, to: number, before: boolean): { start: number; end: number } {
    const t = this.text;
    if (before) {
      let e = start;
      while (e > from && /\s/.test(t[e - 1])) e--;
      if (e > from)
        return /and$/i.test(t.slice(Math.max(from, e - 3), e)) && t[e - 1] !== ',' && t[e - 1] !== ';'
          ? { start: e - 3, end: e }
          : { start: e - 1, end: e };
    }
    let s = end;
    while (s < to && /\s/.test(t[s])) s++;
    if (s < to) return /^and/i.test(t.slice(s, s + 3)) ? { start: s, end: s + 3 } : { start: s, end: s + 1 };
    return { start: Math.max(from, start - 1), end: Math.max(from, start - 1) + 1 };
  }

  /** Parses muscle items between two columns of the line. Returns undefined (line dropped) on a syntax error. */
  muscleItems(from: number, to: number): MuscleItem[] | undefined {
    const slice = this.text.slice(from, to);
    // an unclosed parenthesis would silently swallow the rest of the list (and the count)
    let depth = 0,
      open = -1;
    for (let i = slice.indexOf('('); i >= 0 && i < slice.length; i++) {
      const c = slice.charCodeAt(i);
      if (c === 0x28) {
        if (depth++ === 0) open = i;
      } else if (c === 0x29 && depth > 0) depth--;
    }
    if (depth > 0) {
      this.error(from + open, from + open + 1, 'unclosed parenthesis: add `)` where the note ends, or the muscles after it are lost');
      return undefined;
    }
    const raw = splitList(slice, from, muscleSeparator);
    const items: MuscleItem[] = [];
    let ok = true;
    for (let index = 0; index < raw.length; index++) {
      const r = raw[index];
      // remove parenthesised text, keeping columns
      const cleaned = r.text.indexOf('(') < 0 ? r.text : r.text.replace(/\([^)]*\)?/g, (m) => ' '.repeat(m.length));
      const trimmed = cleaned.trim();
      if (!trimmed) {
        // point at the separator that has no muscle before (or, for the first item, after) it
        const sep = this.separatorNear(r.start, r.end, from, to, items.length > 0 || index > 0);
        this.error(sep.start, sep.end, 'empty muscle in the list: remove the extra separator');
        ok = false;
        continue;
      }
      const lead = cleaned.length - cleaned.trimStart().length;
      const start = r.start + lead;
      // the first word (to the first white space): a side when it names one
      let w = 0;
      while (w < trimmed.length && !jsSpaceCode(trimmed.charCodeAt(w))) w++;
      const side = sideWord(trimmed, w);
      let name = trimmed;
      let nameStart = start;
      if (side) {
        let k = w;
        while (k < trimmed.length && jsSpaceCode(trimmed.charCodeAt(k))) k++;
        name = trimmed.slice(k); // (trimmed ends with no white space)
        nameStart = start + k;
        if (!name) {
          this.error(start, start + trimmed.length, `\`${trimmed}\` names a side but no muscle`);
          ok = false;
          continue;
        }
      }
      name = sharedName(collapseSpaces(name));
      const text = side ? collapseSpaces(trimmed) : name;
      const end = start + trimmed.length;
      items.push({ line: this.line, start, end, text, side, name, nameStart, nameEnd: end });
    }
    return ok ? items : undefined;
  }

  drugLine() {
    const words = this.words;
    if (words.length < 2) return this.missing('a drug name') || undefined;
    let i = 1;
    let name: Tok;
    if (words[1].quoted) {
      name = this.tok(words[1]);
      i = 2;
    } else {
      while (i < words.length && !/^[\d.]/.test(words[i].text) && !isNdcWord(words[i])) i++;
      if (i === 1) {
        this.error(
          words[1].start,
          words[1].end,
          isNdcWord(words[1]) ? '`drug` needs a name before its `ndc`' : `\`drug\` needs a name before the amount \`${words[1].text}\``,
        );
        return undefined;
      }
      const s = words[1].start,
        e = words[i - 1].end;
      name = this.tokAt(this.text.slice(s, e), s, e);
    }
    const node = {
      line: this.line,
      kw: this.kw,
      kwStart: this.words[0].start,
      end: this.end,
      name,
      concentration: undefined,
      dose: undefined,
      ndc: undefined,
    } as ReturnType<LineParser['node']> & { name: Tok; concentration?: Quantity; dose?: Quantity; ndc?: Tok };
    while (i < words.length) {
      const w = words[i];
      if (isNdcWord(w)) {
        // `ndc <NDC>` ends the line; its form is judged by ndc-format. A missing or extra word
        // drops only the NDC.
        const code = words[i + 1];
        if (!code) this.error(w.start, w.end, "`ndc` needs the drug's National Drug Code, such as 00003-0293-05");
        else if (words.length > i + 2) {
          const x = words[i + 2];
          this.error(x.start, this.end, `unexpected \`${this.text.slice(x.start, this.end)}\` after the NDC`);
        } else node.ndc = this.tok(code);
        break;
      }
      const num = w.quoted ? null : NUMBER.exec(w.text);
      if (!num) {
        this.error(w.start, w.end, `unexpected \`${w.text}\`: expected a concentration (40 mg/mL, 1%) or an amount (1 mL, 40 mg)`);
        return undefined;
      }
      let unit = w.text.slice(num[0].length);
      let end = w.end;
      if (!unit) {
        const next = words[i + 1];
        if (!next || next.quoted || /^[\d.]/.test(next.text)) {
          this.error(w.start, w.end, `\`${w.text}\` needs a unit (mg/mL, %, mL, mg...)`);
          return undefined;
        }
        unit = next.text;
        end = next.end;
        i++;
      }
      i++;
      const u = unit.toLowerCase().replace(/\/cc$/, '/ml');
      const q: Quantity = { line: this.line, start: w.start, end, amount: Number(num[0]), unit: shared(u) };
      const isConc = u === 'mg/ml' || u === 'mcg/ml' || u === 'units/ml' || u === '%';
      const isAmount = u === 'ml' || u === 'cc' || u === 'mg' || u === 'mcg' || u === 'units';
      if (isConc) {
        if (node.concentration) {
          this.error(w.start, end, 'a second concentration on one drug line');
          return undefined;
        }
        node.concentration = q;
      } else if (isAmount) {
        if (node.dose) {
          this.error(w.start, end, 'a second amount on one drug line');
          return undefined;
        }
        node.dose = q;
      } else {
        this.error(
          w.start,
          end,
          `unknown unit \`${unit}\`: use mg/mL, mcg/mL, units/mL or % for a concentration, and mL, cc, mg, mcg or units for an amount`,
        );
        return undefined;
      }
    }
    return node;
  }

  /**
   * `denied <date> <adjustment>[, <adjustment>]... [remark <r>[, <r>]...] [ref <number>] [on <code>]`:
   * the parts after the adjustments in any order, each at most once. Any error drops the line.
   */
  denialLine(): DenialLine | undefined {
    const d = this.date(this.words[1]);
    if (!d) return undefined;
    const atoms = splitOnCommas(this.words).slice(1); // (atoms[0] is the date)
    const node: DenialLine = {
      line: this.line,
      kw: this.kw,
      kwStart: this.words[0].start,
      end: this.end,
      date: d.tok,
      iso: d.iso,
      adjustments: [],
      remarks: [],
      ref: undefined,
      on: undefined,
    };
    let part: 'adjustments' | 'remark' | 'ref' | 'on' = 'adjustments';
    let partKw: Word | undefined;
    let items = 0;
    const seen = new Set<string>();
    let ok = !d.misformatted;
    const close = () => {
      if (partKw && items === 0) {
        const what =
          part === 'remark' ? 'one or more remark codes (N115, M25)' : part === 'ref' ? "the payer's claim number" : 'a CPT or HCPCS code';
        this.error(partKw.start, partKw.end, `\`${partKw.text.toLowerCase()}\` needs ${what}`);
        ok = false;
      }
    };
    for (const a of atoms) {
      const lower = a.quoted ? '' : a.text.toLowerCase();
      if (lower === 'remark' || lower === 'ref' || lower === 'on') {
        close();
        if (seen.has(lower)) {
          this.error(a.start, a.end, `a second \`${lower}\` part: a denied line takes each of remark, ref and on at most once`);
          return undefined;
        }
        seen.add(lower);
        part = lower;
        partKw = a;
        items = 0;
        continue;
      }
      items++;
      if (part === 'adjustments') {
        const m = a.quoted ? null : /^(CO|PR|OA|PI|CR)-(\d{1,3}|[A-Za-z]\d{1,2})$/i.exec(a.text);
        if (!m) {
          this.error(
            a.start,
            a.end,
            `\`${a.text}\` is not an adjustment: write a group code (CO, PR, OA, PI, CR), a hyphen and the reason code, such as CO-50`,
          );
          return undefined;
        }
        const reason = /^\d+$/.test(m[2]) ? String(Number(m[2])) : m[2].toUpperCase();
        node.adjustments.push({ ...this.tok(a, `${m[1].toUpperCase()}-${reason}`), group: m[1].toUpperCase(), reason });
      } else if (part === 'remark') {
        if (a.quoted || !/^[A-Za-z]{1,2}\d{1,3}$/.test(a.text)) {
          this.error(a.start, a.end, `\`${a.text}\` is not a remark code: one or two letters and 1 to 3 digits, such as N115`);
          return undefined;
        }
        node.remarks.push(this.tok(a, upper(a.text)));
      } else if (part === 'ref') {
        if (items > 1 || a.quoted || !/^[A-Za-z0-9]{1,50}$/.test(a.text)) {
          this.error(
            a.start,
            a.end,
            items > 1
              ? `unexpected \`${a.text}\` after the payer's claim number`
              : `\`${a.text}\` is not a payer's claim number: 1 to 50 letters and digits`,
          );
          return undefined;
        }
        node.ref = this.tok(a);
      } else {
        if (items > 1 || a.quoted || !(CPT.test(a.text) || HCPCS.test(a.text))) {
          this.error(
            a.start,
            a.end,
            items > 1
              ? `unexpected \`${a.text}\` after the code`
              : `\`${a.text}\` is not a CPT or HCPCS code (without modifiers) for \`on\``,
          );
          return undefined;
        }
        node.on = this.tok(a, upper(a.text));
      }
    }
    close();
    if (!node.adjustments.length) {
      if (ok) this.missing('an adjustment after the date, such as CO-50');
      return undefined;
    }
    return ok ? node : undefined;
  }

  priorLine() {
    const d = this.date(this.words[1]);
    if (!d) return undefined;
    const cw = this.words[2];
    if (!cw) return this.missing('a date and a CPT code') || undefined;
    if (cw.quoted || !(CPT.test(cw.text) || HCPCS.test(cw.text))) {
      this.error(cw.start, cw.end, `\`${cw.text}\` is not a CPT or HCPCS code`);
      return undefined;
    }
    let items: MuscleItem[] = [];
    if (this.words.length > 3) {
      const parsed = this.muscleItems(cw.end, this.end);
      if (!parsed) return undefined;
      items = parsed;
    }
    if (d.misformatted) return undefined;
    return {
      line: this.line,
      kw: this.kw,
      kwStart: this.words[0].start,
      end: this.end,
      date: d.tok,
      iso: d.iso,
      code: this.tok(cw, upper(cw.text)),
      items,
    };
  }

  // ---------------------------------------------------------------- policy lines

  positiveInt(w: Word | undefined, what: string): number | undefined {
    if (!w) {
      this.missing(what);
      return undefined;
    }
    if (w.quoted || !/^\d+$/.test(w.text) || Number(w.text) === 0) {
      this.error(w.start, w.end, `\`${w.text}\` must be a positive whole number (${what})`);
      return undefined;
    }
    return Number(w.text);
  }

  period(w: Word | undefined, allowed: PeriodUnit[]): PeriodUnit | undefined {
    if (!w) {
      this.missing(`a unit (${allowed.join(', ')})`);
      return undefined;
    }
    const u = w.text.toLowerCase();
    const plural = (u.endsWith('s') ? u : u + 's') as PeriodUnit;
    if (w.quoted || !allowed.includes(plural)) {
      this.error(w.start, w.end, `\`${w.text}\` is not a period: use ${allowed.join(', ')}`);
      return undefined;
    }
    return plural;
  }

  policyLine(block: PolicyBlock, keyword: string): void {
    const w = this.words;
    switch (keyword) {
      case 'limit': {
        if (w.length < 2) {
          this.missing('`<n> per <d> days|weeks|months|years`');
          return;
        }
        const count = this.positiveInt(w[1], 'the number of sessions');
        if (count === undefined) return;
        if (!w[2] || w[2].text.toLowerCase() !== 'per') {
          const x = w[2] ?? w[1];
          this.error(x.start, x.end, 'a limit reads `limit <n> per <d> days|weeks|months|years`');
          return;
        }
        const per = this.positiveInt(w[3], 'the length of the window');
        if (per === undefined) return;
        const unit = this.period(w[4], ['days', 'weeks', 'months', 'years']);
        if (!unit) return;
        if (this.extra(5, 'the limit')) return;
        block.limits.push({ line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, count, per, unit });
        return;
      }
      case 'interval': {
        const per = this.positiveInt(w[1], 'the number of days or weeks');
        if (per === undefined) return;
        const unit = this.period(w[2], ['days', 'weeks']) as 'days' | 'weeks' | undefined;
        if (!unit) return;
        if (this.extra(3, 'the interval')) return;
        const node = {
          line: this.line,
          kw: this.kw,
          kwStart: this.words[0].start,
          end: this.end,
          per,
          unit,
          days: unit === 'weeks' ? per * 7 : per,
        };
        if (block.interval) block.duplicates.push({ field: 'interval', node });
        else block.interval = node;
        return;
      }
      case 'rate': {
        const x = w[1];
        if (!x) {
          this.missing('a percentage of the Medicare fee schedule, such as `150%`');
          return;
        }
        let text = x.text;
        let end = x.end;
        if (!text.endsWith('%') && w[2]?.text === '%') {
          text += '%';
          end = w[2].end;
        }
        const m = /^(\d+(?:\.\d+)?|\.\d+)%$/.exec(text);
        if (x.quoted || !m) {
          this.error(x.start, end, `rate \`${text}\` must be a percentage such as 150%`);
          return;
        }
        if (this.extra(w[2]?.text === '%' ? 3 : 2, 'the rate')) return;
        const node = { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, percent: Number(m[1]) };
        if (block.rate) block.duplicates.push({ field: 'rate', node });
        else block.rate = node;
        return;
      }
      case 'covers':
      case 'excludes': {
        if (w.length < 2) {
          this.missing('one or more ICD-10-CM codes');
          return;
        }
        const entries: IcdEntry[] = [];
        for (const e of splitList(this.text.slice(w[0].end, this.end), w[0].end, /[,\s]+/y)) {
          if (!e.text) continue;
          const bare = e.text.replace(/\*$/, '');
          entries.push({ ...this.tok(e, normaliseIcd(bare)), wellFormed: ICD.test(bare) });
        }
        (keyword === 'covers' ? block.covers : block.excludes).push({
          line: this.line,
          kw: this.kw,
          kwStart: this.words[0].start,
          end: this.end,
          entries,
        });
        return;
      }
      case 'payer-id': {
        const n = this.formattedLine("the payer's electronic id", 'the payer id', readPayerId);
        if (n) {
          if (block.payerId) block.duplicates.push({ field: 'payer-id', node: n });
          else block.payerId = n;
        }
        return;
      }
      case 'claim-type': {
        const n = this.formattedLine('a claim filing indicator (MB, MC, CI, 12...)', 'the claim type', (t) =>
          CLAIM_TYPES[t.toLowerCase()] !== undefined
            ? { ok: true, value: t.toUpperCase() }
            : {
                ok: false,
                why: `a claim type is one of ${Object.keys(CLAIM_TYPES)
                  .map((k) => k.toUpperCase())
                  .join(', ')}`,
              },
        );
        if (n) {
          if (block.claimType) block.duplicates.push({ field: 'claim-type', node: n });
          else block.claimType = n;
        }
        return;
      }
      case 'appeal-window': {
        const days = this.positiveInt(w[1], 'the number of days');
        if (days === undefined) return;
        const unit = w[2];
        if (!unit) return this.missing('a number of `days`') || undefined;
        if (unit.quoted || !/^days?$/i.test(unit.text)) {
          this.error(unit.start, unit.end, `\`${unit.text}\` is not a period: an appeal window is counted in days`);
          return;
        }
        if (this.extra(3, 'the appeal window')) return;
        const node = { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, days };
        if (block.appealWindow) block.duplicates.push({ field: 'appeal-window', node });
        else block.appealWindow = node;
        return;
      }
      default: {
        if (this.extra(1, `\`${keyword}\`, which takes no argument`)) return;
        const node = this.node();
        if (keyword === 'requires-auth') block.requiresAuth ??= node;
        else if (keyword === 'requires-ndc') block.requiresNdc ??= node;
        else if (keyword === 'single-region') block.singleRegion ??= node;
        else if (keyword === 'no-imaging-guidance') block.noImagingGuidance ??= node;
        else block.oneSessionPerDay ??= node;
      }
    }
  }

  // ---------------------------------------------------------------- practice lines

  practiceLine(block: PracticeBlock, keyword: string): void {
    const field = keyword as PracticeField;
    let n: ValueLine | PairLine | AddressLine | undefined;
    switch (field) {
      case 'npi':
        n = this.formattedLine('a 10-digit NPI', 'the NPI', (t) =>
          /^\d+$/.test(t) ? { ok: true, value: t } : { ok: false, why: 'an NPI is digits (10 of them)' },
        );
        break;
      case 'tin':
        n = this.formattedLine('a 9-digit federal tax id (EIN)', 'the tax id', (t) => {
          const digits = einDigits(t);
          return digits ? { ok: true, value: digits } : { ok: false, why: 'a federal tax id is 9 digits, written 123456789 or 12-3456789' };
        });
        break;
      case 'address':
        n = this.addressLine();
        break;
      case 'phone': {
        const value = this.rest(1);
        if (!value) {
          this.missing('a 10-digit phone number');
          return;
        }
        const r = readPhone(value.text);
        if (!r.ok) {
          this.error(value.start, value.end, `phone \`${value.text}\` is not valid: ${r.why}`);
          return;
        }
        n = { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value: { ...value, value: r.value } };
        break;
      }
      case 'taxonomy':
        n = this.formattedLine('a taxonomy code (such as 208VP0014X)', 'the taxonomy code', readTaxonomy);
        break;
      case 'locality': {
        const [, mac, loc] = this.words;
        if (!mac || !loc) return this.missing('a contractor number and a locality, such as `01182 18`') || undefined;
        if (mac.quoted || !/^\d{5}$/.test(mac.text)) {
          this.error(mac.start, mac.end, `\`${mac.text}\` is not a Medicare contractor number: it has 5 digits, such as 01182`);
          return;
        }
        if (loc.quoted || !/^\d{2}$/.test(loc.text)) {
          this.error(loc.start, loc.end, `\`${loc.text}\` is not a fee schedule locality: it has 2 digits, such as 18`);
          return;
        }
        if (this.extra(3, 'the locality')) return;
        n = { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value: this.tok(mac), rest: this.tok(loc) };
        break;
      }
      case 'submitter':
      case 'receiver': {
        const value = this.identifier(this.words[1], `${field} id`);
        if (!value) return;
        n = { line: this.line, kw: this.kw, kwStart: this.words[0].start, end: this.end, value, rest: this.rest(2) };
        break;
      }
    }
    if (!n) return;
    if (block[field]) block.duplicates.push({ field, node: n });
    else (block as unknown as Record<PracticeField, LineNode>)[field] = n;
  }
}

/** A claim block with no lines yet: every field set here, in one order, so that all claims share one shape (fast access). */
export function newClaim(keyword: Tok, id: Tok | undefined, line: number, errors: SyntaxError[]): ClaimBlock {
  return {
    kind: 'claim',
    keyword,
    id,
    startLine: line,
    endLine: line,
    duplicates: [],
    errors,
    patient: undefined,
    payer: undefined,
    date: undefined,
    pos: undefined,
    provider: undefined,
    auth: undefined,
    diagnoses: [],
    lines: [],
    muscles: [],
    drugs: [],
    texts: [],
    priors: [],
    billedBy: undefined,
    member: undefined,
    born: undefined,
    sex: undefined,
    address: undefined,
    replaces: undefined,
    denials: [],
    appealed: undefined,
  };
}

/** The keyword token of a claim made only to read lines into (never reported at). */
export const NO_KEYWORD: Tok = Object.freeze({ line: 0, start: 0, end: 0, text: 'claim', value: 'claim' });

const NO_ERRORS = Object.freeze([]) as unknown as SyntaxError[]; // (frozen: a parser used without a reset fails loudly)
const NO_WORDS = Object.freeze([]) as unknown as Word[];
/**
 * The parser every line is read with, `reset` for each (a new parser for each line cost 12% of
 * a parse). Once a parse is done it lets go of the last line it read, which would otherwise keep
 * that line's text, and with it its document's, after the document is gone.
 */
const LINE_PARSER = new LineParser(NO_ERRORS, '', 0, '', NO_WORDS, 0);
export function releaseLineParser(): void {
  LINE_PARSER.reset(NO_ERRORS, '', 0, '', NO_WORDS, 0, false);
}
