// FHIR R4 import: the round trip from toFhirBundle, reference resolution, a notice for each
// thing ClaimNote cannot say, and problems (not exceptions) for input that is no Bundle or Claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { toFhirBundle, readFhir } = require('../../server/out/interchange.js');

import { claims, practice } from '../support/fhir-claims.mjs';

const bundle = () => toFhirBundle(claims(), { created: '2026-03-10' });
const claimEntry = (b, id) => b.entry.find((e) => e.resource.resourceType === 'Claim' && e.resource.identifier[0].value === id);
const resourceAt = (b, ref) => b.entry.find((e) => e.fullUrl === ref).resource;

/** What an OutgoingClaim says that FHIR carries: all of it but the practice's taxonomy, submitter and receiver. */
function carried(c) {
  const out = structuredClone(c);
  for (const k of ['taxonomy', 'submitter', 'receiver']) delete out.practice[k];
  out.lines = out.lines.map((l) => ({ ...l, date: c.date }));
  return out;
}

/** An ImportedClaim's OutgoingClaim fields (notices and spans aside). */
function fields(imported) {
  const { notices: _n, spans: _s, ...rest } = imported;
  return rest;
}

/** The first claim's notices, from `edit` applied to the exported Bundle. */
function noticesAfter(edit) {
  const b = bundle();
  edit(b);
  const { claims: out, problems } = readFhir(JSON.parse(JSON.stringify(b)));
  assert.deepEqual(problems, []);
  return out[0].notices.map((n) => n.message);
}

// ---------------------------------------------------------------- round trip
test('round trip: readFhir(toFhirBundle(claims)) gives back every field FHIR carries, with no notice', () => {
  const { claims: out, problems } = readFhir(JSON.parse(JSON.stringify(bundle())));
  assert.deepEqual(problems, []);
  assert.equal(out.length, 2);
  const [a, b] = claims();
  assert.deepEqual(out[0].notices, []);
  assert.deepEqual(out[1].notices, []);
  assert.deepEqual(fields(out[0]), carried(a));
  assert.deepEqual(fields(out[1]), carried(b));
  assert.deepEqual(out[0].spans, {});
});

test('round trip of the variants: no provider, no auth, one name only, a 5-digit ZIP, no phone, modifiers in both systems', () => {
  const [c] = claims();
  delete c.provider;
  delete c.auth;
  c.patient.name = /** @type {any} */ ({ last: 'Roe' });
  c.practice = { ...practice, address: /** @type {any} */ ({ line1: '1 Oak Ave', city: 'Peoria', state: 'IL', zip: '61602' }) };
  delete c.practice.phone;
  c.lines[0].modifiers = ['25', 'XS', 'LT', 'GA'];
  const { claims: out } = readFhir(toFhirBundle([c], { created: '2026-03-10' }));
  assert.deepEqual(out[0].notices, []);
  assert.deepEqual(fields(out[0]), carried(c));
});

test('a single Claim: what it carries is read, and each reference it cannot follow is a notice', () => {
  const claim = claimEntry(bundle(), 'C-1').resource;
  const { claims: out, problems } = readFhir(claim);
  assert.deepEqual(problems, []);
  assert.equal(out.length, 1);
  const c = out[0];
  assert.equal(c.id, 'C-1');
  assert.equal(c.date, '2026-03-02');
  assert.equal(c.pos, '11');
  assert.equal(c.auth, 'AUTH-77');
  assert.equal(c.lines.length, 2);
  assert.deepEqual(c.note, claims()[0].note);
  assert.equal(c.patient, undefined);
  assert.equal(c.practice, undefined);
  assert.equal(c.provider, undefined);
  assert.deepEqual(c.payer, undefined);
  const messages = c.notices.map((n) => n.message).join('\n');
  for (const what of ['Claim.patient', 'Claim.insurer', 'Claim.provider', 'Claim.insurance coverage', 'Claim.careTeam provider'])
    assert.match(messages, new RegExp(`${what.replace('.', '\\.')} references urn:uuid:.*a Claim read on its own`), what);
});

