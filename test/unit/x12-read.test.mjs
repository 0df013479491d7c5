// read837: what the writer wrote comes back (every field an 837P carries), whatever the
// separators, line breaks, groups and transactions; what ClaimNote cannot say comes back as a
// notice on its claim, with the span it came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { write837, read837 } = require('../../server/out/interchange.js');

import { claims, OPTIONS } from '../support/x12-claims.mjs';
const written = () => write837(claims(), OPTIONS);

/** What an 837P carries of an OutgoingClaim, in the shape read837 gives it back. */
function carried(c, first) {
  const { id: _p, ...patient } = c.patient;
  const { id: _y, ...payer } = c.payer;
  const { id: _r, submitter, receiver, ...practice } = c.practice;
  const out = {
    id: c.id,
    date: c.date,
    pos: c.pos,
    patient,
    payer,
    // the transaction's submitter and receiver: the first claim's practice's, else its NPI and name, and the payer
    practice: {
      ...practice,
      submitter: first.practice.submitter ?? { id: first.practice.npi, name: first.practice.name },
      receiver: first.practice.receiver ?? { id: first.payer.payerId, name: first.payer.name },
    },
    diagnoses: c.diagnoses,
    lines: c.lines.map((l) => ({ ...l, date: c.date })),
    note: [],
    notices: [],
  };
  void submitter;
  void receiver;
  if (c.replaces) out.replaces = c.replaces;
  if (c.auth) out.auth = c.auth;
  // a rendering provider with the billing NPI is not sent
  if (c.provider && c.provider.npi !== c.practice.npi) out.provider = c.provider;
  return out;
}

function withoutSpans(claim) {
  const { spans: _s, ...rest } = claim;
  return rest;
}

/** Every span's text, by path, so that a test can say what each value was read from. */
const spanTexts = (text, claim) => Object.fromEntries(Object.entries(claim.spans).map(([k, v]) => [k, text.slice(v.start, v.end)]));

/** The interchange with other separators: the ISA declares them, every segment uses them. */
function reseparate(text, { element, component, terminator, eol, repetition = '^' }) {
  return text
    .split('\n')
    .filter((s) => s !== '')
    .map((s) => {
      const body = s.slice(0, -1);
      const isa = body.startsWith('ISA*');
      const parts = body
        .split('*')
        .map((e, i) => (isa ? (i === 16 ? component : i === 11 ? repetition : e) : e.split(':').join(component)));
      return parts.join(element) + terminator;
    })
    .join(eol);
}

test('what the writer wrote comes back: every field an 837P carries, equal', () => {
  const cs = claims();
  const { claims: read, problems } = read837(written());
  assert.deepEqual(problems, []);
  assert.equal(read.length, 3);
  read.forEach((r, i) => assert.deepEqual(withoutSpans(r), carried(cs[i], cs[0]), cs[i].id));
});

test('spans point at the elements (or segments) each value came from', () => {
  const text = written();
  const [c1, c2] = read837(text).claims;
  const t = spanTexts(text, c1);
  assert.equal(t.id, 'C-1001');
  assert.equal(t.pos, '11');
  assert.equal(t.auth, 'AUTH77');
  assert.equal(t.date, '20260302');
  assert.equal(t['patient.member'], '1EG4TE5MK73');
  assert.equal(t['patient.born'], '19600501');
  assert.equal(t['patient.sex'], 'F');
  assert.equal(t.patient, 'NM1*IL*1*Doe*Jane*Q***MI*1EG4TE5MK73');
  assert.equal(t['patient.address'], 'N3*1 Main St~\nN4*Springfield*IL*62701');
  assert.equal(t.payer, 'NM1*PR*2*Medicare Part B*****PI*12345');
  assert.equal(t.practice, 'NM1*85*2*Riverside Pain Clinic*****XX*1234567893');
  assert.equal(t.provider, 'NM1*82*1*Ng*Ada****XX*1567890128');
  assert.equal(t['diagnoses.0'], 'ABK:M7918');
  assert.equal(t['diagnoses.1'], 'ABF:M6281');
  assert.equal(t['lines.0.code'], '20553');
  assert.equal(t['lines.0.charge'], '250');
  assert.equal(t['lines.0.units'], '1');
  assert.equal(t['lines.0.pointers'], '1:2');
  assert.equal(t['lines.0.date'], '20260302');
  assert.equal(t['lines.1.modifiers.0'], 'JW');
  assert.equal(t['lines.1.drug'], 'LIN**N4*00409427702~\nCTP****2.5*ML');
  assert.ok(t['lines.0'].startsWith('LX*1~') && t['lines.0'].endsWith('DTP*472*D8*20260302'));
  assert.equal(spanTexts(text, c2).replaces, 'ICN998877');
});

