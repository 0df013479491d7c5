#!/usr/bin/env node
// The ClaimNote benchmark suite (`npm run bench`; not part of `npm test`). See docs/performance.md.
//
//   node bench/run.mjs [--only cli,server,bundle,interchange,pictures,data] [--runs N] [--edits N] [--timeout-scale X] [--no-package]
//                      [--no-folder] [--cpu-prof] [--no-save] [--keep-dated] [--update-docs] [--docs-from-latest]
//                      [--write-reference] [--cli PATH] [--baseline DIR]
//                      [--data DIR] [--claims N] [--files N] [--doc-claims N]
//
// Measures the built bundles (server/out/*.js: run `npm run build` first; `npm run bench` does):
//   - the CLI over the generated 100,000-claim workspace (bench/cli.mjs): wall time, CPU time, peak
//     RSS, and the ratio to `JSON.parse` of the same claims written as JSON, timed in the same run
//     (bench/json-parse.mjs);
//   - the language server over stdio on the 20,000-claim document (bench/server.mjs, its client
//     the tests' test/support/lsp-client.mjs): process start to the `initialize` reply, didOpen to the first
//     publishDiagnostics, one-character edits to the publishDiagnostics of their version
//     (p50/p95), peak RSS;
//   - bundle sizes (bench/bundle.mjs): server/out/server.js and the .vsix.
// With --baseline DIR, every group runs for a second build too (another checkout with its
// server/out built), the runs alternating, and the table shows both (bench/compare.mjs).
// Prints a table and writes bench/results/latest.json (bench/report.mjs). Every measurement has
// a timeout; child processes are killed (their whole process group) on timeout, error or Ctrl-C
// (bench/processes.mjs). This file reads the options and runs the groups.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { ensureData, DEFAULTS, DEFAULT_OUT } from './generate.mjs';
import { killAll, killChildrenOnExit } from './processes.mjs';
import { root, currentBuild, baselineBuild, missingBundles, describeBuild, buildForProfiling } from './builds.mjs';
import { machineSpeed } from './json-parse.mjs';
import { loadReference, checkReference, writeReference } from './reference.mjs';
import { benchCli } from './cli.mjs';
import { benchServer } from './server.mjs';
import { benchBundles } from './bundle.mjs';
import { benchInterchange } from './interchange.mjs';
import { benchData } from './data.mjs';
import { benchPictures } from './pictures.mjs';
import { compare, TOLERANCE } from './compare.mjs';
import { RESULTS, printSummary, saveResults, updateDocs } from './report.mjs';

const USAGE =
  'usage: node bench/run.mjs [--only cli,server,bundle,interchange,pictures,data] [--runs N] [--edits N] [--timeout-scale X] [--no-package] [--no-folder] [--cpu-prof] [--no-save] [--keep-dated] [--update-docs] [--docs-from-latest] [--write-reference] [--cli PATH] [--baseline DIR] [--data DIR] [--claims N] [--files N] [--doc-claims N]';

// ------------------------------------------------------------------ options

function options(args) {
  let runsAsked;
  const opts = {
    only: new Set(['cli', 'server', 'bundle', 'interchange', 'pictures', 'data']),
    runs: 3,
    edits: 30,
    timeoutScale: 1,
    package: true,
    folder: true,
    cpuProf: false,
    save: true,
    sizes: {},
  };
  const fail = (s) => {
    console.error(s);
    process.exit(2);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const whole = () => {
      const v = args[++i];
      if (!/^[1-9]\d*$/.test(v ?? '')) fail(`${a} takes a whole number, 1 or more, not \`${v ?? ''}\``);
      return Number(v);
    };
    if (a === '--only') opts.only = new Set(args[++i].split(','));
    else if (a === '--edits') opts.edits = Number(args[++i]);
    else if (a === '--runs') {
      const n = args[++i];
      if (!/^[1-9]\d*$/.test(n ?? '')) fail(`--runs takes a whole number of runs, 1 or more, not \`${n ?? ''}\``);
      runsAsked = Number(n);
    } else if (a === '--timeout-scale') opts.timeoutScale = Number(args[++i]);
    else if (a === '--no-package') opts.package = false;
    else if (a === '--no-folder') opts.folder = false;
    else if (a === '--cpu-prof') {
      opts.cpuProf = true;
      opts.save = false;
    } else if (a === '--no-save') opts.save = false;
    else if (a === '--keep-dated') opts.keepDated = true;
    else if (a === '--update-docs') opts.updateDocs = true;
    else if (a === '--docs-from-latest') opts.docsFromLatest = true;
    else if (a === '--write-reference') opts.writeReference = true;
    else if (a === '--cli') opts.cli = args[++i];
    else if (a === '--baseline') opts.baseline = args[++i] ?? fail('--baseline takes the folder of another checkout, its server/out built');
    else if (a === '--data') opts.data = args[++i] ?? fail('--data takes a folder');
    else if (a === '--claims') opts.sizes.claims = whole();
    else if (a === '--files') opts.sizes.files = whole();
    else if (a === '--doc-claims') opts.sizes.docClaims = whole();
    else fail(USAGE);
  }
  // one profile per program: --cpu-prof makes one run, whatever --runs says
  if (runsAsked !== undefined) opts.runs = runsAsked;
  if (opts.cpuProf) opts.runs = 1;
  if (opts.baseline && (opts.cpuProf || opts.writeReference))
    fail('--baseline compares two builds as they are: not with --cpu-prof or --write-reference');
  return opts;
}

