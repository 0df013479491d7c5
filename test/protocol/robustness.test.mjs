// A buggy or hostile client, over stdio: every message below once crashed the server or could
// have. Each is answered with an error or ignored, and the server keeps serving (a hover after
// it answers); what it publishes stays true to the documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, frame } from '../support/lsp-client.mjs';
import { claim } from '../helpers.mjs';

const uri = 'file:///tmp/claimnote-robust/a.claim';
const text = claim({ line: 'line 20552 mod 50 units 2 dx A' }, { id: 'R-1' });

/** The server is alive and serving: a hover on the claim's line code answers with its text. */
async function serving(s, what) {
  const h = await s
    .hover(uri, 5, 8)
    .catch((e) => assert.fail(`${what}: the hover failed (${e.message}); alive: ${s.alive}; stderr: ${s.stderr}`));
  assert.ok(h && /muscles/.test(h.contents.value), `${what}: no hover on 20552 (${JSON.stringify(h)})`);
  assert.ok(s.alive, `${what}: the server exited`);
}

async function opened(t, options) {
  const s = await startServer(options);
  t.after(() => s.stop());
  s.open(uri, text);
  await s.settle(uri, 1);
  await serving(s, 'at start');
  return s;
}

test('workspace/didChangeWatchedFiles with a URI that is not a file: URI is ignored', async (t) => {
  const s = await opened(t);
  s.notify('workspace/didChangeWatchedFiles', {
    changes: [
      { uri: 'untitled:Untitled-1.claim', type: 1 },
      { uri: 'https://example.invalid/x.claim', type: 2 },
      { uri: 'vscode-vfs://github/x.claim', type: 3 },
    ],
  });
  await serving(s, 'after non-file URIs');
});

test('workspace/didChangeWatchedFiles with changes: null, or with entries that are not changes, is ignored', async (t) => {
  const s = await opened(t);
  s.notify('workspace/didChangeWatchedFiles', { changes: null });
  s.notify('workspace/didChangeWatchedFiles', null);
  s.notify('workspace/didChangeWatchedFiles', {
    changes: [null, 7, { uri: 5, type: 1 }, { uri: 'file:///tmp/nowhere.claim', type: 99 }, { uri: 'file://host/share/x.claim', type: 2 }],
  });
  await serving(s, 'after malformed watched-file changes');
});

test('textDocument/didClose of a file: URI with a host (file://server/share/a.claim) closes it', async (t) => {
  const s = await opened(t);
  const unc = 'file://server/share/a.claim';
  s.open(unc, text);
  await s.settle(unc, 1);
  assert.ok(s.codesOf(unc).includes('units'));
  s.close(unc);
  await s.waitFor(() => s.diagnostics.get(unc)?.diagnostics.length === 0, 'the closed document cleared');
  await serving(s, 'after closing a file: URI with a host');
  s.close(unc); // twice
  s.close('file:///never/opened.claim');
  await serving(s, 'after closing twice');
});