test('references resolve by fullUrl, by Type/id, by an absolute RESTful fullUrl, and to contained resources', () => {
  const b = bundle();
  const claim = claimEntry(b, 'C-1').resource;
  const patientRes = resourceAt(b, claim.patient.reference);
  const practiceRes = resourceAt(b, claim.provider.reference);
  // Type/id
  claim.patient.reference = `Patient/${patientRes.id}`;
  // an absolute fullUrl, referenced by Type/id
  b.entry.find((e) => e.resource === practiceRes).fullUrl = 'https://fhir.example.org/r4/Organization/prac1';
  delete practiceRes.id;
  claim.provider.reference = 'Organization/prac1';
  // a contained Practitioner
  const pract = resourceAt(b, claim.careTeam[0].provider.reference);
  claim.contained = [{ ...pract, id: 'doc' }];
  claim.careTeam[0].provider.reference = '#doc';
  const { claims: out } = readFhir(b);
  assert.deepEqual(out[0].notices, []);
  assert.equal(out[0].patient.id, 'P-1');
  assert.equal(out[0].practice.npi, '1234567893');
  assert.equal(out[0].provider.npi, '1245319599');
});

test('a reference to nothing in the Bundle, or to the wrong type, is a notice', () => {
  const messages = noticesAfter((b) => {
    const c = claimEntry(b, 'C-1').resource;
    c.provider.reference = c.patient.reference;
    c.patient.reference = 'Patient/nobody';
  });
  assert.ok(
    messages.some((m) => /Claim\.patient references Patient\/nobody, which is not in the Bundle/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /Claim\.provider references a Patient, not a Organization/.test(m)),
    messages.join('\n'),
  );
});

// ---------------------------------------------------------------- what ClaimNote cannot say
test('notices: more than one insurance', () => {
  const messages = noticesAfter((b) => {
    const c = claimEntry(b, 'C-1').resource;
    c.insurance.push({ sequence: 2, focal: false, coverage: c.insurance[0].coverage });
  });
  assert.ok(
    messages.some((m) => /2 insurances/.test(m)),
    messages.join('\n'),
  );
});

test('notices: items with different servicedDate', () => {
  const messages = noticesAfter((b) => {
    claimEntry(b, 'C-1').resource.item[1].servicedDate = '2026-03-03';
  });
  assert.ok(
    messages.some((m) => /2 dates \(2026-03-02, 2026-03-03\)/.test(m)),
    messages.join('\n'),
  );
  const { claims: out } = readFhir(
    (() => {
      const b = bundle();
      claimEntry(b, 'C-1').resource.item[1].servicedDate = '2026-03-03';
      return b;
    })(),
  );
  assert.deepEqual(
    out[0].lines.map((l) => l.date),
    ['2026-03-02', '2026-03-03'],
    'each line keeps its own date',
  );
});

test('notices: more than 4 diagnosisSequence, more than 4 modifiers (the first 4 kept, the rest named)', () => {
  const b = bundle();
  const c = claimEntry(b, 'C-1').resource;
  const icd = (code) => ({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] });
  c.diagnosis.push(
    { sequence: 3, diagnosisCodeableConcept: icd('M54.6') },
    { sequence: 4, diagnosisCodeableConcept: icd('M79.7') },
    { sequence: 5, diagnosisCodeableConcept: icd('M62.830') },
  );
  c.item[0].diagnosisSequence = [1, 2, 3, 4, 5];
  const mod = (code) => ({ coding: [{ system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code }] });
  c.item[0].modifier = ['59', 'RT', 'LT', 'XS', 'GA'].map(mod);
  const { claims: out } = readFhir(b);
  const messages = out[0].notices.map((n) => n.message);
  assert.ok(
    messages.some((m) => /item 1 points to 5 diagnoses: ClaimNote keeps 4, so 5 are not carried/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /item 1 has 5 modifiers: ClaimNote keeps 4, so GA are not carried/.test(m)),
    messages.join('\n'),
  );
  assert.deepEqual(out[0].lines[0].pointers, [1, 2, 3, 4]);
  assert.deepEqual(out[0].lines[0].modifiers, ['59', 'RT', 'LT', 'XS']);
  assert.equal(out[0].diagnoses[4].letter, 'E');
  assert.equal(out[0].diagnoses[4].code, 'M62830');
});

