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
// E2E_VERBOSE=1 echoes code-server's output, E2E_ONLY=<regex> runs the checks whose names
// match (while working on one).
// Screenshots go to docs/images/: problems.png, hover.png, completion-icd.png, quickfix.png,
// codelens.png and outline.png from the walk of the headline example (a window of its own), and
// typing.png, language-status.png, check-workspace.png, rule-docs.png, walkthrough.png,
// details.png, restricted-mode.png.
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

let tmp, prof, server, chrome, page;

const step = (msg) => console.log(`  · ${msg}`);

// ------------------------------------------------------------------ set-up
async function start() {
  checkPrerequisites([['the extension package', vsix, 'run npm run package']]);
  tmp = tempDir('claimnote-e2e-');
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(here, 'workspace'), workspace, { recursive: true });
  prof = profile(tmp);

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

  await openFromExplorer(FILE);
  step(`${FILE} is open`);
}

/** Opens `name` by clicking it in the explorer (Ctrl+P was not reliable). */
async function openFromExplorer(name) {
  const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
  await item.first().waitFor({ timeout: 30_000 });
  await item.first().click();
  await page.locator('.tabs-container .tab', { hasText: name }).waitFor({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
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
  await editor()
    .locator('.view-lines')
    .click({ position: { x: 400, y: 5 } });
  await page.keyboard.press('Control+Home');
}

async function gotoLineCol(line, col) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${col}`);
  await page.keyboard.press('Enter');
  await waitFor(
    `cursor at ${line}:${col}`,
    async () => {
      const status = await page
        .locator('#status\\.editor\\.selection')
        .innerText()
        .catch(() => '');
      return status.includes(`Ln ${line}, Col ${col}`) ? status : false;
    },
    { timeout: 10_000 },
  );
}

const fixMenu = () => page.locator('.action-widget');
const fixMenuItems = async () =>
  (
    await fixMenu()
      .locator('.monaco-list-row')
      .allInnerTexts()
      .catch(() => [])
  ).map((t) => t.replace(/\s+/g, ' ').trim());

/**
 * Opens the light bulb's menu (Ctrl+.) at the cursor and waits for an entry starting with
 * `title`; the code actions arrive asynchronously, so the menu is opened again until they do.
 * Resolves with the menu's entries.
 */
async function openFixMenu(title) {
  const menu = fixMenu();
  await waitFor(
    `quick-fix menu with "${title}"`,
    async () => {
      if (!(await menu.isVisible().catch(() => false))) await page.keyboard.press('Control+.');
      await menu.waitFor({ state: 'visible', timeout: 3000 });
      if ((await fixMenuItems()).some((t) => t.startsWith(title))) return true;
      await page.keyboard.press('Escape');
      return false;
    },
    { timeout: 20_000, interval: 500, detail: fixMenuItems },
  );
  return fixMenuItems();
}

/** In the open light bulb menu, moves the focus onto the entry starting with `title` and applies it (Enter). */
async function chooseFix(title) {
  const menu = fixMenu();
  await waitFor(
    `focus on "${title}"`,
    async () => {
      const focused = (
        await menu
          .locator('.monaco-list-row.focused')
          .innerText()
          .catch(() => '')
      )
        .replace(/\s+/g, ' ')
        .trim();
      if (focused.startsWith(title)) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    },
    { timeout: 10_000, interval: 150 },
  );
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
}

/** Diagnostic rows of the Problems panel: { code, source, message, text }. */
async function problems() {
  const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
    els.map((row) => ({
      code: row.querySelector('.marker-code')?.textContent ?? '',
      source: row.querySelector('.marker-source')?.textContent ?? '',
      message: [...row.querySelectorAll('.marker-message')].map((m) => m.textContent).join('\n'),
      text: row.innerText.replace(/\s+/g, ' ').trim(),
    })),
  );
  return rows.filter((r) => r.message); // not the file rows
}

const problemsSeen = async () => (await problems()).map((r) => r.text).join(' | ') || 'no rows';

/** The Problems rows once they have not changed for `quietMs` (bounded by `timeout`). */
async function settledProblems({ quietMs = 1500, timeout = 20_000 } = {}) {
  let last = '',
    since = Date.now(),
    rows = [];
  return waitFor(
    'the Problems panel to settle',
    async () => {
      rows = await problems();
      const now = JSON.stringify(rows);
      if (now !== last) {
        last = now;
        since = Date.now();
        return false;
      }
      return Date.now() - since >= quietMs ? rows : false;
    },
    { timeout, interval: 250 },
  );
}

async function closePanel() {
  if (
    await page
      .locator('.part.panel')
      .isVisible()
      .catch(() => false)
  ) {
    await page.keyboard.press('Control+J');
    await page
      .locator('.part.panel')
      .waitFor({ state: 'hidden', timeout: 5000 })
      .catch(() => {});
  }
}

async function openProblems() {
  if (
    !(await page
      .locator('.markers-panel')
      .isVisible()
      .catch(() => false))
  ) {
    await page.keyboard.press('Control+Shift+M');
  }
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
}

const hasCode = (row, code) => row.code.trim() === code;

const shot = (name) => page.screenshot({ path: path.join(imagesDir, name) });

/** Runs a command from the Command Palette by its title, as a person would (F1, type, Enter). */
async function runCommand(title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 10_000 });
  await waitFor(
    `"${title}" to be the first palette entry`,
    async () => {
      const first = await page
        .locator('.quick-input-widget .monaco-list-row')
        .first()
        .innerText()
        .catch(() => '');
      return first.includes(title);
    },
    { timeout: 10_000, interval: 100 },
  );
  await page.keyboard.press('Enter');
}

/** The rows of the open quick pick (their labels and details). */
const quickPickRows = () => page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();

/** The text of the language status hover (the `{}` of the status bar), opened by clicking it. */
async function languageStatusText() {
  const hover = page.locator('.monaco-hover:not(.hidden) .hover-language-status');
  if (
    !(await hover
      .first()
      .isVisible()
      .catch(() => false))
  )
    await page.locator('#status\\.languageStatus').click();
  await hover.first().waitFor({ timeout: 10_000 });
  return (await hover.allInnerTexts()).join('\n').replace(/\s+/g, ' ');
}

/** Whether a frame is on screen: its iframe and every iframe around it shown (a closed webview's frame can linger). */
async function frameShown(frame) {
  for (let f = frame; f.parentFrame(); f = f.parentFrame()) {
    const el = await f.frameElement().catch(() => null);
    if (!el || !(await el.isVisible().catch(() => false))) return false;
  }
  return true;
}

/** The top of the element with `id` in the markdown preview on screen, or undefined. */
async function previewTop(id) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || !(await frameShown(frame))) continue;
    const top = await frame
      .evaluate((x) => {
        const el = document.getElementById(x);
        return el && document.querySelector('.markdown-body, body.vscode-body') ? el.getBoundingClientRect().top : null;
      }, id)
      .catch(() => null);
    if (typeof top === 'number') return top;
  }
  return undefined;
}

/** Waits for the markdown preview of the rule's page (docs/rules/<id>.md) with its heading at the top; the heading's top. */
async function previewAtRule(id) {
  await page.locator('.tabs-container .tab', { hasText: `Preview ${id}.md` }).waitFor({ timeout: 20_000 });
  return waitFor(
    `the preview of ${id} with its heading at the top`,
    async () => {
      const top = await previewTop(id);
      return top !== undefined && top > -40 && top < 200 ? top : false;
    },
    { timeout: 20_000, interval: 250, detail: async () => `top of #${id}: ${await previewTop(id)}` },
  );
}

