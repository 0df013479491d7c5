// docs/rules.md "Modifiers and same-day services": modifier-unknown, modifier-25-*, modifier-59-*,
// ncci-pair-unmodified, dry-needling-with-tpi, modifier-76, modifier-77,
// repeat-session-unmarked, laterality-*, g2211-with-25. Positive and negative cases, exact
// ranges, severities, messages naming the values, the same-day terms (any payer, same
// provider, order, priors ignored, one root cause with same-day-limit) and every fix.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, check, claim, lib, uriOf, workspace } from '../helpers.mjs';
const { fixAllEdits } = lib;
import { all, assertAt, assertFix, fixPromiseOnCorpus, lineOf, of, policy } from '../support/rule-kit.mjs';

// ----------------------------------------------------------------------------- helpers

function session(id, date, lines = {}, extra = []) {
  return claim({ date: `date ${date}`, ...lines }, { id, extra });
}

const NPI_1 = 'provider 1234567893';
const NPI_2 = 'provider 1245319599';

// ----------------------------------------------------------------------------- modifier-unknown

describe('modifier-unknown', () => {
  test('a modifier outside the list: info at the modifier, naming it', () => {
    const text = claim({ line: 'line 20552 mod RT,Q9 dx A' });
    const [f, ...rest] = of(check(text), 'modifier-unknown');
    assert.equal(rest.length, 0);
    assertAt(f, text, lineOf(text, 'line 20552'), 'Q9');
    assert.equal(f.severity, 'info');
    assert.match(f.message, /Q9/);
    assert.deepEqual(f.fixes, []);
  });

  test('hyphenated and lower-case modifiers are judged too, on any line', () => {
    const text = claim({ line: ['line 20552-RT-zz dx A', 'line 99213-25-A1 dx A'] });
    const fs = of(check(text), 'modifier-unknown');
    assert.equal(fs.length, 2);
    assertAt(fs[0], text, lineOf(text, 'line 20552'), 'zz');
    assert.match(fs[0].message, /ZZ/);
    assertAt(fs[1], text, lineOf(text, 'line 99213'), 'A1');
  });

  test('every listed modifier is known', () => {
    const known =
      '22 24 25 26 27 32 33 47 50 51 52 53 54 55 56 57 58 59 62 66 73 74 76 77 78 79 80 81 82 90 91 92 95 96 97 99 AQ AS CR CS FS FT GA GC GE GT GU GX GY GZ JW JZ KX LT RT PO PN Q5 Q6 QW SA SB TC XE XP XS XU'.split(
        ' ',
      );
    const lines = [];
    for (let i = 0; i < known.length; i += 4) lines.push(`line 97110 mod ${known.slice(i, i + 4).join(',')} dx A`);
    assert.equal(of(check(claim({ line: lines })), 'modifier-unknown').length, 0);
    for (const m of ['23', '60', '75', '83', '98', 'XX', 'LL', 'GB']) {
      assert.equal(of(check(claim({ line: `line 97110 mod ${m} dx A` })), 'modifier-unknown').length, 1, m);
    }
  });
});

// ----------------------------------------------------------------------------- modifier-25-*

describe('modifier-25-missing', () => {
  test('an E/M line on a TPI claim without 25: warning at the E/M code, naming it; fix adds 25 (preferred)', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 99213 dx A'], note: 'note separate new knee pain' });
    const fs = of(check(text), 'modifier-25-missing');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 99213'), '99213');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /99213/);
    assert.equal(fs[0].fixes.length, 1);
    assert.equal(fs[0].fixes[0].isPreferred, true);
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'modifier-25-missing');
    assert.match(fixed, /line 99213-25 dx A/);
  });

  test('the fix adds 25 to an existing mod part', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 99214 mod GC dx A'], note: 'note separate new knee pain' });
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'modifier-25-missing');
    assert.match(fixed, /line 99214 mod GC,25 dx A/);
  });

  test('the fix after hyphenated modifiers', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 99214-GC dx A'], note: 'note separate new knee pain' });
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'modifier-25-missing');
    assert.match(fixed, /line 99214-GC-25 dx A/);
  });

  test('no fix when the line already has 4 modifiers', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 99213 mod GC,GE,AQ,KX dx A'] });
    const [f] = of(check(text), 'modifier-25-missing');
    assert.deepEqual(f.fixes, []);
  });

  test('every E/M code (99202-99205, 99211-99215) and nothing else', () => {
    for (const code of ['99202', '99205', '99211', '99215']) {
      assert.equal(of(check(claim({ line: ['line 20552 mod RT dx A', `line ${code} dx A`] })), 'modifier-25-missing').length, 1, code);
    }
    for (const code of ['99201', '99210', '99216', '97110', 'G2211']) {
      assert.equal(of(check(claim({ line: ['line 20552 mod RT dx A', `line ${code} dx A`] })), 'modifier-25-missing').length, 0, code);
    }
  });

  test('the add-25 fix is preferred only with evidence of a separate service: a diagnosis of its own, or a note', () => {
    const pref = (lines, extra = {}) =>
      of(check(claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis B G44.209'], line: lines, ...extra })), 'modifier-25-missing')[0]
        .fixes[0].isPreferred;
    assert.equal(pref(['line 20552 mod RT dx A', 'line 99213 dx A']), false, "only the injection's diagnosis, no note");
    assert.equal(pref(['line 20552 mod RT dx A,B', 'line 99213 dx B']), false, "B is the injection's too");
    assert.equal(pref(['line 20552 mod RT dx A', 'line 99213 dx']), false, 'no pointer, no note');
    assert.equal(pref(['line 20552 mod RT dx A', 'line 99213 dx A,B']), true, "B is the E/M's own");
    assert.equal(pref(['line 20552 mod RT dx A', 'line 99213 dx A'], { note: 'note new headaches assessed separately' }), true, 'a note');
  });

  test('fix all leaves an E/M without evidence alone, and adds 25 where there is some', () => {
    const text =
      claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis B G44.209'], line: ['line 20552 mod RT dx A', 'line 99213 dx A'] }) +
      '\n' +
      claim(
        { diagnosis: ['diagnosis A M79.12', 'diagnosis B G44.209'], line: ['line 20552 mod RT dx A', 'line 99214 dx B'] },
        { id: 'C-2' },
      );
    const s = workspace({ 'a.claim': text });
    const fixed = applyEdits(text, fixAllEdits(s.findings(uriOf('a.claim'))));
    assert.match(fixed, /line 99213 dx A\n/);
    assert.match(fixed, /line 99214-25 dx B\n/);
  });

  test('not reported with 25, or on a claim without a TPI line', () => {
    assert.equal(of(check(claim({ line: ['line 20552 mod RT dx A', 'line 99213-25 dx A'] })), 'modifier-25-missing').length, 0);
    assert.equal(of(check(claim({ line: ['line 20610 dx A', 'line 99213 dx A'], muscles: null })), 'modifier-25-missing').length, 0);
  });
});

