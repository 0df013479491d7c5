// Renders the audit report of the billing corpus (test/fixtures/corpus-billing) with the built CLI
// and takes its picture in headless Chromium for the README (docs/images/report.png):
// `npm run build && node scripts/render-report-example.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '../test/support/code-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(mkdtempSync(join(tmpdir(), 'claimnote-report-')), 'report.html');
execFileSync(process.execPath, [join(root, 'server/out/cli.js'), 'report', '--out', out, 'test/fixtures/corpus-billing'], {
  cwd: root,
  stdio: 'inherit',
});
const browser = await launchChromium();
try {
  await browser.page.setViewportSize({ width: 1280, height: 900 });
  await browser.page.goto(pathToFileURL(out).href);
  await browser.page.screenshot({ path: join(root, 'docs/images/report.png'), fullPage: false });
} finally {
  await browser.close();
}
