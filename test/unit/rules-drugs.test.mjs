// docs/rules.md "Drugs and supplies": drug-supply-code, drug-units-mismatch, drug-code-deleted,
// jcode-in-facility, anesthetic-billed, botox-with-tpi. Units (J3301 per 10 mg, J1100 1 mg,
// J0702 6 mg, J1010 1 mg, rounded up; % is 10 mg/mL per percent; mcg a thousandth of a mg;
// lines of one drug add up; JW lines skipped), places of service, exact ranges, severities,
// messages naming the values, and every fix applied and re-checked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check, claim } from '../helpers.mjs';
import { assertAt, assertFix, fixPromiseOnCorpus, lineOf, of } from '../support/rule-kit.mjs';

/** A clean TPI claim with a steroid: everything but the drug lines and service lines is the default. */
/** @type {(drug: string | string[], line?: string | string[], more?: object) => string} */
const withDrug = (drug, line = 'line 20552 mod RT dx A', more = {}) => claim({ drug, line, ...more });

// ----------------------------------------------------------------------------- drug-supply-code

describe('drug-supply-code', () => {
  test('a steroid with known milligrams and no J-code line at the office: info at the drug name, naming mg, code and units', () => {
    const text = withDrug(['drug triamcinolone 40 mg/mL 1 mL', 'drug lidocaine 1% 2 mL']);
    const fs = of(check(text), 'drug-supply-code');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'drug triamcinolone'), 'triamcinolone');
    assert.equal(fs[0].severity, 'info');
    assert.match(fs[0].message, /triamcinolone 40 mg/i);
    assert.match(fs[0].message, /J3301/);
    assert.match(fs[0].message, /4 units/);
  });

  test('the fix inserts `line <J-code> units <n> dx <pointer>` after the last service line, not preferred', () => {
    const text = withDrug('drug triamcinolone 40 mg/mL 1 mL', ['line 20552 mod RT dx A', 'line 99213-25 dx A'], {
      note: 'note separate problem',
    });
    const [f] = of(check(text), 'drug-supply-code');
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].isPreferred, false);
    const { text: fixed, after } = assertFix(text, 'a.claim', 'drug-supply-code');
    const lines = fixed.split('\n');
    assert.equal(lines[lineOf(fixed, 'line 99213') + 1], '  line J3301 units 4 dx A');
    assert.equal(of(after, 'drug-units-mismatch').length, 0, 'the inserted units are right');
  });

  /** @type {Array<[string, string, number]>} */
  const cases = [
    ['drug dexamethasone 4 mg/mL 1 mL', 'J1100', 4],
    ['drug Decadron 10 mg', 'J1100', 10],
    ['drug dexamethasone 0.4% 1 mL', 'J1100', 4],
    ['drug dexamethasone 4000 mcg', 'J1100', 4],
    ['drug dexamethasone 400 mcg/mL 10 mL', 'J1100', 4],
    ['drug dexamethasone 2.5 mg', 'J1100', 3],
    ['drug betamethasone 6 mg/mL 1 mL', 'J0702', 1],
    ['drug Celestone 6 mg/mL 2 mL', 'J0702', 2],
    ['drug betamethasone 7 mg', 'J0702', 2],
    ['drug methylprednisolone 40 mg/mL 1 mL', 'J1010', 40],
    ['drug Depo-Medrol 80 mg', 'J1010', 80],
    ['drug triamcinolone 40 mg', 'J3301', 4],
    ['drug triamcinolone 45 mg', 'J3301', 5],
    ['drug Kenalog-40 40 mg/mL 0.5 mL', 'J3301', 2],
    ['drug triamcinolone 10 mg/mL 2.5 mL', 'J3301', 3],
    ['drug triamcinolone 1 mg', 'J3301', 1],
    ['drug "triamcinolone acetonide" 40 mg/cc 2 cc', 'J3301', 8],
  ];
  for (const [drug, code, units] of cases) {
    test(`${drug}: ${code} units ${units}`, () => {
      const text = withDrug(drug);
      const [f, ...rest] = of(check(text), 'drug-supply-code');
      assert.equal(rest.length, 0);
      assert.match(f.message, new RegExp(`${code} .*${units} unit`));
      const { text: fixed } = assertFix(text, 'a.claim', 'drug-supply-code');
      assert.match(fixed, new RegExp(`\\n  line ${code} units ${units} dx A\\n`));
    });
  }

  test('several lines of one drug add up; each line is reported, either fix bills the total', () => {
    const text = withDrug(['drug triamcinolone 20 mg', 'drug Kenalog 10 mg/mL 2 mL']);
    const fs = of(check(text), 'drug-supply-code');
    assert.equal(fs.length, 2);
    assertAt(fs[1], text, lineOf(text, 'drug Kenalog'), 'Kenalog');
    assert.ok(fs.every((f) => /40 mg/.test(f.message)));
    const { text: fixed, after } = assertFix(text, 'a.claim', 'drug-supply-code');
    assert.match(fixed, /line J3301 units 4 dx A/);
    assert.equal(of(after, 'drug-supply-code').length, 0);
  });

  test('a line of the drug with unknown milligrams is not reported, nor counted', () => {
    const text = withDrug(['drug triamcinolone 1 mL', 'drug triamcinolone 20 mg']);
    const fs = of(check(text), 'drug-supply-code');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'drug triamcinolone 20'), 'triamcinolone');
    assert.match(fs[0].message, /2 units/);
    assert.equal(of(check(withDrug('drug triamcinolone 1%')), 'drug-supply-code').length, 0, 'no amount');
  });

  test('not reported when the J-code is billed (J1020, J1030 and J1040 count for methylprednisolone)', () => {
    assert.equal(
      of(check(withDrug('drug triamcinolone 40 mg', ['line 20552 mod RT dx A', 'line J3301 units 4 dx A'])), 'drug-supply-code').length,
      0,
    );
    assert.equal(
      of(check(withDrug('drug triamcinolone 40 mg', ['line 20552 mod RT dx A', 'line J3301-JW units 1 dx A'])), 'drug-supply-code').length,
      0,
    );
    for (const code of ['J1010', 'J1020', 'J1030', 'J1040']) {
      const text = withDrug('drug methylprednisolone 40 mg', ['line 20552 mod RT dx A', `line ${code} units 1 dx A`], {
        date: 'date 2024-03-01',
      });
      assert.equal(of(check(text), 'drug-supply-code').length, 0, code);
    }
    // another drug's J-code does not count
    assert.equal(
      of(check(withDrug('drug triamcinolone 40 mg', ['line 20552 mod RT dx A', 'line J1100 units 4 dx A'])), 'drug-supply-code').length,
      1,
    );
  });

  test('anaesthetics and unrecognised drugs are not supplies', () => {
    for (const drug of ['drug lidocaine 1% 2 mL', 'drug bupivacaine 0.25% 3 mL', 'drug ketorolac 30 mg']) {
      assert.equal(of(check(withDrug(drug)), 'drug-supply-code').length, 0, drug);
    }
  });

  test('at a non-facility place of service only', () => {
    for (const pos of ['19', '21', '22', '23', '24', '31']) {
      assert.equal(of(check(withDrug('drug triamcinolone 40 mg', undefined, { pos: `pos ${pos}` })), 'drug-supply-code').length, 0, pos);
    }
    for (const pos of ['11', '12', '32', '49', '71', '72']) {
      assert.equal(of(check(withDrug('drug triamcinolone 40 mg', undefined, { pos: `pos ${pos}` })), 'drug-supply-code').length, 1, pos);
    }
  });

  // docs/rules.md "Terms" names three kinds of place: facility, telehealth and "every other place
  // of service is non-facility". Telehealth is its own kind, and nothing is injected by
  // telehealth (tpi-telehealth is the error there): no supply line is suggested.
  test('not at a telehealth place of service (02, 10)', () => {
    for (const pos of ['02', '10']) {
      const fs = check(withDrug('drug triamcinolone 40 mg', undefined, { pos: `pos ${pos}` }));
      assert.equal(of(fs, 'tpi-telehealth').length, 1);
      assert.equal(of(fs, 'drug-supply-code').length, 0, pos);
    }
  });

  test('needs a procedure or TPI line: a procedure alone is enough, E/M and HCPCS lines are not', () => {
    const proc = claim({ drug: 'drug triamcinolone 40 mg', line: 'line 20610 dx A', muscles: null });
    const fs = of(check(proc), 'drug-supply-code');
    assert.equal(fs.length, 1);
    const em = claim({ drug: 'drug triamcinolone 40 mg', line: ['line 99213 dx A', 'line G2211 dx A'], muscles: null });
    assert.equal(of(check(em), 'drug-supply-code').length, 0);
  });

  test("the pointer is the TPI line's first pointer, else the first diagnosis", () => {
    const tpi = claim({
      diagnosis: ['diagnosis A M79.12', 'diagnosis B M62.838'],
      drug: 'drug triamcinolone 40 mg',
      line: ['line 20610 dx A', 'line 20552 mod RT,XS dx B,A'],
    });
    const { text: a } = assertFix(tpi, 'a.claim', 'drug-supply-code');
    assert.match(a, /\n {2}line J3301 units 4 dx B\n/);
    const noTpi = claim({
      diagnosis: ['diagnosis B M62.838', 'diagnosis A M79.12'],
      drug: 'drug triamcinolone 40 mg',
      line: 'line 20610 dx A',
      muscles: null,
    });
    const { text: b } = assertFix(noTpi, 'a.claim', 'drug-supply-code');
    assert.match(b, /\n {2}line J3301 units 4 dx B\n/, 'the first diagnosis line, whatever its letter');
    const noDx = claim({ drug: 'drug triamcinolone 40 mg', line: 'line 20552 mod RT' });
    const { text: c } = assertFix(noDx, 'a.claim', 'drug-supply-code');
    assert.match(c, /\n {2}line J3301 units 4 dx A\n/, 'the TPI line has no pointer: the first diagnosis');
  });

  test('the fix at the end of the file, after the last service line', () => {
    const text = claim({ drug: 'drug triamcinolone 40 mg', line: null }, { extra: ['line 20552 mod RT dx A'] }).trimEnd();
    const { text: fixed } = assertFix(text, 'a.claim', 'drug-supply-code');
    assert.ok(fixed.endsWith('line 20552 mod RT dx A\n  line J3301 units 4 dx A'));
  });
});