async function closeEditorTab(title) {
  const tab = page.locator('.tabs-container .tab', { hasText: title }).first();
  if (!(await tab.isVisible().catch(() => false))) return;
  await tab.click();
  await page.keyboard.press('Control+W');
  await tab.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
}

/** The ClaimNote output channel as VS Code logs it to disk (every line, not just those on screen). */
function outputLog() {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/ClaimNote\.log$/.test(e.name)) found.push(p);
    }
  };
  walk(path.join(prof.userData, 'logs'));
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

// ----------------------------------------------------------------- checks
const checks = [];

checks.push([
  'Problems panel lists modifier-50, units and muscle-count with their messages',
  async () => {
    await editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await openProblems();
    const wanted = ['modifier-50', 'units', 'muscle-count'];
    const rows = await waitFor(
      `Problems rows with codes ${wanted.join(', ')}`,
      async () => {
        const r = await problems();
        return wanted.every((c) => r.some((p) => hasCode(p, c))) ? r : false;
      },
      { timeout: 30_000, detail: problemsSeen },
    );
    for (const c of wanted) {
      const row = rows.find((p) => hasCode(p, c));
      assert.match(row.source, /claimnote/, `the ${c} row names its source: ${row.text}`);
      assert.ok(row.message.trim().length > 10, `the ${c} row shows a message: ${row.text}`);
    }
    for (const r of rows) step(`Problems: ${r.text}`);
  },
]);

checks.push([
  'hover on 20552 explains that the code counts muscles',
  async () => {
    await focusEditor();
    await gotoLineCol(CODE_LINE, CODE_COL);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
    // `.markdown-hover` parts come from hover providers; `.marker` parts are diagnostics,
    // whose messages may mention muscles too and must not count here.
    let seen = '';
    const text = await waitFor(
      'a hover from the extension',
      async () => {
        seen = (await hover.allInnerTexts()).join('\n');
        const parts = await hover.locator('.markdown-hover').allInnerTexts();
        const t = parts.join('\n');
        return /muscle/i.test(t) ? t : false;
      },
      { timeout: 15_000 },
    ).catch((err) => {
      throw new Error(`${err.message}; hover showed: ${JSON.stringify(seen)}`);
    });
    step(`hover: ${JSON.stringify(text.slice(0, 160))}`);
    assert.match(text, /one or two muscles|counts muscles/i);
    await page.keyboard.press('Escape');
  },
]);

checks.push([
  'quick fix "Change 20552 to 20553" rewrites the line and clears muscle-count',
  async () => {
    await focusEditor();
    await gotoLineCol(CODE_LINE, CODE_COL);
    const title = 'Change 20552 to 20553';
    const items = await openFixMenu(title);
    step(`quick fixes: ${items.join(' | ')}`);
    await chooseFix(title);
    await waitFor('the line to read 20553', async () => /line 20553 mod 50/.test(await editorText()), {
      timeout: 10_000,
      detail: editorText,
    });
    assert.doesNotMatch(await editorText(), /20552/);
    await openProblems();
    const rows = await waitFor(
      'muscle-count to leave the Problems panel',
      async () => {
        const r = await problems();
        return r.length && !r.some((p) => hasCode(p, 'muscle-count')) ? r : false;
      },
      { timeout: 20_000, detail: problemsSeen },
    );
    assert.ok(
      rows.some((p) => hasCode(p, 'modifier-50')),
      'modifier-50 is still reported',
    );
    step(`Problems now: ${rows.map((r) => r.code).join(', ')}`);
  },
]);

