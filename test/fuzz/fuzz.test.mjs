// A bounded fuzz run through the real server (see harness.mjs): a fixed seed, so that `npm test`
// checks the same sessions every time (FUZZ_SEED and FUZZ_REQUESTS change them). A failure
// names its seed and step; `npm run fuzz -- --seed <seed> --requests <n>` replays it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from './harness.mjs';

const seed = Number(process.env.FUZZ_SEED ?? 20261203);
const requests = Number(process.env.FUZZ_REQUESTS ?? 6000);

test(`fuzzing the server over stdio: ${requests} requests, seed ${seed}`, async () => {
  const stats = await fuzz({ seed, requests });
  assert.ok(stats.requests >= requests, `${stats.requests} requests sent`);
  // the run reached every kind of step
  assert.ok(stats.edits > 100 && stats.checks > 50 && stats.fixesApplied > 5 && stats.errorsExpected > 10, JSON.stringify(stats));
});
