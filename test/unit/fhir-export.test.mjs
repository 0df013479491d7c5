// FHIR R4 export: the Bundle's resources field by field, shared resources once, determinism,
// and every resource valid against the R4 structure definitions of the `fhir` package (offline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { toFhirBundle, uuidV5 } = require('../../server/out/interchange.js');
const { Fhir, ParseConformance, Versions } = require('fhir');

import { claims, practice } from '../support/fhir-claims.mjs';

const CREATED = '2026-03-10';
const bundle = () => toFhirBundle(claims(), { created: CREATED });
const ofType = (b, type) => b.entry.filter((e) => e.resource.resourceType === type);
const byUrl = (b) => new Map(b.entry.map((e) => [e.fullUrl, e.resource]));
const claimOf = (b, id) => ofType(b, 'Claim').find((e) => e.resource.identifier[0].value === id).resource;
const coding = (system, code) => ({ coding: [{ system, code }] });

// ---------------------------------------------------------------- the Bundle
test('a collection Bundle: per claim a Claim, its Patient and Coverage; the shared practice and payer once', () => {
  const b = bundle();
  assert.equal(b.resourceType, 'Bundle');
  assert.equal(b.type, 'collection');
  assert.equal(ofType(b, 'Claim').length, 2);
  assert.equal(ofType(b, 'Patient').length, 2);
  assert.equal(ofType(b, 'Coverage').length, 2);
  assert.equal(ofType(b, 'Organization').length, 2, 'the practice and the payer, once each');
  assert.equal(ofType(b, 'Practitioner').length, 1, 'only C-1 has a rendering provider');
  assert.equal(b.entry.length, 9);
  const urls = b.entry.map((e) => e.fullUrl);
  assert.equal(new Set(urls).size, urls.length, 'fullUrls are unique');
  for (const e of b.entry) {
    assert.match(e.fullUrl, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(e.fullUrl, `urn:uuid:${e.resource.id}`);
  }
  // both claims point at the same practice and payer
  const [c1, c2] = [claimOf(b, 'C-1'), claimOf(b, 'C-2')];
  assert.equal(c1.provider.reference, c2.provider.reference);
  assert.equal(c1.insurer.reference, c2.insurer.reference);
  assert.notEqual(c1.patient.reference, c2.patient.reference);
});

test('every reference of the Bundle lands on one of its entries, of the right type', () => {
  const b = bundle();
  const urls = byUrl(b);
  const refs = [];
  const walk = (v, path) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      if (typeof v.reference === 'string') refs.push([path, v.reference]);
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    }
  };
  walk(b, 'Bundle');
  assert.ok(refs.length >= 15, `${refs.length} references`);
  for (const [path, ref] of refs) assert.ok(urls.has(ref), `${path} -> ${ref}`);
  const c1 = claimOf(b, 'C-1');
  assert.equal(urls.get(c1.patient.reference).resourceType, 'Patient');
  assert.equal(urls.get(c1.insurer.reference).resourceType, 'Organization');
  assert.equal(urls.get(c1.provider.reference).resourceType, 'Organization');
  assert.equal(urls.get(c1.insurance[0].coverage.reference).resourceType, 'Coverage');
  assert.equal(urls.get(c1.careTeam[0].provider.reference).resourceType, 'Practitioner');
});

test('fullUrls are name-based UUIDs (v5) of the resource kind and ClaimNote id: no randomness', () => {
  // the RFC 9562 example: www.example.com in the DNS namespace
  assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  const b = bundle();
  assert.equal(claimOf(b, 'C-1').id, uuidV5('Claim/C-1'));
  assert.equal(ofType(b, 'Patient')[0].resource.id, uuidV5('Patient/P-1'));
  assert.equal(ofType(b, 'Practitioner')[0].resource.id, uuidV5('Practitioner/1245319599'));
});

test('determinism: the same claims give deeply equal Bundles and identical JSON', () => {
  const [a, b] = [bundle(), bundle()];
  assert.deepEqual(a, b);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  // the input is not changed
  const input = claims();
  toFhirBundle(input, { created: CREATED });
  assert.deepEqual(input, claims());
});

