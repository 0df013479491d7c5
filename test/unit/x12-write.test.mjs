// write837: the 837P ClaimNote sends, segment by segment, with its envelope counts and control
// numbers, byte for byte the same for the same claims, and never an invalid file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { write837, validate837, segment, serialize, serializeSegment, isaSegment, tokenize } = require('../../server/out/interchange.js');

import { claims, OPTIONS } from '../support/x12-claims.mjs';
const lines = (text) => text.split('\n').filter((l) => l !== '');

test('the segments of each loop, as ClaimNote maps a claim', () => {
  const out = write837(claims(), OPTIONS);
  const segs = lines(out);
  for (const s of [
    'GS*HC*SUB123*CLEARHOUSE*20260310*0930*42*X*005010X222A1~',
    'ST*837*0001*005010X222A1~',
    'BHT*0019*00*42*20260310*0930*CH~',
    'NM1*41*2*Riverside Billing*****46*SUB123~',
    'PER*IC*Riverside Billing*TE*2175550100~',
    'NM1*40*2*Clear House*****46*CLEARHOUSE~',
    'HL*1**20*1~',
    'PRV*BI*PXC*208VP0014X~',
    'NM1*85*2*Riverside Pain Clinic*****XX*1234567893~',
    'N3*100 River Rd*Suite 2~',
    'N4*Springfield*IL*627011234~',
    'REF*EI*123456789~',
    'HL*2*1*22*0~',
    'SBR*P*18*******MB~',
    'NM1*IL*1*Doe*Jane*Q***MI*1EG4TE5MK73~',
    'DMG*D8*19600501*F~',
    'NM1*PR*2*Medicare Part B*****PI*12345~',
    'CLM*C-1001*262.5***11:B:1*Y*A*Y*Y~',
    'REF*G1*AUTH77~',
    'HI*ABK:M7918*ABF:M6281~',
    'NM1*82*1*Ng*Ada****XX*1567890128~',
    'SV1*HC:20553*250*UN*1***1:2~',
    'SV1*HC:J2001:JW*12.5*UN*2***1~',
    'DTP*472*D8*20260302~',
    'LIN**N4*00409427702~',
    'CTP****2.5*ML~',
    'HL*3*1*22*0~',
    'SBR*P*18*******CI~',
    'CLM*C-1002*180.05***22:B:7*Y*A*Y*Y~',
    'REF*F8*ICN998877~',
    'SV1*HC:20552:59:GA*180.05*UN*1***1~',
    'HL*4**20*1~',
    'NM1*85*2*Hill Spine Center*****XX*1987654328~',
    'HL*5*4*22*0~',
    'CLM*C-2001*150***11:B:1*Y*A*Y*Y~',
    'HI*ABK:M7918*ABF:G4489*ABF:M542~',
    'SV1*HC:20552*150*UN*1***3:1:2~',
    'DTP*472*D8*20260401~',
  ]) {
    assert.ok(segs.includes(s), `missing ${s}`);
  }
  // the rendering provider with the billing NPI is not sent; the other one once
  assert.equal(segs.filter((s) => s.startsWith('NM1*82*')).length, 1);
  // a drug only on the line that has one
  assert.equal(segs.filter((s) => s.startsWith('LIN*')).length, 1);
  // LX numbered within each claim
  assert.deepEqual(
    segs.filter((s) => s.startsWith('LX*')),
    ['LX*1~', 'LX*2~', 'LX*1~', 'LX*1~'],
  );
  // the order of the loops: header, then 2000A, 2000B, 2300, 2400 in turn
  const ids = segs.map((s) => s.split('*')[0]);
  assert.deepEqual(ids.slice(0, 8), ['ISA', 'GS', 'ST', 'BHT', 'NM1', 'PER', 'NM1', 'HL']);
  assert.deepEqual(ids.slice(-3), ['SE', 'GE', 'IEA']);
  assert.ok(segs.indexOf('REF*G1*AUTH77~') < segs.indexOf('HI*ABK:M7918*ABF:M6281~'));
  assert.ok(out.endsWith('~\n'));
});