describe('modifier-25-misplaced', () => {
  test('25 on a TPI line: error at the 25; fix removes it (preferred)', () => {
    const text = claim({ line: 'line 20552 mod RT,25 dx A' });
    const [f, ...rest] = of(check(text), 'modifier-25-misplaced');
    assert.equal(rest.length, 0);
    assertAt(f, text, lineOf(text, 'line 20552'), '25', 0);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /20552/);
    assert.equal(f.fixes[0].isPreferred, true);
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'modifier-25-misplaced');
    assert.match(fixed, /line 20552 mod RT dx A/);
  });

  test('written in every form, the fix leaves a valid line', () => {
    const cases = {
      'line 20552-25-RT dx A': /line 20552-RT dx A/,
      'line 20552-RT-25 dx A': /line 20552-RT dx A/,
      'line 20552 mod 25 dx A': /line 20552 dx A/,
      'line 20552 mod 25,RT dx A': /line 20552 mod RT dx A/,
      'line 20552 mod RT 25 dx A': /line 20552 mod RT dx A/,
      'line 20552-RT mod 25 dx A': /line 20552-RT dx A/,
    };
    for (const [line, want] of Object.entries(cases)) {
      const text = claim({ line });
      const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'modifier-25-misplaced');
      assert.match(fixed, want, line);
    }
  });

  test('25 on any non-E/M line, on any claim; never on an E/M line', () => {
    const text = claim({ line: ['line 20610 mod 25 dx A', 'line J3301-25 units 1 dx A', 'line 99213-25 dx A'], muscles: null });
    const fs = of(check(text), 'modifier-25-misplaced');
    assert.equal(fs.length, 2);
    assertAt(fs[0], text, lineOf(text, 'line 20610'), '25');
    assert.match(fs[1].message, /J3301/);
  });
});

describe('modifier-25-undocumented', () => {
  const em = (emLine, extra = {}) =>
    claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis B G44.209'], line: ['line 20552 mod RT dx A', emLine], ...extra });

  test('E/M with 25 pointing only to the TPI diagnoses and no note: info at the 25, naming the pointers', () => {
    const text = em('line 99213 mod 25 dx A');
    const fs = of(check(text), 'modifier-25-undocumented');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 99213'), '25');
    assert.equal(fs[0].severity, 'info');
    assert.match(fs[0].message, /99213/);
    assert.match(fs[0].message, /\(A\)/);
    assert.deepEqual(fs[0].fixes, []);
  });

  test('not reported with a note line', () => {
    assert.equal(of(check(em('line 99213 mod 25 dx A', { note: 'note new knee pain assessed' })), 'modifier-25-undocumented').length, 0);
  });

  test('not reported when the E/M points to a diagnosis the TPI lines do not', () => {
    assert.equal(of(check(em('line 99213 mod 25 dx B')), 'modifier-25-undocumented').length, 0);
    assert.equal(of(check(em('line 99213 mod 25 dx A,B')), 'modifier-25-undocumented').length, 0);
  });

  test('reported when the TPI line points to all of the E/M diagnoses', () => {
    const text = claim({
      diagnosis: ['diagnosis A M79.12', 'diagnosis B G44.209'],
      line: ['line 20552 mod RT dx A,B', 'line 99213-25 dx B'],
    });
    assert.equal(of(check(text), 'modifier-25-undocumented').length, 1);
  });

  test('not reported without 25, without pointers, or without a TPI line', () => {
    assert.equal(of(check(em('line 99213 dx A')), 'modifier-25-undocumented').length, 0);
    const noDx = of(check(em('line 99213 mod 25')), 'modifier-25-undocumented');
    assert.equal(noDx.length, 0);
    const noTpi = claim({ line: ['line 20610 dx A', 'line 99213 mod 25 dx A'], muscles: null });
    assert.equal(of(check(noTpi), 'modifier-25-undocumented').length, 0);
  });
});

// ----------------------------------------------------------------------------- 59 and X

