// docs/rules.md "Payer policy": dx-not-covered, frequency-limit, repeat-interval, auth-missing,
// multiple-regions, guidance-not-covered, same-day-limit. Positive and negative cases, the
// exact range each reports at, severities, messages naming the concrete values, the edges
// docs/rules.md and docs/LANGUAGE.md spell out (windows, priors, sessions, GA/GZ, overrides, one root
// cause) and every fix (applied, re-checked).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, check, claim, uriOf, workspace } from '../helpers.mjs';
import { all, assertAt, assertFix, fixPromiseOnCorpus, lineOf, of, policy } from '../support/rule-kit.mjs';

// ----------------------------------------------------------------------------- helpers

/** A TPI claim of patient P-1 on `date` with `payer`, other lines overridable. */
function session(id, date, payer = 'medicare', lines = {}, extra = []) {
  return claim({ date: `date ${date}`, payer: `payer ${payer}`, ...lines }, { id, extra });
}

// ----------------------------------------------------------------------------- dx-not-covered

describe('dx-not-covered', () => {
  test('a supporting diagnosis outside medicare covers: warning at the TPI code, naming the code and the policy', () => {
    const text = claim({ diagnosis: 'diagnosis A M62.838' });
    const [f, ...rest] = of(check(text), 'dx-not-covered');
    assert.equal(rest.length, 0);
    assertAt(f, text, lineOf(text, 'line 20552'), '20552');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /M62\.838/);
    assert.match(f.message, /20552/);
    assert.match(f.message, /medicare/);
    assert.match(f.message, /M79\.12/, 'names the covered list');
    assert.deepEqual(f.fixes, []);
  });

  test('a covered diagnosis is not reported, with or without the dot', () => {
    assert.equal(of(check(claim({ diagnosis: 'diagnosis A M79.12' })), 'dx-not-covered').length, 0);
    assert.equal(of(check(claim({ diagnosis: 'diagnosis A M7912' })), 'dx-not-covered').length, 0);
    assert.equal(of(check(claim({ diagnosis: 'diagnosis A G44.209' })), 'dx-not-covered').length, 0);
  });

  test('covered when any pointed diagnosis is covered ("all outside" is needed)', () => {
    const text = claim({ diagnosis: ['diagnosis A M62.838', 'diagnosis B M79.12'], line: 'line 20552 mod RT dx A,B' });
    assert.equal(of(check(text), 'dx-not-covered').length, 0);
  });

  test('any pointed diagnosis in excludes is reported even beside a covered one, naming the excluded code', () => {
    const text = claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis B M79.7'], line: 'line 20552 mod RT dx A,B' });
    const [f] = of(check(text), 'dx-not-covered');
    assertAt(f, text, lineOf(text, 'line 20552'), '20552');
    assert.match(f.message, /M79\.7 is excluded/);
  });

  test('only the line whose diagnoses are not covered is reported (pointers of other lines do not matter)', () => {
    // a claim with two TPI lines is a tpi-* error, but each line is judged on its own pointers
    const text = claim({ diagnosis: ['diagnosis A M62.838', 'diagnosis B M79.12'], line: ['line 20552 mod RT dx B', 'line 20553 dx A'] });
    const fs = of(check(text), 'dx-not-covered');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 20553'), '20553');
  });

  test('one root cause: not reported where dx-not-supported is', () => {
    const text = claim({ diagnosis: 'diagnosis A R51.9' });
    const fs = check(text);
    assert.equal(of(fs, 'dx-not-supported').length, 1);
    assert.equal(of(fs, 'dx-not-covered').length, 0);
  });

  // "dx-not-covered is not reported where dx-not-supported IS" (docs/rules.md "One root cause"): with dx-not-supported
  // turned off, the coverage problem is the one left to report.
  test('with dx-not-supported turned off, dx-not-covered is reported', () => {
    const text = claim({ diagnosis: 'diagnosis A R51.9' });
    const fs = check(text, {}, { rules: { 'dx-not-supported': 'off' } });
    assert.equal(of(fs, 'dx-not-covered').length, 1);
  });

  test('a line is not judged when a pointed diagnosis has an icd-* error or no pointer is defined', () => {
    const header = check(claim({ diagnosis: ['diagnosis A M79.1', 'diagnosis B M62.838'], line: 'line 20552 mod RT dx A,B' }));
    assert.equal(of(header, 'icd-not-billable').length, 1);
    assert.equal(of(header, 'dx-not-covered').length, 0);
    const undefinedLetter = check(claim({ diagnosis: 'diagnosis A M62.838', line: 'line 20552 mod RT dx C' }));
    assert.equal(of(undefinedLetter, 'dx-pointer-undefined').length, 1);
    assert.equal(of(undefinedLetter, 'dx-not-covered').length, 0);
    // one defined letter and one undefined: judged on the defined one
    const partly = check(claim({ diagnosis: 'diagnosis A M62.838', line: 'line 20552 mod RT dx A,C' }));
    assert.equal(of(partly, 'dx-not-covered').length, 1);
  });

  test('a claim without TPI lines, an unknown payer and a payer without covers/excludes are not judged', () => {
    const em = claim({ diagnosis: 'diagnosis A M62.838', line: 'line 99213 dx A' });
    assert.equal(of(check(em), 'dx-not-covered').length, 0);
    assert.equal(of(check(claim({ diagnosis: 'diagnosis A M62.838', payer: 'payer nowhere' })), 'dx-not-covered').length, 0);
    const open = claim({ diagnosis: 'diagnosis A M62.838', payer: 'payer open' }) + policy('open', 'limit 9 per 1 days');
    assert.equal(of(check(open), 'dx-not-covered').length, 0);
  });

  test('covers entries match as prefixes; a trailing * changes nothing; the dot is ignored', () => {
    for (const entry of ['M62', 'M62.8', 'M62.83', 'M62.83*', 'M6283', 'M62.838', 'm62.8*']) {
      const text = claim({ diagnosis: 'diagnosis A M62.838', payer: 'payer acme' }) + policy('acme', `covers ${entry}`);
      assert.equal(of(check(text), 'dx-not-covered').length, 0, `covers ${entry}`);
    }
    for (const entry of ['M62.839', 'M62.84*', 'M79.1', 'M62.8380']) {
      const text = claim({ diagnosis: 'diagnosis A M62.838', payer: 'payer acme' }) + policy('acme', `covers ${entry}`);
      const fs = of(check(text), 'dx-not-covered');
      assert.equal(fs.length, 1, `covers ${entry}`);
      assert.match(fs[0].message, /policy acme/i);
    }
  });

  test('several covers lines add up', () => {
    const text = claim({ diagnosis: 'diagnosis A M62.838', payer: 'payer acme' }) + policy('acme', 'covers M79.1', 'covers M62.838');
    assert.equal(of(check(text), 'dx-not-covered').length, 0);
  });

  test('excludes entries match as prefixes with or without *', () => {
    for (const entry of ['M62.8*', 'M62', 'M62.838']) {
      const text = claim({ diagnosis: 'diagnosis A M62.838', payer: 'payer acme' }) + policy('acme', `excludes ${entry}`);
      const fs = of(check(text), 'dx-not-covered');
      assert.equal(fs.length, 1, `excludes ${entry}`);
      assert.match(fs[0].message, /M62\.838 is excluded by policy acme/);
    }
    const other = claim({ diagnosis: 'diagnosis A M62.838', payer: 'payer acme' }) + policy('acme', 'excludes M79.7');
    assert.equal(of(check(other), 'dx-not-covered').length, 0);
  });

  test('a user `policy medicare` replaces the built-in one (also from another file)', () => {
    const user = policy('medicare', 'covers M62.838');
    assert.equal(of(check(claim({ diagnosis: 'diagnosis A M62.838' }) + user), 'dx-not-covered').length, 0);
    const fs = of(check(claim({ diagnosis: 'diagnosis A M79.12' }), { 'p.claim': user }), 'dx-not-covered');
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /policy medicare covers only M62\.838/i);
    // and the built-in exclusion of M79.7 is gone with it
    const noExclude = policy('medicare', 'covers M79.7');
    assert.equal(of(check(claim({ diagnosis: 'diagnosis A M79.7' }) + noExclude), 'dx-not-covered').length, 0);
  });

  test('the payer id compares case-insensitively', () => {
    const text = claim({ diagnosis: 'diagnosis A M62.838', payer: 'payer ACME' }) + policy('acme', 'covers M79.12');
    assert.equal(of(check(text), 'dx-not-covered').length, 1);
    assert.equal(of(check(claim({ diagnosis: 'diagnosis A M62.838', payer: 'payer Medicare' })), 'dx-not-covered').length, 1);
  });

  test('GA or GZ on the TPI line downgrades it to info and says so', () => {
    for (const line of ['line 20552 mod RT,GA dx A', 'line 20552-GZ-RT dx A', 'line 20552 mod ga rt dx A']) {
      const [f] = of(check(claim({ diagnosis: 'diagnosis A M62.838', line })), 'dx-not-covered');
      assert.equal(f.severity, 'info', line);
      assert.match(f.message, /GA\/GZ/);
    }
    // GA on a non-TPI line does not downgrade
    const em = claim({ diagnosis: 'diagnosis A M62.838', line: ['line 20552 mod RT dx A', 'line 99213 mod 25,GA dx A'] });
    assert.equal(of(check(em), 'dx-not-covered')[0].severity, 'warning');
  });

  test('a user severity replaces the default, the GA/GZ downgrade included; off removes it', () => {
    const ga = claim({ diagnosis: 'diagnosis A M62.838', line: 'line 20552 mod RT,GA dx A' });
    assert.equal(of(check(ga, {}, { rules: { 'dx-not-covered': 'error' } }), 'dx-not-covered')[0].severity, 'error');
    assert.equal(of(check(ga, {}, { rules: { 'dx-not-covered': 'hint' } }), 'dx-not-covered')[0].severity, 'hint');
    assert.equal(of(check(ga, {}, { rules: { 'dx-not-covered': 'off' } }), 'dx-not-covered').length, 0);
    const plain = claim({ diagnosis: 'diagnosis A M62.838' });
    const s = workspace({ 'a.claim': plain });
    s.configure({ rules: { 'dx-not-covered': 'error' } });
    assert.equal(of(s.findings(uriOf('a.claim')), 'dx-not-covered')[0].severity, 'error');
  });
});

