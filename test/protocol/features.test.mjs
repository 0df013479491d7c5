// Editor productivity (docs/editor-features.md) over stdio, as another editor speaks LSP: every request of
// completion, navigation, outline, structure, semantic tokens, formatting, code lens and
// inlay hints against the bundled server.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/lsp-client.mjs';
import { applyEdits } from '../helpers.mjs';
import { decodeTokens } from '../features-helpers.mjs';

const A = 'file:///tmp/claimnote-features/a.claim';
const P = 'file:///tmp/claimnote-features/p.claim';

const claimText = `# a claim to work on
claim C-1
patient P-1 Jane Doe
  payer acme-ppo
  date 2026-03-04
  auth PA-1
  diagnosis A m79.12
  diagnosis B G44.209
  line 20552-lt dx A,B
  muscles left upper trapezius, left levator scapulae
  diagnosis C M79.1
`;
const policyText = `policy acme-ppo "Acme PPO"
  limit 4 per 30 days
  rate 150%
`;
const lines = claimText.split('\n');
const lineOf = (marker) => lines.findIndex((l) => l.includes(marker));
const posOf = (marker, token = marker) => ({ line: lineOf(marker), character: lines[lineOf(marker)].indexOf(token) });
const doc = (uri) => ({ textDocument: { uri } });

