// Code lens (expected payment, session k of n) and inlay hints (muscle count) (docs/editor-features.md).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { claim, uriOf, workspace } from '../helpers.mjs';

const A = uriOf('a.claim');
const titles = (s, uri = A) => s.getCodeLenses(uri).map((l) => l.command.title);

const example = `claim TPI-2026-0142
  patient  P-88213 Jane Doe
  payer    acme-ppo
  date     2026-03-04
  auth     PA-55821
  diagnosis A M79.12
  diagnosis B G44.209
  line 20552-LT dx A,B
  line 99213-25 dx B
  line J3301 units 4 dx A
  muscles  left upper trapezius, left levator scapulae

policy acme-ppo "Acme PPO"
  limit 4 per 30 days
  limit 6 per 6 months
  requires-auth
  rate 150%
`;

describe('code lens: expected payment', () => {
  test('the Medicare national fee times the payer\'s rate, and the lines without fee data', () => {
    const s = workspace({ 'a.claim': example });
    const lenses = s.getCodeLenses(A);
    assert.equal(lenses[0].command.title, 'Expected payment $77.66: 20552 $51.77 Medicare 2026 national, non-facility x 150% (acme-ppo) · no fee data for 99213, J3301');
    assert.equal(lenses[0].command.command, '', 'information only');
    assert.deepEqual(lenses[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 19 } });
  });

  test('medicare pays 100%; the qualifying APM conversion factor when set', () => {
    const text = claim({ line: 'line 20553 mod RT dx A', muscles: 'muscles right trapezius, right rhomboid major, right levator scapulae' });
    assert.equal(titles(workspace({ 'a.claim': text }))[0], 'Expected payment $59.79: 20553 $59.79 Medicare 2026 national, non-facility');
    assert.equal(titles(workspace({ 'a.claim': text }, { qualifyingApm: true }))[0], 'Expected payment $60.09: 20553 $60.09 Medicare 2026 national, non-facility');
  });

  test('2025 at a facility: the facility RVUs', () => {
    const text = claim({ date: 'date 2025-06-02', pos: 'pos 22' });
    assert.equal(titles(workspace({ 'a.claim': text }))[0], 'Expected payment $35.26: 20552 $35.26 Medicare 2025 national, facility');
  });

  test('what the bundled data lacks is said, never estimated', () => {
    const facility2026 = titles(workspace({ 'a.claim': claim({ pos: 'pos 22' }) }))[0];
    assert.equal(facility2026, 'Expected payment: unknown (the 2026 facility RVUs of 20552 is not in the bundled data)');
    const year2024 = titles(workspace({ 'a.claim': claim({ date: 'date 2024-05-01' }) }))[0];
    assert.match(year2024, /^Expected payment: unknown \(the 2024 non-facility RVUs of 20552 and the 2024 conversion factor are not in the bundled data\)$/);
    assert.doesNotMatch(facility2026 + year2024, /\$/);
  });

  test('unknown when the payer has no policy or no rate, when there is no date, or no fee data at all', () => {
    assert.match(titles(workspace({ 'a.claim': claim({ payer: 'payer zeta' }) }))[0], /^Expected payment: unknown \(payer zeta has no policy, so no rate; 20552 \$51\.77 Medicare 2026 national, non-facility\)$/);
    assert.match(titles(workspace({ 'a.claim': claim({ payer: 'payer beta' }) + 'policy beta\n  limit 2 per 1 years\n' }))[0], /unknown \(policy beta sets no `rate`/);
    assert.match(titles(workspace({ 'a.claim': claim({ date: 'date 2026-02-30' }) }))[0], /unknown \(no valid date of service/);
    assert.equal(titles(workspace({ 'a.claim': claim({ line: 'line 99213 dx A', muscles: null }) }))[0], 'Expected payment: unknown (no fee data for 99213: ClaimNote bundles Medicare fees for 20552 and 20553 only)');
  });

  test('a second trigger point line is not paid', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20552 mod RT dx A'] });
    assert.match(titles(workspace({ 'a.claim': text }))[0], /^Expected payment \$51\.77: .* · 1 more trigger point line not paid \(MUE 1 a day\)$/);
  });
});

