// docs/rules.md "Denials and appeals": the `denied` and `appealed` lines as the parser reads them,
// and claim-denied (each adjustment's meaning, the findings that explain it on the denied line or
// the whole claim, the deadline), appeal-late (the deadline day itself is in time), denied-
// before-service and denial-unknown-line, with their edges.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check, claim, parseDocument } from '../helpers.mjs';
import { assertAt, lineOf, of, policy } from '../support/rule-kit.mjs';

const claimOf = (...lines) => parseDocument('file:///ws/d.claim', ['claim C', ...lines.map((l) => '  ' + l)].join('\n')).blocks[0];

describe('denied and appealed lines', () => {
  test('adjustments, then remark, ref and on in any order; a reason compares as a number', () => {
    const d = claimOf('denied 2026-06-05 co-119, CO-151 ref 26156000456 remark N362, m86 on 20553').denials[0];
    assert.deepEqual(
      d.adjustments.map((a) => [a.group, a.reason]),
      [
        ['CO', '119'],
        ['CO', '151'],
      ],
    );
    assert.deepEqual(
      d.remarks.map((r) => r.value),
      ['N362', 'M86'],
    );
    assert.equal(d.ref.text, '26156000456');
    assert.equal(d.on.value, '20553');
    assert.equal(claimOf('denied 2026-01-01 CO-B7').denials[0].adjustments[0].reason, 'B7');
    assert.equal(claimOf('denied 2026-01-01 CO-050').denials[0].adjustments[0].reason, '50');
  });

  test('each malformed part drops the line with one syntax error', () => {
    for (const line of [
      'denied 2026-03-02 CO50',
      'denied 2026-03-02',
      'denied 2026-03-02 XX-50',
      'denied 2026-03-02 CO-1234',
      'denied 2026-03-02 CO-50 remark N115 remark N362',
      'denied 2026-03-02 CO-50 ref 1 ref 2',
      'denied 2026-03-02 CO-50 on 20552-LT',
      'denied 2026-03-02 CO-50 on',
      'denied 2026-03-02 CO-50 remark 115',
      'denied 03/02/2026 CO-50',
    ]) {
      const c = claimOf(line);
      assert.equal(c.denials.length, 0, line);
      assert.equal(c.errors.length, 1, line);
    }
  });

  test('a second appealed line is a duplicate-field warning; the first wins', () => {
    const text = claim({ denied: 'denied 2026-04-10 CO-50', appealed: ['appealed 2026-04-20', 'appealed 2026-12-01'] });
    const fs = check(text);
    assert.equal(of(fs, 'duplicate-field')[0].severity, 'warning');
    assert.deepEqual(of(fs, 'appeal-late'), [], 'the first appealed line, in time, is the one judged');
  });
});

