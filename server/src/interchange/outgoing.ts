// The checked workspace as claims ready to send: each claim without an error and with nothing
// an 837P needs missing becomes an `OutgoingClaim`; every other claim is left out with what
// stops it. Data flows one way: the workspace index and its findings in, plain values out.
import type { ClaimBlock, TextLine } from '../language/syntax';
import { memberAsSent } from '../language/billingFormats';
import { ndcForm } from '../data/identifiers';
import { drugOfCode, recogniseDrug } from '../data/drugs';
import { isDrugCode } from '../data/codes';
import { factsOf } from '../model/claim';
import type { Workspace } from '../model/workspace';
import type { ClaimRef, PolicyRef } from '../model/workspaceIndex';
import { exportGaps } from '../rules/billing';
import { isMedicare } from '../rules/policy';
import type { Finding } from '../rules/rule';
import type { DrugPackage, OutgoingClaim, PersonName, ServiceItem } from './claim';

/** A claim the export left out, and why (each reason a sentence naming the rule or the field). */
export interface LeftOut {
  id: string;
  uri: string;
  /** the claim's first line, 0-based */
  line: number;
  /** the claim's last line, 0-based */
  endLine: number;
  reasons: string[];
}

export interface ExportSelection {
  claims: OutgoingClaim[];
  /** where each of `claims` is: its file and its first and last lines (0-based) */
  sources: ClaimSource[];
  left: LeftOut[];
}

/** Where a claim is written: its file and its lines (0-based, inclusive). */
export interface ClaimSource {
  uri: string;
  line: number;
  endLine: number;
}

/**
 * A person's name as written on a `patient` or `provider` line: `Last, First [Middle]` when it
 * holds a comma; otherwise the last word is the last name and the words before it the first and
 * middle names. Titles after a comma (`R. Lee, MD`) are kept out of the name.
 */
export function personName(text: string | undefined): PersonName | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const comma = t.indexOf(',');
  if (comma >= 0) {
    const last = t.slice(0, comma).trim();
    const rest = t
      .slice(comma + 1)
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    // `R. Lee, MD`: what follows the comma is a credential, not a first name
    if (rest.length === 1 && /^(MD|DO|NP|PA|PA-C|DC|DPM|PhD|RN|Jr\.?|Sr\.?|II|III)$/i.test(rest[0])) return personName(last);
    return { last, first: rest[0], middle: rest.slice(1).join(' ') || undefined };
  }
  const words = t.split(/\s+/);
  const last = words[words.length - 1];
  return { last, first: words.length > 1 ? words[0] : undefined, middle: words.slice(1, -1).join(' ') || undefined };
}

