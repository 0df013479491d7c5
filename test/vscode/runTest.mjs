// Runs test/vscode/suite/ inside a real VS Code (desktop, Electron) with
// @vscode/test-electron 2.5: the extension under development is this checkout
// (client/out and server/out must be built: npm run build).
//
//   VSCODE_EXECUTABLE_PATH=/path/to/code npm run test:vscode
//
// Without VSCODE_EXECUTABLE_PATH, @vscode/test-electron downloads VS Code
// (VSCODE_VERSION, default 1.100.3), which needs internet access.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

if (!fs.existsSync(path.join(root, 'client/out/extension.js'))) {
  console.error('client/out/extension.js is missing: run npm run build first');
  process.exit(1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'claimnote-vscode-'));
const workspace = path.join(tmp, 'workspace');
fs.cpSync(path.join(root, 'test/e2e/workspace'), workspace, { recursive: true });

const options = {
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(here, 'suite/index.js'),
  launchArgs: [
    workspace,
    '--disable-extensions', // only the extension under test
    '--disable-workspace-trust',
    '--skip-welcome',
    '--skip-release-notes',
    '--user-data-dir', path.join(tmp, 'user-data'),
  ],
};
if (process.env.VSCODE_EXECUTABLE_PATH) {
  options.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
} else {
  options.version = process.env.VSCODE_VERSION || '1.100.3';
  console.log(`VSCODE_EXECUTABLE_PATH is not set: downloading VS Code ${options.version}`);
}

let code = 1;
try {
  code = await runTests(options);
} catch (err) {
  console.error(`VS Code tests could not run or failed: ${err?.message ?? err}`);
  code = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
