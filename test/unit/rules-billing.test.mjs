// docs/rules.md "Billing details": mbi-format, born-after-service, ndc-format, ndc-missing,
// charge-below-payment, unknown-practice, duplicate-practice, practice-missing,
// billing-address, export-missing, and duplicate-field and invalid-npi on the new lines. The
// edges each rule spells out (which workspace judges it, rounding, forms of an NDC, post
// office boxes), exact ranges, messages naming the values, and every fix applied and re-checked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check, claim, workspace, uriOf } from '../helpers.mjs';
import { all, assertAt, assertFix, fixPromiseOnCorpus, lineOf, of, policy } from '../support/rule-kit.mjs';

const PRACTICE = [
  'practice RIVERSIDE "Riverside Pain Clinic"',
  '  npi 1234567893',
  '  tin 12-3456789',
  '  address 100 Main St, Suite 200, Anytown, CA 90001-1234',
  '',
].join('\n');

/** A claim with every billing line an 837P needs (override or drop lines with `lines`). */
const billed = (lines = {}, opts) =>
  claim(
    {
      member: 'member 1EG4-TE5-MK73',
      born: 'born 1950-01-01',
      sex: 'sex F',
      address: 'address 200 Elm St, Anytown, CA 90001-0001',
      billedBy: 'billed-by RIVERSIDE',
      line: 'line 20552 mod RT dx A charge 95.00',
      ...lines,
    },
    opts,
  );
const MEDICARE_WITH_ID = policy('medicare', 'payer-id 01182', 'rate 100%');
/** Findings of `code` for a claim text in a workspace with the practice (and a medicare policy with a payer id). */
const inPractice = (text, code, { practice = PRACTICE, policies = MEDICARE_WITH_ID } = {}) =>
  of(check(text, { 'practice.claim': practice, 'policies.claim': policies }), code);

// ----------------------------------------------------------------------------- mbi-format

describe('mbi-format', () => {
  test("CMS's own example, with or without hyphens, any case, is an MBI", () => {
    for (const m of ['1EG4-TE5-MK73', '1EG4TE5MK73', '1eg4-te5-mk73'])
      assert.deepEqual(of(check(billed({ member: `member ${m}` })), 'mbi-format'), [], m);
  });

  test('an old HICN is an error at the member id, in any workspace (no practice needed)', () => {
    const text = claim({ member: 'member 123-45-6789A' });
    const fs = of(check(text), 'mbi-format');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'member'), '123-45-6789A');
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /123-45-6789A.*10 characters/);
  });

  test('each position of the pattern is judged: a letter where a digit belongs, a forbidden letter', () => {
    // position 1 must be 1-9; position 2 a letter other than S L O I B Z; position 4 a digit
    for (const bad of ['0EG4TE5MK73', '1SG4TE5MK73', '1EGATE5MK73', '1EG4TE5MK7Z', '1EG4-TE5-MK7']) {
      const fs = of(check(claim({ member: `member ${bad}` })), 'mbi-format');
      assert.equal(fs.length, 1, bad);
    }
    assert.match(of(check(claim({ member: 'member 1BG4TE5MK73' })), 'mbi-format')[0].message, /S, L, O, I, B, Z/);
  });

  test('a member id of another payer is not judged as an MBI', () => {
    const text = claim({ payer: 'payer acme', member: 'member XJH884512207' }) + policy('acme', 'rate 150%');
    assert.deepEqual(of(check(text), 'mbi-format'), []);
  });
});

// ----------------------------------------------------------------------------- born-after-service

describe('born-after-service', () => {
  test('a birth date after the date of service is an error at the birth date; the same day is not', () => {
    const text = claim({ date: 'date 2026-03-04', born: 'born 2026-03-05' });
    const fs = of(check(text), 'born-after-service');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'born'), '2026-03-05');
    assert.match(fs[0].message, /2026-03-05.*2026-03-04/);
    assert.deepEqual(of(check(claim({ date: 'date 2026-03-04', born: 'born 2026-03-04' })), 'born-after-service'), []);
  });

  test('an impossible birth date is invalid-date, not compared', () => {
    const fs = check(claim({ born: 'born 2026-02-30' }));
    assert.deepEqual(of(fs, 'born-after-service'), []);
  });
});

// ----------------------------------------------------------------------------- ndc-format

