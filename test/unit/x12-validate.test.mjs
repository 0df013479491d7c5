// validate837: ClaimNote's own check of an 837P. A valid interchange passes; each broken
// thing, put into a valid one, is caught and pointed at (its segment and offset).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { write837, validate837 } = require('../../server/out/interchange.js');

import { claims, OPTIONS } from '../support/x12-claims.mjs';
const valid = () => write837(claims(), OPTIONS);

/** The interchange with segment `from` (a whole line, terminator included) replaced: returns the text and the segment's 1-based position. */
function mutate(text, from, to, nth = 0) {
  const segs = text.split('\n');
  const at = segs.map((s, i) => (s === from ? i : -1)).filter((i) => i >= 0)[nth];
  assert.ok(at !== undefined, `no segment ${from}`);
  segs[at] = to;
  return { text: segs.join('\n'), segment: at + 1, offset: segs.slice(0, at).join('\n').length + (at > 0 ? 1 : 0) };
}

/** Asserts the validator reports a problem matching `re` at the mutated segment. */
function caught({ text, segment, offset }, re) {
  const r = validate837(text);
  assert.equal(r.ok, false, `not caught: ${re}`);
  const hit = r.problems.find((p) => re.test(p.message));
  assert.ok(hit, `${re} not in ${JSON.stringify(r.problems.map((p) => p.message))}`);
  assert.equal(hit.segment, segment, `${hit.message}: segment ${hit.segment}, expected ${segment}`);
  assert.ok(hit.offset >= offset && hit.offset < offset + text.split('\n')[segment - 1].length, `${hit.message}: offset ${hit.offset}`);
  return r.problems;
}

test('the interchange ClaimNote writes is valid', () => {
  assert.deepEqual(validate837(valid()), { ok: true, problems: [] });
});

test('a wrong SE01 segment count', () => {
  const text = valid();
  const se = text.split('\n').find((s) => s.startsWith('SE*'));
  const n = Number(se.split('*')[1]);
  caught(mutate(text, se, `SE*${n - 1}*0001~`), new RegExp(`SE01 is ${n - 1}, the transaction has ${n} segments`));
});

test('GE01 and IEA01 counts', () => {
  caught(mutate(valid(), 'GE*1*42~', 'GE*2*42~'), /GE01 is 2, the group has 1 transactions/);
  caught(mutate(valid(), 'IEA*1*000000042~', 'IEA*3*000000042~'), /IEA01 is 3, the interchange has 1 functional groups/);
});

test('control numbers that do not match their headers', () => {
  caught(mutate(valid(), 'IEA*1*000000042~', 'IEA*1*000000043~'), /IEA02 000000043 does not match ISA13 000000042/);
  caught(mutate(valid(), 'GE*1*42~', 'GE*1*43~'), /GE02 43 does not match GS06 42/);
  const text = valid();
  const se = text.split('\n').find((s) => s.startsWith('SE*'));
  caught(mutate(text, se, se.replace('0001', '0002')), /SE02 0002 does not match ST02 0001/);
});

test('a pointer past the HI codes (5 with 4 codes), and more than 4 pointers', () => {
  let m = mutate(valid(), 'HI*ABK:M7918*ABF:G4489*ABF:M542~', 'HI*ABK:M7918*ABF:G4489*ABF:M542*ABF:M5412~');
  m = { ...mutate(m.text, 'SV1*HC:20552*150*UN*1***3:1:2~', 'SV1*HC:20552*150*UN*1***3:1:5~') };
  caught(m, /SV107: pointer 5 is not within 1-4/);
  m = mutate(m.text, 'SV1*HC:20552*150*UN*1***3:1:5~', 'SV1*HC:20552*150*UN*1***1:2:3:4:1~');
  caught(m, /SV107: 5 diagnosis pointers, at most 4/);
});

test('an ICD-10-CM code with a dot', () => {
  caught(mutate(valid(), 'HI*ABK:M5412~', 'HI*ABK:M54.12~'), /the ICD-10-CM code M54\.12 has a dot/);
});

test('CLM02 that is not the sum of the SV102 charges (compared in cents)', () => {
  caught(
    mutate(valid(), 'CLM*C-1001*262.5***11:B:1*Y*A*Y*Y~', 'CLM*C-1001*262.51***11:B:1*Y*A*Y*Y~'),
    /CLM02 262\.51 is not the sum.*262\.5$/,
  );
  // 262.50 is the same amount as 262.5
  const same = mutate(valid(), 'CLM*C-1001*262.5***11:B:1*Y*A*Y*Y~', 'CLM*C-1001*262.50***11:B:1*Y*A*Y*Y~');
  assert.deepEqual(validate837(same.text).problems, []);
});

