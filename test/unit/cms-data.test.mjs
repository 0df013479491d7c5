// The readers of the files CMS publishes (server/src/data/cms/, through the interchange library
// build): every value of the test fixtures in test/fixtures/cms/ (test data, not CMS figures),
// the rows that cannot be read with their 1-based lines, recognition by content (renamed copies,
// unknown files), loadDataFolder, fiscalYearOf at the fiscal year's edges, and paymentOf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  recognise,
  loadDataFolder,
  readIcd10Order,
  readIcd10Codes,
  readRvu,
  readGpci,
  readPtp,
  readMue,
  readRows,
  fiscalYearOf,
  paymentOf,
} = require('../../server/out/interchange.js');

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'test', 'fixtures', 'cms');
const fixture = (name) => readFileSync(join(dir, name), 'utf8');
const tmp = (t) => {
  const d = mkdtempSync(join(tmpdir(), 'claimnote-cms-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
};
const whys = (unreadable) => unreadable.map((u) => [u.line, u.why]);

test('ICD-10-CM order file: every code with its billable flag and descriptions, the fiscal year from the name, bad rows by line', () => {
  const d = readIcd10Order(fixture('icd10cm_order_2026.txt'), { fileName: 'icd10cm_order_2026.txt', year: 2019 });
  assert.equal(d.fiscalYear, 2026);
  assert.equal(d.yearFrom, 'file name');
  assert.equal(d.rows, 6);
  assert.deepEqual(
    [...d.codes],
    [
      ['A00', { billable: false, short: 'Cholera', long: 'Cholera' }],
      [
        'A000',
        {
          billable: true,
          short: 'Cholera due to Vibrio cholerae 01, biovar cholerae',
          long: 'Cholera due to Vibrio cholerae 01, biovar cholerae',
        },
      ],
      ['M791', { billable: false, short: 'Myalgia', long: 'Myalgia' }],
      ['M7910', { billable: true, short: 'Myalgia, unspecified site', long: 'Myalgia, unspecified site' }],
      ['M7918', { billable: true, short: 'Myalgia, other site', long: 'Myalgia, other site' }],
      ['M62838', { billable: true, short: 'Other muscle spasm', long: 'Other muscle spasm' }],
    ],
  );
  assert.deepEqual(whys(d.unreadable), [
    [5, 'column 15 is "2", not 0 (header) or 1 (billable)'],
    [8, 'columns 1-5 are not an order number followed by a space'],
  ]);
  assert.match(d.unreadable[1].text, /^ABCDE M62838/);
  // without a year in the name, the caller's; with neither, an error (never a guess)
  const renamed = readIcd10Order(fixture('icd10cm_order_2026.txt'), { fileName: 'diagnoses.txt', year: 2025 });
  assert.equal(renamed.fiscalYear, 2025);
  assert.equal(renamed.yearFrom, 'caller');
  assert.throws(() => readIcd10Order(fixture('icd10cm_order_2026.txt'), { fileName: 'diagnoses.txt' }), /no fiscal year/);
});

test('ICD-10-CM codes file: billable codes with their descriptions (a tab, none at all), a bad line', () => {
  const d = readIcd10Codes(fixture('icd10cm_codes_2026.txt'), { fileName: 'icd10cm_codes_2026.txt' });
  assert.equal(d.fiscalYear, 2026);
  assert.equal(d.rows, 4);
  assert.deepEqual(
    [...d.codes],
    [
      ['M7910', { billable: true, long: 'Myalgia, unspecified site (codes file text)' }],
      ['M7911', { billable: true, long: 'Myalgia of mastication muscle' }],
      ['M7912', { billable: true, long: 'Myalgia of auxiliary muscles, head and neck' }],
      ['M62838', { billable: true, long: '' }],
    ],
  );
  assert.deepEqual(whys(d.unreadable), [[4, 'not an ICD-10-CM code without its dot, then white space and a description']]);
  // the project's own codes-only list reads too; its 13 QA... lines are not shaped like
  // ICD-10-CM codes (second character a letter), as scripts/derive-icd10.mjs also says
  const big = readIcd10Codes(readFileSync(join(root, 'test', 'fixtures', 'icd10', 'icd10cm_codes_2026.txt'), 'utf8'), {
    fileName: 'icd10cm_codes_2026.txt',
  });
  assert.equal(big.rows, 74706);
  assert.equal(big.unreadable.length, 13);
  assert.deepEqual(big.unreadable[0], {
    line: 23917,
    text: 'QA00101',
    why: 'not an ICD-10-CM code without its dot, then white space and a description',
  });
  assert.ok(big.unreadable.every((u) => /^QA\d/.test(u.text)));
  assert.deepEqual(big.codes.get('M7910'), { billable: true, long: '' });
});

test('RVU file: a three-row header found by its text, codes and modifier rows, year and release from the name, bad rows by line', () => {
  const d = readRvu(fixture('PPRRVU26_JAN.csv'), { fileName: 'PPRRVU26_JAN.csv' });
  assert.equal(d.year, 2026);
  assert.equal(d.yearFrom, 'file name');
  assert.equal(d.release, 'JAN');
  assert.equal(d.rows, 6);
  const row = (code, mod, description, status, work, peNonFacility, peFacility, mp, totalNonFacility, totalFacility, globalDays, na) => ({
    code,
    mod,
    description,
    status,
    work,
    peNonFacility,
    peFacility,
    mp,
    totalNonFacility,
    totalFacility,
    conversionFactor: 33.4009,
    globalDays,
    ...(na ? { facilityNa: na } : {}),
  });
  assert.deepEqual(
    [...d.codes],
    [
      ['20552', row('20552', '', 'Inj trigger point 1/2 muscl', 'A', 0.66, 0.84, 0.36, 0.07, 1.57, 1.09, '000')],
      ['20553', row('20553', '', 'Inj trigger point 3/> muscl', 'A', 0.75, 0.98, 0.39, 0.08, 1.81, 1.22, '000')],
      ['72148', row('72148', '', 'Mri lumbar spine, w/o dye', 'A', 1.48, 4.41, 4.41, 0.09, 5.98, 5.98, 'XXX')],
      ['97140', row('97140', '', 'Manual therapy, 1/> regions', 'A', 0.43, 0.46, 0.18, 0.02, 0.91, 0.63, 'XXX', 'NA')],
    ],
  );
  assert.deepEqual(
    [...d.modifiers],
    [
      ['72148|26', row('72148', '26', 'Mri lumbar spine, w/o dye', 'A', 1.48, 0.55, 0.55, 0.09, 2.12, 2.12, 'XXX')],
      ['72148|TC', row('72148', 'TC', 'Mri lumbar spine, w/o dye', 'A', 0, 3.86, 3.86, 0, 3.86, 3.86, 'XXX')],
    ],
  );
  assert.deepEqual(whys(d.unreadable), [
    [14, 'not a number: WORK RVU "x.12"'],
    [15, '"2055" is not a five-character HCPCS code'],
    [16, '20552 is listed twice (the first is kept)'],
  ]);
  assert.equal(d.unreadable[0].text, '20560,,Ndl insj w/o njx 1 or 2 musc,I,,x.12,0.30,,0.10,,0.01,0.43,0.23,0,000,0,33.4009');
  assert.equal(readRvu(fixture('PPRRVU26_JAN.csv'), { fileName: 'fees.csv', year: 2024 }).year, 2024);
  assert.throws(() => readRvu(fixture('PPRRVU26_JAN.csv'), { fileName: 'fees.csv' }), /no year/);
});

test('RVU columns are found by their header text, not by position (moved, other case and spacing)', () => {
  const text = [
    'preamble, not the header',
    'hcpcs, Conv  Factor ,Glob Days,mp rvu,Facility PE RVU,Non-Fac PE RVU,Work RVU,Status Code,Description,Mod',
    '20552,32.3465,000,0.07,0.36,0.84,0.66,A,Inj trigger point 1/2 muscl,',
  ].join('\n');
  const d = readRvu(text, { year: 2025 });
  assert.equal(d.yearFrom, 'caller');
  const r = d.codes.get('20552');
  assert.deepEqual(
    [r.work, r.peNonFacility, r.peFacility, r.mp, r.conversionFactor, r.status, r.globalDays, r.description],
    [0.66, 0.84, 0.36, 0.07, 32.3465, 'A', '000', 'Inj trigger point 1/2 muscl'],
  );
  assert.throws(() => readRvu('HCPCS,MOD,DESCRIPTION\n20552,,x\n', { year: 2025 }), /no column for work, peNonFacility, peFacility, mp/);
});

test('GPCI file (Addendum E): localities by MAC|locality, the work GPCI with the 1.0 floor, footnotes skipped, a bad row by line', () => {
  const d = readGpci(fixture('GPCI2026.csv'), { fileName: 'GPCI2026.csv' });
  assert.equal(d.year, 2026);
  assert.equal(d.yearFrom, 'file name');
  assert.equal(d.workColumn, '2026 PW GPCI (with 1.0 floor)');
  assert.equal(d.rows, 3);
  assert.deepEqual(
    [...d.localities],
    [
      ['10112|00', { mac: '10112', locality: '00', state: 'AL', name: 'ALABAMA', work: 1, pe: 0.889, mp: 0.546 }],
      ['02102|01', { mac: '02102', locality: '01', state: 'AK', name: 'ALASKA**', work: 1.5, pe: 1.081, mp: 0.592 }],
      [
        '01182|18',
        {
          mac: '01182',
          locality: '18',
          state: 'CA',
          name: 'LOS ANGELES-LONG BEACH-ANAHEIM (LOS ANGELES CNTY), CA',
          work: 1.045,
          pe: 1.216,
          mp: 0.682,
        },
      ],
    ],
  );
  assert.deepEqual(whys(d.unreadable), [[7, 'not a number: PE GPCI "abc"']]);
  // the other work column on request; the year from the header when the name has none
  const without = readGpci(fixture('GPCI2026.csv'), { fileName: 'localities.csv', workFloor: 'without' });
  assert.equal(without.workColumn, '2026 PW GPCI (without 1.0 floor)');
  assert.equal(without.localities.get('10112|00').work, 0.97);
  assert.equal(without.year, 2026);
  assert.equal(without.yearFrom, 'header');
});

test('GPCI file, older tab-separated layout: no State, plain Work GPCI, the caller year', () => {
  const d = readGpci(fixture('renamed/localities.tsv'), { fileName: 'localities.tsv', year: 2019 });
  assert.equal(d.year, 2019);
  assert.equal(d.yearFrom, 'caller');
  assert.equal(d.workColumn, 'Work GPCI');
  assert.deepEqual(
    [...d.localities],
    [
      ['10112|00', { mac: '10112', locality: '00', name: 'ALABAMA', work: 1, pe: 0.87, mp: 0.5 }],
      ['01182|18', { mac: '01182', locality: '18', name: 'LOS ANGELES, CALIFORNIA', work: 1.04, pe: 1.2, mp: 0.7 }],
    ],
  );
  assert.equal('state' in d.localities.get('10112|00'), false);
  assert.deepEqual(whys(d.unreadable), [[6, 'locality number "0x" is not two digits']]);
  assert.throws(() => readGpci(fixture('renamed/localities.tsv'), { fileName: 'localities.tsv' }), /no year/);
});

test('PTP edits: a two-row header, ISO dates, deletion * as undefined, modifier indicators, bad rows by line', () => {
  const d = readPtp(fixture('ccipra_v321r0_f1.txt'));
  assert.equal(d.rows, 4);
  assert.deepEqual(d.table.toArray(), [
    {
      column1: '20552',
      column2: '20550',
      prior1996: false,
      effective: '2002-01-01',
      modifier: 1,
      rationale: 'Misuse of column two code with column one code',
    },
    {
      column1: '20553',
      column2: '20552',
      prior1996: false,
      effective: '2002-01-01',
      modifier: 0,
      rationale: 'Mutually exclusive procedures',
    },
    {
      column1: '20552',
      column2: '96372',
      prior1996: true,
      effective: '1996-01-01',
      deleted: '2005-12-31',
      modifier: 1,
      rationale: 'Standards of medical / surgical practice',
    },
    {
      column1: '97140',
      column2: '20560',
      prior1996: false,
      effective: '2020-01-01',
      modifier: 9,
      rationale: 'CPT Manual or CMS manual coding instruction',
    },
  ]);
  assert.deepEqual(whys(d.unreadable), [
    [8, 'effective date "20260231" is not a YYYYMMDD date'],
    [9, 'modifier indicator "5" is not 0, 1 or 9'],
  ]);
  assert.equal(d.unreadable[0].text, '20553\t20551\t\t20260231\t*\t1\tA bad date');
  assert.equal(d.table.edit(0).deleted, undefined);
});

test('MUE file: a notice, quoted rationales, the indicator digit and text, the effective date and quarter from the name', () => {
  const d = readMue(fixture('MCR_MUE_PractitionerServices_Eff_01-01-2026.csv'), {
    fileName: 'MCR_MUE_PractitionerServices_Eff_01-01-2026.csv',
  });
  assert.equal(d.effective, '2026-01-01');
  assert.equal(d.quarter, '2026Q1');
  assert.equal(d.rows, 4);
  assert.deepEqual(
    [...d.entries.values()],
    [
      { code: '20552', value: 1, indicator: 2, indicatorText: 'Date of Service Edit: Policy', rationale: 'CMS Policy, Nature of Service' },
      { code: '20553', value: 1, indicator: 2, indicatorText: 'Date of Service Edit: Policy', rationale: 'Nature of Service' },
      { code: 'J3301', value: 8, indicator: 3, indicatorText: 'Date of Service Edit: Clinical', rationale: 'Clinical: Data' },
      { code: '96372', value: 4, indicator: 1, indicatorText: 'Line Edit', rationale: 'Clinical: Society Comment, "Data"' },
    ],
  );
  assert.deepEqual(whys(d.unreadable), [
    [8, 'MUE value "one" is not a whole number'],
    [9, 'adjudication indicator "Policy" does not start with a digit'],
  ]);
  const jul = readMue(fixture('MCR_MUE_PractitionerServices_Eff_01-01-2026.csv'), {
    fileName: 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv',
  });
  assert.deepEqual([jul.effective, jul.quarter], ['2026-07-01', '2026Q3']);
  const renamed = readMue(fixture('renamed/units.csv'), { fileName: 'units.csv' });
  assert.deepEqual([renamed.effective, renamed.quarter, renamed.rows], [undefined, undefined, 4]);
});

test('the CSV reader: quotes, doubled quotes, commas and line breaks inside quotes, CRLF, an unclosed quote by its line', () => {
  const { rows, problems } = readRows('a,"b, c","say ""hi"""\r\n"two\nlines",x\n\nlast,"open\nnever closed', ',');
  assert.deepEqual(
    rows.map((r) => [r.line, r.cells]),
    [
      [1, ['a', 'b, c', 'say "hi"']],
      [2, ['two\nlines', 'x']],
      [4, ['']],
    ],
  );
  assert.deepEqual(problems, [
    { line: 5, text: 'last,"open\nnever closed', why: 'a quoted field is not closed before the end of the file' },
  ]);
});

test('recognise: each kind by its content, under its own name or another; unknown files are undefined', () => {
  const kinds = {
    'icd10cm_order_2026.txt': 'icd10-order',
    'icd10cm_codes_2026.txt': 'icd10-codes',
    'PPRRVU26_JAN.csv': 'rvu',
    'GPCI2026.csv': 'gpci',
    'ccipra_v321r0_f1.txt': 'ptp',
    'MCR_MUE_PractitionerServices_Eff_01-01-2026.csv': 'mue',
    'renamed/diagnoses.txt': 'icd10-order',
    'renamed/fees.csv': 'rvu',
    'renamed/localities.tsv': 'gpci',
    'renamed/pairs.txt': 'ptp',
    'renamed/units.csv': 'mue',
    'unknown.csv': undefined,
    'README.md': undefined,
    'renamed/notes.txt': undefined,
  };
  for (const [name, kind] of Object.entries(kinds)) assert.equal(recognise(basename(name), fixture(name)), kind, name);
  // the name alone does not make a kind
  assert.equal(recognise('PPRRVU26_JAN.csv', 'name,value\nclaims,12\n'), undefined);
  assert.equal(recognise('icd10cm_order_2026.txt', ''), undefined);
  // only the first characters: a large file cut in the middle of a row
  const rvu = fixture('PPRRVU26_JAN.csv');
  const long = rvu + `${rvu.split('\n')[7]}\n`.repeat(2000);
  assert.equal(recognise('x.csv', long.slice(0, 64 * 1024)), 'rvu');
});

test('loadDataFolder: every file of the folder (not its subfolders) with its kind, year, rows and unreadable rows; merged yearly data', () => {
  const d = loadDataFolder(dir);
  assert.deepEqual(
    d.files.map((f) => [basename(f.path), f.kind, f.year, f.quarter, f.rows, f.unreadable.map((u) => u.line)]),
    [
      ['GPCI2026.csv', 'gpci', 2026, undefined, 3, [7]],
      ['MCR_MUE_PractitionerServices_Eff_01-01-2026.csv', 'mue', 2026, '2026Q1', 4, [8, 9]],
      ['PPRRVU26_JAN.csv', 'rvu', 2026, undefined, 6, [14, 15, 16]],
      ['README.md', undefined, undefined, undefined, 0, []],
      ['ccipra_v321r0_f1.txt', 'ptp', undefined, undefined, 4, [8, 9]],
      ['icd10cm_codes_2026.txt', 'icd10-codes', 2026, undefined, 4, [4]],
      ['icd10cm_order_2026.txt', 'icd10-order', 2026, undefined, 6, [5, 8]],
      ['unknown.csv', undefined, undefined, undefined, 0, []],
    ],
  );
  assert.deepEqual([...d.icd10.keys()], [2026]);
  const icd = d.icd10.get(2026);
  // the order file's entries win; the codes file adds what the order file lacks
  assert.deepEqual(icd.codes.get('M7910'), { billable: true, short: 'Myalgia, unspecified site', long: 'Myalgia, unspecified site' });
  assert.deepEqual(icd.codes.get('M7911'), { billable: true, long: 'Myalgia of mastication muscle' });
  assert.equal(icd.codes.size, 8);
  assert.deepEqual([...d.rvu.keys()], [2026]);
  assert.equal(d.rvu.get(2026).codes.get('20553').work, 0.75);
  assert.deepEqual([...d.gpci.keys()], [2026]);
  assert.equal(d.gpci.get(2026).localities.get('01182|18').pe, 1.216);
  assert.equal(d.ptp.size, 4);
  assert.equal(d.mue.length, 1);
  assert.equal(d.mue[0].entries.get('20552').value, 1);
});

test('loadDataFolder on renamed files: kinds by content, the caller year, and without one a file-level problem on line 0', () => {
  const renamed = join(dir, 'renamed');
  const d = loadDataFolder(renamed, { year: 2025 });
  assert.deepEqual(
    d.files.map((f) => [basename(f.path), f.kind, f.year, f.rows]),
    [
      ['diagnoses.txt', 'icd10-order', 2025, 6],
      ['fees.csv', 'rvu', 2025, 6],
      ['localities.tsv', 'gpci', 2025, 2],
      ['notes.txt', undefined, undefined, 0],
      ['pairs.txt', 'ptp', undefined, 4],
      ['units.csv', 'mue', undefined, 4],
    ],
  );
  assert.deepEqual([...d.icd10.keys(), ...d.rvu.keys(), ...d.gpci.keys()], [2025, 2025, 2025]);
  const none = loadDataFolder(renamed);
  const fees = none.files.find((f) => basename(f.path) === 'fees.csv');
  assert.deepEqual(fees.unreadable, [{ line: 0, text: '', why: 'no year in the file name (PPRRVU<YY>) and none given (pass a year)' }]);
  assert.equal(none.rvu.size, 0);
  assert.equal(none.ptp.size, 4);
});

test('loadDataFolder never throws on a bad file: an unclosed quote, a header without its columns, Windows-1252 text', (t) => {
  const d = tmp(t);
  writeFileSync(
    join(d, 'PPRRVU25_A.csv'),
    'HCPCS,MOD,DESCRIPTION,WORK RVU,NON-FAC PE RVU,FACILITY PE RVU,MP RVU\n20552,,"open,0.66,0.84,0.36,0.07\n',
  );
  writeFileSync(join(d, 'PPRRVU24_A.csv'), 'HCPCS,MOD,DESCRIPTION,RVU\n20552,,x,1\n');
  writeFileSync(join(d, 'icd10cm_codes_2024.txt'), Buffer.from('M7910 Myalgia, caf\xe9 site\n', 'latin1'));
  const r = loadDataFolder(d);
  assert.deepEqual(
    r.files.map((f) => [basename(f.path), f.kind, f.rows, whys(f.unreadable)]),
    [
      ['PPRRVU24_A.csv', 'rvu', 0, [[0, 'the header has no column for work, peNonFacility, peFacility, mp']]],
      ['PPRRVU25_A.csv', 'rvu', 0, [[2, 'a quoted field is not closed before the end of the file']]],
      ['icd10cm_codes_2024.txt', 'icd10-codes', 1, []],
    ],
  );
  assert.equal(r.icd10.get(2024).codes.get('M7910').long, 'Myalgia, café site');
  assert.equal(r.rvu.get(2025).release, 'A');
});

test('fiscalYearOf: 30 September ends fiscal year N, 1 October starts N+1', () => {
  assert.equal(fiscalYearOf('2025-09-30'), 2025);
  assert.equal(fiscalYearOf('2025-10-01'), 2026);
  assert.equal(fiscalYearOf('2026-01-01'), 2026);
  assert.equal(fiscalYearOf('2026-09-30'), 2026);
  assert.equal(fiscalYearOf('2026-10-01'), 2027);
  assert.equal(fiscalYearOf('2026-12-31'), 2027);
  assert.throws(() => fiscalYearOf('30/09/2026'), RangeError);
  assert.throws(() => fiscalYearOf('2026-13-01'), RangeError);
});

test('paymentOf: the RVUs times the GPCIs times the conversion factor, exact, rounded to the cent half up, in words', () => {
  const rvu = { work: 0.66, peNonFacility: 0.84, peFacility: 0.36, mp: 0.07 };
  const one = { work: 1, pe: 1, mp: 1 };
  const nonFacility = paymentOf(rvu, one, 32.3465, false);
  assert.equal(nonFacility.amountCents, 5078);
  assert.equal(
    nonFacility.computation,
    'work 0.66 x GPCI 1 + non-facility PE 0.84 x GPCI 1 + MP 0.07 x GPCI 1 = 1.57 adjusted RVUs; 1.57 x 32.3465 = $50.78 ' +
      '(32.3465 the conversion factor; 50.784005 rounded half up to the cent)',
  );
  const facility = paymentOf(rvu, one, 32.3465, true);
  assert.equal(facility.amountCents, 3526); // 1.09 x 32.3465 = 35.257685
  assert.match(facility.computation, /facility PE 0\.36 x GPCI 1 .* 1\.09 x 32\.3465 = \$35\.26/);
  assert.doesNotMatch(facility.computation, /non-facility/);
  // with GPCIs: 0.66 x 1.045 + 0.84 x 1.216 + 0.07 x 0.682 = 0.6897 + 1.02144 + 0.04774 = 1.75888
  const la = paymentOf(rvu, { work: 1.045, pe: 1.216, mp: 0.682 }, 33.4009, false);
  assert.equal(la.amountCents, 5875); // 1.75888 x 33.4009 = 58.748175...
  assert.match(la.computation, /= 1\.75888 adjusted RVUs; 1\.75888 x 33\.4009 = \$58\.75 /);
  // exactly half a cent rounds up (in binary floating point 1.005 x 1 would be 1.00499...)
  assert.equal(paymentOf({ work: 1.005, peNonFacility: 0, mp: 0 }, one, 1, false).amountCents, 101);
  assert.equal(paymentOf({ work: 0.5, peNonFacility: 0, mp: 0 }, one, 0.0049, false).amountCents, 0);
  assert.equal(paymentOf({ work: 0.5, peNonFacility: 0, mp: 0 }, one, 0.01, false).amountCents, 1); // 0.005 -> 0.01
  assert.throws(() => paymentOf({ work: 0.66, mp: 0.07 }, one, 32.3465, true), /no facility PE RVU/);
});