describe('code lens: session k of n', () => {
  test('one lens per limit of the payer, counted as frequency-limit counts', () => {
    const s = workspace({ 'a.claim': example });
    assert.deepEqual(titles(s).slice(1), ['acme-ppo: session 1 of 4 allowed in 30 days', 'acme-ppo: session 1 of 6 allowed in 6 months']);
  });

  test('earlier claims and prior lines count; over the limit is said, as frequency-limit reports it', () => {
    const files = {
      'a.claim': claim({ date: 'date 2026-01-10' }, { id: 'S-1', extra: ['prior 2025-09-01 20552 right upper trapezius'] }),
      'b.claim': claim({ date: 'date 2026-03-01' }, { id: 'S-2' }),
      'c.claim': claim({ date: 'date 2026-06-01' }, { id: 'S-3' }),
    };
    const s = workspace(files);
    assert.deepEqual(titles(s, uriOf('a.claim')).slice(1), ['medicare: session 2 of 3 allowed in 12 months']);
    assert.deepEqual(titles(s, uriOf('b.claim')).slice(1), ['medicare: session 3 of 3 allowed in 12 months']);
    assert.deepEqual(titles(s, uriOf('c.claim')).slice(1), ['medicare: session 4 of 3 allowed in 12 months (over the limit)']);
    for (const name of Object.keys(files)) {
      const over = titles(s, uriOf(name)).some((t) => t.includes('over the limit'));
      const reported = s.findings(uriOf(name)).some((f) => f.code === 'frequency-limit');
      assert.equal(over, reported, `${name}: the lens and the diagnostic agree`);
    }
  });

  test('weeks in days, a payer without limits, no lens for a claim without a session', () => {
    const weeks = workspace({ 'a.claim': claim({ payer: 'payer w' }) + 'policy w\n  limit 2 per 2 weeks\n  rate 100%\n' });
    assert.deepEqual(titles(weeks).slice(1), ['w: session 1 of 2 allowed in 14 days']);
    const none = workspace({ 'a.claim': claim({ payer: 'payer n' }) + 'policy n\n  rate 90%\n' });
    assert.deepEqual(titles(none).slice(1), ['n: no session limit']);
    assert.equal(titles(workspace({ 'a.claim': claim({ patient: null }) })).length, 1, 'no patient: payment only');
    assert.equal(titles(workspace({ 'a.claim': claim({ line: 'line 99213 dx A' }) })).length, 1, 'not a TPI claim: payment only');
  });
});

describe('inlay hints: muscle count on TPI lines', () => {
  test('at the end of each TPI line, before its comment; none on other lines', () => {
    const text = claim({ line: ['line 20552 mod RT dx A  # first', 'line 99213-25 dx A'], muscles: 'muscles bilateral trapezius, right rhomboid major' });
    const s = workspace({ 'a.claim': text });
    const hints = s.getInlayHints(A);
    assert.equal(hints.length, 1);
    const line = text.split('\n')[hints[0].position.line];
    assert.equal(line.slice(0, hints[0].position.character), '  line 20552 mod RT dx A');
    assert.equal(hints[0].label, '3 muscles');
    assert.equal(hints[0].paddingLeft, true);
    assert.match(hints[0].tooltip, /left trapezius, right trapezius, right rhomboid major/);
    assert.match(hints[0].tooltip, /20553 is the code for three or more/);
  });

  test('one muscle, no muscles; only lines in the range', () => {
    const one = workspace({ 'a.claim': claim() });
    assert.equal(one.getInlayHints(A)[0].label, '1 muscle');
    const none = workspace({ 'a.claim': claim({ muscles: null }) });
    assert.equal(none.getInlayHints(A)[0].label, 'no muscles listed');
    const two = claim() + claim({}, { id: 'C-2' });
    const s = workspace({ 'a.claim': two });
    assert.equal(s.getInlayHints(A).length, 2);
    const second = two.split('\n').findIndex((l, i) => i > 5 && l.includes('line 20552'));
    assert.deepEqual(s.getInlayHints(A, { start: { line: second, character: 0 }, end: { line: second + 1, character: 0 } }).map((h) => h.position.line), [second]);
  });
});
