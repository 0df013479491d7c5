// The server and CLI bundles carry source maps and turn them on themselves: a stack trace from
// them names the TypeScript source and its line, started with a plain `node` (no flags).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'server', 'out');
const node = (args) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
const frame = (file) => new RegExp(`server[\\\\/]src[\\\\/]${file.replace('.', '\\.')}:\\d+:\\d+`);

test('each bundle has its map beside it, mapping to server/src', () => {
  for (const name of ['server.js', 'cli.js']) {
    const bundle = readFileSync(join(out, name), 'utf8');
    assert.match(bundle, new RegExp(`//# sourceMappingURL=${name.replace('.', '\\.')}\\.map\\s*$`), name);
    assert.ok(existsSync(join(out, `${name}.map`)), `${name}.map`);
    const map = JSON.parse(readFileSync(join(out, `${name}.map`), 'utf8'));
    assert.ok(map.sources.includes(`../src/${name.replace('.js', '.ts')}`), `${name}.map names its entry`);
    assert.equal(map.sourcesContent, undefined, 'mappings only, no copies of the sources');
  }
});

test('an error thrown in the CLI bundle has a stack naming server/src/cli/args.ts', () => {
  // parseArgs(null) fails reading argv[0]
  const r = node(['-e', "try { require('./server/out/cli.js').parseArgs(null) } catch (e) { console.log(e.stack) }"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^TypeError/);
  assert.match(r.stdout, new RegExp(`at (Object\\.)?parseArgs \\(.*${frame('cli/args.ts').source}\\)`), r.stdout);
  assert.doesNotMatch(r.stdout, /server[\\/]out[\\/]cli\.js:/, r.stdout);
});

test('the CLI still runs as a program, and the server crash without a transport names server/src/server.ts', () => {
  const cli = node([join(out, 'cli.js'), '--help']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /^usage: claimnote <command>/);
  const server = node([join(out, 'server.js')]);
  assert.notEqual(server.status, 0);
  assert.match(server.stderr, /Connection input stream is not set/);
  assert.match(server.stderr, frame('server.ts'), server.stderr);
});