// ----------------------------------------------------------------------------- frequency-limit

describe('frequency-limit', () => {
  const tight = policy('tight', 'limit 2 per 30 days');

  test('the session that makes more than n in its window: at its date, warning, naming count, window and limit; related lists the others', () => {
    const text =
      [session('A', '2026-01-05', 'tight'), session('B', '2026-01-12', 'tight'), session('C', '2026-01-20', 'tight')].join('\n') + tight;
    const fs = of(check(text), 'frequency-limit');
    assert.equal(fs.length, 1);
    const f = fs[0];
    assertAt(f, text, lineOf(text, 'date 2026-01-20'), '2026-01-20');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /P-1/);
    assert.match(f.message, /3 sessions/);
    assert.match(f.message, /2025-12-22 to 2026-01-20/);
    assert.match(f.message, /2026-01-05, 2026-01-12, 2026-01-20/);
    assert.match(f.message, /limit 2 per 30 days/);
    assert.match(f.message, /policy tight/);
    assert.deepEqual(
      f.related.map((r) => [r.uri, r.range.start.line, r.range.start.character]),
      [
        [uriOf('a.claim'), lineOf(text, 'date 2026-01-05'), 7],
        [uriOf('a.claim'), lineOf(text, 'date 2026-01-12'), 7],
      ],
    );
    assert.ok(f.related.every((r) => /session on 2026-01-(05|12): claim [AB]/.test(r.message)));
  });

  test('not reported when every window holds at most n sessions', () => {
    const text = [session('A', '2026-01-05', 'tight'), session('B', '2026-01-12', 'tight')].join('\n') + tight;
    assert.equal(of(check(text), 'frequency-limit').length, 0);
  });

  test('only the session whose own window exceeds is reported', () => {
    // limit 2 per 30 days: 01-01, 01-10, 01-20, 02-15. Windows: 01-20 holds 3; 02-15 (from 01-17) holds 2.
    const text = ['2026-01-01', '2026-01-10', '2026-01-20', '2026-02-15'].map((d, i) => session(`S${i}`, d, 'tight')).join('\n') + tight;
    const fs = of(check(text), 'frequency-limit');
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [lineOf(text, 'date 2026-01-20')],
    );
  });

  test('a later session does not count in an earlier session window', () => {
    const text =
      [session('A', '2026-03-01', 'tight'), session('B', '2026-01-20', 'tight'), session('C', '2026-01-25', 'tight')].join('\n') + tight;
    const fs = of(check(text), 'frequency-limit');
    assert.equal(fs.length, 0, 'no window ending on a date holds 3');
  });

  const pair = (earlier, later, limit) => [session('E', earlier, 'p'), session('L', later, 'p')].join('\n') + policy('p', limit);
  const reported = (text) => of(check(text), 'frequency-limit').map((f) => f.range.start.line);

  test('`d days`: both ends included, d-1 days before counts, d days before does not', () => {
    const inside = pair('2026-03-01', '2026-03-30', 'limit 1 per 30 days');
    assert.deepEqual(reported(inside), [lineOf(inside, 'date 2026-03-30')]);
    assert.match(of(check(inside), 'frequency-limit')[0].message, /from 2026-03-01 to 2026-03-30/);
    assert.deepEqual(reported(pair('2026-03-01', '2026-03-31', 'limit 1 per 30 days')), []);
    // `1 days` is the date itself
    assert.deepEqual(reported(pair('2026-03-01', '2026-03-02', 'limit 1 per 1 days')), []);
    // across a year end
    assert.equal(reported(pair('2025-12-31', '2026-01-09', 'limit 1 per 10 days')).length, 1);
    assert.equal(reported(pair('2025-12-30', '2026-01-09', 'limit 1 per 10 days')).length, 0);
  });

  test('`d weeks` is 7d days', () => {
    assert.equal(reported(pair('2026-03-01', '2026-03-14', 'limit 1 per 2 weeks')).length, 1, '13 days before');
    assert.equal(reported(pair('2026-03-01', '2026-03-15', 'limit 1 per 2 weeks')).length, 0, '14 days before');
    assert.equal(reported(pair('2026-03-01', '2026-03-07', 'limit 1 per 1 week')).length, 1, 'singular unit');
  });

  test('`d months`: every date after the same day d months earlier', () => {
    assert.equal(reported(pair('2026-02-15', '2026-03-15', 'limit 1 per 1 months')).length, 0, 'the same day a month earlier is outside');
    assert.equal(reported(pair('2026-02-16', '2026-03-15', 'limit 1 per 1 months')).length, 1, 'the day after is inside');
    assert.equal(reported(pair('2025-12-16', '2026-03-15', 'limit 1 per 3 months')).length, 1, 'across a year end');
    assert.equal(reported(pair('2025-12-15', '2026-03-15', 'limit 1 per 3 months')).length, 0);
  });

  test('`d months` clamps to the end of a shorter month (2026-03-31 minus 1 month is 2026-02-28)', () => {
    assert.equal(reported(pair('2026-02-28', '2026-03-31', 'limit 1 per 1 months')).length, 0);
    const inside = pair('2026-03-01', '2026-03-31', 'limit 1 per 1 months');
    assert.equal(reported(inside).length, 1);
    assert.match(of(check(inside), 'frequency-limit')[0].message, /from 2026-03-01 to 2026-03-31/);
    // 2024 is a leap year: 2024-03-31 minus 1 month is 2024-02-29
    assert.equal(reported(pair('2024-02-29', '2024-03-31', 'limit 1 per 1 months')).length, 0);
    assert.equal(reported(pair('2024-03-01', '2024-03-31', 'limit 1 per 1 months')).length, 1);
    // 2026-05-31 minus 3 months is 2026-02-28
    assert.equal(reported(pair('2026-02-28', '2026-05-31', 'limit 1 per 3 months')).length, 0);
    assert.equal(reported(pair('2026-03-01', '2026-05-31', 'limit 1 per 3 months')).length, 1);
  });

  test('`d years` is 12d months', () => {
    assert.equal(reported(pair('2025-06-01', '2026-06-01', 'limit 1 per 1 years')).length, 0);
    assert.equal(reported(pair('2025-06-02', '2026-06-01', 'limit 1 per 1 year')).length, 1);
    assert.equal(reported(pair('2024-06-02', '2026-06-01', 'limit 1 per 2 years')).length, 1);
    // 2025-02-28 minus 12 months is 2024-02-28, so 2024-02-29 is inside; from 2025-03-01 it is not
    assert.equal(reported(pair('2024-02-29', '2025-02-28', 'limit 1 per 1 years')).length, 1);
    assert.equal(reported(pair('2024-02-29', '2025-03-01', 'limit 1 per 1 years')).length, 0);
    // 2028-02-29 minus 12 months clamps to 2027-02-28
    assert.equal(reported(pair('2027-02-28', '2028-02-29', 'limit 1 per 12 months')).length, 0);
    assert.equal(reported(pair('2027-03-01', '2028-02-29', 'limit 1 per 12 months')).length, 1);
  });

  test('a window longer than the calendar does not throw: it holds every earlier session', () => {
    for (const limit of [
      'limit 1 per 999999999 days',
      'limit 1 per 99999999 weeks',
      'limit 1 per 99999999999 months',
      'limit 1 per 9999999999 years',
    ]) {
      const text = pair('2026-01-01', '2026-01-05', limit) + '  interval 99999999999 weeks\n';
      let fs;
      assert.doesNotThrow(() => {
        fs = check(text);
      }, limit);
      const [f] = of(fs, 'frequency-limit');
      assert.ok(f, limit);
      assert.match(f.message, /from 0000-01-01 to 2026-01-05/);
      assert.equal(of(fs, 'repeat-interval').length, 1, 'a huge interval is still an interval');
    }
  });

  test('years 0 to 99 are not read as 1900 to 1999 (a typo such as 0026 for 2026)', () => {
    assert.equal(reported(pair('0026-01-01', '0026-01-05', 'limit 1 per 30 days')).length, 1);
    assert.equal(reported(pair('0026-02-15', '0026-03-15', 'limit 1 per 1 months')).length, 0);
    assert.equal(reported(pair('0026-02-16', '0026-03-15', 'limit 1 per 1 months')).length, 1);
    // year 0 is a leap year (1900 is not): 0000-03-01 minus 1 day is 0000-02-29
    assert.equal(reported(pair('0000-02-29', '0000-03-01', 'limit 1 per 2 days')).length, 1);
    const [f] = of(check(pair('0000-02-29', '0000-03-01', 'limit 1 per 2 days')), 'frequency-limit');
    assert.match(f.message, /from 0000-02-29 to 0000-03-01/);
  });

  test('several limit lines: each is judged, the message names the one exceeded', () => {
    const lim = policy('p', 'limit 4 per 30 days', 'limit 2 per 6 months');
    const text = [session('A', '2026-01-01', 'p'), session('B', '2026-03-01', 'p'), session('C', '2026-05-01', 'p')].join('\n') + lim;
    const fs = of(check(text), 'frequency-limit');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'date 2026-05-01'), '2026-05-01');
    assert.match(fs[0].message, /limit 2 per 6 months/);
    assert.doesNotMatch(fs[0].message, /limit 4 per 30 days/);
  });

  test('two limit lines both exceeded: both named, each other session related once', () => {
    const lim = policy('p', 'limit 1 per 30 days', 'limit 1 per 60 days');
    const text = [session('A', '2026-01-01', 'p'), session('B', '2026-01-10', 'p')].join('\n') + lim;
    const [f] = of(check(text), 'frequency-limit');
    assert.match(f.message, /limit 1 per 30 days/);
    assert.match(f.message, /limit 1 per 60 days/);
    assert.equal(f.related.length, 1, 'the session on 2026-01-01 once');
  });

  test('built-in medicare: at most 3 sessions in 12 months, counting prior lines', () => {
    const text = session('A', '2026-06-01', 'medicare', {}, ['prior 2025-09-01 20552', 'prior 2026-01-10 20552', 'prior 2026-03-15 20553']);
    const fs = of(check(text), 'frequency-limit');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'date 2026-06-01'), '2026-06-01');
    assert.match(fs[0].message, /limit 3 per 12 months/);
    assert.match(fs[0].message, /built-in medicare/);
    assert.match(fs[0].message, /from 2025-06-02 to 2026-06-01/);
    // related: the three priors, at their dates
    assert.deepEqual(
      fs[0].related.map((r) => r.range.start.line),
      [lineOf(text, 'prior 2025-09-01'), lineOf(text, 'prior 2026-01-10'), lineOf(text, 'prior 2026-03-15')],
    );
    assert.ok(fs[0].related.every((r) => r.range.start.character === text.split('\n')[r.range.start.line].indexOf('20')));
  });

  test('a prior outside the window does not count', () => {
    const text = session('A', '2026-06-01', 'medicare', {}, ['prior 2025-06-01 20552', 'prior 2026-01-10 20552', 'prior 2026-03-15 20553']);
    assert.equal(of(check(text), 'frequency-limit').length, 0);
  });

  test('one patient, payer and date counts once: repeated priors, and a prior on a workspace session date', () => {
    const dup = session('A', '2026-06-01', 'medicare', {}, ['prior 2025-09-01 20552', 'prior 2025-09-01 20553', 'prior 2026-01-10 20552']);
    assert.equal(of(check(dup), 'frequency-limit').length, 0, 'three sessions, not four');
    const onSession = [
      session('A', '2026-01-10', 'medicare', { muscles: 'muscles right rhomboid major' }),
      session('B', '2026-06-01', 'medicare', {}, ['prior 2025-09-01 20552', 'prior 2026-01-10 20552']),
    ].join('\n');
    assert.equal(of(check(onSession), 'frequency-limit').length, 0, 'the prior on 2026-01-10 is claim A');
    // the same prior in another file on the same date is still one session
    const otherFile = {
      'b.claim': session('X', '2026-03-01', 'medicare', { muscles: 'muscles right levator scapulae' }, ['prior 2026-01-10 20553']),
    };
    assert.equal(of(check(onSession, otherFile), 'frequency-limit').length, 1, 'four dates: 09-01, 01-10, 03-01, 06-01');
  });

  test('priors of other codes do not count; 20553 priors do', () => {
    const other = session('A', '2026-06-01', 'medicare', {}, [
      'prior 2025-09-01 20552',
      'prior 2026-01-10 99213',
      'prior 2026-03-15 20610',
    ]);
    assert.equal(of(check(other), 'frequency-limit').length, 0);
    const tpi = session('A', '2026-06-01', 'medicare', {}, ['prior 2025-09-01 20553', 'prior 2026-01-10 20553', 'prior 2026-03-15 20553']);
    assert.equal(of(check(tpi), 'frequency-limit').length, 1);
  });

  test('a prior counts for the patient and payer of its claim only', () => {
    const ws =
      [
        session('A', '2026-01-20', 'tight'),
        session('B', '2026-01-21', 'tight', { patient: 'patient P-2' }, ['prior 2026-01-05 20552', 'prior 2026-01-12 20552']),
      ].join('\n') + tight;
    const fs = of(check(ws), 'frequency-limit');
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [lineOf(ws, 'date 2026-01-21')],
      'P-2 has 3 sessions, P-1 one',
    );
  });

  test('sessions of another patient or another payer do not count; patient ids compare case-insensitively', () => {
    const loose = policy('loose', 'limit 9 per 30 days');
    const mixed =
      [
        session('A', '2026-01-05', 'tight'),
        session('B', '2026-01-12', 'loose'),
        session('C', '2026-01-13', 'tight', { patient: 'patient P-2' }),
        session('D', '2026-01-20', 'tight'),
      ].join('\n') +
      tight +
      loose;
    assert.equal(of(check(mixed), 'frequency-limit').length, 0);
    const cased =
      [
        session('A', '2026-01-05', 'tight'),
        session('B', '2026-01-12', 'TIGHT', { patient: 'patient p-1' }),
        session('C', '2026-01-20', 'tight'),
      ].join('\n') + tight;
    assert.equal(of(check(cased), 'frequency-limit').length, 1);
  });

  test('claims with an invalid or missing date, patient or payer and claims without TPI lines take no part', () => {
    const base = [session('A', '2026-01-05', 'tight'), session('B', '2026-01-12', 'tight')];
    const extras = [
      session('X', '2026-02-30', 'tight'),
      claim({ date: 'date 2026-01-14', payer: 'payer tight', patient: null }, { id: 'Y' }),
      claim({ date: null, payer: 'payer tight' }, { id: 'Z' }),
      claim({ date: 'date 2026-01-15', payer: null }, { id: 'W' }),
      session('V', '2026-01-16', 'tight', { line: 'line 99213 dx A', muscles: null }),
    ];
    const text = [...base, ...extras].join('\n') + tight;
    const fs = check(text);
    assert.equal(of(fs, 'invalid-date').length, 1);
    assert.equal(of(fs, 'frequency-limit').length, 0);
    // and none of them is reported itself, even with a tighter limit
    const tighter = [...base, ...extras].join('\n') + policy('tight', 'limit 1 per 30 days');
    const got = of(check(tighter), 'frequency-limit');
    assert.deepEqual(
      got.map((f) => f.range.start.line),
      [lineOf(tighter, 'date 2026-01-12')],
    );
  });

  test('the prior lines of a claim that takes no part (invalid date) add no sessions', () => {
    const text =
      [
        session('X', '2026-02-30', 'tight', {}, ['prior 2026-01-05 20552', 'prior 2026-01-12 20552']),
        session('C', '2026-01-20', 'tight'),
      ].join('\n') + tight;
    assert.equal(of(check(text), 'frequency-limit').length, 0);
  });

  // docs/LANGUAGE.md: "A prior line is an earlier session of the claim's patient with the claim's
  // payer"; docs/rules.md "Terms" excludes only claims with an invalid or missing date, patient or payer.
  // A biller recording history on the day's E/M-only claim expects it to count.
  test('prior lines of a claim without TPI lines (valid patient, payer, date) add sessions', () => {
    const text =
      [
        session('V', '2026-01-15', 'tight', { line: 'line 99213 dx A', muscles: null }, [
          'prior 2026-01-05 20552',
          'prior 2026-01-12 20552',
        ]),
        session('C', '2026-01-20', 'tight'),
      ].join('\n') + tight;
    assert.equal(of(check(text), 'frequency-limit').length, 1);
  });

  test('two claims of one date are one session', () => {
    const text =
      [
        session('A', '2026-01-05', 'tight'),
        session('B', '2026-01-12', 'tight'),
        session('C', '2026-01-12', 'tight', { provider: 'provider 1234567893' }),
      ].join('\n') + tight;
    assert.equal(of(check(text), 'frequency-limit').length, 0);
  });

  // A session of two claims (same patient, payer, date) counts once, but each of its claims is
  // what the biller submits: each gets the diagnostic at its own date.
  test('every claim of the session that exceeds is reported, the session counted once', () => {
    const text =
      [
        session('A', '2026-01-01', 'p'),
        session('B', '2026-01-05', 'p', { provider: 'provider 1234567893' }),
        session('C', '2026-01-05', 'p'),
      ].join('\n') + policy('p', 'limit 1 per 30 days');
    const fs = of(check(text), 'frequency-limit');
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [lineOf(text, 'date 2026-01-05', 0), lineOf(text, 'date 2026-01-05', 1)],
    );
    assert.ok(fs.every((f) => /2 sessions/.test(f.message) && f.related.length === 1));
  });

  test('sessions in two files; related points into the other file', () => {
    const a = session('A', '2026-01-20', 'tight');
    const b = session('B', '2026-01-05', 'tight') + '\n' + session('C', '2026-01-12', 'tight') + tight;
    const s = workspace({ 'a.claim': a, 'b.claim': b });
    const fs = of(all(s), 'frequency-limit');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].uri, uriOf('a.claim'));
    assert.deepEqual(
      fs[0].related.map((r) => r.uri),
      [uriOf('b.claim'), uriOf('b.claim')],
    );
  });

  test('GA/GZ on a TPI line: info; user severity replaces it; off removes it', () => {
    const text =
      [
        session('A', '2026-01-05', 'tight'),
        session('B', '2026-01-12', 'tight'),
        session('C', '2026-01-20', 'tight', { line: 'line 20552 mod RT,GZ dx A' }),
      ].join('\n') + tight;
    assert.equal(of(check(text), 'frequency-limit')[0].severity, 'info');
    assert.equal(of(check(text, {}, { rules: { 'frequency-limit': 'error' } }), 'frequency-limit')[0].severity, 'error');
    assert.equal(of(check(text, {}, { rules: { 'frequency-limit': 'off' } }), 'frequency-limit').length, 0);
    // GA on an earlier session does not downgrade the later one
    const earlier =
      [
        session('A', '2026-01-05', 'tight', { line: 'line 20552 mod RT,GA dx A' }),
        session('B', '2026-01-12', 'tight'),
        session('C', '2026-01-20', 'tight'),
      ].join('\n') + tight;
    assert.equal(of(check(earlier), 'frequency-limit')[0].severity, 'warning');
  });

  test('a user `policy medicare` without limit lines replaces the built-in limit', () => {
    const text = session('A', '2026-06-01', 'medicare', {}, ['prior 2025-09-01 20552', 'prior 2026-01-10 20552', 'prior 2026-03-15 20553']);
    assert.equal(of(check(text), 'frequency-limit').length, 1);
    assert.equal(of(check(text + policy('medicare', 'covers M79.12')), 'frequency-limit').length, 0);
    const own = of(check(text + policy('medicare', 'limit 2 per 1 years')), 'frequency-limit');
    assert.match(own[0].message, /limit 2 per 1 years of policy medicare/);
  });

  test('a payer without limit lines has no frequency limit', () => {
    const text =
      ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'].map((d, i) => session(`S${i}`, d, 'open')).join('\n') +
      policy('open', 'requires-auth');
    assert.equal(of(check(text.replace(/payer open/g, 'payer open\n  auth PA-1')), 'frequency-limit').length, 0);
  });
});

