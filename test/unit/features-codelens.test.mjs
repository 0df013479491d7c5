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

const tips = (s, uri = A) => s.getCodeLenses(uri).map((l) => l.command.tooltip);

describe('code lens: expected payment', () => {
  test('one short lens per fact; the computation and the lines without fee data in its tooltip', () => {
    const s = workspace({ 'a.claim': example });
    const lenses = s.getCodeLenses(A);
    assert.equal(lenses[0].command.title, 'Expected $77.66');
    assert.equal(
      lenses[0].command.tooltip,
      '20552 $51.77: Medicare 2026 national, non-facility. x 150% (acme-ppo) = $77.66.\nNational amount (GPCIs of 1): no locality, deductible, coinsurance or multiple-procedure reduction.\nNo fee data for 99213, J3301: ClaimNote bundles Medicare fees for 20552 and 20553 only.',
    );
    assert.equal(lenses[0].command.command, '', 'information only');
    assert.deepEqual(lenses[0].command.arguments, [{ tooltip: lenses[0].command.tooltip }], 'the tooltip where LSP 3.17 clients keep it');
    assert.deepEqual(lenses[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 19 } });
    for (const l of lenses) assert.ok(l.command.title.length <= 40, `short: ${l.command.title}`);
  });

  test('medicare pays 100%; the qualifying APM conversion factor when set', () => {
    const text = claim({
      line: 'line 20553 mod RT dx A',
      muscles: 'muscles right trapezius, right rhomboid major, right levator scapulae',
    });
    assert.equal(titles(workspace({ 'a.claim': text }))[0], 'Expected $59.79');
    assert.match(
      tips(workspace({ 'a.claim': text }))[0],
      /^20553 \$59\.79: Medicare 2026 national, non-facility\. Payer medicare pays 100% of it\./,
    );
    assert.equal(titles(workspace({ 'a.claim': text }, { qualifyingApm: true }))[0], 'Expected $60.09');
  });

  test('2025 at a facility: the facility RVUs', () => {
    const text = claim({ date: 'date 2025-06-02', pos: 'pos 22' });
    assert.equal(titles(workspace({ 'a.claim': text }))[0], 'Expected $35.26');
    assert.match(tips(workspace({ 'a.claim': text }))[0], /Medicare 2025 national, facility/);
  });

  test('what the bundled data lacks is said, never estimated', () => {
    const s2026 = workspace({ 'a.claim': claim({ pos: 'pos 22' }) });
    assert.equal(titles(s2026)[0], 'Expected payment unknown');
    assert.match(tips(s2026)[0], /^The 2026 facility RVUs of 20552 is not in the bundled data\.$/);
    const s2024 = workspace({ 'a.claim': claim({ date: 'date 2024-05-01' }) });
    assert.match(tips(s2024)[0], /^The 2024 non-facility RVUs of 20552 and the 2024 conversion factor are not in the bundled data\.$/);
    assert.doesNotMatch(titles(s2026)[0] + titles(s2024)[0] + tips(s2026)[0] + tips(s2024)[0], /\$/);
  });

  test('unknown when the payer has no policy or no rate, when there is no date, or no fee data at all', () => {
    const zeta = workspace({ 'a.claim': claim({ payer: 'payer zeta' }) });
    assert.equal(titles(zeta)[0], 'Expected payment unknown');
    assert.match(tips(zeta)[0], /^Payer zeta has no policy, so no rate\. 20552 \$51\.77: Medicare 2026 national, non-facility\.$/);
    assert.match(
      tips(workspace({ 'a.claim': claim({ payer: 'payer beta' }) + 'policy beta\n  limit 2 per 1 years\n' }))[0],
      /Policy beta sets no rate/,
    );
    assert.match(tips(workspace({ 'a.claim': claim({ date: 'date 2026-02-30' }) }))[0], /No valid date of service/);
    const em = workspace({ 'a.claim': claim({ line: 'line 99213 dx A', muscles: null }) });
    assert.deepEqual(
      [titles(em)[0], tips(em)[0]],
      ['Expected payment unknown', 'No fee data for 99213: ClaimNote bundles Medicare fees for 20552 and 20553 only.'],
    );
  });

  test('a second trigger point line is not paid: a lens of its own', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20552 mod RT dx A'] });
    assert.deepEqual(titles(workspace({ 'a.claim': text })).slice(0, 2), ['Expected $51.77', '1 more TPI line not paid']);
  });

  test('what the payer covers, not the catalogue: an excluded diagnosis is an expected denial, with the GA/ABN way to bill it', () => {
    const text = claim({ diagnosis: 'diagnosis A M79.7' });
    const s = workspace({ 'a.claim': text });
    assert.ok(s.findings(A).some((f) => f.code === 'dx-not-covered'));
    assert.equal(titles(s)[0], 'Expected denial: M79.7 excluded (medicare)');
    assert.doesNotMatch(titles(s).join(' ') + tips(s)[0], /\$51\.77/);
    assert.match(tips(s)[0], /M79\.7 is excluded by the built-in medicare policy/);
    assert.match(tips(s)[0], /add GA with an advance beneficiary notice \(ABN\) on file/);
    // GA on the line: the denial is noted, no advice to add it
    const ga = workspace({ 'a.claim': claim({ diagnosis: 'diagnosis A M79.7', line: 'line 20552 mod RT,GA dx A' }) });
    assert.match(tips(ga)[0], /GA\/GZ on the line/);
    // a payer's own covers list: outside it is not covered; no Medicare advice for another payer
    const own = workspace({
      'a.claim': claim({ payer: 'payer acme', diagnosis: 'diagnosis A M62.838' }) + 'policy acme\n  rate 100%\n  covers M79.1\n',
    });
    assert.equal(titles(own)[0], 'Expected denial: M62.838 not covered (acme)');
    assert.doesNotMatch(tips(own)[0], /ABN/);
    // covered: a payment
    assert.equal(
      titles(workspace({ 'a.claim': claim({ payer: 'payer acme' }) + 'policy acme\n  rate 100%\n  covers M79.1\n' }))[0],
      'Expected $51.77',
    );
  });
});

