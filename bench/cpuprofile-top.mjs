#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time,
// and the most inclusive time (a function counted once per sample however deep it recurses).
//
//   node bench/cpuprofile-top.mjs <file.cpuprofile> [N=10]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [file, nArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpuprofile-top.mjs <file.cpuprofile> [N]');
  process.exit(2);
}
const N = Number(nArg ?? 10);
const prof = JSON.parse(readFileSync(file, 'utf8'));

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n) => {
  const f = n.callFrame;
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  return `${name} ${basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
};

// time of sample i: the delta to the next sample (the last one gets the mean interval)
const total = prof.endTime - prof.startTime;
const mean = total / Math.max(1, prof.samples.length);
const self = new Map();
const incl = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? mean;
  const node = byId.get(prof.samples[i]);
  const l = label(node);
  self.set(l, (self.get(l) ?? 0) + dt);
  const seen = new Set();
  for (let id = node.id; id !== undefined; id = parent.get(id)) {
    const ln = label(byId.get(id));
    if (seen.has(ln)) continue;
    seen.add(ln);
    incl.set(ln, (incl.get(ln) ?? 0) + dt);
  }
}

const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + '%';
const ms = (us) => (us / 1000).toFixed(0).padStart(7) + ' ms';
/**
 * @param {string} title
 * @param {Map<string, number>} map
 * @param {(label: string) => boolean} [skip] the labels to leave out
 */
const show = (title, map, skip = () => false) => {
  console.log(title);
  [...map]
    .filter(([k]) => !skip(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, N)
    .forEach(([k, v], i) => console.log(`${String(i + 1).padStart(3)}. ${ms(v)} ${pct(v)}  ${k}`));
};
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, ${prof.samples.length} samples`);
show(`\ntop ${N} by self time`, self);
show(`\ntop ${N} by inclusive time (without the root and program frames)`, incl, (k) =>
  /^\((root|program|idle|garbage collector)\)/.test(k),
);