test('the ISA is fixed width, with the pinned date and time, usage and control number', () => {
  const isa = lines(write837(claims(), OPTIONS))[0];
  assert.equal(isa.length, 106);
  assert.equal(isa, 'ISA*00*          *00*          *ZZ*SUB123         *ZZ*CLEARHOUSE     *260310*0930*^*00501*000000042*0*T*:~');
  const e = isa.split('*');
  assert.equal(e[9], '260310');
  assert.equal(e[10], '0930');
  const prod = lines(write837(claims(), { ...OPTIONS, usage: 'production', controlNumber: 123456789 }))[0];
  assert.equal(prod.split('*')[13], '123456789');
  assert.equal(prod.split('*')[15], 'P');
  // a Date gives its UTC date and time
  const fromDate = lines(write837(claims(), { usage: 'test', controlNumber: 7, date: new Date('2027-11-05T23:41:00Z') }));
  assert.equal(fromDate[0].split('*')[9], '271105');
  assert.equal(fromDate[0].split('*')[10], '2341');
  assert.ok(fromDate[1].startsWith('GS*HC*SUB123*CLEARHOUSE*20271105*2341*7*'));
});

test('counts and control numbers: SE01 counts ST to SE, GE01 the transactions, IEA01 the groups', () => {
  const segs = lines(write837(claims(), { ...OPTIONS, controlNumber: 9001 }));
  const st = segs.findIndex((s) => s.startsWith('ST*'));
  const se = segs.findIndex((s) => s.startsWith('SE*'));
  assert.equal(segs[se], `SE*${se - st + 1}*0001~`);
  assert.equal(segs[se + 1], 'GE*1*9001~');
  assert.equal(segs[se + 2], 'IEA*1*000009001~');
  assert.equal(segs[0].split('*')[13], '000009001');
  assert.equal(segs[1].split('*')[6], '9001');
});

test('deterministic: the same claims and options give the same bytes, whatever the clock says', () => {
  const a = write837(claims(), OPTIONS);
  const b = write837(claims(), OPTIONS);
  assert.equal(a, b);
  assert.notEqual(write837(claims(), { ...OPTIONS, date: '2026-03-11' }), a);
  // no date comes from the clock: the file's dates are the pinned one, the services' and the births'
  const dates = [...new Set(a.match(/\b(?:19|20)\d{6}\b/g))].sort();
  assert.deepEqual(dates, ['19600501', '19711231', '19800115', '20260302', '20260309', '20260310', '20260401']);
});

test('defaults: the submitter is the practice NPI and name, the receiver the payer; no PRV without a taxonomy', () => {
  const c = claims()[2];
  const segs = lines(write837([c], OPTIONS));
  assert.ok(segs.includes('NM1*41*2*Hill Spine Center*****46*1987654328~'));
  assert.ok(segs.includes('NM1*40*2*Medicare Part B*****46*12345~'));
  assert.ok(segs[0].includes('*ZZ*1987654328     *ZZ*12345          *'));
  assert.ok(!segs.some((s) => s.startsWith('PRV*')));
  assert.ok(!segs.some((s) => s.startsWith('PER*')), 'no phone, no PER');
});

test('ICD codes are sent without their dots; names lose characters that are separators', () => {
  const c = claims()[2];
  c.diagnoses[0].code = 'M79.18';
  c.patient.name.last = 'Lee*Park';
  const segs = lines(write837([c], OPTIONS));
  assert.ok(segs.includes('HI*ABK:M7918*ABF:G4489*ABF:M542~'));
  assert.ok(segs.includes('NM1*IL*1*Lee Park*Kim****MI*2AB3CD4EF56~'));
});

test('every file written passes the validator', () => {
  const out = write837(claims(), OPTIONS);
  assert.deepEqual(validate837(out), { ok: true, problems: [] });
});