/**
 * The data: bench/.data with the benchmark's sizes; with --claims, --files or --doc-claims, data
 * of those sizes (the others the benchmark's) in bench/.data/claims-<claims>-<files>-<doc-claims>/;
 * with --data DIR, that folder (as generated there by bench/generate.mjs --out DIR, unless sizes
 * are given: then generated there with them). Returns
 * { dir, sizes, benchmark }, `benchmark` false for any data but the benchmark's own.
 */
function dataOf(opts) {
  const given = Object.keys(opts.sizes).length > 0;
  let sizes = {
    seed: DEFAULTS.seed,
    errorRate: DEFAULTS.errorRate,
    claims: DEFAULTS.claims,
    files: DEFAULTS.files,
    docClaims: DEFAULTS.docClaims,
    ...opts.sizes,
  };
  const dir = opts.data
    ? resolve(opts.data)
    : given
      ? join(DEFAULT_OUT, `claims-${sizes.claims}-${sizes.files}-${sizes.docClaims}`)
      : DEFAULT_OUT;
  const manifest = join(dir, 'manifest.json');
  if (opts.data && !given) {
    if (!existsSync(manifest)) {
      console.error(
        `--data: ${dir} holds no data (no manifest.json): generate it (node bench/generate.mjs --out DIR ...) or give --claims, --files or --doc-claims`,
      );
      process.exit(2);
    }
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    sizes = { seed: m.seed, errorRate: m.errorRate, ...m.params };
  }
  const benchmark = dir === DEFAULT_OUT && ['seed', 'errorRate', 'claims', 'files', 'docClaims'].every((k) => sizes[k] === DEFAULTS[k]);
  return { dir, sizes, benchmark };
}

// ------------------------------------------------------------------ the run