test('an edit above a session in one file republishes the related location another file shows', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  // b's session (03-21) is over the limit with a's A-2 (03-05): b's diagnostic points into a.
  // An edit above A-2 moves the related location without changing anything else b shows (the
  // cached findings were shifted in place, so comparing them with the new ones saw no change).
  const a = 'file:///tmp/claimnote-robust/a.claim',
    b = 'file:///tmp/claimnote-robust/b.claim';
  const aText =
    claim({ payer: 'payer tight', date: 'date 2026-03-25' }, { id: 'A-1' }) +
    '\n' +
    claim({ payer: 'payer tight', date: 'date 2026-03-05' }, { id: 'A-2' }) +
    '\npolicy tight\n  limit 1 per 30 days\n';
  const bText = claim({ payer: 'payer tight', date: 'date 2026-03-21' }, { id: 'B-1' });
  s.open(a, aText);
  s.open(b, bText);
  await s.settle(b, 1);
  const related = () =>
    s.diagnostics
      .get(b)
      .diagnostics.find((d) => d.code === 'frequency-limit')
      ?.relatedInformation?.find((r) => r.location.uri === a);
  const before = related();
  assert.ok(before, `a related location in a.claim: ${JSON.stringify(s.diagnostics.get(b))}`);
  const line = before.location.range.start.line;
  assert.equal(line, 17, 'at the date of A-2');

  // one line above A-1, then three more, then all four removed
  s.change(a, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one\n' }]);
  await s.settle(a, 2);
  assert.equal(related()?.location.range.start.line, line + 1, `b.claim's related location follows A-2 down: ${JSON.stringify(related())}`);
  s.change(a, 3, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# two\n# three\n# four\n' }]);
  await s.settle(a, 3);
  assert.equal(related()?.location.range.start.line, line + 4, `and again: ${JSON.stringify(related())}`);
  s.change(a, 4, [{ range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, text: '' }]);
  await s.settle(a, 4);
  assert.equal(related()?.location.range.start.line, line, `and back: ${JSON.stringify(related())}`);
});

test('malformed JSON and bad Content-Length headers cost that message only', async (t) => {
  const s = await opened(t);
  s.raw(frame('{"jsonrpc":"2.0","id":900,"method":')); // not JSON
  s.raw('Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0"}');
  await serving(s, 'after a Content-Length that is not a number');
  s.raw('Content-Length: -5\r\n\r\n{}');
  await serving(s, 'after a negative Content-Length');
  s.raw('Content-Type: application/json\r\n\r\n{}');
  await serving(s, 'after a header without Content-Length');
  const hover = JSON.stringify({
    jsonrpc: '2.0',
    id: 901,
    method: 'textDocument/hover',
    params: { textDocument: { uri }, position: { line: 5, character: 8 } },
  });
  s.raw(`Content-Length: 10\r\n\r\n${hover}`); // too short: the rest runs into the next header
  await serving(s, 'after a Content-Length too short');
  s.raw(`Content-Length: 100000\r\n\r\n${hover}`); // too long: the next message's header cuts it
  await serving(s, 'after a Content-Length too long');
  s.raw('garbage without any header\r\n\r\n');
  s.raw(frame('[1, 2, 3]'));
  s.raw(frame('"a string"'));
  s.raw(frame({ jsonrpc: '2.0', id: { not: 'an id' }, method: 'textDocument/hover', params: {} }));
  await serving(s, 'after garbage');
  // the replies to what could not be read: parse errors and invalid requests, with id null
  const codes = s.strayReplies.map((r) => r.error?.code);
  assert.ok(codes.includes(-32700), `a ParseError reply: ${JSON.stringify(s.strayReplies)}`);
  assert.ok(codes.includes(-32600), `an InvalidRequest reply: ${JSON.stringify(s.strayReplies)}`);
});

test('unknown methods, requests before initialize and after shutdown get the error LSP names', async (t) => {
  const s = await startServer({ initialize: false });
  t.after(() => s.stop());
  const early = await s.tryRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(early.error?.code, -32002, `ServerNotInitialized before initialize: ${JSON.stringify(early)}`);
  s.open(uri, text); // a notification before initialize: dropped
  const init = await s.tryRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  assert.ok(init.result?.capabilities?.hoverProvider, JSON.stringify(init));
  const again = await s.tryRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  assert.equal(again.error?.code, -32600, 'a second initialize is refused');
  s.notify('initialized', {});
  s.notify('initialized', {}); // twice: the workspace is read once
  assert.equal(await s.hover(uri, 5, 8), null, 'the didOpen before initialize was dropped');
  s.open(uri, text);
  await s.settle(uri, 1);
  const unknown = await s.tryRequest('claimnote/noSuchMethod', { x: 1 });
  assert.equal(unknown.error?.code, -32601, 'MethodNotFound');
  s.notify('claimnote/noSuchNotification', { x: 1 });
  s.notify('$/noSuchNotification', null);
  await serving(s, 'after unknown methods');
  assert.equal(s.logs.filter((l) => /\.claim file\(s\) in the workspace/.test(l.message)).length, 1, 'the workspace read once');
  assert.equal((await s.tryRequest('shutdown')).result, null);
  const late = await s.tryRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 8 } });
  assert.equal(late.error?.code, -32600, 'InvalidRequest after shutdown');
  s.notify('exit');
  const { code } = await s.exited;
  assert.equal(code, 0, 'exit after shutdown: 0');
});

