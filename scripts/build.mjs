// Bundles the extension client, the language server, the CLI and the service library with esbuild.
import { build } from 'esbuild';

// Whitespace and syntax are minified; identifiers are kept (readable stack traces and profiles)
// without esbuild's keepNames wrappers, which cost time on hot paths.
/** @type {import('esbuild').BuildOptions} */
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minifyWhitespace: true, minifySyntax: true, sourcemap: false, logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The library build is loaded by the tests, whose type check (tsconfig.tests.json) reads it
  // as JavaScript: its types come from server/src, checked there, so not again here.
  build({ ...common, minifyWhitespace: false, entryPoints: ['server/src/service.ts'], outfile: 'server/out/service.js', banner: { js: '// @ts-nocheck' } }),
]);
