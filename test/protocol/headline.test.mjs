// The headline scenario (modifier 50, two units, a wrong muscle count and M79.1 on one claim):
// diagnostics, a hover, a quick fix and an edit, over stdio as an editor speaks LSP.
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { startServer } from '../support/lsp-client.mjs';
import { applyEdits } from '../helpers.mjs';

const uri = 'file:///tmp/claimnote-protocol/headline.claim';
const text = `claim H-1
  patient P-1
  payer medicare
  date 2026-04-01
  diagnosis A M79.1
  line 20552 mod 50 units 2 dx A
  muscles left upper trapezius, left levator scapulae, left rhomboid major
  drug lidocaine 1% 2 mL
  symptoms neck pain
  exam taut band
  tried physical therapy
  technique 27-gauge needle
  response 7/10 before, 2/10 after
`;

test('diagnostics, hover, quick fix and an edit, over stdio', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  assert.equal(s.init.capabilities.hoverProvider, true);
  assert.equal(s.init.capabilities.textDocumentSync.change, 2, 'incremental sync');

  s.open(uri, text);
  await s.waitFor(() => s.codesOf(uri).includes('muscle-count'), 'the headline diagnostics');
  const published = s.diagnostics.get(uri);
  const codes = s.codesOf(uri);
  for (const c of ['modifier-50', 'units', 'muscle-count', 'icd-not-billable']) assert.ok(codes.includes(c), `missing ${c} in ${codes}`);
  assert.equal(published.version, 1);
  const d = published.diagnostics.find((x) => x.code === 'muscle-count');
  assert.equal(d.source, 'claimnote');
  assert.equal(d.severity, 1);
  assert.match(d.message, /3 muscles/);
  assert.deepEqual(d.range.start, { line: 5, character: 7 });

  const hover = await s.hover(uri, 5, 9);
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /one or two muscles/);
  assert.match(hover.contents.value, /counts muscles/);
  assert.match(hover.contents.value, /Sources:/);
  // The server ships beside docs/: the sources link to their section of docs/reference.md.
  const ref = hover.contents.value.match(/\]\((file:[^)#]+\/reference\.md)#tpi-codes\)/);
  assert.ok(ref, `the code hover links to the shipped reference: ${hover.contents.value}`);
  assert.ok(existsSync(fileURLToPath(ref[1])), ref[1]);
  assert.doesNotMatch(hover.contents.value, /RULES\.md|REFERENCE\.md|INTERCHANGE\.md|\(confidence/);

  const actions = await s.codeActions(uri, d.range, [d]);
  const change = actions.find((a) => a.title === 'Change 20552 to 20553');
  assert.ok(change, `no "Change 20552 to 20553" in ${actions.map((a) => a.title)}`);
  assert.equal(change.kind, 'quickfix');
  assert.equal(change.isPreferred, true);
  const fixed = applyEdits(text, change.edit.changes[uri]);
  assert.match(fixed, /line 20553 mod 50 units 2 dx A/);

  // edit `units 2` to `units 1`: the units diagnostic goes, the others stay
  s.change(uri, 2, [{ range: { start: { line: 5, character: 26 }, end: { line: 5, character: 27 } }, text: '1' }]);
  await s.waitFor(() => s.diagnostics.get(uri)?.version === 2, 'diagnostics of version 2');
  const after = s.codesOf(uri);
  assert.ok(!after.includes('units'), `units still reported: ${after}`);
  assert.ok(after.includes('modifier-50') && after.includes('muscle-count'));
});

test('the server writes nothing to stderr and exits 0 after shutdown and exit', async () => {
  // regression: the server bundle once ran the CLI's entry point too, which printed the CLI's
  // usage to stderr (an editor's output panel) and set exit status 2
  const s = await startServer();
  s.open(uri, text);
  await s.waitFor(() => s.codesOf(uri).includes('muscle-count'), 'diagnostics');
  await s.stop();
  assert.equal(s.stderr, '');
  assert.equal(s.child.exitCode, 0);
});