test('other separators declared by the ISA, CRLF, one line: the same claims, spans on the same values', () => {
  const text = written();
  const expected = read837(text).claims.map(withoutSpans);
  for (const seps of [
    { element: '|', component: '>', terminator: '!', eol: '\n' },
    { element: '|', component: '>', terminator: '!', eol: '' },
    { element: '*', component: ':', terminator: '~', eol: '\r\n' },
    { element: '^', component: '\\', terminator: '\n', eol: '', repetition: '{' },
    { element: '*', component: ':', terminator: '~', eol: '' },
  ]) {
    const other = reseparate(text, seps);
    assert.notEqual(other, text);
    const r = read837(other);
    assert.deepEqual(r.problems, [], JSON.stringify(seps));
    assert.deepEqual(r.claims.map(withoutSpans), expected, JSON.stringify(seps));
    const t = spanTexts(other, r.claims[0]);
    assert.equal(t.id, 'C-1001');
    assert.equal(t['lines.0.pointers'], ['1', '2'].join(seps.component));
    assert.equal(t['lines.1.charge'], '12.5');
  }
});

test('with onClaim, each claim is handed over as it is read and none is kept; spans only when asked', () => {
  const text = written();
  const all = read837(text);
  const seen = [];
  const r = read837(text, { onClaim: (c) => seen.push(c) });
  assert.deepEqual(r.claims, []);
  assert.deepEqual(seen, all.claims);
  assert.deepEqual(r.problems, all.problems);
  assert.ok(seen.length > 1);
  // without spans: the same claims, their spans empty
  const bare = [];
  read837(text, { onClaim: (c) => bare.push(c), spans: false });
  assert.deepEqual(
    bare,
    all.claims.map((c) => ({ ...c, spans: {} })),
  );
});

test('two transactions in two functional groups', () => {
  const cs = claims();
  const a = write837(cs.slice(0, 2), OPTIONS).split('\n');
  const b = write837(cs.slice(2), { ...OPTIONS, controlNumber: 43 }).split('\n');
  const group2 = b
    .slice(
      b.findIndex((s) => s.startsWith('GS*')),
      b.findIndex((s) => s.startsWith('IEA*')),
    )
    .map((s) => s.replace('*0001', '*0002'));
  const iea = a.findIndex((s) => s.startsWith('IEA*'));
  const text = [...a.slice(0, iea), ...group2, 'IEA*2*000000042~', ''].join('\n');
  assert.equal(text.match(/^GS\*/gm).length, 2);
  assert.equal(text.match(/^ST\*/gm).length, 2);
  const r = read837(text);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.claims.map((c) => [c.id, c.practice.name, c.payer.payerId, c.lines.length]),
    [
      ['C-1001', 'Riverside Pain Clinic', '12345', 2],
      ['C-1002', 'Riverside Pain Clinic', 'ACME1', 1],
      ['C-2001', 'Hill Spine Center', '12345', 1],
    ],
  );
  // the second transaction has its own submitter (the Hill practice's NPI by default)
  assert.deepEqual(r.claims[2].practice.submitter, { id: '1987654328', name: 'Hill Spine Center' });
  assert.deepEqual(withoutSpans(r.claims[2]), carried(cs[2], cs[2]));
});

/** The claims read from the written interchange with one segment replaced (in its nth occurrence). */
function readWith(from, to, nth = 0) {
  const segs = written().split('\n');
  const at = segs.map((s, i) => (s === from ? i : -1)).filter((i) => i >= 0)[nth];
  assert.ok(at !== undefined, `no segment ${from}`);
  segs[at] = to;
  const text = segs.join('\n');
  return { text, ...read837(text) };
}

/** The notice matching `re` on `claim`, with the text its span covers. */
function noticeOf(text, claim, re) {
  const n = claim.notices.find((x) => re.test(x.message));
  assert.ok(n, `${re} not in ${JSON.stringify(claim.notices.map((x) => x.message))}`);
  assert.ok(n.at, `${n.message}: no span`);
  return text.slice(n.at.start, n.at.end);
}

test('a second date of service on a line: the line keeps its date, and a notice says so', () => {
  const { text, claims: cs } = readWith('DTP*472*D8*20260302~', 'DTP*472*D8*20260303~', 1);
  const c = cs[0];
  assert.equal(c.date, '2026-03-02');
  assert.equal(c.lines[1].date, '2026-03-03');
  assert.equal(noticeOf(text, c, /line 2 has its own date of service 2026-03-03/), '20260303');
  assert.equal(text.slice(c.spans['lines.1.date'].start, c.spans['lines.1.date'].end), '20260303');
  assert.deepEqual(cs[1].notices, []);
});

