// Denials and appeals: a payer's decisions recorded on the claim (`denied`), what explains them
// (the other rules' findings on the claim), the appeal deadline, and an appeal filed late.
// Diagnostics never depend on today's date: deadlines are dates, compared with dates written.
import type { ClaimBlock, DenialLine, ServiceLine } from '../language/syntax';
import { GROUP_CODES } from '../language/lexicon';
import { DENIAL_SOURCE, MEDICARE_APPEAL_DAYS, REASONS } from '../data/denials';
import { addDays, daysBetween } from '../model/dates';
import type { PolicyRef } from '../model/workspaceIndex';
import { defineRules, type Finding } from './rule';
import { cap, claimName } from './structure';
import { isMedicare } from './policy';

/** How many days after a notice an appeal may be filed: the policy's `appeal-window`, 125 for medicare, else none. */
export function appealWindow(policy: PolicyRef | undefined): number | undefined {
  if (!policy) return undefined;
  return policy.policy.appealWindow?.days ?? (isMedicare(policy) ? MEDICARE_APPEAL_DAYS : undefined);
}

/** The last day an appeal of a denial may be filed, when the payer has a window. */
export function appealDeadline(denial: DenialLine, policy: PolicyRef | undefined): string | undefined {
  const days = appealWindow(policy);
  return denial.iso && days !== undefined ? addDays(denial.iso, days) : undefined;
}

/** An adjustment in words: `CO-50 (contractual obligation): not medically necessary for the payer`. */
export function adjustmentText(group: string, reason: string): string {
  const meaning = REASONS[reason.toLowerCase()]?.meaning ?? 'ClaimNote has no description for it';
  return `${group}-${reason} (${GROUP_CODES[group.toLowerCase()] ?? group}): ${meaning}`;
}

/** The service lines of a claim, by line number. */
function serviceLineNumbers(claim: ClaimBlock): Set<number> {
  return new Set(claim.lines.map((l: ServiceLine) => l.line));
}

/**
 * The findings that explain a denial: of a rule its reasons name, on the denied line (`on
 * <code>`: reported on a line with that code, or on a line of the claim that is no service line)
 * or anywhere on the claim (a denial of the whole claim).
 */
export function explainingFindings(claim: ClaimBlock, denial: DenialLine, findings: readonly Finding[]): Finding[] {
  const rules = new Set<string>(denial.adjustments.flatMap((a) => REASONS[a.reason.toLowerCase()]?.explainedBy ?? []));
  const services = serviceLineNumbers(claim);
  const codeLines = denial.on ? new Set(claim.lines.filter((l) => l.code.value === denial.on!.value).map((l) => l.line)) : undefined;
  return findings.filter((f) => {
    if (!rules.has(f.code)) return false;
    if (!codeLines) return true;
    const line = f.range.start.line;
    return codeLines.has(line) || !services.has(line);
  });
}

/** A finding's message as a clause: its first sentence, without its full stop. */
export const firstSentence = (m: string) => m.split(/(?<=\.)\s/)[0].replace(/\.$/, '');

