// Shapes of the language's atoms (docs/LANGUAGE.md, "Lexical rules").
import { lookupTable } from '../data/lookup';

export const IDENTIFIER = /^[A-Za-z0-9_.-]{1,40}$/;
export const CPT = /^\d{5}$/;
export const HCPCS = /^[A-Za-z]\d{4}$/;
export const MODIFIER = /^[A-Za-z0-9]{2}$/;
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
export const NUMBER = /^(?:\d+(?:\.\d+)?|\.\d+)/;
/** ICD-10-CM: letter, digit, letter or digit, then up to four letters or digits; a dot only after the third. */
export const ICD = /^[A-Za-z][0-9][A-Za-z0-9](?:\.?[A-Za-z0-9]{1,4})?$/;

/** ICD-10-CM code without its dot, upper case. */
export function normaliseIcd(text: string): string {
  const bare = text.includes('.') ? text.replace('.', '') : text;
  return /[a-z]/.test(bare) ? bare.toUpperCase() : bare;
}

/** M7918 -> M79.18: the conventional written form. */
export function dottedIcd(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

export const SIDES = lookupTable<'L' | 'R' | 'B'>({
  left: 'L',
  l: 'L',
  right: 'R',
  r: 'R',
  bilateral: 'B',
  bilat: 'B',
});

export const CLAIM_KEYWORDS = [
  'patient',
  'payer',
  'date',
  'pos',
  'provider',
  'auth',
  'diagnosis',
  'line',
  'muscles',
  'drug',
  'symptoms',
  'exam',
  'tried',
  'technique',
  'response',
  'note',
  'prior',
  'billed-by',
  'member',
  'born',
  'sex',
  'address',
  'replaces',
  'denied',
  'appealed',
] as const;
export const POLICY_KEYWORDS = [
  'limit',
  'interval',
  'requires-auth',
  'rate',
  'covers',
  'excludes',
  'single-region',
  'no-imaging-guidance',
  'one-session-per-day',
  'payer-id',
  'claim-type',
  'requires-ndc',
  'appeal-window',
] as const;
export const PRACTICE_KEYWORDS = ['npi', 'tin', 'address', 'phone', 'taxonomy', 'locality', 'submitter', 'receiver'] as const;
export const BLOCK_KEYWORDS = ['claim', 'policy', 'practice'] as const;
export type BlockKeyword = (typeof BLOCK_KEYWORDS)[number];
/** Every line keyword of the language, each once (`address` is a claim and a practice line). */
export const ALL_KEYWORDS: readonly string[] = [
  ...new Set<string>([...BLOCK_KEYWORDS, ...CLAIM_KEYWORDS, ...POLICY_KEYWORDS, ...PRACTICE_KEYWORDS]),
];
/** The parts of a service line after its code: `mod RT,XS`, `units 2`, `dx A,B`, `charge 150.00`. */
export const PART_KEYWORDS = ['mod', 'units', 'dx', 'charge'] as const;
export type PartKeyword = (typeof PART_KEYWORDS)[number];
export const PART_KEYWORD_SET: ReadonlySet<string> = new Set(PART_KEYWORDS);

/** The claim filing indicators (X12 element 1032, 837P SBR09) a `claim-type` line may name. */
export const CLAIM_TYPES = lookupTable<string>({
  mb: 'Medicare Part B',
  mc: 'Medicaid',
  ci: 'commercial insurance',
  bl: 'Blue Cross Blue Shield',
  hm: 'HMO',
  '16': 'Medicare Advantage HMO',
  '12': 'PPO',
  '13': 'POS',
  '14': 'EPO',
  '15': 'indemnity',
  ch: 'TRICARE',
  va: 'Veterans Affairs',
  wc: "workers' compensation",
  zz: 'unknown',
});
export const SEXES = lookupTable<string>({ f: 'female', m: 'male', u: 'unknown' });

/** The group codes of a claim adjustment: who bears the amount. */
export const GROUP_CODES = lookupTable<string>({
  co: 'contractual obligation',
  pr: 'patient responsibility',
  oa: 'other adjustment',
  pi: 'payer initiated reduction',
  cr: 'correction or reversal',
});
/** The words that start a part of a `denied` line after its adjustments. */
export const DENIAL_PARTS = ['remark', 'ref', 'on'] as const;
