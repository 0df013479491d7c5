// The text report: a line per finding naming its claim, then a line per claim and the totals,
// coloured on a terminal.
import type { Finding, Severity } from '../rules/rule';
import type { ClaimTally } from './claims';

/**
 * Whether to colour: --color / --no-color first; then FORCE_COLOR (set and not `0` or `false`:
 * colour; `0` or `false`: none), as Node itself reads it; then NO_COLOR (any non-empty value:
 * none); else only when stdout is a terminal.
 */
export function wantsColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY;
}

type Paint = (s: string) => string;
export interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  cyan: Paint;
  green: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (s) =>
    `\x1b[${open}m${s}\x1b[${close}m`;
const same: Paint = (s) => s;
export const COLORS: Palette = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
};
export const PLAIN: Palette = { bold: same, dim: same, red: same, yellow: same, cyan: same, green: same };

function severityText(p: Palette, s: Severity): string {
  return s === 'error' ? p.bold(p.red(s)) : s === 'warning' ? p.yellow(s) : s === 'info' ? p.cyan(s) : p.dim(s);
}

/** `path:line:col claim-id severity message [rule-id]`, 1-based; `-` for a finding outside any claim. */
export function findingLine(p: Palette, path: string, claimId: string | undefined, f: Finding): string {
  return `${path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${claimId ? p.bold(claimId) : '-'} ${severityText(p, f.severity)} ${f.message} ${p.dim(`[${f.code}]`)}\n`;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

function status(p: Palette, t: ClaimTally): string {
  if (!t.errors && !t.warnings) return p.green('ready');
  const parts: string[] = [];
  if (t.errors) parts.push(p.red(plural(t.errors, 'error')));
  if (t.warnings) parts.push(p.yellow(plural(t.warnings, 'warning')));
  return parts.join(', ');
}

/**
 * One line per claim, `claim <id> at <path>:<line>: ready | N errors, N warnings` (`(no id)`
 * for a claim without one), a line per file for the findings outside any claim, then
 * `N claims: N ready, N with warnings, N with errors`.
 */
export function claimSummary(p: Palette, tallies: readonly ClaimTally[]): string {
  let out = '';
  let ready = 0,
    warned = 0,
    failed = 0,
    claims = 0;
  for (const t of tallies) {
    if (t.line < 0) {
      out += `${t.path}: ${status(p, t)} outside any claim\n`;
      continue;
    }
    claims++;
    if (t.errors) failed++;
    else if (t.warnings) warned++;
    else ready++;
    out += `claim ${p.bold(t.id || '(no id)')} at ${t.path}:${t.line + 1}: ${status(p, t)}\n`;
  }
  const w = `${warned} with warnings`,
    e = `${failed} with errors`;
  return out + `${plural(claims, 'claim')}: ${p.green(`${ready} ready`)}, ${warned ? p.yellow(w) : w}, ${failed ? p.red(e) : e}\n`;
}

export function totalsLine(files: number, counts: Record<Severity, number>): string {
  return `${plural(files, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info, ${plural(counts.hint, 'hint')}\n`;
}
