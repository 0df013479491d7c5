// Runs inside VS Code's extension host (see ../runTest.mjs): the real extension, its real
// language server, and VS Code's own providers API.
const assert = require('node:assert/strict');
const vscode = require('vscode');

const EXTENSION_ID = 'claimnote.claimnote';
const CODE = new vscode.Position(6, 7); // the 20552 of `  line 20552 mod 50 units 2 dx A`

function fixtureUri() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, 'headline.claim');
}

const { waitFor, codes } = require('./support');

async function diagnosticsWith(uri, wanted) {
  return waitFor(
    `diagnostics ${wanted.join(', ')} (have ${codes(uri).join(', ')})`,
    () => wanted.every((c) => codes(uri).includes(c)) && vscode.languages.getDiagnostics(uri),
  );
}

async function openFixture() {
  const uri = fixtureUri();
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  if (doc.isDirty) {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  return { uri, doc, editor };
}

function hoverText(hovers) {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('ClaimNote in VS Code', function () {
  it('activates for .claim files', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    const { doc } = await openFixture();
    assert.equal(doc.languageId, 'claimnote');
    await waitFor('activation', () => ext.isActive);
  });

  it('publishes diagnostics with rule ids as codes', async () => {
    const { uri } = await openFixture();
    const diags = await diagnosticsWith(uri, ['modifier-50', 'units', 'muscle-count', 'icd-not-billable']);
    for (const d of diags.filter((x) => x.source === 'claimnote')) {
      assert.ok(d.message.length > 5, `message of ${d.code}`);
    }
    const count = diags.find((d) => d.code === 'muscle-count' || d.code?.value === 'muscle-count');
    assert.equal(count.range.start.line, 6);
    assert.equal(count.severity, vscode.DiagnosticSeverity.Error);
  });

  it('hover on 20552 explains that the code counts muscles', async () => {
    const { uri } = await openFixture();
    await diagnosticsWith(uri, ['muscle-count']);
    const hovers = /** @type {vscode.Hover[]} */ (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, CODE));
    const text = hoverText(hovers ?? []);
    assert.match(text, /muscle/i, `hover text: ${text}`);
  });

  it('quick fix "Change 20552 to 20553" applies and clears muscle-count', async () => {
    const { uri, doc } = await openFixture();
    await diagnosticsWith(uri, ['muscle-count']);
    const actions = /** @type {vscode.CodeAction[]} */ (
      await vscode.commands.executeCommand(
        'vscode.executeCodeActionProvider',
        uri,
        new vscode.Range(CODE, CODE),
        vscode.CodeActionKind.QuickFix.value,
        10,
      )
    );
    const titles = (actions ?? []).map((a) => a.title);
    const fix = (actions ?? []).find((a) => a.title === 'Change 20552 to 20553');
    assert.ok(fix, `offered: ${titles.join(' | ')}`);
    assert.ok(fix.edit, 'the fix carries an edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(6).text, /line 20553 mod 50/);
    await waitFor('muscle-count to go', () => !codes(uri).includes('muscle-count') && codes(uri).includes('modifier-50'));
  });

  it('source.fixAll.claimnote applies the preferred fixes', async () => {
    const { uri, doc } = await openFixture();
    assert.match(doc.lineAt(6).text, /line 20552 mod 50 units 2/, 'the fixture is back to its saved text');
    await diagnosticsWith(uri, ['modifier-50', 'units', 'muscle-count']);
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = /** @type {vscode.CodeAction[]} */ (
      await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, all, 'source.fixAll.claimnote', 10)
    );
    assert.ok(actions?.length, 'a fix-all action is offered');
    const action = actions.find((a) => a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind)) ?? actions[0];
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const line = doc.lineAt(6).text;
    assert.doesNotMatch(line, /mod 50/, line);
    assert.doesNotMatch(line, /units 2/, line);
    await waitFor(
      `modifier-50, units and muscle-count to go (have ${codes(uri).join(', ')})`,
      () => !['modifier-50', 'units', 'muscle-count'].some((c) => codes(uri).includes(c)),
    );
  });

  it("each diagnostic's rule link opens the rule page through the extension's command", async () => {
    const { uri } = await openFixture();
    const diags = (await diagnosticsWith(uri, ['modifier-50'])).filter((d) => d.source === 'claimnote');
    for (const d of diags) {
      assert.equal(typeof d.code, 'object', 'the code carries a link');
      assert.equal(d.code.target.scheme, 'command');
      assert.equal(d.code.target.path, 'claimnote.openRuleDocumentation');
      assert.deepEqual(JSON.parse(d.code.target.query), [d.code.value]);
    }
  });

  it("ClaimNote: Check Workspace answers the workspace's counts from the server", async () => {
    const { uri } = await openFixture();
    await diagnosticsWith(uri, ['modifier-50']);
    const summary = /** @type {{ files: number, claims: number, [k: string]: unknown }} */ (
      await vscode.commands.executeCommand('claimnote.checkWorkspace')
    );
    assert.equal(summary.files, 1);
    assert.equal(summary.claims, 1);
    const errors = vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === 'claimnote' && d.severity === vscode.DiagnosticSeverity.Error).length;
    assert.equal(summary.errors, errors);
  });

  it('claimnote.codeLens.enabled false removes the lenses; true brings them back', async () => {
    const { uri } = await openFixture();
    await diagnosticsWith(uri, ['modifier-50']);
    const lenses = async () =>
      /** @type {vscode.CodeLens[]} */ ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) ?? []);
    await waitFor('lenses', async () => (await lenses()).length > 0);
    const config = vscode.workspace.getConfiguration('claimnote');
    try {
      await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
      await waitFor('no lenses', async () => (await lenses()).length === 0);
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('lenses again', async () => (await lenses()).length > 0);
  });

  it('claimnote.inlayHints.enabled false removes the muscle-count hints; true brings them back', async () => {
    const { uri, doc } = await openFixture();
    await diagnosticsWith(uri, ['modifier-50']);
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = async () =>
      /** @type {vscode.InlayHint[]} */ ((await vscode.commands.executeCommand('vscode.executeInlayHintProvider', uri, all)) ?? []);
    await waitFor('hints', async () => (await hints()).length > 0);
    const config = vscode.workspace.getConfiguration('claimnote');
    try {
      await config.update('inlayHints.enabled', false, vscode.ConfigurationTarget.Workspace);
      await waitFor('no hints', async () => (await hints()).length === 0);
    } finally {
      await config.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('hints again', async () => (await hints()).length > 0);
  });
});