// ----------------------------------------------------------------------------- drug-units-mismatch

describe('drug-units-mismatch', () => {
  const billed = (drug, line) => withDrug(drug, ['line 20552 mod RT dx A', line]);

  test('units that differ: warning at the units value, naming billed units, mg and wanted units; fix sets them', () => {
    const text = billed('drug triamcinolone 40 mg/mL 1 mL', 'line J3301 units 2 dx A');
    const fs = of(check(text), 'drug-units-mismatch');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line J3301'), '2');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /J3301 bills 2 units/);
    assert.match(fs[0].message, /40 mg of triamcinolone/);
    assert.match(fs[0].message, /= 4 units/);
    const { text: fixed } = assertFix(text, 'a.claim', 'drug-units-mismatch');
    assert.match(fixed, /line J3301 units 4 dx A/);
  });

  test('units absent (1): at the code; the fix adds a units part', () => {
    const text = billed('drug triamcinolone 40 mg', 'line J3301 dx A');
    const [f] = of(check(text), 'drug-units-mismatch');
    assertAt(f, text, lineOf(text, 'line J3301'), 'J3301');
    assert.match(f.message, /bills 1 unit for/);
    const { text: fixed } = assertFix(text, 'a.claim', 'drug-units-mismatch');
    assert.match(fixed, /line J3301 units 4 dx A/);
  });

  test('the fix with hyphenated modifiers and with a mod part', () => {
    const hy = assertFix(billed('drug triamcinolone 40 mg', 'line J3301-JZ dx A'), 'a.claim', 'drug-units-mismatch');
    assert.match(hy.text, /line J3301-JZ units 4 dx A/);
    const mod = assertFix(billed('drug triamcinolone 40 mg', 'line J3301 mod JZ dx A'), 'a.claim', 'drug-units-mismatch');
    assert.match(mod.text, /line J3301 units 4 mod JZ dx A/);
  });

  /** @type {Array<[string, string, number]>} */
  const units = [
    ['drug triamcinolone 40 mg', 'J3301', 4],
    ['drug triamcinolone 41 mg', 'J3301', 5],
    ['drug triamcinolone 5 mg', 'J3301', 1],
    ['drug dexamethasone 4 mg/mL 1.5 mL', 'J1100', 6],
    ['drug dexamethasone 0.4% 2 mL', 'J1100', 8],
    ['drug dexamethasone 1500 mcg', 'J1100', 2],
    ['drug betamethasone 6 mg/mL 1 mL', 'J0702', 1],
    ['drug betamethasone 12 mg', 'J0702', 2],
    ['drug betamethasone 13 mg', 'J0702', 3],
    ['drug methylprednisolone 40 mg/mL 2 mL', 'J1010', 80],
  ];
  for (const [drug, code, want] of units) {
    test(`${drug}: ${code} wants ${want}; one off either way is reported`, () => {
      assert.equal(of(check(billed(drug, `line ${code} units ${want} dx A`)), 'drug-units-mismatch').length, 0);
      for (const wrong of [want + 1, want - 1].filter((n) => n > 0)) {
        const [f] = of(check(billed(drug, `line ${code} units ${wrong} dx A`)), 'drug-units-mismatch');
        assert.ok(f, `${wrong} units`);
        assert.match(f.message, new RegExp(`= ${want} unit`));
      }
    });
  }

  test('a line whose units do not parse: still reported (units 1), without a fix that would add a second units part', () => {
    for (const line of ['line J3301 units two dx A', 'line J3301 units 0 dx A', 'line J3301 units dx A']) {
      const fs = check(billed('drug triamcinolone 40 mg', line));
      assert.equal(of(fs, 'syntax').length, 1, line);
      const [f] = of(fs, 'drug-units-mismatch');
      assert.ok(f, line);
      assert.match(f.message, /bills 1 unit for/);
      assert.deepEqual(f.fixes, [], line);
    }
  });

  test('several drug lines add up', () => {
    const text = withDrug(
      ['drug triamcinolone 40 mg/mL 1 mL', 'drug Kenalog 10 mg'],
      ['line 20552 mod RT dx A', 'line J3301 units 4 dx A'],
    );
    const [f] = of(check(text), 'drug-units-mismatch');
    assert.match(f.message, /50 mg of triamcinolone/);
    assert.match(f.message, /= 5 units/);
  });

  test('JW lines are skipped (their units are waste); JZ lines are checked', () => {
    const jw = withDrug('drug triamcinolone 40 mg', ['line 20552 mod RT dx A', 'line J3301-JZ units 4 dx A', 'line J3301-JW units 1 dx A']);
    assert.equal(of(check(jw), 'drug-units-mismatch').length, 0);
    const jz = withDrug('drug triamcinolone 40 mg', ['line 20552 mod RT dx A', 'line J3301 mod JZ units 3 dx A']);
    assert.equal(of(check(jz), 'drug-units-mismatch').length, 1);
  });

  test('not reported without documented milligrams of that drug, or for other J-codes', () => {
    assert.equal(of(check(billed('drug lidocaine 1% 2 mL', 'line J3301 units 7 dx A')), 'drug-units-mismatch').length, 0);
    assert.equal(of(check(billed('drug triamcinolone 2 mL', 'line J3301 units 7 dx A')), 'drug-units-mismatch').length, 0);
    assert.equal(of(check(billed('drug triamcinolone 40 mg', 'line J1100 units 7 dx A')), 'drug-units-mismatch').length, 0);
    const old = withDrug('drug methylprednisolone 40 mg', ['line 20552 mod RT dx A', 'line J1030 units 3 dx A'], {
      date: 'date 2024-03-01',
    });
    assert.equal(of(check(old), 'drug-units-mismatch').length, 0, 'J1030 is not one of the four unit codes');
  });

  test('on any claim, not only TPI claims', () => {
    const text = claim({ drug: 'drug triamcinolone 40 mg', line: ['line 20610 dx A', 'line J3301 units 2 dx A'], muscles: null });
    assert.equal(of(check(text), 'drug-units-mismatch').length, 1);
  });
});

