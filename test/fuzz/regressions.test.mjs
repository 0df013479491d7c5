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
  const symbols = await replay(t, claim({}, { extra: ['"onse '] }), 'textDocument/documentSymbol', {});
  const child = symbols[0].children.find((c) => c.name.startsWith('"onse'));
  assert.ok(child, 'the line is a symbol');
  assert.deepEqual(child.range.end, { line: 13, character: 8 });
});
