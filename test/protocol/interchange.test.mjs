// 837P batches and the export and import requests over stdio, as the editor uses them: an .x12
// document opened gets ClaimNote's findings on its segments and hovers naming the loop and the
// ClaimNote line; `claimnote/export` returns the ready claims of a document or the workspace
// with what was left out; `claimnote/import` returns .claim texts naming the workspace's own
// practices and payers; bad parameters get InvalidParams, and the server keeps serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, root } from '../support/lsp-client.mjs';

const billingText = readFileSync(join(root, 'test', 'fixtures', 'corpus-billing', '08-billing.claim'), 'utf8');
const claimUri = 'file:///tmp/claimnote-protocol-interchange/08-billing.claim';
const batchUri = 'file:///tmp/claimnote-protocol-interchange/batch.x12';

test('export, then the batch open in the editor, then import, over stdio', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  s.open(claimUri, billingText);
  await s.waitFor(() => s.codesOf(claimUri).includes('export-missing'), 'the billing diagnostics');

  const x12 = await s.request('claimnote/export', { to: '837p' });
  assert.equal(x12.exported.length, 8);
  assert.ok(x12.left.some((l) => l.id === 'BL-2' && l.reasons.some((r) => r.includes('[mbi-format]'))));
  assert.match(x12.text, /^ISA\*/);
  const fhir = await s.request('claimnote/export', { to: 'fhir', uri: claimUri });
  assert.equal(JSON.parse(fhir.text).resourceType, 'Bundle');
  const none = await s.request('claimnote/export', { to: '837p', uri: 'file:///tmp/nowhere.claim' });
  assert.match(none.error, /no claim is ready/);

  // the batch, with modifier 50 on BL-1's TPI line, opened as the editor opens an .x12 file
  const bad = x12.text.replace(/SV1\*HC:20553:LT\*150/, 'SV1*HC:20553:50*150');
  s.open(batchUri, bad);
  await s.waitFor(() => s.codesOf(batchUri).includes('modifier-50'), 'the batch diagnostics');
  const lines = bad.split('\n');
  const row = lines.findIndex((l) => l.startsWith('SV1*HC:20553:50'));
  const d = s.diagnostics.get(batchUri).diagnostics.find((x) => x.code === 'modifier-50');
  assert.deepEqual(d.range.start, { line: row, character: lines[row].indexOf(':50') + 1 });
  assert.ok(!s.codesOf(batchUri).some((c) => c.startsWith('doc-')), 'an 837P carries no note: no documentation rules');
  const hover = await s.hover(batchUri, row, lines[row].indexOf(':50') + 2);
  assert.match(hover.contents.value, /SV101-3: modifier 1, loop 2400: service line 1, `line`/);
  assert.match(hover.contents.value, /Claim BL-1: `50`/);
  assert.match(hover.contents.value, /Modifier 50 on 20553/);

  // an edit that removes the modifier clears the diagnostic
  const col = lines[row].indexOf(':50');
  s.change(batchUri, 2, [{ range: { start: { line: row, character: col + 1 }, end: { line: row, character: col + 3 } }, text: 'LT' }]);
  await s.waitFor(() => !s.codesOf(batchUri).includes('modifier-50'), 'the fixed batch');

  // import: the workspace's practices and payers are named, not defined again
  const imported = await s.request('claimnote/import', { files: [{ name: 'batch.x12', text: x12.text }] });
  assert.equal(imported.claims, 8);
  assert.deepEqual(
    imported.files.map((f) => f.name),
    ['riverside-medicare.claim', 'riverside-acme-ppo.claim', 'northvalley-medicare.claim'],
  );
  assert.match(imported.files[0].text, /billed-by RIVERSIDE\n/);
  const junk = await s.request('claimnote/import', { files: [{ name: 'junk.txt', text: 'hello' }] });
  assert.deepEqual(junk.files, []);
  assert.match(junk.messages[0], /junk\.txt not imported: it is neither/);

  // bad parameters: InvalidParams, and the server still answers
  await assert.rejects(s.request('claimnote/export', { to: 'pdf' }), (/** @type {any} */ e) => e.code === -32602);
  await assert.rejects(s.request('claimnote/import', { files: [{ name: 1 }] }), (/** @type {any} */ e) => e.code === -32602);
  assert.equal((await s.request('claimnote/export', { to: '837p' })).exported.length, 8);

  s.close(batchUri);
  await s.waitFor(() => s.diagnostics.get(batchUri)?.diagnostics.length === 0, 'the closed batch cleared');
});

test('the appeal and remittance requests over stdio: a letter, a corrected-claim answer, the denied lines as one edit', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const denials = readFileSync(join(root, 'test', 'fixtures', 'corpus-billing', '09-denials.claim'), 'utf8');
  const uri = 'file:///tmp/claimnote-protocol-interchange/09-denials.claim';
  s.open(claimUri, billingText);
  s.open(uri, denials);
  await s.waitFor(() => s.codesOf(uri).includes('claim-denied'), 'the denial diagnostics');
  const lines = denials.split('\n');
  const dn1 = lines.findIndex((l) => l.includes('denied   2026-02-20 CO-50'));
  const letter = await s.request('claimnote/appeal', { uri, line: dn1 });
  assert.match(letter.markdown, /# Request for Redetermination/);
  assert.equal(letter.claim, 'DN-1');
  const dn2 = lines.findIndex((l) => l.includes('denied   2026-02-24 CO-4'));
  const explained = await s.request('claimnote/appeal', { uri, line: dn2 });
  assert.deepEqual(
    explained.explained.map((f) => f.code),
    ['modifier-50'],
  );
  const actions = await s.codeActions(uri, { start: { line: dn2, character: 3 }, end: { line: dn2, character: 3 } });
  assert.ok(actions.some((a) => a.kind === 'refactor.rewrite' && a.title.startsWith('Create a corrected claim')));
  const remit = await s.request('claimnote/remit', {
    files: [{ name: 'remit.835', text: readFileSync(join(root, 'test', 'fixtures', 'interchange', 'remit.835'), 'utf8') }],
  });
  assert.deepEqual(remit.unmatched, ['XX-9']);
  const edits = remit.edit.changes[claimUri];
  assert.equal(edits.length, 1);
  assert.match(edits[0].newText, /^\n {2}denied 2026-02-20 CO-16 remark N382 ref 26051000109$/);
  await assert.rejects(s.request('claimnote/appeal', { uri, line: -1 }), (/** @type {any} */ e) => e.code === -32602);
});

