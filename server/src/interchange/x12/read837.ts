// An X12 837P (005010X222A1) interchange to ImportedClaims: any number of groups,
// transactions and claims, with whatever separators the ISA declares. Each value keeps the
// span of the element (or segment) it came from; whatever ClaimNote cannot say (a second date
// of service, a subscriber who is not the patient, a fifth pointer...) becomes a notice on
// its claim, and segments ClaimNote does not read are named there too, never dropped silently.

import {
  decimalToCents,
  type Address,
  type ImportedClaim,
  type ImportedItem,
  type ImportNotice,
  type Party,
  type PersonName,
  type SourceSpan,
} from '../claim';
import { comp, el, type ParsedSegment, type Piece, readSegments } from './segments';

export interface Read837Result {
  claims: ImportedClaim[];
  /** what could not be read outside any claim (no ISA, segments outside a transaction...) */
  problems: ImportNotice[];
}

const spanOf = (p: Piece | undefined): SourceSpan | undefined => (p ? { start: p.start, end: p.end } : undefined);
const elSpanOf = (s: ParsedSegment, n: number) => spanOf(s.elements[n - 1]) ?? spanOf(s)!;
const compSpanOf = (s: ParsedSegment, n: number, c: number) => spanOf(s.elements[n - 1]?.components[c - 1]) ?? elSpanOf(s, n);
const noSpan = (): SourceSpan | undefined => undefined;

/** D8 CCYYMMDD (or the first date of an RD8 range) to ISO; undefined when it is not one. */
function isoDate(qualifier: string, value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:-\d{8})?$/.exec(value);
  if (!m || (qualifier !== 'D8' && qualifier !== 'RD8')) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function personName(s: ParsedSegment): PersonName {
  const name: PersonName = { last: el(s, 3) };
  if (el(s, 4)) name.first = el(s, 4);
  if (el(s, 5)) name.middle = el(s, 5);
  return name;
}

interface Scoped {
  values: Record<string, unknown>;
  spans: Record<string, SourceSpan>;
  notices: ImportNotice[];
}

const emptyScope = (): Scoped => ({ values: {}, spans: {}, notices: [] });

function addressFrom(n3: ParsedSegment | undefined, n4: ParsedSegment | undefined): { address: Address; at: SourceSpan } | undefined {
  if (!n3 && !n4) return undefined;
  const address: Address = { line1: n3 ? el(n3, 1) : '', city: n4 ? el(n4, 1) : '', state: n4 ? el(n4, 2) : '', zip: n4 ? el(n4, 3) : '' };
  if (n3 && el(n3, 2)) address.line2 = el(n3, 2);
  const first = n3 ?? n4!;
  const last = n4 ?? n3!;
  return { address, at: { start: first.start, end: last.end } };
}

export interface Read837Options {
  /** each claim as soon as it is read; none is kept in the result (a large interchange's claims need not all be in memory) */
  onClaim?: (claim: ImportedClaim) => void;
  /** false: no `spans` (where each value was in the file), which only the editor's checks of a batch read */
  spans?: boolean;
}