describe('code lens: session k of n', () => {
  test('one lens per limit of the payer, counted as frequency-limit counts', () => {
    const s = workspace({ 'a.claim': example });
    assert.deepEqual(titles(s).slice(1), ['Session 1 of 4 (acme-ppo, 30 days)', 'Session 1 of 6 (acme-ppo, 6 months)']);
    assert.match(
      tips(s)[1],
      /^Sessions of patient P-88213 with acme-ppo from 2026-02-03 to 2026-03-04: 2026-03-04\. Limit 4 per 30 days: policy acme-ppo\.$/,
    );
  });

  test('earlier claims and prior lines count; over the limit is said, as frequency-limit reports it', () => {
    const files = {
      'a.claim': claim({ date: 'date 2026-01-10' }, { id: 'S-1', extra: ['prior 2025-09-01 20552 right upper trapezius'] }),
      'b.claim': claim({ date: 'date 2026-03-01' }, { id: 'S-2' }),
      'c.claim': claim({ date: 'date 2026-06-01' }, { id: 'S-3' }),
    };
    const s = workspace(files);
    assert.deepEqual(titles(s, uriOf('a.claim')).slice(1), ['Session 2 of 3 (medicare, 12 months)']);
    assert.deepEqual(titles(s, uriOf('b.claim')).slice(1), ['Session 3 of 3 (medicare, 12 months)']);
    assert.deepEqual(titles(s, uriOf('c.claim')).slice(1), ['Session 4 of 3, over the limit (medicare, 12 months)']);
    for (const name of Object.keys(files)) {
      const over = titles(s, uriOf(name)).some((t) => t.includes('over the limit'));
      const reported = s.findings(uriOf(name)).some((f) => f.code === 'frequency-limit');
      assert.equal(over, reported, `${name}: the lens and the diagnostic agree`);
    }
  });

  test('weeks in days, a payer without limits, no lens for a claim without a session', () => {
    const weeks = workspace({ 'a.claim': claim({ payer: 'payer w' }) + 'policy w\n  limit 2 per 2 weeks\n  rate 100%\n' });
    assert.deepEqual(titles(weeks).slice(1), ['Session 1 of 2 (w, 14 days)']);
    const none = workspace({ 'a.claim': claim({ payer: 'payer n' }) + 'policy n\n  rate 90%\n' });
    assert.deepEqual(titles(none).slice(1), ['No session limit (n)']);
    assert.equal(titles(workspace({ 'a.claim': claim({ patient: null }) })).length, 1, 'no patient: payment only');
    assert.equal(titles(workspace({ 'a.claim': claim({ line: 'line 99213 dx A' }) })).length, 1, 'not a TPI claim: payment only');
  });
});

describe('inlay hints: muscle count on TPI lines', () => {
  test('at the end of each TPI line, before its comment; none on other lines', () => {
    const text = claim({
      line: ['line 20552 mod RT dx A  # first', 'line 99213-25 dx A'],
      muscles: 'muscles bilateral trapezius, right rhomboid major',
    });
    const s = workspace({ 'a.claim': text });
    const hints = s.getInlayHints(A);
    assert.equal(hints.length, 1);
    const line = text.split('\n')[hints[0].position.line];
    assert.equal(line.slice(0, hints[0].position.character), '  line 20552 mod RT dx A');
    assert.equal(hints[0].label, '· 3 muscles');
    assert.equal(hints[0].paddingLeft, true);
    assert.match(hints[0].tooltip, /left trapezius, right trapezius, right rhomboid major/);
    assert.match(hints[0].tooltip, /20553 is the code for three or more/);
  });

  test('one muscle, no muscles; only lines in the range', () => {
    const one = workspace({ 'a.claim': claim() });
    assert.equal(one.getInlayHints(A)[0].label, '· 1 muscle');
    const none = workspace({ 'a.claim': claim({ muscles: null }) });
    assert.equal(none.getInlayHints(A)[0].label, '· no muscles listed');
    const two = claim() + claim({}, { id: 'C-2' });
    const s = workspace({ 'a.claim': two });
    assert.equal(s.getInlayHints(A).length, 2);
    const second = two.split('\n').findIndex((l, i) => i > 5 && l.includes('line 20552'));
    assert.deepEqual(
      s.getInlayHints(A, { start: { line: second, character: 0 }, end: { line: second + 1, character: 0 } }).map((h) => h.position.line),
      [second],
    );
  });
});

test('a client that names its preview command gets a "Preview claim form" lens on each claim, running it with the claim', () => {
  const text = claim() + '\n' + claim({}, { id: 'C-2' });
  const s = workspace({ 'a.claim': text }, { formPreviewCommand: 'claimnote.previewForm' });
  const previews = s.getCodeLenses(A).filter((l) => l.command.title === 'Preview claim form');
  assert.deepEqual(
    previews.map((l) => l.command.arguments[0]),
    [
      { uri: A, line: 0 },
      { uri: A, line: text.split('\n').indexOf('claim C-2') },
    ],
  );
  assert.ok(previews.every((l) => l.command.command === 'claimnote.previewForm'));
  assert.ok(
    !workspace({ 'a.claim': text })
      .getCodeLenses(A)
      .some((l) => l.command.title === 'Preview claim form'),
    'no command, no lens',
  );
});