describe('modifier-59-unneeded', () => {
  for (const m of ['59', 'XE', 'XS', 'XP', 'XU']) {
    test(`${m} on a TPI line of a claim without a procedure line: warning at the modifier; fix removes it`, () => {
      const text = claim({ line: `line 20552 mod RT,${m} dx A` });
      const fs = of(check(text), 'modifier-59-unneeded');
      assert.equal(fs.length, 1);
      assertAt(fs[0], text, lineOf(text, 'line 20552'), m);
      assert.equal(fs[0].severity, 'warning');
      assert.match(fs[0].message, new RegExp(`modifier ${m} on 20552`, 'i'));
      const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'modifier-59-unneeded');
      assert.match(fixed, /line 20552 mod RT dx A/);
    });
  }

  test('E/M, HCPCS and TPI lines are not procedure lines', () => {
    const text = claim({
      line: ['line 20552-XS dx A', 'line 99213-25 dx A', 'line J3301 units 1 dx A', 'line G2211 dx A'],
      note: 'note separate problem',
    });
    assert.equal(of(check(text), 'modifier-59-unneeded').length, 1);
  });

  test('not reported with a procedure line (any non-E/M, non-TPI, non-HCPCS code), or on a non-TPI line', () => {
    for (const proc of ['20610', '97140', '64405', '12345']) {
      assert.equal(of(check(claim({ line: ['line 20552 mod RT,XS dx A', `line ${proc} dx A`] })), 'modifier-59-unneeded').length, 0, proc);
    }
    assert.equal(of(check(claim({ line: ['line 20552 mod RT dx A', 'line J3301-XS units 1 dx A'] })), 'modifier-59-unneeded').length, 0);
  });
});

describe('modifier-59-with-x', () => {
  test('59 with an X modifier on one line: error at the 59, naming the X modifier; fix removes 59 (preferred)', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20610 mod 59,XS dx A'] });
    const fs = of(check(text), 'modifier-59-with-x');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 20610'), '59');
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /XS/);
    assert.match(fs[0].message, /20610/);
    assert.equal(fs[0].fixes[0].isPreferred, true);
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'modifier-59-with-x');
    assert.match(fixed, /line 20610 mod XS dx A/);
  });

  test('every X modifier, any line, hyphenated too', () => {
    for (const x of ['XE', 'XP', 'XU']) {
      const text = claim({ line: ['line 20552 mod RT dx A', `line 20610-${x}-59 dx A`] });
      const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'modifier-59-with-x');
      assert.match(fixed, new RegExp(`line 20610-${x} dx A`));
    }
  });

  test('not reported for 59 alone or an X modifier alone', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20610 mod 59 dx A', 'line 20550 mod XS dx A'] });
    assert.equal(of(check(text), 'modifier-59-with-x').length, 0);
  });
});

// ----------------------------------------------------------------------------- ncci-pair-unmodified

describe('ncci-pair-unmodified', () => {
  const PAIRS = ['20550', '20551', '20600', '20604', '20605', '20606', '20610', '20611', '64405', '64450', '96372'];

  for (const code of PAIRS) {
    test(`${code} with a TPI and no distinct modifier: warning at ${code}; fix adds XS`, () => {
      const text = claim({ line: ['line 20552 mod RT dx A', `line ${code} dx A`] });
      const fs = of(check(text), 'ncci-pair-unmodified');
      assert.equal(fs.length, 1);
      assertAt(fs[0], text, lineOf(text, `line ${code}`), code);
      assert.equal(fs[0].severity, 'warning');
      assert.match(fs[0].message, new RegExp(`${code} is an NCCI pair of 20552`));
      const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'ncci-pair-unmodified');
      assert.match(fixed, new RegExp(`line ${code}-XS dx A`));
    });
  }

  test('not reported when the paired line or any TPI line carries 59, XE, XS, XP or XU', () => {
    for (const m of ['59', 'XE', 'XS', 'XP', 'XU']) {
      assert.equal(
        of(check(claim({ line: ['line 20552 mod RT dx A', `line 20610-${m} dx A`] })), 'ncci-pair-unmodified').length,
        0,
        `${m} on the pair`,
      );
      const tpi = check(claim({ line: [`line 20552 mod RT,${m} dx A`, 'line 20610 dx A'] }));
      assert.equal(of(tpi, 'ncci-pair-unmodified').length, 0, `${m} on the TPI line`);
      assert.equal(of(tpi, 'modifier-59-unneeded').length, 0, 'a procedure line is there');
    }
  });

  test('each unmodified paired line is reported', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20610 dx A', 'line 96372-XU dx A', 'line 64405 dx A'] });
    assert.deepEqual(
      of(check(text), 'ncci-pair-unmodified').map((f) => f.range.start.line),
      [lineOf(text, 'line 20610'), lineOf(text, 'line 64405')],
    );
  });

  test('not reported for other procedures or on a claim without a TPI line', () => {
    assert.equal(of(check(claim({ line: ['line 20552 mod RT dx A', 'line 97140 dx A'] })), 'ncci-pair-unmodified').length, 0);
    assert.equal(of(check(claim({ line: ['line 20610 dx A', 'line 96372 dx A'], muscles: null })), 'ncci-pair-unmodified').length, 0);
  });

  test('the fix joins an existing mod part; no fix with 4 modifiers', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20610 mod RT dx A'] });
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'ncci-pair-unmodified');
    assert.match(fixed, /line 20610 mod RT,XS dx A/);
    const full = of(check(claim({ line: ['line 20552 mod RT dx A', 'line 20610 mod RT,GA,KX,Q6 dx A'] })), 'ncci-pair-unmodified');
    assert.deepEqual(full[0].fixes, []);
  });
});

describe('dry-needling-with-tpi', () => {
  test('20560 and 20561 on a TPI claim: warning at the code, naming it', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20560 dx A', 'line 20561 dx A'] });
    const fs = of(check(text), 'dry-needling-with-tpi');
    assert.equal(fs.length, 2);
    assertAt(fs[0], text, lineOf(text, 'line 20560'), '20560');
    assertAt(fs[1], text, lineOf(text, 'line 20561'), '20561');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[1].message, /20561/);
    assert.deepEqual(fs[0].fixes, []);
  });

  test('not on a claim without a TPI line', () => {
    assert.equal(of(check(claim({ line: 'line 20560 dx A', muscles: null })), 'dry-needling-with-tpi').length, 0);
  });
});