/** An 837P's claims and the problems outside them. */
export function read837(text: string, options: Read837Options = {}): Read837Result {
  const { onClaim, spans: withSpans = true } = options;
  // without spans, none is made (a large import would make and drop millions)
  const span = withSpans ? spanOf : noSpan;
  const elSpan = withSpans ? elSpanOf : noSpan;
  const compSpan = withSpans ? compSpanOf : noSpan;
  // read one segment at a time: the tokens of a large interchange are never all in memory
  const { segments, problems: tokenProblems } = readSegments(text);
  const problems: ImportNotice[] = [];
  const claims: ImportedClaim[] = [];

  let submitter: Party | undefined;
  let receiver: Party | undefined;
  // the loop we are in, and which entity (NM101) the N3/N4/DMG/PER/REF that follow belong to
  let loop: 'envelope' | 'header' | '2000A' | '2000B' | '2000C' | '2300' | '2400' = 'envelope';
  let entity = '';
  let practice = emptyScope();
  let subscriber = emptyScope();
  let n3: ParsedSegment | undefined;
  let claim: ImportedClaim | undefined;
  let claimDate: { date: string; at: SourceSpan } | undefined;
  let claimTotal: ParsedSegment | undefined;
  let line: ImportedItem | undefined;
  let lineSpans: Record<string, SourceSpan> = {};
  let lineDates: { date: string; at: SourceSpan }[] = [];

  const notice = (message: string, at: SourceSpan | undefined) => {
    const n: ImportNotice = at ? { message, at } : { message };
    if (claim) claim.notices.push(n);
    else if (loop === '2000B' || loop === '2000C') subscriber.notices.push(n);
    else if (loop === '2000A') practice.notices.push(n);
    else problems.push(n);
  };
  const notCarried = (s: ParsedSegment, what?: string) =>
    notice(
      `${what ?? `${s.id}${s.id === 'NM1' || s.id === 'REF' || s.id === 'DTP' ? '*' + el(s, 1) : ''}`}: not carried into ClaimNote`,
      span(s),
    );

  const finishLine = () => {
    if (!claim || !line) return;
    const n = claim.lines.length;
    claim.lines.push(line);
    if (withSpans) for (const [k, v] of Object.entries(lineSpans)) claim.spans[k === '' ? `lines.${n}` : `lines.${n}.${k}`] = v;
    line = undefined;
    lineSpans = {};
  };

  const finishClaim = () => {
    finishLine();
    if (!claim) return;
    const c = claim;
    const date = claimDate ?? lineDates.find((d) => d !== undefined);
    if (date) {
      c.date = date.date;
      c.spans.date = date.at;
    }
    c.lines.forEach((l, i) => {
      if (l.date && c.date && l.date !== c.date) {
        c.notices.push({
          message: `line ${i + 1} has its own date of service ${l.date} (the claim's is ${c.date}); a ClaimNote claim has one date`,
          at: c.spans[`lines.${i}.date`],
        });
      }
    });
    if (claimTotal) {
      const total = decimalToCents(el(claimTotal, 2));
      const sum = c.lines.reduce((s, l) => s + (l.chargeCents ?? 0), 0);
      if (total === undefined) c.notices.push({ message: `CLM02 ${el(claimTotal, 2)} is not an amount`, at: elSpan(claimTotal, 2) });
      else if (c.lines.every((l) => l.chargeCents !== undefined) && total !== sum) {
        c.notices.push({ message: `CLM02 ${el(claimTotal, 2)} is not the sum of the line charges`, at: elSpan(claimTotal, 2) });
      }
    }
    if (!withSpans) c.spans = {};
    if (onClaim) onClaim(c);
    else claims.push(c);
    claim = undefined;
    claimDate = undefined;
    claimTotal = undefined;
    lineDates = [];
  };

  const startClaim = (s: ParsedSegment): ImportedClaim => {
    const p = practice.values;
    const c: ImportedClaim = {
      diagnoses: [],
      lines: [],
      note: [],
      notices: [...practice.notices, ...subscriber.notices],
      spans: withSpans ? { ...practice.spans, ...subscriber.spans } : {},
    };
    if (Object.keys(p).length > 0 || submitter || receiver) {
      c.practice = { ...(p as ImportedClaim['practice']) };
      if (submitter) c.practice!.submitter = { ...submitter };
      if (receiver) c.practice!.receiver = { ...receiver };
    }
    const sv = subscriber.values;
    if (sv.patient) {
      // a copy of its own (the subscriber level is shared by the claims under it)
      const pt = sv.patient as NonNullable<ImportedClaim['patient']>;
      const patient = { ...pt };
      if (pt.name) patient.name = { ...pt.name };
      if (pt.address) patient.address = { ...pt.address };
      c.patient = patient;
    }
    if (sv.payer) c.payer = { ...(sv.payer as ImportedClaim['payer']) };
    c.id = el(s, 1);
    c.spans.id = elSpan(s, 1)!;
    const pos = comp(s, 5, 1);
    if (pos) {
      c.pos = pos;
      c.spans.pos = compSpan(s, 5, 1)!;
    }
    const freq = comp(s, 5, 3);
    if (freq !== '1' && freq !== '7') {
      c.notices.push({
        message: `claim frequency ${freq || '(none)'} (CLM05-3): ClaimNote sends 1 (original) or 7 (replacement)`,
        at: compSpan(s, 5, 3),
      });
    }
    claimTotal = s;
    return c;
  };

  const patientOf = (): NonNullable<ImportedClaim['patient']> =>
    (subscriber.values.patient ??= {}) as NonNullable<ImportedClaim['patient']>;
  const payerOf = (): NonNullable<ImportedClaim['payer']> => (subscriber.values.payer ??= {}) as NonNullable<ImportedClaim['payer']>;

  for (const s of segments) {
    switch (s.id) {
      case 'ISA':
      case 'GS':
      case 'GE':
      case 'IEA':
        finishClaim();
        loop = 'envelope';
        continue;
      case 'ST':
        finishClaim();
        loop = 'header';
        submitter = receiver = undefined;
        practice = emptyScope();
        subscriber = emptyScope();
        continue;
      case 'SE':
        finishClaim();
        loop = 'envelope';
        continue;
      case 'BHT':
        if (loop !== 'header') notCarried(s);
        continue;
      case 'HL': {
        finishClaim();
        const level = el(s, 3);
        entity = '';
        if (level === '20') {
          loop = '2000A';
          practice = emptyScope();
          subscriber = emptyScope();
        } else if (level === '22') {
          loop = '2000B';
          subscriber = emptyScope();
        } else if (level === '23') {
          loop = '2000C';
          subscriber.notices.push({
            message: 'the patient is not the subscriber (a 2000C patient loop): ClaimNote claims have the patient as the subscriber',
            at: span(s),
          });
        } else notCarried(s, `HL level ${level}`);
        continue;
      }
      case 'CLM':
        finishClaim();
        if (loop !== '2000B' && loop !== '2000C' && loop !== '2300' && loop !== '2400') {
          problems.push({ message: `CLM ${el(s, 1)} outside a subscriber level (HL 22)`, at: span(s) });
        }
        claim = startClaim(s);
        loop = '2300';
        entity = '';
        continue;
      case 'LX':
        if (!claim) {
          problems.push({ message: 'LX outside a claim', at: span(s) });
          continue;
        }
        finishLine();
        loop = '2400';
        line = { modifiers: [], pointers: [] };
        lineSpans = { '': span(s)! };
        continue;
    }
    // the whole service line runs from its LX to its last segment
    if (withSpans && loop === '2400' && line) lineSpans[''] = { start: lineSpans[''].start, end: s.end };

    if (loop === 'header') {
      if (s.id === 'NM1' && el(s, 1) === '41') {
        submitter = { id: el(s, 9), ...(el(s, 3) ? { name: el(s, 3) } : {}) };
        entity = '41';
      } else if (s.id === 'NM1' && el(s, 1) === '40') {
        receiver = { id: el(s, 9), ...(el(s, 3) ? { name: el(s, 3) } : {}) };
        entity = '40';
      } else if (!(s.id === 'PER' && entity === '41')) notCarried(s);
      continue;
    }

    if (loop === '2000A') {
      const p = practice.values;
      if (s.id === 'PRV' && el(s, 1) === 'BI') {
        p.taxonomy = el(s, 3);
      } else if (s.id === 'NM1' && el(s, 1) === '85') {
        entity = '85';
        p.name = el(s, 3);
        p.npi = el(s, 9);
        practice.spans.practice = span(s)!;
      } else if (s.id === 'N3' && entity === '85') n3 = s;
      else if (s.id === 'N4' && entity === '85') {
        const a = addressFrom(n3, s);
        n3 = undefined;
        if (a) p.address = a.address;
      } else if (s.id === 'REF' && el(s, 1) === 'EI' && entity === '85') p.tin = el(s, 2);
      else if (s.id === 'PER' && entity === '85') {
        for (let n = 3; n <= 7; n += 2) if (el(s, n) === 'TE' && !p.phone) p.phone = el(s, n + 1);
      } else notCarried(s);
      continue;
    }

    if (loop === '2000B' || loop === '2000C') {
      if (s.id === 'SBR') {
        if (el(s, 9)) payerOf().claimType = el(s, 9);
        if (el(s, 2) !== '18') {
          subscriber.notices.push({
            message: `the subscriber is not the patient (SBR02 ${el(s, 2) || '(none)'}, not 18 self): ClaimNote claims have the patient as the subscriber`,
            at: elSpan(s, 2),
          });
        }
      } else if (s.id === 'PAT' && loop === '2000C') {
        // the patient's relationship to the subscriber: the HL 23 notice says it already
      } else if (s.id === 'NM1' && (el(s, 1) === 'IL' || el(s, 1) === 'QC')) {
        entity = el(s, 1);
        const pt = patientOf();
        pt.name = personName(s);
        subscriber.spans.patient = span(s)!;
        if (el(s, 1) === 'IL' && el(s, 9)) {
          pt.member = el(s, 9);
          subscriber.spans['patient.member'] = elSpan(s, 9)!;
        }
      } else if (s.id === 'NM1' && el(s, 1) === 'PR') {
        entity = 'PR';
        const py = payerOf();
        py.name = el(s, 3);
        py.payerId = el(s, 9);
        subscriber.spans.payer = span(s)!;
      } else if ((entity === 'IL' || entity === 'QC') && s.id === 'N3') n3 = s;
      else if ((entity === 'IL' || entity === 'QC') && s.id === 'N4') {
        const a = addressFrom(n3, s);
        n3 = undefined;
        if (a) {
          patientOf().address = a.address;
          subscriber.spans['patient.address'] = a.at;
        }
      } else if ((entity === 'IL' || entity === 'QC') && s.id === 'DMG') {
        const born = isoDate(el(s, 1), el(s, 2));
        const pt = patientOf();
        if (born) {
          pt.born = born;
          subscriber.spans['patient.born'] = elSpan(s, 2)!;
        } else notice(`DMG02 ${el(s, 2)} is not a date`, elSpan(s, 2));
        const sex = el(s, 3);
        if (sex === 'F' || sex === 'M' || sex === 'U') {
          pt.sex = sex;
          subscriber.spans['patient.sex'] = elSpan(s, 3)!;
        } else if (sex) notice(`DMG03 ${sex} is not F, M or U`, elSpan(s, 3));
      } else notCarried(s);
      continue;
    }

    if (!claim) {
      problems.push({ message: `${s.id} outside a claim`, at: span(s) });
      continue;
    }
    const c = claim;

    if (loop === '2300') {
      if (s.id === 'REF' && el(s, 1) === 'G1') {
        c.auth = el(s, 2);
        c.spans.auth = elSpan(s, 2)!;
      } else if (s.id === 'REF' && el(s, 1) === 'F8') {
        c.replaces = el(s, 2);
        c.spans.replaces = elSpan(s, 2)!;
      } else if (s.id === 'DTP' && (el(s, 1) === '472' || el(s, 1) === '434')) {
        const d = isoDate(el(s, 2), el(s, 3));
        if (d) claimDate ??= { date: d, at: elSpan(s, 3)! };
        else notice(`DTP03 ${el(s, 3)} is not a date`, elSpan(s, 3));
      } else if (s.id === 'HI') {
        s.elements.forEach((e, i) => {
          if (e.text === '') return;
          const q = e.components[0]?.text ?? '';
          if (q === 'ABK' || q === 'ABF' || q === 'BK' || q === 'BF') {
            const n = c.diagnoses.length;
            c.diagnoses.push({ letter: String.fromCharCode(65 + n), code: (e.components[1]?.text ?? '').replace(/\./g, '').toUpperCase() });
            c.spans[`diagnoses.${n}`] = span(e)!;
            if (n === 12) notice('more than 12 diagnoses: ClaimNote has letters A-L', span(e));
          } else notice(`HI${String(i + 1).padStart(2, '0')} ${q}: not carried into ClaimNote (only ICD-10-CM diagnoses)`, span(e));
        });
      } else if (s.id === 'NM1' && el(s, 1) === '82') {
        entity = '82';
        const name = personName(s);
        c.provider = { npi: el(s, 9), ...(name.last ? { name } : {}) };
        c.spans.provider = span(s)!;
      } else notCarried(s);
      continue;
    }

    // 2400
    const l = line!;
    if (s.id === 'SV1') {
      const q = comp(s, 1, 1);
      if (q !== 'HC') notice(`SV101-1 ${q}: not an HCPCS/CPT code (HC)`, compSpan(s, 1, 1));
      l.code = comp(s, 1, 2);
      lineSpans.code = compSpan(s, 1, 2)!;
      const comps = s.elements[0]?.components ?? [];
      const mods = comps.slice(2).filter((m) => /^[A-Z0-9]{2}$/i.test(m.text));
      mods.forEach((m, k) => {
        l.modifiers.push(m.text.toUpperCase());
        lineSpans[`modifiers.${k}`] = span(m)!;
      });
      if (mods.length > 4) notice(`${mods.length} modifiers: ClaimNote has at most 4 a line`, elSpan(s, 1));
      const desc = comps.slice(2).filter((m) => m.text !== '' && !/^[A-Z0-9]{2}$/i.test(m.text));
      for (const d of desc) notice(`SV101 ${d.text}: not carried into ClaimNote`, span(d));
      const cents = decimalToCents(el(s, 2));
      if (cents === undefined) notice(`SV102 ${el(s, 2) || '(empty)'} is not an amount: the line's charge is left out`, elSpan(s, 2));
      else {
        l.chargeCents = cents;
        lineSpans.charge = elSpan(s, 2)!;
      }
      if (el(s, 3) !== 'UN') notice(`SV103 ${el(s, 3) || '(empty)'}: ClaimNote counts units (UN)`, elSpan(s, 3));
      const units = el(s, 4);
      if (/^\d+$/.test(units) && Number(units) > 0) {
        l.units = Number(units);
        lineSpans.units = elSpan(s, 4)!;
      } else notice(`SV104 ${units || '(empty)'} is not a whole number of units`, elSpan(s, 4));
      const ptrs = s.elements[6]?.components ?? [];
      for (const p of ptrs) {
        if (/^\d+$/.test(p.text)) l.pointers.push(Number(p.text));
        else notice(`SV107 pointer ${p.text || '(empty)'} is not a number`, span(p));
      }
      if (s.elements[6]) lineSpans.pointers = elSpan(s, 7)!;
      if (ptrs.length > 4) notice(`${ptrs.length} diagnosis pointers: ClaimNote has at most 4 a line`, elSpan(s, 7));
      for (let n = 5; n <= s.elements.length; n++) {
        if (n !== 7 && el(s, n) !== '') notice(`SV1${String(n).padStart(2, '0')} ${el(s, n)}: not carried into ClaimNote`, elSpan(s, n));
      }
    } else if (s.id === 'DTP' && el(s, 1) === '472') {
      const d = isoDate(el(s, 2), el(s, 3));
      if (d) {
        l.date = d;
        lineSpans.date = elSpan(s, 3)!;
        lineDates.push({ date: d, at: elSpan(s, 3)! });
      } else notice(`DTP03 ${el(s, 3)} is not a date`, elSpan(s, 3));
    } else if (s.id === 'LIN') {
      if (el(s, 2) === 'N4') {
        l.drug = { ...l.drug, ndc11: el(s, 3) };
        lineSpans.drug = span(s)!;
      } else notCarried(s, `LIN ${el(s, 2)}`);
    } else if (s.id === 'CTP' && l.drug) {
      const qty = el(s, 4);
      if (/^\d+(\.\d+)?$/.test(qty)) l.drug.quantity = Number(qty);
      else notice(`CTP04 ${qty || '(empty)'} is not a quantity`, elSpan(s, 4));
      const unit = comp(s, 5, 1);
      if (unit === 'ML' || unit === 'ME' || unit === 'UN') l.drug.unit = unit;
      else notice(`CTP05 ${unit || '(empty)'}: ClaimNote has ML, ME or UN`, elSpan(s, 5));
      if (lineSpans.drug) lineSpans.drug = { start: lineSpans.drug.start, end: s.end };
    } else notCarried(s);
  }
  finishClaim();
  // the reader's own problems (known once it has read to the end) come first
  problems.unshift(...tokenProblems.map((p) => ({ message: p.message, at: { start: p.offset, end: p.offset } })));
  return { claims, problems };
}