test('notices: a subscriber other than the beneficiary', () => {
  const messages = noticesAfter((b) => {
    const cov = resourceAt(b, claimEntry(b, 'C-1').resource.insurance[0].coverage.reference);
    b.entry.push({
      fullUrl: 'urn:uuid:0f6c7d2e-1111-4222-8333-444455556666',
      resource: { resourceType: 'RelatedPerson', patient: cov.beneficiary },
    });
    cov.subscriber = { reference: 'urn:uuid:0f6c7d2e-1111-4222-8333-444455556666' };
  });
  assert.ok(
    messages.some((m) => /subscriber \(urn:uuid:0f6c7d2e-1111-4222-8333-444455556666\) is not the patient/.test(m)),
    messages.join('\n'),
  );
  // the same patient referenced another way is the same subscriber
  const same = noticesAfter((b) => {
    const cov = resourceAt(b, claimEntry(b, 'C-1').resource.insurance[0].coverage.reference);
    cov.subscriber = { reference: `Patient/${resourceAt(b, cov.beneficiary.reference).id}` };
  });
  assert.deepEqual(same, []);
});

test('notices: a non-USD currency (the charge is left out, not converted)', () => {
  const b = bundle();
  const c = claimEntry(b, 'C-1').resource;
  c.item[0].net.currency = 'EUR';
  c.total.currency = 'EUR';
  const { claims: out } = readFhir(b);
  const messages = out[0].notices.map((n) => n.message);
  assert.ok(
    messages.some((m) => /item 1 net is in EUR/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /Claim\.total is in EUR/.test(m)),
    messages.join('\n'),
  );
  assert.equal(out[0].lines[0].chargeCents, undefined);
  assert.equal(out[0].lines[1].chargeCents, 900);
});

test('notices: an unknown productOrService system (the code is kept as written)', () => {
  const b = bundle();
  claimEntry(b, 'C-1').resource.item[0].productOrService = { coding: [{ system: 'http://example.org/local-codes', code: 'TPI1' }] };
  const { claims: out } = readFhir(b);
  const messages = out[0].notices.map((n) => n.message);
  assert.ok(
    messages.some((m) => /item 1 code TPI1 is in the code system http:\/\/example\.org\/local-codes, neither CPT nor HCPCS/.test(m)),
    messages.join('\n'),
  );
  assert.equal(out[0].lines[0].code, 'TPI1');
});

test('notices: a Claim.use other than claim', () => {
  for (const use of ['preauthorization', 'predetermination']) {
    const messages = noticesAfter((b) => {
      claimEntry(b, 'C-1').resource.use = use;
    });
    assert.ok(
      messages.some((m) => m.startsWith(`Claim.use is ${use}`)),
      messages.join('\n'),
    );
  }
});

test('notices: the rest of what ClaimNote cannot say', () => {
  const messages = noticesAfter((b) => {
    const c = claimEntry(b, 'C-1').resource;
    c.status = 'cancelled';
    c.careTeam.push({ sequence: 2, provider: c.careTeam[0].provider });
    c.related = [{ claim: { identifier: { value: 'X-9' } }, relationship: { coding: [{ code: 'associated' }] } }];
    c.supportingInfo.push({ sequence: 3, category: { coding: [{ code: 'onset' }] }, timingDate: '2026-01-01' });
    c.item[0].detail = [{ sequence: 1, productOrService: { coding: [{ system: 'http://example.org/x', code: 'K1' }] } }];
    c.item[0].servicedPeriod = { start: '2026-03-02', end: '2026-03-04' };
    delete c.item[0].servicedDate;
    c.total.value = 1;
    resourceAt(b, c.patient.reference).gender = 'other';
  });
  const expected = [
    /Claim\.status is cancelled/,
    /2 care team members/,
    /Claim\.related 1 \(X-9\) is not carried/,
    /supportingInfo 3 \(onset, not a string\) is not carried/,
    /item 1 detail 1 \(http:\/\/example\.org\/x K1\) is not carried/,
    /item 1 spans 2026-03-02 to 2026-03-04/,
    /Claim\.total 1 is not the sum of the items' charges \(159\.5\)/,
    /gender other is none of female, male, unknown/,
  ];
  for (const re of expected)
    assert.ok(
      messages.some((m) => re.test(m)),
      `${re}\n${messages.join('\n')}`,
    );
});

