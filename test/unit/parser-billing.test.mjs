// The billing-details lines against docs/LANGUAGE.md "Billing details": the practice block and
// its lines, the claim's member, born, sex, address, replaces and billed-by, service-line
// charges, drug NDCs, and the policy's payer-id, claim-type, requires-ndc and appeal-window.
// Each written form's edges: what reads, what is a syntax error, and what a syntax error drops.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, check } from '../helpers.mjs';

const parse = (text) => parseDocument('file:///ws/p.claim', text);
const block = (text) => parse(text).blocks[0];
const claimOf = (...lines) => block(['claim C', ...lines.map((l) => '  ' + l)].join('\n'));
const practiceOf = (...lines) => block(['practice P "Pain Clinic"', ...lines.map((l) => '  ' + l)].join('\n'));
const policyOf = (...lines) => block(['policy acme', ...lines.map((l) => '  ' + l)].join('\n'));
const errorsOf = (text) => parse(text).errors.map((e) => e.message);
const claimErrors = (...lines) => errorsOf(['claim C', ...lines.map((l) => '  ' + l)].join('\n'));

describe('the practice block', () => {
  test('opens a block like claim and policy, with its id and display name, and ends the block before it', () => {
    const f = parse('claim C\n  patient P-1\npractice RIVERSIDE "Riverside Pain Clinic"\n  npi 1234567893\nclaim D\n');
    assert.deepEqual(
      f.blocks.map((b) => [b.kind, b.id.value, b.startLine, b.endLine]),
      [
        ['claim', 'C', 0, 1],
        ['practice', 'RIVERSIDE', 2, 3],
        ['claim', 'D', 4, 4],
      ],
    );
    assert.equal(f.blocks[1].displayName.text, 'Riverside Pain Clinic');
    assert.deepEqual(f.errors, []);
  });

  test('every practice line reads its value', () => {
    const p = practiceOf(
      'npi 1234567893',
      'tin 12-3456789',
      'address 100 Main St, Suite 200, Anytown, CA 90001-1234',
      'phone (555) 555-1212',
      'taxonomy 208vp0014x',
      'locality 01182 18',
      'submitter RIVERSIDE01 "Riverside Pain Clinic"',
      'receiver CLEARHOUSE Example Clearinghouse',
    );
    assert.deepEqual(p.errors, []);
    assert.equal(p.npi.value.value, '1234567893');
    assert.equal(p.tin.value.value, '123456789');
    assert.deepEqual(
      [p.address.line1, p.address.line2, p.address.city, p.address.state, p.address.zip],
      ['100 Main St', 'Suite 200', 'Anytown', 'CA', '900011234'],
    );
    assert.equal(p.phone.value.value, '5555551212');
    assert.equal(p.taxonomy.value.value, '208VP0014X');
    assert.deepEqual([p.locality.value.text, p.locality.rest.text], ['01182', '18']);
    assert.deepEqual([p.submitter.value.text, p.submitter.rest.text], ['RIVERSIDE01', 'Riverside Pain Clinic']);
    assert.deepEqual([p.receiver.value.text, p.receiver.rest.text], ['CLEARHOUSE', 'Example Clearinghouse']);
  });

  test('malformed practice values are syntax errors that drop the line', () => {
    for (const [line, pattern] of /** @type {[string, RegExp][]} */ ([
      ['tin 12345678', /9 digits/],
      ['phone 1-555-555-1212', /10 digits/],
      ['phone 555-CALL-NOW', /digits/],
      ['taxonomy 208VP0014', /ending in X/],
      ['locality 1182 18', /5 digits/],
      ['locality 01182 1', /2 digits/],
      ['npi 12345-67893', /digits/],
      ['npi', /needs/],
    ])) {
      const p = practiceOf(line);
      assert.equal(p.errors.length, 1, line);
      assert.match(p.errors[0].message, pattern, line);
      const field = line.split(' ')[0];
      assert.equal(p[field], undefined, `${line} is dropped`);
    }
  });

  test('a claim line in a practice, and a practice line in a claim, say which block they belong to', () => {
    assert.match(errorsOf('practice P\n  member 1EG4TE5MK73\n')[0], /`member` is a claim line; it cannot stand in practice P/);
    assert.match(claimErrors('tin 12-3456789')[0], /`tin` is a practice line; it cannot stand in claim C/);
    assert.match(errorsOf('practice P\n  rate 100%\n')[0], /`rate` is a policy line/);
  });

  test('a line before the first block names the three blocks', () => {
    assert.match(errorsOf('npi 1234567893\n')[0], /claim <id>.*policy <payer-id>.*practice <id>/);
  });
});

