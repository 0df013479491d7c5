// A TypeScript module of this repository bundled on its own for the tests (server/src/settings.ts
// and the client's modules without `vscode` are not part of the service library).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The module at `file` (relative to the repository), bundled by esbuild into a temporary folder and required from there. */
export function loadTsModule(file) {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-module-'));
  try {
    const outfile = join(dir, 'module.js');
    buildSync({
      entryPoints: [join(root, file)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
      external: ['vscode'],
    });
    return createRequire(import.meta.url)(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const loadSettingsModule = () => loadTsModule('server/src/settings.ts');
