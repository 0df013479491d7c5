// Fees by locality: with a folder of CMS's files (`--data`, the setting claimnote.data.folder),
// a practice's `locality` and the RVU and GPCI files of the claim's year, charge-below-payment and
// the hover judge a charge against the locality's amount, with its computation; without the
// files, against the national amount. (test/fixtures/cms holds test data, not CMS's figures.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const cms = join(root, 'test', 'fixtures', 'cms');
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

const WORKSPACE = `practice P "Pain Clinic"
  npi 1234567893
  locality 01182 18

claim C-1
  patient P-1 Doe, Jane
  payer medicare
  date 2026-03-05
  diagnosis A M79.12
  line 20552-RT dx A charge 55.00
  muscles right upper trapezius
`;

function findings(...more) {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-locality-'));
  writeFileSync(join(dir, 'a.claim'), WORKSPACE);
  const r = run('check', '--format', 'json', '--exit-zero', ...more, dir);
  return JSON.parse(r.stdout)
    .files.flatMap((f) => f.diagnostics)
    .filter((d) => d.code === 'charge-below-payment');
}

test('without CMS files: the national amount ($51.77 for 20552 in 2026), so $55.00 is not below it', () => {
  assert.deepEqual(findings(), []);
});

test("with the folder's RVU and GPCI files: the locality's amount, computed and shown", () => {
  const fs = findings('--data', cms);
  assert.equal(fs.length, 1);
  // (0.66 x 1.045 + 0.84 x 1.216 + 0.07 x 0.682) x 33.4009 = 1.75888 x 33.4009 = $58.75
  assert.match(
    fs[0].message,
    /Charge \$55\.00 for 20552 is below what the built-in medicare policy \(Noridian LCD L34211\) pays: the Medicare 2026 amount for locality 01182-18/,
  );
  assert.match(fs[0].message, /\$58\.75/);
  assert.match(fs[0].message, /work 0\.66 x GPCI 1\.045/);
});

test('a practice without a locality, or a year without files, keeps the national amount', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-locality-'));
  writeFileSync(join(dir, 'a.claim'), WORKSPACE.replace('  locality 01182 18\n', '').replace('charge 55.00', 'charge 51.00'));
  const r = JSON.parse(run('check', '--format', 'json', '--exit-zero', '--data', cms, dir).stdout);
  const f = r.files.flatMap((x) => x.diagnostics).find((d) => d.code === 'charge-below-payment');
  assert.match(f.message, /national non-facility amount, \$51\.77/);
});

test("ICD-10-CM by the date of service's fiscal year: the loaded set is the one judged, the nearest when the year has none", () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-icd-'));
  const claim = (id, date, code) =>
    `claim ${id}\n  patient P-${id}\n  payer medicare\n  date ${date}\n  diagnosis A ${code}\n  line 20552-RT dx A\n  muscles right upper trapezius\n`;
  writeFileSync(
    join(dir, 'a.claim'),
    [claim('C-1', '2026-03-05', 'G44.209'), claim('C-2', '2024-03-05', 'G44.209'), claim('C-3', '2026-03-05', 'M79.12')].join('\n'),
  );
  const icd = (...more) =>
    JSON.parse(run('check', '--format', 'json', '--exit-zero', ...more, dir).stdout)
      .files.flatMap((f) => f.diagnostics)
      .filter((d) => d.code === 'icd-unknown');
  assert.deepEqual(icd(), [], 'G44.209 is a billable FY2026 code of the built-in set');
  const loaded = icd('--data', cms);
  assert.deepEqual(
    loaded.map((d) => d.claim),
    ['C-1', 'C-2'],
    "the test folder's FY2026 set has no G44.209 (it has M79.12)",
  );
  assert.match(loaded[0].message, /is not an FY2026 ICD-10-CM code: /);
  assert.match(loaded[1].message, /no code set of FY2024, the year of the date of service, is loaded: the nearest one is used/);
});