function log(s) {
  process.stderr.write(s + '\n');
}
/** A folder as the results name it: relative to the checkout when inside it, else absolute. */
const shortPath = (p) => {
  const r = relative(root, p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
};

async function main(opts) {
  if (opts.docsFromLatest) {
    updateDocs(JSON.parse(readFileSync(join(RESULTS, 'latest.json'), 'utf8')));
    return;
  }
  const data = dataOf(opts);
  if (!data.benchmark) {
    if (opts.writeReference || opts.updateDocs) {
      console.error("--write-reference and --update-docs are for the benchmark's own data, not --data, --claims, --files or --doc-claims");
      process.exit(2);
    }
    if (opts.save) {
      opts.save = false;
      opts.notSaved = "not the benchmark's own data";
    }
  }
  const T = (ms) => Math.round(ms * opts.timeoutScale);
  const timeouts = {
    jsonBaseline: T(180_000),
    cli: T(300_000),
    init: T(30_000),
    open: T(300_000),
    edit: T(60_000),
    shutdown: T(10_000),
    package: T(300_000),
  };
  const started = new Date();
  const load0 = os.loadavg();
  const prof = opts.cpuProf ? join(DEFAULT_OUT, 'prof') : undefined;
  const current = currentBuild({ cli: opts.cli, prof });
  for (const f of missingBundles(current)) {
    console.error(`${relative(root, f)} is missing: run \`npm run build\` (npm run bench does)`);
    process.exit(1);
  }
  const baseline = opts.baseline ? baselineBuild(opts.baseline) : undefined;
  for (const f of baseline ? missingBundles(baseline) : []) {
    console.error(`--baseline: ${f} is missing: run \`npm run build\` in ${baseline.root}`);
    process.exit(1);
  }
  // baseline first: the runs alternate baseline, current, baseline, current...
  const builds = baseline ? [baseline, current] : [current];
  // what was measured: the bundles as they were when the run started (others may rebuild meanwhile)
  const measured = new Map(builds.map((b) => [b, describeBuild(b)]));
  if (opts.cpuProf) {
    log('profiling: building unminified bundles into bench/.data/prof/ ...');
    await buildForProfiling(prof);
  }

  log(`data: checking ${shortPath(data.dir)} ...`);
  const { manifest, generated } = ensureData({ out: data.dir, ...data.sizes, log });
  log(generated ? `data: generated in ${manifest.seconds} s` : 'data: up to date');
  if (opts.writeReference) {
    await writeReference({ manifest, data: data.dir, cli: current.cli, timeout: timeouts.cli * 4, log });
    killAll();
    return;
  }
  const ref = loadReference(manifest);

  const ctx = { opts, timeouts, data: data.dir, manifest, builds, log, jsonParse: undefined };
  if (opts.only.has('cli') || opts.only.has('server')) {
    ctx.jsonParse = await machineSpeed({ data: data.dir, details: current.figures.details, timeout: timeouts.jsonBaseline, log });
  }
  if (opts.only.has('cli')) {
    log('cli: running ...');
    await benchCli(ctx);
  }
  if (opts.only.has('server')) {
    log('server: running ...');
    await benchServer(ctx);
  }
  if (opts.only.has('bundle')) {
    log('bundle: measuring ...');
    await benchBundles(ctx);
  }
  if (opts.only.has('interchange')) {
    log('interchange: running ...');
    await benchInterchange(ctx);
  }
  if (opts.only.has('data')) {
    log('data: running ...');
    await benchData(ctx);
  }
  if (opts.only.has('pictures')) {
    log('pictures: running ...');
    await benchPictures(ctx);
  }

  for (const { figures } of builds) {
    if (opts.only.has('cli'))
      checkReference(
        figures,
        'cli.diagnostics',
        'CLI diagnostics per rule = reference',
        ref.reference?.workspace,
        figures.runDiagnostics.cli,
        ref.why,
      );
    if (opts.only.has('server'))
      checkReference(
        figures,
        'server.diagnostics',
        'server diagnostics on open per rule = reference',
        ref.reference?.document,
        figures.runDiagnostics.server,
        ref.why,
      );
    // informational: the server's open time against JSON.parse of the document's claims
    const { details } = figures;
    const doc = current.figures.details.baseline?.document;
    if (details.server?.openMs && doc) details.server.openRatioToJsonParse = details.server.openMs / doc.medianMs;
  }

  const { metrics, details } = current.figures;
  const cpus = os.cpus();
  const result = {
    schema: 1,
    date: started.toISOString(),
    ...measured.get(current),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model,
      memoryBytes: os.totalmem(),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
      loadAverageAtStart: load0.map((x) => Math.round(x * 100) / 100),
      loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    data: {
      seed: manifest.seed,
      generator: manifest.generator,
      workspace: {
        claims: manifest.workspace.claims,
        files: manifest.workspace.files,
        bytes: manifest.workspace.bytes,
        lines: manifest.workspace.lines,
      },
      document: { claims: manifest.document.claims, bytes: manifest.document.bytes, lines: manifest.document.lines },
    },
    options: {
      only: [...opts.only],
      runs: opts.runs,
      edits: opts.edits,
      timeoutScale: opts.timeoutScale,
      workspaceFolder: opts.folder,
      cpuProf: opts.cpuProf,
      ...(baseline ? { baseline: opts.baseline } : {}),
    },
    allPass: metrics.filter((m) => !m.informational).every((m) => m.pass),
    metrics,
    details,
    // with --baseline: its figures and each figure's ratio current / baseline
    ...(baseline
      ? {
          comparison: {
            tolerance: TOLERANCE,
            baseline: {
              dir: shortPath(baseline.root),
              ...measured.get(baseline),
              allPass: baseline.figures.metrics.filter((m) => !m.informational).every((m) => m.pass),
              metrics: baseline.figures.metrics,
              details: baseline.figures.details,
            },
            figures: compare(baseline.figures, current.figures),
          },
        }
      : {}),
  };

  printSummary(result, ctx.jsonParse);
  if (opts.save) saveResults(result, { dated: opts.keepDated });
  else console.log(`results not saved (${opts.notSaved ?? '--no-save or --cpu-prof'})`);
  if (opts.updateDocs && !opts.cpuProf) updateDocs(result);
  if (opts.cpuProf)
    console.log(`profiles: ${relative(root, join(data.dir, 'profiles'))}/ (summarise with: node bench/cpuprofile-top.mjs <file>)`);
  killAll();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  killChildrenOnExit();
  await main(options(process.argv.slice(2)));
}
