// A claim as it travels between ClaimNote and the formats payers read (X12 837P, FHIR R4):
// plain values, every one already checked and normalised, with no syntax tree behind them.
// The model builds `OutgoingClaim`s from checked claims (export); the format readers build
// `ImportedClaim`s from files (import), which `claimText.ts` writes back as `.claim` text.

/** A one-line postal address, as the language's `address` line holds it. */
export interface Address {
  /** the street address; a second line (suite, apartment) when written */
  line1: string;
  line2?: string;
  city: string;
  /** two letters, upper case */
  state: string;
  /** 5 or 9 digits, no hyphen */
  zip: string;
}

/** A person's name split as payers want it (docs/LANGUAGE.md, "Billing details"). */
export interface PersonName {
  last: string;
  first?: string;
  middle?: string;
}

/** A submitter or receiver of an interchange: an id and an optional name. */
export interface Party {
  id: string;
  name?: string;
}

/** The billing provider: a `practice` block. */
export interface Practice {
  /** the practice's ClaimNote id */
  id: string;
  /** the display name (the block's quoted name, else its id) */
  name: string;
  /** 10 digits with a valid check digit */
  npi: string;
  /** 9 digits, no hyphen */
  tin: string;
  address: Address;
  /** 10 digits */
  phone?: string;
  taxonomy?: string;
  submitter?: Party;
  receiver?: Party;
}

/** The payer: a policy and its electronic ids. */
export interface Payer {
  /** the payer's ClaimNote id (`medicare`, `acme-ppo`) */
  id: string;
  /** the display name (the policy's quoted name, else its id) */
  name: string;
  /** the payer's electronic id (`payer-id`) */
  payerId: string;
  /** the claim filing indicator (SBR09): MB, MC, CI, 12... */
  claimType: string;
}

export interface Patient {
  /** the patient's ClaimNote id */
  id: string;
  name: PersonName;
  /** the member id as it is sent: hyphens removed, upper case */
  member: string;
  /** ISO date */
  born: string;
  sex: 'F' | 'M' | 'U';
  address: Address;
}

export interface Diagnosis {
  /** the pointer letter, A-L */
  letter: string;
  /** ICD-10-CM, upper case, without the dot */
  code: string;
}

/** A J-code line's drug as packaged (837P loop 2410). */
export interface DrugPackage {
  /** 11 digits, 5-4-2, no hyphens */
  ndc11: string;
  /** the amount given, in `unit` */
  quantity: number;
  /** ML (millilitres), ME (milligrams), UN (units) */
  unit: 'ML' | 'ME' | 'UN';
}

export interface ServiceItem {
  code: string;
  /** up to 4, upper case */
  modifiers: string[];
  /** a positive whole number */
  units: number;
  /** 1-based positions in the claim's `diagnoses` (at most 4; the first is primary) */
  pointers: number[];
  /** the line's charge in cents (a positive whole number) */
  chargeCents: number;
  drug?: DrugPackage;
}

export interface RenderingProvider {
  /** 10 digits */
  npi: string;
  name?: PersonName;
}

/** A claim ready to send: everything an 837P and a FHIR Claim need. */
export interface OutgoingClaim {
  /** the claim id (CLM01) */
  id: string;
  /** the date of service, ISO */
  date: string;
  /** place of service, two digits */
  pos: string;
  /** the payer's claim control number of the claim this one replaces (frequency 7) */
  replaces?: string;
  auth?: string;
  /** the rendering provider, when there is a `provider` line */
  provider?: RenderingProvider;
  patient: Patient;
  payer: Payer;
  practice: Practice;
  /** in letter order (A first); the position in this list is the pointer (1-based) */
  diagnoses: Diagnosis[];
  lines: ServiceItem[];
  /**
   * The claim's clinical note as written: each `muscles`, `drug`, `symptoms`, `exam`, `tried`,
   * `technique`, `response`, `note` and `prior` line, keyword first, in line order
   * ("muscles left upper trapezius, left rhomboid major"). FHIR carries them as
   * `supportingInfo`; an 837P has no room for them.
   */
  note: string[];
}

/** A range of the imported file: UTF-16 offsets of the element (or segment) a value came from. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** Something a format carried that ClaimNote cannot say, or a value it could not read. */
export interface ImportNotice {
  message: string;
  at?: SourceSpan;
}

/**
 * A claim read from a file. Every field of `OutgoingClaim` may be missing or partial (a file
 * from another system can lack anything); values are as the file gave them, normalised as in
 * `OutgoingClaim` where that is possible, and kept as written where not (a charge that is not
 * a number is left out and named in `notices`).
 *
 * `spans` says where each value came from, by path: `id`, `date`, `pos`, `replaces`, `auth`,
 * `provider`, `patient` (the patient's name), `patient.member`, `patient.born`, `patient.sex`,
 * `patient.address`, `payer`, `practice`, `diagnoses.N` (0-based), `lines.N` (the whole
 * service line), `lines.N.code`, `lines.N.modifiers.M`, `lines.N.units`, `lines.N.pointers`,
 * `lines.N.charge`, `lines.N.date`, `lines.N.drug`. For an 837P the span is the element (or
 * the segment where there is no single element); formats without offsets leave `spans` empty.
 */
export interface ImportedClaim {
  id?: string;
  date?: string;
  pos?: string;
  replaces?: string;
  auth?: string;
  provider?: Partial<RenderingProvider>;
  patient?: Partial<Omit<Patient, 'name' | 'address'>> & { name?: PersonName; address?: Address };
  payer?: Partial<Payer>;
  practice?: Partial<Omit<Practice, 'address'>> & { address?: Address };
  diagnoses: Diagnosis[];
  lines: ImportedItem[];
  note: string[];
  /** what could not be carried over or read, claim by claim: never dropped silently */
  notices: ImportNotice[];
  spans: Record<string, SourceSpan>;
}

export interface ImportedItem {
  code?: string;
  modifiers: string[];
  units?: number;
  pointers: number[];
  chargeCents?: number;
  /** the line's own date of service when the file gives one (ISO) */
  date?: string;
  drug?: Partial<DrugPackage>;
}

/** Money in cents as X12 and FHIR write it: `150`, `12.5`, `0.05` (no trailing zeros). */
export function centsToDecimal(cents: number): string {
  const whole = Math.floor(cents / 100);
  const part = cents % 100;
  if (part === 0) return String(whole);
  return part % 10 === 0 ? `${whole}.${part / 10}` : `${whole}.${String(part).padStart(2, '0')}`;
}

/** `150`, `150.5`, `150.50` -> cents; undefined when the text is not such an amount. */
export function decimalToCents(text: string): number | undefined {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
}
