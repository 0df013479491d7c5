// The workspace through the server: files on disk, cross-file rules, republishing, settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../support/lsp-client.mjs';
import { claim } from '../helpers.mjs';

const tight = 'policy tight\n  limit 1 per 30 days\n';

test('a session in b.claim pushes a session in a.claim over a limit; editing b republishes a', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-ws-'));
  const a = pathToFileURL(join(dir, 'a.claim')).href,
    b = pathToFileURL(join(dir, 'b.claim')).href;
  const aText = claim({ payer: 'payer tight', date: 'date 2026-03-10' }, { id: 'A-1' }) + '\n' + tight;
  const bText = claim({ payer: 'payer tight', date: 'date 2026-03-01' }, { id: 'B-1' });
  writeFileSync(join(dir, 'a.claim'), aText);
  writeFileSync(join(dir, 'b.claim'), bText);
  const s = await startServer({ rootPath: dir });
  t.after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // both files are read from disk at start: no editor has them open
  await s.waitFor(() => s.codesOf(a).includes('frequency-limit'), 'frequency-limit in a.claim from disk');
  const d = s.diagnostics.get(a).diagnostics.find((x) => x.code === 'frequency-limit');
  assert.ok(
    d.relatedInformation.some((r) => r.location.uri === b),
    'related information points at b.claim',
  );

  // open b and move its session out of the window: a.claim is republished without the finding
  s.open(b, bText);
  s.change(b, 2, [{ text: bText.replace('2026-03-01', '2026-01-01') }]);
  await s.waitFor(() => !s.codesOf(a).includes('frequency-limit'), 'a.claim republished without frequency-limit');

  // and back
  s.change(b, 3, [{ text: bText }]);
  await s.waitFor(() => s.codesOf(a).includes('frequency-limit'), 'a.claim republished with frequency-limit');
});

test('renaming a claim id clears a duplicate in the other file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-ws-'));
  const a = pathToFileURL(join(dir, 'a.claim')).href,
    b = pathToFileURL(join(dir, 'b.claim')).href;
  const aText = claim({ patient: 'patient P-A' }, { id: 'SAME' }),
    bText = claim({ patient: 'patient P-B' }, { id: 'SAME' });
  writeFileSync(join(dir, 'a.claim'), aText);
  writeFileSync(join(dir, 'b.claim'), bText);
  const s = await startServer({ rootPath: dir });
  t.after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  await s.waitFor(
    () => s.codesOf(a).includes('duplicate-claim-id') && s.codesOf(b).includes('duplicate-claim-id'),
    'duplicate-claim-id on both',
  );
  s.open(b, bText);
  s.change(b, 2, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 10 } }, text: 'OTHER' }]);
  await s.waitFor(() => !s.codesOf(a).includes('duplicate-claim-id') && s.diagnostics.get(b)?.version === 2, 'both republished');
  assert.ok(!s.codesOf(b).includes('duplicate-claim-id'));
});

test('claimnote.rules applies live: off removes, a severity replaces; a bad value is logged once and ignored', async (t) => {
  const uri = 'file:///tmp/claimnote-settings/x.claim';
  const s = await startServer({ settings: {} });
  t.after(() => s.stop());
  s.open(uri, claim({ line: 'line 20552 mod RT units 2 dx A', exam: null }));
  await s.waitFor(() => s.codesOf(uri).includes('units'), 'units');
  s.setSettings({ rules: { units: 'off', 'doc-exam': 'error', 'no-such-rule': 'error', 'doc-tried': 'loud' } });
  await s.waitFor(() => !s.codesOf(uri).includes('units'), 'units turned off');
  const exam = s.diagnostics.get(uri).diagnostics.find((d) => d.code === 'doc-exam');
  assert.equal(exam.severity, 1, 'doc-exam raised to error');
  s.setSettings({ rules: { units: 'off', 'doc-exam': 'error', 'no-such-rule': 'error', 'doc-tried': 'loud' } });
  await new Promise((r) => setTimeout(r, 300));
  const warnings = s.logs.filter((l) => /claimnote\.rules: ignoring/.test(l.message));
  assert.equal(warnings.filter((l) => l.message.includes('no-such-rule')).length, 1, 'reported once');
  assert.equal(warnings.filter((l) => l.message.includes('doc-tried')).length, 1, 'reported once');
  s.setSettings({ rules: {} });
  await s.waitFor(() => s.codesOf(uri).includes('units'), 'units back');
});

test('a .claim file changed on disk (not in an editor) is re-read, re-checked, and code lenses are refreshed', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-ws-'));
  const a = pathToFileURL(join(dir, 'a.claim')).href;
  writeFileSync(join(dir, 'a.claim'), claim({}, { id: 'A-1' }));
  const s = await startServer({
    rootPath: dir,
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
    },
  });
  t.after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  await s.waitFor(() => s.diagnostics.has(a), 'a.claim checked from disk');
  let refreshed = 0;
  s.conn.onRequest('workspace/codeLens/refresh', () => {
    refreshed++;
    return null;
  });
  writeFileSync(join(dir, 'a.claim'), claim({ line: 'line 20552 mod RT units 2 dx A' }, { id: 'A-1' }));
  s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: a, type: 2 }] });
  await s.waitFor(() => s.codesOf(a).includes('units'), 'units from the file on disk');
  const deadline = Date.now() + 5000;
  while (!refreshed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(refreshed > 0, 'the server asked the client to refresh its code lenses');
});

test('a document open in the editor wins over its file on disk, whenever the workspace is read; closing it reads the file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-ws-'));
  const a = pathToFileURL(join(dir, 'a.claim')).href;
  const onDisk = claim({ line: 'line 20552 mod RT units 2 dx A' }, { id: 'DISK-1' });
  const inEditor = claim({}, { id: 'EDITOR-1' });
  writeFileSync(join(dir, 'a.claim'), onDisk);
  const s = await startServer({ rootPath: dir });
  t.after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  s.open(a, inEditor); // (at once: the workspace folder is read after the settings are pulled)
  await s.waitFor(() => s.diagnostics.get(a)?.version === 1, 'the open document checked');
  await new Promise((r) => setTimeout(r, 400)); // the workspace read has run
  assert.ok(!s.codesOf(a).includes('units'), 'the file on disk (units 2) never replaces the editor text');
  assert.equal(s.diagnostics.get(a).version, 1);
  s.close(a);
  await s.waitFor(() => s.codesOf(a).includes('units'), 'closed: the file on disk is checked');
});