test('two different resources under one ClaimNote id both appear, each referenced by its own claim', () => {
  const [c1, c2] = claims();
  c2.practice = { ...practice, phone: '2175550199' };
  const b = toFhirBundle([c1, c2], { created: CREATED });
  assert.equal(ofType(b, 'Organization').length, 3);
  const urls = byUrl(b);
  assert.equal(urls.get(claimOf(b, 'C-1').provider.reference).telecom[0].value, '2175550100');
  assert.equal(urls.get(claimOf(b, 'C-2').provider.reference).telecom[0].value, '2175550199');
  assert.equal(JSON.stringify(b), JSON.stringify(toFhirBundle([c1, c2], { created: CREATED })));
});

// ---------------------------------------------------------------- the mapping
test('Claim: identifier, status, type, use, priority, created, billablePeriod, insurer, provider, insurance, total', () => {
  const b = bundle();
  const urls = byUrl(b);
  const c = claimOf(b, 'C-1');
  assert.deepEqual(c.identifier, [{ system: 'urn:claimnote:claim', value: 'C-1' }]);
  assert.equal(c.status, 'active');
  assert.deepEqual(c.type, coding('http://terminology.hl7.org/CodeSystem/claim-type', 'professional'));
  assert.equal(c.use, 'claim');
  assert.deepEqual(c.priority, coding('http://terminology.hl7.org/CodeSystem/processpriority', 'normal'));
  assert.equal(c.created, CREATED);
  assert.deepEqual(c.billablePeriod, { start: '2026-03-02', end: '2026-03-02' });
  assert.equal(urls.get(c.patient.reference).identifier[0].value, 'P-1');
  assert.equal(c.insurer.display, 'Acme PPO');
  assert.equal(c.provider.display, 'Downtown Pain Clinic');
  assert.equal(c.insurance.length, 1);
  assert.equal(c.insurance[0].sequence, 1);
  assert.equal(c.insurance[0].focal, true);
  assert.deepEqual(c.insurance[0].preAuthRef, ['AUTH-77']);
  assert.deepEqual(c.total, { value: 159.5, currency: 'USD' });
  assert.equal(c.related, undefined);
  const c2 = claimOf(b, 'C-2');
  assert.equal(c2.insurance[0].preAuthRef, undefined);
  assert.deepEqual(c2.total, { value: 100, currency: 'USD' });
});

test('Claim.related: the claim it replaces, relationship prior', () => {
  const c2 = claimOf(bundle(), 'C-2');
  assert.deepEqual(c2.related, [
    {
      claim: { identifier: { value: 'CCN-0001' } },
      relationship: coding('http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship', 'prior'),
    },
  ]);
});