// ----------------------------------------------------------------------------- 76 / 77 / repeat sessions

// Two claims of patient P-1 on 2026-05-01 with different payers (no same-day-limit between them).
const other = policy('other', 'limit 9 per 1 days');

describe('modifier-76', () => {
  test('76 without another session that day: warning at the 76, naming date and provider', () => {
    const text = session('A', '2026-05-01', { line: 'line 20552 mod RT,76 dx A', provider: NPI_1 });
    const fs = of(check(text), 'modifier-76');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 20552'), '76');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /2026-05-01/);
    assert.match(fs[0].message, /NPI 1234567893/);
  });

  test('not reported with another session that day by the same provider, with any payer', () => {
    const text =
      [
        session('A', '2026-05-01', { provider: NPI_1 }),
        session('B', '2026-05-01', { payer: 'payer other', provider: NPI_1, line: 'line 20552 mod RT,76 dx A' }),
      ].join('\n') + other;
    assert.equal(of(check(text), 'modifier-76').length, 0);
  });

  test('a missing provider on either claim is the same provider', () => {
    for (const [pa, pb] of [
      [null, NPI_1],
      [NPI_1, null],
      [null, null],
    ]) {
      const text =
        [
          session('A', '2026-05-01', { provider: pa }),
          session('B', '2026-05-01', { payer: 'payer other', provider: pb, line: 'line 20552 mod RT,76 dx A' }),
        ].join('\n') + other;
      assert.equal(of(check(text), 'modifier-76').length, 0, `${pa} / ${pb}`);
    }
  });

  test('reported when the only other session that day is by a different provider', () => {
    const text =
      [
        session('A', '2026-05-01', { provider: NPI_2 }),
        session('B', '2026-05-01', { payer: 'payer other', provider: NPI_1, line: 'line 20552 mod RT,76 dx A' }),
      ].join('\n') + other;
    assert.equal(of(check(text), 'modifier-76').length, 1);
  });

  test('prior lines, other dates, other patients and non-TPI claims are not other sessions', () => {
    const prior = session('A', '2026-05-01', { line: 'line 20552 mod RT,76 dx A' }, ['prior 2026-05-01 20552']);
    assert.equal(of(check(prior), 'modifier-76').length, 1);
    const others =
      [
        session('A', '2026-05-02'),
        session('B', '2026-05-01', { patient: 'patient P-2', payer: 'payer other' }),
        session('C', '2026-05-01', { payer: 'payer other', line: 'line 99213 dx A', muscles: null }),
        session('D', '2026-05-01', { line: 'line 20552 mod RT,76 dx A' }),
      ].join('\n') + other;
    assert.equal(of(check(others), 'modifier-76').length, 1);
  });

  test('also on the first session of the day when the second is the same provider (76 says a repeat exists)', () => {
    const text =
      [
        session('A', '2026-05-01', { line: 'line 20552 mod RT,76 dx A' }),
        session('B', '2026-05-01', { payer: 'payer other', line: 'line 20552 mod RT,76 dx A' }),
      ].join('\n') + other;
    assert.equal(of(check(text), 'modifier-76').length, 0);
  });

  // docs/rules.md "Terms": a claim with an invalid or missing date, patient or payer takes no part in
  // session rules; 76 cannot be judged there (the claim already has its own error).
  test('a claim that takes no part in session rules is not judged', () => {
    const badDate = session('A', '2026-02-30', { line: 'line 20552 mod RT,76 dx A' });
    assert.equal(of(check(badDate), 'modifier-76').length, 0);
    const noPayer = claim({ date: 'date 2026-05-01', payer: null, line: 'line 20552 mod RT,76 dx A' }, { id: 'B' });
    assert.equal(of(check(noPayer), 'modifier-76').length, 0);
    const noPatient = claim({ patient: null, line: 'line 20552 mod RT,76 dx A' }, { id: 'B' });
    assert.equal(of(check(noPatient), 'modifier-76').length, 0);
  });

  test('nor does such a claim count as another session', () => {
    const text = [
      session('B', '2026-05-01', { line: 'line 20552 mod RT,76 dx A' }),
      claim({ date: 'date 2026-05-01', payer: null }, { id: 'X' }),
    ].join('\n');
    assert.equal(of(check(text), 'modifier-76').length, 1);
  });
});

describe('modifier-77', () => {
  test('77 without another session that day: warning at the 77, naming date and provider', () => {
    const text = session('A', '2026-05-01', { line: 'line 20552-RT-77 dx A', provider: NPI_1 });
    const fs = of(check(text), 'modifier-77');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 20552'), '77');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /2026-05-01/);
    assert.match(fs[0].message, /NPI 1234567893/);
  });

  test('not reported with another session that day by a different provider, any payer, in another file', () => {
    const files = {
      'a.claim': session('A', '2026-05-01', { provider: NPI_2 }),
      'b.claim': session('B', '2026-05-01', { payer: 'payer other', provider: NPI_1, line: 'line 20552 mod RT,77 dx A' }) + other,
    };
    assert.equal(of(all(workspace(files)), 'modifier-77').length, 0);
  });

  test('reported when every other session that day is by the same provider (or lacks a provider)', () => {
    for (const pa of [NPI_1, null]) {
      const text =
        [
          session('A', '2026-05-01', { provider: pa }),
          session('B', '2026-05-01', { payer: 'payer other', provider: NPI_1, line: 'line 20552 mod RT,77 dx A' }),
        ].join('\n') + other;
      assert.equal(of(check(text), 'modifier-77').length, 1, String(pa));
    }
  });

  test('a claim that takes no part in session rules is not judged', () => {
    assert.equal(of(check(session('A', '2026-13-01', { line: 'line 20552 mod RT,77 dx A' })), 'modifier-77').length, 0);
  });
});

