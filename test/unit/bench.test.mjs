// The benchmark runs end to end: a smoke run on tiny generated data, the current build compared
// with itself (`--baseline .`), one run of each group, nothing packaged or saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('the benchmark on tiny data, against the same build: every group completes, a figure table with ratios, no failed run', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-bench-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const args = [
    '--no-package',
    '--no-save',
    '--runs',
    '1',
    '--edits',
    '3',
    '--baseline',
    '.',
    '--data',
    join(dir, 'data'),
    '--claims',
    '120',
    '--files',
    '2',
    '--doc-claims',
    '60',
  ];
  const r = spawnSync(process.execPath, [join(root, 'bench', 'run.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `exit ${r.status} ${r.signal ?? ''}\n${r.stderr.slice(-2000)}\n${r.stdout.slice(-2000)}`);
  const out = r.stdout;
  const rows = out.split('\n').filter((l) => l.startsWith('| '));
  assert.match(rows[0], /^\| figure +\| baseline +\| current +\| current \/ baseline +\| verdict +\| target +\| result +\|$/);
  const row = (label) => {
    const found = rows.find((l) => l.startsWith(`| ${label} `));
    assert.ok(found, `no row "${label}" in\n${out}`);
    return found
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
  };
  // every figure of the three groups, measured for both builds
  for (const label of [
    'CLI, 120 claims: wall time',
    'CLI wall time / JSON.parse of the same claims',
    'CLI, 120 claims: peak RSS',
    'server: process start to initialize reply',
    'server, 60 claims: didOpen to first diagnostics',
    'server: one-character edit to diagnostics, p95',
    'server, 60 claims: peak RSS',
    'bundle: server/out/server.js',
  ]) {
    const [, baseline, current, ratio, verdict] = row(label);
    assert.match(baseline, /^\d[\d.]* (ms|s|kB|MB|GB)$|^\d[\d.]*x$/, `${label}: baseline ${baseline}`);
    assert.match(current, /^\d[\d.]* (ms|s|kB|MB|GB)$|^\d[\d.]*x$/, `${label}: current ${current}`);
    assert.match(ratio, /^\d+\.\d\d$/, `${label}: ratio ${ratio}`);
    assert.match(verdict, /^within 10%$|^\d+% (more|less)$/, `${label}: verdict ${verdict}`);
  }
  // the same build: the same bundle, the same diagnostics
  assert.deepEqual(row('bundle: server/out/server.js').slice(3, 5), ['1.00', 'within 10%']);
  assert.equal(row('CLI diagnostics per rule: current = baseline')[4], 'same');
  assert.equal(row('server diagnostics on open per rule: current = baseline')[4], 'same');
  assert.equal(row('bundle: .vsix')[2], 'not run'); // --no-package
  // no run failed or timed out
  for (const l of rows) assert.doesNotMatch(l, /failed|timed out/, l);
  assert.match(out, /server edits: \d+, \d+, \d+ ms/);
  assert.match(out, /results not saved/);
});
