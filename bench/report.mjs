// What a run reports: the table on the console, the results JSON (bench/results/latest.json),
// and the "Latest figures" section of docs/performance.md.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './builds.mjs';
import { fmt, grouped } from './figures.mjs';

export const RESULTS = join(root, 'bench', 'results');
/** Dated copies (--keep-dated), git-ignored: the history of runs is docs/performance.md's. */
export const DATED = join(RESULTS, 'dated');

function show(m) {
  if (m.value === null) return m.status;
  if (m.unit === 'check') return m.value;
  if (m.status !== 'ok') return `${show({ ...m, status: 'ok' })} (${m.status})`;
  return value(m.unit, m.value);
}
const value = (unit, v) => (unit === 'ms' ? fmt.ms(v) : unit === 'bytes' ? fmt.bytes(v) : fmt.x(v));
function showTarget(m) {
  if (m.unit === 'check') return 'same as reference';
  const v = m.target.lessThan ?? m.target.atMost;
  return (m.target.atMost !== undefined ? '<= ' : '< ') + value(m.unit, v);
}
const target = (m) => (m.informational ? '(p95 is the target)' : showTarget(m));
const result = (m, fail = 'FAIL') => (m.informational ? '' : m.pass ? 'pass' : fail);

function grid(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => '| ' + r.map((c, i) => c.padEnd(w[i])).join(' | ') + ' |';
  return [line(head), '| ' + w.map((n) => '-'.repeat(n)).join(' | ') + ' |', ...rows.map(line)].join('\n');
}

export function table(ms) {
  return grid(
    ['figure', 'value', 'target', 'result'],
    ms.map((m) => [m.label, show(m), target(m), result(m)]),
  );
}

/** One row per comparison figure: both values, current / baseline, the verdict, and the current build's target and result. */
function comparisonRows(comparison, metrics) {
  return comparison.figures.map((c) => {
    const m = metrics.find((x) => x.id === c.id);
    const b = comparison.baseline.metrics.find((x) => x.id === c.id);
    const both =
      c.check && !m
        ? ['', '']
        : [
            b ? show(b) : c.baseline === null ? '' : value(c.unit, c.baseline),
            m ? show(m) : c.current === null ? '' : value(c.unit, c.current),
          ];
    return [c.label, ...both, c.ratio === null ? '' : c.ratio.toFixed(2), c.verdict, m ? target(m) : '', m ? result(m) : ''];
  });
}
const COMPARISON_HEAD = ['figure', 'baseline', 'current', 'current / baseline', 'verdict', 'target', 'result'];

export function comparisonTable(comparison, metrics) {
  return grid(COMPARISON_HEAD, comparisonRows(comparison, metrics));
}