describe('repeat-session-unmarked', () => {
  test('a second session that day without 76 or 77: warning at its first TPI code; related is the earlier one', () => {
    const text = [session('A', '2026-05-01'), session('B', '2026-05-01', { payer: 'payer other' })].join('\n') + other;
    const fs = of(check(text), 'repeat-session-unmarked');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 20552', 1), '20552');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /P-1/);
    assert.match(fs[0].message, /2026-05-01/);
    assert.match(fs[0].message, /claim A/);
    assert.match(fs[0].message, /76/);
    assert.deepEqual(
      fs[0].related.map((r) => [r.uri, r.range.start.line]),
      [[uriOf('a.claim'), lineOf(text, 'line 20552')]],
    );
  });

  test('fix: 76 when the providers are the same; the result has no modifier-76 and no repeat-session-unmarked', () => {
    const text =
      [session('A', '2026-05-01', { provider: NPI_1 }), session('B', '2026-05-01', { payer: 'payer other', provider: NPI_1 })].join('\n') +
      other;
    const { text: fixed, after } = assertFix({ 'a.claim': text }, 'a.claim', 'repeat-session-unmarked');
    assert.match(fixed.split('\n')[lineOf(fixed, 'line 20552', 1)], /mod RT,76/);
    assert.equal(of(after, 'modifier-76').length, 0);
  });

  test('fix: 77 when the providers differ; the result has no modifier-77', () => {
    const text =
      [session('A', '2026-05-01', { provider: NPI_1 }), session('B', '2026-05-01', { payer: 'payer other', provider: NPI_2 })].join('\n') +
      other;
    const [f] = of(check(text), 'repeat-session-unmarked');
    assert.match(f.message, /77/);
    const { text: fixed, after } = assertFix({ 'a.claim': text }, 'a.claim', 'repeat-session-unmarked');
    assert.match(fixed.split('\n')[lineOf(fixed, 'line 20552', 1)], /mod RT,77/);
    assert.equal(of(after, 'modifier-77').length, 0);
  });

  test('not reported when the later session has 76 or 77, or for the first session', () => {
    for (const m of ['76', '77']) {
      const text =
        [
          session('A', '2026-05-01', { provider: NPI_1 }),
          session('B', '2026-05-01', { payer: 'payer other', provider: m === '76' ? NPI_1 : NPI_2, line: `line 20552 mod RT,${m} dx A` }),
        ].join('\n') + other;
      const fs = check(text);
      assert.equal(of(fs, 'repeat-session-unmarked').length, 0, m);
      assert.equal(of(fs, /** @type {import('../../server/src/rules/ids.js').RuleId} */ (`modifier-${m}`)).length, 0, m);
    }
  });

  test('order is file path, then line', () => {
    const files = {
      'z.claim': session('A-IN-Z', '2026-05-01'),
      'm.claim': session('B-IN-M', '2026-05-01', { payer: 'payer other' }) + other,
    };
    const fs = of(all(workspace(files)), 'repeat-session-unmarked');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].uri, uriOf('z.claim'));
    assert.match(fs[0].message, /claim B-IN-M/);
    assert.equal(fs[0].related[0].uri, uriOf('m.claim'));
  });

  test('three sessions: the second and third; the third relates both earlier ones', () => {
    const text =
      [
        session('A', '2026-05-01'),
        session('B', '2026-05-01', { payer: 'payer other' }),
        session('C', '2026-05-01', { payer: 'payer third' }),
      ].join('\n') +
      other +
      policy('third', 'rate 90%');
    const fs = of(check(text), 'repeat-session-unmarked');
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [lineOf(text, 'line 20552', 1), lineOf(text, 'line 20552', 2)],
    );
    assert.equal(fs[1].related.length, 2);
  });

  test('77 when no earlier session has the same provider; 76 when one does', () => {
    const text =
      [
        session('A', '2026-05-01', { provider: NPI_2 }),
        session('B', '2026-05-01', { payer: 'payer other', provider: NPI_1, line: 'line 20552 mod RT,77 dx A' }),
        session('C', '2026-05-01', { payer: 'payer third', provider: NPI_1 }),
      ].join('\n') +
      other +
      policy('third', 'rate 90%');
    const [f] = of(check(text), 'repeat-session-unmarked');
    assert.match(f.message, /76 \(same provider\)/);
  });

  test('same-day-limit is the root cause when it is reported: no repeat-session-unmarked then', () => {
    const text = [session('A', '2026-05-01'), session('B', '2026-05-01')].join('\n');
    const fs = check(text);
    assert.equal(of(fs, 'same-day-limit').length, 1);
    assert.equal(of(fs, 'repeat-session-unmarked').length, 0);
  });

  // docs/rules.md "One root cause": "where same-day-limit is REPORTED for a session, repeat-session-unmarked,
  // modifier-76 and modifier-77 are not". A user who turns same-day-limit off (their payer does
  // not adjudicate the MUE per day) expects to be told to mark the repeat with 76/77.
  test('with same-day-limit turned off, the second session is told to add 76/77', () => {
    const text = [session('A', '2026-05-01'), session('B', '2026-05-01')].join('\n');
    const fs = check(text, {}, { rules: { 'same-day-limit': 'off' } });
    assert.equal(of(fs, 'same-day-limit').length, 0);
    assert.equal(of(fs, 'repeat-session-unmarked').length, 1);
  });

  test('prior lines, other dates and non-TPI claims take no part', () => {
    assert.equal(of(check(session('A', '2026-05-01', {}, ['prior 2026-05-01 20552'])), 'repeat-session-unmarked').length, 0);
    const text =
      [
        session('A', '2026-05-01'),
        session('B', '2026-05-02', { payer: 'payer other' }),
        session('C', '2026-05-01', { payer: 'payer other', line: 'line 99213 dx A', muscles: null }),
      ].join('\n') + other;
    assert.equal(of(check(text), 'repeat-session-unmarked').length, 0);
  });

  test('claims with an invalid date or no payer or patient are not sessions', () => {
    const text =
      [
        session('A', '2026-05-01'),
        claim({ date: 'date 2026-05-01', payer: null }, { id: 'B' }),
        claim({ date: 'date 2026-05-01', patient: null, payer: 'payer other' }, { id: 'C' }),
        session('D', '2026-05-32', { payer: 'payer other' }),
      ].join('\n') + other;
    assert.equal(of(check(text), 'repeat-session-unmarked').length, 0);
  });

  test('no fix when the TPI line has 4 modifiers', () => {
    const text =
      [session('A', '2026-05-01'), session('B', '2026-05-01', { payer: 'payer other', line: 'line 20552 mod RT,GA,KX,Q6 dx A' })].join(
        '\n',
      ) + other;
    const [f] = of(check(text), 'repeat-session-unmarked');
    assert.deepEqual(f.fixes, []);
  });
});