describe('editor features over stdio', () => {
  let s;
  before(async () => {
    s = await startServer({
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, codeLens: { refreshSupport: true } },
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    });
    s.open(A, claimText);
    s.open(P, policyText);
    await s.waitFor(() => s.diagnostics.has(A) && s.diagnostics.has(P), 'diagnostics of both files');
  });
  after(() => s.stop());

  test('initialize advertises every feature', () => {
    const c = s.init.capabilities;
    assert.deepEqual(c.completionProvider.triggerCharacters, [' ', ',', '-', '.']);
    for (const k of [
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'inlayHintProvider',
    ]) {
      assert.ok(c[k], `${k} advertised`);
    }
    assert.deepEqual(c.renameProvider, { prepareProvider: true });
    assert.ok(c.codeLensProvider);
    assert.equal(c.semanticTokensProvider.full, true);
    assert.equal(c.semanticTokensProvider.range, true);
    assert.ok(c.semanticTokensProvider.legend.tokenTypes.includes('keyword'));
  });

  test('textDocument/completion: ICD-10-CM by prefix, never the header; snippets for this client', async () => {
    const l = lineOf('diagnosis C');
    const list = await s.conn.sendRequest('textDocument/completion', { ...doc(A), position: { line: l, character: lines[l].length } });
    assert.equal(list.isIncomplete, true);
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['M79.10', 'M79.11', 'M79.12', 'M79.18'],
    );
    const kw = await s.conn.sendRequest('textDocument/completion', { ...doc(A), position: { line: lines.length - 1, character: 0 } });
    assert.ok(kw.items.some((i) => i.label === 'claim (new claim)' && i.insertTextFormat === 2));
    assert.ok(!kw.items.some((i) => i.label === 'payer'), 'payer is already written');
  });

  test('textDocument/completion follows edits (incremental sync)', async () => {
    const l = lineOf('diagnosis C');
    s.change(A, 2, [{ range: { start: { line: l, character: 0 }, end: { line: l, character: lines[l].length } }, text: '  line 2055' }]);
    const list = await s.conn.sendRequest('textDocument/completion', { ...doc(A), position: { line: l, character: 11 } });
    const codes = list.items.map((i) => i.label);
    assert.ok(codes.includes('20552') && codes.includes('20553'));
    assert.match(list.items.find((i) => i.label === '20553').detail, /three or more/);
    s.change(A, 3, [{ range: { start: { line: l, character: 0 }, end: { line: l, character: 11 } }, text: lines[l] }]);
  });

  test('textDocument/definition: a pointer to its diagnosis, a payer to its policy', async () => {
    const ptr = posOf('line 20552', 'B');
    const d = await s.conn.sendRequest('textDocument/definition', { ...doc(A), position: ptr });
    assert.deepEqual(d, [
      {
        uri: A,
        range: {
          start: posOf('diagnosis B', 'B'),
          end: { line: lineOf('diagnosis B'), character: posOf('diagnosis B', 'B').character + 1 },
        },
      },
    ]);
    const p = await s.conn.sendRequest('textDocument/definition', { ...doc(A), position: posOf('payer', 'acme') });
    assert.deepEqual(
      p.map((x) => [x.uri, x.range.start.line, x.range.start.character]),
      [[P, 0, 7]],
    );
  });

  test('textDocument/references and documentHighlight', async () => {
    const refs = await s.conn.sendRequest('textDocument/references', {
      ...doc(P),
      position: { line: 0, character: 9 },
      context: { includeDeclaration: true },
    });
    assert.deepEqual(refs.map((r) => r.uri).sort(), [A, P]);
    const h = await s.conn.sendRequest('textDocument/documentHighlight', { ...doc(A), position: posOf('diagnosis A', 'A') });
    assert.deepEqual(
      h.map((x) => x.kind),
      [3, 2],
    );
  });

  test('textDocument/prepareRename and rename: a payer across files; a code is refused with the reason', async () => {
    const prep = await s.conn.sendRequest('textDocument/prepareRename', { ...doc(A), position: posOf('payer', 'acme') });
    assert.equal(prep.placeholder, 'acme-ppo');
    await assert.rejects(
      s.conn.sendRequest('textDocument/prepareRename', { ...doc(A), position: posOf('line 20552', '20552') }),
      /Only a payer id, a practice id or a diagnosis letter/,
    );
    const edit = await s.conn.sendRequest('textDocument/rename', { ...doc(A), position: posOf('payer', 'acme'), newName: 'acme-gold' });
    assert.deepEqual(Object.keys(edit.changes).sort(), [A, P]);
    assert.equal(applyEdits(policyText, edit.changes[P]).split('\n')[0], 'policy acme-gold "Acme PPO"');
    await assert.rejects(
      s.conn.sendRequest('textDocument/rename', { ...doc(A), position: posOf('payer', 'acme'), newName: 'bad id' }),
      /not a payer id/,
    );
  });

  test('textDocument/documentSymbol and workspace/symbol', async () => {
    const syms = await s.conn.sendRequest('textDocument/documentSymbol', doc(A));
    assert.equal(syms[0].name, 'Claim C-1');
    assert.ok(
      syms[0].children.some((c) => c.name === '20552-LT  dx A,B'),
      syms[0].children.map((c) => c.name).join(' | '),
    );
    const ws = await s.conn.sendRequest('workspace/symbol', { query: 'acme' });
    assert.deepEqual(
      ws.map((x) => [x.name, x.location.uri]),
      [['acme-ppo', P]],
    );
  });

  test('textDocument/foldingRange and selectionRange', async () => {
    const f = await s.conn.sendRequest('textDocument/foldingRange', doc(A));
    assert.deepEqual(
      f.map((x) => [x.startLine, x.endLine]),
      [[1, lines.length - 2]],
    );
    const [sel] = await s.conn.sendRequest('textDocument/selectionRange', { ...doc(A), positions: [posOf('line 20552', '20552')] });
    assert.deepEqual(sel.range, {
      start: posOf('line 20552', '20552'),
      end: { line: lineOf('line 20552'), character: posOf('line 20552', '20552').character + 5 },
    });
    assert.ok(sel.parent.parent, 'a chain of larger ranges');
  });

  test('textDocument/semanticTokens/full and /range', async () => {
    const legend = s.init.capabilities.semanticTokensProvider.legend;
    const full = decodeTokens((await s.conn.sendRequest('textDocument/semanticTokens/full', doc(A))).data, legend);
    const l = lineOf('line 20552');
    const onLine = full.filter((t) => t.line === l).map((t) => `${lines[l].slice(t.start, t.start + t.length)}:${t.type}`);
    assert.deepEqual(onLine, ['line:keyword', '20552:function', 'lt:property', 'dx:keyword', 'A:parameter', 'B:parameter']);
    const range = decodeTokens(
      (
        await s.conn.sendRequest('textDocument/semanticTokens/range', {
          ...doc(A),
          range: { start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } },
        })
      ).data,
      legend,
    );
    assert.equal(range.length, 6);
  });

  test('textDocument/formatting and rangeFormatting', async () => {
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await s.conn.sendRequest('textDocument/formatting', { ...doc(A), options });
    const out = applyEdits(claimText, edits).split('\n');
    assert.equal(out[lineOf('patient')], '  patient P-1 Jane Doe');
    assert.equal(out[lineOf('line 20552')], '  line 20552-LT dx A,B', 'a service line is not aligned with patient, payer...');
    assert.equal(out[lineOf('diagnosis A')], '  diagnosis A M79.12');
    const ranged = await s.conn.sendRequest('textDocument/rangeFormatting', {
      ...doc(A),
      options,
      range: { start: { line: lineOf('patient'), character: 0 }, end: { line: lineOf('patient'), character: 3 } },
    });
    assert.deepEqual(
      ranged.map((e) => e.range.start.line),
      [lineOf('patient')],
    );
  });

  test('textDocument/codeLens and inlayHint', async () => {
    const lenses = await s.conn.sendRequest('textDocument/codeLens', doc(A));
    assert.deepEqual(
      lenses.map((x) => x.command.title),
      ['Expected $77.66', 'Session 1 of 4 (acme-ppo, 30 days)'],
    );
    assert.equal(lenses[0].range.start.line, lineOf('claim C-1'));
    const hints = await s.conn.sendRequest('textDocument/inlayHint', {
      ...doc(A),
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    });
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [[lineOf('line 20552'), '· 2 muscles']],
    );
  });

  test('workspace/codeLens/refresh after another file changes: the lens follows the policy', async () => {
    let refreshed = 0;
    s.conn.onRequest('workspace/codeLens/refresh', () => {
      refreshed++;
      return null;
    });
    s.change(P, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  limit 2 per 1 years\n' }]);
    const deadline = Date.now() + 5000;
    while (!refreshed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(refreshed > 0, 'the server asked the client to refresh its code lenses');
    const lenses = await s.conn.sendRequest('textDocument/codeLens', doc(A));
    assert.ok(
      lenses.some((x) => x.command.title === 'Session 1 of 2 (acme-ppo, 12 months)'),
      lenses.map((x) => x.command.title).join(' | '),
    );
  });
});
