// An X12 835 (005010X221A1) remittance advice to the denials ClaimNote records: any number of
// groups and transactions, with whatever separators the ISA declares. Each claim payment
// (CLP) keeps its amounts, its claim-level adjustments (CAS) and remark codes (MOA, LQ*HE),
// and its service lines (SVC) with theirs; from these come the denials, each as the `denied`
// line it becomes. Bad input (no ISA, a file cut short, amounts that are not numbers) gives
// problems, never an exception.

import { el, type ParsedSegment, type Piece, tokenize } from './segments';

export interface RemitAdjustment {
  /** CO, PR, OA, PI or CR */
  group: string;
  /** the claim adjustment reason code, upper case; a number without leading zeros (`050` is `50`) */
  reason: string;
  amountCents: number;
}

export interface RemitLine {
  /** SVC01-2, the adjudicated procedure code */
  code: string;
  /** SVC01-3 to SVC01-6 */
  modifiers: string[];
  /** SVC02 */
  chargeCents: number;
  /** SVC03 */
  paidCents: number;
  /** the line's CAS */
  adjustments: RemitAdjustment[];
  /** the line's LQ*HE remark codes */
  remarks: string[];
  /** the SVC segment */
  at: { start: number; end: number };
}

export interface RemitDenial {
  adjustments: RemitAdjustment[];
  remarks: string[];
  /** the line's code, for a line denial */
  on?: string;
}

export interface RemitClaim {
  /** CLP01, the claim id the practice sent */
  id: string;
  /** CLP02 (1 processed as primary, 4 denied, 22 reversal...) */
  status: string;
  /** CLP03 */
  chargeCents: number;
  /** CLP04 */
  paidCents: number;
  /** CLP05 (0 when absent) */
  patientCents: number;
  /** CLP07, the payer's claim number */
  payerClaimNumber?: string;
  /** ISO date: the transaction's DTM*405, else its BPR16 */
  noticeDate?: string;
  /** claim-level CAS */
  adjustments: RemitAdjustment[];
  /** claim-level remark codes: MOA03 to MOA07, and any LQ*HE before the first SVC */
  remarks: string[];
  /** the SVC loops with their CAS and LQ*HE */
  lines: RemitLine[];
  /**
   * The denials to record: one for the whole claim when it is denied (CLP02 4, or paid 0 with
   * adjustments not all PR), else one per service line paid 0 with adjustments not all PR.
   * PR-1, PR-2 and PR-3 (deductible, coinsurance, copay) are never denials.
   */
  denials: RemitDenial[];
  /** the CLP segment */
  at: { start: number; end: number };
}

export interface Read835Result {
  claims: RemitClaim[];
  /** the N1*PR name (the first one in the file) */
  payer?: string;
  problems: { message: string; at?: { start: number; end: number } }[];
}

type Span = { start: number; end: number };

const span = (p: Piece): Span => ({ start: p.start, end: p.end });
const elSpan = (s: ParsedSegment, n: number): Span => (s.elements[n - 1] ? span(s.elements[n - 1]) : span(s));

const GROUPS = new Set(['CO', 'PR', 'OA', 'PI', 'CR']);
/** deductible, coinsurance, copay: what the patient owes, never a denial */
const NEVER_DENIAL = new Set(['PR-1', 'PR-2', 'PR-3']);
const REASON = /^(\d{1,3}|[A-Z]\d{1,2})$/;
const REMARK = /^[A-Z]{1,2}\d{1,3}$/;
const REF = /^[A-Za-z0-9]{1,50}$/;
const LINE_CODE = /^(\d{5}|[A-Z]\d{4})$/;

/** An X12 decimal (`95`, `95.5`, `-45.00`, `.5`) to whole cents, rounded; undefined when it is not one. */
function cents(text: string): number | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = (m[3] ?? '').padEnd(3, '0');
  const value = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] === '-' && value !== 0 ? -value : value;
}

