// ClaimNote's own check of an 837P (005010X222A1) interchange: the envelope and its counts and
// control numbers, the loops ClaimNote relies on in their order, the elements they need, and
// the values a payer's front end rejects (pointers, ICD codes with dots, totals, NPI check
// digits, tax ids, ZIP codes). The writer runs it on every file it produces.

import { npiCheckDigitValid } from '../../data/identifiers';
import { centsToDecimal, decimalToCents } from '../claim';
import { comp, el, type ParsedSegment, readSegments } from './segments';

export interface X12Problem {
  message: string;
  /** 1-based position of the segment in the interchange (0 when the text has no such segment) */
  segment: number;
  /** UTF-16 offset of the element (or segment) at fault */
  offset: number;
}

export interface X12Validation {
  ok: boolean;
  problems: X12Problem[];
}

/** Which elements (1-based) must not be empty, by segment id or `id*qualifier`. */
const REQUIRED: Record<string, number[]> = {
  GS: [1, 2, 3, 4, 5, 6, 7, 8],
  ST: [1, 2, 3],
  BHT: [1, 2, 3, 4, 5, 6],
  'NM1*41': [1, 2, 3, 8, 9],
  'NM1*40': [1, 2, 3, 8, 9],
  'NM1*85': [1, 2, 3, 8, 9],
  'NM1*IL': [1, 2, 3, 8, 9],
  'NM1*PR': [1, 2, 3, 8, 9],
  'NM1*82': [1, 2, 3, 8, 9],
  PER: [1, 3, 4],
  PRV: [1, 2, 3],
  HL: [1, 3, 4],
  N3: [1],
  N4: [1, 2, 3],
  REF: [1, 2],
  SBR: [1, 9],
  DMG: [1, 2, 3],
  CLM: [1, 2, 5, 6, 7, 8, 9],
  HI: [1],
  LX: [1],
  SV1: [1, 2, 3, 4, 7],
  DTP: [1, 2, 3],
  LIN: [2, 3],
  CTP: [4, 5],
  SE: [1, 2],
  GE: [1, 2],
  IEA: [1, 2],
};

/** An element's name: NM109, ISA06. */
const where = (s: ParsedSegment, n: number) => `${s.id}${String(n).padStart(2, '0')}`;

const keyOf = (s: ParsedSegment) => (s.id === 'NM1' ? `NM1*${el(s, 1)}` : s.id);

/** `NM1*85`, `REF*EI`, `DTP*472`, `HL` ...: does the segment match? */
function is(s: ParsedSegment, spec: string): boolean {
  const [id, q] = spec.split('*');
  return s.id === id && (q === undefined || el(s, 1) === q);
}

/**
 * The problems of an 837P's text, read one segment at a time and checked as each loop ends: an
 * interchange of 100,000 claims is never in memory as segments (two million of them), only the
 * loop being checked.
 */
