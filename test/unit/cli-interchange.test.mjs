// The CLI's interchange commands on real files: `export --to 837p|fhir` over the billing corpus
// (what is left out and why, determinism, the interchange checked by ClaimNote's own validator
// and the FHIR Bundle by the `fhir` package's R4 validator), `import` of what was exported (the
// round trip: the imported claims check with the same findings, by claim and rule), 837P from
// other systems (one line, other separators), `--strict`, and `check batch.x12` reporting at the
// segment and element a finding came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { validate837, read837, writeClaimText, ClaimTextWriter } = require('../../server/out/interchange.js');
const { Fhir, ParseConformance, Versions } = require('fhir');

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
// the billing corpus's first file, as a workspace of its own (its claims with billing details)
const billing = join(root, 'test', 'fixtures', 'corpus-billing', '08-billing.claim');
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const tmp = () => mkdtempSync(join(tmpdir(), 'claimnote-interchange-'));

/** The practice and policy blocks of a .claim text, without its claims (the workspace an import goes into). */
function blocksOnly(text) {
  const out = [];
  let keep = false;
  for (const line of text.split('\n')) {
    const kw = line.trim().split(/\s+/)[0];
    if (kw === 'claim') keep = false;
    if (kw === 'practice' || kw === 'policy') keep = true;
    if (keep) out.push(line);
  }
  return out.join('\n') + '\n';
}

/**
 * `check --format json` of a folder: claim id -> the sorted rule ids of its findings. A
 * `duplicate-field` is about a second line the claim ignores (the first wins): it is not part
 * of the claim, so no format carries it, and it is left out of the comparison.
 */
function rulesByClaim(dir, ...options) {
  const report = JSON.parse(
    execFileSync(process.execPath, [cli, 'check', '--format', 'json', '--exit-zero', ...options, dir], { encoding: 'utf8' }),
  );
  const by = new Map();
  for (const f of report.files)
    for (const d of f.diagnostics) if (d.claim && d.code !== 'duplicate-field') by.set(d.claim, [...(by.get(d.claim) ?? []), d.code]);
  for (const [k, v] of by) by.set(k, v.sort().join(','));
  return by;
}

const exported = (to, ...more) => {
  const dir = tmp();
  const out = join(dir, to === '837p' ? 'batch.x12' : 'bundle.json');
  const r = run('export', '--to', to, '--date', '2026-03-15T10:30', '--control-number', '42', '--out', out, ...more, billing);
  return { r, out, text: readFileSync(out, 'utf8') };
};

test('export --to 837p: the ready claims, valid by ClaimNote validator; each claim left out is listed with why; exit 1', () => {
  const { r, text } = exported('837p');
  assert.equal(r.status, 1);
  assert.deepEqual(validate837(text).problems, []);
  const ids = read837(text).claims.map((c) => c.id);
  assert.deepEqual([...ids].sort(), ['BL-1', 'BL-14', 'BL-15', 'BL-3', 'BL-6', 'BL-7', 'BL-8', 'BL-9']);
  assert.equal(ids.length, 8);
  assert.match(r.stderr, /claim BL-2 left out:\n {2}- line 88: Member id 123-45-6789A .*\[mbi-format\]/);
  assert.match(r.stderr, /claim BL-13 left out:\n {2}- it lacks payer county-hmo's payer-id \[export-missing\]/);
  assert.match(r.stderr, /exported 8 claims as X12 837P .*; 8 left out/);
  assert.match(text, /^ISA\*.*\*260315\*1030\*\^\*00501\*000000042\*0\*T\*:~\nGS\*HC\*[^*]+\*[^*]+\*20260315\*1030\*42\*X\*005010X222A1~/);
});

test('export is deterministic; --usage production, --exit-zero; no claim ready is exit 1 with nothing written', () => {
  assert.equal(exported('837p').text, exported('837p').text);
  const prod = exported('837p', '--usage', 'production', '--exit-zero');
  assert.equal(prod.r.status, 0);
  assert.match(prod.text, /\*0\*P\*:~/);
  const dir = tmp();
  writeFileSync(join(dir, 'a.claim'), 'claim C-1\n  patient P-1\n  payer medicare\n');
  const none = run('export', '--to', '837p', '--out', join(dir, 'x.x12'), dir);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no claim is ready to export/);
  assert.deepEqual(readdirSync(dir), ['a.claim']);
});

test('export --to fhir: a Bundle whose every resource passes the R4 validator', () => {
  const { r, text } = exported('fhir');
  assert.equal(r.status, 1);
  const bundle = JSON.parse(text);
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.entry.filter((e) => e.resource.resourceType === 'Claim').length, 8);
  const fhir = new Fhir(new ParseConformance(true, Versions.R4));
  const errors = fhir
    .validate(bundle, { errorOnUnexpected: true })
    .messages.filter((m) => m.severity === 'error' || m.severity === 'fatal');
  assert.deepEqual(errors, []);
});