describe('ndc-format', () => {
  const withNdc = (ndc) => claim({ drug: `drug lidocaine 1% 2 mL ndc ${ndc}` });
  test('11 digits bare or 5-4-2, and 10-digit NDCs with their hyphens (4-4-2, 5-3-2, 5-4-1), are well formed', () => {
    for (const ndc of ['00003029305', '00003-0293-05', '0003-0293-05', '63323-492-27', '63323-0492-7'])
      assert.deepEqual(of(check(withNdc(ndc)), 'ndc-format'), [], ndc);
  });

  test('a bare 10-digit NDC is an error at the NDC: its form cannot be known', () => {
    const text = withNdc('0003029305');
    const fs = of(check(text), 'ndc-format');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'ndc'), '0003029305');
    assert.match(fs[0].message, /10 digits without hyphens/);
    assert.deepEqual(fs[0].fixes, []);
  });

  test('other shapes are errors: 4-3-2, 9 digits, letters', () => {
    for (const ndc of ['0003-293-05', '000302930', '0003-0293-0A', '12345678901234'])
      assert.equal(of(check(withNdc(ndc)), 'ndc-format').length, 1, ndc);
  });
});

// ----------------------------------------------------------------------------- ndc-missing

describe('ndc-missing', () => {
  const acme = policy('acme', 'requires-ndc', 'rate 150%');
  const acmeClaim = (lines) => claim({ payer: 'payer acme', ...lines }) + acme;

  test("a J-code line whose payer requires the NDC, with no NDC on its drug's line: warning at the code", () => {
    const text = acmeClaim({
      line: ['line 20552 mod RT dx A', 'line J3301 units 4 dx A'],
      drug: ['drug triamcinolone 40 mg/mL 1 mL', 'drug lidocaine 1% 2 mL ndc 63323-0492-27'],
    });
    const fs = of(check(text), 'ndc-missing');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'J3301'), 'J3301');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /triamcinolone.*J3301/);
  });

  test("the drug's own NDC satisfies it, even a malformed one (that is ndc-format's)", () => {
    for (const ndc of ['00003-0293-05', '0003029305']) {
      const text = acmeClaim({
        line: ['line 20552 mod RT dx A', 'line J3301 units 4 dx A'],
        drug: `drug Kenalog-40 40 mg/mL 1 mL ndc ${ndc}`,
      });
      assert.deepEqual(of(check(text), 'ndc-missing'), [], ndc);
    }
  });

  test("J2001 is lidocaine's: another drug's NDC does not count", () => {
    const line = ['line 20552 mod RT dx A', 'line J2001 units 1 dx A'];
    const without = acmeClaim({ line, drug: ['drug lidocaine 1% 2 mL', 'drug triamcinolone 40 mg/mL 1 mL ndc 00003-0293-05'] });
    assert.equal(of(check(without), 'ndc-missing').length, 1);
    const withIt = acmeClaim({ line, drug: 'drug lidocaine 1% 2 mL ndc 63323-0492-27' });
    assert.deepEqual(of(check(withIt), 'ndc-missing'), []);
  });

  test('a J-code of a drug ClaimNote does not know: any drug line with an NDC satisfies it', () => {
    const line = ['line 20552 mod RT dx A', 'line J3490 units 1 dx A'];
    assert.equal(of(check(acmeClaim({ line, drug: 'drug lidocaine 1% 2 mL' })), 'ndc-missing').length, 1);
    assert.deepEqual(of(check(acmeClaim({ line, drug: 'drug lidocaine 1% 2 mL ndc 63323-0492-27' })), 'ndc-missing'), []);
  });

  test('a payer without requires-ndc is not judged', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line J3301 units 4 dx A'], drug: 'drug triamcinolone 40 mg/mL 1 mL' });
    assert.deepEqual(of(check(text), 'ndc-missing'), []);
  });
});

// ----------------------------------------------------------------------------- charge-below-payment