checks.push([
  'typing a line with units 3 adds a units diagnostic on it',
  async () => {
    await openProblems();
    const unitsRows = async () => (await problems()).filter((p) => hasCode(p, 'units'));
    const before = await unitsRows();
    await focusEditor();
    await gotoLineCol(CODE_LINE, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('line 20553 units 3 dx A', { delay: 20 });
    await waitFor('the typed line in the editor', async () => /line 20553 units 3 dx A/.test(await editorText()), {
      timeout: 10_000,
      detail: editorText,
    });
    const newLine = CODE_LINE + 1;
    const rows = await waitFor(
      `a units diagnostic on line ${newLine}`,
      async () => {
        const r = await unitsRows();
        return r.length > before.length && r.some((p) => p.text.includes(`[Ln ${newLine},`)) ? r : false;
      },
      { timeout: 20_000, detail: problemsSeen },
    );
    step(`units diagnostics: ${rows.map((r) => r.text).join(' | ')}`);
    // Diagnostics of the half-typed line may still be on their way: let the panel settle
    // (the same rows for 1.5 s), then the complete line must have no syntax error.
    const settled = await settledProblems();
    const syntax = settled.filter((p) => hasCode(p, 'syntax'));
    assert.equal(syntax.length, 0, `syntax errors remain: ${syntax.map((p) => p.text).join(' | ')}`);
    assert.ok(
      settled.some((p) => hasCode(p, 'units') && p.text.includes(`[Ln ${newLine},`)),
      'units on the new line after settling',
    );
    await shot('typing.png');
  },
]);

checks.push([
  "the language status item shows the server running and the workspace's claims, errors and warnings",
  async () => {
    await openProblems();
    const rows = await settledProblems();
    const rowsWith = (icon) =>
      page
        .locator('.markers-panel .monaco-list-row')
        .evaluateAll((els, c) => els.filter((r) => r.querySelector(`.codicon-${c}`)).length, icon);
    const errorRows = await rowsWith('error');
    const warningRows = await rowsWith('warning');
    await focusEditor();
    const text = await waitFor(
      'counts in the language status',
      async () => {
        const t = await languageStatusText();
        return /ClaimNote: 1 claim, \d+ errors?, \d+ warnings?/.test(t) ? t : false;
      },
      { timeout: 20_000, detail: languageStatusText },
    );
    step(`language status: ${text}`);
    assert.match(text, /server running/);
    const [, errors, warnings] = /(\d+) errors?, (\d+) warnings?/.exec(text).map(Number);
    assert.equal(errors, errorRows, `the errors counted match the Problems panel (${rows.length} rows)`);
    assert.equal(warnings, warningRows, 'the warnings counted match the Problems panel');
    await shot('language-status.png');
    await page.keyboard.press('Escape');
  },
]);

checks.push([
  'ClaimNote: Check Workspace shows the summary and opens the Problems panel',
  async () => {
    await closePanel();
    await runCommand('ClaimNote: Check Workspace');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'ClaimNote checked' });
    await toast.waitFor({ timeout: 15_000 });
    const text = (await toast.innerText()).replace(/\s+/g, ' ');
    step(`notification: ${text}`);
    assert.match(text, /ClaimNote checked 1 \.claim file, 1 claim, 0 policies: \d+ errors?, \d+ warnings?, \d+ infos?\./);
    await toast.hover(); // (the whole message, and the toast past its fade-in)
    await page.waitForTimeout(600);
    await shot('check-workspace.png');
    await toast.locator('.monaco-button', { hasText: 'Open Problems' }).click();
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
  },
]);

checks.push([
  "ClaimNote: Open Rule Documentation: picking muscle-count opens the rule's page rendered",
  async () => {
    await runCommand('ClaimNote: Open Rule Documentation');
    const input = page.locator('.quick-input-widget input');
    await waitFor('the rule picker', async () => (await quickPickRows()).some((r) => r.startsWith('syntax')), {
      timeout: 10_000,
      detail: quickPickRows,
    });
    await input.fill('muscle-count');
    await waitFor('muscle-count first in the picker', async () => (await quickPickRows())[0]?.includes('muscle-count'), {
      timeout: 10_000,
      detail: quickPickRows,
    });
    await page.keyboard.press('Enter');
    try {
      const top = await previewAtRule('muscle-count');
      step(`preview: #muscle-count at ${Math.round(Number(top))} px from the top`);
      await shot('rule-docs.png');
    } finally {
      await closeEditorTab('Preview muscle-count.md');
    }
  },
]);

checks.push([
  'clicking a rule id in the Problems panel opens that rule rendered, not the raw file',
  async () => {
    await openProblems();
    const link = page.locator('.markers-panel .monaco-list-row a.monaco-link', { hasText: 'modifier-50' }).first();
    await link.waitFor({ timeout: 15_000 });
    const href = await link.getAttribute('href');
    step(`rule link: ${href}`);
    assert.match(href, /^command:claimnote\.openRuleDocumentation\?/);
    await link.click();
    try {
      await previewAtRule('modifier-50');
      assert.equal(
        await page.locator('.tabs-container .tab', { hasText: /^(rules|modifier-50)\.md/ }).count(),
        0,
        'no raw markdown is opened',
      );
    } finally {
      await closeEditorTab('Preview modifier-50.md');
    }
  },
]);

