// End-to-end test in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) serves the
// workbench on 127.0.0.1, headless Chromium (Debian's /usr/bin/chromium) shows it, and
// playwright-core drives it with the mouse and keyboard as a person would.
//
//   npm run test:e2e          (packages claimnote.vsix first, then runs this file)
//   node test/e2e/vscode.e2e.mjs
//
// Needs scripts/setup-e2e.sh to have run (Chromium, code-server in .e2e-cache/).
// Environment: CLAIMNOTE_VSIX (default claimnote.vsix), CODE_SERVER (the code-server
// binary), CHROMIUM (default /usr/bin/chromium), E2E_KEEP=1 keeps the temp folder,
// E2E_VERBOSE=1 echoes code-server's output.
// Screenshots go to docs/images/ (problems.png, hover.png, quickfix.png, typing.png).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor, runChecks, tempDir } from '../support/process.mjs';
import { checkPrerequisites, profile, installVsix, startCodeServer, launchChromium } from '../support/code-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const vsix = path.resolve(root, process.env.CLAIMNOTE_VSIX || 'claimnote.vsix');
const imagesDir = path.join(root, 'docs/images');
const verbose = !!process.env.E2E_VERBOSE;
const FILE = 'headline.claim';
const CODE_LINE = 7; // `  line 20552 mod 50 units 2 dx A`
const CODE_COL = 8; //        ^ 20552 starts here (1-based)

let tmp, server, chrome, page;

const step = (msg) => console.log(`  · ${msg}`);

// ------------------------------------------------------------------ set-up
async function start() {
  checkPrerequisites([['the extension package', vsix, 'run npm run package']]);
  tmp = tempDir('claimnote-e2e-');
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(here, 'workspace'), workspace, { recursive: true });
  const prof = profile(tmp);

  step(`installing ${path.relative(root, vsix)} into a fresh extensions folder`);
  const installed = installVsix(prof, vsix);
  if (verbose) process.stderr.write(installed);
  const dirs = fs.readdirSync(prof.extensions).filter((d) => d.startsWith('claimnote.'));
  assert.ok(dirs.length === 1, `extension not installed: ${installed}`);

  server = await startCodeServer(prof, workspace, { echo: verbose, cwd: tmp });
  step(`code-server is serving on 127.0.0.1:${server.port}`);

  chrome = await launchChromium();
  page = chrome.page;
  if (verbose) page.on('console', (m) => console.error(`[page] ${m.text()}`));
  await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  step('workbench is up');

  // Open the file by clicking it in the explorer.
  const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE });
  await item.first().waitFor({ timeout: 30_000 });
  await item.first().click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
  step(`${FILE} is open`);
}

async function stop() {
  await chrome?.close();
  await server?.stop();
  if (tmp && process.env.E2E_KEEP) console.log(`kept ${tmp}`);
}

// ---------------------------------------------------------------- helpers
const editor = () => page.locator('.editor-instance .monaco-editor').first();

/** The text of the open editor, as the view shows it. */
async function editorText() {
  const text = await editor().locator('.view-lines').innerText();
  return text.replace(/\u00a0/g, ' ');
}

async function focusEditor() {
  await page.keyboard.press('Escape');
  await editor().locator('.view-lines').click({ position: { x: 400, y: 5 } });
  await page.keyboard.press('Control+Home');
}

