// The CLI's denial commands on real files: `remit` (an 835 matched to the billing corpus's claims:
// what was paid and denied, explained; a denial already recorded is not added again; `--write`
// adds the rest after the claim's last line and changes no other byte) and `appeal` (the letter
// from the note in Markdown, HTML and PDF; refused, with the findings, when they explain the
// denial, unless --force).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const remitFile = join(root, 'test', 'fixtures', 'interchange', 'remit.835');
/** A copy of the billing corpus to write into. */
function workspaceCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-denials-'));
  cpSync(join(root, 'test', 'fixtures', 'corpus-billing'), dir, { recursive: true });
  return dir;
}

test('remit: each claim of the 835 matched, what was paid and denied, explained; unknown claims listed', () => {
  const dir = workspaceCopy();
  const r = run('remit', remitFile, dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /claim DN-1 \(.*09-denials\.claim:7\): charged \$95\.00, paid \$0\.00; adjustments: CO-50 \$95\.00/);
  assert.match(r.stdout, /already recorded: denied 2026-02-20 CO-50 remark N115 ref 26051000101/);
  assert.match(
    r.stdout,
    /claim BL-7 .*patient responsibility \$9\.00; adjustments: PR-2 \$9\.00 \(patient responsibility: coinsurance\)\n/,
  );
  assert.doesNotMatch(r.stdout, /to add: denied .*CO-45|to add: denied .*PR-2/, 'a patient share is no denial');
  assert.match(r.stdout, /to add: denied 2026-02-20 CO-16 remark N382 ref 26051000109\n {2}Claim BL-9 was denied on 2026-02-20: CO-16/);
  assert.match(r.stdout, /claim XX-9: not in the workspace/);
  // a reversal (CLP02 22) takes back a payment: no denial
  assert.match(r.stdout, /claim BL-14 \(.*\): charged -\$95\.00, paid -\$76\.00/);
  assert.doesNotMatch(r.stdout, /to add: denied [^\n]*26051000114/);
  assert.match(r.stderr, /4 claims matched, 1 not in the workspace; 1 denied line to add/);
  // without --write nothing changes
  assert.equal(
    readFileSync(join(dir, '08-billing.claim'), 'utf8'),
    readFileSync(join(root, 'test', 'fixtures', 'corpus-billing', '08-billing.claim'), 'utf8'),
  );
});

test('remit --write: the denied line goes after the claim’s last line, every other byte unchanged; a second run adds nothing', () => {
  const dir = workspaceCopy();
  const before = readFileSync(join(dir, '08-billing.claim'), 'utf8');
  assert.equal(run('remit', '--write', remitFile, dir).status, 0);
  const after = readFileSync(join(dir, '08-billing.claim'), 'utf8');
  const lines = before.split('\n');
  const last = lines.findIndex((l, i) => i > lines.findIndex((x) => x === 'claim BL-9') && l.startsWith('  response'));
  const expected = [...lines.slice(0, last + 1), '  denied 2026-02-20 CO-16 remark N382 ref 26051000109', ...lines.slice(last + 1)].join(
    '\n',
  );
  assert.equal(after, expected);
  const again = run('remit', '--write', remitFile, dir);
  assert.match(again.stderr, /0 denied lines added/);
  assert.equal(readFileSync(join(dir, '08-billing.claim'), 'utf8'), after);
  const check = run('check', '--format', 'json', '--exit-zero', dir);
  const bl9 = JSON.parse(check.stdout)
    .files.flatMap((f) => f.diagnostics)
    .filter((d) => d.claim === 'BL-9')
    .map((d) => d.code);
  assert.ok(bl9.includes('claim-denied'), bl9.join());
});

test('remit without an 835 among the files is bad usage', () => {
  const r = run('remit', join(root, 'test', 'fixtures', 'corpus-billing'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no 835 remittance among the files/);
});

test('appeal: the letter from the note, in Markdown, HTML and PDF, with what the regulation asks for', () => {
  const dir = workspaceCopy();
  const md = run('appeal', '--claim', 'DN-1', '--date', '2026-03-01', dir);
  assert.equal(md.status, 0, md.stderr);
  for (const part of [
    /# Request for Redetermination/,
    /Alice Moore/,
    /Medicare number 2YW0-HR4-YK20/,
    /\| 20552 \|/,
    /date of service February 2, 2026/,
    /Riverside Pain Clinic requests a redetermination/,
    /Notice date: February 20, 2026/,
    /Adjustment CO-50: not medically necessary for the payer/,
    /Payer's claim number: 26051000101/,
    /Examination findings: taut bands with local twitch response/,
    /Conservative treatment tried before the injection: physical therapy 8 weeks/,
    /2 muscles were injected: right trapezius, right levator scapulae\. 20552 is the code for one or two muscles/,
    /lidocaine 1% 2 mL/,
    /M79\.12 \(Myalgia of auxiliary muscles, head and neck\)/,
    /The appeal deadline is June 25, 2026/,
    /within the appeal window/,
    /The procedure note of 2026-02-02/,
    /Noridian LCD L34211/,
    /42 CFR 405\.944\(b\)/,
    /Anytown, CA 90001-1234/,
  ])
    assert.match(md.stdout, part);
  const late = run('appeal', '--claim', 'DN-1', '--date', '2026-07-01', dir);
  assert.match(late.stderr, /the appeal window closed on 2026-06-25/);
  const html = join(dir, 'out', 'dn-1.html');
  assert.equal(run('appeal', '--claim', 'DN-1', '--date', '2026-03-01', '--out', html, dir).status, 0);
  assert.match(readFileSync(html, 'utf8'), /^<!DOCTYPE html>[\s\S]*Content-Security-Policy[\s\S]*Alice Moore/);
  const pdf = join(dir, 'out', 'dn-1.pdf');
  assert.equal(run('appeal', '--claim', 'DN-1', '--date', '2026-03-01', '--out', pdf, dir).status, 0);
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
});

test('appeal of a denial the claim’s own findings explain: a corrected claim instead, unless --force', () => {
  const dir = workspaceCopy();
  const r = run('appeal', '--claim', 'DN-2', '--date', '2026-03-01', dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /claim DN-2's own findings explain the denial of 2026-02-24: send a corrected claim \(replaces 26055000202\)/);
  assert.match(r.stderr, /- modifier-50: Modifier 50 on 20552/);
  assert.equal(r.stdout, '');
  const forced = run('appeal', '--claim', 'DN-2', '--date', '2026-03-01', '--force', dir);
  assert.equal(forced.status, 0);
  assert.match(forced.stdout, /modifier-50: /, 'the letter names the finding among its sources');
  assert.equal(run('appeal', '--claim', 'NOPE', dir).status, 1);
  assert.equal(run('appeal', dir).status, 2);
});
