// Hovers: codes with their Medicare payment (never an invented figure), modifiers, ICD-10-CM,
// muscles, payers, dates, and the explanation of a rule on any diagnostic's range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workspace, claim, uriOf } from '../helpers.mjs';

const A = uriOf('a.claim');
/**
 * @param {Record<string, string>} files
 * @param {string} needle
 * @param {{ occurrence?: number, offset?: number, settings?: object }} [options]
 */
function hoverAt(files, needle, { occurrence = 0, offset = 1, settings } = {}) {
  const s = workspace(files, settings);
  const lines = files['a.claim'].split('\n');
  let seen = 0;
  for (let l = 0; l < lines.length; l++) {
    let from = 0,
      i;
    while ((i = lines[l].indexOf(needle, from)) >= 0) {
      if (seen++ === occurrence) return s.doHover(A, { line: l, character: i + offset })?.contents.value ?? '';
      from = i + 1;
    }
  }
  throw new Error(`no ${needle}`);
}

test('20552 in 2026 at the office: the national non-facility amount with its computation', () => {
  const h = hoverAt({ 'a.claim': claim({ date: 'date 2026-04-01' }) }, '20552');
  assert.match(h, /one or two muscles/);
  assert.match(h, /1\.55 RVUs x 33\.4009 conversion factor = \*\*\$51\.77\*\*/);
  assert.match(h, /non-facility/);
  assert.match(h, /Sources:_\n(- .*\n)*- Medicare Physician Fee Schedule/);
  assert.match(h, /This claim counts \*\*1 muscle\*\*: right trapezius/);
});

test('20553 in 2026: $59.79; a qualifying APM participant: 33.5675', () => {
  const files = {
    'a.claim': claim({ line: 'line 20553 mod RT dx A', muscles: 'muscles right upper trapezius, right levator scapulae, right deltoid' }),
  };
  assert.match(hoverAt(files, '20553'), /1\.79 RVUs x 33\.4009 conversion factor = \*\*\$59\.79\*\*/);
  assert.match(
    hoverAt(files, '20553', { settings: { qualifyingApm: true } }),
    /1\.79 RVUs x 33\.5675 conversion factor \(qualifying APM participant\) = \*\*\$60\.09\*\*/,
  );
});

test('a facility place of service in 2026: not in the bundled data, the 2025 figure labelled as 2025', () => {
  const h = hoverAt({ 'a.claim': claim({ date: 'date 2026-04-01', extra: undefined }, { extra: ['pos 22'] }) }, '20552');
  assert.match(h, /facility rate\): not in the bundled data \(the 2026 facility RVUs of 20552 is not in the bundled data\)/);
  assert.match(h, /the 2025 facility amount was 1\.09 RVUs x 32\.3465 = \$35\.26 \(2025 figures, not 2026\)/);
  assert.doesNotMatch(h, /\*\*\$\d/, 'no bold (current) figure is given');
});

test('a year the reference does not cover: no figure at all', () => {
  const h = hoverAt({ 'a.claim': claim({ date: 'date 2023-04-01' }) }, '20552');
  assert.match(h, /not in the bundled data/);
  assert.doesNotMatch(h, /= \*\*\$/);
});

test("the payer's rate is applied to the Medicare amount", () => {
  const files = { 'a.claim': claim({ payer: 'payer acme' }) + '\npolicy acme\n  rate 150%\n' };
  assert.match(hoverAt(files, '20552'), /pays `rate 150%`: \$51\.77 x 150% = \*\*\$77\.66\*\*/);
});

test('modifier, ICD-10-CM code, pointer and place of service hovers', () => {
  const files = { 'a.claim': claim({ diagnosis: 'diagnosis A M79.1', extra: undefined }, { extra: ['pos 11'] }) };
  assert.match(hoverAt(files, 'RT'), /\*\*Modifier RT\*\*: right side of the body/);
  const icd = hoverAt(files, 'M79.1');
  assert.match(icd, /Not billable in FY2026: a header with billable codes below it \(M79\.10, M79\.11, M79\.12, M79\.18\)/);
  assert.match(icd, /- CMS and NCHS FY2026 ICD-10-CM code files, public domain \(ClaimNote reference, "ICD-10-CM"\)/);
  const billable = hoverAt({ 'a.claim': claim() }, 'M79.12');
  assert.match(billable, /Myalgia of auxiliary muscles, head and neck/);
  assert.match(billable, /Billable in FY2026/);
  assert.match(
    billable,
    /In ClaimNote's catalogue of TPI-supporting diagnoses, for the regions: head, neck, upper back \(the payer's policy decides coverage\)/,
  );
  assert.match(billable, /\*\*Covered by medicare\*\*: in the covers list of the built-in medicare policy/);
  assert.match(hoverAt(files, 'pos 11', { offset: 5 }), /Place of service \*\*11\*\*: office \(non-facility rate\)/);
});