/** The "Latest figures" section of docs/performance.md, between its markers. */
export function docsFigures(r) {
  const rows = r.metrics.map((m) => `| ${m.label} | ${show(m)} | ${target(m)} | ${result(m, '**fail**')} |`);
  const d = r.details;
  const notes = [];
  const cliRuns = d.cli?.runs ?? [];
  const serverRuns = d.server?.runs ?? [];
  if (cliRuns.length > 1 || serverRuns.length > 1) {
    const list = (xs) => xs.map((x) => (x === undefined ? 'failed' : fmt.ms(x))).join(', ');
    notes.push(
      `Each figure is the median of ${Math.max(cliRuns.length, serverRuns.length)} runs (peak memory: the highest; edits: all runs' together).${cliRuns.length ? ` CLI wall times: ${list(cliRuns.map((r) => r.wallMs))}.` : ''}${serverRuns.length ? ` Server opens: ${list(serverRuns.map((r) => r.openMs))}.` : ''}`,
    );
  }
  const b = d.baseline?.workspace;
  if (b)
    notes.push(
      `Machine speed: \`JSON.parse\` of the ${grouped(r.data.workspace.claims)} claims as JSON (${fmt.bytes(b.bytes)}): median ${fmt.ms(b.medianMs)} wall, ${fmt.ms(b.medianCpuMs)} CPU.`,
    );
  if (d.cli?.cpuMs)
    notes.push(
      `CLI CPU time (user + system): ${fmt.ms(d.cli.cpuMs)}${d.cli.cpuRatioToJsonParse ? `, ${d.cli.cpuRatioToJsonParse}x the CPU time of \`JSON.parse\`` : ''}; output: ${d.cli.summary ? `${d.cli.summary.error} errors, ${d.cli.summary.warning} warnings, ${d.cli.summary.info} info` : 'none'}.`,
    );
  if (d.server?.openCpuMs !== undefined)
    notes.push(
      `Server CPU time: open ${fmt.ms(d.server.openCpuMs)}${d.server.editCpuStats ? `; per edit p50 ${fmt.ms(d.server.editCpuStats.p50)}, p95 ${fmt.ms(d.server.editCpuStats.p95)}` : ''}; ${d.server.openDiagnostics} diagnostics on open.`,
    );
  const lastEdit = d.server?.edits?.filter((e) => e.rssBytes && (e.run === undefined || e.run === d.server.run)).pop();
  if (d.server?.rssAfterOpenBytes && lastEdit)
    notes.push(
      `Server resident set: ${fmt.bytes(d.server.rssAfterOpenBytes)} after the open, ${fmt.bytes(lastEdit.rssBytes)} after edit ${lastEdit.version - 1}.`,
    );
  if (d.bundles?.packageError) {
    const e = d.bundles.packageError.replace(/\s+/g, ' ');
    notes.push(`Packaging: \`vsce package\` failed: ${e.length > 160 ? e.slice(0, 160).replace(/\s+\S*$/, '') + ' ...' : e}`);
  }
  const m = r.machine;
  if (Math.max(m.loadAverageAtStart[0], m.loadAverageAtEnd[0]) > m.cpus) {
    notes.push(
      `The machine was busy during this run (load average above its ${m.cpus} CPUs): wall times are inflated, and the CPU times above are the steadier signal.`,
    );
  }
  const compared = r.comparison
    ? [
        '',
        `Compared with the baseline build, commit \`${(r.comparison.baseline.commit ?? '?').slice(0, 7)}\`${r.comparison.baseline.uncommittedEngineChanges ? ' with uncommitted engine changes' : ''}, runs alternating with the current build's:`,
        '',
        `| ${COMPARISON_HEAD.join(' | ')} |`,
        `| ${COMPARISON_HEAD.map(() => '---').join(' | ')} |`,
        ...comparisonRows(r.comparison, r.metrics).map((row) => `| ${row.join(' | ')} |`),
      ]
    : [];
  return [
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC on commit \`${(r.commit ?? '?').slice(0, 7)}\`${r.uncommittedEngineChanges ? ' with uncommitted engine changes' : ''}; ${m.cpus} x ${m.cpuModel}, ${fmt.bytes(m.memoryBytes)}, Node ${m.node}; load average ${m.loadAverageAtStart[0]} at the start, ${m.loadAverageAtEnd[0]} at the end. Full results: \`bench/results/latest.json\`.`,
    '',
    '| figure | value | target | result |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    ...notes.map((n) => `- ${n}`),
    ...compared,
  ].join('\n');
}

export function updateDocs(r) {
  const path = join(root, 'docs', 'performance.md');
  const text = readFileSync(path, 'utf8');
  const start = '<!-- bench:figures:start -->';
  const end = '<!-- bench:figures:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) {
    console.log('docs/performance.md has no figures markers; not updated');
    return;
  }
  writeFileSync(path, text.slice(0, i + start.length) + '\n' + docsFigures(r) + '\n' + text.slice(j));
  console.log('docs/performance.md: latest figures updated');
}

/** Writes bench/results/latest.json; with `dated`, a copy named by the run's UTC time into bench/results/dated/. */
export function saveResults(r, { dated = false } = {}) {
  mkdirSync(RESULTS, { recursive: true });
  const json = JSON.stringify(r, null, 2) + '\n';
  writeFileSync(join(RESULTS, 'latest.json'), json);
  const written = ['bench/results/latest.json'];
  if (dated) {
    mkdirSync(DATED, { recursive: true });
    const file = join(DATED, `${r.date.replace(/:/g, '').replace(/\.\d+Z$/, 'Z')}.json`);
    writeFileSync(file, json);
    written.push(relative(root, file));
  }
  console.log(`results: ${written.join(', ')}`);
}

