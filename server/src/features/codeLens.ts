// Code lens on each claim, one short lens per fact (a lens is cut at the window's edge): the
// expected payment (Medicare national fee x the payer's rate; what the bundled fee data lacks
// is said, never estimated), or the denial the payer's policy calls for, and, for trigger
// point claims, where the session stands against each `limit` of the payer. The details are
// in each lens command's tooltip.
import type { Command, CodeLens, Range } from 'vscode-languageserver-types';
import type { ClaimBlock, ServiceLine } from '../language/syntax';
import { expectedPayment } from '../rules/billing';
import { atRate, formatUsd, nationalFee } from '../data/fees';
import { isFacility } from '../data/places';
import { factsOf } from '../model/claim';
import { limitWindow, yearOf } from '../model/dates';
import type { Workspace } from '../model/workspace';
import type { PolicyRef, WorkspaceIndex } from '../model/workspaceIndex';
import { coverageDenial, isMedicare, policyName, EXPECTED_DENIAL_ADVICE } from '../rules/policy';

export interface LensOptions {
  qualifyingApm?: boolean;
  /** the client's command that previews a claim as a CMS-1500 form: one lens per claim runs it */
  formPreviewCommand?: string;
}

/** One fact of a claim: a short title, and the details behind it. */
export interface LensFact {
  title: string;
  tooltip: string;
}

/** LSP 3.18 `Command.tooltip` (clients that do not know it show the title alone). */
type TooltipCommand = Command & { tooltip?: string };

const cap = (t: string) => t[0].toUpperCase() + t.slice(1);

function lens(claim: ClaimBlock, fact: LensFact): CodeLens {
  const at = claim.id ?? claim.keyword;
  const range: Range = { start: { line: claim.startLine, character: claim.keyword.start }, end: { line: at.line, character: at.end } };
  // an empty command id: VS Code shows the title as plain text, not a link (the lens is
  // information, not an action)
  // the tooltip twice: as LSP 3.18 `tooltip`, and as the argument, which LSP 3.17 clients
  // (vscode-languageclient 9) keep, so that a client can show it
  const command: TooltipCommand = { title: fact.title, command: '', tooltip: fact.tooltip, arguments: [{ tooltip: fact.tooltip }] };
  return { range, command };
}

/** The expected payment of a TPI line at the practice's locality, when CMS's files for it are loaded. */
function localPayment(index: WorkspaceIndex, claim: ClaimBlock, line: ServiceLine, policy: PolicyRef, pos: string) {
  const practice = index.practiceFor(claim)?.practice;
  if (!practice?.locality) return undefined;
  const e = expectedPayment(claim, line, policy, pos, practice);
  return e?.local ? e : undefined;
}

