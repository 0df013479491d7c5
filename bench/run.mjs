#!/usr/bin/env node
// The ClaimNote benchmark suite (`npm run bench`; not part of `npm test`). See docs/performance.md.
//
//   node bench/run.mjs [--only cli,server,bundle] [--runs N] [--edits N] [--timeout-scale X] [--no-package]
//                      [--no-folder] [--cpu-prof] [--no-save] [--update-docs] [--docs-from-latest]
//                      [--write-reference] [--cli PATH]
//
// Measures the built bundles (server/out/*.js: run `npm run build` first; `npm run bench` does):
//   - the CLI over the generated 100,000-claim workspace: wall time, CPU time, peak RSS, and the
//     ratio to `JSON.parse` of the same claims written as JSON, timed in the same run;
//   - the language server over stdio on the 20,000-claim document: process start to the
//     `initialize` reply, didOpen to the first publishDiagnostics, one-character edits to the
//     publishDiagnostics of their version (p50/p95), peak RSS;
//   - bundle sizes: server/out/server.js and the .vsix.
// Prints a table and writes bench/results/latest.json plus a dated copy. Every measurement has
// a timeout; child processes are killed (their whole process group) on timeout, error or Ctrl-C.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync, statSync, openSync, closeSync, readSync, rmSync, fstatSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { createHash } from 'node:crypto';
import { ensureData, DEFAULTS } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const DATA = join(here, '.data');
const RESULTS = join(here, 'results');

// ------------------------------------------------------------------ child: the JSON.parse baseline

if (process.argv[2] === '--json-baseline') {
  // node --expose-gc bench/run.mjs --json-baseline FILE REPS: prints {bytes, items, ms: [...]}
  const [file, reps] = [process.argv[3], Number(process.argv[4] ?? 5)];
  const text = readFileSync(file, 'utf8');
  const ms = [];
  const cpuMs = [];
  let items = 0;
  for (let i = -1; i < reps; i++) { // i = -1: a warm-up parse, not counted
    globalThis.gc?.();
    const c = process.cpuUsage();
    const t = performance.now();
    let v = JSON.parse(text);
    const dt = performance.now() - t;
    const dc = process.cpuUsage(c);
    if (i >= 0) { ms.push(dt); cpuMs.push((dc.user + dc.system) / 1000); }
    items = v.length;
    v = null;
  }
  process.stdout.write(JSON.stringify({ bytes: Buffer.byteLength(text), items, ms, cpuMs }));
  process.exit(0);
}

// ------------------------------------------------------------------ options

let runsAsked;
const opts = { only: new Set(['cli', 'server', 'bundle']), runs: 3, edits: 30, timeoutScale: 1, package: true, folder: true, cpuProf: false, save: true };
{
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--only') opts.only = new Set(args[++i].split(','));
    else if (a === '--edits') opts.edits = Number(args[++i]);
    else if (a === '--runs') {
      const n = args[++i];
      if (!/^[1-9]\d*$/.test(n ?? '')) { console.error(`--runs takes a whole number of runs, 1 or more, not \`${n ?? ''}\``); process.exit(2); }
      runsAsked = Number(n);
    }
    else if (a === '--timeout-scale') opts.timeoutScale = Number(args[++i]);
    else if (a === '--no-package') opts.package = false;
    else if (a === '--no-folder') opts.folder = false;
    else if (a === '--cpu-prof') { opts.cpuProf = true; opts.save = false; }
    else if (a === '--no-save') opts.save = false;
    else if (a === '--update-docs') opts.updateDocs = true;
    else if (a === '--docs-from-latest') opts.docsFromLatest = true;
    else if (a === '--write-reference') opts.writeReference = true;
    else if (a === '--cli') opts.cli = args[++i];
    else {
      console.error('usage: node bench/run.mjs [--only cli,server,bundle] [--runs N] [--edits N] [--timeout-scale X] [--no-package] [--no-folder] [--cpu-prof] [--no-save] [--update-docs] [--docs-from-latest] [--write-reference] [--cli PATH]');
      process.exit(2);
    }
  }
}
// one profile per program: --cpu-prof makes one run, whatever --runs says
if (runsAsked !== undefined) opts.runs = runsAsked;
if (opts.cpuProf) opts.runs = 1;
const T = (ms) => Math.round(ms * opts.timeoutScale);
const TIMEOUTS = { jsonBaseline: T(180_000), cli: T(300_000), init: T(30_000), open: T(300_000), edit: T(60_000), shutdown: T(10_000), package: T(300_000) };

// ------------------------------------------------------------------ child process bookkeeping

const children = new Set();
function killGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, 'SIGKILL'); } catch { try { child.kill('SIGKILL'); } catch { /* gone */ } }
}
function killAll() { for (const c of children) killGroup(c); }
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { killAll(); process.exit(130); });
process.on('uncaughtException', (e) => { console.error(e); killAll(); process.exit(1); });
process.on('unhandledRejection', (e) => { console.error(e); killAll(); process.exit(1); });

/** Spawns in its own process group (so a timeout kills it and its children), tracked for clean-up. */
function start(cmd, args, options = {}) {
  const child = spawn(cmd, args, { cwd: root, detached: true, ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

class Timeout extends Error { constructor(what, ms) { super(`${what}: timed out after ${(ms / 1000).toFixed(0)} s`); this.timedOut = true; } }

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([promise, new Promise((_, reject) => { t = setTimeout(() => reject(new Timeout(what, ms)), ms); })]).finally(() => clearTimeout(t));
}

/** Runs a command to completion; resolves with {code, stdout, stderr, ms}; rejects with Timeout. */
async function runCommand(cmd, args, ms, what, options = {}) {
  const child = start(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => { stdout += d; });
  child.stderr?.on('data', (d) => { stderr += d; });
  const t0 = performance.now();
  try {
    const { code, signal } = await withTimeout(exited(child), ms, what);
    return { code, signal, stdout, stderr, ms: performance.now() - t0 };
  } catch (e) { killGroup(child); throw e; }
}

/** VmHWM (peak resident set) and VmRSS of a process in bytes, from /proc; undefined when unavailable. */
function procMemory(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => { const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s); return m ? Number(m[1]) * 1024 : undefined; };
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch { return undefined; }
}

let clockTicks;
/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; undefined when unavailable. */
function procCpuMs(pid) {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch { clockTicks = 100; }
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / clockTicks;
  } catch { return undefined; }
}