describe('charge-below-payment', () => {
  test('Medicare: a charge below the 2026 national non-facility amount ($51.77 for 20552) is a warning at the charge', () => {
    const text = claim({ date: 'date 2026-03-05', line: 'line 20552 mod RT dx A charge 51.76' });
    const fs = of(check(text), 'charge-below-payment');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'charge'), '51.76');
    assert.match(fs[0].message, /\$51\.76.*\$51\.77/);
    assert.deepEqual(
      of(check(claim({ date: 'date 2026-03-05', line: 'line 20552 mod RT dx A charge 51.77' })), 'charge-below-payment'),
      [],
    );
  });

  test("a payer's rate is applied half up: 150% of $59.79 is $89.69", () => {
    const at = (charge) =>
      of(
        check(claim({ payer: 'payer acme', line: `line 20553 mod RT dx A charge ${charge}` }) + policy('acme', 'rate 150%')),
        'charge-below-payment',
      );
    assert.equal(at('89.68').length, 1);
    assert.match(at('89.68')[0].message, /150% .*\$59\.79 = \$89\.69/);
    assert.deepEqual(at('89.69'), []);
  });

  test('2025 facility amounts are known (1.09 RVUs x 32.3465 = $35.26); the 2026 facility amount is not, so it is not judged', () => {
    const at = (date, charge) =>
      of(check(claim({ date: `date ${date}`, pos: 'pos 22', line: `line 20552 mod RT dx A charge ${charge}` })), 'charge-below-payment');
    assert.equal(at('2025-06-02', '35.25').length, 1);
    assert.deepEqual(at('2025-06-02', '35.26'), []);
    assert.deepEqual(at('2026-03-06', '1.00'), []);
  });

  test('not judged at telehealth places of service, for a payer with no rate, or on non-TPI lines', () => {
    assert.deepEqual(of(check(claim({ pos: 'pos 02', line: 'line 20552 mod RT dx A charge 1' })), 'charge-below-payment'), []);
    const noRate = claim({ payer: 'payer acme', line: 'line 20552 mod RT dx A charge 1' }) + policy('acme', 'limit 4 per 30 days');
    assert.deepEqual(of(check(noRate), 'charge-below-payment'), []);
    const em = claim({ line: ['line 20552 mod RT dx A charge 95', 'line 99213-25 dx A charge 1'] });
    assert.deepEqual(of(check(em), 'charge-below-payment'), []);
  });

  test('the fix sets the charge to the expected payment, keeping a written $; not preferred', () => {
    const text = claim({ date: 'date 2026-03-05', line: 'line 20552 mod RT dx A charge $45' });
    const { text: fixed, fix } = assertFix(text, undefined, 'charge-below-payment');
    assert.equal(fix.isPreferred, false);
    assert.match(fixed, /charge \$51\.77/);
  });
});

// ----------------------------------------------------------------------------- practices

describe('unknown-practice, duplicate-practice, practice-missing', () => {
  test('billed-by naming no practice is an error at the id, in any workspace; its fix appends a practice skeleton', () => {
    const text = claim({ billedBy: 'billed-by WESTSIDE' });
    const fs = of(check(text), 'unknown-practice');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'billed-by'), 'WESTSIDE');
    const { text: fixed } = assertFix(text, undefined, 'unknown-practice');
    assert.match(fixed, /\npractice WESTSIDE "<Practice name>"\n/);
  });

  test('practice ids match without case, across files', () => {
    const text = billed({ billedBy: 'billed-by riverside' });
    assert.deepEqual(inPractice(text, 'unknown-practice'), []);
    const s = workspace({ 'a.claim': PRACTICE, 'b.claim': 'practice Riverside\n  npi 1234567893\n' });
    const dup = of(all(s), 'duplicate-practice');
    assert.equal(dup.length, 1);
    assert.equal(dup[0].uri, uriOf('b.claim'));
    assert.equal(dup[0].related[0].uri, uriOf('a.claim'));
  });

  test('practice-missing: only with two or more distinct practices; one fix per practice, each removing it', () => {
    const noBy = billed({ billedBy: null });
    assert.deepEqual(inPractice(noBy, 'practice-missing'), [], 'one practice: it is the one');
    const two = PRACTICE + '\npractice EASTSIDE\n  npi 1245319599\n';
    const fs = inPractice(noBy, 'practice-missing', { practice: two });
    assert.equal(fs.length, 1);
    assert.equal(fs[0].fixes.length, 2);
    assert.match(fs[0].message, /RIVERSIDE, EASTSIDE/);
    const files = { 'a.claim': noBy, 'practice.claim': two, 'policies.claim': MEDICARE_WITH_ID };
    assertFix(files, 'a.claim', 'practice-missing', { fixIndex: 0 });
    assertFix(files, 'a.claim', 'practice-missing', { fixIndex: 1 });
    const sameTwice = PRACTICE + '\npractice riverside\n';
    assert.deepEqual(inPractice(noBy, 'practice-missing', { practice: sameTwice }), [], 'two blocks of one id are one practice');
  });
});

// ----------------------------------------------------------------------------- billing-address