// ----------------------------------------------------------------------------- repeat-interval

describe('repeat-interval', () => {
  const twoOf = (m1, m2, d1 = '2026-02-01', d2 = '2026-03-01', payer = 'medicare', p = '') =>
    [session('E', d1, payer, { muscles: m1 }), session('L', d2, payer, { muscles: m2 })].join('\n') + p;
  const lines = (text) => of(check(text), 'repeat-interval').map((f) => f.range.start.line);

  test('same muscle and side within 6 weeks (medicare): warning at the later date, naming days, dates, muscle and interval', () => {
    const text = twoOf('muscles right upper trapezius', 'muscles right upper trapezius', '2026-02-01', '2026-03-01');
    const fs = of(check(text), 'repeat-interval');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'date 2026-03-01'), '2026-03-01');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /28 days after the session on 2026-02-01/);
    assert.match(fs[0].message, /right trapezius/);
    assert.match(fs[0].message, /interval 6 weeks/);
    assert.match(fs[0].message, /42 days/);
    assert.deepEqual(
      fs[0].related.map((r) => [r.uri, r.range.start.line]),
      [[uriOf('a.claim'), lineOf(text, 'date 2026-02-01')]],
    );
  });

  test('fewer than interval days: 41 days is reported, 42 is not', () => {
    assert.equal(lines(twoOf('muscles right rhomboid major', 'muscles right rhomboid major', '2026-02-01', '2026-03-14')).length, 1);
    assert.equal(lines(twoOf('muscles right rhomboid major', 'muscles right rhomboid major', '2026-02-01', '2026-03-15')).length, 0);
  });

  test('`interval d weeks` is 7d days; `d days` is d days', () => {
    const w = policy('p', 'interval 2 weeks');
    assert.equal(lines(twoOf('muscles right deltoid', 'muscles right deltoid', '2026-02-01', '2026-02-14', 'p', w)).length, 1);
    assert.equal(lines(twoOf('muscles right deltoid', 'muscles right deltoid', '2026-02-01', '2026-02-15', 'p', w)).length, 0);
    const d = policy('p', 'interval 10 days');
    assert.equal(lines(twoOf('muscles right deltoid', 'muscles right deltoid', '2026-02-01', '2026-02-10', 'p', d)).length, 1);
    assert.equal(lines(twoOf('muscles right deltoid', 'muscles right deltoid', '2026-02-01', '2026-02-11', 'p', d)).length, 0);
    const [f] = of(check(twoOf('muscles right deltoid', 'muscles right deltoid', '2026-02-01', '2026-02-10', 'p', d)), 'repeat-interval');
    assert.match(f.message, /9 days after/);
    assert.match(f.message, /policy p requires interval 10 days/);
  });

  test('only strictly earlier sessions: the earlier session is not reported, nor one of the same date', () => {
    const text = twoOf('muscles right deltoid', 'muscles right deltoid', '2026-02-01', '2026-02-10');
    assert.deepEqual(lines(text), [lineOf(text, 'date 2026-02-10')]);
    // two claims on one date with another payer each: no earlier session at all
    const same =
      [session('A', '2026-02-01', 'medicare'), session('B', '2026-02-01', 'p', { line: 'line 20552 mod RT,76 dx A' })].join('\n') +
      policy('p', 'interval 6 weeks');
    assert.equal(lines(same).length, 0);
  });

  test('a different side or a different muscle is not reported', () => {
    assert.equal(lines(twoOf('muscles right deltoid', 'muscles left deltoid')).length, 0);
    assert.equal(lines(twoOf('muscles right deltoid', 'muscles right infraspinatus')).length, 0);
  });

  test('the trapezius parts are one muscle', () => {
    const [f] = of(check(twoOf('muscles left upper trapezius', 'muscles left lower trapezius')), 'repeat-interval');
    assert.match(f.message, /left trapezius/);
  });

  test('a muscle without a side matches either side, in either session', () => {
    assert.equal(lines(twoOf('muscles deltoid', 'muscles right deltoid')).length, 1);
    assert.equal(lines(twoOf('muscles right deltoid', 'muscles deltoid')).length, 1);
    assert.equal(lines(twoOf('muscles deltoid', 'muscles deltoid')).length, 1);
    assert.equal(lines(twoOf('muscles deltoid', 'muscles right infraspinatus')).length, 0);
  });

  test('bilateral is left and right', () => {
    assert.equal(lines(twoOf('muscles bilateral rhomboid major', 'muscles left rhomboid major')).length, 1);
    assert.equal(lines(twoOf('muscles right rhomboid major', 'muscles bilat rhomboid major')).length, 1);
  });

  test('one shared muscle among others is enough', () => {
    const [f] = of(
      check(twoOf('muscles right deltoid, left infraspinatus', 'muscles right supraspinatus; left infraspinatus')),
      'repeat-interval',
    );
    assert.match(f.message, /left infraspinatus/);
    assert.doesNotMatch(f.message, /deltoid/);
  });

  test('either session listing no muscles matches', () => {
    const noEarlier = twoOf(null, 'muscles right deltoid');
    assert.equal(lines(noEarlier).length, 1);
    assert.match(of(check(noEarlier), 'repeat-interval')[0].message, /that session lists no muscles/);
    const noLater = twoOf('muscles right deltoid', null);
    assert.equal(lines(noLater).length, 1);
    assert.match(of(check(noLater), 'repeat-interval')[0].message, /this session lists no muscles/);
  });

  test('prior lines add sessions, with their muscles', () => {
    const withPrior = (p) => session('A', '2026-03-01', 'medicare', { muscles: 'muscles right upper trapezius' }, [p]);
    assert.equal(lines(withPrior('prior 2026-02-01 20552 right trapezius')).length, 1);
    assert.equal(lines(withPrior('prior 2026-02-01 20553 left trapezius, right rhomboid major')).length, 0);
    assert.equal(lines(withPrior('prior 2026-02-01 20552')).length, 1, 'a prior without muscles lists none');
    assert.equal(lines(withPrior('prior 2026-02-01 99213 right trapezius')).length, 0, 'not a TPI code');
    assert.equal(lines(withPrior('prior 2026-01-18 20552 right trapezius')).length, 0, '42 days');
    const [f] = of(check(withPrior('prior 2026-02-01 20552 right trapezius')), 'repeat-interval');
    const text = withPrior('prior 2026-02-01 20552 right trapezius');
    assert.deepEqual(
      f.related.map((r) => [r.range.start.line, r.range.start.character]),
      [[lineOf(text, 'prior'), text.split('\n')[lineOf(text, 'prior')].indexOf('2026-02-01')]],
    );
    assert.match(f.related[0].message, /prior 20552/);
  });

  test('a prior on a workspace session date adds its muscles to that session', () => {
    const text = [
      session('A', '2026-02-01', 'medicare', { muscles: 'muscles right rhomboid major' }),
      session('B', '2026-03-01', 'medicare', { muscles: 'muscles right deltoid' }, ['prior 2026-02-01 20552 right deltoid']),
    ].join('\n');
    assert.deepEqual(lines(text), [lineOf(text, 'date 2026-03-01')]);
  });

  test('another patient or payer is not compared; a payer without interval has none', () => {
    const p = policy('p', 'limit 9 per 1 days');
    assert.equal(
      lines([session('E', '2026-02-01', 'medicare'), session('L', '2026-02-10', 'medicare', { patient: 'patient P-2' })].join('\n')).length,
      0,
    );
    assert.equal(lines([session('E', '2026-02-01', 'medicare'), session('L', '2026-02-10', 'p')].join('\n') + p).length, 0);
    assert.equal(lines([session('E', '2026-02-01', 'p'), session('L', '2026-02-10', 'p')].join('\n') + p).length, 0);
  });

  test('claims with an invalid date or no patient take no part', () => {
    const text = [session('E', '2026-02-31', 'medicare'), session('L', '2026-03-01', 'medicare')].join('\n');
    assert.equal(lines(text).length, 0);
    const noPatient = [claim({ date: 'date 2026-02-01', patient: null }, { id: 'E' }), session('L', '2026-03-01', 'medicare')].join('\n');
    assert.equal(lines(noPatient).length, 0);
  });

  test('several earlier sessions are all named and related', () => {
    const text = [
      session('A', '2026-02-01', 'medicare'),
      session('B', '2026-02-20', 'medicare'),
      session('C', '2026-03-01', 'medicare'),
    ].join('\n');
    // B is 19 days after A; C is 28 days after A and 9 after B
    const fs = of(check(text), 'repeat-interval');
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [lineOf(text, 'date 2026-02-20'), lineOf(text, 'date 2026-03-01')],
    );
    const c = fs[1];
    assert.match(c.message, /28 days after the session on 2026-02-01/);
    assert.match(c.message, /9 days after the session on 2026-02-20/);
    assert.equal(c.related.length, 2);
  });

  test('GA/GZ: info; overrides replace it; off removes it', () => {
    const text = [
      session('E', '2026-02-01', 'medicare'),
      session('L', '2026-03-01', 'medicare', { line: 'line 20552 mod RT,GA dx A' }),
    ].join('\n');
    assert.equal(of(check(text), 'repeat-interval')[0].severity, 'info');
    assert.equal(of(check(text, {}, { rules: { 'repeat-interval': 'warning' } }), 'repeat-interval')[0].severity, 'warning');
    assert.equal(of(check(text, {}, { rules: { 'repeat-interval': 'off' } }), 'repeat-interval').length, 0);
  });
});