test('muscle hovers: region, area and how it counts', () => {
  const files = { 'a.claim': claim({ muscles: 'muscles bilateral upper trapezius, paraspinal, left gluteos medius' }) };
  const trap = hoverAt(files, 'bilateral upper trapezius', { offset: 12 });
  assert.match(trap, /\*\*trapezius\*\*: neck and upper back/);
  assert.match(trap, /counts as two muscles \(left and right\)/);
  assert.match(trap, /upper, middle and lower trapezius are one muscle a side/);
  assert.match(trap, /ClaimNote catalogue/);
  assert.match(hoverAt(files, 'paraspinal'), /names a region, not a muscle/);
  assert.match(hoverAt(files, 'gluteos'), /not in ClaimNote's muscle catalogue/);
});

test('payer hover: the policy in words with its source', () => {
  const h = hoverAt({ 'a.claim': claim() }, 'medicare');
  assert.match(h, /at most 3 sessions in 12 months; at least 6 weeks between sessions in the same muscle/);
  assert.match(h, /covers only G44\.201/);
  assert.match(h, /never covers M79\.7/);
  assert.match(h, /Noridian LCD L34211/);
});

test("date hover: the patient's sessions with the payer in each policy window", () => {
  const files = {
    'a.claim': claim({ date: 'date 2026-04-01', extra: undefined }, { extra: ['prior 2026-01-15 20552', 'prior 2025-02-01 20553'] }),
  };
  const h = hoverAt(files, '2026-04-01');
  assert.match(h, /sessions of patient P-1 with medicare: 2025-02-01, 2026-01-15, 2026-04-01/);
  assert.match(h, /`limit 3 per 12 months`: 2 in 2025-04-02 to 2026-04-01 \(2026-01-15, 2026-04-01\)/);
});

test("on a diagnostic's range the hover explains the rule and names its source", () => {
  const h = hoverAt({ 'a.claim': claim({ line: 'line 20552 mod 50 dx A' }) }, '50', { occurrence: 0 });
  assert.match(h, /\*\*modifier-50\*\* \(error\): Modifier 50 on 20552: remove it/);
  assert.match(h, /\*\*Why modifier-50\*\*: Left and right of the same muscle already count as two muscles/);
  assert.match(
    h,
    /- AAPC coding alerts; Novitas and First Coast billing and coding article A57751 \(ClaimNote reference, "Trigger point codes"\)/,
  );
  assert.doesNotMatch(h, /\]\(/, 'no links without the shipped docs');
});

test('a fee says in words how sure its figures are, never a bare confidence letter', () => {
  const y2026 = hoverAt({ 'a.claim': claim({ date: 'date 2026-04-01' }) }, '20552');
  assert.match(y2026, /= \*\*\$51\.77\*\* \(RVUs as summarised by secondary sources, not checked against the CMS RVU file\)/);
  const y2025 = hoverAt({ 'a.claim': claim({ date: 'date 2025-04-01' }) }, '20552');
  assert.match(y2025, /1\.57 RVUs x 32\.3465 conversion factor = \*\*\$50\.78\*\* \(RVUs from the CMS RVU file\)/);
  for (const h of [y2026, y2025]) assert.doesNotMatch(h, /confidence|\((H|M|L)\)/);
});

test('with the shipped docs, sources link to their section of docs/reference.md and the rule to docs/rules.md', () => {
  const settings = { docsBase: 'file:///ext/docs/rules.md' };
  const files = { 'a.claim': claim({ line: 'line 20552 mod 50 dx A' }) };
  const code = hoverAt(files, '20552', { settings });
  assert.match(
    code,
    /- Medicare Physician Fee Schedule \(CMS\), national amounts \(GPCIs of 1\) \(\[ClaimNote reference: Fees\]\(file:\/\/\/ext\/docs\/reference\.md#fees\)\)/,
  );
  assert.match(code, /\[ClaimNote reference: Trigger point codes\]\(file:\/\/\/ext\/docs\/reference\.md#tpi-codes\)/);
  assert.match(code, /\[ClaimNote reference: Medically Unlikely Edits\]\(file:\/\/\/ext\/docs\/reference\.md#mue\)/);
  const rule = hoverAt(files, '50', { settings });
  assert.match(rule, /\*\*Why \[modifier-50\]\(file:\/\/\/ext\/docs\/rules\.md#modifier-50\)\*\*/);
  assert.match(
    hoverAt(files, 'medicare', { settings }),
    /Noridian LCD L34211 and article A57701, the built-in `medicare` policy \(\[ClaimNote reference: Medicare coverage\]\(file:\/\/\/ext\/docs\/reference\.md#medicare-coverage\)\)/,
  );
  assert.match(hoverAt({ 'a.claim': claim() }, 'RT', { settings }), /\(file:\/\/\/ext\/docs\/reference\.md#modifiers\)/);
});

test('each kind of code names its own source', () => {
  const files = {
    'a.claim': claim(
      { extra: undefined },
      { extra: ['line J3301 units 4 dx A', 'line 99213-25 dx A', 'line 20610 dx A', 'line 77002 dx A', 'line 12345 dx A'] },
    ),
  };
  assert.match(hoverAt(files, 'J3301'), /- CMS HCPCS Level II code set \(ClaimNote reference, "Drugs"\)/);
  assert.doesNotMatch(hoverAt(files, 'J3301'), /AMA descriptor/, 'a HCPCS code has no AMA descriptor to disclaim');
  assert.match(hoverAt(files, '20610'), /CMS NCCI edits \(ClaimNote reference, "NCCI edits and same-day services"\)/);
  assert.match(hoverAt(files, '20610'), /Plain-language description, not the AMA descriptor/);
  assert.match(hoverAt(files, '99213'), /NCCI Policy Manual \(ClaimNote reference, "NCCI edits and same-day services"\)/);
  assert.match(hoverAt(files, '20610'), /CMS NCCI edits/);
  assert.match(hoverAt(files, '77002'), /- Noridian LCD L34211 \(ClaimNote reference, "Medicare coverage"\)/);
  assert.match(hoverAt(files, '12345'), /ClaimNote catalogue of codes \(ClaimNote reference, "ClaimNote's catalogues"\)/);
});

test('hover order: the diagnostics at the position, what the code is and what the claim counts, the payment, the why, the sources', () => {
  const files = {
    'a.claim': claim({ line: 'line 20552 mod RT dx A', muscles: 'muscles right upper trapezius, right levator scapulae, right deltoid' }),
  };
  const h = hoverAt(files, '20552');
  const at = (re) => {
    const m = h.search(re);
    assert.ok(m >= 0, `${re} in\n${h}`);
    return m;
  };
  const order = [
    at(/\*\*muscle-count\*\* \(error\): /),
    at(/\*\*20552\*\*: /),
    at(/This claim counts \*\*3 muscles\*\*/),
    at(/\*\*Medicare national payment\*\*/),
    at(/\*\*Why muscle-count\*\*/),
    at(/_Sources:_/),
  ];
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
  );
  // rule ids link to their page when the docs are shipped
  const linked = hoverAt(files, '20552', { settings: { docsBase: 'file:///ext/docs/rules.md' } });
  assert.match(linked, /\*\*\[muscle-count\]\(file:\/\/\/ext\/docs\/rules\.md#muscle-count\)\*\* \(error\)/);
});

test('a client that shows the diagnostics in its hover (hoverDiagnostics false, VS Code) gets the hover without them, the why kept', () => {
  const files = {
    'a.claim': claim({ line: 'line 20552 mod RT dx A', muscles: 'muscles right upper trapezius, right levator scapulae, right deltoid' }),
  };
  const h = hoverAt(files, '20552', { settings: { hoverDiagnostics: false } });
  assert.doesNotMatch(h, /muscle-count\*\* \(error\)/);
  assert.doesNotMatch(h, /20552 with 3 muscles: bill 20553/);
  assert.match(h, /^\*\*20552\*\*: /);
  assert.match(h, /\*\*Why muscle-count\*\*/);
  // only a diagnostic there, nothing to describe: the why and the source remain
  const units = hoverAt({ 'a.claim': claim({ line: 'line 20552 units 2 dx A' }) }, 'units 2', {
    offset: 7,
    settings: { hoverDiagnostics: false },
  });
  assert.match(units, /\*\*Why units\*\*/);
  assert.doesNotMatch(units, /Units 2 on 20552: set units to 1/);
});

test("what the claim's payer covers, not only the catalogue: M79.7 on a Medicare claim is an expected denial, billed with GA and an ABN", () => {
  const files = { 'a.claim': claim({ diagnosis: 'diagnosis A M79.7' }) };
  const icd = hoverAt(files, 'M79.7');
  assert.doesNotMatch(icd, /Supports a trigger point injection/);
  assert.match(icd, /\*\*Not covered by medicare\*\*: M79\.7 is excluded by the built-in medicare policy/);
  assert.match(icd, /add GA with an advance beneficiary notice \(ABN\) on file, or GZ when no ABN was given/);
  const code = hoverAt(files, '20552');
  assert.match(code, /\*\*Expected denial\*\*: 20552 is not covered for M79\.7/);
  assert.doesNotMatch(code, /\*\*\$51\.77\*\*/, 'no payment given as expected');
  assert.match(code, /\$51\.77 \(RVUs as summarised by secondary sources[^)]*\), if it were covered/);
  // a user policy: its own covers list; no Medicare advice for another payer
  const own = {
    'a.claim': claim({ payer: 'payer acme', diagnosis: 'diagnosis A M62.838' }) + '\npolicy acme\n  rate 100%\n  covers M79.1\n',
  };
  const h = hoverAt(own, 'M62.838');
  assert.match(h, /\*\*Not covered by acme\*\*: policy acme covers only M79\.1/);
  assert.doesNotMatch(h, /ABN/);
  // a user policy medicare replaces the built-in one and keeps the GA advice
  const user = { 'a.claim': claim({ diagnosis: 'diagnosis A M62.838' }) + '\npolicy medicare\n  rate 100%\n  excludes M62.838\n' };
  assert.match(hoverAt(user, 'M62.838'), /excluded by policy medicare.*add GA/s);
  // a policy without lists does not restrict
  assert.match(
    hoverAt({ 'a.claim': claim({ payer: 'payer open' }) + '\npolicy open\n  rate 100%\n' }, 'M79.12'),
    /Policy open has no covers or excludes list/,
  );
});

// ------------------------------------------------------------------ billing details

const PRACTICE =
  'practice RIVERSIDE "Riverside Pain Clinic"\n  npi 1234567893\n  tin 12-3456789\n  address 100 Main St, Anytown, CA 90001-1234\n';

test('a practice id (where it is defined and after billed-by): its name, identifiers, and the claims it bills', () => {
  const files = { 'a.claim': claim({ billedBy: 'billed-by RIVERSIDE' }) + '\n' + PRACTICE };
  for (const occurrence of [0, 1]) {
    const h = hoverAt(files, 'RIVERSIDE', { occurrence });
    assert.match(h, /Practice RIVERSIDE.*"Riverside Pain Clinic"/);
    assert.match(h, /NPI 1234567893; tax id 12-3456789; billing address 100 Main St, Anytown, CA 90001-1234/);
    assert.match(h, /bills 1 claim of the workspace/);
    assert.match(h, /ClaimNote reference, "Billing identifiers"/);
  }
  assert.match(hoverAt({ 'a.claim': claim({ billedBy: 'billed-by NOWHERE' }) }, 'NOWHERE'), /no practice of this id/);
});

test('a member id: how it is sent, and for Medicare whether it is an MBI', () => {
  const good = hoverAt({ 'a.claim': claim({ member: 'member 1eg4-te5-mk73' }) }, '1eg4');
  assert.match(good, /sent as 1EG4TE5MK73/);
  assert.match(good, /well-formed Medicare Beneficiary Identifier/);
  assert.match(hoverAt({ 'a.claim': claim({ member: 'member 123-45-6789A' }) }, '123-45'), /\*\*not\*\* a Medicare Beneficiary Identifier/);
});

test('a charge against the expected payment, below or above', () => {
  const below = hoverAt({ 'a.claim': claim({ date: 'date 2026-03-05', line: 'line 20552 mod RT dx A charge 45.00' }) }, '45.00');
  assert.match(below, /Charge \$45\.00 for 20552/);
  assert.match(below, /Expected payment \$51\.77 \(100% .*\$6\.77 below/);
  const above = hoverAt({ 'a.claim': claim({ date: 'date 2026-03-05', line: 'line 20552 mod RT dx A charge 95' }) }, 'charge 95', {
    offset: 8,
  });
  assert.match(above, /at or above it/);
});

test('an NDC: as it is sent, or why it cannot be', () => {
  assert.match(
    hoverAt({ 'a.claim': claim({ drug: 'drug lidocaine 1% 2 mL ndc 0003-0293-05' }) }, '0003-0293'),
    /sent as the 11 digits 00003029305/,
  );
  assert.match(hoverAt({ 'a.claim': claim({ drug: 'drug lidocaine 1% 2 mL ndc 0003029305' }) }, '0003029305'), /cannot be known/);
});
