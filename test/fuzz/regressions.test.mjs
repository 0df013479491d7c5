// What the fuzzer found, each replayed through the real server and checked as the fuzzer
// checks it (harness.mjs checkReply: ranges inside the document, edits that apply, ...).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/lsp-client.mjs';
import { checkReply } from './harness.mjs';
import { claim } from '../helpers.mjs';

let n = 0;
/** Opens `text`, sends the request, and runs the fuzzer's checks on the reply. */
async function replay(t, text, method, params) {
  const s = await startServer();
  t.after(() => s.stop());
  const uri = `file:///fuzz/regression-${++n}.claim`;
  s.open(uri, text);
  await s.settle(uri, 1);
  const full = { textDocument: { uri }, ...params };
  const result = await s.request(method, full);
  const docs = new Map([[uri, { text }]]);
  checkReply(method, full, result, docs, (why) => assert.fail(why));
  return result;
}

test('documentSymbol: a line whose first word is an unterminated quote ending in a space has its selection inside its range', async (t) => {
  // (the outline names a claim's parsed lines: a line that does not parse is no symbol; every
  // symbol's selection lies inside its range, checked by replay for the whole outline)
  const symbols = await replay(
    t,
    claim({}, { extra: ['"onse ', 'diagnosis B "M79.12 ', 'line "20552 '] }),
    'textDocument/documentSymbol',
    {},
  );
  assert.ok(symbols[0].children.length > 0, 'the claim has its lines as children');
  assert.ok(!symbols[0].children.some((c) => c.name.startsWith('"onse')), 'a line that does not parse is no symbol');
});
