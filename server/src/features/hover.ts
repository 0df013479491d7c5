// Hover: what a code, modifier, diagnosis, muscle, payer, practice, member id, charge, NDC or date means here, and why a rule
// fired, always with where the fact comes from.
import { targetAt, Target } from '../language/locate';
import { CLAIM_TYPES, dottedIcd } from '../language/lexicon';
import { memberAsSent } from '../language/billingFormats';
import { isMbi, ndcForm } from '../data/identifiers';
import { expectedPayment } from '../rules/billing';
import { adjustmentText, appealDeadline, appealWindow, explainingFindings } from '../rules/denials';
import { DENIAL_SOURCE } from '../data/denials';
import type { ClaimBlock, DenialLine, ServiceLine } from '../language/syntax';
import { CODES, isTpi, CodeKind } from '../data/codes';
import { icdDescription } from '../data/icd10';
import { icdSetOn } from '../data/icdByDate';
import { TPI_SUPPORTING, isInfection, regionsCovered } from '../data/diagnoses';
import { AREA_OF, CATALOGUE_SOURCE, catalogueMuscle, isVagueMuscle } from '../data/muscles';
import { MODIFIER_MEANINGS } from '../data/modifiers';
import { FEE_SOURCE, atRate, formatUsd, nationalFee, CONVERSION_FACTORS } from '../data/fees';
import { isFacility, POS_NAMES, DEFAULT_POS } from '../data/places';
import { MEDICARE_SOURCE } from '../data/medicare';
import { linkCitations } from '../data/reference';
import { factsOf } from '../model/claim';
import { daysBetween, limitWindow, yearOf } from '../model/dates';
import type { Workspace } from '../model/workspace';
import type { WorkspaceIndex } from '../model/workspaceIndex';
import { RULES_BY_ID } from '../rules/registry';
import type { Finding } from '../rules/rule';
import { describeMuscles } from '../rules/tpi';
import { coverageDenial, coverageLists, diagnosisCoverage, isMedicare, policyName, EXPECTED_DENIAL_ADVICE } from '../rules/policy';

export interface HoverOptions {
  qualifyingApm?: boolean;
  /** the URI of the shipped docs/rules.md: rule ids link to their page */
  docsBase?: string;
  /**
   * false: the diagnostics at the position are left out (the why of their rules stays), for a
   * client that shows them in the same hover itself, as VS Code does: else each is read twice.
   */
  diagnostics?: boolean;
}

/**
 * A hover in the order a biller reads it: what the thing is and what this claim counts, then
 * the payment, then the sources (the diagnostics at the position come first, the why of their
 * rules after the payment).
 */
interface Described {
  what: string[];
  payment: string[];
  sources: string[];
}

const cap = (t: string) => t[0].toUpperCase() + t.slice(1);

/** Where a code's hover facts come from, by kind of code (docs/reference.md sections). */
const CODE_SOURCES: Record<CodeKind | 'unknown', string> = {
  tpi: 'AAPC coding alerts; Novitas and First Coast billing and coding article A57751 (docs/reference.md#tpi-codes); CMS Medically Unlikely Edits (docs/reference.md#mue)',
  em: 'ClaimNote catalogue; E/M on the day of a procedure: NCCI Policy Manual (docs/reference.md#ncci)',
  procedure: 'ClaimNote catalogue; pairs with trigger point injections: CMS NCCI edits (docs/reference.md#ncci)',
  drug: 'CMS HCPCS Level II code set (docs/reference.md#drugs)',
  addon: 'CMS calendar year 2025 Medicare Physician Fee Schedule final rule (docs/reference.md#g2211)',
  imaging: 'Noridian LCD L34211 (docs/reference.md#medicare-coverage)',
  unknown: 'ClaimNote catalogue of codes (docs/reference.md#catalogues)',
};

function within(f: Finding, line: number, character: number): boolean {
  const { start, end } = f.range;
  if (line < start.line || line > end.line) return false;
  if (line === start.line && character < start.character) return false;
  if (line === end.line && character > end.character) return false;
  return true;
}