/** The lines a claim's clinical note is made of, keyword first, in line order. */
function noteLines(claim: ClaimBlock, lineText: (line: number) => string): string[] {
  const nodes: { line: number; kwStart: number; end: number }[] = [...claim.muscles, ...claim.drugs, ...claim.texts, ...claim.priors];
  return nodes
    .sort((a, b) => a.line - b.line)
    .map((n) => lineText(n.line).slice(n.kwStart, n.end).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** The J-code line's drug as packaged: the NDC (11 digits) and the amount given, from the claim's drug lines. */
function drugPackage(claim: ClaimBlock, code: string): DrugPackage | undefined {
  if (!isDrugCode(code)) return undefined;
  const known = drugOfCode(code);
  const lines = known ? claim.drugs.filter((d) => recogniseDrug(d.name.text)?.id === known.id) : claim.drugs.filter((d) => d.ndc);
  // the first of the drug's NDCs that can be sent (a malformed one is ndc-format's)
  const form = lines.map((d) => (d.ndc ? ndcForm(d.ndc.text) : undefined)).find((f) => f?.kind === 'ndc11');
  if (form?.kind !== 'ndc11') return undefined;
  // the amounts of the drug's lines, in one unit: mL, else mg, else units
  let ml = 0,
    mg = 0,
    un = 0;
  for (const d of lines) {
    const u = d.dose?.unit;
    if (!d.dose) continue;
    if (u === 'ml' || u === 'cc') ml += d.dose.amount;
    else if (u === 'mg') mg += d.dose.amount;
    else if (u === 'mcg') mg += d.dose.amount / 1000;
    else un += d.dose.amount;
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  if (ml) return { ndc11: form.ndc11, quantity: round(ml), unit: 'ML' };
  if (mg) return { ndc11: form.ndc11, quantity: round(mg), unit: 'ME' };
  if (un) return { ndc11: form.ndc11, quantity: round(un), unit: 'UN' };
  return undefined;
}

/** An error finding as a reason a claim is left out: its line (1-based), its message and its rule. */
export function reasonOf(f: Finding): string {
  return `line ${f.range.start.line + 1}: ${f.message} [${f.code}]`;
}

/** The findings of a claim: those that start on its lines. */
function findingsOf(ref: ClaimRef, findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.range.start.line >= ref.claim.startLine && f.range.start.line <= ref.claim.endLine);
}

/** One claim as it is sent, or why it cannot be. */
function outgoingOf(
  ref: ClaimRef,
  policy: PolicyRef | undefined,
  ws: Workspace,
  findings: readonly Finding[],
  lineText: (line: number) => string,
): OutgoingClaim | string[] {
  const c = ref.claim;
  const index = ws.index();
  const reasons = findingsOf(ref, findings)
    .filter((f) => f.severity === 'error')
    .map(reasonOf);
  const gaps = exportGaps(c, policy, index).all;
  if (gaps.length) reasons.push(`it lacks ${gaps.join('; ')} [export-missing]`);
  const name = personName(c.patient?.rest?.text);
  if (!name) reasons.push('the patient line has no name: an 837P names the patient (write it after the patient id)');
  if (reasons.length) return reasons;
  // (every value below is there: an error or a gap above would have stopped the claim)
  const practice = index.practiceFor(c)!.practice;
  const pol = policy!;
  const letters = [...factsOf(c).diagnoses.keys()].sort();
  const diagnoses = letters.map((letter) => ({ letter, code: factsOf(c).diagnoses.get(letter)!.code.value }));
  const position = new Map(letters.map((l, i) => [l, i + 1]));
  const lines: ServiceItem[] = c.lines.map((l) => {
    const item: ServiceItem = {
      code: l.code.value,
      modifiers: l.modifiers.map((m) => m.value),
      units: l.unitsValue,
      pointers: (l.dx?.pointers ?? []).map((p) => position.get(p.value)!).filter((n) => n !== undefined),
      chargeCents: l.chargeCents!,
    };
    const drug = drugPackage(c, l.code.value);
    if (drug) item.drug = drug;
    return item;
  });
  const address = (a: NonNullable<ClaimBlock['address']>) => ({
    line1: a.line1,
    ...(a.line2 ? { line2: a.line2 } : {}),
    city: a.city,
    state: a.state,
    zip: a.zip,
  });
  const party = (p: typeof practice.submitter) => (p ? { id: p.value.text, ...(p.rest ? { name: p.rest.text } : {}) } : undefined);
  const out: OutgoingClaim = {
    id: c.id!.text,
    date: c.date!.iso!,
    pos: factsOf(c).pos,
    patient: {
      id: c.patient!.value.text,
      name: name!,
      member: memberAsSent(c.member!.value.text),
      born: c.born!.iso!,
      sex: c.sex!.value.value as 'F' | 'M' | 'U',
      address: address(c.address!),
    },
    payer: {
      id: pol.policy.id!.text,
      name: pol.policy.displayName?.text ?? pol.policy.id!.text,
      payerId: pol.policy.payerId!.value.text,
      claimType: pol.policy.claimType?.value.value ?? (isMedicare(pol) ? 'MB' : 'CI'),
    },
    practice: {
      id: practice.id!.text,
      name: practice.displayName?.text ?? practice.id!.text,
      npi: practice.npi!.value.text,
      tin: practice.tin!.value.value,
      address: address(practice.address!),
      ...(practice.phone ? { phone: practice.phone.value.value } : {}),
      ...(practice.taxonomy ? { taxonomy: practice.taxonomy.value.value } : {}),
      ...(practice.submitter ? { submitter: party(practice.submitter) } : {}),
      ...(practice.receiver ? { receiver: party(practice.receiver) } : {}),
    },
    diagnoses,
    lines,
    note: noteLines(c, lineText),
  };
  if (c.replaces) out.replaces = c.replaces.value.text;
  if (c.auth) out.auth = (c.auth as TextLine).value.text;
  if (c.provider) {
    const providerName = personName(c.provider.rest?.text);
    out.provider = { npi: c.provider.value.text, ...(providerName ? { name: providerName } : {}) };
  }
  return out;
}

/**
 * The claims of a checked workspace that can be sent, in workspace order, and those that
 * cannot, each with its reasons: an error finding on the claim, what `export-missing` names,
 * a patient without a name.
 */
export function selectForExport(
  ws: Workspace,
  findingsByUri: ReadonlyMap<string, readonly Finding[]>,
  /** a line of a file, where the workspace keeps no lines (a part of a workspace checked in parts) */
  lineOf?: (uri: string, line: number) => string,
): ExportSelection {
  const index = ws.index();
  const claims: OutgoingClaim[] = [];
  const sources: ClaimSource[] = [];
  const left: LeftOut[] = [];
  for (const ref of index.claims) {
    const lines = ws.lines(ref.uri);
    const lineText = lines ? (n: number) => lines[n] ?? '' : (n: number) => lineOf?.(ref.uri, n) ?? '';
    const policy = ref.claim.payer ? index.policyFor(ref.claim.payer.value.value) : undefined;
    const r = outgoingOf(ref, policy, ws, findingsByUri.get(ref.uri) ?? [], lineText);
    if (Array.isArray(r))
      left.push({ id: ref.claim.id?.text ?? '(no id)', uri: ref.uri, line: ref.claim.startLine, endLine: ref.claim.endLine, reasons: r });
    else {
      claims.push(r);
      sources.push({ uri: ref.uri, line: ref.claim.startLine, endLine: ref.claim.endLine });
    }
  }
  return { claims, sources, left };
}
