// Bundles the extension client, the language server, the CLI and the service library with esbuild.
import { build } from 'esbuild';

// Whitespace and syntax are minified; identifiers are kept (readable stack traces and profiles)
// without esbuild's keepNames wrappers, which cost time on hot paths. Each bundle gets a source
// map beside it (`x.js.map`, mappings only: stack traces need file and line, not the sources).
/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

// The server and the CLI turn source maps on themselves, so that a stack trace (an internal
// error, a crash in the editor's log) names server/src/*.ts and a line however they are started.
// Node reads a file's map only when it compiles the file, so turning maps on inside the bundle
// is too late for the bundle itself: the first run of these lines turns them on and loads the
// file once more (as the main module when it is one, so `require.main === module` still holds),
// which takes a few milliseconds. Nothing else runs twice: the first run returns here.
// (process.sourceMapsEnabled is undefined before Node 20.7: there the bundle runs unmapped.)
const enableSourceMaps =
  '"use strict";if(process.sourceMapsEnabled===false){process.setSourceMapsEnabled(true);delete require.cache[__filename];' +
  'module.exports=require("node:module")._load(__filename,module,require.main===module);return}';

// vega and vega-lite are ESM with top-level await: the CommonJS bundles cannot hold them, so the
// report loads them with import() at run time (server/out/charts.mjs, else node_modules).
const chartPackages = ['vega', 'vega-lite'];

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  build({
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'server/out/server.js',
    banner: { js: enableSourceMaps },
    external: chartPackages,
  }),
  build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'server/out/cli.js',
    banner: { js: `#!/usr/bin/env node\n${enableSourceMaps}` },
    external: chartPackages,
  }),
  // The library build is loaded by the tests, whose type check (tsconfig.tests.json) reads it
  // as JavaScript: its types come from server/src, checked there, so not again here.
  build({
    ...common,
    minifyWhitespace: false,
    entryPoints: ['server/src/service.ts'],
    outfile: 'server/out/service.js',
    banner: { js: '// @ts-nocheck' },
  }),
  build({
    ...common,
    minifyWhitespace: false,
    entryPoints: ['server/src/interchange/index.ts'],
    outfile: 'server/out/interchange.js',
    banner: { js: '// @ts-nocheck' },
    external: chartPackages,
  }),
  // vega and vega-lite as one ESM file beside the bundles: the report (server/src/report/html.ts)
  // imports it at run time when it is there, so that a copy without node_modules draws charts.
  build({
    ...common,
    format: 'esm',
    minifyIdentifiers: true,
    sourcemap: false,
    entryPoints: ['server/src/report/charts.mjs'],
    outfile: 'server/out/charts.mjs',
  }),
]);
