// A FHIR R4 Bundle (of any type) or a single Claim to ImportedClaims. References are resolved
// inside the Bundle (by fullUrl, by `Type/id`, and `#id` to a Claim's contained resources).
// What ClaimNote cannot say, and what is missing or unreadable, becomes a notice on that claim;
// input that is not a Bundle or a Claim is a problem. Nothing throws on bad input.
import type * as R4 from 'fhir/r4';
import {
  decimalToCents,
  type Address,
  type DrugPackage,
  type ImportNotice,
  type ImportedClaim,
  type ImportedItem,
  type PersonName,
} from '../claim';
import { DRUG_UNITS, SYSTEM } from './systems';

export interface FhirImport {
  claims: ImportedClaim[];
  /** what is wrong with the input as a whole (not a Bundle or a Claim, no Claim in the Bundle) */
  problems: ImportNotice[];
}

type AnyResource = { resourceType: string; id?: string; [k: string]: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isResource = (v: unknown): v is AnyResource => isObject(v) && typeof v.resourceType === 'string';
/** The array's objects (a list of anything else, or a missing one, is empty). */
const arr = <T>(v: T[] | undefined): T[] =>
  Array.isArray(v) ? v.filter((x) => isObject(x) || typeof x === 'string' || typeof x === 'number') : [];
/** A sequence for messages: the element's own, else its position. */
const seq = (x: { sequence?: unknown }, i: number): number => (typeof x.sequence === 'number' ? x.sequence : i + 1);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** Resources by the ways a Reference can name them. */
class Index {
  private readonly byKey = new Map<string, AnyResource>();

  add(resource: AnyResource, fullUrl?: string): void {
    if (fullUrl) {
      this.byKey.set(fullUrl, resource);
      // an absolute RESTful fullUrl (http://host/fhir/Patient/1) is also named Patient/1
      const m = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(fullUrl);
      if (m && !fullUrl.startsWith('urn:')) this.byKey.set(m[1], resource);
    }
    if (resource.id) this.byKey.set(`${resource.resourceType}/${resource.id}`, resource);
  }

  get(key: string): AnyResource | undefined {
    return this.byKey.get(key) ?? this.byKey.get(key.replace(/\/_history\/[^/]+$/, ''));
  }
}

/** One Claim being read: its notices and how it resolves references. */
class ClaimReader {
  readonly notices: ImportNotice[] = [];
  private readonly contained = new Map<string, AnyResource>();

  constructor(
    readonly claim: R4.Claim,
    private readonly index: Index,
    private readonly inBundle: boolean,
  ) {
    for (const c of arr(claim.contained as unknown[])) if (isResource(c) && c.id) this.contained.set(c.id, c);
  }

  notice(message: string): void {
    this.notices.push({ message });
  }

  /** The resource `ref` names, of type `type`; a notice when it cannot be found or is of another type. */
  resolve<T>(ref: R4.Reference | undefined, type: string, what: string, required = true): T | undefined {
    const given: unknown = ref;
    if (given !== undefined && !isObject(given)) {
      this.notice(`${what} is not a Reference: ${JSON.stringify(given)}`);
      return undefined;
    }
    if (!ref) {
      if (required) this.notice(`${what} is missing`);
      return undefined;
    }
    const reference = str(ref.reference);
    if (!reference) {
      if (ref.identifier)
        this.notice(`${what} is given by identifier only (${ref.identifier.value ?? ''}): its details are not in the file`);
      else if (required) this.notice(`${what} names no resource`);
      return undefined;
    }
    const found = reference.startsWith('#') ? this.contained.get(reference.slice(1)) : this.index.get(reference);
    if (!found) {
      this.notice(
        this.inBundle
          ? `${what} references ${reference}, which is not in the Bundle`
          : `${what} references ${reference}: a Claim read on its own carries no referenced resources`,
      );
      return undefined;
    }
    if (found.resourceType !== type) {
      this.notice(`${what} references a ${found.resourceType}, not a ${type}`);
      return undefined;
    }
    return found as T;
  }
}

const codings = (cc: R4.CodeableConcept | undefined): R4.Coding[] => arr(cc?.coding).filter((c) => isObject(c));

function personName(names: R4.HumanName[] | undefined, r: ClaimReader, what: string): PersonName | undefined {
  const list = arr(names);
  const n = list.find((x) => x.use === 'official') ?? list[0];
  if (!n) return undefined;
  if (list.length > 1) r.notice(`${what} has ${list.length} names: the ${n.use === 'official' ? 'official' : 'first'} one is kept`);
  const last = str(n.family);
  const given = arr(n.given).filter((g) => str(g));
  if (!last) {
    r.notice(`${what}'s name has no family name${n.text ? ` (written "${n.text}")` : ''}`);
    return undefined;
  }
  if (given.length > 2) r.notice(`${what}'s given names after the second (${given.slice(2).join(' ')}) are not carried`);
  const out: PersonName = { last };
  if (given[0]) out.first = given[0];
  if (given[1]) out.middle = given[1];
  return out;
}

function readAddress(list: R4.Address[] | undefined, r: ClaimReader, what: string): Address | undefined {
  const all = arr(list);
  const a = all.find((x) => x.use !== 'old' && x.type !== 'postal') ?? all[0];
  if (!a) return undefined;
  if (all.length > 1) r.notice(`${what} has ${all.length} addresses: one is kept`);
  const lines = arr(a.line).filter((l) => str(l));
  const zip = str(a.postalCode)?.replace(/[\s-]/g, '');
  if (!lines[0] || !a.city || !a.state || !zip) {
    r.notice(`${what}'s address lacks a street line, city, state or ZIP code: it is not carried`);
    return undefined;
  }
  if (lines.length > 2) r.notice(`${what}'s address lines after the second are not carried`);
  if (a.country && !/^(US|USA|United States)$/i.test(a.country))
    r.notice(`${what}'s address is in ${a.country}: ClaimNote's addresses are in the US`);
  const out: Address = { line1: lines[0], city: a.city, state: a.state.toUpperCase(), zip };
  if (lines[1]) out.line2 = lines[1];
  return out;
}

const bySystem = (ids: R4.Identifier[] | undefined, system: string): string | undefined =>
  str(arr(ids).find((i) => i.system === system)?.value);
const byType = (ids: R4.Identifier[] | undefined, code: string): string | undefined =>
  str(arr(ids).find((i) => codings(i.type).some((c) => c.system === SYSTEM.identifierType && c.code === code))?.value);

/** Cents from a Money; a notice (and undefined) for another currency or an amount that is not whole cents. */
function cents(m: R4.Money | undefined, r: ClaimReader, what: string): number | undefined {
  if (!m || m.value === undefined) return undefined;
  if (m.currency && m.currency !== 'USD') {
    r.notice(`${what} is in ${m.currency}: ClaimNote's charges are in US dollars, so it is not carried`);
    return undefined;
  }
  const c = typeof m.value === 'number' && m.value >= 0 ? decimalToCents(String(m.value)) : undefined;
  if (c === undefined) r.notice(`${what} ${String(m.value)} is not an amount in dollars and cents`);
  return c;
}

/** 11 digits (5-4-2) from an NDC as written: 11 digits, or hyphenated 5-4-2, 4-4-2, 5-3-2, 5-4-1. */
export function ndc11(text: string): string | undefined {
  if (/^\d{11}$/.test(text)) return text;
  const m = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const [a, b, c] = [m[1], m[2], m[3]];
  const len = a.length + b.length + c.length;
  if (len === 11 && a.length === 5 && b.length === 4) return a + b + c;
  if (len === 10) return a.padStart(5, '0') + b.padStart(4, '0') + c.padStart(2, '0');
  return undefined;
}

function readDrug(
  detail: R4.ClaimItemDetail[] | undefined,
  productCodings: R4.Coding[],
  r: ClaimReader,
  what: string,
): Partial<DrugPackage> | undefined {
  let drug: Partial<DrugPackage> | undefined;
  const details = arr(detail);
  details.forEach((d, i) => {
    const ndc = codings(d.productOrService).find((c) => c.system === SYSTEM.ndc);
    if (!ndc || drug) {
      const code = codings(d.productOrService)[0];
      r.notice(
        `${what} detail ${i + 1} (${code?.system ?? 'no system'} ${code?.code ?? ''}) is not carried: ClaimNote keeps one drug NDC a line`.replace(
          ' )',
          ')',
        ),
      );
      return;
    }
    drug = {};
    const n = str(ndc.code) ? ndc11(ndc.code!) : undefined;
    if (n) drug.ndc11 = n;
    else r.notice(`${what} NDC ${ndc.code ?? ''} is neither 11 digits nor a hyphenated 10- or 11-digit NDC`);
    const q = d.quantity;
    if (q?.value !== undefined) {
      if (typeof q.value === 'number' && q.value > 0) drug.quantity = q.value;
      else r.notice(`${what} drug quantity ${String(q.value)} is not a positive number`);
      const unitText = q.code ?? q.unit;
      const unit = (Object.keys(DRUG_UNITS) as (keyof typeof DRUG_UNITS)[]).find(
        (k) =>
          DRUG_UNITS[k] === unitText ||
          k === unitText ||
          (k === 'ME' && unitText === 'mg') ||
          (k === 'ML' && unitText?.toLowerCase() === 'ml'),
      );
      if (unit) drug.unit = unit;
      else r.notice(`${what} drug unit ${unitText ?? '(none)'} is none of mL, mg or units`);
    }
  });
  if (!drug) {
    const ndc = productCodings.find((c) => c.system === SYSTEM.ndc);
    if (ndc && str(ndc.code)) {
      const n = ndc11(ndc.code!);
      if (n) drug = { ndc11: n };
      else r.notice(`${what} NDC ${ndc.code} is neither 11 digits nor a hyphenated 10- or 11-digit NDC`);
    }
  }
  return drug;
}

const PROCEDURE_SYSTEMS = new Set<string>([SYSTEM.cpt, SYSTEM.hcpcs]);

function readItem(it: R4.ClaimItem, n: number, diagnosisCount: number, r: ClaimReader): ImportedItem {
  const what = `item ${seq(it, n)}`;
  const out: ImportedItem = { modifiers: [], pointers: [] };
  const product = codings(it.productOrService);
  const code = product.find((c) => c.system && PROCEDURE_SYSTEMS.has(c.system));
  if (code && str(code.code)) out.code = code.code!.toUpperCase();
  else {
    const other = product.find((c) => c.system !== SYSTEM.ndc) ?? product[0];
    if (other && str(other.code)) {
      out.code = other.code!.toUpperCase();
      r.notice(
        `${what} code ${other.code} is in ${other.system ? `the code system ${other.system}` : 'no code system'}, neither CPT nor HCPCS`,
      );
    } else r.notice(`${what} has no procedure code`);
  }
  const modifiers = arr(it.modifier).map((m) => {
    const c = codings(m)[0];
    if (c?.system && !PROCEDURE_SYSTEMS.has(c.system))
      r.notice(`${what} modifier ${c.code ?? ''} is in the code system ${c.system}, neither CPT nor HCPCS`);
    return str(c?.code)?.toUpperCase();
  });
  const mods = modifiers.filter((m): m is string => !!m);
  if (mods.length > 4) r.notice(`${what} has ${mods.length} modifiers: ClaimNote keeps 4, so ${mods.slice(4).join(', ')} are not carried`);
  out.modifiers = mods.slice(0, 4);
  const q = it.quantity?.value;
  if (q === undefined) out.units = 1;
  else if (typeof q === 'number' && Number.isInteger(q) && q > 0) out.units = q;
  else r.notice(`${what} quantity ${String(q)} is not a positive whole number of units`);
  const pointers = arr(it.diagnosisSequence).filter((p) => typeof p === 'number');
  if (pointers.length > 4)
    r.notice(`${what} points to ${pointers.length} diagnoses: ClaimNote keeps 4, so ${pointers.slice(4).join(', ')} are not carried`);
  out.pointers = pointers.slice(0, 4);
  for (const p of out.pointers)
    if (!Number.isInteger(p) || p < 1 || p > diagnosisCount) r.notice(`${what} points to diagnosis ${p}, which the claim does not have`);
  const net = cents(it.net, r, `${what} net`);
  if (net !== undefined) out.chargeCents = net;
  else if (!it.net) {
    const unit = cents(it.unitPrice, r, `${what} unitPrice`);
    const factor = typeof it.factor === 'number' ? it.factor : 1;
    if (unit !== undefined && out.units !== undefined) out.chargeCents = Math.round(unit * out.units * factor);
  }
  if (it.servicedDate) out.date = it.servicedDate;
  else if (it.servicedPeriod) {
    const { start, end } = it.servicedPeriod;
    if (start) out.date = start.slice(0, 10);
    if (start && end && start.slice(0, 10) !== end.slice(0, 10))
      r.notice(`${what} spans ${start} to ${end}: ClaimNote's lines are on one day`);
  }
  const drug = readDrug(it.detail, product, r, what);
  if (drug) out.drug = drug;
  if (arr(it.careTeamSequence).some((s) => s !== 1))
    r.notice(`${what} names a care team member other than the first: ClaimNote has one rendering provider a claim`);
  if (it.locationAddress || it.locationReference)
    r.notice(`${what} gives its place as an address or a Location: ClaimNote keeps a place of service code`);
  return out;
}

function readClaim(claim: R4.Claim, index: Index, inBundle: boolean): ImportedClaim {
  const r = new ClaimReader(claim, index, inBundle);
  const out: ImportedClaim = { diagnoses: [], lines: [], note: [], notices: r.notices, spans: {} };

  out.id = bySystem(claim.identifier, SYSTEM.claim) ?? str(arr(claim.identifier)[0]?.value) ?? str(claim.id);
  if (!out.id) r.notice('the Claim has no identifier');
  if (claim.use === undefined) r.notice('Claim.use is missing: ClaimNote reads claims (use claim)');
  else if (claim.use !== 'claim') r.notice(`Claim.use is ${String(claim.use)}: ClaimNote reads claims, not a ${String(claim.use)}`);
  if (claim.status && claim.status !== 'active') r.notice(`Claim.status is ${claim.status}: ClaimNote reads active claims`);
  const type = codings(claim.type).find((c) => c.system === SYSTEM.claimType);
  if (type && type.code !== 'professional') r.notice(`Claim.type is ${type.code}: ClaimNote's claims are professional`);

  // the payer, the coverage and the prior authorization
  const insurance = arr(claim.insurance);
  if (insurance.length > 1) r.notice(`the Claim has ${insurance.length} insurances: ClaimNote carries one payer, the focal one`);
  const ins = insurance.find((i) => i.focal) ?? insurance[0];
  if (!ins) r.notice('the Claim has no insurance');
  const coverage = ins ? r.resolve<R4.Coverage>(ins.coverage, 'Coverage', 'Claim.insurance coverage') : undefined;
  const auths = arr(ins?.preAuthRef).filter((a) => str(a));
  if (auths[0]) out.auth = auths[0];
  if (auths.length > 1) r.notice(`the insurance has ${auths.length} prior authorizations: ${auths.slice(1).join(', ')} are not carried`);

  const payerOrg =
    r.resolve<R4.Organization>(claim.insurer, 'Organization', 'Claim.insurer', false) ??
    (coverage ? r.resolve<R4.Organization>(arr(coverage.payor)[0], 'Organization', 'Coverage.payor', false) : undefined);
  if (!claim.insurer && !payerOrg) r.notice('Claim.insurer is missing: the Claim names no payer');
  if (payerOrg || coverage) {
    out.payer = {};
    const id = bySystem(payerOrg?.identifier, SYSTEM.payer);
    if (id) out.payer.id = id;
    const name = str(payerOrg?.name) ?? str(claim.insurer?.display);
    if (name) out.payer.name = name;
    const payerId = byType(payerOrg?.identifier, 'NIIP');
    if (payerId) out.payer.payerId = payerId;
    const filing = codings(coverage?.type).find((c) => c.system === SYSTEM.claimFilingIndicator);
    if (filing && str(filing.code)) out.payer.claimType = filing.code!;
  }

  // the patient
  const patient = r.resolve<R4.Patient>(claim.patient, 'Patient', 'Claim.patient');
  if (coverage) {
    const same = (a: string, b: string) => a === b || (index.get(a) !== undefined && index.get(a) === index.get(b));
    const ben = str(coverage.beneficiary?.reference) ?? str(claim.patient?.reference);
    const pat = str(claim.patient?.reference);
    if (ben && pat && !same(ben, pat)) r.notice("the Coverage's beneficiary is not the Claim's patient");
    const sub = str(coverage.subscriber?.reference);
    if (sub && ben && !same(sub, ben))
      r.notice(`the subscriber (${sub}) is not the patient: ClaimNote's claims have the patient as the subscriber`);
    const rel = codings(coverage.relationship).find((c) => c.system === SYSTEM.subscriberRelationship);
    if (rel && rel.code !== 'self')
      r.notice(`the patient is the subscriber's ${rel.code}, not the subscriber: ClaimNote's claims have the patient as the subscriber`);
    if (coverage.status && coverage.status !== 'active') r.notice(`the Coverage is ${coverage.status}`);
  }
  if (patient || coverage) {
    out.patient = {};
    const id = bySystem(patient?.identifier, SYSTEM.patient);
    if (id) out.patient.id = id;
    const name = patient ? personName(patient.name, r, 'the patient') : undefined;
    if (name) out.patient.name = name;
    const member = str(coverage?.subscriberId) ?? byType(patient?.identifier, 'MB');
    if (member) out.patient.member = member.replace(/-/g, '').toUpperCase();
    if (patient?.birthDate) out.patient.born = patient.birthDate;
    if (patient?.gender) {
      const sex = ({ female: 'F', male: 'M', unknown: 'U' } as const)[patient.gender as 'female'];
      if (sex) out.patient.sex = sex;
      else r.notice(`the patient's gender ${patient.gender} is none of female, male, unknown: it is not carried`);
    }
    const address = patient ? readAddress(patient.address, r, 'the patient') : undefined;
    if (address) out.patient.address = address;
  }

  // the practice (billing provider) and the rendering provider
  const practice = r.resolve<R4.Organization>(claim.provider, 'Organization', 'Claim.provider');
  if (practice) {
    out.practice = {};
    const id = bySystem(practice.identifier, SYSTEM.practice);
    if (id) out.practice.id = id;
    const name = str(practice.name) ?? str(claim.provider?.display);
    if (name) out.practice.name = name;
    const npi = bySystem(practice.identifier, SYSTEM.npi);
    if (npi) out.practice.npi = npi;
    const tin = bySystem(practice.identifier, SYSTEM.tin);
    if (tin) out.practice.tin = tin.replace(/-/g, '');
    const phone = arr(practice.telecom).find((t) => t.system === 'phone');
    if (phone && str(phone.value)) out.practice.phone = phone.value!.replace(/\D/g, '');
    const address = readAddress(practice.address, r, 'the practice');
    if (address) out.practice.address = address;
  }
  const team = arr(claim.careTeam);
  if (team.length > 1) r.notice(`the Claim has ${team.length} care team members: ClaimNote carries the first as the rendering provider`);
  if (team[0]) {
    const who = r.resolve<R4.Practitioner>(team[0].provider, 'Practitioner', 'Claim.careTeam provider');
    if (who) {
      out.provider = {};
      const npi = bySystem(who.identifier, SYSTEM.npi);
      if (npi) out.provider.npi = npi;
      else r.notice('the rendering provider has no NPI');
      const name = personName(who.name, r, 'the rendering provider');
      if (name) out.provider.name = name;
    }
  }

  // the claim this one replaces
  const related = arr(claim.related);
  related.forEach((rel, i) => {
    const prior = codings(rel.relationship).some((c) => c.code === 'prior');
    const value = str(rel.claim?.identifier?.value);
    if (prior && value && !out.replaces) out.replaces = value;
    else
      r.notice(
        `Claim.related ${i + 1} (${value ?? rel.claim?.reference ?? 'no identifier'}) is not carried: ClaimNote says only which claim this one replaces`,
      );
  });

  // diagnoses, in sequence order; the position is the pointer
  const diagnoses = arr(claim.diagnosis)
    .filter((d) => isObject(d))
    .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  diagnoses.forEach((d, i) => {
    const ds = seq(d, i);
    if (d.sequence !== i + 1) r.notice(`diagnosis sequence ${String(d.sequence)} is not ${i + 1}: pointers are read as positions`);
    if (arr(d.type).length) r.notice(`diagnosis ${ds} has a type: ClaimNote keeps the code only`);
    const c = codings(d.diagnosisCodeableConcept).find((x) => x.system === SYSTEM.icd10cm);
    if (!c || !str(c.code)) {
      const other = codings(d.diagnosisCodeableConcept)[0];
      r.notice(
        d.diagnosisReference
          ? `diagnosis ${ds} is a reference (${d.diagnosisReference.reference ?? ''}), not an ICD-10-CM code`
          : `diagnosis ${ds} is not in ICD-10-CM${other ? ` (${other.system ?? 'no system'} ${other.code ?? ''})` : ''}`,
      );
      return;
    }
    if (i >= 12) r.notice(`diagnosis ${ds} (${c.code}) is past the twelfth: ClaimNote has letters A-L`);
    else out.diagnoses.push({ letter: String.fromCharCode(65 + i), code: c.code!.replace('.', '').toUpperCase() });
  });

  // service lines
  const items = arr(claim.item)
    .filter((it) => isObject(it))
    .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  out.lines = items.map((it, n) => readItem(it, n, diagnoses.length, r));
  if (!items.length) r.notice('the Claim has no items');
  const odd = (Array.isArray(claim.item) ? claim.item.length : 0) - items.length;
  if (odd > 0) r.notice(`${odd} of Claim.item ${odd === 1 ? 'is not an item' : 'are not items'}`);
  const dates = [...new Set(out.lines.map((l) => l.date).filter((d): d is string => !!d))];
  if (dates.length > 1) r.notice(`the items are on ${dates.length} dates (${dates.join(', ')}): a ClaimNote claim has one date of service`);
  const period = claim.billablePeriod;
  const start = period?.start?.slice(0, 10);
  if (start && period?.end && period.end.slice(0, 10) !== start)
    r.notice(`the billable period is ${period.start} to ${period.end}: a ClaimNote claim has one date of service`);
  out.date = dates[0] ?? start;
  if (!out.date) r.notice('the Claim has no date of service');
  const places = new Set<string>();
  for (const [n, it] of items.entries()) {
    const loc = codings(it.locationCodeableConcept);
    const pos = loc.find((c) => c.system === SYSTEM.pos);
    if (pos && str(pos.code)) places.add(pos.code!);
    else if (loc[0]) r.notice(`item ${seq(it, n)} place ${loc[0].code ?? ''} is not in the CMS place of service code set`);
  }
  if (places.size > 1) r.notice(`the items have ${places.size} places of service (${[...places].join(', ')}): a ClaimNote claim has one`);
  if (places.size) out.pos = [...places][0];

  // the total, checked against the lines
  const total = cents(claim.total, r, 'Claim.total');
  const sum = out.lines.reduce((s, l) => s + (l.chargeCents ?? 0), 0);
  if (total !== undefined && out.lines.every((l) => l.chargeCents !== undefined) && total !== sum)
    r.notice(`Claim.total ${claim.total?.value} is not the sum of the items' charges (${sum / 100}): ClaimNote uses the sum`);

  // the note
  arr(claim.supportingInfo)
    .slice()
    .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0))
    .forEach((s, i) => {
      const value = str(s.valueString);
      const info = codings(s.category).some((c) => c.system === SYSTEM.infoCategory && c.code === 'info');
      if (value !== undefined && info) out.note.push(value);
      else {
        const cat = codings(s.category)[0]?.code ?? 'no category';
        r.notice(
          `supportingInfo ${seq(s, i)} (${cat}${value === undefined ? ', not a string' : ''}) is not carried: ClaimNote's note is text lines`,
        );
      }
    });

  if (arr(claim.procedure).length) r.notice('Claim.procedure is not carried: ClaimNote codes procedures on the items');
  if (claim.accident) r.notice('Claim.accident is not carried');
  if (claim.referral) r.notice('Claim.referral is not carried');
  if (claim.facility) r.notice('Claim.facility is not carried');
  return out;
}