checks.push([
  'Insert Snippet offers the claim and payer policy snippets',
  async () => {
    await focusEditor();
    await runCommand('Snippets: Insert Snippet');
    const rows = await waitFor(
      'the snippets',
      async () => {
        const r = await quickPickRows();
        return r.some((t) => t.startsWith('tpi-claim')) && r.some((t) => t.startsWith('payer-policy')) ? r : false;
      },
      { timeout: 10_000, detail: quickPickRows },
    );
    step(`snippets: ${rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
    await page.keyboard.press('Escape');
  },
]);

checks.push([
  'Restart Language Server: the status shows it running again, and the output logs no error',
  async () => {
    await focusEditor();
    await runCommand('ClaimNote: Restart Language Server');
    await waitFor('the output to log the restart', () => /Restarting the ClaimNote language server/.test(outputLog()), {
      timeout: 15_000,
      detail: outputLog,
    });
    const text = await waitFor(
      'the server running again with counts',
      async () => {
        const t = await languageStatusText();
        return /server running/.test(t) && /ClaimNote: 1 claim/.test(t) ? t : false;
      },
      { timeout: 30_000, detail: languageStatusText },
    );
    await page.keyboard.press('Escape');
    step(`after the restart: ${text}`);
    const log = outputLog();
    const restartAt = log.lastIndexOf('Restarting the ClaimNote language server');
    const after = log.slice(restartAt);
    assert.doesNotMatch(after, /\[Error/, `no error after the restart:\n${after}`);
    assert.match(after, /exited normally/);
    await editor().locator('.squiggly-error').first().waitFor({ timeout: 20_000 });
  },
]);

checks.push([
  'the walkthrough is listed; its first step opens the example claim and is checked off',
  async () => {
    await runCommand('Welcome: Open Walkthrough...');
    const title = 'Get started with ClaimNote';
    await waitFor('the ClaimNote walkthrough in the list', async () => (await quickPickRows()).some((r) => r.includes(title)), {
      timeout: 15_000,
      detail: quickPickRows,
    });
    await page.locator('.quick-input-widget input').fill('ClaimNote');
    await waitFor('the walkthrough first', async () => (await quickPickRows())[0]?.includes(title), {
      timeout: 10_000,
      detail: quickPickRows,
    });
    await page.keyboard.press('Enter');
    const slide = page.locator('.gettingStartedSlideDetails');
    await slide.waitFor({ state: 'visible', timeout: 15_000 });
    for (const t of ['Open an example claim', 'See what a payer would deny', 'Fix it in one click', 'Set a payer policy']) {
      await slide.locator('.getting-started-step', { hasText: t }).first().waitFor({ timeout: 10_000 });
    }
    const first = slide.locator('.getting-started-step[data-step-id$="openExample"]');
    await first.click();
    // the picture: without the panel and the side bar, the step's media shows beside the steps
    await closePanel();
    await page.keyboard.press('Control+B');
    await waitFor(
      "the step's markdown media beside the steps",
      async () => {
        for (const frame of page.frames()) {
          const t = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
          if (t.includes('An example claim') && t.includes('nothing is written to your workspace')) return true;
        }
        return false;
      },
      { timeout: 20_000 },
    );
    await shot('walkthrough.png');
    await page.keyboard.press('Control+B');
    await slide.locator('.monaco-button, a', { hasText: 'Open the example' }).first().click();
    await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first().waitFor({ timeout: 15_000 });
    await waitFor('the example in the editor', async () => /claim TPI-2026-0001/.test(await editorText()), {
      timeout: 10_000,
      detail: editorText,
    });
    await openProblems();
    await waitFor('unknown-payer for the example', async () => (await problems()).some((p) => hasCode(p, 'unknown-payer')), {
      timeout: 20_000,
      detail: problemsSeen,
    });
    await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
    await waitFor('the first step checked off', async () => (await first.getAttribute('aria-checked')) === 'true', { timeout: 10_000 });
    // the fix step: its button puts the cursor on a problem of the 20552 line and opens the light bulb
    await slide.locator('.getting-started-step[data-step-id$="fixProblem"]').click();
    await slide.locator('.monaco-button, a', { hasText: 'Show the fixes' }).first().click();
    const menu = page.locator('.action-widget');
    await waitFor(
      'the light bulb\'s menu with "Change 20552 to 20553"',
      async () =>
        (
          await menu
            .locator('.monaco-list-row')
            .allInnerTexts()
            .catch(() => [])
        ).some((t) => t.includes('Change 20552 to 20553')),
      {
        timeout: 20_000,
        detail: () =>
          menu
            .locator('.monaco-list-row')
            .allInnerTexts()
            .catch(() => []),
      },
    );
    await page.keyboard.press('Escape');
    await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
    // the policy step: its button appends the payer policy snippet, and unknown-payer goes
    await slide.locator('.getting-started-step[data-step-id$="payerPolicy"]').click();
    await slide.locator('.monaco-button, a', { hasText: 'Add a policy for acme-ppo' }).first().click();
    await waitFor('the policy in the example', async () => /policy acme-ppo "Acme PPO"/.test(await editorText()), {
      timeout: 10_000,
      detail: editorText,
    });
    await page.keyboard.press('Escape'); // (leave the snippet's placeholders)
    await waitFor(
      'unknown-payer to go',
      async () => {
        const r = await problems();
        return r.some((p) => hasCode(p, 'muscle-count')) && !r.some((p) => hasCode(p, 'unknown-payer'));
      },
      { timeout: 20_000, detail: problemsSeen },
    );
    await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
    await waitFor(
      'the policy step checked off',
      async () => (await slide.locator('.getting-started-step[data-step-id$="payerPolicy"]').getAttribute('aria-checked')) === 'true',
      { timeout: 10_000 },
    );
  },
]);

checks.push([
  "the extension's details page shows the user-facing README with its screenshot, and the icon",
  async () => {
    await page.keyboard.press('Control+Shift+X');
    const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'ClaimNote' }).first();
    await row.waitFor({ timeout: 20_000 });
    const icon = row.locator('img.icon');
    await waitFor('the icon in the list', async () => icon.evaluate((img) => img.complete && img.naturalWidth === 128).catch(() => false), {
      timeout: 10_000,
    });
    await row.click();
    await page.locator('.extension-editor').waitFor({ timeout: 15_000 });
    const readme = await waitFor(
      'the README with a loaded picture',
      async () => {
        for (const frame of page.frames()) {
          const r = await frame
            .evaluate(() => {
              const h1 = document.querySelector('h1');
              if (!h1 || !/ClaimNote/.test(h1.textContent)) return null;
              const imgs = [...document.querySelectorAll('img')];
              return {
                text: document.body.innerText,
                images: imgs.map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })),
              };
            })
            .catch(() => null);
          if (r && r.images.length && r.images.every((i) => i.ok)) return r;
        }
        return false;
      },
      { timeout: 20_000 },
    );
    step(`details page: ${readme.images.length} pictures, ${readme.images.map((i) => i.src.slice(0, 22)).join(', ')}...`);
    assert.match(readme.text, /Check trigger point injection claims before the payer does/);
    assert.doesNotMatch(readme.text, /npm install/);
    await closePanel();
    await waitFor(
      'the icon in the header',
      async () =>
        page
          .locator('.extension-editor .header img.icon')
          .evaluate((img) => img.complete && img.naturalWidth === 128)
          .catch(() => false),
      { timeout: 10_000 },
    );
    await shot('details.png');
    await closeEditorTab('Extension: ClaimNote');
  },
]);

// ------------------------------------------------------ a biller's first hour
// The headline example (examples/headline-problems.claim, as shipped) in a window of its own, as a
// biller meets it: open it, read the problems, hover the code, complete the diagnosis, then fix
// everything with the light bulb alone. Every problem of the example has a fix (no line to type).
const EXAMPLE = 'headline-problems.claim';

/** A second code-server and window on a fresh folder holding `files` (paths in the repository). */
async function freshWindow(prefix, files) {
  const dir = tempDir(prefix);
  const ws = path.join(dir, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  for (const f of files) fs.copyFileSync(path.join(root, f), path.join(ws, path.basename(f)));
  const prof2 = profile(dir);
  installVsix(prof2, vsix);
  const server2 = await startCodeServer(prof2, ws, { echo: verbose, cwd: dir });
  const chrome2 = await launchChromium();
  const close = async () => {
    await chrome2.close();
    await server2.stop();
    if (!process.env.E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await chrome2.page.goto(`${server2.base}/?folder=${encodeURIComponent(ws)}`);
    await chrome2.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  } catch (err) {
    await close();
    throw err;
  }
  return { page: chrome2.page, prof: prof2, close };
}

/** A message's first clause: up to its first sentence's end. */
const firstClause = (message) => message.split(/(?<=\.)\s/)[0];

/** Titles and messages a biller reads are plain text: no markdown backticks. */
const assertPlain = (what, text) => assert.doesNotMatch(text, /`/, `${what} is plain text: ${JSON.stringify(text)}`);

/** Problems rows are plain text, and each message's first clause reads at a glance. */
function assertReadable(rows) {
  for (const r of rows) {
    assertPlain(`the ${r.code} message`, r.message);
    const first = firstClause(r.message);
    assert.ok(first.length <= 100, `the ${r.code} message's first clause is short (${first.length} characters): ${first}`);
  }
}

/** Whether a line of the editor matches `re` (the view shows inlay hints after the text, and no empty lines). */
const hasLine = async (re) => (await editorText()).split('\n').some((l) => re.test(l));

checks.push([
  "a biller's first hour: the headline example from open to zero problems with the light bulb alone",
  async () => {
    const w = await freshWindow('claimnote-e2e-walk-', [`examples/${EXAMPLE}`]);
    const main = { page, prof };
    ({ page, prof } = w); // the helpers drive `page`: the walk's window until the end of the walk
    try {
      await openFromExplorer(EXAMPLE);
      await editor().locator('.squiggly-error').first().waitFor({ timeout: 40_000 });
      await openProblems();
      const wanted = ['icd-not-billable', 'laterality-missing', 'muscle-count', 'modifier-50', 'units', 'drug-supply-code'];
      await waitFor(
        "the example's six problems",
        async () => {
          const r = await problems();
          return wanted.every((c) => r.some((p) => hasCode(p, c))) ? r : false;
        },
        { timeout: 30_000, detail: problemsSeen },
      );
      let rows = await settledProblems();
      for (const r of rows) step(`Problems: ${r.text}`);
      assert.deepEqual(rows.map((r) => r.code.trim()).sort(), [...wanted].sort(), 'the six problems, each once');
      assertReadable(rows);
      // modifier-50 and muscle-count name the same code to bill: the one the three muscles call for
      const billed = (code) => /bill (\d{5})/.exec(rows.find((r) => hasCode(r, code)).message)?.[1];
      assert.equal(billed('modifier-50'), '20553', 'modifier-50 says which code to bill');
      assert.equal(billed('muscle-count'), billed('modifier-50'), 'muscle-count and modifier-50 agree on the code');
      await focusEditor();
      await shot('problems.png');

      // what is 20552? the hover on the code (VS Code gives a hover about 250 px and a scroll bar:
      // the diagnostics at the position, then what the code is, then the payment, the why, the sources)
      await closePanel();
      await focusEditor();
      await gotoLineCol(11, 8);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
      await waitFor(
        'the hover on 20552',
        async () => /one or two muscles/i.test((await hover.locator('.markdown-hover').allInnerTexts()).join('\n')),
        { timeout: 15_000, detail: () => hover.allInnerTexts() },
      );
      await page.waitForTimeout(300); // (the hover's fade-in)
      await shot('hover.png');
      await page.keyboard.press('Escape');

      // which M79.1 code? completion after M79.1 offers the billable codes, with their descriptions
      // (the side bar hidden: room for the details of the focused code beside the list)
      await openProblems();
      await focusEditor();
      await page.keyboard.press('Control+B');
      await gotoLineCol(10, 20);
      await page.keyboard.press('Control+Space');
      const suggest = page.locator('.editor-widget.suggest-widget.visible');
      const billable = ['M79.10', 'M79.11', 'M79.12', 'M79.18'];
      const offered = /** @type {string[]} */ (
        await waitFor(
          'the billable M79.1 codes in the completion list',
          async () => {
            const r = (
              await suggest
                .locator('.monaco-list-row')
                .allInnerTexts()
                .catch(() => [])
            ).map((t) => t.replace(/\s+/g, ' ').trim());
            return billable.every((c) => r.some((t) => t.startsWith(c))) ? r : false;
          },
          {
            timeout: 15_000,
            detail: () =>
              suggest
                .locator('.monaco-list-row')
                .allInnerTexts()
                .catch(() => []),
          },
        )
      );
      step(`completion: ${offered.join(' | ')}`);
      for (const c of billable)
        assert.match(
          offered.find((t) => t.startsWith(c)),
          /Myalgia/,
          `${c} is offered with its description`,
        );
      assert.ok(!offered.some((t) => /^M79\.1(\s|$)/.test(t)), 'the header M79.1 is not offered');
      // the code that fits the muscles is focused; its details (Ctrl+Space again) say so. The list
      // widened by its right edge, as a user would, to read the longer descriptions whole
      await waitFor(
        'M79.18 focused',
        async () =>
          (
            await suggest
              .locator('.monaco-list-row.focused')
              .innerText()
              .catch(() => '')
          ).includes('M79.18'),
        { timeout: 5000 },
      );
      const box = await suggest.boundingBox();
      if (box) {
        await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width + 120, box.y + box.height / 2, { steps: 5 });
        await page.mouse.up();
      }
      await page.keyboard.press('Control+Space');
      const details = page.locator('.suggest-details-container .suggest-details');
      await waitFor('the details of M79.18', async () => /fits this claim's muscles/i.test(await details.innerText().catch(() => '')), {
        timeout: 5000,
        detail: () => details.innerText().catch(() => ''),
      });
      await page.waitForTimeout(300);
      await shot('completion-icd.png');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+B');

      // the diagnosis needs a choice: the light bulb lists the billable codes; M79.18 fits the muscles
      await focusEditor();
      await gotoLineCol(10, 15);
      let items = await openFixMenu('Replace with M79.18');
      step(`light bulb on M79.1: ${items.join(' | ')}`);
      for (const t of items) assertPlain('the fix title', t);
      for (const c of billable)
        assert.ok(
          items.some((t) => t.startsWith(`Replace with ${c} (Myalgia`)),
          `the light bulb offers ${c} with its description`,
        );
      await chooseFix('Replace with M79.18');
      await waitFor('the diagnosis to read M79.18', async () => hasLine(/^\s*diagnosis A M79\.18 /), {
        timeout: 10_000,
        detail: editorText,
      });
      await waitFor(
        'icd-not-billable to go',
        async () => {
          const r = await problems();
          return r.length && !r.some((p) => hasCode(p, 'icd-not-billable')) ? r : false;
        },
        { timeout: 20_000, detail: problemsSeen },
      );

      // the service line: "Fix all ClaimNote problems (N)" fixes the N problems it counts
      rows = await settledProblems();
      await focusEditor();
      await gotoLineCol(11, 8);
      items = await openFixMenu('Fix all ClaimNote problems (');
      step(`light bulb on 20552: ${items.join(' | ')}`);
      for (const t of items) assertPlain('the fix title', t);
      for (const t of ['Change 20552 to 20553', 'Remove modifier 50', 'Set units to 1'])
        assert.ok(
          items.some((i) => i.startsWith(t)),
          `the light bulb offers "${t}"`,
        );
      await page.waitForTimeout(300);
      await shot('quickfix.png');
      const fixAll = items.find((t) => t.startsWith('Fix all ClaimNote problems ('));
      const n = Number(/\((\d+)\)/.exec(fixAll)?.[1]);
      assert.equal(n, 3, `Fix all counts muscle-count, modifier-50 and units: ${fixAll}`);
      await chooseFix('Fix all ClaimNote problems (');
      await waitFor('the line to read 20553, units 1', async () => hasLine(/^\s*line 20553 units 1 dx A\b/), {
        timeout: 10_000,
        detail: editorText,
      });
      await waitFor(
        'muscle-count, modifier-50 and units to go',
        async () => !(await problems()).some((p) => ['muscle-count', 'modifier-50', 'units'].some((c) => hasCode(p, c))),
        { timeout: 20_000, detail: problemsSeen },
      );
      const left = await settledProblems();
      step(`after Fix all: ${left.map((r) => r.text).join(' | ')}`);
      assert.equal(rows.length - left.length, n, `Fix all fixed the ${n} problems its title states`);
      assertReadable(left);

      // what Fix all leaves, one fix each: the side modifier, the drug's J-code line
      await focusEditor();
      await gotoLineCol(11, 8);
      await openFixMenu('Add modifier LT');
      await chooseFix('Add modifier LT');
      await waitFor('the line to read 20553-LT', async () => hasLine(/^\s*line 20553-LT units 1 dx A\b/), {
        timeout: 10_000,
        detail: editorText,
      });
      await focusEditor();
      await gotoLineCol(14, 12); // drug triamcinolone
      items = await openFixMenu('Insert a J3301 line with 4 units');
      for (const t of items) assertPlain('the fix title', t);
      await chooseFix('Insert a J3301 line with 4 units');
      await waitFor('the J3301 line under the 20553 line', async () => hasLine(/^\s*line J3301 units 4 dx A\s*$/), {
        timeout: 10_000,
        detail: editorText,
      });

      // zero problems
      await waitFor('the Problems panel to be empty', async () => (await problems()).length === 0, {
        timeout: 20_000,
        detail: problemsSeen,
      });
      const empty = await settledProblems();
      assert.equal(empty.length, 0, `no problems left: ${empty.map((r) => r.text).join(' | ')}`);
      await page.locator('.markers-panel', { hasText: 'No problems have been detected in the workspace' }).waitFor({ timeout: 10_000 });
      step('no problems left');

      // the code lens above the claim: the expected payment of the fixed claim, details on hover
      await closePanel();
      await focusEditor();
      const lens = page.locator('.monaco-editor .codelens-decoration span', { hasText: 'Expected $' }).first();
      await lens.waitFor({ timeout: 20_000 });
      const lensTitle = await lens.innerText();
      step(`code lens: ${(await page.locator('.monaco-editor .codelens-decoration').first().innerText()).replace(/\s+/g, ' ')}`);
      assert.match(lensTitle, /^Expected \$\d+\.\d\d$/);
      await lens.hover();
      // the lens's tooltip is the element's title, shown by the browser on hover (not in screenshots)
      const tooltip = await lens.getAttribute('title');
      step(`code lens tooltip: ${JSON.stringify(tooltip)}`);
      assert.match(
        tooltip ?? '',
        /20553 \$\d+\.\d\d: Medicare 2026 national, non-facility\. Payer medicare pays 100% of it\./,
        'hovering the lens shows its tooltip (the client middleware copies it from the argument)',
      );
      const session = page.locator('.monaco-editor .codelens-decoration span', { hasText: 'Session 1 of 3' }).first();
      assert.match((await session.getAttribute('title')) ?? '', /Sessions of patient P-10442 with medicare/);
      await shot('codelens.png');

      // the Outline: the claim, and its diagnosis and lines (the folder's section collapsed and the
      // side bar wider, for the picture)
      await page.locator('.explorer-viewlet .pane-header', { hasText: 'Workspace' }).first().click();
      const bar = await page.locator('.part.sidebar').boundingBox();
      if (bar) {
        await page.mouse.move(bar.x + bar.width + 1, bar.y + 300);
        await page.mouse.down();
        await page.mouse.move(bar.x + bar.width + 150, bar.y + 300, { steps: 5 });
        await page.mouse.up();
      }
      await runCommand('Explorer: Focus on Outline View');
      const outline = page.locator('.outline-pane');
      const outlineRows = /** @type {string[]} */ (
        await waitFor(
          'the claim and its lines in the Outline',
          async () => {
            const r = (
              await outline
                .locator('.monaco-list-row')
                .allInnerTexts()
                .catch(() => [])
            ).map((t) => t.replace(/\s+/g, ' ').trim());
            return r.some((t) => t.includes('TPI-2026-0301')) && r.some((t) => t.includes('20553-LT')) && r.some((t) => t.includes('J3301'))
              ? r
              : false;
          },
          {
            timeout: 15_000,
            detail: () =>
              outline
                .locator('.monaco-list-row')
                .allInnerTexts()
                .catch(() => []),
          },
        )
      );
      step(`outline: ${outlineRows.join(' | ')}`);
      await focusEditor();
      await shot('outline.png');
    } catch (err) {
      // the picture of the walk's window (the run's own failure picture shows the main one)
      const file = path.join(root, 'test-results/e2e-walk-failure.png');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file }).then(
        () => console.log(`screenshot of the walk's failure: ${file}`),
        () => {},
      );
      throw err;
    } finally {
      ({ page, prof } = main);
      await w.close();
    }
  },
]);