/** Polls a process's peak RSS every `every` ms; `.peak` holds the largest VmHWM seen. */
function memoryPoller(pid, every = 50) {
  const p = { peak: 0, stop() { clearInterval(timer); this.read(); }, read() { const m = procMemory(pid); if (m?.hwm) this.peak = Math.max(this.peak, m.hwm); } };
  const timer = setInterval(() => p.read(), every);
  p.read();
  return p;
}

// ------------------------------------------------------------------ results

const metrics = [];
const details = {};
/** Each run's diagnostics per rule, for the reference check (the details keep the chosen run's). */
const runDiagnostics = { cli: undefined, server: undefined };
const MB = 1e6;
const fmt = {
  ms: (v) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`),
  bytes: (v) => (v >= 1e9 ? `${(v / 1e9).toFixed(2)} GB` : v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : `${(v / 1e3).toFixed(0)} kB`),
  x: (v) => `${v.toFixed(1)}x`,
};

/**
 * Records one figure. `value` undefined with a `status` ("timed out", "failed", "not run")
 * reports why there is no figure; such a figure fails its target.
 */
function metric(id, label, unit, value, target, status = 'ok', note) {
  const pass = status === 'ok' && value !== undefined && value < target;
  const m = { id, label, unit, value: value === undefined ? null : Math.round(value * 100) / 100, target: { lessThan: target }, pass, status };
  if (note) m.note = note;
  metrics.push(m);
  return m;
}
// "at most 8x" is a <= target: keep the semantics explicit
function metricAtMost(id, label, unit, value, target, status = 'ok', note) {
  const m = metric(id, label, unit, value, target, status, note);
  m.target = { atMost: target };
  m.pass = status === 'ok' && value !== undefined && value <= target;
  return m;
}

function percentile(sorted, p) {
  if (!sorted.length) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
/** The middle value; of an even count, the greater of the two middle ones (a run is chosen, not a mean made). */
const median = (xs) => { const sorted = [...xs].sort((a, b) => a - b); return sorted[Math.floor(sorted.length / 2)]; };

function log(s) { process.stderr.write(s + '\n'); }

// ------------------------------------------------------------------ JSON.parse baseline

async function jsonBaseline(file, reps) {
  const r = await runCommand(process.execPath, ['--expose-gc', join(here, 'run.mjs'), '--json-baseline', file, String(reps)], TIMEOUTS.jsonBaseline, `JSON.parse ${relative(root, file)}`);
  if (r.code !== 0) throw new Error(`JSON.parse baseline failed: ${r.stderr.slice(-500)}`);
  const out = JSON.parse(r.stdout);
  return { ...out, medianMs: median(out.ms), medianCpuMs: median(out.cpuMs) };
}

// ------------------------------------------------------------------ reference diagnostics

/**
 * The benchmark measures the real thing only if the engine still reports what it should: the
 * diagnostics per rule of the CLI over the workspace and of the server on opening the document
 * are compared with bench/reference-counts.json (written by --write-reference from a CLI known
 * to be right, for this seed and generator version). A difference fails the run.
 */
const REFERENCE = join(here, 'reference-counts.json');

function countByRule(diagnostics) {
  const c = {};
  for (const x of diagnostics) c[x.code] = (c[x.code] ?? 0) + 1;
  return Object.fromEntries(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));
}

function diffCounts(want, got) {
  const out = [];
  for (const k of [...new Set([...Object.keys(want), ...Object.keys(got)])].sort()) {
    if ((want[k] ?? 0) !== (got[k] ?? 0)) out.push(`${k} ${want[k] ?? 0} -> ${got[k] ?? 0}`);
  }
  return out;
}

function loadReference(manifest) {
  if (!existsSync(REFERENCE)) return { why: 'no bench/reference-counts.json (node bench/run.mjs --write-reference)' };
  const r = JSON.parse(readFileSync(REFERENCE, 'utf8'));
  const same = r.data?.generator === manifest.generator && r.data?.seed === manifest.seed && r.data?.errorRate === manifest.errorRate &&
    JSON.stringify(r.data?.params) === JSON.stringify(manifest.params);
  return same ? { reference: r } : { why: 'bench/reference-counts.json is for other data (seed, parameters or generator version): rewrite it with --write-reference' };
}

/** Compares every run's diagnostics per rule (`runs`: one count per run, undefined for a run that gave none) with the reference. */
function checkReference(id, label, want, runs, why) {
  const m = { id, label, unit: 'check', value: null, target: { equals: 'reference' }, pass: false, status: 'ok', check: true };
  const got = (runs ?? []).filter(Boolean);
  if (!want) { m.status = 'no reference'; m.note = why; m.pass = true; }
  else if (!got.length) { m.status = 'not run'; m.note = 'no diagnostics to compare'; }
  else {
    const k = got.findIndex((g) => diffCounts(want, g).length > 0);
    const diff = k < 0 ? [] : diffCounts(want, got[k]);
    m.pass = diff.length === 0;
    m.value = m.pass ? 'same' : `${diff.length} rule${diff.length === 1 ? '' : 's'} differ`;
    if (diff.length) m.note = `diagnostics per rule${got.length > 1 ? ` (run ${k + 1})` : ''} differ from bench/reference-counts.json: ${diff.join('; ')}`;
  }
  metrics.push(m);
}

async function writeReference(manifest) {
  const cli = bundle('cli.js');
  const counts = {};
  for (const [key, path] of [['workspace', join(DATA, 'workspace')], ['document', join(DATA, manifest.document.path)]]) {
    log(`reference: node ${relative(root, cli)} check --format json ${relative(root, path)}`);
    const out = join(DATA, `reference-${key}.json`);
    const fd = openSync(out, 'w');
    const child = start(process.execPath, [cli, 'check', '--format', 'json', '--exit-zero', path], { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    const { code } = await withTimeout(exited(child), TIMEOUTS.cli * 4, 'reference CLI run').catch((e) => { killGroup(child); throw e; });
    if (code !== 0) throw new Error(`the CLI exited with ${code}`);
    counts[key] = countByRule(JSON.parse(readFileSync(out, 'utf8')).files.flatMap((f) => f.diagnostics));
  }
  const ref = {
    note: 'Diagnostics per rule that a correct engine reports on the benchmark data; rewrite with `node bench/run.mjs --write-reference` when the data or the rules change on purpose.',
    data: { generator: manifest.generator, seed: manifest.seed, errorRate: manifest.errorRate, params: manifest.params },
    cli: relative(root, cli), commit: git(['rev-parse', 'HEAD']), uncommittedEngineChanges: !!git(['status', '--porcelain', '--', 'server/src']),
    workspace: counts.workspace, document: counts.document,
  };
  writeFileSync(REFERENCE, JSON.stringify(ref, null, 2) + '\n');
  console.log(`wrote ${relative(root, REFERENCE)}: ${Object.values(ref.workspace).reduce((a, b) => a + b, 0)} diagnostics in the workspace, ${Object.values(ref.document).reduce((a, b) => a + b, 0)} in the document`);
}

// ------------------------------------------------------------------ CLI

function tail(path, n) {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(n, size);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    return buf.toString('utf8');
  } finally { closeSync(fd); }
}

/**
 * With --cpu-prof, the bundles run are unminified builds of the same sources (bench/.data/prof/),
 * so that profiles name the functions; otherwise the shipped bundles in server/out/.
 */
const PROF = join(DATA, 'prof');
function bundle(name) {
  if (name === 'cli.js' && opts.cli) return resolve(opts.cli);
  return opts.cpuProf ? join(PROF, name) : join(root, 'server', 'out', name);
}
async function buildForProfiling() {
  const { build } = await import('esbuild');
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: false, sourcemap: false, logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    build({ ...common, entryPoints: ['server/src/server.ts'], outfile: join(PROF, 'server.js') }),
    build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: join(PROF, 'cli.js') }),
  ]);
}

/**
 * The CLI, `opts.runs` times: wall time and its ratio are the median run's (the run listed in
 * the details with its diagnostics), peak memory the highest of all runs; every run is listed.
 */
async function benchCli(baseline) {
  const runs = [];
  for (let i = 0; i < opts.runs; i++) {
    if (opts.runs > 1) log(`cli: run ${i + 1} of ${opts.runs}`);
    const r = await cliRun();
    runs.push(r);
    if (r.status !== 'ok') break; // (a failing CLI fails the figure: no need to run it again)
  }
  const failed = runs.find((r) => r.status !== 'ok');
  const walls = runs.map((r) => r.d.wallMs).filter((x) => x !== undefined);
  const wall = failed ? undefined : median(walls);
  const chosen = failed ?? runs.find((r) => r.d.wallMs === wall);
  const status = chosen.status;
  const d = chosen.d;
  details.cli = d;
  d.run = runs.indexOf(chosen) + 1;
  d.runs = runs.map((r) => ({ status: r.status, wallMs: r.d.wallMs, peakRssBytes: r.d.peakRssBytes, cpuMs: r.d.cpuMs }));
  // (every run's diagnostics are checked against the reference, not only the chosen run's)
  runDiagnostics.cli = runs.map((r) => r.d.byRule);
  const peak = Math.max(...runs.map((r) => r.d.peakRssBytes ?? 0)) || undefined;
  const ratio = wall !== undefined && baseline ? wall / baseline.medianMs : undefined;
  const of = runs.length > 1 ? `median of ${runs.length} runs (${runs.map((r) => (r.d.wallMs === undefined ? r.status : fmt.ms(r.d.wallMs))).join(', ')})` : undefined;
  metric('cli.wall', 'CLI, 100,000 claims: wall time', 'ms', status === 'ok' ? wall : undefined, 10_000, status, of);
  metricAtMost('cli.ratio', 'CLI wall time / JSON.parse of the same claims', 'x', status === 'ok' ? ratio : undefined, 8, status === 'ok' && !baseline ? 'failed' : status,
    baseline ? `JSON.parse median ${fmt.ms(baseline.medianMs)} (${fmt.bytes(baseline.bytes)} of JSON)${of ? `; CLI ${of}` : ''}` : 'no JSON.parse baseline');
  metric('cli.rss', 'CLI, 100,000 claims: peak RSS', 'bytes', status === 'ok' ? peak : undefined, 1e9, status === 'ok' && peak === undefined ? 'failed' : status,
    runs.length > 1 ? `the highest of ${runs.length} runs` : undefined);
  // informational, steadier on a busy machine: CPU time against JSON.parse's CPU time
  if (d.cpuMs !== undefined && baseline?.medianCpuMs) d.cpuRatioToJsonParse = Math.round((d.cpuMs / baseline.medianCpuMs) * 10) / 10;
}

/** One run of the CLI over the benchmark workspace: { status, d } (d: what it measured). */
async function cliRun() {
  const cli = bundle('cli.js');
  const outPath = join(DATA, 'cli-output.json');
  const nodeArgs = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(DATA, 'profiles')}`, '--cpu-prof-name=cli.cpuprofile'] : [];
  const cliArgs = [...nodeArgs, cli, 'check', '--format', 'json', '--exit-zero', relative(root, join(DATA, 'workspace'))];
  const useTime = existsSync('/usr/bin/time');
  const [cmd, args] = useTime ? ['/usr/bin/time', ['-v', process.execPath, ...cliArgs]] : [process.execPath, cliArgs];
  log(`cli: ${useTime ? '/usr/bin/time -v ' : ''}node ${cliArgs.map((a) => relative(root, a) || a).join(' ')} > ${relative(root, outPath)}`);
  const fd = openSync(outPath, 'w');
  const t0 = performance.now();
  const child = start(cmd, args, { stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; if (stderr.length > 1e6) stderr = stderr.slice(-1e5); });
  const poll = useTime ? undefined : memoryPoller(child.pid, 50);
  const d = { command: `node ${cliArgs.map((a) => relative(root, a) || a).join(' ')}`, memorySource: useTime ? '/usr/bin/time -v (maximum resident set size)' : '/proc/<pid>/status VmHWM, polled every 50 ms' };
  let status = 'ok';
  let wall;
  try {
    const { code, signal } = await withTimeout(exited(child), TIMEOUTS.cli, 'cli');
    wall = performance.now() - t0;
    poll?.stop();
    d.exitCode = code;
    if (useTime) {
      const num = (re) => { const m = re.exec(stderr); return m ? Number(m[1]) : undefined; };
      const kb = num(/Maximum resident set size \(kbytes\): (\d+)/);
      d.peakRssBytes = kb !== undefined ? kb * 1024 : undefined;
      d.userSeconds = num(/User time \(seconds\): ([\d.]+)/);
      d.systemSeconds = num(/System time \(seconds\): ([\d.]+)/);
      const st = num(/Exit status: (\d+)/);
      if (st !== undefined) d.exitCode = st;
      if (/Command terminated by signal (\d+)/.test(stderr)) d.signal = /Command terminated by signal (\d+)/.exec(stderr)[1];
    } else {
      d.peakRssBytes = poll.peak || undefined;
      d.signal = signal ?? undefined;
    }
    if (d.exitCode !== 0 || d.signal) {
      status = 'failed';
      d.error = stderr.split('\n').filter((l) => !/^\t/.test(l)).slice(-15).join('\n');
    } else {
      const m = /"summary":(\{[^}]*\})\}\s*$/.exec(tail(outPath, 400));
      if (m) {
        d.summary = JSON.parse(m[1]);
        d.byRule = countByRule(JSON.parse(readFileSync(outPath, 'utf8')).files.flatMap((f) => f.diagnostics));
      } else { status = 'failed'; d.error = 'the JSON output has no summary'; }
    }
  } catch (e) {
    poll?.stop();
    killGroup(child);
    if (!e.timedOut) throw e;
    status = 'timed out';
    d.error = e.message;
  }
  d.wallMs = wall;
  if (d.userSeconds !== undefined) d.cpuMs = (d.userSeconds + d.systemSeconds) * 1000;
  return { status, d };
}

