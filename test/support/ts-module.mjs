// server/src/settings.ts bundled on its own for the tests (it is not part of the service library).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The module, bundled by esbuild into a temporary folder and required from there. */
export function loadSettingsModule() {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-settings-'));
  try {
    const outfile = join(dir, 'settings.js');
    buildSync({ entryPoints: [join(root, 'server/src/settings.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    return createRequire(import.meta.url)(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
