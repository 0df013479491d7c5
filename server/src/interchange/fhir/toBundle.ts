// Claims to a FHIR R4 Bundle (type `collection`): per claim a Claim and the Patient, Coverage,
// Organizations (payer, practice) and Practitioner (rendering provider) it references. The
// output depends on the input only: every fullUrl is a name-based UUID (version 5) of the
// resource's kind and ClaimNote id, and a resource several claims share appears once.
import { createHash } from 'node:crypto';
import type * as R4 from 'fhir/r4';
import { centsToDecimal, type Address, type OutgoingClaim, type PersonName, type ServiceItem } from '../claim';
import { CPT_CODE, DRUG_UNITS, HCPCS_CODE, SYSTEM } from './systems';

export interface FhirExportOptions {
  /** Claim.created: the ISO date (or dateTime) the claims were written */
  created: string;
}

/** The namespace of ClaimNote's name-based UUIDs (itself a v5 UUID of "claimnote" in the URL namespace). */
const NAMESPACE = uuidV5('claimnote', '6ba7b811-9dad-11d1-80b4-00c04fd430c8');

/** RFC 9562 name-based UUID, SHA-1 (version 5). */
export function uuidV5(name: string, namespace: string = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const money = (cents: number): R4.Money => ({ value: Number(centsToDecimal(cents)), currency: 'USD' });
const coding = (system: string, code: string): R4.CodeableConcept => ({ coding: [{ system, code }] });

/** ICD-10-CM as FHIR writes it: the dot after the third character (M79.18). */
export function icdWithDot(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/** 11 digits to the 5-4-2 hyphenated form. */
export function ndcHyphenated(ndc11: string): string {
  return `${ndc11.slice(0, 5)}-${ndc11.slice(5, 9)}-${ndc11.slice(9)}`;
}

/** The code system of a procedure code: CPT or HCPCS Level II (undefined for neither). */
export function procedureSystem(code: string): string | undefined {
  if (CPT_CODE.test(code)) return SYSTEM.cpt;
  if (HCPCS_CODE.test(code)) return SYSTEM.hcpcs;
  return undefined;
}

/** Modifiers: two digits are CPT's (25, 59), letters HCPCS Level II's (RT, XS, JW, GA). */
export function modifierSystem(modifier: string): string {
  return /^\d+$/.test(modifier) ? SYSTEM.cpt : SYSTEM.hcpcs;
}

function humanName(name: PersonName): R4.HumanName {
  const given = [name.first, name.middle].filter((g): g is string => !!g);
  return given.length ? { family: name.last, given } : { family: name.last };
}

function address(a: Address): R4.Address {
  return {
    line: a.line2 ? [a.line1, a.line2] : [a.line1],
    city: a.city,
    state: a.state,
    postalCode: a.zip.length === 9 ? `${a.zip.slice(0, 5)}-${a.zip.slice(5)}` : a.zip,
    country: 'US',
  };
}

function codeOf(code: string): R4.CodeableConcept {
  const system = procedureSystem(code);
  return system ? coding(system, code) : { coding: [{ code }] };
}

function item(line: ServiceItem, index: number, claim: OutgoingClaim, careTeam: boolean): R4.ClaimItem {
  const out: R4.ClaimItem = {
    sequence: index + 1,
    ...(careTeam ? { careTeamSequence: [1] } : {}),
    ...(line.pointers.length ? { diagnosisSequence: [...line.pointers] } : {}),
    productOrService: codeOf(line.code),
  };
  if (line.modifiers.length) out.modifier = line.modifiers.map((m) => coding(modifierSystem(m), m));
  out.servicedDate = claim.date;
  out.locationCodeableConcept = coding(SYSTEM.pos, claim.pos);
  out.quantity = { value: line.units };
  // net is the line's charge; unitPrice only where charge / units is a whole number of cents
  if (line.chargeCents % line.units === 0) out.unitPrice = money(line.chargeCents / line.units);
  out.net = money(line.chargeCents);
  if (line.drug) {
    const unit = DRUG_UNITS[line.drug.unit];
    out.detail = [
      {
        sequence: 1,
        productOrService: coding(SYSTEM.ndc, ndcHyphenated(line.drug.ndc11)),
        quantity: { value: line.drug.quantity, unit, system: SYSTEM.ucum, code: unit },
      },
    ];
  }
  return out;
}

/** One claim's resources; the Claim references the others by the fullUrls `ref` gives them. */
class BundleWriter {
  readonly entries: R4.BundleEntry[] = [];
  /** name -> [fullUrl, JSON of the resource] */
  private readonly seen = new Map<string, [string, string]>();

  /**
   * The fullUrl of `resource`, added unless an identical one is there. Two different resources
   * under one name (one practice id, two addresses) both appear: the second is named by its content too.
   */
  add(name: string, resource: R4.FhirResource): string {
    const json = JSON.stringify(resource);
    let key = name;
    const known = this.seen.get(key);
    if (known && known[1] !== json) key = `${name}#${createHash('sha1').update(json).digest('hex')}`;
    const again = this.seen.get(key);
    if (again) return again[0];
    const id = uuidV5(key);
    const fullUrl = `urn:uuid:${id}`;
    this.seen.set(key, [fullUrl, json]);
    this.entries.push({ fullUrl, resource: { ...resource, id } as R4.FhirResource });
    return fullUrl;
  }
}

function claimResources(w: BundleWriter, c: OutgoingClaim, options: FhirExportOptions): void {
  const { practice, payer, patient, provider } = c;

  const practiceOrg: R4.Organization = {
    resourceType: 'Organization',
    identifier: [
      { system: SYSTEM.practice, value: practice.id },
      { system: SYSTEM.npi, value: practice.npi },
      { system: SYSTEM.tin, value: practice.tin },
    ],
    active: true,
    type: [coding(SYSTEM.organizationType, 'prov')],
    name: practice.name,
    ...(practice.phone ? { telecom: [{ system: 'phone', value: practice.phone, use: 'work' }] } : {}),
    address: [address(practice.address)],
  };
  const practiceUrl = w.add(`Organization/practice/${practice.id}`, practiceOrg);

  const payerOrg: R4.Organization = {
    resourceType: 'Organization',
    identifier: [
      { system: SYSTEM.payer, value: payer.id },
      { type: coding(SYSTEM.identifierType, 'NIIP'), value: payer.payerId },
    ],
    active: true,
    type: [coding(SYSTEM.organizationType, 'pay')],
    name: payer.name,
  };
  const payerUrl = w.add(`Organization/payer/${payer.id}`, payerOrg);

  const patientRes: R4.Patient = {
    resourceType: 'Patient',
    identifier: [
      { system: SYSTEM.patient, value: patient.id },
      { type: coding(SYSTEM.identifierType, 'MB'), value: patient.member, assigner: { reference: payerUrl, display: payer.name } },
    ],
    name: [humanName(patient.name)],
    gender: ({ F: 'female', M: 'male', U: 'unknown' } as const)[patient.sex],
    birthDate: patient.born,
    address: [address(patient.address)],
  };
  const patientUrl = w.add(`Patient/${patient.id}`, patientRes);

  const coverage: R4.Coverage = {
    resourceType: 'Coverage',
    status: 'active',
    type: coding(SYSTEM.claimFilingIndicator, payer.claimType),
    subscriber: { reference: patientUrl },
    subscriberId: patient.member,
    beneficiary: { reference: patientUrl },
    relationship: coding(SYSTEM.subscriberRelationship, 'self'),
    payor: [{ reference: payerUrl, display: payer.name }],
  };
  const coverageUrl = w.add(`Coverage/${payer.id}/${patient.id}`, coverage);

  let practitionerUrl: string | undefined;
  if (provider) {
    const practitioner: R4.Practitioner = {
      resourceType: 'Practitioner',
      identifier: [{ system: SYSTEM.npi, value: provider.npi }],
      ...(provider.name ? { name: [humanName(provider.name)] } : {}),
    };
    practitionerUrl = w.add(`Practitioner/${provider.npi}`, practitioner);
  }

  const total = c.lines.reduce((sum, l) => sum + l.chargeCents, 0);
  const claim: R4.Claim = {
    resourceType: 'Claim',
    identifier: [{ system: SYSTEM.claim, value: c.id }],
    status: 'active',
    type: coding(SYSTEM.claimType, 'professional'),
    use: 'claim',
    patient: { reference: patientUrl },
    billablePeriod: { start: c.date, end: c.date },
    created: options.created,
    insurer: { reference: payerUrl, display: payer.name },
    provider: { reference: practiceUrl, display: practice.name },
    priority: coding(SYSTEM.processPriority, 'normal'),
    ...(c.replaces
      ? { related: [{ claim: { identifier: { value: c.replaces } }, relationship: coding(SYSTEM.relatedClaim, 'prior') }] }
      : {}),
    ...(practitionerUrl
      ? { careTeam: [{ sequence: 1, provider: { reference: practitionerUrl }, role: coding(SYSTEM.careTeamRole, 'primary') }] }
      : {}),
    ...(c.note.length
      ? {
          supportingInfo: c.note.map((valueString, i) => ({ sequence: i + 1, category: coding(SYSTEM.infoCategory, 'info'), valueString })),
        }
      : {}),
    ...(c.diagnoses.length
      ? {
          diagnosis: c.diagnoses.map((d, i) => ({ sequence: i + 1, diagnosisCodeableConcept: coding(SYSTEM.icd10cm, icdWithDot(d.code)) })),
        }
      : {}),
    insurance: [{ sequence: 1, focal: true, coverage: { reference: coverageUrl }, ...(c.auth ? { preAuthRef: [c.auth] } : {}) }],
    ...(c.lines.length ? { item: c.lines.map((l, i) => item(l, i, c, !!practitionerUrl)) } : {}),
    total: money(total),
  };
  w.add(`Claim/${c.id}`, claim);
}

/** The claims as one FHIR R4 Bundle of type `collection`; the same claims give the same Bundle. */
export function toFhirBundle(claims: OutgoingClaim[], options: FhirExportOptions): R4.Bundle {
  const w = new BundleWriter();
  for (const c of claims) claimResources(w, c, options);
  return { resourceType: 'Bundle', type: 'collection', entry: w.entries };
}
