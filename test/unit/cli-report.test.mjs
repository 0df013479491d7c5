// The machine-readable reports: `--format json` against docs/cli-report.schema.json and
// `--format sarif` against the official SARIF 2.1.0 schema (test/fixtures/sarif/), both with
// Ajv, on real output; then what each must say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { claim, RULES } from '../helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const run = (args, cwd) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
const corpus = join(root, 'test', 'fixtures', 'corpus');
const readJson = (...p) => JSON.parse(readFileSync(join(root, ...p), 'utf8'));

/** Ajv with the three formats the schemas use, checked for real (Ajv knows none by itself). */
function ajv() {
  const a = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }); // (a pattern of the SARIF schema is not valid with the u flag);
  const isUrl = (s, base) => {
    try {
      new URL(s, base);
      return true;
    } catch {
      return false;
    }
  };
  a.addFormat('uri', (s) => /^[a-z][a-z0-9+.-]*:/i.test(s) && isUrl(s));
  a.addFormat('uri-reference', (s) => isUrl(s, 'file:///'));
  a.addFormat('date-time', (s) => !Number.isNaN(Date.parse(s)));
  return a;
}

/** A workspace with a finding in each place: in a claim, cross-file with related locations, outside any claim, unreadable. */
function workspaceDir() {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-report-'));
  writeFileSync(join(dir, 'a.claim'), claim({ patient: 'patient P-A', line: 'line 20552 mod 50 units 2 dx A' }, { id: 'SAME-1' }));
  writeFileSync(
    join(dir, 'b b.claim'),
    claim({ patient: 'patient P-B' }, { id: 'SAME-1' }) + '\npolicy acme "Acme"\n  rate 150%\n  rate 120%\n',
  );
  writeFileSync(join(dir, 'bad.claim'), Buffer.from([0xff, 0xfe, 0x00]));
  return dir;
}

