// Hover: what a code, modifier, diagnosis, muscle, payer or date means here, and why a rule
// fired, always with where the fact comes from.
import { targetAt, Target } from '../language/locate';
import { dottedIcd } from '../language/lexicon';
import type { ClaimBlock } from '../language/syntax';
import { CODES, isTpi, CodeKind } from '../data/codes';
import { icdDescription, icdStatus, nearestBillableChildren, ICD10CM_YEAR } from '../data/icd10';
import { TPI_SUPPORTING, isInfection, regionsCovered } from '../data/diagnoses';
import { AREA_OF, CATALOGUE_SOURCE, catalogueMuscle, isVagueMuscle } from '../data/muscles';
import { MODIFIER_MEANINGS } from '../data/modifiers';
import { FEE_SOURCE, atRate, formatUsd, nationalFee, CONVERSION_FACTORS } from '../data/fees';
import { isFacility, POS_NAMES, DEFAULT_POS } from '../data/places';
import { MEDICARE_SOURCE } from '../data/medicare';
import { linkCitations } from '../data/reference';
import { factsOf } from '../model/claim';
import { limitWindow, yearOf } from '../model/dates';
import type { Workspace } from '../model/workspace';
import type { WorkspaceIndex } from '../model/workspaceIndex';
import { RULES_BY_ID } from '../rules/registry';
import type { Finding, Range } from '../rules/rule';
import { describeMuscles } from '../rules/tpi';
import { policyName } from '../rules/policy';

/** `docsBase`: the URI of the shipped docs/rules.md; sources then link to it and to docs/reference.md. */
export interface HoverOptions { qualifyingApm?: boolean; docsBase?: string }

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

