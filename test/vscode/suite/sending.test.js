// Sending claims inside a real VS Code: "Export as X12 837P" and "Export as FHIR Bundle" write
// the workspace's ready claims, an 837P batch opened in the editor gets ClaimNote's diagnostics
// on its segments and hovers naming the loop, and "Import Claims" writes .claim files that name
// the workspace's practice and payers and opens them. The commands take their answers as
// arguments here instead of from dialogs (as a keybinding or a task may give them).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const { waitFor, codes } = require('./support');

describe('Sending claims in VS Code', function () {
  this.timeout(60_000);
  let folder;
  before(async () => {
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the test workspace is open');
    folder = vscode.Uri.joinPath(root.uri, 'billing');
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'corpus-billing', '08-billing.claim'), 'utf8');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '08-billing.claim'), Buffer.from(text));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, '08-billing.claim'));
    await vscode.window.showTextDocument(doc);
    await waitFor('the billing diagnostics', () => codes(doc.uri).includes('export-missing'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('exports the ready claims as an 837P and as a FHIR Bundle', async () => {
    const x12 = /** @type {vscode.Uri} */ (
      await vscode.commands.executeCommand('claimnote.export837p', {
        scope: 'workspace',
        target: vscode.Uri.joinPath(folder, 'out.x12'),
      })
    );
    const text = Buffer.from(await vscode.workspace.fs.readFile(x12)).toString('utf8');
    assert.match(text, /^ISA\*/);
    assert.equal((text.match(/^CLM\*/gm) ?? []).length, 8);
    const json = /** @type {vscode.Uri} */ (
      await vscode.commands.executeCommand('claimnote.exportFhir', {
        scope: 'file',
        target: vscode.Uri.joinPath(folder, 'out.fhir.json'),
      })
    );
    const bundle = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(json)).toString('utf8'));
    assert.equal(bundle.entry.filter((e) => e.resource.resourceType === 'Claim').length, 8);
  });

  it('an 837P opened in the editor: diagnostics on its segments, hovers naming the loop and the ClaimNote line', async () => {
    const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'out.x12'))).toString('utf8');
    const bad = vscode.Uri.joinPath(folder, 'bad.x12');
    await vscode.workspace.fs.writeFile(bad, Buffer.from(text.replace(/SV1\*HC:20553:LT\*150/, 'SV1*HC:20553:50*150')));
    const doc = await vscode.workspace.openTextDocument(bad);
    assert.equal(doc.languageId, 'x12');
    await vscode.window.showTextDocument(doc);
    await waitFor('modifier-50 in the batch', () => codes(bad).includes('modifier-50'));
    const d = vscode.languages.getDiagnostics(bad).find((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'modifier-50');
    const line = doc.lineAt(d.range.start.line).text;
    assert.ok(line.startsWith('SV1*HC:20553:50'), line);
    assert.equal(d.range.start.character, line.indexOf(':50') + 1);
    const hovers = /** @type {vscode.Hover[]} */ (await vscode.commands.executeCommand('vscode.executeHoverProvider', bad, d.range.start));
    const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(shown, /loop 2400: service line 1/);
  });

  it('imports an 837P into .claim files that name the workspace practice and payers, and opens them', async () => {
    const written = /** @type {vscode.Uri[]} */ (
      await vscode.commands.executeCommand('claimnote.importClaims', {
        files: [vscode.Uri.joinPath(folder, 'out.x12')],
        folder: vscode.Uri.joinPath(folder, 'imported'),
      })
    );
    assert.deepEqual(
      written.map((u) => path.basename(u.path)),
      ['riverside-medicare.claim', 'riverside-acme-ppo.claim', 'northvalley-medicare.claim'],
    );
    const open = vscode.workspace.textDocuments.map((d) => d.uri.toString());
    for (const u of written) assert.ok(open.includes(u.toString()), `${u} is open`);
    await waitFor('the imported claims checked', () => vscode.languages.getDiagnostics(written[0]).length > 0);
    assert.ok(!codes(written[0]).includes('unknown-practice'));
    assert.ok(!codes(written[0]).includes('unknown-payer'));
  });
});