test('a subscriber other than the patient: SBR02 other than 18, or a 2000C patient loop', () => {
  const { text, claims: cs } = readWith('SBR*P*18*******CI~', 'SBR*P*01*******CI~');
  assert.equal(noticeOf(text, cs[1], /the subscriber is not the patient \(SBR02 01/), '01');
  assert.deepEqual(cs[0].notices, []);
  const segs = written().split('\n');
  const at = segs.indexOf('CLM*C-2001*150***11:B:1*Y*A*Y*Y~');
  segs[segs.indexOf('HL*5*4*22*0~')] = 'HL*5*4*22*1~';
  segs.splice(at, 0, 'HL*6*5*23*0~', 'PAT*19~', 'NM1*QC*1*Lee*Sam~');
  const text2 = segs.join('\n');
  const c = read837(text2).claims[2];
  assert.equal(noticeOf(text2, c, /a 2000C patient loop/), 'HL*6*5*23*0');
  assert.deepEqual(c.patient.name, { last: 'Lee', first: 'Sam' });
});

test('more than 4 pointers, more than 4 modifiers, a unit other than UN, a non-numeric charge', () => {
  const five = readWith('SV1*HC:20552*150*UN*1***3:1:2~', 'SV1*HC:20552*150*UN*1***3:1:2:1:2~');
  const c = five.claims[2];
  assert.equal(noticeOf(five.text, c, /5 diagnosis pointers/), '3:1:2:1:2');
  assert.deepEqual(c.lines[0].pointers, [3, 1, 2, 1, 2]);
  const mods = readWith('SV1*HC:20552:59:GA*180.05*UN*1***1~', 'SV1*HC:20552:59:GA:XS:KX:25*180.05*UN*1***1~');
  assert.equal(noticeOf(mods.text, mods.claims[1], /5 modifiers/), 'HC:20552:59:GA:XS:KX:25');
  const minutes = readWith('SV1*HC:20552*150*UN*1***3:1:2~', 'SV1*HC:20552*150*MJ*15***3:1:2~');
  assert.equal(noticeOf(minutes.text, minutes.claims[2], /SV103 MJ/), 'MJ');
  const charge = readWith('SV1*HC:20552*150*UN*1***3:1:2~', 'SV1*HC:20552*1,50*UN*1***3:1:2~');
  const line = charge.claims[2].lines[0];
  assert.equal(line.chargeCents, undefined);
  assert.equal(noticeOf(charge.text, charge.claims[2], /SV102 1,50 is not an amount/), '1,50');
});

test('a claim frequency other than 1 or 7, and segments ClaimNote does not read', () => {
  const freq = readWith('CLM*C-2001*150***11:B:1*Y*A*Y*Y~', 'CLM*C-2001*150***11:B:8*Y*A*Y*Y~');
  assert.equal(noticeOf(freq.text, freq.claims[2], /claim frequency 8/), '8');
  const nte = readWith('HI*ABK:M5412~', 'HI*ABK:M5412*BG:07~');
  assert.equal(noticeOf(nte.text, nte.claims[1], /HI02 BG/), 'BG:07');
  const segs = written().split('\n');
  segs.splice(segs.indexOf('HI*ABK:M5412~') + 1, 0, 'NTE*ADD*PATIENT SEEN TWICE~');
  const text = segs.join('\n');
  const c = read837(text).claims[1];
  assert.equal(noticeOf(text, c, /NTE: not carried/), 'NTE*ADD*PATIENT SEEN TWICE');
  // a segment of the subscriber level ClaimNote does not read is named on each of its claims
  const pat = written().split('\n');
  pat.splice(pat.indexOf('SBR*P*18*******CI~') + 1, 0, 'PAT*********Y~');
  const patText = pat.join('\n');
  assert.equal(noticeOf(patText, read837(patText).claims[1], /PAT: not carried/), 'PAT*********Y');
});

test('a claim-level date of service is the claim date', () => {
  const segs = written().split('\n');
  segs.splice(segs.indexOf('HI*ABK:M5412~'), 0, 'DTP*472*D8*20260308~');
  const text = segs.join('\n');
  const c = read837(text).claims[1];
  assert.equal(c.date, '2026-03-08');
  assert.equal(text.slice(c.spans.date.start, c.spans.date.end), '20260308');
  assert.equal(noticeOf(text, c, /line 1 has its own date of service 2026-03-09/), '20260309');
});

test('text that is not an interchange gives problems, no claims', () => {
  assert.deepEqual(read837('not x12').claims, []);
  assert.equal(read837('not x12').problems[0].message, 'no ISA segment');
  const r = read837(written().replace(/IEA\*1\*000000042~\n$/, 'IEA*1*000000042'));
  assert.ok(r.problems.some((p) => /after the last segment terminator/.test(p.message)));
  assert.equal(r.claims.length, 3);
});