export function validate837(text: string): X12Validation {
  const { segments, problems: tokenProblems } = readSegments(text);
  const problems: X12Problem[] = [];
  const add: Add = (s, message, element) => {
    const e = element !== undefined ? s?.elements[element - 1] : undefined;
    problems.push({ message, segment: s?.index ?? 0, offset: e?.start ?? s?.start ?? text.length });
  };
  const done = (): X12Validation => {
    const all = [...tokenProblems.map((p) => ({ message: p.message, segment: 0, offset: p.offset })), ...problems];
    return { ok: all.length === 0, problems: all };
  };

  let isa: ParsedSegment | undefined;
  let last: ParsedSegment | undefined;
  let groups = 0;
  let group: { gs: ParsedSegment; transactions: number } | undefined;
  let tx: TransactionCheck | undefined;
  let iea: ParsedSegment | undefined;
  let transactions = 0;
  for (const s of segments) {
    last = s;
    if (!isa) {
      if (s.id !== 'ISA') {
        add(s, 'the interchange does not start with ISA');
        return done();
      }
      isa = s;
      checkIsa(s, add);
      required(s, add);
      continue;
    }
    required(s, add);
    if (iea) {
      add(s, `${s.id} after IEA`);
      continue;
    }
    switch (s.id) {
      case 'ISA':
        add(s, 'a second ISA in one interchange');
        break;
      case 'GS':
        if (tx) add(s, 'GS inside a transaction (no SE)');
        if (group) add(s, 'GS inside a functional group (no GE)');
        group = { gs: s, transactions: 0 };
        groups++;
        // the application sender's and receiver's codes (as in ISA06 and ISA08, which are padded to 15)
        for (const n of [2, 3]) {
          const v = el(s, n);
          if (v !== '' && (v.length < 2 || v.length > 15)) add(s, `GS0${n} ${v} is ${v.length} characters, not 2 to 15`, n);
        }
        break;
      case 'GE':
        if (!group) add(s, 'GE without GS');
        else {
          if (el(s, 1) !== String(group.transactions)) add(s, `GE01 is ${el(s, 1)}, the group has ${group.transactions} transactions`, 1);
          if (el(s, 2) !== el(group.gs, 6)) add(s, `GE02 ${el(s, 2)} does not match GS06 ${el(group.gs, 6)}`, 2);
        }
        group = undefined;
        break;
      case 'ST':
        if (tx) add(s, 'ST inside a transaction (no SE)');
        if (!group) add(s, 'ST outside a functional group');
        else group.transactions++;
        tx = new TransactionCheck(s, add);
        transactions++;
        break;
      case 'SE':
        if (!tx) add(s, 'SE without ST');
        else {
          const count = tx.segments + 1;
          if (el(s, 1) !== String(count)) add(s, `SE01 is ${el(s, 1)}, the transaction has ${count} segments (ST to SE)`, 1);
          if (el(s, 2) !== el(tx.st, 2)) add(s, `SE02 ${el(s, 2)} does not match ST02 ${el(tx.st, 2)}`, 2);
          tx.end();
        }
        tx = undefined;
        break;
      case 'IEA':
        if (tx) add(s, 'IEA inside a transaction (no SE)');
        if (group) add(s, 'IEA inside a functional group (no GE)');
        if (el(s, 1) !== String(groups)) add(s, `IEA01 is ${el(s, 1)}, the interchange has ${groups} functional groups`, 1);
        if (el(s, 2) !== el(isa, 13)) add(s, `IEA02 ${el(s, 2)} does not match ISA13 ${el(isa, 13)}`, 2);
        iea = s;
        break;
      default:
        if (tx) tx.push(s);
        else add(s, `${s.id} outside a transaction`);
    }
  }
  if (!isa) return done();
  if (tx) add(last, 'the last transaction has no SE');
  if (group) add(last, 'the last functional group has no GE');
  if (!iea) add(last, 'the interchange has no IEA');
  if (groups === 0) add(isa, 'the interchange has no GS');
  if (transactions === 0) add(isa, 'the interchange has no ST');
  return done();
}

function checkIsa(isa: ParsedSegment, add: Add): void {
  const isaLength = isa.end - isa.start + 1;
  if (isaLength !== 106) add(isa, `the ISA is ${isaLength} characters with its terminator, not 106 (fixed width)`);
  if (isa.elements.length !== 16) add(isa, `the ISA has ${isa.elements.length} elements, not 16`);
  const isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
  isaWidths.forEach((w, i) => {
    const e = isa.elements[i];
    if (e && e.text.length !== w) add(isa, `${where(isa, i + 1)} is ${e.text.length} characters wide, not ${w}`, i + 1);
  });
  if (!/^\d{6}$/.test(el(isa, 9))) add(isa, 'ISA09 is not a date YYMMDD', 9);
  if (!/^\d{4}$/.test(el(isa, 10))) add(isa, 'ISA10 is not a time HHMM', 10);
  if (!/^\d{9}$/.test(el(isa, 13))) add(isa, 'ISA13 is not a 9-digit control number', 13);
  if (el(isa, 15) !== 'T' && el(isa, 15) !== 'P') add(isa, 'ISA15 is neither T (test) nor P (production)', 15);
}

/** The elements a segment must not leave empty. */
function required(s: ParsedSegment, add: Add): void {
  const req = REQUIRED[keyOf(s)] ?? (s.id === 'NM1' ? [1, 2, 3] : undefined);
  for (const n of req ?? []) if (el(s, n).trim() === '') add(s, `${keyOf(s)}: ${where(s, n)} is empty`, n);
}

/** Where a problem is: a segment, or what is kept of one (its position and its elements' offsets). */
type Place = Pick<ParsedSegment, 'index' | 'start'> & { elements: readonly { start: number }[] };
type Add = (s: Place | undefined, message: string, element?: number) => void;

/** The segments of `segs` matching `specs` in that order (each after the previous); reports the missing ones. */
function inOrder(segs: ParsedSegment[], specs: string[], loop: string, at: ParsedSegment, add: Add): (ParsedSegment | undefined)[] {
  const found: (ParsedSegment | undefined)[] = [];
  let from = 0;
  for (const spec of specs) {
    const i = segs.findIndex((s, k) => k >= from && is(s, spec));
    if (i < 0) {
      const anywhere = segs.find((s) => is(s, spec));
      add(anywhere ?? at, anywhere ? `${loop}: ${spec} is out of order` : `${loop}: ${spec} is missing`);
      found.push(anywhere);
    } else {
      found.push(segs[i]);
      from = i + 1;
    }
  }
  return found;
}