// ------------------------------------------------------------------ server

/** One-character edits at different places of the document; every one changes its diagnostics. */
export function planEdits(text, count) {
  const lines = text.split('\n');
  const claims = [];
  lines.forEach((l, i) => { if (/^claim\s/.test(l)) claims.push(i); });
  const kinds = [
    { kind: 'date digit (day -> 4x, invalid date)', find: (l) => /^\s*date\s+\d{4}-\d\d-(\d)\d\b/.exec(l),
      edit: (l, m) => { const c = m.index + m[0].length - 2; return { character: c, length: 1, text: '4' }; } },
    { kind: 'units digit (TPI or J-code line)', find: (l) => /^\s*line\s+(?:J\d{4}|2055[23])\b.*\bunits\s+(\d)/.exec(l),
      edit: (l, m) => { const c = m.index + m[0].length - 1; const d = Number(m[1]); return { character: c, length: 1, text: String(d === 9 ? 1 : d + 1) }; } },
    { kind: 'symptoms keyword letter (unknown keyword)', find: (l) => /^\s*symptoms\b/.exec(l),
      edit: (l) => ({ character: l.indexOf('symptoms') + 2, length: 1, text: 'i' }) },
    { kind: 'claim id digit (duplicate id)', find: (l) => /^claim\s+\S*(\d)\b/.exec(l),
      edit: (l, m) => { const c = m.index + m[0].length - 1; return { character: c, length: 1, text: String((Number(m[1]) + 1) % 10) }; } },
    { kind: 'delete last character of a diagnosis code', find: (l) => /^\s*diagnosis\s+[A-L]\s+\S+/.exec(l),
      edit: (l, m) => ({ character: m.index + m[0].length - 1, length: 1, text: '' }) },
    { kind: 'insert a letter into a muscle name', find: (l) => /^\s*muscles\s+(?:(?:left|right|bilateral|bilat|L|R)\s+)?[a-z]/.exec(l),
      edit: (l, m) => ({ character: m.index + m[0].length, length: 0, text: 'x' }) },
  ];
  const used = new Set();
  const edits = [];
  for (let k = 0; k < count && claims.length; k++) {
    // spread over the document, visiting it out of order: 0, 7, 14, ... (mod count)
    const slot = (k * 7) % count;
    const spec = kinds[k % kinds.length];
    let ci = Math.floor(((slot + 0.5) * claims.length) / count);
    for (let tries = 0; tries < 200 && ci < claims.length; tries++, ci++) {
      if (used.has(ci)) continue;
      const end = ci + 1 < claims.length ? claims[ci + 1] : lines.length;
      let found;
      for (let li = claims[ci]; li < end && !found; li++) {
        if (/#/.test(lines[li])) continue; // keep away from comments
        const m = spec.find(lines[li]);
        if (m) found = { line: li, ...spec.edit(lines[li], m) };
      }
      if (found) { used.add(ci); edits.push({ kind: spec.kind, ...found, before: lines[found.line].trim() }); break; }
    }
  }
  return edits;
}

/**
 * The server, `opts.runs` times, each a fresh process: start to `initialize` and didOpen to the
 * first diagnostics are the median run's, the edit p50/p95 over every run's edits, peak memory
 * the highest of all runs; every run is listed in the details.
 */
async function benchServer() {
  const runs = [];
  for (let i = 0; i < opts.runs; i++) {
    if (opts.runs > 1) log(`server: run ${i + 1} of ${opts.runs}`);
    const r = await serverRun();
    runs.push(r);
    // (a failing or timed-out run fails its figures: no need to run a server that far behind again)
    if (r.record.init[0] !== 'ok' || r.record.open[0] !== 'ok' || r.record.edits[0] !== 'ok') break;
  }
  const failed = runs.find((r) => r.record.open[0] !== 'ok' || r.record.init[0] !== 'ok');
  const opens = runs.filter((r) => r.record.open[0] === 'ok').map((r) => r.d.openMs);
  const openMedian = failed ? undefined : median(opens);
  const chosen = failed ?? runs.find((r) => r.d.openMs === openMedian);
  const d = chosen.d;
  details.server = d;
  d.run = runs.indexOf(chosen) + 1;
  d.runs = runs.map((r) => ({ initializeMs: r.d.initializeMs, openMs: r.d.openMs, openCpuMs: r.d.openCpuMs, peakRssBytes: r.d.peakRssBytes,
    editP95Ms: r.d.editStats?.p95, error: r.d.error }));
  // every run's edits (each with its run)
  d.edits = runs.flatMap((r, i) => r.d.edits.map((e) => ({ run: i + 1, ...e })));
  runDiagnostics.server = runs.map((r) => r.d.openByRule);
  const inits = runs.filter((r) => r.record.init[0] === 'ok').map((r) => r.d.initializeMs);
  const of = (key, field) => (runs.length > 1
    ? `median of ${runs.length} runs (${runs.map((r) => (r.record[key][0] === 'ok' ? fmt.ms(r.d[field]) : r.record[key][0])).join(', ')})` : undefined);
  metric('server.init', 'server: process start to initialize reply', 'ms', failed ? undefined : median(inits), 300, failed ? failed.record.init[0] : 'ok', of('init', 'initializeMs'));
  metric('server.open', 'server, 20,000 claims: didOpen to first diagnostics', 'ms', openMedian, 1500, failed ? failed.record.open[0] : 'ok', of('open', 'openMs'));
  const times = d.edits.filter((x) => x.ms !== null).map((x) => x.ms).sort((a, b) => a - b);
  const cpuTimes = d.edits.filter((x) => x.cpuMs !== undefined).map((x) => x.cpuMs).sort((a, b) => a - b);
  if (cpuTimes.length) d.editCpuStats = { n: cpuTimes.length, p50: percentile(cpuTimes, 50), p95: percentile(cpuTimes, 95), note: 'server process CPU time (user + system) from didChange to the publish, 10 ms resolution' };
  d.editStats = times.length ? { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], mean: times.reduce((a, b) => a + b, 0) / times.length } : { n: 0 };
  const editFailed = runs.find((r) => r.record.edits[0] !== 'ok');
  const editStatus = editFailed ? editFailed.record.edits[0] : times.length === 0 ? 'failed' : 'ok';
  const editNote = times.length ? `${times.length} edits${runs.length > 1 ? ` in ${runs.length} runs` : ''}; p50 ${fmt.ms(d.editStats.p50)}, max ${fmt.ms(d.editStats.max)}` : undefined;
  metric('server.edit.p50', 'server: one-character edit to diagnostics, p50', 'ms', times.length ? d.editStats.p50 : undefined, 150, editStatus === 'ok' ? 'ok' : editStatus,
    'no target of its own; reported beside the p95');
  metrics[metrics.length - 1].informational = true;
  metric('server.edit.p95', 'server: one-character edit to diagnostics, p95', 'ms', editStatus === 'ok' ? d.editStats.p95 : undefined, 150, editStatus, editNote);
  const peak = Math.max(...runs.map((r) => r.record.rss[1] ?? 0)) || undefined;
  metric('server.rss', 'server, 20,000 claims: peak RSS', 'bytes', peak, 400 * MB, peak ? 'ok' : chosen.record.rss[0], runs.length > 1 ? `the highest of ${runs.length} runs` : undefined);
  d.stderrTail = chosen.stderr.slice(-1000) || undefined;
}