checks.push([
  'in an untrusted workspace (Restricted Mode) the extension runs: diagnostics appear',
  async () => {
    // a second code-server with workspace trust on: the folder, never trusted, opens restricted
    const tmp2 = tempDir('claimnote-e2e-untrusted-');
    const ws2 = path.join(tmp2, 'workspace');
    fs.cpSync(path.join(here, 'workspace'), ws2, { recursive: true });
    const prof2 = profile(tmp2, {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'always',
    });
    installVsix(prof2, vsix);
    const server2 = await startCodeServer(prof2, ws2, { echo: verbose, cwd: tmp2, workspaceTrust: true });
    const chrome2 = await launchChromium();
    const p2 = chrome2.page;
    try {
      await p2.goto(`${server2.base}/?folder=${encodeURIComponent(ws2)}`);
      await p2.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await p2.locator('#status\\.workspaceTrust, .statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
      step('the workspace is in Restricted Mode');
      const item = p2.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE });
      await item.first().waitFor({ timeout: 30_000 });
      await item.first().click();
      await p2.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 40_000 });
      await p2.keyboard.press('Control+Shift+M');
      const codes = /** @type {string[]} */ (
        await waitFor(
          'ClaimNote rows in the Problems panel',
          async () => {
            const c = await p2.locator('.markers-panel .monaco-list-row .marker-code').allInnerTexts();
            return c.includes('muscle-count') ? c : false;
          },
          { timeout: 20_000 },
        )
      );
      step(`Restricted Mode: ${codes.join(', ')}`);
      await p2.screenshot({ path: path.join(imagesDir, 'restricted-mode.png') });
    } finally {
      await chrome2.close();
      await server2.stop();
      if (!process.env.E2E_KEEP) fs.rmSync(tmp2, { recursive: true, force: true });
    }
  },
]);

