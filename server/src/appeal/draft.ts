// The appeal letter drafted from the claim itself: who and what (the beneficiary, the service,
// its date, the party), the denial, the reason for disagreement built from the note (the
// coverage criteria it documents), what the note lacks, the deadline, attachments and sources.
// The renderers (letter.ts) turn it into Markdown, HTML or PDF. When the claim's own findings
// explain the denial, the remedy is a corrected claim (corrected.ts), not this letter.
import type { ClaimBlock, DenialLine } from '../language/syntax';
import { dottedIcd } from '../language/lexicon';
import { CODES, isTpi } from '../data/codes';
import { icdDescription } from '../data/icd10';
import { MEDICARE_SOURCE } from '../data/medicare';
import { REASONS } from '../data/denials';
import { recogniseDrug } from '../data/drugs';
import { factsOf } from '../model/claim';
import { daysBetween, limitWindow } from '../model/dates';
import type { Workspace } from '../model/workspace';
import type { ClaimRef } from '../model/workspaceIndex';
import { personName } from '../interchange/outgoing';
import { appealDeadline, explainingFindings, firstSentence } from '../rules/denials';
import { isMedicare } from '../rules/policy';
import { codeForCount, describeMuscles } from '../rules/tpi';
import type { Finding } from '../rules/rule';
import { RULES_BY_ID } from '../rules/registry';
import type { AppealLetter } from './letter';

/** The rules whose findings name something the note lacks (the biller gathers it before sending). */
const NOTE_GAPS = new Set(['doc-drug', 'doc-exam', 'doc-tried', 'doc-response', 'doc-technique', 'doc-symptoms', 'muscles-missing']);

export type DraftResult =
  | { letter: AppealLetter }
  /** the claim's own findings explain the denial: a corrected claim is the remedy */
  | { explained: Finding[]; denial: DenialLine }
  | { error: string };

/** The claim's text lines of one kind (`exam`, `tried`...), as written. */
function texts(claim: ClaimBlock, kw: string): string[] {
  return claim.texts.filter((t) => t.kw === kw).map((t) => t.value.text);
}

/**
 * The letter for a claim's denial (its latest, or the one on `line`), dated `date`. `force`
 * drafts it even when the claim's findings explain the denial.
 */