/**
 * One transaction, checked as it is read: the header (1000A, 1000B) when the first HL comes,
 * each hierarchical level when the next begins, and at SE what needs the whole transaction
 * (whether a level has children, for HL04 and for a subscriber without claims).
 */
class TransactionCheck {
  /** segments from ST on, SE excluded */
  segments = 1;
  private header: ParsedSegment[] = [];
  private level?: { hl: ParsedSegment; segs: ParsedSegment[] };
  private levels = 0;
  private readonly levelOf = new Map<string, string>();
  /** the ids some level names as its parent (HL02): the levels with children */
  private readonly parents = new Set<string>();
  /** what each level's checks that need its children leave for the end */
  private readonly waiting: { at: Place; id: string; hl04: string; noClaim: boolean }[] = [];

  constructor(
    readonly st: ParsedSegment,
    private readonly add: Add,
  ) {
    if (el(st, 1) !== '837') add(st, `ST01 is ${el(st, 1)}, not 837`, 1);
  }

  push(s: ParsedSegment): void {
    this.segments++;
    if (s.id !== 'HL') {
      if (this.level) this.level.segs.push(s);
      else this.header.push(s);
      return;
    }
    if (this.level) this.finishLevel(this.level);
    else this.checkHeader();
    this.level = { hl: s, segs: [] };
    this.parents.add(el(s, 2));
  }

  end(): void {
    if (this.level) this.finishLevel(this.level);
    else {
      this.checkHeader();
      this.add(this.st, 'the transaction has no HL (billing provider) loop');
    }
    for (const w of this.waiting) {
      const hasChild = this.parents.has(w.id);
      if (w.hl04 !== (hasChild ? '1' : '0')) this.add(w.at, `HL04 is ${w.hl04}, the level ${hasChild ? 'has' : 'has no'} children`, 4);
      if (w.noClaim && !hasChild) this.add(w.at, `HL ${w.id}: no CLM`);
    }
  }

  private checkHeader(): void {
    const { header, st, add } = this;
    if (header[0]?.id !== 'BHT') add(header[0] ?? st, 'BHT must follow ST');
    else {
      if (el(header[0], 2) !== '00') add(header[0], 'BHT02 is not 00 (original)', 2);
      if (el(header[0], 6) !== 'CH') add(header[0], 'BHT06 is not CH (chargeable)', 6);
    }
    inOrder(header, ['NM1*41', 'NM1*40'], '1000A/1000B', st, add);
  }

  private finishLevel({ hl, segs }: { hl: ParsedSegment; segs: ParsedSegment[] }): void {
    const add = this.add;
    const i = this.levels++;
    const id = el(hl, 1);
    const parent = el(hl, 2);
    const code = el(hl, 3);
    if (id !== String(i + 1)) add(hl, `HL01 is ${id}, expected ${i + 1} (numbered from 1 in order)`, 1);
    if (code === '20') {
      if (parent !== '') add(hl, 'HL02: a billing provider level (20) has no parent', 2);
    } else if (code === '22' || code === '23') {
      const want = code === '22' ? '20' : '22';
      if (this.levelOf.get(parent) !== want) add(hl, `HL02 ${parent} is not an earlier level ${want}`, 2);
    } else add(hl, `HL03 ${code} is not 20, 22 or 23`, 3);
    this.levelOf.set(id, code);
    // kept for the end: the HL's place, not the segment
    const at: Place = { index: hl.index, start: hl.start, elements: hl.elements.map((e) => ({ start: e.start })) };
    const wait = { at, id, hl04: el(hl, 4), noClaim: false };
    this.waiting.push(wait);

    if (code === '20') {
      const [nm1, , n4, ref] = inOrder(segs, ['NM1*85', 'N3', 'N4', 'REF*EI'], `2000A (HL ${id})`, hl, add);
      if (nm1) {
        if (el(nm1, 8) !== 'XX') add(nm1, 'NM1*85: NM108 is not XX (NPI)', 8);
        if (!npiCheckDigitValid(el(nm1, 9))) add(nm1, `NM1*85: the billing NPI ${el(nm1, 9)} fails the NPI check digit`, 9);
      }
      if (n4 && !/^\d{9}$/.test(el(n4, 3))) add(n4, `N4 (billing provider): the ZIP ${el(n4, 3)} is not 9 digits`, 3);
      if (ref && !/^\d{9}$/.test(el(ref, 2))) add(ref, `REF*EI: the tax id ${el(ref, 2)} is not 9 digits`, 2);
      if (segs.some((s) => s.id === 'CLM'))
        add(
          segs.find((s) => s.id === 'CLM'),
          'CLM in a billing provider level',
        );
    } else if (code === '22' || code === '23') {
      const firstClm = segs.findIndex((s) => s.id === 'CLM');
      const head = firstClm < 0 ? segs : segs.slice(0, firstClm);
      inOrder(
        head,
        code === '22' ? ['SBR', 'NM1*IL', 'NM1*PR'] : ['PAT', 'NM1*QC'],
        `${code === '22' ? '2000B' : '2000C'} (HL ${id})`,
        hl,
        add,
      );
      if (firstClm < 0) {
        wait.noClaim = true;
        return;
      }
      const claims: ParsedSegment[][] = [];
      for (const s of segs.slice(firstClm)) {
        if (s.id === 'CLM') claims.push([s]);
        else claims[claims.length - 1].push(s);
      }
      for (const claim of claims) checkClaim(claim, add);
    }
  }
}