/** Claims from a FHIR R4 Bundle or Claim (parsed JSON); problems, never a throw, for other input. */
export function readFhir(json: unknown): FhirImport {
  const problems: ImportNotice[] = [];
  if (!isResource(json)) {
    problems.push({
      message: isObject(json) ? 'not a FHIR resource: no resourceType' : `not a FHIR resource: ${json === null ? 'null' : typeof json}`,
    });
    return { claims: [], problems };
  }
  const index = new Index();
  const claims: R4.Claim[] = [];
  let inBundle = false;
  if (json.resourceType === 'Bundle') {
    inBundle = true;
    const entries = Array.isArray(json.entry) ? (json.entry as unknown[]) : [];
    entries.forEach((e, i) => {
      if (!isObject(e) || !isResource(e.resource)) {
        if (!isObject(e) || !isObject(e.request)) problems.push({ message: `Bundle entry ${i + 1} holds no resource` });
        return;
      }
      index.add(e.resource, str(e.fullUrl));
      if (e.resource.resourceType === 'Claim') claims.push(e.resource as unknown as R4.Claim);
    });
    if (!claims.length) problems.push({ message: 'the Bundle holds no Claim' });
  } else if (json.resourceType === 'Claim') {
    claims.push(json as unknown as R4.Claim);
  } else {
    problems.push({ message: `a ${json.resourceType} is neither a Bundle nor a Claim` });
    return { claims: [], problems };
  }
  const out: ImportedClaim[] = [];
  for (const c of claims) {
    try {
      out.push(readClaim(c, index, inBundle));
    } catch (e) {
      // a Claim shaped against the specification (a string where an array belongs): named, not thrown
      problems.push({ message: `a Claim could not be read: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return { claims: out, problems };
}