checks.push([
  'an 837P batch opened in the editor: ClaimNote findings on its segments, a hover naming the loop',
  async () => {
    const w = await freshWindow('claimnote-e2e-batch-', ['test/fixtures/interchange/batch.x12']);
    const main = { page, prof };
    ({ page, prof } = w);
    try {
      await openFromExplorer('batch.x12');
      await editor().locator('.squiggly-error').first().waitFor({ timeout: 40_000 });
      await openProblems();
      const rows = await waitFor(
        'modifier-50 in the Problems panel',
        async () => {
          const r = await problems();
          return r.some((p) => hasCode(p, 'modifier-50')) ? r : false;
        },
        { timeout: 30_000, detail: problemsSeen },
      );
      for (const r of rows) step(`Problems: ${r.text}`);
      const m50 = rows.find((r) => hasCode(r, 'modifier-50'));
      assert.match(m50.text, /\[Ln 26, Col 14\]/, 'at the modifier of SV1 on line 26');
      assert.ok(!rows.some((r) => /^doc-/.test(r.code.trim())), 'no documentation rules on a batch');
      await focusEditor();
      await gotoLineCol(26, 15);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)');
      const text = await waitFor(
        'the hover on the modifier',
        async () => {
          const t = (await hover.locator('.markdown-hover').allInnerTexts()).join('\n');
          return /loop 2400/.test(t) ? t : false;
        },
        { timeout: 15_000, detail: () => hover.allInnerTexts() },
      );
      step(`hover: ${JSON.stringify(String(text).slice(0, 160))}`);
      assert.match(String(text), /SV101-3: modifier 1, loop 2400: service line 1/);
      await page.waitForTimeout(300);
      await shot('batch-837p.png');
      await page.keyboard.press('Escape');
    } finally {
      ({ page, prof } = main);
      await w.close();
    }
  },
]);