function checkClaim(claim: ParsedSegment[], add: Add): void {
  const clm = claim[0];
  const firstLx = claim.findIndex((s) => s.id === 'LX');
  const head = firstLx < 0 ? claim : claim.slice(0, firstLx);
  const his = head.filter((s) => s.id === 'HI');
  if (his.length === 0) add(clm, `CLM ${el(clm, 1)}: no HI (diagnoses)`);
  let codes = 0;
  for (const hi of his) {
    hi.elements.forEach((e, i) => {
      if (e.text === '') return;
      codes++;
      const qualifier = e.components[0]?.text ?? '';
      const code = e.components[1]?.text ?? '';
      const want = codes === 1 ? 'ABK' : 'ABF';
      if (qualifier !== want) add(hi, `HI${String(i + 1).padStart(2, '0')}: qualifier ${qualifier}, expected ${want}`, i + 1);
      if (code === '') add(hi, `HI${String(i + 1).padStart(2, '0')}: no code`, i + 1);
      if (code.includes('.')) add(hi, `HI${String(i + 1).padStart(2, '0')}: the ICD-10-CM code ${code} has a dot`, i + 1);
    });
  }
  if (codes > 12) add(his[0], `CLM ${el(clm, 1)}: ${codes} diagnosis codes, at most 12`);
  for (const nm1 of head.filter((s) => is(s, 'NM1*82'))) {
    if (!npiCheckDigitValid(el(nm1, 9))) add(nm1, `NM1*82: the rendering NPI ${el(nm1, 9)} fails the NPI check digit`, 9);
  }
  if (el(clm, 1).length > 38) add(clm, `CLM01 ${el(clm, 1)} is longer than 38 characters`, 1);
  const freq = comp(clm, 5, 3);
  if (comp(clm, 5, 1) === '' || comp(clm, 5, 2) === '' || freq === '') add(clm, 'CLM05: place of service, B and frequency needed', 5);
  if (freq === '7' && !head.some((s) => is(s, 'REF*F8'))) add(clm, 'CLM05-3 7 (replacement) without REF*F8', 5);
  if (firstLx < 0) {
    add(clm, `CLM ${el(clm, 1)}: no service line (LX)`);
    return;
  }
  const lines: ParsedSegment[][] = [];
  for (const s of claim.slice(firstLx)) {
    if (s.id === 'LX') lines.push([s]);
    else lines[lines.length - 1].push(s);
  }
  let sum = 0;
  let sumKnown = true;
  lines.forEach((line, i) => {
    const lx = line[0];
    if (el(lx, 1) !== String(i + 1)) add(lx, `LX01 is ${el(lx, 1)}, expected ${i + 1}`, 1);
    const [sv1] = inOrder(line, ['SV1', 'DTP*472'], `2400 (LX ${el(lx, 1)})`, lx, add);
    if (!sv1) return;
    const cents = decimalToCents(el(sv1, 2));
    if (cents === undefined) {
      sumKnown = false;
      add(sv1, `SV102 ${el(sv1, 2)} is not an amount`, 2);
    } else sum += cents;
    const pointers = sv1.elements[6]?.components.map((c) => c.text) ?? [];
    if (pointers.length > 4) add(sv1, `SV107: ${pointers.length} diagnosis pointers, at most 4`, 7);
    for (const p of pointers) {
      if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > codes)
        add(sv1, `SV107: pointer ${p} is not within 1-${codes} (the HI codes)`, 7);
    }
  });
  const total = decimalToCents(el(clm, 2));
  if (total === undefined) add(clm, `CLM02 ${el(clm, 2)} is not an amount`, 2);
  else if (sumKnown && total !== sum) add(clm, `CLM02 ${el(clm, 2)} is not the sum of the line charges (SV102): ${centsToDecimal(sum)}`, 2);
}