describe('claim-denied', () => {
  test('a denial not appealed: at the keyword, naming the meaning, that no finding explains it, and the deadline', () => {
    const text = claim({ denied: 'denied 2026-04-10 CO-50 remark N115 ref 26100 on 20552' });
    const fs = of(check(text), 'claim-denied');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'denied'), 'denied');
    assert.match(fs[0].message, /denied on 2026-04-10 for 20552: CO-50 \(contractual obligation\): not medically necessary/);
    assert.match(fs[0].message, /No ClaimNote finding explains it/);
    assert.match(fs[0].message, /Appeal by 2026-08-13 \(125 days after the notice, as Medicare allows\)/);
    assert.deepEqual(of(check(claim({ denied: 'denied 2026-04-10 CO-50', appealed: 'appealed 2026-04-20' })), 'claim-denied'), []);
  });

  test('explained by a finding of a rule the reason names: a corrected claim is the remedy', () => {
    const text = claim({ line: 'line 20552 mod 50 dx A', denied: 'denied 2026-04-10 CO-4 ref 26100 on 20552' });
    const f = of(check(text), 'claim-denied')[0];
    assert.match(f.message, /Explained by modifier-50 \(Modifier 50 on 20552/);
    assert.match(f.message, /corrected claim \(replaces 26100\)/);
  });

  test('a denial on a line: findings on other service lines do not explain it; findings on non-service lines do', () => {
    // ncci-pair-unmodified is reported on the 96372 line: it explains a CO-97 of 96372 or of the
    // whole claim, not of 20552
    const lines = ['line 20552 mod RT dx A', 'line 96372 dx A'];
    const other = of(check(claim({ line: lines, denied: 'denied 2026-04-10 CO-97 on 20552' })), 'claim-denied')[0];
    assert.match(other.message, /No ClaimNote finding explains it/);
    const same = of(check(claim({ line: lines, denied: 'denied 2026-04-10 CO-97 on 96372' })), 'claim-denied')[0];
    assert.match(same.message, /Explained by ncci-pair-unmodified/);
    const whole = of(check(claim({ line: lines, denied: 'denied 2026-04-10 CO-97' })), 'claim-denied')[0];
    assert.match(
      whole.message,
      /Explained by ncci-pair-unmodified/,
      'a denial of the whole claim is explained by any finding of the claim',
    );
    // frequency-limit is reported on the date line (no service line): it explains CO-119 of a line
    const priors = ['prior 2025-08-04 20552', 'prior 2025-11-10 20552', 'prior 2026-02-16 20552'];
    const freq = of(
      check(claim({ date: 'date 2026-05-20', prior: priors, denied: 'denied 2026-06-05 CO-119 on 20552' })),
      'claim-denied',
    )[0];
    assert.match(freq.message, /Explained by frequency-limit/);
  });

  test('a rule turned off explains nothing; an unknown reason is named; each denial is reported', () => {
    const text = claim({ line: 'line 20552 mod 50 dx A', denied: ['denied 2026-04-10 CO-4 on 20552', 'denied 2026-05-01 OA-B7'] });
    assert.match(of(check(text), 'claim-denied')[0].message, /Explained by modifier-50/);
    const fs = of(check(text, {}, { rules: { 'modifier-50': 'off' } }), 'claim-denied');
    assert.equal(fs.length, 2);
    assert.doesNotMatch(fs[0].message, /modifier-50/);
    assert.match(fs[1].message, /OA-B7 \(other adjustment\): ClaimNote has no description for it/);
  });

  test("the payer's appeal window; a payer with none says so", () => {
    const acme = claim({ payer: 'payer acme', denied: 'denied 2026-04-10 CO-50' });
    assert.match(
      of(check(acme + policy('acme', 'appeal-window 180 days')), 'claim-denied')[0].message,
      /Appeal by 2026-10-07 \(180 days after the notice\)/,
    );
    assert.match(of(check(acme + policy('acme', 'rate 150%')), 'claim-denied')[0].message, /Payer acme states no appeal window/);
  });
});

describe('appeal-late', () => {
  test('the deadline day itself is in time; the day after is late, at the appealed date', () => {
    assert.deepEqual(of(check(claim({ denied: 'denied 2026-01-20 CO-50', appealed: 'appealed 2026-05-25' })), 'appeal-late'), []);
    const text = claim({ denied: 'denied 2026-01-20 CO-50', appealed: 'appealed 2026-05-26' });
    const fs = of(check(text), 'appeal-late');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'appealed'), '2026-05-26');
    assert.match(fs[0].message, /126 days after the denial notice of 2026-01-20: the 125-day window closed on 2026-05-25/);
  });

  test('judged against the latest denial on or before the appeal; a denial after it, or no window, is not', () => {
    const two = claim({ denied: ['denied 2026-01-20 CO-50', 'denied 2026-05-01 CO-50'], appealed: 'appealed 2026-06-01' });
    assert.deepEqual(of(check(two), 'appeal-late'), []);
    const after = claim({ denied: 'denied 2026-07-01 CO-50', appealed: 'appealed 2026-06-01' });
    assert.deepEqual(of(check(after), 'appeal-late'), []);
    const noWindow =
      claim({ payer: 'payer acme', denied: 'denied 2025-01-01 CO-50', appealed: 'appealed 2026-06-01' }) + policy('acme', 'rate 150%');
    assert.deepEqual(of(check(noWindow), 'appeal-late'), []);
  });
});

describe('denied-before-service and denial-unknown-line', () => {
  test('a notice before the date of service is an error at its date; the same day is not', () => {
    const text = claim({ date: 'date 2026-04-06', denied: 'denied 2026-03-06 CO-16' });
    const fs = of(check(text), 'denied-before-service');
    assertAt(fs[0], text, lineOf(text, 'denied'), '2026-03-06');
    assert.equal(fs[0].severity, 'error');
    assert.deepEqual(of(check(claim({ date: 'date 2026-04-06', denied: 'denied 2026-04-06 CO-16' })), 'denied-before-service'), []);
  });

  test('a denial on a code no line bills: warning at the code, naming the codes billed', () => {
    const text = claim({ denied: 'denied 2026-04-10 CO-97 on 20610' });
    const fs = of(check(text), 'denial-unknown-line');
    assertAt(fs[0], text, lineOf(text, 'denied'), '20610');
    assert.match(fs[0].message, /20610, which no line of claim C-1 bills \(20552\)/);
    assert.deepEqual(of(check(claim({ denied: 'denied 2026-04-10 CO-97 on 20552' })), 'denial-unknown-line'), []);
  });
});