/** CCYYMMDD to ISO; undefined when it is not a real date. */
function isoDate(value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** A reason code as ClaimNote compares it: upper case, a number without leading zeros. */
function normalReason(text: string): string {
  const r = text.trim().toUpperCase();
  return /^\d+$/.test(r) ? String(Number(r)) : r;
}

const key = (a: RemitAdjustment) => `${a.group}-${a.reason}`;

/** The adjustments of the lists, one per group and reason (their amounts added up), PR-1/2/3 left out. */
function denialAdjustments(...lists: RemitAdjustment[][]): RemitAdjustment[] {
  const out = new Map<string, RemitAdjustment>();
  for (const a of lists.flat()) {
    if (NEVER_DENIAL.has(key(a))) continue;
    const had = out.get(key(a));
    if (had) had.amountCents += a.amountCents;
    else out.set(key(a), { ...a });
  }
  return [...out.values()];
}

const distinct = (...lists: string[][]) => [...new Set(lists.flat())];
const notAllPatient = (adjustments: RemitAdjustment[]) => adjustments.some((a) => a.group !== 'PR');

interface OpenClaim {
  claim: RemitClaim;
  /** CLP04 was a number */
  paidKnown: boolean;
  /** SVC03 was a number, by line */
  linePaidKnown: boolean[];
}

export function read835(text: string): Read835Result {
  const problems: Read835Result['problems'] = [];
  const claims: RemitClaim[] = [];
  let payer: string | undefined;
  let segments: ParsedSegment[];
  try {
    const t = tokenize(typeof text === 'string' ? text : String(text));
    segments = t.segments;
    for (const p of t.problems) problems.push({ message: p.message, at: { start: p.offset, end: p.offset } });
  } catch (e) {
    problems.push({ message: `the file could not be read: ${e instanceof Error ? e.message : String(e)}` });
    return { claims, problems };
  }

  const problem = (message: string, at?: Span) => problems.push(at ? { message, at } : { message });

  let interchange: ParsedSegment | undefined; // the open ISA
  let group: ParsedSegment | undefined; // the open GS
  let transaction: ParsedSegment | undefined; // the open ST
  let skipping = false; // inside a transaction that is not an 835
  let txClaims: OpenClaim[] = [];
  let dtm405: string | undefined;
  let bpr16: string | undefined;
  let open: OpenClaim | undefined;
  let line: RemitLine | undefined;

  const amount = (s: ParsedSegment, n: number, what: string, empty: 'zero' | 'problem'): number | undefined => {
    const t = el(s, n);
    if (t === '' && empty === 'zero') return 0;
    const c = cents(t);
    if (c === undefined) problem(`${s.id}${String(n).padStart(2, '0')} ${t || '(empty)'} is not an amount (${what})`, elSpan(s, n));
    return c;
  };

  const finishLine = () => {
    if (open && line) open.claim.lines.push(line);
    line = undefined;
  };

  const finishClaim = () => {
    finishLine();
    if (!open) return;
    const o = open;
    const c = o.claim;
    open = undefined;
    if (c.status !== '22') {
      const all = denialAdjustments(c.adjustments, ...c.lines.map((l) => l.adjustments));
      const claimDenied = c.status === '4' || (o.paidKnown && c.paidCents === 0 && notAllPatient(all));
      if (claimDenied) {
        if (all.length === 0) problem(`claim ${c.id}: denied without an adjustment reason`, c.at);
        else c.denials.push({ adjustments: all, remarks: distinct(c.remarks, ...c.lines.map((l) => l.remarks)) });
      } else {
        c.lines.forEach((l, i) => {
          if (!o.linePaidKnown[i] || l.paidCents !== 0) return;
          const adjustments = denialAdjustments(l.adjustments);
          if (!notAllPatient(adjustments)) return;
          if (!LINE_CODE.test(l.code)) {
            problem(`claim ${c.id}: the denied line's code ${l.code || '(none)'} is not a CPT or HCPCS code a ClaimNote line has`, l.at);
          }
          c.denials.push({ adjustments, remarks: distinct(l.remarks), on: l.code });
        });
      }
    }
    txClaims.push(o);
    claims.push(c);
  };

  const finishTransaction = () => {
    finishClaim();
    const noticeDate = dtm405 ?? bpr16;
    for (const { claim } of txClaims) {
      if (noticeDate) claim.noticeDate = noticeDate;
      else if (claim.denials.length) problem(`claim ${claim.id}: no notice date (DTM*405 or BPR16) for its denial`, claim.at);
    }
    txClaims = [];
    dtm405 = bpr16 = undefined;
    transaction = undefined;
    skipping = false;
  };

  const readCas = (s: ParsedSegment): RemitAdjustment[] => {
    const grp = el(s, 1).trim().toUpperCase();
    if (!GROUPS.has(grp)) {
      problem(`CAS01 ${el(s, 1) || '(empty)'} is not a claim adjustment group (CO, PR, OA, PI, CR)`, elSpan(s, 1));
      return [];
    }
    const out: RemitAdjustment[] = [];
    let triplets = 0;
    for (let k = 0; k < 6; k++) {
      const rn = 2 + 3 * k;
      const raw = el(s, rn);
      if (raw === '' && el(s, rn + 1) === '') continue;
      triplets++;
      const reason = normalReason(raw);
      if (!REASON.test(reason)) {
        problem(
          `CAS${String(rn).padStart(2, '0')} ${raw || '(empty)'} is not a claim adjustment reason code (1 to 3 digits, or a letter and 1 or 2 digits)`,
          elSpan(s, rn),
        );
        continue;
      }
      const amountCents = amount(s, rn + 1, `the ${grp}-${reason} adjustment`, 'problem');
      out.push({ group: grp, reason, amountCents: amountCents ?? 0 });
    }
    if (triplets === 0) problem('CAS without a reason code', span(s));
    return out;
  };

  const readRemark = (s: ParsedSegment, n: number, into: string[]) => {
    const raw = el(s, n);
    if (raw === '') return;
    const r = raw.trim().toUpperCase();
    if (!REMARK.test(r)) {
      problem(`${s.id}${String(n).padStart(2, '0')} ${raw} is not a remark code (one or two letters and 1 to 3 digits)`, elSpan(s, n));
      return;
    }
    if (!into.includes(r)) into.push(r);
  };

  for (const s of segments) {
    switch (s.id) {
      case 'ISA':
        if (transaction) {
          problem(`the transaction ${el(transaction, 2)} has no SE`, span(transaction));
          finishTransaction();
        }
        if (interchange) problem('an ISA without its IEA', span(interchange));
        interchange = s;
        group = undefined;
        continue;
      case 'IEA':
        if (transaction) {
          problem(`the transaction ${el(transaction, 2)} has no SE`, span(transaction));
          finishTransaction();
        }
        if (!interchange) problem('IEA without an ISA', span(s));
        interchange = group = undefined;
        continue;
      case 'GS':
        if (transaction) {
          problem(`the transaction ${el(transaction, 2)} has no SE`, span(transaction));
          finishTransaction();
        }
        group = s;
        continue;
      case 'GE':
        if (transaction) {
          problem(`the transaction ${el(transaction, 2)} has no SE`, span(transaction));
          finishTransaction();
        }
        if (!group) problem('GE without a GS', span(s));
        group = undefined;
        continue;
      case 'ST':
        if (transaction) {
          problem(`the transaction ${el(transaction, 2)} has no SE`, span(transaction));
          finishTransaction();
        }
        transaction = s;
        if (el(s, 1) !== '835') {
          problem(`ST01 ${el(s, 1) || '(empty)'}: not an 835 remittance (skipped)`, elSpan(s, 1));
          skipping = true;
        }
        continue;
      case 'SE':
        if (!transaction) problem('SE without an ST', span(s));
        finishTransaction();
        continue;
    }
    if (!transaction) {
      problem(`${s.id} outside a transaction`, span(s));
      continue;
    }
    if (skipping) continue;

    switch (s.id) {
      case 'BPR': {
        const d = el(s, 16);
        if (d) {
          const iso = isoDate(d);
          if (iso) bpr16 = iso;
          else problem(`BPR16 ${d} is not a date (CCYYMMDD)`, elSpan(s, 16));
        }
        continue;
      }
      case 'DTM':
        if (el(s, 1) === '405' && !open) {
          const iso = isoDate(el(s, 2));
          if (iso) dtm405 = iso;
          else problem(`DTM02 ${el(s, 2) || '(empty)'} is not a date (CCYYMMDD)`, elSpan(s, 2));
        }
        continue;
      case 'N1':
        if (el(s, 1) === 'PR' && payer === undefined && el(s, 2)) payer = el(s, 2);
        continue;
      case 'LX':
      case 'PLB':
        finishClaim();
        continue;
      case 'CLP': {
        finishClaim();
        const id = el(s, 1);
        if (!id) problem('CLP01 is empty: the claim id the practice sent', elSpan(s, 1));
        const status = el(s, 2).trim();
        if (!status) problem('CLP02 is empty: the claim status', elSpan(s, 2));
        const charge = amount(s, 3, 'the claim charge', 'problem');
        const paid = amount(s, 4, 'the claim payment', 'problem');
        const patient = amount(s, 5, "the patient's share", 'zero');
        const claim: RemitClaim = {
          id,
          status,
          chargeCents: charge ?? 0,
          paidCents: paid ?? 0,
          patientCents: patient ?? 0,
          adjustments: [],
          remarks: [],
          lines: [],
          denials: [],
          at: span(s),
        };
        const ref = el(s, 7);
        if (ref) {
          claim.payerClaimNumber = ref;
          if (!REF.test(ref)) problem(`CLP07 ${ref}: not 1 to 50 letters and digits, so not a ClaimNote ref (left out)`, elSpan(s, 7));
        }
        open = { claim, paidKnown: paid !== undefined, linePaidKnown: [] };
        continue;
      }
    }

    if (!open) {
      if (s.id === 'CAS' || s.id === 'SVC' || s.id === 'MOA' || s.id === 'LQ') problem(`${s.id} outside a claim (CLP)`, span(s));
      continue;
    }
    const o = open;
    switch (s.id) {
      case 'SVC': {
        finishLine();
        const comps = s.elements[0]?.components ?? [];
        const qualifier = comps[0]?.text ?? '';
        const code = (comps[1]?.text ?? '').trim().toUpperCase();
        if (qualifier !== 'HC') problem(`SVC01-1 ${qualifier || '(empty)'}: not an HCPCS/CPT code (HC)`, elSpan(s, 1));
        const modifiers = comps
          .slice(2, 6)
          .map((m) => m.text.trim().toUpperCase())
          .filter((m) => m !== '');
        const charge = amount(s, 2, 'the line charge', 'problem');
        const paid = amount(s, 3, 'the line payment', 'problem');
        line = { code, modifiers, chargeCents: charge ?? 0, paidCents: paid ?? 0, adjustments: [], remarks: [], at: span(s) };
        o.linePaidKnown.push(paid !== undefined);
        continue;
      }
      case 'CAS':
        (line ? line.adjustments : o.claim.adjustments).push(...readCas(s));
        continue;
      case 'MOA':
        if (line) problem('MOA inside a service line', span(s));
        for (let n = 3; n <= 7; n++) readRemark(s, n, o.claim.remarks);
        continue;
      case 'LQ':
        if (el(s, 1) === 'HE') readRemark(s, 2, line ? line.remarks : o.claim.remarks);
        continue;
    }
  }
  if (transaction) {
    problem(`the transaction ${el(transaction, 2)} has no SE (the file is cut short?)`, span(transaction));
    finishTransaction();
  }
  if (interchange) problem('the interchange has no IEA (the file is cut short?)', span(interchange));
  const result: Read835Result = { claims, problems };
  if (payer !== undefined) result.payer = payer;
  return result;
}

/**
 * A denial as the ClaimNote line it becomes, without leading spaces:
 * `denied 2026-03-20 CO-50 remark N115 ref 26079000123 on 20552`. The ref is the claim's CLP07
 * when it can be one (1 to 50 letters and digits). Throws when the claim has no notice date or
 * the denial no adjustment, since no `denied` line can say that.
 */
export function deniedLineText(claim: RemitClaim, denial: RemitDenial): string {
  if (!claim.noticeDate) throw new Error(`claim ${claim.id}: no notice date for the denied line`);
  if (!denial.adjustments.length) throw new Error(`claim ${claim.id}: a denied line needs an adjustment`);
  let out = `denied ${claim.noticeDate} ${distinct(denial.adjustments.map(key)).join(', ')}`;
  const remarks = distinct(denial.remarks);
  if (remarks.length) out += ` remark ${remarks.join(', ')}`;
  if (claim.payerClaimNumber && REF.test(claim.payerClaimNumber)) out += ` ref ${claim.payerClaimNumber}`;
  if (denial.on) out += ` on ${denial.on}`;
  return out;
}