// ----------------------------------------------------------------------------- auth-missing

describe('auth-missing', () => {
  const authPolicy = policy('auth-ppo', 'requires-auth');

  test('a TPI claim without auth whose payer requires it: warning at the claim id, naming claim and policy', () => {
    const text = claim({ payer: 'payer auth-ppo' }, { id: 'TPI-7' }) + authPolicy;
    const fs = of(check(text), 'auth-missing');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, 0, 'TPI-7');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /claim TPI-7/i);
    assert.match(fs[0].message, /policy auth-ppo/i);
  });

  test('not reported with an auth line, for a non-TPI claim, or for a payer without requires-auth', () => {
    assert.equal(of(check(claim({ payer: 'payer auth-ppo', auth: 'auth PA-1' }) + authPolicy), 'auth-missing').length, 0);
    assert.equal(
      of(check(claim({ payer: 'payer auth-ppo', line: 'line 99213 dx A', muscles: null }) + authPolicy), 'auth-missing').length,
      0,
    );
    assert.equal(of(check(claim()), 'auth-missing').length, 0, 'medicare does not require auth');
    assert.equal(
      of(check(claim({ payer: 'payer auth-ppo' }), { 'p.claim': authPolicy }), 'auth-missing').length,
      1,
      'the policy in another file',
    );
  });

  test('fix: inserts `auth ` and a placeholder after the payer line, not preferred; the claim then has an auth', () => {
    const text = claim({ payer: 'payer auth-ppo' }) + authPolicy;
    const [f] = of(check(text), 'auth-missing');
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].isPreferred, false);
    const fixed = applyEdits(text, f.fixes[0].edits);
    const lines = fixed.split('\n');
    const payerLine = lines.findIndex((l) => l.includes('payer auth-ppo'));
    assert.match(lines[payerLine + 1], /^\s+auth \S/);
    const after = check(fixed);
    assert.equal(of(after, 'auth-missing').length, 0);
    assert.equal(of(after, 'syntax').length, 0);
  });
});

