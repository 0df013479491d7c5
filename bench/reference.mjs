// The benchmark measures the real thing only if the engine still reports what it should: the
// diagnostics per rule of the CLI over the workspace and of the server on opening the document
// are compared with bench/reference-counts.json (written by --write-reference from a CLI known
// to be right, for this seed and generator version). A difference fails the run.
import { existsSync, readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { start, exited, withTimeout, killGroup } from './processes.mjs';
import { root, git } from './builds.mjs';

export const REFERENCE = join(root, 'bench', 'reference-counts.json');

export function countByRule(diagnostics) {
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

export function loadReference(manifest) {
  if (!existsSync(REFERENCE)) return { why: 'no bench/reference-counts.json (node bench/run.mjs --write-reference)' };
  const r = JSON.parse(readFileSync(REFERENCE, 'utf8'));
  const same =
    r.data?.generator === manifest.generator &&
    r.data?.seed === manifest.seed &&
    r.data?.errorRate === manifest.errorRate &&
    JSON.stringify(r.data?.params) === JSON.stringify(manifest.params);
  return same
    ? { reference: r }
    : { why: 'bench/reference-counts.json is for other data (seed, parameters or generator version): rewrite it with --write-reference' };
}

/** Compares every run's diagnostics per rule (`runs`: one count per run, undefined for a run that gave none) with the reference; records the check in `figures`. */
export function checkReference(figures, id, label, want, runs, why) {
  const m = { id, label, unit: 'check', value: null, target: { equals: 'reference' }, pass: false, status: 'ok', check: true };
  const got = (runs ?? []).filter(Boolean);
  if (!want) {
    m.status = 'no reference';
    m.note = why;
    m.pass = true;
  } else if (!got.length) {
    m.status = 'not run';
    m.note = 'no diagnostics to compare';
  } else {
    const k = got.findIndex((g) => diffCounts(want, g).length > 0);
    const diff = k < 0 ? [] : diffCounts(want, got[k]);
    m.pass = diff.length === 0;
    m.value = m.pass ? 'same' : `${diff.length} rule${diff.length === 1 ? '' : 's'} differ`;
    if (diff.length)
      m.note = `diagnostics per rule${got.length > 1 ? ` (run ${k + 1})` : ''} differ from bench/reference-counts.json: ${diff.join('; ')}`;
  }
  figures.metrics.push(m);
}

/** The rules whose counts differ between two builds' first runs ([] when the same; undefined when either has none). */
export function diagnosticsDiffer(baselineRuns, currentRuns) {
  const [a, b] = [baselineRuns?.find(Boolean), currentRuns?.find(Boolean)];
  return a && b ? diffCounts(a, b) : undefined;
}

/** --write-reference: the CLI's diagnostics per rule over the workspace and the document, into bench/reference-counts.json. */
export async function writeReference({ manifest, data, cli, timeout, log }) {
  const counts = {};
  for (const [key, path] of [
    ['workspace', join(data, 'workspace')],
    ['document', join(data, manifest.document.path)],
  ]) {
    log(`reference: node ${relative(root, cli)} check --format json ${relative(root, path)}`);
    const out = join(data, `reference-${key}.json`);
    const fd = openSync(out, 'w');
    const child = start(process.execPath, [cli, 'check', '--format', 'json', '--exit-zero', path], { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    const { code } = await withTimeout(exited(child), timeout, 'reference CLI run').catch((e) => {
      killGroup(child);
      throw e;
    });
    if (code !== 0) throw new Error(`the CLI exited with ${code}`);
    counts[key] = countByRule(JSON.parse(readFileSync(out, 'utf8')).files.flatMap((f) => f.diagnostics));
  }
  const ref = {
    note: 'Diagnostics per rule that a correct engine reports on the benchmark data; rewrite with `node bench/run.mjs --write-reference` when the data or the rules change on purpose.',
    data: { generator: manifest.generator, seed: manifest.seed, errorRate: manifest.errorRate, params: manifest.params },
    cli: relative(root, cli),
    commit: git(['rev-parse', 'HEAD']),
    uncommittedEngineChanges: !!git(['status', '--porcelain', '--', 'server/src']),
    workspace: counts.workspace,
    document: counts.document,
  };
  writeFileSync(REFERENCE, JSON.stringify(ref, null, 2) + '\n');
  console.log(
    `wrote ${relative(root, REFERENCE)}: ${Object.values(ref.workspace).reduce((a, b) => a + b, 0)} diagnostics in the workspace, ${Object.values(ref.document).reduce((a, b) => a + b, 0)} in the document`,
  );
}