// ----------------------------------------------------------------------------- laterality

describe('laterality-conflict', () => {
  test('RT while every sided muscle is on the left: error at RT; fix swaps to LT (preferred)', () => {
    const text = claim({ line: 'line 20552 mod RT dx A', muscles: 'muscles left upper trapezius, left levator scapulae' });
    const fs = of(check(text), 'laterality-conflict');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 20552'), 'RT');
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /RT on 20552/);
    assert.match(fs[0].message, /left/);
    assert.equal(fs[0].fixes[0].isPreferred, true);
    const { text: fixed, after } = assertFix({ 'a.claim': text }, 'a.claim', 'laterality-conflict');
    assert.match(fixed, /line 20552 mod LT dx A/);
    assert.equal(of(after, 'laterality-missing').length, 0);
  });

  test('LT while every sided muscle is on the right; hyphenated', () => {
    const text = claim({ line: 'line 20552-LT dx A', muscles: 'muscles R upper trapezius' });
    const [f] = of(check(text), 'laterality-conflict');
    assertAt(f, text, lineOf(text, 'line 20552'), 'LT');
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'laterality-conflict');
    assert.match(fixed, /line 20552-RT dx A/);
  });

  test('muscles without a side are ignored', () => {
    const text = claim({ line: 'line 20552 mod RT dx A', muscles: 'muscles left upper trapezius, levator scapulae' });
    assert.equal(of(check(text), 'laterality-conflict').length, 1);
    assert.equal(of(check(claim({ line: 'line 20552 mod RT dx A', muscles: 'muscles upper trapezius' })), 'laterality-conflict').length, 0);
  });

  test('not reported for muscles on both sides, bilateral muscles, no muscles, or a matching side', () => {
    assert.equal(
      of(
        check(claim({ line: 'line 20552 mod RT dx A', muscles: 'muscles left upper trapezius, right levator scapulae' })),
        'laterality-conflict',
      ).length,
      0,
    );
    assert.equal(
      of(check(claim({ line: 'line 20552 mod RT dx A', muscles: 'muscles bilateral upper trapezius' })), 'laterality-conflict').length,
      0,
    );
    assert.equal(of(check(claim({ line: 'line 20552 mod RT dx A', muscles: null })), 'laterality-conflict').length, 0);
    assert.equal(
      of(check(claim({ line: 'line 20552 mod RT dx A', muscles: 'muscles right upper trapezius' })), 'laterality-conflict').length,
      0,
    );
  });

  test('only on TPI lines', () => {
    const text = claim({ line: ['line 20552 mod LT dx A', 'line 20610 mod RT,XS dx A'], muscles: 'muscles left upper trapezius' });
    assert.equal(of(check(text), 'laterality-conflict').length, 0);
  });

  test('muscles of several lines together', () => {
    const text = claim({
      line: 'line 20553 mod LT dx A',
      muscles: ['muscles right upper trapezius', 'muscles right rhomboid major; right deltoid'],
    });
    assert.equal(of(check(text), 'laterality-conflict').length, 1);
  });
});

describe('laterality-missing', () => {
  test('a TPI line without RT/LT while every muscle is on one side: info at the code; fix adds the side', () => {
    const text = claim({ line: 'line 20552 dx A', muscles: 'muscles left upper trapezius, L levator scapulae' });
    const fs = of(check(text), 'laterality-missing');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 20552'), '20552');
    assert.equal(fs[0].severity, 'info');
    assert.match(fs[0].message, /left/);
    assert.match(fs[0].message, /LT/);
    const { text: fixed, after } = assertFix({ 'a.claim': text }, 'a.claim', 'laterality-missing');
    assert.match(fixed, /line 20552-LT dx A/);
    assert.equal(of(after, 'laterality-conflict').length, 0);
  });

  test('right side, into an existing mod part', () => {
    const text = claim({ line: 'line 20552 mod GA dx A', muscles: 'muscles right upper trapezius' });
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'laterality-missing');
    assert.match(fixed, /line 20552 mod GA,RT dx A/);
  });

  test('not reported with bilateral muscles, both sides, a muscle without a side, no muscles, or RT/LT present', () => {
    for (const muscles of [
      'muscles bilateral upper trapezius',
      'muscles left upper trapezius, right deltoid',
      'muscles left upper trapezius, deltoid',
      'muscles upper trapezius',
      null,
    ]) {
      assert.equal(of(check(claim({ line: 'line 20552 dx A', muscles })), 'laterality-missing').length, 0, String(muscles));
    }
    assert.equal(
      of(check(claim({ line: 'line 20552 mod LT dx A', muscles: 'muscles right upper trapezius' })), 'laterality-missing').length,
      0,
      'conflict, not missing',
    );
  });
});