// ----------------------------------------------------------------------------- multiple-regions

describe('multiple-regions', () => {
  test('muscles in two areas: warning at the first muscles keyword, naming areas and muscles', () => {
    const text = claim({ muscles: ['muscles right upper trapezius', 'muscles right quadratus lumborum'] });
    const fs = of(check(text), 'multiple-regions');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'muscles right upper'), 'muscles');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /2 areas/);
    assert.match(fs[0].message, /head, neck and upper back \(right upper trapezius\)/i);
    assert.match(fs[0].message, /low back and hip \(right quadratus lumborum\)/);
    assert.match(fs[0].message, /built-in medicare/);
  });

  test('head, neck and upper back are one area; the trapezius (neck and upper back) is one area', () => {
    const one = claim({
      muscles: 'muscles right temporalis, right upper trapezius, right rhomboid major, right levator scapulae',
      line: 'line 20553 mod RT dx A',
    });
    assert.equal(of(check(one), 'multiple-regions').length, 0);
    assert.equal(of(check(claim({ muscles: 'muscles left trapezius, left deltoid' })), 'multiple-regions').length, 0);
    assert.equal(
      of(
        check(claim({ muscles: 'muscles left gluteus medius, left quadratus lumborum', diagnosis: 'diagnosis A M79.18' })),
        'multiple-regions',
      ).length,
      0,
    );
  });

  test('arm and leg are areas of their own', () => {
    const fs = of(
      check(claim({ muscles: 'muscles right biceps brachii, right gastrocnemius', diagnosis: 'diagnosis A M79.18' })),
      'multiple-regions',
    );
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /arm \(right biceps brachii\); leg \(right gastrocnemius\)/i);
    const three = of(
      check(
        claim({
          line: 'line 20553 dx A',
          muscles: 'muscles right deltoid, right biceps brachii, right piriformis',
          diagnosis: 'diagnosis A M79.18',
        }),
      ),
      'multiple-regions',
    );
    assert.match(three[0].message, /3 areas/);
  });

  test('vague and unknown muscles are not placed in an area', () => {
    assert.equal(
      of(check(claim({ muscles: 'muscles right upper trapezius, low back, right gluteal thing' })), 'multiple-regions').length,
      0,
    );
  });

  test('only when the payer has single-region, and only on TPI claims', () => {
    const text =
      claim({ payer: 'payer p', muscles: 'muscles right upper trapezius, right quadratus lumborum' }) + policy('p', 'limit 3 per 1 years');
    assert.equal(of(check(text), 'multiple-regions').length, 0);
    const withRule =
      claim({ payer: 'payer p', muscles: 'muscles right upper trapezius, right quadratus lumborum' }) + policy('p', 'single-region');
    assert.match(of(check(withRule), 'multiple-regions')[0].message, /policy p/);
    const noTpi = claim({ line: 'line 99213 dx A', muscles: 'muscles right upper trapezius, right quadratus lumborum' });
    assert.equal(of(check(noTpi), 'multiple-regions').length, 0);
  });
});