test('Claim.careTeam: the rendering provider (Practitioner with NPI), and each item names it', () => {
  const b = bundle();
  const urls = byUrl(b);
  const c = claimOf(b, 'C-1');
  assert.equal(c.careTeam.length, 1);
  assert.equal(c.careTeam[0].sequence, 1);
  const p = urls.get(c.careTeam[0].provider.reference);
  assert.deepEqual(p.identifier, [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1245319599' }]);
  assert.deepEqual(p.name, [{ family: 'Smith', given: ['Ann'] }]);
  for (const it of c.item) assert.deepEqual(it.careTeamSequence, [1]);
  const c2 = claimOf(b, 'C-2');
  assert.equal(c2.careTeam, undefined);
  for (const it of c2.item) assert.equal(it.careTeamSequence, undefined);
});

test('Claim.diagnosis: sequence and ICD-10-CM with the dot after the third character', () => {
  const c = claimOf(bundle(), 'C-1');
  assert.deepEqual(c.diagnosis, [
    { sequence: 1, diagnosisCodeableConcept: coding('http://hl7.org/fhir/sid/icd-10-cm', 'M79.18') },
    { sequence: 2, diagnosisCodeableConcept: coding('http://hl7.org/fhir/sid/icd-10-cm', 'M54.2') },
  ]);
  assert.equal(claimOf(bundle(), 'C-2').diagnosis[0].diagnosisCodeableConcept.coding[0].code, 'M79.1');
});

test('Claim.item: CPT and HCPCS codes and modifiers, quantity, pointers, date, place, unitPrice and net, the NDC as a detail', () => {
  const CPT = 'http://www.ama-assn.org/go/cpt';
  const HCPCS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
  const POS = 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set';
  const [tpi, drug] = claimOf(bundle(), 'C-1').item;
  assert.deepEqual(tpi, {
    sequence: 1,
    careTeamSequence: [1],
    diagnosisSequence: [1, 2],
    productOrService: coding(CPT, '20553'),
    modifier: [coding(CPT, '59')],
    servicedDate: '2026-03-02',
    locationCodeableConcept: coding(POS, '11'),
    quantity: { value: 1 },
    unitPrice: { value: 150.5, currency: 'USD' },
    net: { value: 150.5, currency: 'USD' },
  });
  assert.equal(drug.sequence, 2);
  assert.deepEqual(drug.productOrService, coding(HCPCS, 'J2001'));
  assert.deepEqual(drug.modifier, [coding(HCPCS, 'JW'), coding(HCPCS, 'RT')]);
  assert.deepEqual(drug.quantity, { value: 3 });
  assert.deepEqual(drug.unitPrice, { value: 3, currency: 'USD' }, '9.00 / 3 units is exact');
  assert.deepEqual(drug.net, { value: 9, currency: 'USD' });
  assert.deepEqual(drug.detail, [
    {
      sequence: 1,
      productOrService: coding('http://hl7.org/fhir/sid/ndc', '00409-4277-02'),
      quantity: { value: 5, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' },
    },
  ]);
  // 100.00 over 3 units is not a whole number of cents: net only
  const [line] = claimOf(bundle(), 'C-2').item;
  assert.equal(line.unitPrice, undefined);
  assert.deepEqual(line.net, { value: 100, currency: 'USD' });
  assert.deepEqual(line.quantity, { value: 3 });
  assert.equal(line.modifier, undefined);
  assert.deepEqual(line.locationCodeableConcept, coding(POS, '22'));
});

test('Claim.supportingInfo: each note line as an info string, in order', () => {
  const c = claimOf(bundle(), 'C-1');
  const info = coding('http://terminology.hl7.org/CodeSystem/claiminformationcategory', 'info');
  assert.deepEqual(c.supportingInfo, [
    { sequence: 1, category: info, valueString: 'muscles left upper trapezius, left rhomboid major' },
    { sequence: 2, category: info, valueString: 'response pain 7/10 to 3/10' },
  ]);
  assert.equal(claimOf(bundle(), 'C-2').supportingInfo, undefined);
});

test('Patient: identifiers, name, birthDate, gender, address', () => {
  const b = bundle();
  const urls = byUrl(b);
  const p = urls.get(claimOf(b, 'C-1').patient.reference);
  assert.deepEqual(p.identifier[0], { system: 'urn:claimnote:patient', value: 'P-1' });
  assert.equal(p.identifier[1].value, 'XYZ123456');
  assert.deepEqual(p.identifier[1].type, coding('http://terminology.hl7.org/CodeSystem/v2-0203', 'MB'));
  assert.deepEqual(p.name, [{ family: 'Doe', given: ['Jane', 'Q'] }]);
  assert.equal(p.birthDate, '1970-05-06');
  assert.equal(p.gender, 'female');
  assert.deepEqual(p.address, [{ line: ['5 Elm St'], city: 'Springfield', state: 'IL', postalCode: '62702', country: 'US' }]);
  assert.equal(urls.get(claimOf(b, 'C-2').patient.reference).gender, 'male');
  const [c1] = claims();
  c1.patient.sex = 'U';
  const u = toFhirBundle([c1], { created: CREATED });
  assert.equal(ofType(u, 'Patient')[0].resource.gender, 'unknown');
});

test('Coverage: active, the filing indicator as its type, member as subscriberId, the patient as beneficiary and subscriber, the payer as payor', () => {
  const b = bundle();
  const urls = byUrl(b);
  const c = claimOf(b, 'C-1');
  const cov = urls.get(c.insurance[0].coverage.reference);
  assert.equal(cov.status, 'active');
  assert.deepEqual(cov.type, coding('urn:claimnote:claim-filing-indicator', 'CI'));
  assert.equal(cov.subscriberId, 'XYZ123456');
  assert.equal(cov.beneficiary.reference, c.patient.reference);
  assert.equal(cov.subscriber.reference, c.patient.reference);
  assert.deepEqual(cov.relationship, coding('http://terminology.hl7.org/CodeSystem/subscriber-relationship', 'self'));
  assert.deepEqual(
    cov.payor.map((p) => p.reference),
    [c.insurer.reference],
  );
});

test('Organizations: the practice with NPI, TIN, address and phone; the payer with its payer id', () => {
  const b = bundle();
  const urls = byUrl(b);
  const c = claimOf(b, 'C-1');
  const prac = urls.get(c.provider.reference);
  assert.equal(prac.name, 'Downtown Pain Clinic');
  assert.deepEqual(prac.identifier, [
    { system: 'urn:claimnote:practice', value: 'downtown' },
    { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' },
    { system: 'urn:oid:2.16.840.1.113883.4.4', value: '123456789' },
  ]);
  assert.deepEqual(prac.address, [
    { line: ['100 Main St', 'Suite 200'], city: 'Springfield', state: 'IL', postalCode: '62701-1234', country: 'US' },
  ]);
  assert.deepEqual(prac.telecom, [{ system: 'phone', value: '2175550100', use: 'work' }]);
  assert.deepEqual(prac.type, [coding('http://terminology.hl7.org/CodeSystem/organization-type', 'prov')]);
  const pay = urls.get(c.insurer.reference);
  assert.equal(pay.name, 'Acme PPO');
  assert.deepEqual(pay.identifier, [
    { system: 'urn:claimnote:payer', value: 'acme-ppo' },
    { type: coding('http://terminology.hl7.org/CodeSystem/v2-0203', 'NIIP'), value: 'ACME1' },
  ]);
  assert.deepEqual(pay.type, [coding('http://terminology.hl7.org/CodeSystem/organization-type', 'pay')]);
});

// ---------------------------------------------------------------- validation (offline)
const fhir = new Fhir(new ParseConformance(true, Versions.R4));
const errorsOf = (resource) =>
  fhir.validate(resource, { errorOnUnexpected: true }).messages.filter((m) => m.severity === 'error' || m.severity === 'fatal');

test('the validator is R4 and reports errors: a broken Claim and a broken Patient fail', () => {
  assert.equal(/** @type {any} */ (fhir.parser).version, 'R4');
  assert.ok(fhir.parser.parsedStructureDefinitions.CoverageEligibilityRequest, 'R4 structure definitions are loaded');
  const c = structuredClone(claimOf(bundle(), 'C-1'));
  delete c.patient; // required (1..1)
  c.status = 'sent'; // not in the required FinancialResourceStatusCodes value set
  c.item[0].bogus = 1; // not an element of Claim.item
  const messages = errorsOf(c).map((m) => `${m.location}: ${m.message}`);
  assert.ok(
    messages.some((m) => /Claim\.patient/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /Claim\.status/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /bogus/.test(m)),
    messages.join('\n'),
  );
  assert.ok(errorsOf({ resourceType: 'Patient', gender: 'woman' }).length > 0);
  // a Bundle passes its entries to the validator too
  assert.ok(errorsOf({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:x', resource: c }] }).length > 0);
});

test('every resource of the Bundle, and the Bundle, pass the R4 validator with no errors', () => {
  const b = bundle();
  assert.deepEqual(errorsOf(b), []);
  for (const e of b.entry) assert.deepEqual(errorsOf(e.resource), [], `${e.resource.resourceType} ${e.fullUrl}`);
  // including the variants: no provider, no note, unknown sex
  const [c1] = claims();
  delete c1.provider;
  c1.note = [];
  c1.patient.sex = 'U';
  for (const e of toFhirBundle([c1], { created: '2026-03-10T12:00:00Z' }).entry)
    assert.deepEqual(errorsOf(e.resource), [], e.resource.resourceType);
});