describe('billing-address', () => {
  const withAddress = (a) => `practice P\n  npi 1234567893\n  address ${a}\n`;
  test('a post office box, in any of its spellings, is warned at the address', () => {
    for (const box of ['PO Box 18', 'P.O. Box 18', 'Post Office Box 18', 'po box 18', 'P. O. Box 18']) {
      const text = withAddress(`${box}, Fresno, CA 93744-4410`);
      const fs = of(check(text), 'billing-address');
      assert.equal(fs.length, 1, box);
      assertAt(fs[0], text, 2, `${box}, Fresno, CA 93744-4410`);
      assert.match(fs[0].message, /post office box/);
    }
  });

  test('a 5-digit ZIP is warned; a street with ZIP+4 (hyphen or not) is not; "Box Elder St" is a street', () => {
    assert.match(of(check(withAddress('2200 Harbor Blvd, Costa Mesa, CA 92626')), 'billing-address')[0].message, /92626 has 5 digits/);
    for (const ok of [
      '2200 Harbor Blvd, Costa Mesa, CA 92626-1234',
      '2200 Harbor Blvd, Costa Mesa, CA 926261234',
      '12 Box Elder St, Ogden, UT 84401-0001',
    ])
      assert.deepEqual(of(check(withAddress(ok)), 'billing-address'), [], ok);
  });

  test("a patient's post office box is not judged", () => {
    const text = billed({ address: 'address PO Box 18, Clovis, CA 93612' });
    assert.deepEqual(inPractice(text, 'billing-address'), []);
  });
});

// ----------------------------------------------------------------------------- export-missing

describe('export-missing', () => {
  test('not judged in a workspace without a practice block', () => {
    assert.deepEqual(of(check(claim()), 'export-missing'), []);
  });

  test('a claim with everything is not reported; one info a claim names everything missing', () => {
    assert.deepEqual(inPractice(billed(), 'export-missing'), []);
    const text = billed({ member: null, sex: null, line: ['line 20552 mod RT dx A charge 95', 'line J3301 units 4 dx A'] });
    const fs = inPractice(text, 'export-missing');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].severity, 'info');
    assertAt(fs[0], text, 0, 'C-1');
    assert.match(fs[0].message, /member.*sex.*a charge on line J3301/);
  });

  test("the practice's npi, tin and address, and the payer's payer-id, are named; the built-in medicare has none", () => {
    const bare = 'practice RIVERSIDE\n  phone 555-555-1212\n';
    assert.match(inPractice(billed(), 'export-missing', { practice: bare })[0].message, /practice RIVERSIDE's npi, tin, address/);
    assert.match(inPractice(billed(), 'export-missing', { policies: '' })[0].message, /payer medicare's payer-id/);
  });

  test('a billed-by naming no practice and an unknown payer are left to their own rules', () => {
    const fs = inPractice(billed({ billedBy: 'billed-by NOWHERE', payer: 'payer nobody' }), 'export-missing');
    assert.deepEqual(fs, []);
  });

  test('the fix inserts the missing claim lines with placeholders, not preferred; a line dropped for a syntax error gets none', () => {
    const files = { 'a.claim': billed({ member: null, born: null }), 'practice.claim': PRACTICE, 'policies.claim': MEDICARE_WITH_ID };
    const { text } = assertFix(files, 'a.claim', 'export-missing', { placeholder: true });
    assert.match(text, /member <member-id>\n {2}born <YYYY-MM-DD>/);
    const dropped = inPractice(billed({ sex: 'sex X', born: null }), 'export-missing');
    assert.equal(dropped.length, 1);
    assert.match(dropped[0].message, /born.*sex/);
    const inserted = dropped[0].fixes[0].edits.map((e) => e.newText).join('');
    assert.match(inserted, /born/);
    assert.doesNotMatch(inserted, /sex/);
  });
});

// ----------------------------------------------------------------------------- the new lines of older rules

describe('duplicate-field and invalid-npi on billing lines', () => {
  test('a second line in a practice, a second payer-id, claim-type or appeal-window in a policy, a second billed-by: warnings', () => {
    const practice = 'practice P\n  npi 1234567893\n  npi 1245319599\n';
    const fs = of(check(practice), 'duplicate-field');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /Second npi line \(1245319599\) in practice P.*first \(1234567893\)/);
    const pol = policy(
      'acme',
      'payer-id 60054',
      'payer-id 60055',
      'claim-type 12',
      'claim-type CI',
      'appeal-window 180 days',
      'appeal-window 90 days',
    );
    assert.equal(of(check(pol), 'duplicate-field').length, 3);
    const c = claim({ billedBy: ['billed-by A', 'billed-by B'] });
    const d = of(check(c), 'duplicate-field');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
  });

  test("a practice's npi is judged by invalid-npi", () => {
    const text = 'practice P\n  npi 1234567890\n';
    const fs = of(check(text), 'invalid-npi');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, 1, '1234567890');
  });
});

test('every fix of the family on the billing corpus keeps the fixes promise (placeholder fixes aside)', () => {
  fixPromiseOnCorpus('Billing details', { corpus: 'corpus-billing', exempt: ['export-missing'] });
});