// ----------------------------------------------------------------------------- guidance-not-covered

describe('guidance-not-covered', () => {
  for (const code of ['76942', '77002', '77021']) {
    test(`${code} with a TPI under medicare: warning at the code; the fix deletes the line`, () => {
      const text = claim({ line: ['line 20552 mod RT dx A', `line ${code} dx A`] });
      const fs = of(check(text), 'guidance-not-covered');
      assert.equal(fs.length, 1);
      assertAt(fs[0], text, lineOf(text, `line ${code}`), code);
      assert.equal(fs[0].severity, 'warning');
      assert.match(fs[0].message, new RegExp(code));
      assert.match(fs[0].message, /no-imaging-guidance/);
      assert.equal(fs[0].fixes.length, 1);
      assert.equal(fs[0].fixes[0].isPreferred, false);
      const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'guidance-not-covered');
      assert.ok(!fixed.includes(code));
      assert.ok(fixed.includes('line 20552 mod RT dx A'));
    });
  }

  test('the fix on the last line of a file without a final newline', () => {
    const text = claim({}, { extra: ['line 77002 dx A'] }).trimEnd();
    const { text: fixed } = assertFix({ 'a.claim': text }, 'a.claim', 'guidance-not-covered');
    assert.ok(!fixed.includes('77002'));
  });

  test('not reported without no-imaging-guidance, or without a TPI line', () => {
    const text = claim({ payer: 'payer p', line: ['line 20552 mod RT dx A', 'line 76942 dx A'] }) + policy('p', 'single-region');
    assert.equal(of(check(text), 'guidance-not-covered').length, 0);
    const noTpi = claim({ line: ['line 20610 dx A', 'line 76942 dx A'], muscles: null });
    assert.equal(of(check(noTpi), 'guidance-not-covered').length, 0);
  });
});