/** One server process: initialize, open, edits. Returns { d, record, stderr }. */
async function serverRun() {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-jsonrpc/node.js');
  const manifest = JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8'));
  const docPath = join(DATA, manifest.document.path);
  const uri = pathToFileURL(docPath).href;
  const text = readFileSync(docPath, 'utf8');
  const d = { document: relative(root, docPath), claims: manifest.document.claims, lines: manifest.document.lines, bytes: manifest.document.bytes,
    workspaceFolder: opts.folder ? relative(root, dirname(docPath)) : null, edits: [] };

  const nodeArgs = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(DATA, 'profiles')}`, '--cpu-prof-name=server.cpuprofile'] : [];
  const t0 = performance.now();
  const child = start(process.execPath, [...nodeArgs, bundle('server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const poll = memoryPoller(child.pid, 100);
  let stderr = '';
  child.stderr.on('data', (s) => { stderr += s; if (stderr.length > 1e5) stderr = stderr.slice(-5e4); });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onError(() => { /* reported through the waits */ });
  let waiter;
  const publishes = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    if (p.uri !== uri) return;
    publishes.push({ at, version: p.version, count: p.diagnostics.length });
    if (waiter && waiter.accept(p)) { const w = waiter; waiter = undefined; w.resolve({ at, count: p.diagnostics.length, diagnostics: p.diagnostics }); }
  });
  conn.onNotification('window/logMessage', () => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  const died = exited(child).then(({ code, signal }) => { throw new Error(`the server exited (code ${code}, signal ${signal}); stderr: ${stderr.slice(-2000)}`); });
  died.catch(() => {});
  const waitPublish = (accept, ms, what) => withTimeout(Promise.race([new Promise((resolve) => { waiter = { accept, resolve }; }), died]), ms, what)
    .finally(() => { waiter = undefined; });

  const record = { init: ['not run'], open: ['not run'], edits: ['not run'], rss: ['not run'] };
  try {
    const cpu = () => procCpuMs(child.pid);
    // process start -> initialize reply
    const rootUri = opts.folder ? pathToFileURL(dirname(docPath)).href : null;
    try {
      await withTimeout(Promise.race([conn.sendRequest('initialize', {
        processId: process.pid, rootUri, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
        capabilities: {
          workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
          textDocument: { synchronization: { didSave: true }, publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
        },
      }), died]), TIMEOUTS.init, 'initialize');
      d.initializeMs = performance.now() - t0;
      record.init = ['ok', d.initializeMs];
    } catch (e) { record.init = [e.timedOut ? 'timed out' : 'failed']; d.error = e.message; throw e; }
    conn.sendNotification('initialized', {});

    // didOpen -> first publishDiagnostics for the document (of version 1, or unversioned)
    try {
      const tOpen = performance.now();
      const c0 = cpu();
      const p = waitPublish((x) => x.version === 1 || x.version === undefined || x.version === null, TIMEOUTS.open, 'didOpen -> publishDiagnostics');
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'claimnote', version: 1, text } });
      const r = await p;
      d.openMs = r.at - tOpen;
      const c1 = cpu();
      if (c0 !== undefined && c1 !== undefined) d.openCpuMs = c1 - c0;
      d.rssAfterOpenBytes = procMemory(child.pid)?.rss;
      d.openDiagnostics = r.count;
      d.openByRule = countByRule(r.diagnostics);
      record.open = ['ok', d.openMs];
    } catch (e) { record.open = [e.timedOut ? 'timed out' : 'failed']; d.error = e.message; throw e; }

    // one-character edits -> publishDiagnostics of that version
    await new Promise((r) => setTimeout(r, 500)); // let any work that follows the first publish finish
    const plan = planEdits(text, opts.edits);
    let version = 1;
    record.edits = ['ok'];
    for (const e of plan) {
      version++;
      const v = version;
      const p = waitPublish((x) => x.version === v, TIMEOUTS.edit, `edit ${v - 1} -> publishDiagnostics`);
      const tEdit = performance.now();
      const c0 = cpu();
      conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + e.length } }, text: e.text }],
      });
      try {
        const r = await p;
        const c1 = cpu();
        d.edits.push({ version: v, kind: e.kind, line: e.line + 1, ms: Math.round((r.at - tEdit) * 10) / 10,
          cpuMs: c0 !== undefined && c1 !== undefined ? Math.round(c1 - c0) : undefined, diagnostics: r.count, rssBytes: procMemory(child.pid)?.rss });
      } catch (err) {
        d.edits.push({ version: v, kind: e.kind, line: e.line + 1, ms: null, status: err.timedOut ? 'timed out' : 'failed' });
        record.edits = [err.timedOut ? 'timed out' : 'failed'];
        d.error = err.message;
        break; // a server that is this far behind would only queue more work
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    poll.read();
    record.rss = ['ok', poll.peak];
  } catch { /* recorded above */ } finally {
    poll.stop();
    d.peakRssBytes = poll.peak || undefined;
    if (record.rss[0] !== 'ok' && poll.peak) record.rss = ['ok', poll.peak];
    try {
      await withTimeout(Promise.race([conn.sendRequest('shutdown'), died]), TIMEOUTS.shutdown, 'shutdown');
      conn.sendNotification('exit');
      await withTimeout(exited(child), TIMEOUTS.shutdown, 'exit');
    } catch { /* killed below */ }
    killGroup(child);
    conn.dispose();
  }

  const times = d.edits.filter((x) => x.ms !== null).map((x) => x.ms).sort((a, b) => a - b);
  d.editStats = times.length ? { n: times.length, p95: percentile(times, 95) } : { n: 0 };
  return { d, record, stderr };
}

// ------------------------------------------------------------------ bundles

async function benchBundles() {
  const server = join(root, 'server', 'out', 'server.js');
  const d = {};
  details.bundles = d;
  if (existsSync(server)) {
    d.serverBytes = statSync(server).size;
    metric('bundle.server', 'bundle: server/out/server.js', 'bytes', d.serverBytes, 2 * MB);
  } else metric('bundle.server', 'bundle: server/out/server.js', 'bytes', undefined, 2 * MB, 'failed', 'server/out/server.js is missing: run npm run build');

  if (!opts.package) { metric('bundle.vsix', 'bundle: .vsix', 'bytes', undefined, 3 * MB, 'not run', '--no-package'); return; }
  // `npm run package` is `npm run build && vsce package ... -o claimnote.vsix`; the build has just run, so
  // this runs its vsce step with the same options, into bench/.data so as not to race other users of claimnote.vsix.
  const vsix = join(DATA, 'claimnote.vsix');
  rmSync(vsix, { force: true });
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts?.package ?? '';
  const step = script.split('&&').map((x) => x.trim()).find((x) => /^vsce\s+package\b/.test(x));
  const vsceArgs = (step ? step.split(/\s+/).slice(1) : ['package', '--no-dependencies']).filter((a, i, all) => a !== '-o' && a !== '--out' && all[i - 1] !== '-o' && all[i - 1] !== '--out');
  vsceArgs.push('-o', vsix);
  d.packageCommand = `vsce ${vsceArgs.map((a) => (a.startsWith('/') ? relative(root, a) : a)).join(' ')}`;
  try {
    const r = await runCommand(vsce, vsceArgs, TIMEOUTS.package, 'vsce package');
    d.packageMs = r.ms;
    if (r.code !== 0 || !existsSync(vsix)) {
      d.packageError = (r.stderr + r.stdout).trim().split('\n').slice(-10).join('\n');
      // still report what the package would weigh: the usual failure is a README link vsce cannot rewrite
      const f = await runCommand(vsce, [...vsceArgs.slice(0, -2), '--baseContentUrl', 'https://example.invalid/', '--baseImagesUrl', 'https://example.invalid/', '-o', vsix], TIMEOUTS.package, 'vsce package (fallback)')
        .catch(() => undefined);
      const size = f && f.code === 0 && existsSync(vsix) ? statSync(vsix).size : undefined;
      if (size !== undefined) d.vsixBytesWithBaseUrlFallback = size;
      metric('bundle.vsix', 'bundle: .vsix', 'bytes', size, 3 * MB, 'packaging failed',
        `vsce package failed: ${d.packageError.replace(/\s+/g, ' ').slice(0, 300)}${size !== undefined ? ` (size measured with --baseContentUrl/--baseImagesUrl: ${fmt.bytes(size)})` : ''}`);
      return;
    }
    d.vsixBytes = statSync(vsix).size;
    const files = /Packaged: .*\((\d+) files?, ([^)]*)\)/.exec(r.stdout);
    if (files) d.vsixFiles = Number(files[1]);
    metric('bundle.vsix', 'bundle: .vsix', 'bytes', d.vsixBytes, 3 * MB, 'ok', d.vsixFiles ? `${d.vsixFiles} files` : undefined);
  } catch (e) {
    if (!e.timedOut) d.packageError = e.message;
    metric('bundle.vsix', 'bundle: .vsix', 'bytes', undefined, 3 * MB, e.timedOut ? 'timed out' : 'failed', e.message);
  }
}

// ------------------------------------------------------------------ report

function show(m) {
  if (m.value === null) return m.status;
  if (m.unit === 'check') return m.value;
  if (m.status !== 'ok') return `${show({ ...m, status: 'ok' })} (${m.status})`;
  return m.unit === 'ms' ? fmt.ms(m.value) : m.unit === 'bytes' ? fmt.bytes(m.value) : fmt.x(m.value);
}
function showTarget(m) {
  if (m.unit === 'check') return 'same as reference';
  const v = m.target.lessThan ?? m.target.atMost;
  const s = m.unit === 'ms' ? fmt.ms(v) : m.unit === 'bytes' ? fmt.bytes(v) : fmt.x(v);
  return (m.target.atMost !== undefined ? '<= ' : '< ') + s;
}

export function table(ms) {
  const rows = ms.map((m) => [m.label, show(m), m.informational ? '(p95 is the target)' : showTarget(m), m.informational ? '' : m.pass ? 'pass' : 'FAIL']);
  const head = ['figure', 'value', 'target', 'result'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => '| ' + r.map((c, i) => c.padEnd(w[i])).join(' | ') + ' |';
  return [line(head), '| ' + w.map((n) => '-'.repeat(n)).join(' | ') + ' |', ...rows.map(line)].join('\n');
}

/** The "Latest figures" section of docs/performance.md, between its markers. */
function docsFigures(r) {
  const rows = r.metrics.map((m) => `| ${m.label} | ${show(m)} | ${m.informational ? '(p95 is the target)' : showTarget(m)} | ${m.informational ? '' : m.pass ? 'pass' : '**fail**'} |`);
  const d = r.details;
  const notes = [];
  const cliRuns = d.cli?.runs ?? [];
  const serverRuns = d.server?.runs ?? [];
  if (cliRuns.length > 1 || serverRuns.length > 1) {
    const list = (xs) => xs.map((x) => (x === undefined ? 'failed' : fmt.ms(x))).join(', ');
    notes.push(`Each figure is the median of ${Math.max(cliRuns.length, serverRuns.length)} runs (peak memory: the highest; edits: all runs' together).${cliRuns.length ? ` CLI wall times: ${list(cliRuns.map((r) => r.wallMs))}.` : ''}${serverRuns.length ? ` Server opens: ${list(serverRuns.map((r) => r.openMs))}.` : ''}`);
  }
  const b = d.baseline?.workspace;
  if (b) notes.push(`Machine speed: \`JSON.parse\` of the 100,000 claims as JSON (${fmt.bytes(b.bytes)}): median ${fmt.ms(b.medianMs)} wall, ${fmt.ms(b.medianCpuMs)} CPU.`);
  if (d.cli?.cpuMs) notes.push(`CLI CPU time (user + system): ${fmt.ms(d.cli.cpuMs)}${d.cli.cpuRatioToJsonParse ? `, ${d.cli.cpuRatioToJsonParse}x the CPU time of \`JSON.parse\`` : ''}; output: ${d.cli.summary ? `${d.cli.summary.error} errors, ${d.cli.summary.warning} warnings, ${d.cli.summary.info} info` : 'none'}.`);
  if (d.server?.openCpuMs !== undefined) notes.push(`Server CPU time: open ${fmt.ms(d.server.openCpuMs)}${d.server.editCpuStats ? `; per edit p50 ${fmt.ms(d.server.editCpuStats.p50)}, p95 ${fmt.ms(d.server.editCpuStats.p95)}` : ''}; ${d.server.openDiagnostics} diagnostics on open.`);
  const lastEdit = d.server?.edits?.filter((e) => e.rssBytes && (e.run === undefined || e.run === d.server.run)).pop();
  if (d.server?.rssAfterOpenBytes && lastEdit) notes.push(`Server resident set: ${fmt.bytes(d.server.rssAfterOpenBytes)} after the open, ${fmt.bytes(lastEdit.rssBytes)} after edit ${lastEdit.version - 1}.`);
  if (d.bundles?.packageError) {
    const e = d.bundles.packageError.replace(/\s+/g, ' ');
    notes.push(`Packaging: \`vsce package\` failed: ${e.length > 160 ? e.slice(0, 160).replace(/\s+\S*$/, '') + ' ...' : e}`);
  }
  const m = r.machine;
  if (Math.max(m.loadAverageAtStart[0], m.loadAverageAtEnd[0]) > m.cpus) {
    notes.push(`The machine was busy during this run (load average above its ${m.cpus} CPUs): wall times are inflated, and the CPU times above are the steadier signal.`);
  }
  return [
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC on commit \`${(r.commit ?? '?').slice(0, 7)}\`${r.uncommittedEngineChanges ? ' with uncommitted engine changes' : ''}; ${m.cpus} x ${m.cpuModel}, ${fmt.bytes(m.memoryBytes)}, Node ${m.node}; load average ${m.loadAverageAtStart[0]} at the start, ${m.loadAverageAtEnd[0]} at the end. Full results: \`bench/results/latest.json\`.`,
    '',
    '| figure | value | target | result |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
}