checks.push([
  'the CMS-1500 preview beside the editor: the claim under the cursor, its problem boxes outlined, a click goes to the line',
  async () => {
    const w = await freshWindow('claimnote-e2e-form-', ['test/fixtures/corpus-billing/08-billing.claim']);
    const main = { page, prof };
    ({ page, prof } = w);
    try {
      await openFromExplorer('08-billing.claim');
      await editor().locator('.squiggly-error').first().waitFor({ timeout: 40_000 });
      await focusEditor();
      await gotoLineCol(87, 3); // claim BL-2 (its member id is not an MBI)
      await runCommand('ClaimNote: Preview Claim Form');
      const frame = page.frameLocator('iframe.webview').frameLocator('iframe');
      await frame.locator('svg.cms1500').waitFor({ timeout: 30_000 });
      const claim = await waitFor(
        'the preview of claim BL-2',
        async () => ((await frame.locator('svg.cms1500').getAttribute('data-claim-id')) === 'BL-2' ? 'BL-2' : false),
        { timeout: 20_000 },
      );
      step(`preview: claim ${claim}`);
      const box = frame.locator('g.box[data-box="1a"]');
      assert.match((await box.getAttribute('class')) ?? '', /has-error/, 'box 1a (the member id) is outlined as an error');
      assert.match(await box.locator('title').textContent(), /not a Medicare Beneficiary Identifier/);
      assert.ok((await frame.locator('g.box').count()) > 60, 'the boxes of the form');
      await page.waitForTimeout(400);
      await shot('form-preview.png');
      // a click on box 24F of line 1 moves the editor to the service line
      await frame.locator('g.box[data-box="24F.1"]').click();
      await waitFor('the cursor on the service line', async () => /Ln 96,/.test(await page.locator('.statusbar').innerText()), {
        timeout: 10_000,
        detail: () => page.locator('.statusbar').innerText(),
      });
    } finally {
      ({ page, prof } = main);
      await w.close();
    }
  },
]);