/** Imports `file` into a folder holding the corpus's practice and policy blocks; that folder. */
function importIntoWorkspace(file, ...options) {
  const dir = tmp();
  writeFileSync(join(dir, 'blocks.claim'), blocksOnly(readFileSync(billing, 'utf8')));
  const r = run('import', file, '--out', dir, ...options);
  return { dir, r };
}

test('round trip through FHIR: the imported claims check with exactly the findings of the originals, by claim and rule', () => {
  const { out } = exported('fhir');
  const { dir, r } = importIntoWorkspace(out);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(readdirSync(dir).join(), /billing\.claim/, 'the workspace’s practices and payers are named, not defined again');
  const before = rulesByClaim(billing);
  const after = rulesByClaim(dir);
  for (const id of ['BL-1', 'BL-3', 'BL-6', 'BL-7', 'BL-8', 'BL-9', 'BL-14', 'BL-15']) assert.equal(after.get(id), before.get(id), id);
  assert.ok(
    before.get('BL-8')?.includes('charge-below-payment') && before.get('BL-6')?.includes('ndc-missing'),
    'the comparison has findings',
  );
});

test('round trip through the 837P: the same findings by claim and rule, the note aside (an 837P has no room for it)', () => {
  const { out } = exported('837p');
  const { dir, r } = importIntoWorkspace(out);
  assert.equal(r.status, 0, r.stderr);
  // the documentation rules and muscles-missing judge the note, which an 837P does not carry
  const off = ['doc-drug', 'doc-exam', 'doc-tried', 'doc-response', 'doc-technique', 'doc-symptoms', 'muscles-missing'].flatMap((id) => [
    '--rule',
    `${id}=off`,
  ]);
  const before = rulesByClaim(billing, ...off);
  const after = rulesByClaim(dir, ...off);
  for (const id of ['BL-1', 'BL-3', 'BL-6', 'BL-7', 'BL-8', 'BL-9', 'BL-14', 'BL-15']) assert.equal(after.get(id), before.get(id), id);
});

/** An interchange rewritten with other separators (element |, component >, segment !) on one line. */
function otherSeparators(text) {
  return text
    .split('\n')
    .filter(Boolean)
    .map((seg) => {
      const isa = seg.startsWith('ISA');
      let s = seg.replace(/\*/g, '|').replace(/~$/, '!');
      if (isa) s = s.replace(/\|:!$/, '|>!');
      else s = s.replace(/:/g, '>');
      return s;
    })
    .join('');
}

test('an 837P written elsewhere (one line, other separators) imports to the same claims', () => {
  const { out, text } = exported('837p');
  const other = join(tmp(), 'other.837');
  writeFileSync(other, otherSeparators(text));
  const a = importIntoWorkspace(out);
  const b = importIntoWorkspace(other);
  assert.equal(b.r.status, 0, b.r.stderr);
  const files = (dir) =>
    readdirSync(dir)
      .sort()
      .map((n) => readFileSync(join(dir, n), 'utf8'));
  assert.deepEqual(files(b.dir), files(a.dir));
});