/** The console report: the table (both builds side by side with --baseline), then what lies behind the figures. */
export function printSummary(r, jsonParse) {
  const { details, metrics, machine: m } = r;
  console.log(
    `\nClaimNote benchmark, ${r.date}, ${m.cpus} x ${m.cpuModel ?? 'cpu'}, node ${m.node}, load ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')}`,
  );
  if (jsonParse)
    console.log(
      `machine speed: JSON.parse of the ${grouped(r.data.workspace.claims)} claims as JSON (${fmt.bytes(jsonParse.bytes)}) takes ${fmt.ms(jsonParse.medianMs)} (median of ${jsonParse.ms.length})`,
    );
  if (r.comparison)
    console.log(
      `baseline: ${r.comparison.baseline.dir} (commit ${(r.comparison.baseline.commit ?? '?').slice(0, 7)}${r.comparison.baseline.uncommittedEngineChanges ? ', uncommitted engine changes' : ''}); runs alternate baseline, current`,
    );
  console.log(r.comparison ? comparisonTable(r.comparison, metrics) : table(metrics));
  if (details.cli?.cpuMs)
    console.log(
      `CLI CPU time (user + system): ${fmt.ms(details.cli.cpuMs)}${details.cli.cpuRatioToJsonParse ? ` = ${details.cli.cpuRatioToJsonParse}x the CPU time of JSON.parse (${fmt.ms(jsonParse.medianCpuMs)})` : ''}; diagnostics: ${JSON.stringify(details.cli.summary ?? {})}`,
    );
  if (details.server?.edits?.length) {
    for (const run of [...new Set(details.server.edits.map((e) => e.run))]) {
      console.log(
        `server edits${details.server.runs.length > 1 ? ` (run ${run})` : ''}: ${details.server.edits
          .filter((e) => e.run === run)
          .map((e) => (e.ms === null ? e.status : e.ms.toFixed(0)))
          .join(', ')} ms`,
      );
    }
  }
  const lastEdit = details.server?.edits?.filter((e) => e.rssBytes && e.run === details.server.run).pop();
  if (details.server?.rssAfterOpenBytes && lastEdit)
    console.log(
      `server RSS (VmRSS): ${fmt.bytes(details.server.rssAfterOpenBytes)} after the open, ${fmt.bytes(lastEdit.rssBytes)} after edit ${lastEdit.version - 1}`,
    );
  if (details.server?.editCpuStats)
    console.log(
      `server CPU time: open ${fmt.ms(details.server.openCpuMs ?? NaN)}; per edit p50 ${fmt.ms(details.server.editCpuStats.p50)}, p95 ${fmt.ms(details.server.editCpuStats.p95)}`,
    );
  for (const [k, v] of Object.entries(details)) if (v?.error) console.log(`${k}: ${v.error.split('\n')[0]}`);
  for (const x of metrics) if (x.status !== 'ok' && x.note) console.log(`${x.id}: ${x.note}`);
  if (r.comparison) {
    for (const x of r.comparison.baseline.metrics) if (x.status !== 'ok' && x.note) console.log(`baseline ${x.id}: ${x.note}`);
    const off = r.comparison.figures.filter((c) => !c.check && !c.informational && c.ratio !== null && !c.withinTolerance);
    console.log(
      off.length
        ? `not within 10% of the baseline: ${off.map((c) => `${c.id} ${c.ratio.toFixed(2)}`).join(', ')}`
        : 'every compared figure within 10% of the baseline',
    );
  }
  console.log(
    r.allPass
      ? 'every target met'
      : `targets missed: ${metrics
          .filter((x) => !x.informational && !x.pass)
          .map((x) => x.id)
          .join(', ')}`,
  );
}