test('claimnote.data.folder over stdio: the files it holds, and fees of the practice’s locality in the diagnostics', async (t) => {
  const folder = join(root, 'test', 'fixtures', 'cms');
  const s = await startServer({ settings: { data: { folder } } });
  t.after(() => s.stop());
  const uri = 'file:///tmp/claimnote-protocol-interchange/locality.claim';
  s.open(
    uri,
    'practice P\n  npi 1234567893\n  locality 01182 18\n\nclaim C-1\n  patient P-1 Doe, Jane\n  payer medicare\n  date 2026-03-05\n  diagnosis A M79.12\n  line 20552-RT dx A charge 55.00\n  muscles right upper trapezius\n',
  );
  await s.waitFor(() => s.codesOf(uri).includes('charge-below-payment'), 'the locality fee');
  const d = s.diagnostics.get(uri).diagnostics.find((x) => x.code === 'charge-below-payment');
  assert.match(d.message, /locality 01182-18.*\$58\.75/);
  const data = await s.request('claimnote/data', {});
  assert.equal(data.folder, folder);
  assert.ok(data.files.some((f) => f.kind === 'rvu' && f.year === 2026));
  // the folder set to nothing: the national figures again
  s.setSettings({ data: { folder: '' } });
  await s.waitFor(() => !s.codesOf(uri).includes('charge-below-payment'), 'the national fee ($51.77 < $55.00)');
});

test('a change in the data folder is picked up while a document is open (no restart)', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'claimnote-data-'));
  cpSync(join(root, 'test', 'fixtures', 'cms'), folder, { recursive: true });
  const s = await startServer({ settings: { data: { folder } } });
  t.after(() => s.stop());
  const uri = 'file:///tmp/claimnote-protocol-interchange/reload.claim';
  s.open(
    uri,
    'practice P\n  npi 1234567893\n  locality 01182 18\n\nclaim C-1\n  patient P-1 Doe, Jane\n  payer medicare\n  date 2026-03-05\n  diagnosis A M79.12\n  line 20552-RT dx A charge 55.00\n  muscles right upper trapezius\n',
  );
  await s.waitFor(() => s.codesOf(uri).includes('charge-below-payment'), 'the locality fee ($58.75 > $55.00)');
  // a new GPCI file: the locality's PE index lower, so its amount falls below the charge
  const gpci = join(folder, 'GPCI2026.csv');
  writeFileSync(
    gpci,
    readFileSync(gpci, 'utf8').replace(
      '01182,CA,18,"LOS ANGELES-LONG BEACH-ANAHEIM (LOS ANGELES CNTY), CA",1.045,1.045,1.216,0.682',
      '01182,CA,18,"LOS ANGELES-LONG BEACH-ANAHEIM (LOS ANGELES CNTY), CA",1.045,1.045,0.500,0.682',
    ),
  );
  await s.waitFor(() => !s.codesOf(uri).includes('charge-below-payment'), 'the diagnostics after the reload', 15_000);
});

test('a data folder with a large PTP file: the server answers while it reads, then judges by it', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'claimnote-data-large-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const rows = ['Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale'];
  for (let i = 0; i < 300_000; i++) rows.push(`${30000 + (i % 9000)}\t${40000 + Math.floor(i / 9000)}\t\t20200101\t*\t1\tTest pair`);
  rows.push('20552\t20550\t\t20200101\t*\t0\tMutually exclusive procedures');
  writeFileSync(join(folder, 'ccipra_v321r0_f1.txt'), rows.join('\r\n') + '\r\n');
  const s = await startServer({ settings: { data: { folder } } });
  t.after(() => s.stop());
  const uri = 'file:///tmp/claimnote-protocol-interchange/ptp.claim';
  s.open(
    uri,
    'claim C-1\n  patient P-1 Doe, Jane\n  payer medicare\n  date 2026-03-05\n  diagnosis A M79.12\n  line 20552-RT dx A\n  line 20550 dx A\n  muscles right upper trapezius\n',
  );
  // requests are answered while the file is read: some replies say it is still being read
  const replies = [];
  for (;;) {
    const data = await s.request('claimnote/data', {});
    replies.push(data);
    if (!data.loading && data.files.length) break;
  }
  assert.ok(
    replies.some((r) => r.loading === folder),
    `a reply during the load (${replies.length} replies)`,
  );
  assert.deepEqual(
    replies.at(-1).files.map((f) => [f.kind, f.rows]),
    [['ptp', 300_001]],
  );
  await s.waitFor(() => s.codesOf(uri).includes('ncci-pair-never'), 'the loaded pair 20552/20550 (indicator 0)');
});