describe('The CMS-1500 preview in VS Code', function () {
  this.timeout(60_000);
  it('opens beside the editor with the claim under the cursor, and follows the cursor to another claim', async () => {
    const root = vscode.workspace.workspaceFolders?.[0];
    const uri = vscode.Uri.joinPath(root.uri, 'preview-test.claim');
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'corpus-billing', '08-billing.claim'), 'utf8');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      const at = (marker) =>
        new vscode.Position(
          doc
            .getText()
            .split('\n')
            .findIndex((l) => l.startsWith(marker)) + 1,
          2,
        );
      editor.selection = new vscode.Selection(at('claim BL-1'), at('claim BL-1'));
      const first = /** @type {any} */ (await vscode.commands.executeCommand('claimnote.previewForm'));
      assert.equal(first.claimId, 'BL-1');
      assert.match(first.svg, /data-box="1a"[^>]*aria-label="[^"]*1EG4-TE5-MK73/i);
      const tab = await waitFor('the preview tab', () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.startsWith('Claim Form')),
      );
      assert.ok(tab);
      editor.selection = new vscode.Selection(at('claim BL-7'), at('claim BL-7'));
      await waitFor('the preview following the cursor', () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'Claim Form: BL-7'),
      );
      // the code lens's command: the claim it names
      const bl3 = doc
        .getText()
        .split('\n')
        .findIndex((l) => l.startsWith('claim BL-3'));
      const third = /** @type {any} */ (await vscode.commands.executeCommand('claimnote.previewForm', { uri: uri.toString(), line: bl3 }));
      assert.equal(third.claimId, 'BL-3');
      await waitFor("the preview of the lens's claim", () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'Claim Form: BL-3'),
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    }
  });
});

describe('Remittances and appeals in VS Code', function () {
  this.timeout(60_000);
  it('Import Remittance adds the denied lines as one edit that one undo reverts; Draft opens the letter', async () => {
    const root = vscode.workspace.workspaceFolders?.[0];
    const folder = vscode.Uri.joinPath(root.uri, 'remit-test');
    const claims = vscode.Uri.joinPath(folder, '08-billing.claim');
    const fixtures = path.join(__dirname, '..', '..', 'fixtures');
    // (claim ids of their own: files of the earlier tests may still be in the server's workspace)
    const original = fs.readFileSync(path.join(fixtures, 'corpus-billing', '08-billing.claim'), 'utf8').replace(/claim BL-/g, 'claim RM-');
    await vscode.workspace.fs.writeFile(claims, Buffer.from(original));
    const remit = vscode.Uri.joinPath(folder, 'remit.835');
    await vscode.workspace.fs.writeFile(
      remit,
      Buffer.from(fs.readFileSync(path.join(fixtures, 'interchange', 'remit.835'), 'utf8').replace(/CLP\*BL-/g, 'CLP*RM-')),
    );
    try {
      const doc = await vscode.workspace.openTextDocument(claims);
      await vscode.window.showTextDocument(doc);
      await waitFor('the claims checked', () => codes(claims).includes('export-missing'));
      const added = await vscode.commands.executeCommand('claimnote.importRemittance', { files: [remit] });
      assert.equal(added, 1);
      assert.match(doc.getText(), /\n {2}denied 2026-02-20 CO-16 remark N382 ref 26051000109\n/);
      await waitFor('claim-denied on the new line', () => codes(claims).includes('claim-denied'));
      // Draft a redetermination request on the new denied line: a Markdown document with the letter
      const line = doc
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('denied 2026-02-20 CO-16'));
      const letter = /** @type {vscode.TextDocument} */ (
        await vscode.commands.executeCommand('claimnote.draftAppeal', { uri: claims.toString(), line })
      );
      assert.equal(letter.languageId, 'markdown');
      assert.match(letter.getText(), /# Request for Redetermination[\s\S]*Helen Adams/);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await waitFor('the undo', () => doc.getText() === original);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    }
  });
});

describe('The workspace report in VS Code', function () {
  this.timeout(60_000);
  it('Open Workspace Report opens the report of the workspace in a webview', async () => {
    const r = /** @type {any} */ (await vscode.commands.executeCommand('claimnote.openReport'));
    assert.ok(r.claims >= 1, JSON.stringify(r));
    await waitFor('the report tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'ClaimNote Report'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