export default defineRules([
  {
    id: 'claim-denied',
    family: 'Denials and appeals',
    severity: 'warning',
    summary:
      "A `denied` line on a claim without an `appealed` line. The message names each adjustment's meaning, the ClaimNote findings on the same claim that explain it (none found, when none does) and the appeal deadline.",
    why: 'A denial not acted on is money written off: a finding that explains it calls for a corrected claim; otherwise the note may support an appeal, which has a deadline.',
    source: DENIAL_SOURCE,
    fixes:
      'none (the editor offers "Draft a redetermination request" and, when a finding explains the denial, "Create a corrected claim" as commands, not fixes)',
    example: 'denied 2026-02-20 CO-50 remark N115 ref 26051000101 on 20552',
    denials({ ref, policy, findings, report }) {
      const claim = ref.claim;
      if (claim.appealed) return;
      for (const d of claim.denials) {
        const adjustments = d.adjustments.map((a) => adjustmentText(a.group, a.reason)).join('; ');
        const explaining = explainingFindings(claim, d, findings);
        const explained = explaining.length
          ? `Explained by ${explaining.map((f) => `${f.code} (${firstSentence(f.message)})`).join('; ')}: correct the claim and send it again as a corrected claim (replaces ${d.ref?.text ?? "<the payer's claim number>"}).`
          : 'No ClaimNote finding explains it: if the note supports the service, an appeal is the remedy.';
        const deadline = appealDeadline(d, policy);
        const window = appealWindow(policy);
        const when = deadline
          ? `Appeal by ${deadline} (${window} days after the notice${policy?.policy.appealWindow ? '' : ', as Medicare allows'}).`
          : `${policy ? `Payer ${claim.payer!.value.text} states no appeal window` : 'The payer is unknown'}: check its deadline (add \`appeal-window <n> days\` to its policy).`;
        report(
          { line: d.line, start: d.kwStart, end: d.kwStart + d.kw.length },
          `${cap(claimName(claim))} was denied on ${d.date.text}${d.on ? ` for ${d.on.value}` : ''}: ${adjustments}. ${explained} ${when}`,
        );
      }
    },
  },
  {
    id: 'appeal-late',
    family: 'Denials and appeals',
    severity: 'warning',
    summary:
      "An `appealed` date later than the deadline of the claim's latest `denied` line dated on or before it (an appeal on the deadline is on time).",
    why: 'A late appeal is dismissed unless it shows good cause for the delay.',
    source: DENIAL_SOURCE,
    fixes: 'none',
    example: 'denied 2026-01-20 CO-50\n  appealed 2026-06-15',
    denials({ ref, policy, report }) {
      const claim = ref.claim;
      const appealed = claim.appealed;
      if (!appealed?.iso) return;
      const before = claim.denials.filter((d) => d.iso && d.iso <= appealed.iso!).sort((a, b) => (a.iso! < b.iso! ? -1 : 1));
      const latest = before[before.length - 1];
      if (!latest) return;
      const deadline = appealDeadline(latest, policy);
      if (!deadline || appealed.iso <= deadline) return;
      report(
        appealed.value,
        `Appealed ${appealed.iso}, ${daysBetween(latest.iso!, appealed.iso)} days after the denial notice of ${latest.iso}: the ${appealWindow(policy)}-day window closed on ${deadline}. A late request must show good cause for the delay.`,
      );
    },
  },
  {
    id: 'denied-before-service',
    family: 'Denials and appeals',
    severity: 'error',
    summary: "A `denied` date before the claim's date of service.",
    why: 'A payer cannot deny a service before it was given: the notice date is mistyped, or the denial belongs to another claim.',
    source: DENIAL_SOURCE,
    fixes: 'none',
    example: 'date 2026-04-06\n  denied 2026-03-06 CO-16',
    claim({ claim, report }) {
      const service = claim.date?.iso;
      if (!service) return;
      for (const d of claim.denials)
        if (d.iso && d.iso < service)
          report(d.date, `Denied ${d.iso}, before the date of service ${service} of ${claimName(claim)}: check the notice date.`);
    },
  },
  {
    id: 'denial-unknown-line',
    family: 'Denials and appeals',
    severity: 'warning',
    summary: 'A `denied ... on <code>` whose code is on no line of the claim.',
    why: 'The denial was probably matched to the wrong claim, or the code was mistyped: the line it concerns cannot be found.',
    source: DENIAL_SOURCE,
    fixes: 'none',
    example: 'line 20552-LT dx A\n  denied 2026-02-26 CO-97 on 20610',
    claim({ claim, report }) {
      const codes = new Set(claim.lines.map((l) => l.code.value));
      for (const d of claim.denials)
        if (d.on && !codes.has(d.on.value))
          report(
            d.on,
            `The denial of ${d.date.text} concerns ${d.on.value}, which no line of ${claimName(claim)} bills (${[...codes].join(', ') || 'no lines'}): check the remittance.`,
          );
    },
  },
]);
