// Neovim test: Debian's nvim (0.7) runs headless with test/neovim/init.lua, starts
// `node server/out/server.js --stdio` for the fixture test/e2e/workspace/headline.claim,
// and check.lua reports what the editor saw; the assertions are here.
//
//   npm run test:neovim      (CLAIMNOTE_SERVER overrides the server path, NVIM the binary)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGroup, stopGroup, runChecks, tempDir } from '../support/process.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const server = path.resolve(root, process.env.CLAIMNOTE_SERVER || 'server/out/server.js');
const nvim = process.env.NVIM_BIN || 'nvim';
const FILE = 'headline.claim';
const EXPECTED = ['modifier-50', 'units', 'muscle-count', 'icd-not-billable'];

let tmp,
  result,
  stderr = '',
  lspLog = '';

async function runNeovim() {
  if (!fs.existsSync(server)) throw new Error(`language server not found at ${server}: run npm run build`);
  tmp = tempDir('claimnote-nvim-');
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(root, 'test/e2e/workspace'), workspace, { recursive: true });
  const resultFile = path.join(tmp, 'result.json');
  const env = {
    ...process.env,
    CLAIMNOTE_SERVER: server,
    CLAIMNOTE_RESULT: resultFile,
    CLAIMNOTE_EXPECT: EXPECTED.join(','),
    // Keep Neovim's state, logs and config out of the user's home.
    XDG_CONFIG_HOME: path.join(tmp, 'config'),
    XDG_DATA_HOME: path.join(tmp, 'data'),
    XDG_STATE_HOME: path.join(tmp, 'state'),
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
  };
  const t0 = Date.now();
  const proc = spawnGroup(
    nvim,
    [
      '--headless',
      '-n',
      '-i',
      'NONE',
      '-u',
      path.join(here, 'init.lua'),
      '-c',
      `edit ${FILE}`,
      '-c',
      `luafile ${path.join(here, 'check.lua')}`,
    ],
    { cwd: workspace, env, label: 'nvim' },
  );
  proc.child.on('error', (err) => {
    stderr += `cannot start ${nvim}: ${err.message}\n`;
  });
  const timer = setTimeout(() => stopGroup(proc), 90_000);
  const { code, signal } = await proc.exited;
  clearTimeout(timer);
  await stopGroup(proc); // the language server, should Neovim have left it behind
  stderr += proc.output();
  for (const dir of ['cache/nvim', 'state/nvim']) {
    const log = path.join(tmp, dir, 'lsp.log');
    if (fs.existsSync(log)) lspLog += fs.readFileSync(log, 'utf8');
  }
  console.log(`  · nvim exited with ${signal ?? code} after ${Date.now() - t0} ms`);
  if (!fs.existsSync(resultFile)) {
    throw new Error(`Neovim wrote no result (exit ${signal ?? code})\n${stderr}\n${lspLog.slice(-4000)}`);
  }
  result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  for (const d of result.diagnostics) console.log(`  · ${d.line + 1}:${d.col + 1} ${d.source}(${d.code}) ${d.message}`);
  console.log(`  · hover: ${JSON.stringify(result.hover ?? null)}`);
  console.log(`  · code actions on 7:8: ${JSON.stringify(result.actions)}`);
  if (result.errors?.length) console.log(`  · errors: ${result.errors.join('; ')}`);
}

const checks = [
  [
    'the claimnote filetype is set and the language server attaches',
    () => {
      assert.equal(result.filetype, 'claimnote');
      assert.ok(result.attached, `no client attached\n${stderr}\n${lspLog.slice(-4000)}`);
    },
  ],
  [
    `diagnostics have codes ${EXPECTED.join(', ')}`,
    () => {
      const codes = result.diagnostics.map((d) => String(d.code));
      for (const c of EXPECTED) assert.ok(codes.includes(c), `missing ${c}; got ${codes.join(', ') || 'none'}`);
    },
  ],
  [
    'every diagnostic has source "claimnote" and a message',
    () => {
      assert.ok(result.diagnostics.length > 0, 'no diagnostics');
      for (const d of result.diagnostics) {
        assert.equal(d.source, 'claimnote', `source of ${d.code}`);
        assert.ok(d.message && d.message.length > 5, `message of ${d.code}: ${d.message}`);
      }
    },
  ],
  [
    'hover on 20552 mentions muscles',
    () => {
      assert.ok(result.hover, `no hover${result.errors?.length ? `: ${result.errors.join('; ')}` : ''}`);
      assert.match(result.hover, /muscle/i);
    },
  ],
  [
    'code actions on 20552 offer "Change 20552 to 20553"',
    () => {
      assert.ok(result.actions.includes('Change 20552 to 20553'), `got ${JSON.stringify(result.actions)}`);
    },
  ],
  [
    'editor features: completion, definition, symbols, formatting, code lens, semantic tokens, inlay hints, folding',
    () => {
      const f = result.features;
      assert.ok(f, 'no feature results');
      for (const c of ['M79.10', 'M79.11', 'M79.12', 'M79.18'])
        assert.ok(f.completion.includes(c), `completion: ${f.completion.join(', ')}`);
      assert.ok(!f.completion.includes('M79.1'));
      assert.equal(f.definition, 5, 'dx A goes to line 6');
      assert.deepEqual(f.symbols, ['Claim E2E-1']);
      // the field keywords are aligned; `line` is never padded like one
      assert.ok(f.formatting.includes('  patient  P-1'), `formatting: ${JSON.stringify(f.formatting)}`);
      assert.ok(!f.formatting.some((l) => /^\s+line\s{2,}/.test(l)), `formatting: ${JSON.stringify(f.formatting)}`);
      assert.deepEqual(f.lenses, ['Expected $51.77', 'Session 1 of 3 (medicare, 12 months)']);
      assert.ok(f.tokens >= 5 * 15, `${f.tokens / 5} semantic tokens`);
      assert.deepEqual(f.hints, ['· 3 muscles']);
      assert.equal(f.folds, 1);
    },
  ],
];

await runChecks('Neovim', checks, {
  before: runNeovim,
});
