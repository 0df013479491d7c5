// Pathological documents through the server, small (the full sizes: `npm run fuzz -- --pathological`):
// each opens, is checked, edited and answered within a bound far above what it takes, so that a
// quadratic path shows as a failure rather than as a slow test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCase, CASES } from './pathological.mjs';
import { workspace, uriOf, claim } from '../helpers.mjs';

// (scale: a fraction of the full size; ms: the bound for opening or editing it)
const SMALL = {
  'long-line': [0.1, 5000],
  'long-line-no-break': [0.1, 5000],
  'million-lines': [0.02, 8000],
  'million-comment-lines': [0.05, 5000],
  'many-diagnostics': [0.05, 5000],
  'one-id': [0.05, 8000],
  'one-patient': [0.05, 8000],
  'many-muscles': [0.1, 5000],
};

for (const [name, [scale, ms]] of Object.entries(SMALL)) {
  test(`${CASES[name][0]}, at ${scale} of the size: served within bounds`, async () => {
    const f = await runCase(name, scale, { timeoutMs: 30_000 });
    assert.ok(f.ok, f.error);
    assert.ok(f.openMs < ms && f.editMs < ms, JSON.stringify(f));
    for (const [k, v] of Object.entries(f)) if (k.endsWith('Ms')) assert.ok(v < ms, `${k}: ${v} ms: ${JSON.stringify(f)}`);
  });
}

test('duplicate-claim-id points at 20 other claims at most (every claim listing every other was quadratic)', () => {
  const c = claim({}, { id: 'SAME' });
  const s = workspace({ 'a.claim': (c + '\n').repeat(30) });
  const dups = s.findings(uriOf('a.claim')).filter((f) => f.code === 'duplicate-claim-id');
  assert.equal(dups.length, 30);
  for (const d of dups) {
    assert.equal(d.related.length, 20);
    assert.ok(!d.related.some((r) => r.range.start.line === d.range.start.line), 'never itself');
    assert.match(d.message, /used by 30 claims/);
  }
  const two = workspace({ 'a.claim': c, 'b.claim': c });
  assert.equal(two.findings(uriOf('a.claim')).find((f) => f.code === 'duplicate-claim-id').related.length, 1);
});

test('frequency-limit and repeat-interval point at 20 other sessions at most, and list 10 dates at most', () => {
  const parts = [];
  for (let i = 0; i < 60; i++) parts.push(claim({ date: `date 2026-01-${String(1 + (i % 30)).padStart(2, '0')}` }, { id: `OP-${i}` }));
  const findings = workspace({ 'a.claim': parts.join('\n') }).findings(uriOf('a.claim'));
  const freq = findings.filter((f) => f.code === 'frequency-limit'),
    interval = findings.filter((f) => f.code === 'repeat-interval');
  assert.ok(freq.length > 20 && interval.length > 20);
  for (const f of [...freq, ...interval]) assert.ok(f.related.length <= 20, `${f.code}: ${f.related.length} related`);
  const last = freq[freq.length - 1];
  assert.equal(last.related.length, 20);
  assert.match(last.message, /30 sessions in the 12 months from \S+ to \S+ \((\d{4}-\d\d-\d\d, ){10}\.\.\. and 20 more\)/);
  // a few sessions: every one listed, as before
  const few = workspace({
    'a.claim': [1, 2, 3, 4].map((d) => claim({ date: `date 2026-0${d}-01` }, { id: `F-${d}` })).join('\n'),
  }).findings(uriOf('a.claim'));
  const f4 = few.find((f) => f.code === 'frequency-limit');
  assert.equal(f4.related.length, 3);
  assert.match(f4.message, /\(2026-01-01, 2026-02-01, 2026-03-01, 2026-04-01\)/);
});
