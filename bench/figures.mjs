// The figures of a run, one list per build measured: each with its target and whether it met
// it; how they are formatted; the statistics that choose them.
export const MB = 1e6;
export const fmt = {
  ms: (v) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`),
  bytes: (v) => (v >= 1e9 ? `${(v / 1e9).toFixed(2)} GB` : v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB` : `${(v / 1e3).toFixed(0)} kB`),
  x: (v) => `${v.toFixed(1)}x`,
};
/** A count as the labels write it: 100,000. */
export const grouped = (n) => n.toLocaleString('en-US');

export function percentile(sorted, p) {
  if (!sorted.length) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
/** The middle value; of an even count, the greater of the two middle ones (a run is chosen, not a mean made). */
export const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * One figure: its value (null when there is none), its target (`value` < `lessThan`, or
 * `value` <= `atMost`), whether it meets it, and why there is no figure (`status`).
 * @typedef {object} Metric
 * @property {string} id
 * @property {string} label
 * @property {string} unit
 * @property {number | null} value
 * @property {{ lessThan: number } | { atMost: number }} target
 * @property {boolean} pass
 * @property {string} status
 * @property {string} [note]
 * @property {boolean} [informational] reported, but not counted in `allPass`
 */

/**
 * One build's figures (`metrics`, in the order recorded), the details behind them (`details`),
 * and each run's diagnostics per rule, for the reference check (`runDiagnostics`).
 */
export class Figures {
  metrics = [];
  details = {};
  runDiagnostics = { cli: undefined, server: undefined };

  /**
   * Records one figure. `value` undefined with a `status` ("timed out", "failed", "not run")
   * reports why there is no figure; such a figure fails its target.
   */
  metric(id, label, unit, value, target, status = 'ok', note) {
    const pass = status === 'ok' && value !== undefined && value < target;
    /** @type {Metric} */
    const m = {
      id,
      label,
      unit,
      value: value === undefined ? null : Math.round(value * 100) / 100,
      target: { lessThan: target },
      pass,
      status,
    };
    if (note) m.note = note;
    this.metrics.push(m);
    return m;
  }

  // "at most 8x" is a <= target: keep the semantics explicit
  metricAtMost(id, label, unit, value, target, status = 'ok', note) {
    const m = this.metric(id, label, unit, value, target, status, note);
    m.target = { atMost: target };
    m.pass = status === 'ok' && value !== undefined && value <= target;
    return m;
  }
}