// ----------------------------------------------------------------------------- drug-code-deleted

describe('drug-code-deleted', () => {
  const deleted = (line, date = '2024-04-01', drug = 'drug methylprednisolone 40 mg') =>
    withDrug(drug, ['line 20552 mod RT dx A', line], { date: `date ${date}` });

  test('J1030 on 2024-04-01: error at the code, naming it, the date and the J1010 units; fix replaces with J1010 units 40', () => {
    const text = deleted('line J1030 dx A');
    const fs = of(check(text), 'drug-code-deleted');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line J1030'), 'J1030');
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /J1030/);
    assert.match(fs[0].message, /2024-04-01/);
    assert.match(fs[0].message, /J1010/);
    assert.match(fs[0].message, /1 x 40 mg = 40 units/);
    const { text: fixed, after } = assertFix(text, 'a.claim', 'drug-code-deleted');
    assert.match(fixed, /line J1010 units 40 dx A/);
    assert.equal(of(after, 'drug-units-mismatch').length, 0, '40 mg documented, 40 units');
  });

  test('20, 40 or 80 mg a unit, times the units', () => {
    for (const [line, want] of [
      ['line J1020 dx A', 'line J1010 units 20 dx A'],
      ['line J1020 units 3 dx A', 'line J1010 units 60 dx A'],
      ['line J1030 units 2 dx A', 'line J1010 units 80 dx A'],
      ['line J1040 dx A', 'line J1010 units 80 dx A'],
      ['line J1040 units 2 dx A', 'line J1010 units 160 dx A'],
      ['line j1040 dx A', 'line J1010 units 80 dx A'],
      ['line J1040-JZ dx A', 'line J1010-JZ units 80 dx A'],
      ['line J1040 mod JZ dx A', 'line J1010 units 80 mod JZ dx A'],
      ['line J1030 dx A units 2', 'line J1010 dx A units 80'],
      ['line J1030 units 1 mod JZ dx A', 'line J1010 units 40 mod JZ dx A'],
    ]) {
      const { text: fixed } = assertFix(deleted(line), 'a.claim', 'drug-code-deleted');
      assert.ok(fixed.includes(want), `${line} -> ${want}\n${fixed}`);
    }
  });

  test('a line whose units do not parse gets no fix (it would add a second units part)', () => {
    const [f] = of(check(deleted('line J1030 units two dx A')), 'drug-code-deleted');
    assert.ok(f);
    assert.deepEqual(f.fixes, []);
  });

  test('from 2024-04-01 only', () => {
    assert.equal(of(check(deleted('line J1030 dx A', '2024-03-31')), 'drug-code-deleted').length, 0);
    assert.equal(of(check(deleted('line J1030 dx A', '2026-01-15')), 'drug-code-deleted').length, 1);
    assert.equal(of(check(deleted('line J1030 dx A', '2024-02-30')), 'drug-code-deleted').length, 0, 'no valid date');
  });

  test('on any claim, and never for J1010', () => {
    const text = claim({
      date: 'date 2025-01-01',
      drug: 'drug methylprednisolone 40 mg',
      line: ['line 20610 dx A', 'line J1030 dx A', 'line J1010 units 40 dx A'],
      muscles: null,
    });
    const fs = of(check(text), 'drug-code-deleted');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line J1030'), 'J1030');
  });
});