// ----------------------------------------------------------------------------- g2211-with-25

describe('g2211-with-25', () => {
  const base = (lines) => claim({ line: ['line 20552 mod RT dx A', ...lines], note: 'note separate new problem' });

  test('G2211 beside an E/M with 25: warning at G2211, related to the E/M; fix deletes the line', () => {
    const text = base(['line 99213-25 dx A', 'line G2211 dx A']);
    const fs = of(check(text), 'g2211-with-25');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line G2211'), 'G2211');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /99213/);
    assert.deepEqual(
      fs[0].related.map((r) => [r.uri, r.range.start.line, r.range.start.character]),
      [[uriOf('a.claim'), lineOf(text, 'line 99213'), 7]],
    );
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'g2211-with-25');
    assert.ok(!/G2211/.test(fixed));
    assert.match(fixed, /line 99213-25 dx A/);
  });

  test('lower-case code, G2211 written before the E/M', () => {
    const text = base(['line g2211 dx A', 'line 99214 mod 25 dx A']);
    assert.equal(of(check(text), 'g2211-with-25').length, 1);
  });

  test('not reported when the E/M has no 25, or without an E/M', () => {
    assert.equal(of(check(base(['line 99213 dx A', 'line G2211 dx A'])), 'g2211-with-25').length, 0);
    assert.equal(of(check(base(['line G2211 dx A'])), 'g2211-with-25').length, 0);
    // 25 on a non-E/M line does not count
    assert.equal(of(check(base(['line 20610-25 dx A', 'line G2211 dx A'])), 'g2211-with-25').length, 0);
  });
});

// ----------------------------------------------------------------------------- dropped fifth modifiers

describe('removal fixes on a line that dropped a fifth modifier', () => {
  // docs/rules.md "Recovery": a fifth modifier is a syntax error and is dropped. Removing one of
  // the four would bring it back, here as another diagnostic of the same rule, so the fix is
  // withheld until the syntax error is fixed; the diagnostic itself stays.
  /** @type {Array<[import('../../server/src/rules/ids.js').RuleId, string]>} */
  const cases = [
    ['modifier-25-misplaced', 'line 20552 mod RT,25,GA,KX,25 dx A'],
    ['modifier-59-unneeded', 'line 20553 mod RT,76,XU,GA,59 dx A'],
    ['modifier-59-with-x', 'line 20610 mod 59,XS,RT,GA,59 dx A'],
  ];
  for (const [id, line] of cases) {
    test(id, () => {
      const text = claim({ line: id === 'modifier-59-with-x' ? ['line 20552 mod RT dx A', line] : line });
      const fs = check(text);
      assert.equal(of(fs, 'syntax').length, 1);
      const [f, ...rest] = of(fs, id);
      assert.ok(f);
      assert.equal(rest.length, 0);
      assert.deepEqual(f.fixes, []);
    });
  }

  test('four modifiers and no syntax error still get the fix', () => {
    const text = claim({ line: 'line 20552 mod RT,25,GA,KX dx A' });
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'modifier-25-misplaced');
    assert.match(fixed, /line 20552 mod RT,GA,KX dx A/);
  });
});

// ----------------------------------------------------------------------------- preferred fixes

describe('preferred fixes follow docs/rules.md ("(preferred)" marks the ones source.fixAll applies)', () => {
  /** @type {Array<[import('../../server/src/rules/ids.js').RuleId, boolean, string]>} */
  const cases = [
    ['modifier-25-missing', true, claim({ line: ['line 20552 mod RT dx A', 'line 99213 dx A'], note: 'note separate new knee pain' })],
    ['modifier-25-missing', false, claim({ line: ['line 20552 mod RT dx A', 'line 99213 dx A'] })],
    ['modifier-25-misplaced', true, claim({ line: 'line 20552 mod RT,25 dx A' })],
    ['modifier-59-with-x', true, claim({ line: ['line 20552 mod RT dx A', 'line 20610 mod 59,XS dx A'] })],
    ['laterality-conflict', true, claim({ line: 'line 20552 mod RT dx A', muscles: 'muscles left deltoid' })],
    ['modifier-59-unneeded', false, claim({ line: 'line 20552 mod RT,59 dx A' })],
    ['ncci-pair-unmodified', false, claim({ line: ['line 20552 mod RT dx A', 'line 20610 dx A'] })],
    ['laterality-missing', false, claim({ line: 'line 20552 dx A' })],
    [
      'g2211-with-25',
      false,
      claim({ line: ['line 20552 mod RT dx A', 'line 99213-25 dx A', 'line G2211 dx A'], note: 'note other problem' }),
    ],
    [
      'repeat-session-unmarked',
      false,
      [session('A', '2026-05-01'), session('B', '2026-05-01', { payer: 'payer other' })].join('\n') + other,
    ],
  ];
  for (const [id, preferred, text] of cases) {
    test(`${id}: ${preferred ? 'preferred' : 'not preferred'}`, () => {
      const [f] = of(check(text), id);
      assert.ok(f, id);
      assert.equal(f.fixes.length, 1);
      assert.equal(f.fixes[0].isPreferred, preferred);
    });
  }
});

// ----------------------------------------------------------------------------- the shared corpus

describe('every fix of the family on the shared corpus keeps docs/rules.md "Fixes"', () => {
  test('Modifiers and same-day services', () => fixPromiseOnCorpus('Modifiers and same-day services'));
});

