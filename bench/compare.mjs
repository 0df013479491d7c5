// Two builds side by side (--baseline DIR): for each figure, both values, the ratio
// current / baseline and a verdict: "within 10%", or how much more or less the current build
// takes. Every figure measured is one where less is better (time, memory, size).
import { diagnosticsDiffer } from './reference.mjs';

export const TOLERANCE = 0.1;

/** Figures the table has no row for but a comparison should: CPU times, steadier than wall times on a busy machine. */
const EXTRAS = [
  { id: 'cli.cpu', label: 'CLI: CPU time (user + system)', unit: 'ms', of: (d) => d.cli?.cpuMs },
  { id: 'server.open.cpu', label: 'server: CPU time of the open', unit: 'ms', of: (d) => d.server?.openCpuMs },
  { id: 'server.edit.cpu.p95', label: 'server: CPU time per edit, p95', unit: 'ms', of: (d) => d.server?.editCpuStats?.p95 },
];

export function verdict(ratio) {
  if (ratio === undefined) return 'no ratio';
  if (Math.abs(ratio - 1) <= TOLERANCE + 1e-9) return 'within 10%';
  const pct = Math.round(Math.abs(ratio - 1) * 100);
  return `${pct}% ${ratio > 1 ? 'more' : 'less'}`;
}

const num = (v) => (typeof v === 'number' ? v : undefined);
function row(id, label, unit, base, cur, extra = {}) {
  const ratio = base !== undefined && cur !== undefined && base > 0 ? Math.round((cur / base) * 1000) / 1000 : undefined;
  return {
    id,
    label,
    unit,
    baseline: base ?? null,
    current: cur ?? null,
    ratio: ratio ?? null,
    verdict: verdict(ratio),
    withinTolerance: ratio !== undefined && verdict(ratio) === 'within 10%',
    ...extra,
  };
}

/**
 * The comparison rows: one per figure of the current build (its checks show both results, no
 * ratio), then the CPU times, then whether the two builds report the same diagnostics per rule.
 */
export function compare(baseline, current) {
  const rows = [];
  for (const m of current.metrics) {
    const b = baseline.metrics.find((x) => x.id === m.id);
    if (m.check) {
      rows.push({
        id: m.id,
        label: m.label,
        unit: 'check',
        baseline: b ? (b.value ?? b.status) : null,
        current: m.value ?? m.status,
        ratio: null,
        verdict: '',
        check: true,
      });
      continue;
    }
    // a figure that failed (a build without the command, a run that timed out) gives no ratio
    const ok = (x) => (x && (x.status === undefined || x.status === 'ok') ? num(x.value) : undefined);
    rows.push(row(m.id, m.label, m.unit, ok(b), ok(m), m.informational ? { informational: true } : {}));
  }
  for (const x of EXTRAS) {
    const [b, c] = [num(x.of(baseline.details)), num(x.of(current.details))];
    if (b !== undefined || c !== undefined) rows.push(row(x.id, x.label, x.unit, b, c));
  }
  for (const [group, label] of [
    ['cli', 'CLI diagnostics per rule: current = baseline'],
    ['server', 'server diagnostics on open per rule: current = baseline'],
  ]) {
    if (!current.runDiagnostics[group] && !baseline.runDiagnostics[group]) continue;
    const diff = diagnosticsDiffer(baseline.runDiagnostics[group], current.runDiagnostics[group]);
    rows.push({
      id: `${group}.diagnostics.baseline`,
      label,
      unit: 'check',
      baseline: null,
      current: null,
      ratio: null,
      check: true,
      verdict:
        diff === undefined
          ? 'not compared'
          : diff.length
            ? `${diff.length} rule${diff.length === 1 ? '' : 's'} differ: ${diff.join('; ')}`
            : 'same',
    });
  }
  return rows;
}
