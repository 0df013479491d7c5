// The ClaimNote syntax tree. Every token keeps its line and UTF-16 columns.

/** A position in a document: 0-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export interface Span {
  line: number;
  start: number;
  end: number;
}

/** A token as written, with its normalised value (codes upper-cased, ids as written). */
export interface Tok extends Span {
  text: string;
  value: string;
}

export interface SyntaxFix {
  title: string;
  newText: string;
}

export interface SyntaxError extends Span {
  message: string;
  fix?: SyntaxFix;
  /** the keyword of the line, lower case (a field line dropped for this error is there, not missing) */
  kw?: string;
}

export type Side = 'L' | 'R' | 'B' | null;

export interface MuscleItem extends Span {
  /** the item as written, parentheses removed */
  text: string;
  side: Side;
  /** the muscle name as written (without side) and its columns */
  name: string;
  nameStart: number;
  nameEnd: number;
}

export interface LineNode {
  line: number;
  /** the line's keyword, lower case (its token is made on demand by `keywordOf`: a syntax tree holds hundreds of thousands of lines) */
  kw: string;
  /** the keyword's first column */
  kwStart: number;
  /** end column of the line's content (before any comment) */
  end: number;
}

/** A line's keyword as a token (lower case: keywords are matched without case). */
export function keywordOf(n: LineNode): Tok {
  return { line: n.line, start: n.kwStart, end: n.kwStart + n.kw.length, text: n.kw, value: n.kw };
}

export interface ValueLine extends LineNode {
  value: Tok;
  rest?: Tok;
}
export interface DateLine extends LineNode {
  value: Tok;
  /** ISO date when it is a real calendar date */ iso?: string;
}
export interface DiagnosisLine extends LineNode {
  letter: Tok;
  code: Tok;
  wellFormed: boolean;
  note?: Tok;
}
export interface ServiceLine extends LineNode {
  code: Tok;
  modifiers: Tok[];
  units?: Tok;
  unitsValue: number;
  dx?: { keyword: Tok; pointers: Tok[] };
  /** a `mod` part keyword, if any */
  modKeyword?: Tok;
  /** the `charge` part's amount as written (`$150.00`) and in cents */
  charge?: Tok;
  chargeCents?: number;
}
export interface MusclesLine extends LineNode {
  items: MuscleItem[];
}
export interface Quantity extends Span {
  amount: number;
  unit: string;
}
export interface DrugLine extends LineNode {
  name: Tok;
  concentration?: Quantity;
  dose?: Quantity;
  /** the `ndc` part's code as written (judged by `ndc-format`) */
  ndc?: Tok;
}
export interface TextLine extends LineNode {
  value: Tok;
}
export interface PriorLine extends LineNode {
  date: Tok;
  iso?: string;
  code: Tok;
  items: MuscleItem[];
}

export type TextField = 'symptoms' | 'exam' | 'tried' | 'technique' | 'response' | 'note';

/** Whether a claim has a text line of a field. */
export function hasText(claim: { texts: readonly TextLine[] }, field: TextField): boolean {
  for (const t of claim.texts) if (t.kw === field) return true;
  return false;
}
export type SingleField =
  | 'patient'
  | 'payer'
  | 'date'
  | 'pos'
  | 'provider'
  | 'auth'
  | 'billed-by'
  | 'member'
  | 'born'
  | 'sex'
  | 'address'
  | 'replaces'
  | 'appealed';
export type PolicySingle = 'rate' | 'interval' | 'payer-id' | 'claim-type' | 'appeal-window';
export type PracticeField = 'npi' | 'tin' | 'address' | 'phone' | 'taxonomy' | 'locality' | 'submitter' | 'receiver';

export interface DuplicateLine {
  field: SingleField | PolicySingle | PracticeField;
  node: LineNode;
}

/** One adjustment of a `denied` line: `CO-50` (its reason compares as a number: `CO-050` is 50). */
export interface Adjustment extends Tok {
  /** CO, PR, OA, PI or CR, upper case */
  group: string;
  /** the claim adjustment reason code, upper case, leading zeros of a number removed */
  reason: string;
}

