// Renders the example claim of docs/cms1500.md as the CMS-1500 picture (docs/images/cms1500-example.png)
// from the built library (`npm run build` first): `node scripts/render-form-example.mjs [out.png]`.
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { boxesOf, withFindings, cms1500Svg, cms1500Png } = require('../server/out/interchange.js');

/** The example claim: two lines, two diagnoses, a replaced claim, a rendering provider. */
export const exampleClaim = {
  id: 'TP-2026-0142',
  line: 0,
  date: '2026-03-05',
  pos: '11',
  replaces: 'ACME88812345',
  auth: 'PA-77120',
  lineOf: { id: 0, date: 4, pos: 5, replaces: 6, auth: 7 },
  patient: {
    name: { last: 'Rivera', first: 'Ana', middle: 'M' },
    member: 'XJH123456789',
    born: '1970-03-15',
    sex: 'F',
    address: { line1: '12 Elm St', city: 'Springfield', state: 'IL', zip: '627011234' },
    line: 1,
    lineOf: { member: 2, born: 3, sex: 3, address: 8 },
  },
  payer: { name: 'Acme PPO', claimType: 'CI', line: 9 },
  practice: {
    name: 'Lakeside Pain Clinic',
    npi: '1234567893',
    tin: '371234567',
    address: { line1: '400 Lake Shore Dr Ste 2', city: 'Springfield', state: 'IL', zip: '627039876' },
    phone: '2175550100',
  },
  provider: { npi: '1922345670', line: 10 },
  diagnoses: [
    { letter: 'A', code: 'M79.18', line: 11 },
    { letter: 'B', code: 'M54.2', line: 12 },
  ],
  lines: [
    { code: '20553', modifiers: ['LT'], pointers: ['A', 'B'], chargeCents: 15000, units: 1, line: 13 },
    { code: 'J3301', modifiers: [], pointers: ['A'], chargeCents: 2550, units: 4, line: 14 },
  ],
};

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const out = process.argv[2] ?? join(root, 'docs', 'images', 'cms1500-example.png');
  const boxes = withFindings(boxesOf(exampleClaim), [
    { line: 12, severity: 'warning', message: 'Example finding: the diagnosis is on no service line of the payer policy.' },
  ]);
  const svg = cms1500Svg({ claimId: exampleClaim.id, boxes });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await cms1500Png(svg, 2));
  console.log(`wrote ${out}`);
}