test('every request with parameters of the wrong type gets InvalidParams, never an internal error', async (t) => {
  const s = await opened(t);
  const doc = { uri };
  const pos = { line: 5, character: 8 };
  const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
  const good = {
    'textDocument/hover': { textDocument: doc, position: pos },
    'textDocument/completion': { textDocument: doc, position: pos },
    'textDocument/definition': { textDocument: doc, position: pos },
    'textDocument/references': { textDocument: doc, position: pos, context: { includeDeclaration: true } },
    'textDocument/documentHighlight': { textDocument: doc, position: pos },
    'textDocument/prepareRename': { textDocument: doc, position: pos },
    'textDocument/rename': { textDocument: doc, position: pos, newName: 'x' },
    'textDocument/documentSymbol': { textDocument: doc },
    'workspace/symbol': { query: 'R' },
    'textDocument/foldingRange': { textDocument: doc },
    'textDocument/selectionRange': { textDocument: doc, positions: [pos] },
    'textDocument/semanticTokens/full': { textDocument: doc },
    'textDocument/semanticTokens/range': { textDocument: doc, range },
    'textDocument/formatting': { textDocument: doc, options: { tabSize: 2, insertSpaces: true } },
    'textDocument/rangeFormatting': { textDocument: doc, range, options: { tabSize: 2, insertSpaces: true } },
    'textDocument/codeLens': { textDocument: doc },
    'textDocument/inlayHint': { textDocument: doc, range },
    'textDocument/codeAction': { textDocument: doc, range, context: { diagnostics: [] } },
  };
  const breakings = [
    () => null,
    () => 7,
    () => 'x',
    () => [],
    (p) => ('textDocument' in p ? { ...p, textDocument: null } : null),
    (p) => ('textDocument' in p ? { ...p, textDocument: { uri: 42 } } : null),
    (p) => ('position' in p ? { ...p, position: null } : null),
    (p) => ('position' in p ? { ...p, position: { line: '5', character: 8 } } : null),
    (p) => ('position' in p ? { ...p, position: { line: -1, character: 0 } } : null),
    (p) => ('position' in p ? { ...p, position: { line: 1.5, character: 0 } } : null),
    (p) => ('range' in p ? { ...p, range: { start: null, end: pos } } : null),
    (p) => ('options' in p ? { ...p, options: { tabSize: 'two' } } : null),
    (p) => ('positions' in p ? { ...p, positions: [null] } : null),
    (p) => ('context' in p && 'diagnostics' in p.context ? { ...p, context: { only: 'quickfix' } } : null),
    (p) => ('newName' in p ? { ...p, newName: null } : null),
    (p) => ('query' in p ? { query: 5 } : null),
  ];
  for (const [method, params] of Object.entries(good)) {
    const ok = await s.tryRequest(method, params);
    assert.ok(
      !ok.error || (method.endsWith('ename') && ok.error.code === -32803),
      `${method} with good parameters: ${JSON.stringify(ok.error)}`,
    );
    for (const b of breakings) {
      const bad = b(params);
      if (bad === null && b.length) continue;
      const r = await s.tryRequest(method, bad);
      assert.equal(r.error?.code, -32602, `${method} ${JSON.stringify(bad)}: ${JSON.stringify(r)}`);
    }
  }
  await serving(s, 'after every request with bad parameters');
  assert.doesNotMatch(s.logs.map((l) => l.message).join('\n'), /internal error|failed \(the server keeps running\)/);
});

test('notifications with parameters of the wrong type, unknown documents and positions past the end are ignored', async (t) => {
  const s = await opened(t);
  for (const method of [
    'textDocument/didOpen',
    'textDocument/didChange',
    'textDocument/didClose',
    'textDocument/didSave',
    'workspace/didChangeConfiguration',
    'workspace/didChangeWorkspaceFolders',
    '$/cancelRequest',
    '$/setTrace',
    'initialized',
  ]) {
    for (const params of /** @type {any[]} */ ([
      null,
      7,
      'x',
      [],
      {},
      { textDocument: null },
      { textDocument: { uri: 1 } },
      { textDocument: { uri: 'file:///other.claim', version: 'x' } },
      { textDocument: { uri }, contentChanges: null },
    ])) {
      if (method === 'textDocument/didClose' && params?.textDocument?.uri === uri) continue; // (a good close)
      s.notify(method, params);
    }
  }
  // every content change malformed: the text stays as it was
  s.change(uri, 2, [
    null,
    7,
    { text: 5 },
    { range: { start: 1 }, text: '' },
    { range: { start: { line: 0.5, character: 0 }, end: { line: 1, character: 0 } }, text: '' },
    { range: null, text: '' },
  ]);
  await s.settle(uri, 2);
  assert.ok(s.codesOf(uri).includes('units'), 'the text is intact');
  await serving(s, 'after bad notifications');
  // the text is intact: a change of an unknown document, and malformed changes, changed nothing
  s.change('file:///unknown.claim', 2, [{ text: 'x' }]);
  assert.equal(
    await s.request('textDocument/formatting', {
      textDocument: { uri: 'file:///unknown.claim' },
      options: { tabSize: 2, insertSpaces: true },
    }),
    null,
  );
  s.change(uri, 3, [{ range: { start: { line: 1e9, character: 1e9 }, end: { line: 1e9, character: 1e9 } }, text: '# appended' }]);
  await s.settle(uri, 3);
  const far = await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 2 ** 31 - 1, character: 2 ** 31 - 1 } });
  assert.ok(far === null || far.range.start.line <= 13, JSON.stringify(far));
  const sym = await s.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(sym[0].name.includes('R-1'), true);
  const edits = await s.request('textDocument/semanticTokens/range', {
    textDocument: { uri },
    range: { start: { line: 99, character: 0 }, end: { line: 0, character: 0 } },
  });
  assert.ok(Array.isArray(edits.data));
  const end = await s.request('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 12, character: 1e6 }] });
  assert.equal(end.length, 1);
  await serving(s, 'after out-of-range positions');
  assert.doesNotMatch(s.logs.map((l) => l.message).join('\n'), /internal error|failed \(the server keeps running\)/);
});