// ----------------------------------------------------------------------------- jcode-in-facility

describe('jcode-in-facility', () => {
  for (const pos of ['19', '21', '22', '23', '24', '31']) {
    test(`a J-code at place of service ${pos}: warning at the code, naming code and place; fix deletes the line`, () => {
      const text = withDrug('drug triamcinolone 40 mg', ['line 20552 mod RT dx A', 'line J3301 units 4 dx A'], { pos: `pos ${pos}` });
      const fs = of(check(text), 'jcode-in-facility');
      assert.equal(fs.length, 1);
      assertAt(fs[0], text, lineOf(text, 'line J3301'), 'J3301');
      assert.equal(fs[0].severity, 'warning');
      assert.match(fs[0].message, new RegExp(`J3301 at a facility \\(place of service ${pos}\\)`));
      const { text: fixed, after } = assertFix(text, 'a.claim', 'jcode-in-facility');
      assert.ok(!fixed.includes('J3301'));
      assert.equal(of(after, 'drug-supply-code').length, 0, 'no supply line is wanted at a facility');
    });
  }

  test('every J-code line (known or not), not other HCPCS codes', () => {
    const text = claim({
      pos: 'pos 22',
      line: ['line 20552 mod RT dx A', 'line J2001 dx A', 'line J0585 units 100 dx A', 'line J9999 dx A', 'line G2211 dx A'],
    });
    const fs = of(check(text), 'jcode-in-facility');
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [lineOf(text, 'line J2001'), lineOf(text, 'line J0585'), lineOf(text, 'line J9999')],
    );
  });

  test('on any claim at a facility; not at the office, other non-facility places, or when pos is absent', () => {
    const noTpi = claim({ pos: 'pos 21', line: ['line 20610 dx A', 'line J1100 units 4 dx A'], muscles: null });
    assert.equal(of(check(noTpi), 'jcode-in-facility').length, 1);
    for (const pos of ['pos 11', 'pos 32', 'pos 12', null]) {
      const text = withDrug('drug triamcinolone 40 mg', ['line 20552 mod RT dx A', 'line J3301 units 4 dx A'], { pos });
      assert.equal(of(check(text), 'jcode-in-facility').length, 0, String(pos));
    }
  });
});

