// The OutgoingClaims the FHIR tests export and read back (test/unit/fhir-*.test.mjs).

export const practice = {
  id: 'downtown',
  name: 'Downtown Pain Clinic',
  npi: '1234567893',
  tin: '123456789',
  address: { line1: '100 Main St', line2: 'Suite 200', city: 'Springfield', state: 'IL', zip: '627011234' },
  phone: '2175550100',
};
export const payer = { id: 'acme-ppo', name: 'Acme PPO', payerId: 'ACME1', claimType: 'CI' };
export const patient = (id, member, sex) => ({
  id,
  name: { last: 'Doe', first: 'Jane', middle: 'Q' },
  member,
  born: '1970-05-06',
  sex,
  address: { line1: '5 Elm St', city: 'Springfield', state: 'IL', zip: '62702' },
});

/** Two claims sharing the practice and the payer: one with a drug NDC and a rendering provider, one replacing another. */
export function claims() {
  return [
    {
      id: 'C-1',
      date: '2026-03-02',
      pos: '11',
      auth: 'AUTH-77',
      provider: { npi: '1245319599', name: { last: 'Smith', first: 'Ann' } },
      patient: patient('P-1', 'XYZ123456', 'F'),
      payer,
      practice,
      diagnoses: [
        { letter: 'A', code: 'M7918' },
        { letter: 'B', code: 'M542' },
      ],
      lines: [
        { code: '20553', modifiers: ['59'], units: 1, pointers: [1, 2], chargeCents: 15050 },
        {
          code: 'J2001',
          modifiers: ['JW', 'RT'],
          units: 3,
          pointers: [1],
          chargeCents: 900,
          drug: { ndc11: '00409427702', quantity: 5, unit: 'ML' },
        },
      ],
      note: ['muscles left upper trapezius, left rhomboid major', 'response pain 7/10 to 3/10'],
    },
    {
      id: 'C-2',
      date: '2026-03-09',
      pos: '22',
      replaces: 'CCN-0001',
      patient: patient('P-2', 'ABC987', 'M'),
      payer,
      practice,
      diagnoses: [{ letter: 'A', code: 'M791' }],
      lines: [{ code: '20552', modifiers: [], units: 3, pointers: [1], chargeCents: 10000 }],
      note: [],
    },
  ];
}