function updateDocs(r) {
  const path = join(root, 'docs', 'performance.md');
  const text = readFileSync(path, 'utf8');
  const start = '<!-- bench:figures:start -->';
  const end = '<!-- bench:figures:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) { console.log('docs/performance.md has no figures markers; not updated'); return; }
  writeFileSync(path, text.slice(0, i + start.length) + '\n' + docsFigures(r) + '\n' + text.slice(j));
  console.log('docs/performance.md: latest figures updated');
}

function git(args) { try { return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return undefined; } }

async function main() {
  if (opts.docsFromLatest) { updateDocs(JSON.parse(readFileSync(join(RESULTS, 'latest.json'), 'utf8'))); return; }
  const started = new Date();
  const load0 = os.loadavg();
  for (const f of ['server.js', 'cli.js']) {
    if (!existsSync(join(root, 'server', 'out', f))) { console.error(`server/out/${f} is missing: run \`npm run build\` (npm run bench does)`); process.exit(1); }
  }
  // what was measured: the bundles as they were when the run started (others may rebuild meanwhile)
  const bundleHashes = Object.fromEntries(['server.js', 'cli.js'].map((f) => [`server/out/${f}`,
    createHash('sha256').update(readFileSync(join(root, 'server', 'out', f))).digest('hex').slice(0, 16)]));
  if (opts.cpuProf) { log('profiling: building unminified bundles into bench/.data/prof/ ...'); await buildForProfiling(); }
  log('data: checking bench/.data ...');
  const { manifest, generated } = ensureData({ log });
  log(generated ? `data: generated in ${manifest.seconds} s` : 'data: up to date');
  if (opts.writeReference) { await writeReference(manifest); killAll(); return; }
  const ref = loadReference(manifest);

  let baseline;
  if (opts.only.has('cli') || opts.only.has('server')) {
    try {
      baseline = await jsonBaseline(join(DATA, 'workspace.json'), 5);
      details.baseline = { workspace: baseline };
      log(`baseline: JSON.parse of ${fmt.bytes(baseline.bytes)} (${baseline.items} claims): median ${fmt.ms(baseline.medianMs)} of ${baseline.ms.map((x) => x.toFixed(0)).join(', ')} ms (CPU median ${fmt.ms(baseline.medianCpuMs)})`);
      const doc = await jsonBaseline(join(DATA, 'document.json'), 5);
      details.baseline.document = doc;
      log(`baseline: JSON.parse of ${fmt.bytes(doc.bytes)} (${doc.items} claims): median ${fmt.ms(doc.medianMs)}`);
    } catch (e) { log(`baseline: ${e.message}`); details.baselineError = e.message; baseline = undefined; }
  }
  if (opts.only.has('cli')) { log('cli: running ...'); await benchCli(baseline); }
  if (opts.only.has('server')) { log('server: running ...'); await benchServer(); }
  if (opts.only.has('bundle')) { log('bundle: measuring ...'); await benchBundles(); }

  if (opts.only.has('cli')) checkReference('cli.diagnostics', 'CLI diagnostics per rule = reference', ref.reference?.workspace, runDiagnostics.cli, ref.why);
  if (opts.only.has('server')) checkReference('server.diagnostics', 'server diagnostics on open per rule = reference', ref.reference?.document, runDiagnostics.server, ref.why);

  // informational: the server's open time against JSON.parse of the document's claims
  if (details.server?.openMs && details.baseline?.document) details.server.openRatioToJsonParse = details.server.openMs / details.baseline.document.medianMs;

  const cpus = os.cpus();
  const result = {
    schema: 1,
    date: started.toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    uncommittedEngineChanges: !!git(['status', '--porcelain', '--', 'server/src', 'client/src', 'scripts']),
    measuredBundles: bundleHashes,
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model, memoryBytes: os.totalmem(), platform: `${os.platform()} ${os.release()}`, node: process.version,
      loadAverageAtStart: load0.map((x) => Math.round(x * 100) / 100), loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    data: { seed: manifest.seed, generator: manifest.generator, workspace: { claims: manifest.workspace.claims, files: manifest.workspace.files, bytes: manifest.workspace.bytes, lines: manifest.workspace.lines },
      document: { claims: manifest.document.claims, bytes: manifest.document.bytes, lines: manifest.document.lines } },
    options: { only: [...opts.only], runs: opts.runs, edits: opts.edits, timeoutScale: opts.timeoutScale, workspaceFolder: opts.folder, cpuProf: opts.cpuProf },
    allPass: metrics.filter((m) => !m.informational).every((m) => m.pass),
    metrics,
    details,
  };

  console.log(`\nClaimNote benchmark, ${started.toISOString()}, ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, node ${process.version}, load ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  if (baseline) console.log(`machine speed: JSON.parse of the 100,000 claims as JSON (${fmt.bytes(baseline.bytes)}) takes ${fmt.ms(baseline.medianMs)} (median of ${baseline.ms.length})`);
  console.log(table(metrics));
  if (details.cli?.cpuMs) console.log(`CLI CPU time (user + system): ${fmt.ms(details.cli.cpuMs)}${details.cli.cpuRatioToJsonParse ? ` = ${details.cli.cpuRatioToJsonParse}x the CPU time of JSON.parse (${fmt.ms(baseline.medianCpuMs)})` : ''}; diagnostics: ${JSON.stringify(details.cli.summary ?? {})}`);
  if (details.server?.edits?.length) {
    for (const r of [...new Set(details.server.edits.map((e) => e.run))]) {
      console.log(`server edits${details.server.runs.length > 1 ? ` (run ${r})` : ''}: ${details.server.edits.filter((e) => e.run === r).map((e) => e.ms === null ? e.status : e.ms.toFixed(0)).join(', ')} ms`);
    }
  }
  const lastEdit = details.server?.edits?.filter((e) => e.rssBytes && e.run === details.server.run).pop();
  if (details.server?.rssAfterOpenBytes && lastEdit) console.log(`server RSS (VmRSS): ${fmt.bytes(details.server.rssAfterOpenBytes)} after the open, ${fmt.bytes(lastEdit.rssBytes)} after edit ${lastEdit.version - 1}`);
  if (details.server?.editCpuStats) console.log(`server CPU time: open ${fmt.ms(details.server.openCpuMs ?? NaN)}; per edit p50 ${fmt.ms(details.server.editCpuStats.p50)}, p95 ${fmt.ms(details.server.editCpuStats.p95)}`);
  for (const [k, v] of Object.entries(details)) if (v?.error) console.log(`${k}: ${v.error.split('\n')[0]}`);
  for (const m of metrics) if (m.status !== 'ok' && m.note) console.log(`${m.id}: ${m.note}`);
  console.log(result.allPass ? 'every target met' : `targets missed: ${metrics.filter((m) => !m.informational && !m.pass).map((m) => m.id).join(', ')}`);

  if (opts.save) {
    mkdirSync(RESULTS, { recursive: true });
    const json = JSON.stringify(result, null, 2) + '\n';
    writeFileSync(join(RESULTS, 'latest.json'), json);
    const stamp = started.toISOString().replace(/:/g, '').replace(/\.\d+Z$/, 'Z');
    writeFileSync(join(RESULTS, `${stamp}.json`), json);
    console.log(`results: bench/results/latest.json, bench/results/${stamp}.json`);
  } else console.log('results not saved (--no-save or --cpu-prof)');
  if (opts.updateDocs && !opts.cpuProf) updateDocs(result);
  if (opts.cpuProf) console.log(`profiles: ${relative(root, join(DATA, 'profiles'))}/ (summarise with: node bench/cpuprofile-top.mjs <file>)`);
  killAll();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