test('NPI check digits on the billing (NM1*85) and rendering (NM1*82) providers', () => {
  caught(
    mutate(valid(), 'NM1*85*2*Riverside Pain Clinic*****XX*1234567893~', 'NM1*85*2*Riverside Pain Clinic*****XX*1234567890~'),
    /billing NPI 1234567890 fails the NPI check digit/,
  );
  caught(mutate(valid(), 'NM1*82*1*Ng*Ada****XX*1567890128~', 'NM1*82*1*Ng*Ada****XX*1567890127~'), /rendering NPI 1567890127 fails/);
});

test('an 8-digit tax id, a 5-digit billing ZIP', () => {
  caught(mutate(valid(), 'REF*EI*123456789~', 'REF*EI*12345678~'), /REF\*EI: the tax id 12345678 is not 9 digits/);
  caught(mutate(valid(), 'N4*Dayton*OH*454021111~', 'N4*Dayton*OH*45402~'), /the ZIP 45402 is not 9 digits/);
  // the patient's 5-digit ZIP is fine
  assert.ok(valid().includes('N4*Springfield*IL*62701~'));
});

test('an ISA that is not fixed width', () => {
  const text = valid();
  const isa = text.split('\n')[0];
  const problems = caught(
    mutate(text, isa, isa.replace('SUB123         ', 'SUB123')),
    /the ISA is 97 characters with its terminator, not 106/,
  );
  assert.ok(problems.some((p) => /ISA06 is 6 characters wide, not 15/.test(p.message)));
});

/** The 1-based position of segment `seg` in `text` (its first, or its last). */
const positionOf = (text, seg, last = false) => (last ? text.split('\n').lastIndexOf(seg) : text.split('\n').indexOf(seg)) + 1;

test('required segments missing (reported at their loop) or out of order', () => {
  const check = (text, re, loopSegment, last = false) => {
    const hit = validate837(text).problems.find((p) => re.test(p.message));
    assert.ok(hit, `${re} not reported`);
    assert.equal(hit.segment, positionOf(text, loopSegment, last), hit.message);
  };
  check(mutate(valid(), 'REF*EI*987654321~', 'REF*XX*987654321~').text, /2000A \(HL 4\): REF\*EI is missing/, 'HL*4**20*1~');
  check(
    mutate(valid(), 'NM1*PR*2*Acme PPO*****PI*ACME1~', 'NM1*P5*2*Acme PPO*****PI*ACME1~').text,
    /2000B \(HL 3\): NM1\*PR is missing/,
    'HL*3*1*22*0~',
  );
  check(mutate(valid(), 'DTP*472*D8*20260401~', 'DTP*573*D8*20260401~').text, /2400 \(LX 1\): DTP\*472 is missing/, 'LX*1~', true);
  const swapped = valid().replace('N3*5 Hill St~\nN4*Dayton*OH*454021111~', 'N4*Dayton*OH*454021111~\nN3*5 Hill St~');
  check(swapped, /2000A \(HL 4\): N4 is out of order/, 'N4*Dayton*OH*454021111~');
  caught(mutate(valid(), 'NM1*41*2*Riverside Billing*****46*SUB123~', 'NM1*41*2*Riverside Billing*****46~'), /NM1\*41: NM109 is empty/);
});

test('HL numbering, parents and child codes', () => {
  caught(mutate(valid(), 'HL*3*1*22*0~', 'HL*3*2*22*0~'), /HL02 2 is not an earlier level 20/);
  caught(mutate(valid(), 'HL*4**20*1~', 'HL*6**20*1~'), /HL01 is 6, expected 4/);
  caught(mutate(valid(), 'HL*5*4*22*0~', 'HL*5*4*22*1~'), /HL04 is 1, the level has no children/);
  // whether a level has children is known at SE: the problem still names the HL and its element
  const text = valid().replace('HL*4**20*1~', 'HL*4**20*0~');
  const hit = validate837(text).problems.find((p) => /HL04 is 0, the level has children/.test(p.message));
  assert.ok(hit);
  assert.equal(hit.segment, positionOf(text, 'HL*4**20*0~'));
  assert.equal(text.slice(hit.offset, hit.offset + 2), '0~');
});

test('other separators, declared by the ISA, validate the same', () => {
  const text = valid();
  const other = text.replace(/\*/g, '|').replace(/:/g, '>').replace(/~\n/g, '!');
  assert.deepEqual(validate837(other), { ok: true, problems: [] });
  const broken = other.replace('REF|EI|123456789!', 'REF|EI|1234!');
  assert.ok(validate837(broken).problems.some((p) => /tax id 1234 is not 9 digits/.test(p.message)));
});

test('text that is not an interchange', () => {
  assert.equal(validate837('').ok, false);
  assert.equal(validate837('hello').problems[0].message, 'no ISA segment');
  const cut = valid().split('\n').slice(0, 30).join('\n');
  const r = validate837(cut);
  assert.ok(r.problems.some((p) => /no IEA/.test(p.message)));
});