async function gotoLineCol(line, col) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${col}`);
  await page.keyboard.press('Enter');
  await waitFor(`cursor at ${line}:${col}`, async () => {
    const status = await page.locator('#status\\.editor\\.selection').innerText().catch(() => '');
    return status.includes(`Ln ${line}, Col ${col}`) ? status : false;
  }, { timeout: 10_000 });
}

/** Diagnostic rows of the Problems panel: { code, source, message, text }. */
async function problems() {
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((row) => ({
    code: row.querySelector('.marker-code')?.textContent ?? '',
    source: row.querySelector('.marker-source')?.textContent ?? '',
    message: [...row.querySelectorAll('.marker-message')].map((m) => m.textContent).join('\n'),
    text: row.innerText.replace(/\s+/g, ' ').trim(),
  })));
  return rows.filter((r) => r.message); // not the file rows
}

const problemsSeen = async () => (await problems()).map((r) => r.text).join(' | ') || 'no rows';

/** The Problems rows once they have not changed for `quietMs` (bounded by `timeout`). */
async function settledProblems({ quietMs = 1500, timeout = 20_000 } = {}) {
  let last = '', since = Date.now(), rows = [];
  return waitFor('the Problems panel to settle', async () => {
    rows = await problems();
    const now = JSON.stringify(rows);
    if (now !== last) { last = now; since = Date.now(); return false; }
    return Date.now() - since >= quietMs ? rows : false;
  }, { timeout, interval: 250 });
}

async function openProblems() {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
  }
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
}

const hasCode = (row, code) => row.code.trim() === code;

const shot = (name) => page.screenshot({ path: path.join(imagesDir, name) });

// ----------------------------------------------------------------- checks
const checks = [];

checks.push(['Problems panel lists modifier-50, units and muscle-count with their messages', async () => {
  await editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  await openProblems();
  const wanted = ['modifier-50', 'units', 'muscle-count'];
  const rows = await waitFor(`Problems rows with codes ${wanted.join(', ')}`, async () => {
    const r = await problems();
    return wanted.every((c) => r.some((p) => hasCode(p, c))) ? r : false;
  }, { timeout: 30_000, detail: problemsSeen });
  for (const c of wanted) {
    const row = rows.find((p) => hasCode(p, c));
    assert.match(row.source, /claimnote/, `the ${c} row names its source: ${row.text}`);
    assert.ok(row.message.trim().length > 10, `the ${c} row shows a message: ${row.text}`);
  }
  for (const r of rows) step(`Problems: ${r.text}`);
  await focusEditor(); // the panel without a focused row, for the picture
  await shot('problems.png');
}]);

checks.push(['hover on 20552 explains that the code counts muscles', async () => {
  await focusEditor();
  await gotoLineCol(CODE_LINE, CODE_COL);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
  // `.markdown-hover` parts come from hover providers; `.marker` parts are diagnostics,
  // whose messages may mention muscles too and must not count here.
  let seen = '';
  const text = await waitFor('a hover from the extension', async () => {
    seen = (await hover.allInnerTexts()).join('\n');
    const parts = await hover.locator('.markdown-hover').allInnerTexts();
    const t = parts.join('\n');
    return /muscle/i.test(t) ? t : false;
  }, { timeout: 15_000 }).catch((err) => { throw new Error(`${err.message}; hover showed: ${JSON.stringify(seen)}`); });
  step(`hover: ${JSON.stringify(text.slice(0, 160))}`);
  assert.match(text, /one or two muscles|counts muscles/i);
  await shot('hover.png');
  await page.keyboard.press('Escape');
}]);

checks.push(['quick fix "Change 20552 to 20553" rewrites the line and clears muscle-count', async () => {
  await focusEditor();
  await gotoLineCol(CODE_LINE, CODE_COL);
  const title = 'Change 20552 to 20553';
  const menu = page.locator('.action-widget');
  // The light bulb's code actions arrive asynchronously: retry opening the menu.
  await waitFor(`quick-fix menu with "${title}"`, async () => {
    if (!(await menu.isVisible().catch(() => false))) await page.keyboard.press('Control+.');
    await menu.waitFor({ state: 'visible', timeout: 3000 });
    const items = await menu.locator('.monaco-list-row').allInnerTexts();
    if (items.some((t) => t.includes(title))) return true;
    await page.keyboard.press('Escape');
    return false;
  }, { timeout: 20_000, interval: 500, detail: () => menu.locator('.monaco-list-row').allInnerTexts() });
  await shot('quickfix.png');
  const items = await menu.locator('.monaco-list-row').allInnerTexts();
  step(`quick fixes: ${items.map((t) => t.trim()).join(' | ')}`);
  // Select the entry by its text: move the focus onto it, then Enter.
  await waitFor(`focus on "${title}"`, async () => {
    const focused = await menu.locator('.monaco-list-row.focused').innerText().catch(() => '');
    if (focused.includes(title)) return true;
    await page.keyboard.press('ArrowDown');
    return false;
  }, { timeout: 10_000, interval: 150 });
  await page.keyboard.press('Enter');
  await waitFor('the line to read 20553', async () => /line 20553 mod 50/.test(await editorText()), { timeout: 10_000, detail: editorText });
  assert.doesNotMatch(await editorText(), /20552/);
  await openProblems();
  const rows = await waitFor('muscle-count to leave the Problems panel', async () => {
    const r = await problems();
    return r.length && !r.some((p) => hasCode(p, 'muscle-count')) ? r : false;
  }, { timeout: 20_000, detail: problemsSeen });
  assert.ok(rows.some((p) => hasCode(p, 'modifier-50')), 'modifier-50 is still reported');
  step(`Problems now: ${rows.map((r) => r.code).join(', ')}`);
}]);

checks.push(['typing a line with units 3 adds a units diagnostic on it', async () => {
  await openProblems();
  const unitsRows = async () => (await problems()).filter((p) => hasCode(p, 'units'));
  const before = await unitsRows();
  await focusEditor();
  await gotoLineCol(CODE_LINE, 1);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('line 20553 units 3 dx A', { delay: 20 });
  await waitFor('the typed line in the editor', async () => /line 20553 units 3 dx A/.test(await editorText()), { timeout: 10_000, detail: editorText });
  const newLine = CODE_LINE + 1;
  const rows = await waitFor(`a units diagnostic on line ${newLine}`, async () => {
    const r = await unitsRows();
    return r.length > before.length && r.some((p) => p.text.includes(`[Ln ${newLine},`)) ? r : false;
  }, { timeout: 20_000, detail: problemsSeen });
  step(`units diagnostics: ${rows.map((r) => r.text).join(' | ')}`);
  // Diagnostics of the half-typed line may still be on their way: let the panel settle
  // (the same rows for 1.5 s), then the complete line must have no syntax error.
  const settled = await settledProblems();
  const syntax = settled.filter((p) => hasCode(p, 'syntax'));
  assert.equal(syntax.length, 0, `syntax errors remain: ${syntax.map((p) => p.text).join(' | ')}`);
  assert.ok(settled.some((p) => hasCode(p, 'units') && p.text.includes(`[Ln ${newLine},`)), 'units on the new line after settling');
  await shot('typing.png');
}]);

await runChecks('VS Code (code-server) end-to-end', checks, {
  before: start,
  after: async (failures) => {
    if (page && failures) {
      const file = path.join(root, 'test-results/e2e-failure.png');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file }).then(() => console.log(`screenshot of the failure: ${file}`), () => {});
    }
    await stop();
  },
});