test('--format json validates against docs/cli-report.schema.json (corpus and a workspace with every kind of finding)', (t) => {
  const dir = workspaceDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const validate = ajv().compile(readJson('docs', 'cli-report.schema.json'));
  for (const [args, cwd] of [
    [['check', '--format', 'json', corpus], root],
    [['check', '--format', 'json', '.'], dir],
  ]) {
    const r = run(args, cwd);
    assert.equal(r.stderr, '');
    /** @type {{ files: { diagnostics: unknown[] }[] }} */
    const report = JSON.parse(r.stdout);
    assert.ok(validate(report), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    assert.ok(report.files.flatMap((f) => f.diagnostics).length > 5);
  }
  // the schema rejects what the report must not be (a 1-based or negative position, an unknown key)
  const report = JSON.parse(run(['check', '--format', 'json', '.'], dir).stdout);
  const d = report.files[0].diagnostics[0];
  d.range.start.line = -1;
  assert.equal(validate(report), false);
  d.range.start.line = 0;
  d.extra = 1;
  assert.equal(validate(report), false);
});

test('json: claim ids, related locations with paths as the report shows them, docs links to the shipped rules page', (t) => {
  const dir = workspaceDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const report = JSON.parse(run(['check', '--format', 'json', '.'], dir).stdout);
  assert.deepEqual(
    report.files.map((f) => f.path),
    ['a.claim', 'b b.claim', 'bad.claim'],
  );
  const [a, b, bad] = report.files.map((f) => f.diagnostics);
  const dup = a.find((d) => d.code === 'duplicate-claim-id');
  assert.equal(dup.claim, 'SAME-1');
  assert.deepEqual(
    dup.related.map((x) => [x.path, x.range.start.line]),
    [['b b.claim', 0]],
  );
  assert.ok(a.every((d) => d.claim === 'SAME-1'));
  const policy = b.find((d) => d.code === 'duplicate-field');
  assert.equal(policy.range.start.line, 16);
  assert.equal('claim' in policy, false, 'a finding in a policy names no claim');
  assert.deepEqual(
    bad.map((d) => [d.code, 'claim' in d]),
    [['unreadable-file', false]],
  );
  const rulesPage = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
  for (const d of [...a, ...b, ...bad]) {
    const url = new URL(d.docs);
    assert.equal(url.href.split('#')[0], pathToFileURL(join(root, 'docs', 'rules.md')).href);
    assert.ok(rulesPage.includes(`### \`${url.hash.slice(1)}\``), d.docs);
  }
});

test('--format sarif is valid SARIF 2.1.0 (the official schema, Ajv)', (t) => {
  const dir = workspaceDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const validate = ajv().compile(readJson('test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'));
  for (const [args, cwd] of [
    [['check', '--format', 'sarif', corpus], root],
    [['check', '--format', 'sarif', '.'], dir],
    [['check', '--format', 'sarif', join(dir, 'a.claim')], root],
  ]) {
    const r = run(args, cwd);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
  }
  const broken = JSON.parse(run(['check', '--format', 'sarif', '.'], dir).stdout);
  broken.runs[0].results[0].level = 'fatal';
  assert.equal(validate(broken), false, 'the schema is really applied');
});

test('sarif: the driver and every rule, results with 1-based regions, claim ids, related locations and preferred fixes', (t) => {
  const dir = workspaceDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = run(['check', '--format', 'sarif', '.'], dir);
  assert.equal(r.status, 1);
  const [sarifRun] = JSON.parse(r.stdout).runs;
  const json = JSON.parse(run(['check', '--format', 'json', '.'], dir).stdout);
  const { driver } = sarifRun.tool;
  assert.equal(driver.name, 'claimnote');
  assert.equal(driver.version, readJson('package.json').version);
  assert.match(driver.informationUri, /^https:\/\//);
  assert.deepEqual(
    driver.rules.map((x) => x.id),
    RULES.map((x) => x.id),
  );
  const level = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  for (const [i, rule] of RULES.entries()) {
    const d = driver.rules[i];
    assert.equal(d.shortDescription.text, rule.summary);
    assert.equal(d.fullDescription.text, rule.why);
    assert.equal(d.defaultConfiguration.level, level[rule.severity]);
    assert.ok(d.helpUri.endsWith(`/docs/rules.md#${rule.id}`));
  }
  assert.equal(sarifRun.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
  const diagnostics = json.files.flatMap((f) => f.diagnostics.map((d) => ({ ...d, path: f.path })));
  assert.equal(sarifRun.results.length, diagnostics.length);
  sarifRun.results.forEach((res, k) => {
    const d = diagnostics[k];
    assert.equal(res.ruleId, d.code);
    assert.equal(driver.rules[res.ruleIndex].id, d.code);
    assert.equal(res.level, level[d.severity]);
    assert.equal(res.message.text, d.message);
    const { artifactLocation, region } = res.locations[0].physicalLocation;
    assert.deepEqual(artifactLocation, { uri: encodeURI(d.path), uriBaseId: '%SRCROOT%' });
    assert.deepEqual(region, {
      startLine: d.range.start.line + 1,
      startColumn: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    });
    assert.equal(res.properties.claimId, d.claim);
    assert.equal(res.relatedLocations?.length ?? 0, d.related.length);
    const preferred = d.fixes.filter((x) => x.isPreferred);
    assert.equal(res.fixes?.length ?? 0, preferred.length);
    preferred.forEach((x, j) => {
      const change = res.fixes[j].artifactChanges[0];
      assert.equal(res.fixes[j].description.text, x.title);
      assert.deepEqual(change.artifactLocation, artifactLocation);
      assert.deepEqual(
        change.replacements.map((p) => p.insertedContent.text),
        x.edits.map((e) => e.newText),
      );
      assert.deepEqual(
        change.replacements.map((p) => p.deletedRegion.startColumn),
        x.edits.map((e) => e.range.start.character + 1),
      );
    });
  });
  const dup = sarifRun.results.find((x) => x.ruleId === 'duplicate-claim-id');
  assert.deepEqual(dup.relatedLocations[0].physicalLocation.artifactLocation, { uri: 'b%20b.claim', uriBaseId: '%SRCROOT%' });
  assert.ok(
    sarifRun.results.some((x) => x.fixes?.length),
    'a result with a fix',
  );
  // a file outside the working folder is named by its file URL
  const outside = JSON.parse(run(['check', '--format', 'sarif', join(dir, 'a.claim')], root).stdout).runs[0].results[0];
  assert.deepEqual(outside.locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(join(dir, 'a.claim')).href });
});
