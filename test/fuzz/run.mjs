#!/usr/bin/env node
// The long fuzz run (`npm run fuzz -- [options]`) and the pathological documents
// (`npm run fuzz -- --pathological`). Options:
//   --requests N   stop after about N requests (default 100000)
//   --seconds S    or after S seconds (default: no limit)
//   --seed N       the first seed (default: from the clock; printed)
//   --runs N       runs one after another, seeds N, N+1, ... (default 1; each run a new server)
//   --json FILE    write the figures as JSON
// A failure prints its seed and step: `npm run fuzz -- --seed <seed> --requests <n>` replays it.
import { writeFileSync } from 'node:fs';
import { COUNTED, fuzz, progress } from './harness.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) {
    console.error(`--${name} needs a value`);
    process.exit(2);
  }
  return v;
};
const num = (name, fallback) => {
  const v = opt(name, undefined);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a number from 0, not ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return n;
};
for (const a of args) {
  if (
    a.startsWith('--') &&
    !['--requests', '--seconds', '--seed', '--runs', '--json', '--pathological', '--cases', '--scale'].includes(a)
  ) {
    console.error(`unknown option ${a}`);
    process.exit(2);
  }
}

if (args.includes('--pathological')) {
  const { runPathological } = await import('./pathological.mjs');
  await runPathological({ scale: num('scale', 1), cases: opt('cases', undefined)?.split(','), json: opt('json', undefined) });
  process.exit(0);
}

const requests = num('requests', 100000),
  seconds = num('seconds', Infinity),
  runs = Math.max(1, num('runs', 1));
const first = num('seed', Date.now() % 1_000_000_000);
/** @type {any} the totals over runs: the counted figures, runs, seeds, failures, seconds, peak memory */
const total = { runs: 0, seeds: [], ...Object.fromEntries(COUNTED.map((k) => [k, 0])), failures: 0, seconds: 0, peakRssMB: 0 };
const t0 = Date.now();
console.log(`fuzz: ${runs} run(s) of up to ${requests} requests${Number.isFinite(seconds) ? ` or ${seconds} s` : ''}, first seed ${first}`);
for (let i = 0; i < runs; i++) {
  const seed = first + i;
  const left = seconds - (Date.now() - t0) / 1000;
  if (left <= 0) break;
  try {
    const s = await fuzz({ seed, requests, seconds: left, log: (m) => console.log(`[seed ${seed}] ${m}`) });
    total.runs++;
    total.seeds.push(seed);
    for (const k of COUNTED) total[k] += s[k];
    total.peakRssMB = Math.max(total.peakRssMB, s.peakRssMB);
    console.log(`[seed ${seed}] done: ${progress(s, Date.now() - s.seconds * 1000)}`);
  } catch (e) {
    total.failures++;
    console.error(`\nFAILED with seed ${seed}: ${e.message}`);
    if (e.logs?.length) console.error(`server log (last lines):\n${e.logs.map((l) => l.message).join('\n')}`);
    console.error(`replay: npm run fuzz -- --seed ${seed} --requests ${requests}`);
  }
}
total.seconds = Math.round((Date.now() - t0) / 1000);
console.log(
  `\nfuzz total: ${total.runs} run(s), ${total.requests} requests, ${total.sessions} sessions, ${total.documents} documents, ${total.edits} edits (${total.changes} content changes), ${total.checks} diagnostics checks against a fresh check, ${total.fixesApplied} fixes applied, ${total.errorsExpected} InvalidParams on purpose, ${total.refused} renames refused, ${total.cancelled} requests cancelled, ${total.noise} bursts of malformed traffic, ${total.reopened} documents reopened, ${total.failures} failure(s), ${total.seconds} s, server peak RSS ${total.peakRssMB} MB`,
);
const json = opt('json', undefined);
if (json) writeFileSync(json, JSON.stringify(total, null, 2) + '\n');
process.exit(total.failures ? 1 : 0);