function ruleLink(id: string, o: HoverOptions): string {
  return o.docsBase ? `[${id}](${o.docsBase}#${id})` : id;
}

/** The diagnostic itself: rule id (a link to its page), severity and message. */
function findingLine(f: Finding, o: HoverOptions): string {
  return `**${ruleLink(f.code, o)}** (${f.severity}): ${f.message}`;
}

export function ruleExplanation(f: Finding, o: HoverOptions = {}): string {
  const rule = RULES_BY_ID.get(f.code);
  if (!rule) return '';
  return `**Why ${ruleLink(rule.id, o)}**: ${rule.why}`;
}

/** What the claim's payer covers for a diagnosis (its policy's covers/excludes, the built-in Medicare policy included). */
function payerCoverage(index: WorkspaceIndex, claim: ClaimBlock, code: string): { text?: string; source?: string } {
  const payer = claim.payer?.value;
  if (!payer) return { text: 'The claim has no payer: coverage is unknown.' };
  const policy = index.policyFor(payer.value);
  if (!policy) return { text: `Payer ${payer.text} has no policy in the workspace: its coverage is unknown.` };
  const source = policy.builtin ? MEDICARE_SOURCE : `the policy ${policy.policy.id!.text} block`;
  const { covers } = coverageLists(policy.policy);
  const name = policyName(policy);
  const advice = isMedicare(policy) ? ` ${cap(EXPECTED_DENIAL_ADVICE)}.` : '';
  switch (diagnosisCoverage(policy.policy, code)) {
    case 'excluded':
      return {
        text: `**Not covered by ${payer.text}**: ${dottedIcd(code)} is excluded by ${name}; a trigger point injection for it is expected to be denied.${advice}`,
        source,
      };
    case 'outside':
      return {
        text: `**Not covered by ${payer.text}**: ${name} covers only ${covers.join(', ')}; a trigger point injection for ${dottedIcd(code)} alone is expected to be denied.${advice}`,
        source,
      };
    case 'covered':
      return { text: `**Covered by ${payer.text}**: in the covers list of ${name}.`, source };
    default:
      return { text: `${cap(name)} has no covers or excludes list: it does not restrict diagnoses.`, source };
  }
}

function feeLines(index: WorkspaceIndex, claim: ClaimBlock, line: ServiceLine, o: HoverOptions): { payment: string[]; sources: string[] } {
  const code = line.code.value;
  const date = claim.date?.iso;
  const payer = claim.payer?.value.value;
  const policy = payer ? index.policyFor(payer) : undefined;
  const out: string[] = [];
  const sources = [FEE_SOURCE];
  const denial = policy ? coverageDenial(claim, line, policy) : undefined;
  if (denial && policy) {
    const advice = denial.waiver
      ? ' GA/GZ on the line: the expected denial is noted.'
      : isMedicare(policy)
        ? ` ${cap(EXPECTED_DENIAL_ADVICE)}.`
        : '';
    out.push(`**Expected denial**: ${code} is not covered for ${denial.codes.join(', ')}: ${denial.why}.${advice}`);
    sources.push(policy.builtin ? MEDICARE_SOURCE : `the policy ${policy.policy.id!.text} block`);
  }
  if (!date)
    return { payment: [...out, 'Medicare payment: the claim has no valid date of service, so the fee schedule year is unknown.'], sources };
  const year = yearOf(date);
  const pos = claim.pos?.value.value ?? DEFAULT_POS;
  const facility = isFacility(pos);
  const fee = nationalFee(code, year, facility, o.qualifyingApm);
  const where = `${year}, place of service ${pos} (${POS_NAMES[pos] ?? 'unknown place'}: ${facility ? 'facility' : 'non-facility'} rate)`;
  if (fee.amount !== undefined) {
    const cf = CONVERSION_FACTORS[year];
    const apm = o.qualifyingApm && cf?.qualifyingApm ? ' (qualifying APM participant)' : '';
    const amount = denial ? formatUsd(fee.amount) : `**${formatUsd(fee.amount)}**`;
    out.push(
      `**Medicare national payment** for ${where}: ${fee.rvus} RVUs x ${fee.conversionFactor} conversion factor${apm} = ${amount} (${fee.confidence})${denial ? ', if it were covered' : ''}.`,
    );
    const rate = policy?.policy.rate?.percent;
    if (policy && rate !== undefined && !(policy.builtin && rate === 100) && !denial) {
      out.push(
        `${cap(policyName(policy))} pays \`rate ${rate}%\`: ${formatUsd(fee.amount)} x ${rate}% = **${formatUsd(atRate(fee.amount, rate))}**.`,
      );
    }
  } else {
    out.push(`**Medicare national payment** for ${where}: not in the bundled data (${fee.unknown}).`);
    const fallback = nationalFee(code, year - 1, facility, o.qualifyingApm);
    if (fallback.amount !== undefined)
      out.push(
        `For reference, the ${year - 1} ${fallback.setting} amount was ${fallback.rvus} RVUs x ${fallback.conversionFactor} = ${formatUsd(fallback.amount)} (${year - 1} figures, not ${year}).`,
      );
  }
  return { payment: out, sources };
}