// ----------------------------------------------------------------------------- same-day-limit

describe('same-day-limit', () => {
  test('a second medicare session of a patient that day: error at its first TPI code, naming patient, payer, date and the first claim', () => {
    const text = [session('A', '2026-05-01'), session('B', '2026-05-01', 'medicare', { muscles: 'muscles right deltoid' })].join('\n');
    const fs = of(check(text), 'same-day-limit');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'line 20552', 1), '20552');
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /P-1/);
    assert.match(fs[0].message, /medicare/);
    assert.match(fs[0].message, /2026-05-01/);
    assert.match(fs[0].message, /claim A/);
    assert.deepEqual(
      fs[0].related.map((r) => [r.uri, r.range.start.line]),
      [[uriOf('a.claim'), lineOf(text, 'line 20552')]],
    );
  });

  test('whatever the modifiers, and then not modifier-76, modifier-77 or repeat-session-unmarked', () => {
    for (const mods of ['RT', 'RT,76', 'RT,77', 'RT,59']) {
      const text = [
        session('A', '2026-05-01', 'medicare', { provider: 'provider 1234567893' }),
        session('B', '2026-05-01', 'medicare', { line: `line 20552 mod ${mods} dx A`, provider: 'provider 1245319599' }),
      ].join('\n');
      const fs = check(text);
      assert.equal(of(fs, 'same-day-limit').length, 1, mods);
      for (const id of /** @type {const} */ (['modifier-76', 'modifier-77', 'repeat-session-unmarked']))
        assert.equal(of(fs, id).length, 0, `${id} with ${mods}`);
    }
  });

  test('order is file path, then line: the claim in the later file is reported', () => {
    const files = { 'b.claim': session('A-FIRST-IN-B', '2026-05-01'), 'a.claim': session('Z-IN-A', '2026-05-01') };
    const s = workspace(files);
    const fs = of(all(s), 'same-day-limit');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].uri, uriOf('b.claim'));
    assert.match(fs[0].message, /claim Z-IN-A/);
  });

  test('three sessions: every one but the first', () => {
    const text = ['A', 'B', 'C'].map((id) => session(id, '2026-05-01')).join('\n');
    assert.deepEqual(
      of(check(text), 'same-day-limit').map((f) => f.range.start.line),
      [lineOf(text, 'line 20552', 1), lineOf(text, 'line 20552', 2)],
    );
  });

  test('only sessions with the same payer count; another payer gets repeat-session-unmarked instead', () => {
    const text = [session('A', '2026-05-01', 'p'), session('B', '2026-05-01', 'medicare')].join('\n') + policy('p', 'limit 9 per 1 days');
    const fs = check(text);
    assert.equal(of(fs, 'same-day-limit').length, 0);
    assert.equal(of(fs, 'repeat-session-unmarked').length, 1);
    // medicare A, other B, medicare C: C is limited, B unmarked
    const three =
      [session('A', '2026-05-01'), session('B', '2026-05-01', 'p'), session('C', '2026-05-01')].join('\n') +
      policy('p', 'limit 9 per 1 days');
    const got = check(three);
    assert.deepEqual(
      of(got, 'same-day-limit').map((f) => f.range.start.line),
      [lineOf(three, 'line 20552', 2)],
    );
    assert.deepEqual(
      of(got, 'repeat-session-unmarked').map((f) => f.range.start.line),
      [lineOf(three, 'line 20552', 1)],
    );
  });

  test('only for a payer with one-session-per-day', () => {
    const p = policy('p', 'limit 9 per 1 days');
    const text = [session('A', '2026-05-01', 'p'), session('B', '2026-05-01', 'p', { line: 'line 20552 mod RT,76 dx A' })].join('\n') + p;
    assert.equal(of(check(text), 'same-day-limit').length, 0);
    const user = [session('A', '2026-05-01', 'p'), session('B', '2026-05-01', 'p')].join('\n') + policy('p', 'one-session-per-day');
    assert.match(of(check(user), 'same-day-limit')[0].message, /policy p/);
  });

  test('prior lines take no part; other patients and dates do not count', () => {
    const prior = session('A', '2026-05-01', 'medicare', {}, ['prior 2026-05-01 20552']);
    assert.equal(of(check(prior), 'same-day-limit').length, 0);
    const others = [
      session('A', '2026-05-01'),
      session('B', '2026-05-02'),
      session('C', '2026-05-01', 'medicare', { patient: 'patient P-2' }),
    ].join('\n');
    assert.equal(of(check(others), 'same-day-limit').length, 0);
  });

  test('claims without TPI lines or with an invalid date or no payer take no part', () => {
    const text = [
      session('A', '2026-05-01'),
      session('B', '2026-05-01', 'medicare', { line: 'line 99213 dx A', muscles: null }),
      claim({ date: 'date 2026-05-01', payer: null }, { id: 'C' }),
    ].join('\n');
    assert.equal(of(check(text), 'same-day-limit').length, 0);
  });
});

// ----------------------------------------------------------------------------- the shared corpus

describe('every fix of the family on the shared corpus keeps docs/rules.md "Fixes"', () => {
  test('Payer policy', () => fixPromiseOnCorpus('Payer policy', { exempt: ['auth-missing'] })); // placeholder-inserting fixes (docs/rules.md "Fixes")
});