test('versions going backwards, close twice, reopen: the latest text is the one checked', async (t) => {
  const s = await opened(t);
  s.change(uri, 5, [{ range: { start: { line: 5, character: 26 }, end: { line: 5, character: 27 } }, text: '1' }]);
  await s.settle(uri, 5);
  assert.ok(!s.codesOf(uri).includes('units'));
  s.change(uri, 3, [{ range: { start: { line: 5, character: 26 }, end: { line: 5, character: 27 } }, text: '3' }]); // backwards
  await s.settle(uri, 3);
  assert.ok(s.codesOf(uri).includes('units'), 'the change was applied all the same');
  assert.ok(
    s.logs.some((l) => /version 3 .* after version 5/.test(l.message)),
    'and logged',
  );
  s.close(uri);
  s.close(uri);
  await s.waitFor(() => s.diagnostics.get(uri)?.diagnostics.length === 0, 'cleared on close');
  s.open(uri, text, 1);
  await s.settle(uri, 1);
  await serving(s, 'after reopening');
});

test('a 50 MB didOpen and a storm of cancellations: the server still answers', async (t) => {
  const s = await opened(t);
  const big = 'file:///tmp/claimnote-robust/big.claim';
  const line = '# ' + 'x'.repeat(998) + '\n';
  s.open(big, line.repeat(50 * 1024));
  for (let i = 0; i < 20000; i++) s.notify('$/cancelRequest', { id: i % 3 ? i : `s${i}` });
  const pending = [];
  for (let i = 0; i < 200; i++) {
    pending.push(s.tryRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 8 } }));
    s.notify('$/cancelRequest', { id: i });
  }
  const replies = await Promise.all(pending);
  for (const r of replies) assert.ok(r.result || r.error?.code === -32800, JSON.stringify(r)); // answered or RequestCancelled
  await s.settle(big, 1, 60000);
  assert.equal(s.diagnostics.get(big).diagnostics.length, 0);
  const folding = await s.request('textDocument/foldingRange', { textDocument: { uri: big } });
  assert.ok(Array.isArray(folding));
  s.close(big);
  await serving(s, 'after 50 MB and cancellations');
});

test('over Node IPC (as VS Code starts it) the same gate answers bad parameters, and the server serves', async (t) => {
  const { fork } = await import('node:child_process');
  const { serverPath } = await import('../support/lsp-client.mjs');
  const child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const replies = new Map();
  const waiting = new Map();
  child.on('message', (/** @type {any} */ m) => {
    if (m.id !== undefined && m.method === undefined) {
      replies.set(m.id, m);
      waiting.get(m.id)?.(m);
    } else if (m.method === 'workspace/configuration') child.send({ jsonrpc: '2.0', id: m.id, result: [{}] });
  });
  const request = (id, method, params) =>
    new Promise((resolve) => {
      waiting.set(id, resolve);
      child.send({ jsonrpc: '2.0', id, method, params });
    });
  const early = await request(1, 'textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(early.error?.code, -32002);
  const init = await request(2, 'initialize', { processId: null, rootUri: null, capabilities: {} });
  assert.ok(init.result.capabilities.hoverProvider);
  child.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  child.send({
    jsonrpc: '2.0',
    method: 'textDocument/didOpen',
    params: { textDocument: { uri, languageId: 'claimnote', version: 1, text } },
  });
  child.send({ jsonrpc: '2.0', method: 'workspace/didChangeWatchedFiles', params: { changes: null } });
  const bad = await request(3, 'textDocument/hover', { textDocument: { uri }, position: null });
  assert.equal(bad.error?.code, -32602);
  const hover = await request(4, 'textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 8 } });
  assert.match(hover.result.contents.value, /muscles/);
  const down = await request(5, 'shutdown', undefined);
  assert.equal(down.result, null);
  const exited = new Promise((r) => child.once('exit', r));
  child.send({ jsonrpc: '2.0', method: 'exit' });
  assert.equal(await exited, 0);
});

test("a client that closes its end of the server's output: the server exits (it kept logging the failure at full CPU)", async () => {
  const s = await startServer();
  s.open(uri, text);
  await s.settle(uri, 1);
  s.child.stdout.destroy();
  for (let i = 0; i < 20; i++) s.open(`file:///tmp/claimnote-robust/c${i}.claim`, text);
  const r = await Promise.race([s.exited, new Promise((res) => setTimeout(res, 5000, 'still running').unref())]);
  if (r === 'still running') s.child.kill('SIGKILL');
  assert.deepEqual(r, { code: 1, signal: null });
});