// ----------------------------------------------------------------------------- generated claims

describe('fixes of the policy, modifier and drug rules on generated claims keep docs/rules.md "Fixes"', () => {
  // Seeded, so a failure reproduces: claims of random service lines (modifiers in every
  // written form, fifth modifiers, malformed units), muscles, drugs, payers, places, dates.
  const FAMILIES = new Set(['Payer policy', 'Modifiers and same-day services', 'Drugs and supplies']);
  const MODS = ['RT', 'LT', '59', 'XS', 'XU', '25', '76', '77', 'GA', 'JZ', 'JW', '50', 'Q9'];
  const CODES = [
    '20552',
    '20553',
    '99213',
    '20610',
    '96372',
    '20560',
    '76942',
    'J3301',
    'J1030',
    'J1100',
    'J0702',
    'J1010',
    'J2001',
    'J0585',
    'G2211',
    '64615',
    '97140',
  ];
  const MUSCLES = [
    'left upper trapezius',
    'right upper trapezius',
    'bilateral rhomboid major',
    'deltoid',
    'right quadratus lumborum',
    'left gastrocnemius',
    'low back',
  ];
  const DRUGS = [
    'drug triamcinolone 40 mg/mL 1 mL',
    'drug dexamethasone 4 mg',
    'drug lidocaine 1% 2 mL',
    'drug betamethasone 6 mg/mL 1.5 mL',
    'drug methylprednisolone 40 mg',
    'drug bupivacaine 3 mL',
    'drug Kenalog 1%',
  ];

  function generator(seed) {
    const rnd = (n) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pick = (a) => a[rnd(a.length)];
    const some = (a, pct) => a.filter(() => rnd(100) < pct);
    const serviceLine = () => {
      const mods = Array.from({ length: rnd(6) }, () => pick(MODS));
      const style = rnd(3);
      let s = `line ${pick(CODES)}`;
      if (mods.length) s += style === 0 ? ` mod ${mods.join(',')}` : style === 1 ? `-${mods.join('-')}` : ` mod ${mods.join(' ')}`;
      if (rnd(3) === 0) s += ` units ${pick(['1', '2', '4', '40', 'two', '0'])}`;
      return `${s} dx ${pick(['A', 'B', 'A,B', 'B,A'])}`;
    };
    const oneClaim = (id) => {
      const muscles = some(MUSCLES, 35);
      return claim(
        {
          payer: `payer ${pick(['medicare', 'acme'])}`,
          date: `date ${pick(['2026-05-01', '2026-05-01', '2026-04-10', '2024-03-01'])}`,
          pos: rnd(4) === 0 ? `pos ${pick(['22', '11', '02'])}` : null,
          provider: rnd(2) ? `provider ${pick(['1234567893', '1245319599'])}` : null,
          diagnosis: ['diagnosis A M79.12', `diagnosis B ${pick(['M62.838', 'G44.209', 'M79.7', 'M54.50'])}`],
          line: Array.from({ length: 1 + rnd(4) }, serviceLine),
          muscles: muscles.length && rnd(5) ? `muscles ${muscles.join(', ')}` : null,
          drug: some(DRUGS, 30),
          note: rnd(2) ? 'note other problem' : null,
        },
        { id, extra: rnd(3) === 0 ? ['prior 2026-04-01 20552 left trapezius'] : [] },
      );
    };
    return () => ({
      'a.claim': `${oneClaim('A')}\n${oneClaim('B')}`,
      'b.claim': `${oneClaim('C')}\npolicy acme\n  limit 1 per 30 days\n  interval 2 weeks\n  requires-auth\n  one-session-per-day\n  excludes M79.7\n`,
    });
  }

  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}`, async () => {
      const { RULES_BY_ID } = await import('../helpers.mjs');
      const next = generator(seed);
      let tried = 0;
      for (let i = 0; i < 150; i++) {
        const files = next();
        const before = all(workspace(files));
        for (const target of before) {
          if (!FAMILIES.has(RULES_BY_ID.get(target.code)?.family) || target.code === 'auth-missing') continue;
          const name = target.uri === uriOf('a.claim') ? 'a.claim' : 'b.claim';
          for (const fx of target.fixes) {
            tried++;
            const text = applyEdits(files[name], fx.edits);
            const after = all(workspace({ ...files, [name]: text }));
            for (const code of ['syntax', target.code]) {
              const pool = of(before, code)
                .filter((f) => f !== target)
                .map((f) => `${f.uri}|${f.message}`);
              for (const f of of(after, code)) {
                const k = pool.indexOf(`${f.uri}|${f.message}`);
                assert.ok(
                  k >= 0,
                  `${target.code} "${fx.title}" adds ${code}: ${f.message}\n--- before\n${files[name]}\n--- after\n${text}`,
                );
                pool.splice(k, 1);
              }
            }
          }
        }
      }
      assert.ok(tried > 100, `only ${tried} fixes tried`);
    });
  }
});

test('laterality-missing on a claim whose one TPI line has the wrong code names the code muscle-count calls for, not the wrong one', () => {
  const text = claim({ line: 'line 20552 dx A', muscles: 'muscles left upper trapezius, left levator scapulae, left rhomboid major' });
  const [f] = of(check(text), 'laterality-missing');
  assert.ok(f);
  assert.match(f.message, /^Every muscle is on the left: add LT to the line \(billed as 20553 for 3 muscles\)\./);
  assert.doesNotMatch(f.message, /add LT to 20552/);
  const right = of(check(claim({ line: 'line 20552 dx A', muscles: 'muscles left upper trapezius' })), 'laterality-missing')[0];
  assert.match(right.message, /add LT to 20552\./);
});
