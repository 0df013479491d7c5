// The OutgoingClaims the 837P tests write, validate and read back (test/unit/x12-*.test.mjs).

// Two practices, three claims: a drug line with its NDC, a replacement, a rendering provider
// with another NPI than the billing one (C-1001) and one with the same (C-1002).
export function claims() {
  const riverside = {
    id: 'riverside',
    name: 'Riverside Pain Clinic',
    npi: '1234567893',
    tin: '123456789',
    address: { line1: '100 River Rd', line2: 'Suite 2', city: 'Springfield', state: 'IL', zip: '627011234' },
    phone: '2175550100',
    taxonomy: '208VP0014X',
    submitter: { id: 'SUB123', name: 'Riverside Billing' },
    receiver: { id: 'CLEARHOUSE', name: 'Clear House' },
  };
  const hill = {
    id: 'hill',
    name: 'Hill Spine Center',
    npi: '1987654328',
    tin: '987654321',
    address: { line1: '5 Hill St', city: 'Dayton', state: 'OH', zip: '454021111' },
  };
  const medicare = { id: 'medicare', name: 'Medicare Part B', payerId: '12345', claimType: 'MB' };
  const acme = { id: 'acme-ppo', name: 'Acme PPO', payerId: 'ACME1', claimType: 'CI' };
  const address = { line1: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701' };
  return [
    {
      id: 'C-1001',
      date: '2026-03-02',
      pos: '11',
      auth: 'AUTH77',
      provider: { npi: '1567890128', name: { last: 'Ng', first: 'Ada' } },
      patient: {
        id: 'p1',
        name: { last: 'Doe', first: 'Jane', middle: 'Q' },
        member: '1EG4TE5MK73',
        born: '1960-05-01',
        sex: 'F',
        address,
      },
      payer: medicare,
      practice: riverside,
      diagnoses: [
        { letter: 'A', code: 'M7918' },
        { letter: 'B', code: 'M6281' },
      ],
      lines: [
        { code: '20553', modifiers: [], units: 1, pointers: [1, 2], chargeCents: 25000 },
        {
          code: 'J2001',
          modifiers: ['JW'],
          units: 2,
          pointers: [1],
          chargeCents: 1250,
          drug: { ndc11: '00409427702', quantity: 2.5, unit: 'ML' },
        },
      ],
      note: ['muscles left upper trapezius'],
    },
    {
      id: 'C-1002',
      date: '2026-03-09',
      pos: '22',
      replaces: 'ICN998877',
      provider: { npi: '1234567893', name: { last: 'Roe', first: 'Max' } },
      patient: { id: 'p2', name: { last: 'Smith', first: 'John' }, member: 'XYZ123456', born: '1971-12-31', sex: 'M', address },
      payer: acme,
      practice: riverside,
      diagnoses: [{ letter: 'A', code: 'M5412' }],
      lines: [{ code: '20552', modifiers: ['59', 'GA'], units: 1, pointers: [1], chargeCents: 18005 }],
      note: [],
    },
    {
      id: 'C-2001',
      date: '2026-04-01',
      pos: '11',
      patient: { id: 'p3', name: { last: 'Lee', first: 'Kim' }, member: '2AB3CD4EF56', born: '1980-01-15', sex: 'U', address },
      payer: medicare,
      practice: hill,
      diagnoses: [
        { letter: 'A', code: 'M7918' },
        { letter: 'B', code: 'G4489' },
        { letter: 'C', code: 'M542' },
      ],
      lines: [{ code: '20552', modifiers: [], units: 1, pointers: [3, 1, 2], chargeCents: 15000 }],
      note: [],
    },
  ];
}

export const OPTIONS = { usage: 'test', controlNumber: 42, date: '2026-03-10', time: '0930' };
