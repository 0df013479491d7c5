// Settings through the server: claimnote.codeLens.enabled and claimnote.inlayHints.enabled turn
// the lenses and hints off for any editor, and the editor is asked to refresh them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/lsp-client.mjs';
import { claim } from '../helpers.mjs';

const uri = 'file:///tmp/claimnote-toggles/x.claim';
const whole = { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } };

test('codeLens.enabled and inlayHints.enabled false: no lenses, no hints; back on: both return, with refreshes asked', async (t) => {
  const s = await startServer({
    settings: {},
    capabilities: {
      workspace: { configuration: true, codeLens: { refreshSupport: true }, inlayHint: { refreshSupport: true } },
      textDocument: { publishDiagnostics: { codeDescriptionSupport: true } },
    },
  });
  t.after(() => s.stop());
  const refreshes = { lens: 0, hint: 0 };
  s.conn.onRequest('workspace/codeLens/refresh', () => {
    refreshes.lens++;
    return null;
  });
  s.conn.onRequest('workspace/inlayHint/refresh', () => {
    refreshes.hint++;
    return null;
  });
  s.open(uri, claim({}));
  await s.waitFor(() => s.diagnostics.has(uri), 'diagnostics');
  const lenses = () => s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  const hints = () => s.conn.sendRequest('textDocument/inlayHint', whole);
  assert.ok((await lenses())?.length > 0, 'lenses by default');
  assert.ok((await hints())?.length > 0, 'hints by default');

  const poll = async (what, probe) => {
    const deadline = Date.now() + 5000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const before = { ...refreshes };
  s.setSettings({ codeLens: { enabled: false }, inlayHints: { enabled: false } });
  await poll('the lenses to go', async () => !(await lenses())?.length);
  assert.equal((await hints())?.length ?? 0, 0, 'no hints');
  await poll('refresh requests', () => refreshes.lens > before.lens && refreshes.hint > before.hint);

  s.setSettings({ codeLens: { enabled: true } });
  await poll('the lenses to return', async () => (await lenses())?.length > 0);
  assert.ok((await hints())?.length > 0, 'hints are back (their setting is absent: on)');
  assert.ok(!s.logs.some((l) => /ignoring/.test(l.message)), `no warnings: ${s.logs.map((l) => l.message).join(' | ')}`);
});

test('a toggle that is not true or false is ignored with one warning', async (t) => {
  const s = await startServer({ settings: { codeLens: { enabled: 'no' } } });
  t.after(() => s.stop());
  s.open(uri, claim({}));
  await s.waitFor(() => s.diagnostics.has(uri), 'diagnostics');
  assert.ok((await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }))?.length > 0, 'lenses stay on');
  const warnings = s.logs.filter((l) => l.message.includes('claimnote.codeLens.enabled'));
  assert.equal(warnings.length, 1, s.logs.map((l) => l.message).join(' | '));
});

test("claimnote/summary answers the workspace's counts, following edits and settings", async (t) => {
  const s = await startServer({ settings: {} });
  t.after(() => s.stop());
  s.open(uri, claim({ line: 'line 20552 mod 50 units 2 dx A' }));
  await s.waitFor(() => s.codesOf(uri).includes('units'), 'units');
  const first = await s.conn.sendRequest('claimnote/summary');
  assert.equal(first.files, 1);
  assert.equal(first.claims, 1);
  const errors = s.diagnostics.get(uri).diagnostics.filter((d) => d.severity === 1).length;
  assert.equal(first.errors, errors);
  s.setSettings({ rules: { units: 'off' } });
  await s.waitFor(() => !s.codesOf(uri).includes('units'), 'units off');
  assert.equal((await s.conn.sendRequest('claimnote/summary')).errors, errors - 1);
});