describe('addresses', () => {
  const addr = (text) => claimOf(`address ${text}`);
  test('line1, city, ST ZIP; an optional second line; a 9-digit ZIP with or without its hyphen', () => {
    const a = addr('200 Elm St, Anytown, ca 90001').address;
    assert.deepEqual([a.line1, a.line2, a.city, a.state, a.zip], ['200 Elm St', undefined, 'Anytown', 'CA', '90001']);
    assert.equal(addr('9 Oak Ave, Springfield, CA 900020009').address.zip, '900020009');
    assert.equal(addr('5 Hill St, Apt 4, Anytown, CA 90001-0505').address.line2, 'Apt 4');
  });

  test('a third address line, an empty part, a 4-digit ZIP, a one-letter state: a syntax error at the address', () => {
    for (const bad of [
      '1 A St, Suite 2, Floor 3, Anytown, CA 90001',
      '1 A St, , Anytown, CA 90001',
      '3 Bay Rd, Anytown, CA 9000',
      '3 Bay Rd, Anytown, C 90001',
      '3 Bay Rd Anytown CA 90001',
      '3 Bay Rd, Anytown, CA 90001-12',
    ]) {
      const c = addr(bad);
      assert.equal(c.address, undefined, bad);
      assert.equal(c.errors.length, 1, bad);
      assert.deepEqual([c.errors[0].start, c.errors[0].end], [10, 10 + bad.length], `${bad}: the error covers the address`);
    }
  });
});

describe('claim billing lines', () => {
  test('member, born, sex, replaces, billed-by', () => {
    const c = claimOf('member 1eg4-te5-mk73', 'born 1950-01-01', 'sex f', 'replaces 26079000123', 'billed-by RIVERSIDE');
    assert.deepEqual(c.errors, []);
    assert.equal(c.member.value.text, '1eg4-te5-mk73');
    assert.equal(c.born.iso, '1950-01-01');
    assert.equal(c.sex.value.value, 'F');
    assert.equal(c.replaces.value.text, '26079000123');
    assert.equal(c.billedBy.value.text, 'RIVERSIDE');
  });

  test('their edges: a member id of 1 or 31 characters or with other characters, a sex other than F, M, U, a claim number with a hyphen', () => {
    for (const line of [
      'member X',
      `member ${'A'.repeat(31)}`,
      'member AB_12',
      'sex X',
      'sex female',
      'replaces 2607-9000',
      'born 01/01/1950',
    ])
      assert.equal(claimOf(line).errors.length, 1, line);
    assert.equal(claimOf(`member ${'A'.repeat(30)}`).errors.length, 0, '30 characters is the most');
    assert.equal(claimOf('member 1EG4TE5MK73 extra').errors.length, 1, 'words after the member id');
  });
});