checks.push([
  'the workspace report in a webview: the figures and the claims table, a claim link opening the editor at its line',
  async () => {
    const w = await freshWindow('claimnote-e2e-report-', ['test/fixtures/corpus-billing/08-billing.claim']);
    const main = { page, prof };
    ({ page, prof } = w);
    try {
      await openFromExplorer('08-billing.claim');
      await editor().locator('.squiggly-error').first().waitFor({ timeout: 40_000 });
      await runCommand('ClaimNote: Open Workspace Report');
      const frame = page.frameLocator('iframe.webview').frameLocator('iframe');
      await frame.locator('table').first().waitFor({ timeout: 30_000 });
      const rows = await frame.locator('tbody tr').count();
      step(`report: ${rows} claim rows`);
      assert.equal(rows, 16, 'the 16 claims of 08-billing.claim');
      assert.ok((await frame.locator('svg').count()) >= 4, 'the charts');
      await page.waitForTimeout(400);
      await shot('report-webview.png');
      await frame.locator('tbody tr a', { hasText: 'BL-7' }).first().click();
      await waitFor('the editor at claim BL-7', async () => /Ln 192,/.test(await page.locator('.statusbar').innerText()), {
        timeout: 10_000,
        detail: () => page.locator('.statusbar').innerText(),
      });
    } finally {
      ({ page, prof } = main);
      await w.close();
    }
  },
]);

const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : undefined;
const selected = only ? checks.filter(([name]) => only.test(String(name))) : checks;

/** After a failed check: a picture of it, then the workbench as the checks expect it (the claim alone and active). */
async function restoreWorkbench(name, n) {
  if (!page) return;
  const file = path.join(root, `test-results/e2e-failure-${n}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file }).then(
    () => console.log(`    screenshot of the failure: ${file}`),
    () => {},
  );
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  // close every other tab (a preview, a webview, a second file), without saving what it changed
  for (let i = 0; i < 20; i++) {
    const titles = await page.locator('.tabs-container .tab').allInnerTexts();
    const other = titles.findIndex((t) => !t.trim().startsWith(FILE));
    if (other < 0) break;
    await page.locator('.tabs-container .tab').nth(other).click();
    await runCommand('View: Revert and Close Editor');
  }
  const tab = page.locator('.tabs-container .tab', { hasText: FILE }).first();
  if (await tab.isVisible().catch(() => false)) await tab.click();
  else await openFromExplorer(FILE);
  console.log(`    restored the workbench after "${name}"`);
}

await runChecks('VS Code (code-server) end-to-end', selected, {
  before: start,
  afterFailure: restoreWorkbench,
  after: async (failures) => {
    if (page && failures) {
      const file = path.join(root, 'test-results/e2e-failure.png');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file }).then(
        () => console.log(`screenshot of the failure: ${file}`),
        () => {},
      );
    }
    await stop();
  },
});
