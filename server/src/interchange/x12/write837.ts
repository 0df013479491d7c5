// Claims to one X12 837P (005010X222A1) interchange: one functional group, one transaction,
// a billing provider level (2000A) per practice and a subscriber level (2000B) per claim, the
// patient being the subscriber. Every segment, the envelope's too (ISA/GS/ST and the SE/GE/IEA
// trailers with their counts and control numbers), comes from ClaimNote's typed segment model
// and is written as text as it is made: 100,000 claims are two million segments, never held as
// objects. Every file is checked by validate837 before it is returned.
import { centsToDecimal, type Address, type OutgoingClaim, type Party, type Practice } from '../claim';
import { EXPORT_SEPARATORS, isaSegment, segment, serializeSegment, type Element, type Segment } from './segments';
import { validate837 } from './validate837';

export interface Write837Options {
  usage: 'test' | 'production';
  /** the interchange control number (ISA13/IEA02, 1-999999999); also GS06/GE02 */
  controlNumber: number;
  /**
   * The creation date: a Date (its UTC date and time are used) or an ISO date `YYYY-MM-DD`
   * (`YYYY-MM-DDTHH:MM` gives the time too). Nothing else is read from the clock.
   */
  date: Date | string;
  /** HHMM; default: the Date's UTC time, or the ISO string's time, else 0000 */
  time?: string;
}

const IMPLEMENTATION = '005010X222A1';