describe('service line charges', () => {
  const line = (text) => claimOf(`line ${text}`).lines[0];
  const lineErrors = (text) => claimOf(`line ${text}`).errors.map((e) => e.message);
  test('digits with one or two decimals and an optional $, in cents; in any order among the parts', () => {
    assert.equal(line('20552 charge 150').chargeCents, 15000);
    assert.equal(line('20552 charge $150.00').chargeCents, 15000);
    assert.equal(line('20552 charge 150.5 dx A').chargeCents, 15050);
    const l = line('20552 dx A charge 12.05 mod RT');
    assert.deepEqual([l.chargeCents, l.modifiers.map((m) => m.value), l.dx.pointers.map((p) => p.value)], [1205, ['RT'], ['A']]);
    assert.equal(l.charge.text, '12.05');
  });

  test('zero, a third decimal, a leading dot, a thousands separator: a syntax error that drops only the charge', () => {
    for (const [charge, pattern] of /** @type {[string, RegExp][]} */ ([
      ['0', /more than zero/],
      ['0.00', /more than zero/],
      ['12.505', /two decimals/],
      ['.50', /leading zero/],
      ['1,500', /thousands separator \(1500\)/],
      ['$1,500.00', /thousands separator \(1500\.00\)/],
      ['abc', /amount in dollars/],
    ])) {
      const c = claimOf(`line 20552 mod RT dx A charge ${charge}`);
      const l = c.lines[0];
      assert.ok(l, `${charge}: the line stays`);
      assert.equal(l.chargeCents, undefined, charge);
      assert.deepEqual(
        l.modifiers.map((m) => m.value),
        ['RT'],
        `${charge}: the rest of the line is read`,
      );
      assert.equal(c.errors.length, 1, charge);
      assert.match(c.errors[0].message, pattern, charge);
    }
  });

  test('`charge` with no amount, and a second charge part, are syntax errors', () => {
    assert.match(lineErrors('20552 dx A charge')[0], /`charge` needs an amount/);
    assert.match(lineErrors('20552 charge 10 charge 20')[0], /a second `charge` part/);
    assert.equal(line('20552 charge 10 charge 20').chargeCents, 1000, 'the first wins');
  });

  test('the word charge ends the list before it (a modifier list, pointers)', () => {
    const l = line('20552 mod RT,XS charge 95 dx AB');
    assert.deepEqual(
      l.modifiers.map((m) => m.value),
      ['RT', 'XS'],
    );
    assert.equal(l.chargeCents, 9500);
  });
});

describe('drug NDCs', () => {
  test('`ndc` ends the name, concentration and amount; the NDC is kept as written', () => {
    const d = claimOf('drug Kenalog-40 40 mg/mL 1 mL ndc 0003-0293-05').drugs[0];
    assert.equal(d.name.text, 'Kenalog-40');
    assert.equal(d.concentration.amount, 40);
    assert.equal(d.dose.amount, 1);
    assert.equal(d.ndc.text, '0003-0293-05');
    assert.equal(claimOf('drug lidocaine ndc 63323-0492-27').drugs[0].name.text, 'lidocaine');
  });

  test('`ndc` with no code, or words after the code: a syntax error that drops only the NDC', () => {
    for (const text of ['drug lidocaine 1% 2 mL ndc', 'drug lidocaine 1% 2 mL ndc 63323-0492-27 vial']) {
      const c = claimOf(text);
      assert.equal(c.errors.length, 1, text);
      assert.equal(c.drugs.length, 1, `${text}: the drug line stays`);
      assert.equal(c.drugs[0].ndc, undefined);
      assert.equal(c.drugs[0].dose.amount, 2);
    }
    assert.match(claimOf('drug ndc 63323-0492-27').errors[0].message, /needs a name before its `ndc`/);
  });
});

describe('policy billing lines', () => {
  test('payer-id, claim-type (any case), requires-ndc, appeal-window in days', () => {
    const p = policyOf('payer-id 60054', 'claim-type ci', 'requires-ndc', 'appeal-window 180 days');
    assert.deepEqual(p.errors, []);
    assert.equal(p.payerId.value.text, '60054');
    assert.equal(p.claimType.value.value, 'CI');
    assert.ok(p.requiresNdc);
    assert.equal(p.appealWindow.days, 180);
    assert.equal(policyOf('appeal-window 1 day').appealWindow.days, 1);
  });

  test('their edges are syntax errors', () => {
    for (const line of [
      'payer-id X',
      'payer-id 600-54',
      'claim-type XX',
      'requires-ndc yes',
      'appeal-window 0 days',
      'appeal-window 3 weeks',
      'appeal-window 90',
    ])
      assert.equal(policyOf(line).errors.length, 1, line);
  });
});

test('the billing lines check clean in a claim and keep its other findings', () => {
  const text = [
    'practice P',
    '  npi 1234567893',
    '  tin 123456789',
    '  address 100 Main St, Anytown, CA 90001-1234',
    'claim C-1',
    '  patient P-1 Doe, Jane',
    '  member 1EG4-TE5-MK73',
    '  born 1950-01-01',
    '  sex F',
    '  address 200 Elm St, Anytown, CA 90001-0001',
    '  payer medicare',
    '  date 2026-04-01',
    '  diagnosis A M79.12',
    '  line 20552 mod 50 dx A charge 95',
    '  muscles right upper trapezius',
  ].join('\n');
  const codes = check(text).map((f) => f.code);
  assert.ok(codes.includes('modifier-50'));
  assert.ok(!codes.includes('syntax'), codes.join());
});
