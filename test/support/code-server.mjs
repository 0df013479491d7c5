// code-server 4.100.3 (VS Code 1.100.3, installed by scripts/setup-e2e.sh) and Debian's
// headless Chromium driven by playwright-core: a real VS Code without internet access.
// See shared/VSCODE-OFFLINE.md for the recipe this follows.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { spawnGroup, stopGroup, freePort, waitFor } from './process.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const codeServerBin =
  process.env.CODE_SERVER ||
  path.join(process.env.CLAIMNOTE_E2E_CACHE || path.join(root, '.e2e-cache'), 'code-server/node_modules/.bin/code-server');
export const chromiumBin = process.env.CHROMIUM || '/usr/bin/chromium';

// A quiet, predictable editor: no welcome page, no update or gallery checks, no
// suggestion widget stealing Enter, no auto-save between an edit and its check.
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'files.autoSave': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.hover.delay': 100,
  'editor.minimap.enabled': false,
  'editor.cursorBlinking': 'solid', // identical screenshots from run to run
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

// code-server asks open-vsx.org about extensions (in extension development mode even with
// the update checks off): point its gallery at a closed port on this machine instead.
const OFFLINE_GALLERY = JSON.stringify({
  serviceUrl: 'http://127.0.0.1:9/gallery',
  itemUrl: 'http://127.0.0.1:9/items',
  resourceUrlTemplate: 'http://127.0.0.1:9/resource/{publisher}/{name}/{version}/{path}',
});

export function checkPrerequisites(extra = []) {
  for (const [what, file, hint] of [
    ['code-server', codeServerBin, 'run scripts/setup-e2e.sh'],
    ['Chromium', chromiumBin, 'run scripts/setup-e2e.sh'],
    ...extra,
  ]) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file}: ${hint}`);
  }
}

/** Folders and arguments for one code-server profile inside `tmp`; `settings` adds to or replaces the user settings. */
export function profile(tmp, settings = {}) {
  const userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\n');
  return { userData, extensions, args: ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions] };
}

/** `code-server --install-extension file.vsix` into the profile's extensions folder. */
export function installVsix(prof, vsix) {
  return execFileSync(codeServerBin, [...prof.args, '--install-extension', vsix], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

/**
 * Serves `workspace` on 127.0.0.1 and a free port; resolves once /healthz answers. Workspace
 * trust is off (every folder trusted) unless `workspaceTrust` is true: then a folder that was
 * never trusted opens in Restricted Mode (with `security.workspace.trust.enabled` in the profile).
 * @param {any} prof
 * @param {string} workspace
 * @param {{ env?: NodeJS.ProcessEnv, echo?: boolean, cwd?: string, workspaceTrust?: boolean }} [options]
 */
export async function startCodeServer(prof, workspace, { env = {}, echo = false, cwd, workspaceTrust = false } = {}) {
  const port = await freePort();
  const proc = spawnGroup(
    codeServerBin,
    [
      ...prof.args,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--disable-file-downloads',
      workspace,
    ],
    { cwd, echo, label: 'code-server', env: { ...process.env, EXTENSIONS_GALLERY: OFFLINE_GALLERY, ...env } },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    'code-server to answer /healthz',
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`code-server exited: ${proc.output()}`);
      const res = await fetch(`${base}/healthz`).catch(() => null);
      return res?.ok;
    },
    { timeout: 60_000 },
  );
  return { proc, port, base, stop: () => stopGroup(proc) };
}

/** Headless Chromium with a 1280x960 page; `close()` ends the browser's process group. */
export async function launchChromium() {
  const browserServer = await chromium.launchServer({
    executablePath: chromiumBin,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const pid = browserServer.process()?.pid;
  const browser = await chromium.connect(browserServer.wsEndpoint());
  const context = await browser.newContext({ viewport: { width: 1280, height: 960 } });
  const page = await context.newPage();
  return {
    page,
    async close() {
      await browser.close().catch(() => {});
      await browserServer.close().catch(() => {});
      if (pid) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
  };
}