// ----------------------------------------------------------------------------- anesthetic-billed

describe('anesthetic-billed', () => {
  test('J2001 on a TPI claim: warning at the code; fix deletes the line', () => {
    const text = withDrug('drug lidocaine 1% 2 mL', ['line 20552 mod RT dx A', 'line J2001 units 2 dx A']);
    const fs = of(check(text), 'anesthetic-billed');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line J2001'), 'J2001');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /J2001/);
    assert.match(fs[0].message, /claim C-1/);
    const { text: fixed } = assertFix(text, 'a.claim', 'anesthetic-billed');
    assert.ok(!fixed.includes('J2001'));
    assert.ok(fixed.includes('line 20552 mod RT dx A'));
  });

  test('the fix on the last line of the file', () => {
    const text = claim({}, { extra: ['line j2001 dx A'] }).trimEnd();
    const { text: fixed } = assertFix(text, 'a.claim', 'anesthetic-billed');
    assert.ok(!/j2001/i.test(fixed));
  });

  test('not on a claim without a TPI line', () => {
    assert.equal(of(check(claim({ line: ['line 20610 dx A', 'line J2001 dx A'], muscles: null })), 'anesthetic-billed').length, 0);
  });
});

// ----------------------------------------------------------------------------- botox-with-tpi

describe('botox-with-tpi', () => {
  for (const code of ['J0585', 'J0586', 'J0587', 'J0588']) {
    test(`${code} on a TPI claim without chemodenervation: error at the code, naming it; no fix`, () => {
      const text = claim({ line: ['line 20552 mod RT dx A', `line ${code} units 50 dx A`] });
      const fs = of(check(text), 'botox-with-tpi');
      assert.equal(fs.length, 1);
      assertAt(fs[0], text, lineOf(text, `line ${code}`), code);
      assert.equal(fs[0].severity, 'error');
      assert.match(fs[0].message, new RegExp(code));
      assert.match(fs[0].message, /20552/);
      assert.deepEqual(fs[0].fixes, []);
    });
  }

  test('not reported with a chemodenervation code 64612-64647', () => {
    for (const chemo of ['64612', '64615', '64647']) {
      const text = claim({ line: ['line 20552 mod RT dx A', `line ${chemo} dx A`, 'line J0585 units 50 dx A'] });
      assert.equal(of(check(text), 'botox-with-tpi').length, 0, chemo);
    }
    for (const near of ['64611', '64648']) {
      const text = claim({ line: ['line 20552 mod RT dx A', `line ${near} dx A`, 'line J0585 units 50 dx A'] });
      assert.equal(of(check(text), 'botox-with-tpi').length, 1, near);
    }
  });

  test('not on a claim without a TPI line; not for other J-codes', () => {
    assert.equal(of(check(claim({ line: ['line 99213 dx A', 'line J0585 units 50 dx A'], muscles: null })), 'botox-with-tpi').length, 0);
    assert.equal(of(check(claim({ line: ['line 20552 mod RT dx A', 'line J0589 units 50 dx A'] })), 'botox-with-tpi').length, 0);
  });
});