export function draftAppeal(
  ws: Workspace,
  findings: readonly Finding[],
  ref: ClaimRef,
  o: { date: string; line?: number; force?: boolean },
): DraftResult {
  const claim = ref.claim;
  const denials = claim.denials;
  if (!denials.length) return { error: `claim ${claim.id?.text ?? ''} has no denied line`.replace('  ', ' ') };
  const denial = (o.line !== undefined ? denials.find((d) => d.line === o.line) : undefined) ?? denials[denials.length - 1];
  const own = findings.filter((f) => f.range.start.line >= claim.startLine && f.range.start.line <= claim.endLine);
  const explained = explainingFindings(claim, denial, own);
  if (explained.length && !o.force) return { explained, denial };
  const index = ws.index();
  const policy = claim.payer ? index.policyFor(claim.payer.value.value) : undefined;
  const medicare = !!policy && isMedicare(policy);
  const practice = index.practiceFor(claim)?.practice;
  const facts = factsOf(claim);
  const name = personName(claim.patient?.rest?.text);
  const beneficiary = name ? [name.first, name.middle, name.last].filter(Boolean).join(' ') : (claim.patient?.value.text ?? 'the patient');
  const dateOfService = claim.date?.iso ?? claim.date?.value.text ?? 'unknown';
  const deadline = appealDeadline(denial, policy);

  const reasons: AppealLetter['reasons'] = [];
  const criteria: string[] = [];
  const exam = texts(claim, 'exam'),
    tried = texts(claim, 'tried'),
    response = texts(claim, 'response'),
    symptoms = texts(claim, 'symptoms'),
    technique = texts(claim, 'technique');
  if (symptoms.length) criteria.push(`Presenting symptoms: ${symptoms.join('; ')}.`);
  if (exam.length) criteria.push(`Examination findings: ${exam.join('; ')}.`);
  if (tried.length) criteria.push(`Conservative treatment tried before the injection: ${tried.join('; ')}.`);
  if (technique.length) criteria.push(`Technique: ${technique.join('; ')}.`);
  if (response.length) criteria.push(`Response to the injection: ${response.join('; ')}.`);
  if (criteria.length)
    reasons.push({
      heading: medicare ? 'The coverage criteria of LCD L34211 documented in the record' : 'What the record documents',
      paragraphs: criteria,
    });
  const tpi = claim.lines.find((l) => isTpi(l.code.value));
  if (tpi && facts.muscles.length) {
    const n = facts.muscles.length;
    const fits = codeForCount(n) === tpi.code.value;
    reasons.push({
      heading: 'The muscles injected and the code billed',
      paragraphs: [
        `${n} muscle${n === 1 ? ' was' : 's were'} injected: ${describeMuscles(facts.muscles)}. ${tpi.code.value} is the code for ${tpi.code.value === '20552' ? 'one or two muscles' : 'three or more muscles'}${fits ? ', which is the count injected' : ''}, billed as one unit for the session.`,
      ],
    });
  }
  if (claim.drugs.length)
    reasons.push({
      heading: 'The injectant',
      paragraphs: claim.drugs.map((d) => {
        const drug = recogniseDrug(d.name.text);
        const amount = [d.concentration, d.dose]
          .filter(Boolean)
          .map((q) => (q!.unit === '%' ? `${q!.amount}%` : `${q!.amount} ${q!.unit.replace(/ml$/, 'mL')}`));
        return `${d.name.text}${amount.length ? ` ${amount.join(' ')}` : ''}${drug?.jcode ? `, billed with ${drug.jcode}` : ''}.`;
      }),
    });
  if (claim.diagnoses.length)
    reasons.push({
      heading: 'The diagnosis',
      paragraphs: claim.diagnoses.map((d) => {
        const desc = icdDescription(d.code.value);
        return `${d.letter.value}: ${dottedIcd(d.code.value)}${desc ? ` (${desc})` : ''}${medicare && policy?.builtin ? ', a diagnosis the LCD covers for trigger point injections' : ''}.`;
      }),
    });
  const patient = claim.patient?.value.value,
    payer = claim.payer?.value.value;
  if (patient && payer && claim.date?.iso) {
    const sessions = index.sessionsOf(patient, payer).map((s) => s.date);
    const window = limitWindow(claim.date.iso, 12, 'months');
    const inYear = sessions.filter((d) => d >= window.from && d <= window.to);
    const earlier = sessions.filter((d) => d < claim.date!.iso!);
    const previous = earlier[earlier.length - 1];
    reasons.push({
      heading: 'Frequency',
      paragraphs: [
        `Sessions in the 12 months ending on the date of service: ${inYear.length} (${inYear.join(', ')}).${previous ? ` The previous session was on ${previous}, ${daysBetween(previous, claim.date.iso)} days earlier.` : ' No earlier session is on record.'}`,
      ],
    });
  }

  const missing = own.filter((f) => NOTE_GAPS.has(f.code)).map((f) => `${firstSentence(f.message)}.`);
  if (!claim.member) missing.push("The patient's Medicare number or member id (no member line on the claim).");
  const letter: AppealLetter = {
    title: medicare ? 'Request for Redetermination' : 'Request for Reconsideration of a Denied Claim',
    date: o.date,
    to: { name: policy?.policy.displayName?.text ?? claim.payer?.value.text ?? 'the payer', payerId: policy?.policy.payerId?.value.text },
    from: {
      name: practice?.displayName?.text ?? practice?.id?.text ?? 'the practice',
      npi: practice?.npi?.value.text,
      tin: practice?.tin ? `${practice.tin.value.value.slice(0, 2)}-${practice.tin.value.value.slice(2)}` : undefined,
      address: practice?.address
        ? [
            practice.address.line1,
            practice.address.line2,
            `${practice.address.city}, ${practice.address.state} ${practice.address.zip.length === 9 ? `${practice.address.zip.slice(0, 5)}-${practice.address.zip.slice(5)}` : practice.address.zip}`,
          ].filter((x): x is string => !!x)
        : undefined,
      phone: practice?.phone?.value.text,
    },
    beneficiary: { name: beneficiary, member: claim.member?.value.text, born: claim.born?.iso },
    claim: { id: claim.id?.text ?? '(no id)', payerClaimNumber: denial.ref?.text, dateOfService },
    services: claim.lines.map((l) => ({
      code: l.code.value,
      description: CODES.get(l.code.value)?.description ?? 'not in ClaimNote’s catalogue',
      modifiers: l.modifiers.map((m) => m.value),
      units: l.unitsValue,
      chargeCents: l.chargeCents,
      denied: !denial.on || denial.on.value === l.code.value,
    })),
    denial: {
      noticeDate: denial.iso ?? denial.date.text,
      adjustments: denial.adjustments.map((a) => ({
        code: a.value,
        meaning: REASONS[a.reason.toLowerCase()]?.meaning ?? 'ClaimNote has no description for this reason code',
      })),
      remarks: denial.remarks.map((r) => r.value),
      on: denial.on?.value,
    },
    deadline: deadline ? { date: deadline, onTime: o.date <= deadline, daysLeft: daysBetween(o.date, deadline) } : undefined,
    reasons,
    missing,
    attachments: [
      `The procedure note of ${dateOfService} (symptoms, examination, conservative treatment, technique, response)`,
      `The remittance advice of ${denial.iso ?? denial.date.text} showing the denial`,
      'A copy of the claim as it was submitted',
    ],
    sources: [
      ...(medicare ? [MEDICARE_SOURCE.replace(/ \(docs\/reference\.md#[a-z-]+\)/, '')] : []),
      '42 CFR 405.944(b): what a request for redetermination contains; 42 CFR 405.942: the time to file',
      ...explained.map((f) => `${f.code}: ${RULES_BY_ID.get(f.code)?.summary ?? ''}`),
    ],
    signature: {
      name: claim.provider?.rest?.text ?? `Billing office, ${practice?.displayName?.text ?? practice?.id?.text ?? 'the practice'}`,
    },
  };
  return { letter };
}
