// Pathological documents through the server, small (the full sizes: `npm run fuzz -- --pathological`):
// each opens, is checked, edited and answered within a bound far above what it takes, so that a
// quadratic path shows as a failure rather than as a slow test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCase, CASES } from './pathological.mjs';
import { workspace, uriOf, claim } from '../helpers.mjs';

// (scale: a fraction of the full size; ms: the bound for opening or editing it)
const SMALL = {
  'long-line': [0.1, 5000], 'long-line-no-break': [0.1, 5000], 'million-lines': [0.02, 8000], 'million-comment-lines': [0.05, 5000],
  'many-diagnostics': [0.05, 5000], 'one-id': [0.05, 8000], 'many-muscles': [0.1, 5000],
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
