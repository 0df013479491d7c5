// Runs test/vscode/suite/ inside a real VS Code's extension host, with this checkout
// (client/out and server/out, built by npm run build) as the extension under development.
//
//   npm run test:vscode
//
// Where it runs:
// - VSCODE_EXECUTABLE_PATH=/path/to/code: that desktop VS Code, through
//   @vscode/test-electron 2.5 runTests().
// - otherwise, when scripts/setup-e2e.sh has installed code-server: code-server 4.100.3
//   (VS Code 1.100.3), offline. Its browser workbench takes the development extension and
//   the tests path from the `payload` URL parameter and runs the suite in the server's
//   extension host (Node); headless Chromium only holds the page open. The suite writes
//   its results to $CLAIMNOTE_TEST_RESULT, since the browser has no exit code to give.
// - otherwise: @vscode/test-electron downloads VS Code (VSCODE_VERSION, default 1.100.3),
//   which needs internet access. VSCODE_TEST_HOST=electron forces this path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, waitFor } from '../support/process.mjs';
import { codeServerBin, checkPrerequisites, profile, startCodeServer, launchChromium } from '../support/code-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const testsPath = path.join(here, 'suite/index.js');

for (const built of ['client/out/extension.js', 'server/out/server.js']) {
  if (!fs.existsSync(path.join(root, built))) {
    console.error(`${built} is missing: run npm run build first`);
    process.exit(1);
  }
}

const tmp = tempDir('claimnote-vscode-');
const workspace = path.join(tmp, 'workspace');
fs.cpSync(path.join(root, 'test/e2e/workspace'), workspace, { recursive: true });

const useElectron = process.env.VSCODE_EXECUTABLE_PATH || process.env.VSCODE_TEST_HOST === 'electron' || !fs.existsSync(codeServerBin);
process.exitCode = useElectron ? await runInElectron() : await runInCodeServer();

async function runInElectron() {
  const { runTests } = await import('@vscode/test-electron');
  const options = {
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under development
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      path.join(tmp, 'user-data'),
    ],
  };
  if (process.env.VSCODE_EXECUTABLE_PATH) {
    options.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
    console.log(`VS Code: ${options.vscodeExecutablePath}`);
  } else {
    options.version = process.env.VSCODE_VERSION || '1.100.3';
    console.log(
      `VSCODE_EXECUTABLE_PATH is not set${fs.existsSync(codeServerBin) ? '' : ' and code-server is not installed'}: downloading VS Code ${options.version} (needs internet)`,
    );
  }
  try {
    return await runTests(options);
  } catch (err) {
    console.error(`VS Code tests could not run or failed: ${err?.message ?? err}`);
    return 1;
  }
}

async function runInCodeServer() {
  const started = Date.now();
  let server, chrome;
  const resultFile = path.join(tmp, 'result.json');
  try {
    checkPrerequisites();
    const prof = profile(tmp);
    server = await startCodeServer(prof, workspace, {
      cwd: tmp,
      echo: !!process.env.E2E_VERBOSE,
      env: { CLAIMNOTE_TEST_RESULT: resultFile },
    });
    console.log(`code-server (VS Code 1.100.3) on 127.0.0.1:${server.port}; extension under development: ${root}`);
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(testsPath)],
    ]);
    chrome = await launchChromium();
    if (process.env.E2E_VERBOSE) chrome.page.on('console', (m) => console.error(`[page] ${m.text()}`));
    await chrome.page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    await waitFor(
      'the suite to report from the extension host',
      () => {
        if (fs.existsSync(resultFile)) return true;
        const exited = /Extension Host Process exited with code: (\d+)/.exec(server.proc.output());
        if (exited)
          throw Object.assign(
            new Error(`the extension host exited (${exited[1]}) without results:\n${server.proc.output().slice(-4000)}`),
            { fatal: true },
          );
        return false;
      },
      { timeout: 180_000, interval: 250 },
    ).catch((err) => {
      throw new Error(err.message.includes('extension host exited') ? err.message : `${err.message}\n${server.proc.output().slice(-4000)}`);
    });
    const { results, failures, error } = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    for (const r of results) {
      console.log(`${r.ok ? 'ok' : 'not ok'} - ${r.title}${r.ok ? ` (${r.ms} ms)` : `\n    ${r.error.replace(/\n/g, '\n    ')}`}`);
    }
    if (error) console.log(`suite error: ${error}`);
    const passed = results.filter((r) => r.ok).length;
    const failed = error && !results.length ? 1 : failures;
    console.log(`\nVS Code extension host (code-server): ${failed ? 'FAIL' : 'PASS'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  } catch (err) {
    console.error(`VS Code tests could not run: ${err?.stack ?? err}`);
    console.log('0 passed, 1 failed');
    return 1;
  } finally {
    await chrome?.close();
    await server?.stop();
  }
}