/** `denied <date> <adjustment>[, ...] [remark <r>,...] [ref <n>] [on <code>]`: a payer's decision. */
export interface DenialLine extends LineNode {
  date: Tok;
  /** ISO date when it is a real calendar date */
  iso?: string;
  adjustments: Adjustment[];
  remarks: Tok[];
  ref?: Tok;
  /** the line's code the denial concerns (upper case); the whole claim when absent */
  on?: Tok;
}

/** An address on one line: `100 Main St, Suite 200, Anytown, CA 90001-1234` (docs/LANGUAGE.md, "Billing details"). */
export interface AddressLine extends LineNode {
  /** the address as written, from its first part to its ZIP code */
  value: Tok;
  line1: string;
  line2?: string;
  city: string;
  state: string;
  /** 5 or 9 digits, without the hyphen */
  zip: string;
}

/** `submitter <id> ["name"]`, `receiver <id> ["name"]`, `locality <MAC> <locality>`: a value and what follows it. */
export interface PairLine extends LineNode {
  value: Tok;
  rest?: Tok;
}

interface BlockBase {
  keyword: Tok;
  id?: Tok;
  /** first and last line of the block (the last non-blank line that belongs to it) */
  startLine: number;
  endLine: number;
  duplicates: DuplicateLine[];
  /** syntax errors of the block's lines (its own line included) */
  errors: SyntaxError[];
}

export interface ClaimBlock extends BlockBase {
  kind: 'claim';
  patient?: ValueLine;
  payer?: ValueLine;
  date?: DateLine;
  pos?: ValueLine;
  provider?: ValueLine;
  auth?: ValueLine;
  diagnoses: DiagnosisLine[];
  lines: ServiceLine[];
  muscles: MusclesLine[];
  drugs: DrugLine[];
  /** the claim's free-text lines (symptoms, exam, tried, technique, response, note), in line order: `kw` says which */
  texts: TextLine[];
  priors: PriorLine[];
  billedBy?: ValueLine;
  member?: ValueLine;
  born?: DateLine;
  sex?: ValueLine;
  address?: AddressLine;
  replaces?: ValueLine;
  denials: DenialLine[];
  appealed?: DateLine;
}

export type PeriodUnit = 'days' | 'weeks' | 'months' | 'years';
export interface LimitLine extends LineNode {
  count: number;
  per: number;
  unit: PeriodUnit;
}
export interface IntervalLine extends LineNode {
  per: number;
  unit: 'days' | 'weeks';
  days: number;
}
export interface RateLine extends LineNode {
  percent: number;
}
export interface IcdEntry extends Tok {
  wellFormed: boolean;
}
export interface IcdListLine extends LineNode {
  entries: IcdEntry[];
}

export interface PolicyBlock extends BlockBase {
  kind: 'policy';
  displayName?: Tok;
  limits: LimitLine[];
  interval?: IntervalLine;
  rate?: RateLine;
  requiresAuth?: LineNode;
  covers: IcdListLine[];
  excludes: IcdListLine[];
  singleRegion?: LineNode;
  noImagingGuidance?: LineNode;
  oneSessionPerDay?: LineNode;
  payerId?: ValueLine;
  claimType?: ValueLine;
  requiresNdc?: LineNode;
  appealWindow?: AppealWindowLine;
}

/** `appeal-window <n> days`: how long after a denial notice an appeal may be filed. */
export interface AppealWindowLine extends LineNode {
  days: number;
}

/** A billing provider: the practice that claims are sent for. */
export interface PracticeBlock extends BlockBase {
  kind: 'practice';
  displayName?: Tok;
  npi?: ValueLine;
  tin?: ValueLine;
  address?: AddressLine;
  phone?: ValueLine;
  taxonomy?: ValueLine;
  locality?: PairLine;
  submitter?: PairLine;
  receiver?: PairLine;
}

export type Block = ClaimBlock | PolicyBlock | PracticeBlock;

export interface ClaimFile {
  uri: string;
  lineCount: number;
  /** length of the last line, for edits that append at the end of the file */
  lastLineLength: number;
  /** length of every line (UTF-16 code units), for edits that delete or append whole lines */
  lineLengths: Uint32Array;
  /** the file's line ending (that of its first line break), for fixes that insert lines */
  eol: '\n' | '\r\n';
  blocks: Block[];
  /** syntax errors of lines before the first block */
  preamble: SyntaxError[];
  /** every syntax error of the file, in line order */
  errors: SyntaxError[];
  /** set when the file could not be read or decoded */
  unreadable?: string;
}
