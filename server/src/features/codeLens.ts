// Code lens on each claim: the expected payment (Medicare national fee x the payer's rate;
// what the bundled fee data lacks is said, never estimated) and, for trigger point claims,
// where the session stands against each `limit` of the payer.
import type { CodeLens, Range } from 'vscode-languageserver-types';
import type { ClaimBlock } from '../language/syntax';
import { atRate, formatUsd, nationalFee } from '../data/fees';
import { isFacility } from '../data/places';
import { factsOf } from '../model/claim';
import { limitWindow, yearOf } from '../model/dates';
import type { Workspace } from '../model/workspace';
import type { WorkspaceIndex } from '../model/workspaceIndex';

export interface LensOptions { qualifyingApm?: boolean }

function lens(claim: ClaimBlock, title: string): CodeLens {
  const at = claim.id ?? claim.keyword;
  const range: Range = { start: { line: claim.startLine, character: claim.keyword.start }, end: { line: at.line, character: at.end } };
  // an empty command: the lens is information, not an action
  return { range, command: { title, command: '' } };
}

/** The expected payment of a claim, in words. */
export function paymentText(index: WorkspaceIndex, claim: ClaimBlock, o: LensOptions = {}): string | undefined {
  if (!claim.lines.length) return undefined;
  const facts = factsOf(claim);
  const others = [...new Set(claim.lines.filter((l) => !facts.tpiLines.includes(l)).map((l) => l.code.value))];
  if (!facts.tpiLines.length) return `Expected payment: unknown (no fee data for ${others.join(', ')}: ClaimNote bundles Medicare fees for 20552 and 20553 only)`;
  const date = claim.date?.iso;
  if (!date) return 'Expected payment: unknown (no valid date of service, so no fee schedule year)';
  const code = facts.tpiLines[0].code.value;
  const year = yearOf(date);
  const fee = nationalFee(code, year, isFacility(facts.pos), o.qualifyingApm);
  const notes: string[] = [];
  if (facts.tpiLines.length > 1) notes.push(`${facts.tpiLines.length - 1} more trigger point line${facts.tpiLines.length > 2 ? 's' : ''} not paid (MUE 1 a day)`);
  if (others.length) notes.push(`no fee data for ${others.join(', ')}`);
  const suffix = notes.length ? ` · ${notes.join(' · ')}` : '';
  if (fee.amount === undefined) return `Expected payment: unknown (${fee.unknown})${suffix}`;
  const medicare = `${code} ${formatUsd(fee.amount)} Medicare ${year} national, ${fee.setting}`;
  const payer = claim.payer?.value;
  const policy = payer ? index.policyFor(payer.value) : undefined;
  if (!payer) return `Expected payment: unknown (no payer; ${medicare})${suffix}`;
  if (!policy) return `Expected payment: unknown (payer ${payer.text} has no policy, so no rate; ${medicare})${suffix}`;
  const rate = policy.policy.rate?.percent;
  if (rate === undefined) return `Expected payment: unknown (policy ${payer.text} sets no \`rate\`; ${medicare})${suffix}`;
  const amount = atRate(fee.amount, rate);
  return `Expected payment ${formatUsd(amount)}: ${medicare}${rate === 100 ? '' : ` x ${rate}% (${payer.text})`}${suffix}`;
}

function period(per: number, unit: 'days' | 'weeks' | 'months' | 'years'): string {
  if (unit === 'weeks') return `${per * 7} days`;
  if (unit === 'years') return `${per * 12} months`;
  return `${per} ${per === 1 ? unit.slice(0, -1) : unit}`;
}

/** "session k of n allowed in d days" for each limit of the claim's payer. */
export function sessionTexts(index: WorkspaceIndex, claim: ClaimBlock): string[] {
  const facts = factsOf(claim);
  const patient = claim.patient?.value.value, payer = claim.payer?.value, date = claim.date?.iso;
  if (!facts.isTpiClaim || !patient || !payer || !date) return [];
  const policy = index.policyFor(payer.value);
  if (!policy) return [];
  if (!policy.policy.limits.length) return [`${payer.text}: no session limit`];
  const sessions = index.sessionsOf(patient, payer.value);
  return policy.policy.limits.map((l) => {
    const w = limitWindow(date, l.per, l.unit);
    const k = sessions.filter((s) => s.date >= w.from && s.date <= w.to).length;
    return `${payer.text}: session ${k} of ${l.count} allowed in ${period(l.per, l.unit)}${k > l.count ? ' (over the limit)' : ''}`;
  });
}

export function codeLenses(ws: Workspace, uri: string, o: LensOptions = {}): CodeLens[] {
  const file = ws.get(uri);
  if (!file) return [];
  const index = ws.index();
  const out: CodeLens[] = [];
  for (const b of file.blocks) {
    if (b.kind !== 'claim') continue;
    const pay = paymentText(index, b, o);
    if (pay) out.push(lens(b, pay));
    for (const s of sessionTexts(index, b)) out.push(lens(b, s));
  }
  return out;
}