export function ruleExplanation(f: Finding, docsBase?: string): string {
  const rule = RULES_BY_ID.get(f.code);
  if (!rule) return '';
  return `**${rule.id}** (${f.severity}): ${rule.why}\n\n_Source: ${linkCitations(rule.source, docsBase)}._${docsBase ? ` [${rule.id} in ClaimNote's rules](${docsBase}#${rule.id})` : ''}`;
}

function feeLines(index: WorkspaceIndex, claim: ClaimBlock, code: string, o: HoverOptions): string[] {
  const date = claim.date?.iso;
  if (!date) return ['Medicare payment: the claim has no valid date of service, so the fee schedule year is unknown.'];
  const year = yearOf(date);
  const pos = claim.pos?.value.value ?? DEFAULT_POS;
  const facility = isFacility(pos);
  const fee = nationalFee(code, year, facility, o.qualifyingApm);
  const out: string[] = [];
  const where = `${year}, place of service ${pos} (${POS_NAMES[pos] ?? 'unknown place'}: ${facility ? 'facility' : 'non-facility'} rate)`;
  if (fee.amount !== undefined) {
    const cf = CONVERSION_FACTORS[year];
    const apm = o.qualifyingApm && cf?.qualifyingApm ? ' (qualifying APM participant)' : '';
    out.push(`**Medicare national payment** for ${where}: ${fee.rvus} RVUs x ${fee.conversionFactor} conversion factor${apm} = **${formatUsd(fee.amount)}** (${fee.confidence}).`);
    const payer = claim.payer?.value.value;
    const policy = payer ? index.policyFor(payer) : undefined;
    const rate = policy?.policy.rate?.percent;
    if (policy && rate !== undefined && !(policy.builtin && rate === 100)) {
      out.push(`${policyName(policy)} pays \`rate ${rate}%\`: ${formatUsd(fee.amount)} x ${rate}% = **${formatUsd(atRate(fee.amount, rate))}**.`);
    }
  } else {
    out.push(`**Medicare national payment** for ${where}: not in the bundled data (${fee.unknown}).`);
    const fallback = nationalFee(code, year - 1, facility, o.qualifyingApm);
    if (fallback.amount !== undefined) out.push(`For reference, the ${year - 1} ${fallback.setting} amount was ${fallback.rvus} RVUs x ${fallback.conversionFactor} = ${formatUsd(fallback.amount)} (${year - 1} figures, not ${year}).`);
  }
  out.push(`_Source: ${linkCitations(FEE_SOURCE, o.docsBase)}._`);
  return out;
}

function describeTarget(ws: Workspace, t: Target, o: HoverOptions): string | undefined {
  const index = ws.index();
  switch (t.kind) {
    case 'code': {
      const info = CODES.get(t.tok.value);
      const lines = [`**${t.tok.value}**${info ? `: ${info.description}` : ' is not in ClaimNote\'s code catalogue (it may still be valid).'}`];
      if (info?.mue) lines.push(`MUE: ${info.mue}. Modifier 50 is not allowed: the code counts muscles.`);
      if (isTpi(t.tok.value) && t.line) {
        const facts = factsOf(t.block);
        const n = facts.muscles.length;
        lines.push(n ? `This claim counts **${n} muscle${n === 1 ? '' : 's'}**: ${describeMuscles(facts.muscles)}.` : 'This claim lists no muscles.');
        lines.push(...feeLines(index, t.block, t.tok.value, o));
      }
      lines.push(`_Source: ${linkCitations(CODE_SOURCES[info?.kind ?? 'unknown'], o.docsBase)}.${/^\d{5}$/.test(t.tok.value) ? ' Plain-language description, not the AMA descriptor.' : ''}_`);
      return lines.join('\n\n');
    }
    case 'modifier': {
      const meaning = MODIFIER_MEANINGS[t.tok.value];
      const extra = t.tok.value === 'RT' || t.tok.value === 'LT' ? ' On a trigger point line it should match the side of every muscle injected.' : '';
      return `**Modifier ${t.tok.value}**: ${meaning ?? 'not one ClaimNote knows; check it is the modifier you mean.'}${extra}\n\n_Source: ${linkCitations('CPT modifier definitions (AMA) and HCPCS modifiers (CMS), in ClaimNote\'s words (docs/reference.md#modifiers)', o.docsBase)}._`;
    }
    case 'icd': {
      const code = t.tok.value;
      const d = t.diagnosis;
      if (d && !d.wellFormed) return `\`${t.tok.text}\` is not shaped like an ICD-10-CM code.`;
      const status = icdStatus(code);
      const desc = icdDescription(code);
      const lines = [`**${dottedIcd(code)}**${desc ? `: ${desc}` : ''}`];
      if (status === 'billable') lines.push(`Billable in FY${ICD10CM_YEAR} ICD-10-CM.`);
      else if (status === 'header') lines.push(`Not billable in FY${ICD10CM_YEAR}: a header with billable codes below it (${nearestBillableChildren(code, 10).map(dottedIcd).join(', ')}).`);
      else lines.push(`Not an FY${ICD10CM_YEAR} ICD-10-CM code.`);
      if (t.block.kind === 'claim') {
        if (TPI_SUPPORTING.has(code)) lines.push(`Supports a trigger point injection; covers the regions: ${regionsCovered(code).join(', ')} (${linkCitations(CATALOGUE_SOURCE, o.docsBase)}).`);
        else if (status === 'billable') lines.push(`Not a TPI-supporting diagnosis in ClaimNote's catalogue.`);
        if (isInfection(code)) lines.push('An infection: a contraindication to injection at that site.');
      }
      lines.push(`_Source: ${linkCitations(`CMS and NCHS FY${ICD10CM_YEAR} ICD-10-CM code files, public domain (docs/reference.md#icd-10-cm)`, o.docsBase)}._`);
      return lines.join('\n\n');
    }
    case 'muscle': {
      const item = t.tok;
      const m = catalogueMuscle(item.name);
      const side = item.side === 'B' ? 'both sides: counts as two muscles (left and right)' : item.side ? `the ${item.side === 'L' ? 'left' : 'right'} side: counts as one muscle` : 'no side: counts once, as a muscle of its own (and matches either side for repeat intervals)';
      if (m) {
        const trap = m.name === 'trapezius' ? ' The upper, middle and lower trapezius are one muscle a side.' : '';
        return `**${m.name}**: ${m.regions.join(' and ')} (area: ${AREA_OF[m.regions[0]]}). Written for ${side}.${trap}\n\n_Source: ${linkCitations(CATALOGUE_SOURCE, o.docsBase)}._`;
      }
      if (isVagueMuscle(item.name)) return `**${item.name}** names a region, not a muscle: name the muscles injected. It still counts as one muscle (${side}).\n\n_Source: ${linkCitations(CATALOGUE_SOURCE, o.docsBase)}._`;
      return `**${item.name}** is not in ClaimNote's muscle catalogue; it still counts (${side}), but ClaimNote cannot place it in a region.\n\n_Source: ${linkCitations(CATALOGUE_SOURCE, o.docsBase)}._`;
    }
    case 'payer':
    case 'policy-id': {
      const policy = index.policyFor(t.tok.value);
      if (!policy) return `**${t.tok.text}**: no policy for this payer in the workspace.`;
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
      const name = p.displayName ? ` "${p.displayName.text}"` : '';
      return `**${policyName(policy)}**${name}: ${rules.length ? rules.join('; ') : 'no rules'}.\n\n_Source: ${policy.builtin ? linkCitations(MEDICARE_SOURCE, o.docsBase) : `the \`policy ${p.id!.text}\` block`}._`;
    }
    case 'date': {
      const c = t.block;
      if (!t.tok || !/^\d{4}-\d{2}-\d{2}$/.test(t.tok.text)) return undefined;
      const patient = c.patient?.value.value, payer = c.payer?.value.value;
      const policy = payer ? index.policyFor(payer) : undefined;
      if (!patient || !payer || !policy) return `**${t.tok.text}**`;
      const sessions = index.sessionsOf(patient, payer);
      const lines = [`**${t.tok.text}**: sessions of patient ${c.patient!.value.text} with ${payer}: ${sessions.map((s) => s.date).join(', ') || 'none'}.`];
      for (const l of policy.policy.limits) {
        const w = limitWindow(t.tok.text, l.per, l.unit);
        const inside = sessions.filter((s) => s.date >= w.from && s.date <= w.to);
        lines.push(`- \`limit ${l.count} per ${l.per} ${l.unit}\`: ${inside.length} in ${w.from} to ${w.to}${inside.length ? ` (${inside.map((s) => s.date).join(', ')})` : ''}`);
      }
      lines.push(`_Source: ${policy.builtin ? linkCitations(MEDICARE_SOURCE, o.docsBase) : `the \`policy ${payer}\` block`}._`);
      return lines.join('\n\n');
    }
    case 'pointer': {
      const d = factsOf(t.block).diagnoses.get(t.tok.value);
      return d ? `Points to diagnosis **${t.tok.value}**: ${dottedIcd(d.code.value)}${icdDescription(d.code.value) ? ` (${icdDescription(d.code.value)})` : ''}.` : `No diagnosis ${t.tok.value} is defined in this claim.`;
    }
    case 'pos':
      return `Place of service **${t.tok.text}**: ${POS_NAMES[t.tok.text] ?? 'not one ClaimNote knows'}${POS_NAMES[t.tok.text] ? ` (${isFacility(t.tok.text) ? 'facility' : 'non-facility'} rate)` : ''}.\n\n_Source: ${linkCitations('CMS Place of Service Code Set (docs/reference.md#place-of-service)', o.docsBase)}._`;
    case 'units':
      return isTpi(t.line.code.value) ? 'A trigger point code is one unit per session, however many injections (MUE 1).' : undefined;
    default:
      return undefined;
  }
}

/** Markdown for the hover at a position, or undefined. */
export function doHover(ws: Workspace, findings: readonly Finding[], uri: string, line: number, character: number, o: HoverOptions = {}): { contents: string; range?: Range } | undefined {
  const file = ws.get(uri);
  if (!file) return undefined;
  const parts: string[] = [];
  const target = targetAt(file, line, character);
  if (target) {
    const text = describeTarget(ws, target, o);
    if (text) parts.push(text);
  }
  for (const f of findings) if (within(f, line, character)) parts.push(ruleExplanation(f, o.docsBase));
  if (!parts.length) return undefined;
  const range = target ? { start: { line, character: target.tok.start }, end: { line, character: target.tok.end } } : undefined;
  return { contents: parts.join('\n\n---\n\n'), range };
}