/** The expected payment of a claim (or the denial its payer's policy calls for), as lens facts. */
export function paymentFacts(index: WorkspaceIndex, claim: ClaimBlock, o: LensOptions = {}): LensFact[] {
  if (!claim.lines.length) return [];
  const facts = factsOf(claim);
  const others = [...new Set(claim.lines.filter((l) => !facts.tpiLines.includes(l)).map((l) => l.code.value))];
  const noFees = others.length ? `No fee data for ${others.join(', ')}: ClaimNote bundles Medicare fees for 20552 and 20553 only.` : '';
  if (!facts.tpiLines.length) return [{ title: 'Expected payment unknown', tooltip: noFees }];
  const out: LensFact[] = [];
  const payer = claim.payer?.value;
  const policy = payer ? index.policyFor(payer.value) : undefined;
  const first = facts.tpiLines[0];
  const code = first.code.value;
  const denial = policy ? coverageDenial(claim, first, policy) : undefined;
  const date = claim.date?.iso;
  if (denial && policy) {
    const medicare = isMedicare(policy);
    const advice = denial.waiver ? 'GA/GZ on the line: the expected denial is noted.' : medicare ? `${cap(EXPECTED_DENIAL_ADVICE)}.` : '';
    out.push({
      title: `Expected denial: ${denial.excluded.length ? `${denial.excluded.join(', ')} excluded` : `${denial.codes.join(', ')} not covered`} (${payer!.text})`,
      tooltip: [`${code} is not covered for ${denial.codes.join(', ')}: ${denial.why}.`, advice, noFees].filter(Boolean).join('\n'),
    });
  } else if (!date) {
    out.push({
      title: 'Expected payment unknown',
      tooltip: ['No valid date of service, so no fee schedule year.', noFees].filter(Boolean).join('\n'),
    });
  } else if (policy && localPayment(index, claim, first, policy, facts.pos)) {
    // the practice's locality, from CMS's files (data/loaded.ts): the computation in the tooltip
    const e = localPayment(index, claim, first, policy, facts.pos)!;
    out.push({ title: `Expected ${formatUsd(e.cents / 100)}`, tooltip: [`${e.rate}% of ${e.basis}.`, noFees].filter(Boolean).join('\n') });
  } else {
    const year = yearOf(date);
    const fee = nationalFee(code, year, isFacility(facts.pos), o.qualifyingApm);
    const medicare = fee.amount === undefined ? '' : `${code} ${formatUsd(fee.amount)}: Medicare ${year} national, ${fee.setting}.`;
    const rate = policy?.policy.rate?.percent;
    if (fee.amount === undefined)
      out.push({
        title: 'Expected payment unknown',
        tooltip: [`${fee.unknown![0].toUpperCase()}${fee.unknown!.slice(1)}.`, noFees].filter(Boolean).join('\n'),
      });
    else if (!payer)
      out.push({ title: 'Expected payment unknown', tooltip: [`The claim has no payer. ${medicare}`, noFees].filter(Boolean).join('\n') });
    else if (!policy)
      out.push({
        title: 'Expected payment unknown',
        tooltip: [`Payer ${payer.text} has no policy, so no rate. ${medicare}`, noFees].filter(Boolean).join('\n'),
      });
    else if (rate === undefined)
      out.push({
        title: 'Expected payment unknown',
        tooltip: [`Policy ${payer.text} sets no rate. ${medicare}`, noFees].filter(Boolean).join('\n'),
      });
    else {
      const amount = atRate(fee.amount, rate);
      const how =
        rate === 100
          ? `${medicare} Payer ${payer.text} pays 100% of it.`
          : `${medicare} x ${rate}% (${payer.text}) = ${formatUsd(amount)}.`;
      out.push({
        title: `Expected ${formatUsd(amount)}`,
        tooltip: [how, 'National amount (GPCIs of 1): no locality, deductible, coinsurance or multiple-procedure reduction.', noFees]
          .filter(Boolean)
          .join('\n'),
      });
    }
  }
  const extra = facts.tpiLines.length - 1;
  if (extra > 0)
    out.push({
      title: `${extra} more TPI line${extra > 1 ? 's' : ''} not paid`,
      tooltip: `A trigger point code is paid once a day (MUE 1): only the first ${code} line is counted.`,
    });
  return out;
}

function period(per: number, unit: 'days' | 'weeks' | 'months' | 'years'): string {
  if (unit === 'weeks') return `${per * 7} days`;
  if (unit === 'years') return `${per * 12} months`;
  return `${per} ${per === 1 ? unit.slice(0, -1) : unit}`;
}

/** "Session k of n (payer, d days)" for each limit of the claim's payer. */
export function sessionFacts(index: WorkspaceIndex, claim: ClaimBlock): LensFact[] {
  const facts = factsOf(claim);
  const patient = claim.patient?.value.value,
    payer = claim.payer?.value,
    date = claim.date?.iso;
  if (!facts.isTpiClaim || !patient || !payer || !date) return [];
  const policy = index.policyFor(payer.value);
  if (!policy) return [];
  if (!policy.policy.limits.length)
    return [{ title: `No session limit (${payer.text})`, tooltip: `${cap(policyName(policy))} sets no limit on sessions.` }];
  const sessions = index.sessionsOf(patient, payer.value);
  return policy.policy.limits.map((l) => {
    const w = limitWindow(date, l.per, l.unit);
    const inside = sessions.filter((s) => s.date >= w.from && s.date <= w.to);
    const k = inside.length;
    const over = k > l.count;
    return {
      title: `Session ${k} of ${l.count}${over ? ', over the limit' : ''} (${payer.text}, ${period(l.per, l.unit)})`,
      tooltip: `Sessions of patient ${claim.patient!.value.text} with ${payer.text} from ${w.from} to ${w.to}: ${inside.map((s) => s.date).join(', ')}. Limit ${l.count} per ${l.per} ${l.unit}: ${policyName(policy)}${over ? '; this session is over it' : ''}.`,
    };
  });
}

export function codeLenses(ws: Workspace, uri: string, o: LensOptions = {}): CodeLens[] {
  const file = ws.get(uri);
  if (!file) return [];
  const index = ws.index();
  const out: CodeLens[] = [];
  for (const b of file.blocks) {
    if (b.kind !== 'claim') continue;
    for (const f of paymentFacts(index, b, o)) out.push(lens(b, f));
    for (const f of sessionFacts(index, b)) out.push(lens(b, f));
    if (o.formPreviewCommand) {
      const l = lens(b, { title: 'Preview claim form', tooltip: 'The claim as a CMS-1500 (02/12) form beside the editor' });
      l.command = { title: 'Preview claim form', command: o.formPreviewCommand, arguments: [{ uri, line: b.startLine }] };
      out.push(l);
    }
  }
  return out;
}