const BILLING_SOURCE = 'CMS MBI format; FDA NDC directory; CMS and NUCC NDC guidance; IRS EIN (docs/reference.md#billing-identifiers)';

/** A practice: its name, billing identifiers and how many claims it bills. */
function describePractice(index: WorkspaceIndex, id: string): Described {
  const refs = index.practices.get(id.toLowerCase());
  if (!refs?.length) return one(`**${id}**: no practice of this id in the workspace (\`unknown-practice\`).`, BILLING_SOURCE);
  const p = refs[0].practice;
  const billed = index.claims.filter((c) => index.practiceFor(c.claim) === refs[0]).length;
  const facts = [
    p.npi ? `NPI ${p.npi.value.text}` : 'no NPI',
    p.tin ? `tax id ${p.tin.value.text}` : 'no tax id',
    p.address ? `billing address ${p.address.value.text}` : 'no billing address',
  ];
  if (p.taxonomy) facts.push(`taxonomy ${p.taxonomy.value.value}`);
  if (p.locality) facts.push(`Medicare locality ${p.locality.value.text} ${p.locality.rest?.text ?? ''}`.trim());
  const what = [
    `**Practice ${p.id!.text}**${p.displayName ? ` "${p.displayName.text}"` : ''}, the billing provider: ${facts.join('; ')}.`,
    `It bills ${billed} claim${billed === 1 ? '' : 's'} of the workspace${refs.length > 1 ? `; ${refs.length - 1} more block${refs.length > 2 ? 's' : ''} of this id ${refs.length > 2 ? 'are' : 'is'} ignored` : ''}.`,
  ];
  return { what, payment: [], sources: [BILLING_SOURCE] };
}

/** A member id: how it is sent, and for Medicare whether it is an MBI. */
function describeMember(claim: ClaimBlock, text: string): Described {
  const sent = memberAsSent(text);
  const medicare = claim.payer?.value.value.toLowerCase() === 'medicare';
  const what = [`Member id **${text}**, sent as ${sent} (hyphens left out).`];
  if (medicare)
    what.push(
      isMbi(text)
        ? 'It is a well-formed Medicare Beneficiary Identifier: 11 characters, digit 1-9, letter, letter or digit, digit, letter, letter or digit, digit, letter, letter, digit, digit (no S, L, O, I, B or Z).'
        : 'It is **not** a Medicare Beneficiary Identifier (`mbi-format`): an MBI has 11 characters in the pattern digit 1-9, letter, letter or digit, digit, letter, letter or digit, digit, letter, letter, digit, digit, without the letters S, L, O, I, B and Z.',
    );
  return { what, payment: [], sources: [BILLING_SOURCE] };
}