test('what ClaimNote cannot say is kept above the claim and listed; --strict makes the claim an error', () => {
  const { text } = exported('837p');
  // a second date of service on BL-1's second line
  const lines = text.split('\n');
  const clm = lines.findIndex((l) => l.startsWith('CLM*BL-1*'));
  const dtp = lines.findIndex((l, i) => i > clm && l.startsWith('DTP*472')) + 1;
  const second = lines.findIndex((l, i) => i > dtp && l.startsWith('DTP*472'));
  lines[second] = 'DTP*472*D8*20260309~';
  const file = join(tmp(), 'two-dates.x12');
  writeFileSync(file, lines.join('\n'));
  const { dir, r } = importIntoWorkspace(file);
  assert.equal(r.status, 0);
  assert.match(r.stderr, /claim BL-1: .*2026-03-09/);
  const written = readdirSync(dir)
    .map((n) => readFileSync(join(dir, n), 'utf8'))
    .join('\n');
  assert.match(written, /# import: .*2026-03-09.*\nclaim BL-1\n/);
  const strict = importIntoWorkspace(file, '--strict');
  assert.equal(strict.r.status, 1);
  assert.match(strict.r.stderr, /claim BL-1 not imported \(--strict\)/);
  assert.doesNotMatch(
    readdirSync(strict.dir)
      .map((n) => readFileSync(join(strict.dir, n), 'utf8'))
      .join('\n'),
    /claim BL-1\n/,
  );
});

test('check batch.x12: findings at the segment and element they came from, documentation rules aside', () => {
  const { text } = exported('837p');
  const bad = text.replace(/SV1\*HC:20553:LT\*150/, 'SV1*HC:20553:50*150');
  const dir = tmp();
  const file = join(dir, 'batch.x12');
  writeFileSync(file, bad);
  const r = run('check', file);
  assert.equal(r.status, 1);
  const lines = bad.split('\n');
  const row = lines.findIndex((l) => l.startsWith('SV1*HC:20553:50'));
  const col = lines[row].indexOf(':50') + 2;
  assert.match(r.stdout, new RegExp(`batch\\.x12:${row + 1}:${col} BL-1 error Modifier 50 on 20553.*\\[modifier-50\\]`));
  assert.doesNotMatch(r.stdout, /\[doc-|\[muscles-missing\]/);
  assert.match(r.stdout, /claim BL-1 at .*batch\.x12:\d+: 1 error/);
  const json = JSON.parse(run('check', '--format', 'json', '--exit-zero', file).stdout);
  const d = json.files[0].diagnostics.find((x) => x.code === 'modifier-50');
  assert.deepEqual(d.range.start, { line: row, character: col - 1 });
  assert.equal(d.claim, 'BL-1');
});

test('usage: export needs --to, import needs --out; a file that is no interchange is reported, not thrown', () => {
  assert.equal(run('export', billing).status, 2);
  assert.match(run('export', billing).stderr, /export needs --to 837p or --to fhir/);
  assert.equal(run('import', 'x.x12').status, 2);
  const dir = tmp();
  // a missing input is bad usage, and nothing is written
  const missing = run('import', join(dir, 'missing.x12'), '--out', join(dir, 'none'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file or folder/);
  assert.equal(existsSync(join(dir, 'none')), false);
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'in', 'notes.json'), '{ not json');
  writeFileSync(join(dir, 'in', 'junk.x12'), 'hello');
  const r = run('import', join(dir, 'in'), '--out', join(dir, 'out'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /notes\.json not imported: it is not valid JSON/);
  assert.match(r.stderr, /junk\.x12 not imported: it is neither an X12 interchange/);
});

/** A workspace of `n` claims with the billing details an 837P needs, as one .claim text. */
function manyClaims(n) {
  const out = [
    'practice RIVERSIDE "Riverside Pain Clinic"',
    '  npi 1234567893',
    '  tin 12-3456789',
    '  address 100 Main St, Suite 200, Anytown, CA 90001-1234',
    '',
    'policy medicare "Medicare Part B"',
    '  payer-id 01182',
    '',
  ];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    out.push(
      `claim X-${i}`,
      `  patient P-${i} Doe, Jane`,
      '  member 1EG4-TE5-MK73',
      '  born 1950-01-01',
      '  sex F',
      '  address 200 Elm St, Anytown, CA 90001-0001',
      '  payer medicare',
      `  date 2025-03-${day}`,
      '  diagnosis A M79.12',
      `  line 2055${2 + (i % 2)}-RT dx A charge 95.00`,
      '',
    );
  }
  return out.join('\n');
}

test('import of thousands of claims: written to their files as they are read, the same text as all at once; no file overwritten', () => {
  const dir = tmp();
  const ws = join(dir, 'ws');
  mkdirSync(ws);
  writeFileSync(join(ws, 'claims.claim'), manyClaims(4500));
  const x12 = join(dir, 'batch.x12');
  const e = run('export', '--to', '837p', '--date', '2026-03-15T10:30', '--out', x12, ws);
  assert.equal(e.status, 0, e.stderr);
  const text = readFileSync(x12, 'utf8');
  const { claims } = read837(text);
  assert.equal(claims.length, 4500);
  // the writer handing its text on in pieces writes what it writes all at once
  const whole = writeClaimText(claims);
  const writer = new ClaimTextWriter();
  const pieces = new Map();
  claims.forEach((c, i) => {
    writer.add(c);
    if (i % 1000 === 999) for (const p of writer.take()) pieces.set(p.name, (pieces.get(p.name) ?? '') + p.text);
  });
  const rest = writer.finish();
  for (const f of rest.files) if (f.name !== 'billing.claim') pieces.set(f.name, (pieces.get(f.name) ?? '') + f.text);
  const claimFiles = whole.files.filter((f) => f.name !== 'billing.claim');
  assert.equal(claimFiles.length, 1);
  assert.equal(pieces.get(claimFiles[0].name), claimFiles[0].text);
  assert.equal(rest.files.find((f) => f.name === 'billing.claim')?.text, whole.files.find((f) => f.name === 'billing.claim')?.text);
  // the CLI writes the same files, under names no file in the folder has
  const into = join(dir, 'into');
  mkdirSync(into);
  writeFileSync(join(into, 'billing.claim'), '# mine\n');
  writeFileSync(join(into, claimFiles[0].name), '# mine too\n');
  const r = run('import', x12, '--out', into);
  assert.equal(r.status, 0, r.stderr);
  const second = claimFiles[0].name.replace(/\.claim$/, '-2.claim');
  assert.match(r.stdout, new RegExp(`imported 4500 claims into .* \\(billing-2\\.claim, ${second.replace(/\./g, '\\.')}\\)`));
  assert.equal(readFileSync(join(into, 'billing.claim'), 'utf8'), '# mine\n');
  assert.equal(readFileSync(join(into, claimFiles[0].name), 'utf8'), '# mine too\n');
  assert.equal(readFileSync(join(into, 'billing-2.claim'), 'utf8'), whole.files.find((f) => f.name === 'billing.claim').text);
  assert.equal(readFileSync(join(into, second), 'utf8'), claimFiles[0].text);
});