test("a loaded code set suggests as the built-in one does: a header's nearest children, one edit away with the same category first", () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-icd-near-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  // X7919 is one edit from M79.19 too, but of another category: the M79 codes come first
  writeFileSync(
    join(data, 'icd10cm_codes_2026.txt'),
    ['M7910', 'M7911', 'M7912', 'M7918', 'M791234', 'X7919'].map((c) => `${c} Test code`).join('\n') + '\n',
  );
  const claim = (id, code) =>
    `claim ${id}\n  patient P-${id}\n  payer medicare\n  date 2026-03-05\n  diagnosis A ${code}\n  line 20552-RT dx A\n  muscles right upper trapezius\n`;
  const ws = join(dir, 'ws');
  mkdirSync(ws);
  writeFileSync(join(ws, 'a.claim'), [claim('C-1', 'M79.19'), claim('C-2', 'M79.1')].join('\n'));
  const diags = JSON.parse(run('check', '--format', 'json', '--exit-zero', '--data', data, ws).stdout).files.flatMap((f) => f.diagnostics);
  const fixes = (code, claimId) =>
    diags.find((d) => d.code === code && d.claim === claimId)?.fixes.map((f) => /Replace with (\S+)/.exec(f.title)?.[1]);
  assert.deepEqual(fixes('icd-unknown', 'C-1'), ['M79.10', 'M79.11', 'M79.12', 'M79.18']);
  assert.deepEqual(
    fixes('icd-not-billable', 'C-2').sort(),
    ['M79.10', 'M79.11', 'M79.12', 'M79.18'],
    'the children one character longer, not M79.1234',
  );
});

test('NCCI and MUE from the loaded files replace the built-in pairs and MUE values for the dates they are in force', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-ncci-'));
  const claim = (id, lines) =>
    `claim ${id}\n  patient P-${id}\n  payer medicare\n  date 2026-03-05\n  diagnosis A M79.12\n${lines.map((l) => `  ${l}\n`).join('')}  muscles right upper trapezius\n`;
  writeFileSync(
    join(dir, 'a.claim'),
    [
      claim('C-1', ['line 20552-RT dx A', 'line 20550 dx A']),
      claim('C-2', ['line 20553-RT dx A', 'line 20552-RT dx A']),
      claim('C-3', ['line 20552-RT dx A', 'line 96372 dx A']),
      claim('C-4', ['line 20552-RT units 2 dx A']),
    ].join('\n'),
  );
  const diagnostics = (...more) =>
    JSON.parse(run('check', '--format', 'json', '--exit-zero', ...more, dir).stdout).files.flatMap((f) => f.diagnostics);
  const of = (ds, code) => ds.filter((d) => d.code === code).map((d) => d.claim);
  const builtIn = diagnostics();
  assert.deepEqual(of(builtIn, 'ncci-pair-unmodified'), ['C-1', 'C-3']);
  assert.deepEqual(of(builtIn, 'ncci-pair-never'), []);
  const loaded = diagnostics('--data', cms);
  // the test folder's PTP file: 20552/20550 indicator 1, 20553/20552 indicator 0, 20552/96372 deleted in 2005
  assert.deepEqual(of(loaded, 'ncci-pair-unmodified'), ['C-1']);
  assert.deepEqual(of(loaded, 'ncci-pair-never'), ['C-2']);
  assert.match(
    loaded.find((d) => d.code === 'ncci-pair-never').message,
    /20552 is never paid with 20553 on the same day \(Mutually exclusive procedures; NCCI modifier indicator 0/,
  );
  const units = loaded.find((d) => d.code === 'units');
  assert.match(units.message, /The MUE of 20552 is 1 \(2 Date of Service Edit: Policy\) in the loaded MUE file effective 2026-01-01/);
});

test("the code lens's expected payment is the locality's when CMS's files are loaded", async () => {
  const { workspace, lib, uriOf } = await import('../helpers.mjs');
  const text = WORKSPACE.replace('charge 55.00', 'charge 95.00');
  const lens = () =>
    workspace({ 'a.claim': text })
      .getCodeLenses(uriOf('a.claim'))
      .map((l) => l.command.title)
      .find((t) => /^Expected/.test(t));
  assert.equal(lens(), 'Expected $51.77');
  lib.useDataFolder(cms);
  try {
    assert.equal(lens(), 'Expected $58.75');
  } finally {
    lib.useDataFolder(undefined);
  }
  assert.equal(lens(), 'Expected $51.77');
});