/** A line's charge against what the payer is expected to pay for it. */
function describeCharge(index: WorkspaceIndex, claim: ClaimBlock, line: ServiceLine): Described {
  const cents = line.chargeCents!;
  const what = [`**Charge ${formatUsd(cents / 100)}** for ${line.code.value}: what the practice bills for the line (box 24F, SV102).`];
  const payment: string[] = [];
  const payer = claim.payer?.value.value;
  const policy = payer ? index.policyFor(payer) : undefined;
  const pos = claim.pos?.value.value ?? DEFAULT_POS;
  const e = policy ? expectedPayment(claim, line, policy, pos, index.practiceFor(claim)?.practice) : undefined;
  if (e !== undefined) {
    const basis = `${e.rate}% of ${e.basis}`;
    payment.push(
      cents < e.cents
        ? `Expected payment ${formatUsd(e.cents / 100)} (${basis}): the charge is **${formatUsd((e.cents - cents) / 100)} below** it, and the payer pays the lesser of the two.`
        : `Expected payment ${formatUsd(e.cents / 100)} (${basis}): the charge is at or above it.`,
    );
  } else if (isTpi(line.code.value))
    payment.push('Expected payment unknown here (no rate, a telehealth place, or an amount not in the bundled data).');
  return { what, payment, sources: [BILLING_SOURCE, FEE_SOURCE] };
}

const one = (what: string, source?: string): Described => ({ what: [what], payment: [], sources: source ? [source] : [] });

/** Today's date (UTC), for the days left to appeal: hovers may depend on it, diagnostics never do. */
const todayIso = () => new Date().toISOString().slice(0, 10);

/** A denial's deadline and the days left, counted from today. */
function deadlineLine(index: WorkspaceIndex, claim: ClaimBlock, denial: DenialLine): string {
  const policy = claim.payer ? index.policyFor(claim.payer.value.value) : undefined;
  const deadline = appealDeadline(denial, policy);
  if (!deadline) return 'Appeal deadline: unknown (the payer states no `appeal-window`).';
  const today = todayIso();
  const left = daysBetween(today, deadline);
  const state = claim.appealed
    ? `appealed ${claim.appealed.value.text}`
    : left >= 0
      ? `**${left} day${left === 1 ? '' : 's'} left** (today is ${today})`
      : `closed ${-left} day${left === -1 ? '' : 's'} ago (today is ${today}): a late appeal must show good cause`;
  return `Appeal by **${deadline}** (${appealWindow(policy)} days after the notice): ${state}.`;
}