test('a second claim is not touched by the first one’s notices', () => {
  const b = bundle();
  claimEntry(b, 'C-1').resource.use = 'predetermination';
  const { claims: out } = readFhir(b);
  assert.ok(out[0].notices.length > 0);
  assert.deepEqual(out[1].notices, []);
});

test('10-digit NDCs are read as 11 digits; drug units mL, mg and units', () => {
  const read = (code, unitCode) => {
    const b = bundle();
    const d = claimEntry(b, 'C-1').resource.item[1].detail[0];
    d.productOrService.coding[0].code = code;
    if (unitCode) d.quantity.code = unitCode;
    return readFhir(b).claims[0];
  };
  assert.equal(read('0409-4277-02').lines[1].drug.ndc11, '00409427702');
  assert.equal(read('12345-678-90').lines[1].drug.ndc11, '12345067890');
  assert.equal(read('12345-6789-0').lines[1].drug.ndc11, '12345678900');
  assert.equal(read('00409427702').lines[1].drug.ndc11, '00409427702');
  assert.equal(read('00409-4277-02', 'mg').lines[1].drug.unit, 'ME');
  assert.equal(read('00409-4277-02', '{unit}').lines[1].drug.unit, 'UN');
  const bad = read('4277-02', 'kg');
  assert.equal(bad.lines[1].drug.ndc11, undefined);
  assert.ok(bad.notices.some((n) => /NDC 4277-02 is neither/.test(n.message)));
  assert.ok(bad.notices.some((n) => /drug unit kg/.test(n.message)));
});

// ---------------------------------------------------------------- bad input
test('bad input gives problems, not exceptions', () => {
  const cases = [
    null,
    undefined,
    'a string',
    42,
    [],
    {},
    { resourceType: 'Patient', id: 'p' },
    { resourceType: 'Bundle', type: 'collection' },
  ];
  for (const input of cases) {
    let result = readFhir(undefined);
    assert.doesNotThrow(() => (result = readFhir(input)), String(input));
    assert.deepEqual(result.claims, [], JSON.stringify(input));
    assert.ok(result.problems.length > 0, JSON.stringify(input));
  }
  assert.match(readFhir(null).problems[0].message, /null/);
  assert.match(readFhir('a string').problems[0].message, /string/);
  assert.match(readFhir({ resourceType: 'Patient' }).problems[0].message, /a Patient is neither a Bundle nor a Claim/);
  assert.match(readFhir({ resourceType: 'Bundle', type: 'collection', entry: [] }).problems[0].message, /holds no Claim/);
});

test('a Claim shaped against the specification gives notices or problems, never a throw', () => {
  const shapes = [
    { resourceType: 'Claim' },
    { resourceType: 'Claim', item: 'x', diagnosis: 7, insurance: null, identifier: {}, careTeam: [null], supportingInfo: [1] },
    { resourceType: 'Claim', item: [null, 1, { sequence: 'a', quantity: { value: -1 }, net: { value: 'x' } }], patient: 'Patient/1' },
    { resourceType: 'Bundle', entry: [null, 1, { resource: { resourceType: 'Claim', total: { value: 1e30 } } }] },
  ];
  for (const s of shapes) {
    let result = readFhir(undefined);
    assert.doesNotThrow(() => (result = readFhir(s)), JSON.stringify(s));
    const said = result.problems.length + result.claims.reduce((n, c) => n + c.notices.length, 0);
    assert.ok(said > 0, JSON.stringify(s));
  }
});
