// Editor features (docs/editor-features.md) inside a real VS Code: the extension's language server answers
// VS Code's own provider commands, and VS Code accepts the answers (legend, lenses, edits).
const assert = require('node:assert/strict');
const vscode = require('vscode');

const TEXT = `claim F-1
patient P-1 Jane Doe
  payer acme-ppo
  date 2026-03-04
  auth PA-1
  diagnosis A m79.12
  line 20552-lt dx A
  muscles left upper trapezius, left levator scapulae
  diagnosis B M79.1

policy acme-ppo "Acme PPO"
  limit 4 per 30 days
  rate 150%
`;
const lines = TEXT.split('\n');
const lineOf = (marker) => lines.findIndex((l) => l.includes(marker));
const at = (marker, token = marker) => new vscode.Position(lineOf(marker), lines[lineOf(marker)].indexOf(token));

const { waitFor } = require('./support');

describe('ClaimNote editor features in VS Code', function () {
  let doc;
  before(async () => {
    doc = await vscode.workspace.openTextDocument({ language: 'claimnote', content: TEXT });
    await vscode.window.showTextDocument(doc);
    // the server has the document once its diagnostics arrive
    await waitFor('diagnostics of the untitled document', () =>
      vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'claimnote'),
    );
  });

  it('completion: M79.1 offers the billable M79.10, M79.11, M79.12, M79.18', async () => {
    const l = lineOf('diagnosis B');
    const list = /** @type {vscode.CompletionList} */ (
      await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(l, lines[l].length))
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const c of ['M79.10', 'M79.11', 'M79.12', 'M79.18']) assert.ok(labels.includes(c), `${c} in ${labels.slice(0, 10)}`);
    assert.ok(!labels.includes('M79.1'));
  });

  it('definition: a pointer to its diagnosis; rename of a payer across the document', async () => {
    const defs = /** @type {any[]} */ (
      await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, at('line 20552', 'A'))
    );
    const def = defs[0];
    const range = def.range ?? def.targetSelectionRange ?? def.targetRange;
    assert.equal(range.start.line, lineOf('diagnosis A'));
    const edit = /** @type {vscode.WorkspaceEdit} */ (
      await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, at('payer', 'acme'), 'acme-gold')
    );
    assert.equal(edit.get(doc.uri).length, 2, 'the payer line and the policy');
  });

  it('outline, folding and formatting', async () => {
    const symbols = /** @type {vscode.DocumentSymbol[]} */ (
      await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri)
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Claim F-1', 'Policy acme-ppo'],
    );
    const folds = /** @type {vscode.FoldingRange[]} */ (
      await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', doc.uri)
    );
    assert.ok(
      folds.some((f) => f.start === 0 && f.end >= lineOf('diagnosis B')),
      JSON.stringify(folds),
    );
    const edits = /** @type {vscode.TextEdit[]} */ (
      await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true })
    );
    // VS Code makes the server's line edits minimal: apply them to the text to compare
    let out = TEXT;
    for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) {
      out = out.slice(0, doc.offsetAt(e.range.start)) + e.newText + out.slice(doc.offsetAt(e.range.end));
    }
    const formatted = out.split('\n');
    assert.equal(formatted[lineOf('patient')], '  patient P-1 Jane Doe');
    assert.equal(formatted[lineOf('line 20552')], '  line 20552-LT dx A');
    assert.equal(formatted[lineOf('diagnosis A')], '  diagnosis A M79.12');
  });

  it("semantic tokens with the server's legend", async () => {
    const legend = /** @type {vscode.SemanticTokensLegend} */ (
      await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', doc.uri)
    );
    assert.ok(legend.tokenTypes.includes('function'));
    const tokens = /** @type {vscode.SemanticTokens} */ (
      await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', doc.uri)
    );
    assert.ok(tokens.data.length >= 5 * 20, `${tokens.data.length / 5} tokens`);
  });

  it('code lens and inlay hints', async () => {
    const lenses = /** @type {vscode.CodeLens[]} */ (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri));
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(titles.includes('Expected $77.66'), titles.join(' | '));
    assert.ok(titles.includes('Session 1 of 4 (acme-ppo, 30 days)'), titles.join(' | '));
    const hints = /** @type {vscode.InlayHint[]} */ (
      await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, lines.length, 0))
    );
    assert.deepEqual(
      hints.map((h) => [h.position.line, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')]),
      [[lineOf('line 20552'), '· 2 muscles']],
    );
  });
});