/** CCYYMMDD and HHMM from the options. */
function stamp(options: Write837Options): { date: string; time: string } {
  let date: string;
  let time: string | undefined;
  if (options.date instanceof Date) {
    if (Number.isNaN(options.date.getTime())) throw new Error('write837: options.date is an invalid Date');
    const d = options.date;
    const two = (n: number) => String(n).padStart(2, '0');
    date = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
    time = `${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
  } else {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(options.date);
    if (!m) throw new Error(`write837: options.date ${JSON.stringify(options.date)} is not an ISO date`);
    const check = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (check.getUTCMonth() !== Number(m[2]) - 1 || check.getUTCDate() !== Number(m[3])) {
      throw new Error(`write837: options.date ${options.date} is not a calendar date`);
    }
    date = m[1] + m[2] + m[3];
    if (m[4]) time = m[4] + m[5];
  }
  time = options.time ?? time ?? '0000';
  if (!/^([01]\d|2[0-3])[0-5]\d$/.test(time)) throw new Error(`write837: time ${time} is not HHMM`);
  return { date, time };
}

/** Free text (names, addresses) with the separators and line breaks turned into spaces. */
function text(value: string | undefined): string {
  return (value ?? '').replace(/[*:^~\r\n]/g, ' ').trim();
}

const ccyymmdd = (iso: string) => iso.replace(/-/g, '');

function addressSegments(a: Address): Segment[] {
  return [segment('N3', text(a.line1), a.line2 ? text(a.line2) : undefined), segment('N4', text(a.city), a.state, a.zip)];
}

function submitterOf(p: Practice): Party {
  return p.submitter ?? { id: p.npi, name: p.name };
}

/** The claims' segments from BHT to the last service line (the transaction body), made one claim at a time. */
function* body(claims: OutgoingClaim[], date: string, time: string, controlNumber: number): Generator<Segment> {
  const first = claims[0];
  const submitter = submitterOf(first.practice);
  const receiver = first.practice.receiver ?? { id: first.payer.payerId, name: first.payer.name };
  let out: Segment[] = [];
  out.push(segment('BHT', '0019', '00', String(controlNumber), date, time, 'CH'));
  // 1000A submitter, 1000B receiver
  out.push(segment('NM1', '41', '2', text(submitter.name ?? submitter.id), '', '', '', '', '46', submitter.id));
  if (first.practice.phone) out.push(segment('PER', 'IC', text(submitter.name ?? first.practice.name), 'TE', first.practice.phone));
  out.push(segment('NM1', '40', '2', text(receiver.name ?? receiver.id), '', '', '', '', '46', receiver.id));

  // claims by practice, in the order practices first appear
  const byPractice = new Map<string, OutgoingClaim[]>();
  for (const c of claims) {
    const list = byPractice.get(c.practice.id);
    if (list) list.push(c);
    else byPractice.set(c.practice.id, [c]);
  }
  let hl = 0;
  for (const group of byPractice.values()) {
    const p = group[0].practice;
    const parent = ++hl;
    out.push(segment('HL', String(parent), '', '20', '1'));
    if (p.taxonomy) out.push(segment('PRV', 'BI', 'PXC', p.taxonomy));
    out.push(segment('NM1', '85', '2', text(p.name), '', '', '', '', 'XX', p.npi));
    out.push(...addressSegments(p.address));
    out.push(segment('REF', 'EI', p.tin));
    if (p.phone) out.push(segment('PER', 'IC', text(p.name), 'TE', p.phone));
    for (const c of group) {
      out.push(segment('HL', String(++hl), String(parent), '22', '0'));
      out.push(segment('SBR', 'P', '18', '', '', '', '', '', '', c.payer.claimType));
      const n = c.patient.name;
      out.push(segment('NM1', 'IL', '1', text(n.last), text(n.first), text(n.middle), '', '', 'MI', c.patient.member));
      out.push(...addressSegments(c.patient.address));
      out.push(segment('DMG', 'D8', ccyymmdd(c.patient.born), c.patient.sex));
      out.push(segment('NM1', 'PR', '2', text(c.payer.name), '', '', '', '', 'PI', c.payer.payerId));
      out.push(...claimSegments(c));
      yield* out;
      out = [];
    }
  }
  yield* out;
}

function claimSegments(c: OutgoingClaim): Segment[] {
  const out: Segment[] = [];
  const total = c.lines.reduce((sum, l) => sum + l.chargeCents, 0);
  out.push(segment('CLM', c.id, centsToDecimal(total), '', '', [c.pos, 'B', c.replaces ? '7' : '1'], 'Y', 'A', 'Y', 'Y'));
  if (c.auth) out.push(segment('REF', 'G1', c.auth));
  if (c.replaces) out.push(segment('REF', 'F8', c.replaces));
  if (c.diagnoses.length > 0) {
    out.push(segment('HI', ...c.diagnoses.map((d, i): Element => [i === 0 ? 'ABK' : 'ABF', d.code.replace(/\./g, '')])));
  }
  if (c.provider && c.provider.npi !== c.practice.npi) {
    const n = c.provider.name;
    if (!n?.last) throw new Error(`claim ${c.id}: the rendering provider ${c.provider.npi} differs from the billing NPI and has no name`);
    out.push(segment('NM1', '82', '1', text(n.last), text(n.first), text(n.middle), '', '', 'XX', c.provider.npi));
  }
  c.lines.forEach((l, i) => {
    if (l.modifiers.length > 4) throw new Error(`claim ${c.id}, line ${i + 1}: ${l.modifiers.length} modifiers, at most 4`);
    out.push(segment('LX', String(i + 1)));
    out.push(
      segment('SV1', ['HC', l.code, ...l.modifiers], centsToDecimal(l.chargeCents), 'UN', String(l.units), '', '', l.pointers.map(String)),
    );
    out.push(segment('DTP', '472', 'D8', ccyymmdd(c.date)));
    if (l.drug) {
      out.push(segment('LIN', '', 'N4', l.drug.ndc11));
      out.push(segment('CTP', '', '', '', String(l.drug.quantity), l.drug.unit));
    }
  });
  return out;
}

/**
 * The claims as one 837P interchange, one segment a line. The same claims and options give
 * the same bytes. Throws an Error listing the problems when the result would not pass
 * validate837 (a bad NPI check digit, a pointer past the diagnoses...).
 */
export function write837(claims: OutgoingClaim[], options: Write837Options): string {
  if (claims.length === 0) throw new Error('write837: no claims');
  const { date, time } = stamp(options);
  const sep = EXPORT_SEPARATORS;
  const first = claims[0];
  const submitter = submitterOf(first.practice);
  const receiver = first.practice.receiver ?? { id: first.payer.payerId, name: first.payer.name };
  const isa = isaSegment(
    {
      senderQualifier: 'ZZ',
      senderId: submitter.id,
      receiverQualifier: 'ZZ',
      receiverId: receiver.id,
      date: date.slice(2),
      time,
      controlNumber: options.controlNumber,
      usage: options.usage,
    },
    sep,
  );
  // one segment a line, each written as it is made; SE01 counts ST to SE
  const lines: string[] = [serializeSegment(isa, sep)];
  const write = (seg: Segment) => lines.push(serializeSegment(seg, sep));
  write(segment('GS', 'HC', submitter.id, receiver.id, date, time, String(options.controlNumber), 'X', IMPLEMENTATION));
  write(segment('ST', '837', '0001', IMPLEMENTATION));
  let count = 1;
  for (const seg of body(claims, date, time, options.controlNumber)) {
    write(seg);
    count++;
  }
  write(segment('SE', String(count + 1), '0001'));
  write(segment('GE', '1', String(options.controlNumber)));
  write(segment('IEA', '1', String(options.controlNumber).padStart(9, '0')));
  const out = lines.join('\n') + '\n';
  const { ok, problems } = validate837(out);
  if (!ok) {
    throw new Error(
      `write837: the interchange would not be valid:\n${problems.map((p) => `  segment ${p.segment}: ${p.message}`).join('\n')}`,
    );
  }
  return out;
}