test('write837 refuses what would be an invalid interchange, naming the problem', () => {
  const badNpi = claims();
  badNpi[0].practice = { ...badNpi[0].practice, npi: '1234567890' };
  assert.throws(() => write837(badNpi, OPTIONS), /billing NPI 1234567890 fails the NPI check digit/);
  const badPointer = claims();
  badPointer[2].lines[0].pointers = [4];
  assert.throws(() => write837(badPointer, OPTIONS), /pointer 4 is not within 1-3/);
  const badZip = claims();
  badZip[2].practice = { ...badZip[2].practice, address: { ...badZip[2].practice.address, zip: '45402' } };
  assert.throws(() => write837(badZip, OPTIONS), /ZIP 45402 is not 9 digits/);
  const badRendering = claims();
  badRendering[0].provider = { npi: '1567890129', name: { last: 'Ng', first: 'Ada' } };
  assert.throws(() => write837(badRendering, OPTIONS), /rendering NPI 1567890129/);
  assert.throws(() => write837(claims(), { ...OPTIONS, controlNumber: 0 }), /control number/);
  assert.throws(() => write837(claims(), { ...OPTIONS, time: '2460' }), /HHMM/);
  assert.throws(() => write837([], OPTIONS), /no claims/);
  // a submitter id longer than ISA06's 15 characters is refused, not cut short
  const longSubmitter = claims().map((c) => ({
    ...c,
    practice: { ...c.practice, submitter: { id: 'ABCDEFGHIJKLMNOPQRST', name: 'Long' } },
  }));
  assert.throws(() => write837(longSubmitter, OPTIONS), /GS02 ABCDEFGHIJKLMNOPQRST is 20 characters, not 2 to 15/);
  const shortId = claims().map((c) => ({ ...c, practice: { ...c.practice, receiver: { id: 'R', name: 'Short' } } }));
  assert.throws(() => write837(shortId, OPTIONS), /GS03 R is 1 characters, not 2 to 15/);
  assert.throws(() => write837(claims(), { ...OPTIONS, date: '2026-02-30' }), /not a calendar date/);
  const longId = claims();
  longId[2].id = 'X'.repeat(39);
  assert.throws(() => write837(longId, OPTIONS), /longer than 38 characters/);
  const unnamed = claims();
  delete unnamed[0].provider.name;
  assert.throws(() => write837(unnamed, OPTIONS), /differs from the billing NPI and has no name/);
  const fiveMods = claims();
  fiveMods[1].lines[0].modifiers = ['59', 'GA', 'XS', 'KX', '25'];
  assert.throws(() => write837(fiveMods, OPTIONS), /5 modifiers/);
});

test('the segment model: composites, trailing empties dropped, a fixed-width ISA, separators refused in values', () => {
  assert.equal(
    serializeSegment(segment('SV1', ['HC', '20552', '59', ''], '150', 'UN', '1', '', '', ['1', '2'], '', '')),
    'SV1*HC:20552:59*150*UN*1***1:2~',
  );
  const isa = isaSegment({
    senderQualifier: 'ZZ',
    senderId: 'A',
    receiverQualifier: 'ZZ',
    receiverId: 'B',
    date: '260310',
    time: '0930',
    controlNumber: 5,
    usage: 'test',
  });
  const text = serialize([isa, segment('GS', 'HC')]);
  assert.equal(text.split('\n')[0].length, 106);
  assert.equal(text.split('\n')[1], 'GS*HC~');
  assert.throws(() => serializeSegment(segment('NM1', '85', '2', 'A*B')), /separator/);
  // the tokenizer reads back what the serializer wrote, with offsets
  const t = tokenize(text);
  assert.deepEqual(t.separators, { element: '*', component: ':', repetition: '^', segment: '~' });
  assert.deepEqual(
    t.segments.map((s) => [s.id, s.elements.length, text.slice(s.start, s.end)]),
    [
      ['ISA', 16, text.split('\n')[0].slice(0, -1)],
      ['GS', 1, 'GS*HC'],
    ],
  );
});