function describeTarget(ws: Workspace, t: Target, o: HoverOptions, findings: readonly Finding[] = []): Described | undefined {
  const index = ws.index();
  switch (t.kind) {
    case 'code': {
      const info = CODES.get(t.tok.value);
      const what = [
        `**${t.tok.value}**${info ? `: ${info.description}` : " is not in ClaimNote's code catalogue (it may still be valid)."}`,
      ];
      if (info?.mue) what.push(`MUE: ${info.mue}. Modifier 50 is not allowed: the code counts muscles.`);
      const d: Described = { what, payment: [], sources: [] };
      if (isTpi(t.tok.value) && t.line) {
        const facts = factsOf(t.block);
        const n = facts.muscles.length;
        what.push(
          n ? `This claim counts **${n} muscle${n === 1 ? '' : 's'}**: ${describeMuscles(facts.muscles)}.` : 'This claim lists no muscles.',
        );
        const fees = feeLines(index, t.block, t.line, o);
        d.payment = fees.payment;
        d.sources.push(...fees.sources);
      }
      if (/^\d{5}$/.test(t.tok.value)) what.push('_Plain-language description, not the AMA descriptor._');
      d.sources.push(CODE_SOURCES[info?.kind ?? 'unknown']);
      return d;
    }
    case 'modifier': {
      const meaning = MODIFIER_MEANINGS[t.tok.value];
      const extra =
        t.tok.value === 'RT' || t.tok.value === 'LT' ? ' On a trigger point line it should match the side of every muscle injected.' : '';
      return one(
        `**Modifier ${t.tok.value}**: ${meaning ?? 'not one ClaimNote knows; check it is the modifier you mean.'}${extra}`,
        "CPT modifier definitions (AMA) and HCPCS modifiers (CMS), in ClaimNote's words (docs/reference.md#modifiers)",
      );
    }
    case 'icd': {
      const code = t.tok.value;
      const d = t.diagnosis;
      if (d && !d.wellFormed) return one(`"${t.tok.text}" is not shaped like an ICD-10-CM code.`);
      // the code set of the claim's date of service (a loaded year, the nearest one, or the built-in one)
      const set = icdSetOn(t.block.kind === 'claim' ? t.block.date?.iso : undefined);
      const status = set.status(code);
      const desc = set.description(code) ?? icdDescription(code);
      const what = [`**${dottedIcd(code)}**${desc ? `: ${desc}` : ''}`];
      const out: Described = { what, payment: [], sources: [] };
      const year = `FY${set.year}`;
      if (status === 'billable') what.push(`Billable in ${year} ICD-10-CM.`);
      else if (status === 'header')
        what.push(`Not billable in ${year}: a header with billable codes below it (${set.children(code, 10).map(dottedIcd).join(', ')}).`);
      else what.push(`Not an ${year} ICD-10-CM code.`);
      what.push(
        `Judged by the ${year} code set (${set.from})${set.wanted ? `: none of FY${set.wanted}, the year of the date of service, is loaded, so the nearest one` : ''}.`,
      );
      if (t.block.kind === 'claim') {
        // the payer decides coverage: its policy first, then ClaimNote's catalogue
        if (status === 'billable') {
          const cov = payerCoverage(index, t.block, code);
          if (cov.text) out.payment.push(cov.text);
          if (cov.source) out.sources.push(cov.source);
        }
        if (TPI_SUPPORTING.has(code))
          what.push(
            `In ClaimNote's catalogue of TPI-supporting diagnoses, for the regions: ${regionsCovered(code).join(', ')} (the payer's policy decides coverage).`,
          );
        else if (status === 'billable') what.push(`Not a TPI-supporting diagnosis in ClaimNote's catalogue.`);
        if (isInfection(code)) what.push('An infection: a contraindication to injection at that site.');
        if (TPI_SUPPORTING.has(code) || status === 'billable') out.sources.push(CATALOGUE_SOURCE);
      }
      out.sources.push(`CMS and NCHS ${year} ICD-10-CM code files, public domain (docs/reference.md#icd-10-cm)`);
      return out;
    }
    case 'muscle': {
      const item = t.tok;
      const m = catalogueMuscle(item.name);
      const side =
        item.side === 'B'
          ? 'both sides: counts as two muscles (left and right)'
          : item.side
            ? `the ${item.side === 'L' ? 'left' : 'right'} side: counts as one muscle`
            : 'no side: counts once, as a muscle of its own (and matches either side for repeat intervals)';
      if (m) {
        const trap = m.name === 'trapezius' ? ' The upper, middle and lower trapezius are one muscle a side.' : '';
        return one(
          `**${m.name}**: ${m.regions.join(' and ')} (area: ${AREA_OF[m.regions[0]]}). Written for ${side}.${trap}`,
          CATALOGUE_SOURCE,
        );
      }
      if (isVagueMuscle(item.name))
        return one(
          `**${item.name}** names a region, not a muscle: name the muscles injected. It still counts as one muscle (${side}).`,
          CATALOGUE_SOURCE,
        );
      return one(
        `**${item.name}** is not in ClaimNote's muscle catalogue; it still counts (${side}), but ClaimNote cannot place it in a region.`,
        CATALOGUE_SOURCE,
      );
    }
    case 'payer':
    case 'policy-id': {
      const policy = index.policyFor(t.tok.value);
      if (!policy) return one(`**${t.tok.text}**: no policy for this payer in the workspace.`);
      const p = policy.policy;
      const rules: string[] = [];
      for (const l of p.limits) rules.push(`at most ${l.count} sessions in ${l.per} ${l.unit}`);
      if (p.interval) rules.push(`at least ${p.interval.per} ${p.interval.unit} between sessions in the same muscle`);
      if (p.requiresAuth) rules.push('prior authorization required');
      if (p.rate) rules.push(`pays ${p.rate.percent}% of the Medicare fee schedule`);
      const covers = p.covers.flatMap((l) => l.entries.map((e) => e.text));
      const excludes = p.excludes.flatMap((l) => l.entries.map((e) => e.text));
      if (covers.length) rules.push(`covers only ${covers.join(', ')}`);
      if (excludes.length) rules.push(`never covers ${excludes.join(', ')}`);
      if (p.singleRegion) rules.push('one region a session');
      if (p.noImagingGuidance) rules.push('no imaging guidance (76942, 77002, 77021)');
      if (p.oneSessionPerDay) rules.push('one session a day whatever the modifiers');
      if (p.payerId) rules.push(`electronic payer id ${p.payerId.value.text}`);
      const claimType = p.claimType?.value.value ?? (isMedicare(policy) ? 'MB' : 'CI');
      rules.push(`claim filing indicator ${claimType} (${CLAIM_TYPES[claimType.toLowerCase()]}${p.claimType ? '' : ', by default'})`);
      if (p.requiresNdc) rules.push('drug J-code lines need the NDC');
      if (p.appealWindow) rules.push(`appeals within ${p.appealWindow.days} days of a denial notice`);
      const name = p.displayName ? ` "${p.displayName.text}"` : '';
      const what = [`**${policyName(policy)}**${name}: ${rules.length ? rules.join('; ') : 'no rules'}.`];
      if (isMedicare(policy) && (covers.length || excludes.length)) what.push(`${cap(EXPECTED_DENIAL_ADVICE)}.`);
      return { what, payment: [], sources: [policy.builtin ? MEDICARE_SOURCE : `the \`policy ${p.id!.text}\` block`] };
    }
    case 'date': {
      const c = t.block;
      if (!t.tok || !/^\d{4}-\d{2}-\d{2}$/.test(t.tok.text)) return undefined;
      const patient = c.patient?.value.value,
        payer = c.payer?.value.value;
      const policy = payer ? index.policyFor(payer) : undefined;
      if (!patient || !payer || !policy) return one(`**${t.tok.text}**`);
      const sessions = index.sessionsOf(patient, payer);
      const what = [
        `**${t.tok.text}**: sessions of patient ${c.patient!.value.text} with ${payer}: ${sessions.map((s) => s.date).join(', ') || 'none'}.`,
      ];
      for (const l of policy.policy.limits) {
        const w = limitWindow(t.tok.text, l.per, l.unit);
        const inside = sessions.filter((s) => s.date >= w.from && s.date <= w.to);
        what.push(
          `- \`limit ${l.count} per ${l.per} ${l.unit}\`: ${inside.length} in ${w.from} to ${w.to}${inside.length ? ` (${inside.map((s) => s.date).join(', ')})` : ''}`,
        );
      }
      return { what, payment: [], sources: [policy.builtin ? MEDICARE_SOURCE : `the \`policy ${payer}\` block`] };
    }
    case 'pointer': {
      const d = factsOf(t.block).diagnoses.get(t.tok.value);
      return one(
        d
          ? `Points to diagnosis **${t.tok.value}**: ${dottedIcd(d.code.value)}${icdDescription(d.code.value) ? ` (${icdDescription(d.code.value)})` : ''}.`
          : `No diagnosis ${t.tok.value} is defined in this claim.`,
      );
    }
    case 'pos':
      return one(
        `Place of service **${t.tok.text}**: ${POS_NAMES[t.tok.text] ?? 'not one ClaimNote knows'}${POS_NAMES[t.tok.text] ? ` (${isFacility(t.tok.text) ? 'facility' : 'non-facility'} rate)` : ''}.`,
        'CMS Place of Service Code Set (docs/reference.md#place-of-service)',
      );
    case 'units':
      return isTpi(t.line.code.value) ? one('A trigger point code is one unit per session, however many injections (MUE 1).') : undefined;
    case 'adjustment': {
      const explaining = explainingFindings(t.block, t.denial, findings);
      const what = [`**${adjustmentText(t.group, t.reason)}**.`];
      what.push(
        explaining.length
          ? `Explained on this claim by ${explaining.map((f) => `\`${f.code}\``).join(', ')}: a corrected claim is the remedy.`
          : 'No ClaimNote finding on this claim explains it: if the note supports the service, an appeal is the remedy.',
      );
      what.push(deadlineLine(index, t.block, t.denial));
      return { what, payment: [], sources: [DENIAL_SOURCE] };
    }
    case 'remark':
      return one(
        `Remark code **${t.tok.value}**: ClaimNote has no description for remark codes; the X12 RARC list gives its meaning.`,
        DENIAL_SOURCE,
      );
    case 'denied-date':
      return {
        what: [`Denial notice of **${t.tok.text}**.`, deadlineLine(index, t.block, t.denial)],
        payment: [],
        sources: [DENIAL_SOURCE],
      };
    case 'appealed-date': {
      const appealed = t.block.appealed!;
      const before = t.block.denials
        .filter((d) => d.iso && appealed.iso && d.iso <= appealed.iso)
        .sort((a, b) => (a.iso! < b.iso! ? -1 : 1));
      const latest = before[before.length - 1];
      const policy = t.block.payer ? index.policyFor(t.block.payer.value.value) : undefined;
      const deadline = latest ? appealDeadline(latest, policy) : undefined;
      return one(
        !latest
          ? `Appealed **${t.tok.text}**: no denial of this claim is dated on or before it.`
          : !deadline
            ? `Appealed **${t.tok.text}**, ${daysBetween(latest.iso!, appealed.iso!)} days after the notice of ${latest.iso}; the payer states no appeal window.`
            : `Appealed **${t.tok.text}**, ${daysBetween(latest.iso!, appealed.iso!)} days after the notice of ${latest.iso}: ${appealed.iso! <= deadline ? 'in time' : 'late'} (the deadline was ${deadline}).`,
        DENIAL_SOURCE,
      );
    }
    case 'practice-id':
    case 'billed-by':
      return describePractice(index, t.tok.value);
    case 'member':
      return describeMember(t.block, t.tok.text);
    case 'charge':
      return describeCharge(index, t.block, t.line);
    case 'ndc': {
      const form = ndcForm(t.tok.text);
      return one(
        form.kind === 'ndc11'
          ? `National Drug Code **${t.tok.text}**: sent as the 11 digits ${form.ndc11} (5-4-2).`
          : form.kind === 'bare10'
            ? `National Drug Code **${t.tok.text}**: 10 digits without hyphens; which segment is short cannot be known, so it cannot be sent.`
            : `**${t.tok.text}** is not a National Drug Code (11 digits, or 10 with hyphens in the 4-4-2, 5-3-2 or 5-4-1 form).`,
        BILLING_SOURCE,
      );
    }
    default:
      return undefined;
  }
}

/**
 * Markdown for the hover at a position, or undefined. Order: the diagnostics at the position,
 * what the thing is and what this claim counts, the payment (or the payer's coverage), the why
 * of each diagnostic's rule, then the sources.
 */
export function doHover(
  ws: Workspace,
  findings: readonly Finding[],
  uri: string,
  line: number,
  character: number,
  o: HoverOptions = {},
): { contents: string; range?: { start: { line: number; character: number }; end: { line: number; character: number } } } | undefined {
  const file = ws.get(uri);
  if (!file) return undefined;
  const target = targetAt(file, line, character);
  const d = target ? describeTarget(ws, target, o, findings) : undefined;
  const here = findings.filter((f) => within(f, line, character));
  if (!d && !here.length) return undefined;
  const sections: string[] = [];
  if (here.length && o.diagnostics !== false) sections.push(here.map((f) => findingLine(f, o)).join('\n\n'));
  if (d?.what.length) sections.push(d.what.join('\n\n'));
  if (d?.payment.length) sections.push(d.payment.join('\n\n'));
  const whys = here.map((f) => ruleExplanation(f, o)).filter(Boolean);
  if (whys.length) sections.push(whys.join('\n\n'));
  const sources = [
    ...new Set([...(d?.sources ?? []), ...here.map((f) => RULES_BY_ID.get(f.code)?.source).filter((x): x is string => !!x)]),
  ];
  if (sources.length) sections.push(`_Sources:_\n${sources.map((x) => `- ${linkCitations(x, o.docsBase)}`).join('\n')}`);
  const range = target ? { start: { line, character: target.tok.start }, end: { line, character: target.tok.end } } : undefined;
  return { contents: sections.join('\n\n---\n\n'), range };
}
