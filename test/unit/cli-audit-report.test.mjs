// `claimnote report` and `claimnote data` on real files: the report's figures equal what `check`
// counts over the same workspace (claims, errors and warnings by claim, findings by rule), the
// HTML is one self-contained page, and `data` lists a folder's CMS files with their unreadable
// rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const corpus = join(root, 'test', 'fixtures', 'corpus-billing');
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

test('report --format json: its figures are the ones check counts', () => {
  const report = JSON.parse(run('report', '--format', 'json', corpus).stdout);
  const check = JSON.parse(run('check', '--format', 'json', '--exit-zero', corpus).stdout);
  const diagnostics = check.files.flatMap((f) => f.diagnostics);
  const byClaim = new Map();
  for (const d of diagnostics) if (d.claim) byClaim.set(d.claim, [...(byClaim.get(d.claim) ?? []), d.severity]);
  const ids = new Set(
    [
      ...readFileSync(join(corpus, '08-billing.claim'), 'utf8').matchAll(/^claim (\S+)/gm),
      ...readFileSync(join(corpus, '09-denials.claim'), 'utf8').matchAll(/^claim (\S+)/gm),
    ].map((m) => m[1]),
  );
  assert.equal(report.totals.claims, ids.size);
  const withErrors = [...ids].filter((id) => (byClaim.get(id) ?? []).includes('error')).length;
  const withWarnings = [...ids].filter(
    (id) => !(byClaim.get(id) ?? []).includes('error') && (byClaim.get(id) ?? []).includes('warning'),
  ).length;
  assert.equal(report.totals.withErrors, withErrors);
  assert.equal(report.totals.withWarnings, withWarnings);
  assert.equal(report.totals.ready, ids.size - withErrors - withWarnings);
  const count = new Map();
  for (const d of diagnostics) count.set(d.code, (count.get(d.code) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(report.byRule.map((r) => [r.id, r.count])), Object.fromEntries(count));
  const exported = run(
    'export',
    '--to',
    'fhir',
    '--exit-zero',
    '--out',
    join(mkdtempSync(join(tmpdir(), 'claimnote-report-')), 'b.json'),
    corpus,
  );
  assert.equal(report.totals.exportReady, Number(/exported (\d+) claims/.exec(exported.stderr)[1]));
  assert.ok(report.denials.some((d) => d.reason === 'CO-50' && d.count >= 4));
  assert.ok(
    report.sessions.some((s) => s.over.includes('2026-05-20')),
    'DN-9 over its limit on the time line',
  );
});

test('report --out report.html: one self-contained page with the claims and charts', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'claimnote-report-')), 'report.html');
  const r = run('report', '--out', out, corpus);
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /Content-Security-Policy/);
  assert.match(html, /<svg/);
  assert.match(html, /DN-9/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="http/);
});

test('data: the built-in data, and a folder’s CMS files with their unreadable rows', () => {
  const builtIn = run('data');
  assert.equal(builtIn.status, 0);
  assert.match(builtIn.stdout, /ICD-10-CM fiscal year 2026/);
  const r = run('data', '--data', join(root, 'test', 'fixtures', 'cms'));
  assert.equal(r.status, 1, 'a row that could not be read');
  assert.match(r.stdout, /PPRRVU26_JAN\.csv: rvu 2026, \d+ rows\n {2}line 14: not a number: WORK RVU "x\.12"/);
  assert.match(r.stdout, /unknown\.csv: not a file ClaimNote reads: ignored/);
  assert.equal(run('data', '--data', join(root, 'nowhere')).status, 2);
});