describe('no drug fix is preferred (docs/rules.md marks none)', () => {
  /** @type {Array<[import('../../server/src/rules/ids.js').RuleId, string]>} */
  const cases = [
    ['drug-supply-code', withDrug('drug triamcinolone 40 mg')],
    ['drug-units-mismatch', withDrug('drug triamcinolone 40 mg', ['line 20552 mod RT dx A', 'line J3301 units 2 dx A'])],
    ['drug-code-deleted', withDrug('drug methylprednisolone 40 mg', ['line 20552 mod RT dx A', 'line J1030 dx A'])],
    ['jcode-in-facility', withDrug('drug triamcinolone 40 mg', ['line 20552 mod RT dx A', 'line J3301 units 4 dx A'], { pos: 'pos 22' })],
    ['anesthetic-billed', withDrug('drug lidocaine 1% 2 mL', ['line 20552 mod RT dx A', 'line J2001 dx A'])],
  ];
  for (const [id, text] of cases) {
    test(id, () => {
      const [f] = of(check(text), id);
      assert.ok(f, id);
      assert.equal(f.fixes.length, 1);
      assert.equal(f.fixes[0].isPreferred, false);
    });
  }
});

// ----------------------------------------------------------------------------- the shared corpus

describe('every fix of the family on the shared corpus keeps docs/rules.md "Fixes"', () => {
  test('Drugs and supplies', () => fixPromiseOnCorpus('Drugs and supplies'));
});
