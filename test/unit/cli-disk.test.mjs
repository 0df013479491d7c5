// Disk faults: the CLI answers each with its exit status and a clear message, never a stack
// trace, in bounded time and memory. Figures: docs/reliability.md, "The command line and the disk".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs, { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claim } from '../helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const run = (args, cwd, options = {}) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120e3, ...options });
const bundle = createRequire(import.meta.url)(cli);

/** The CLI in a process of its own that reports its peak memory (maxRSS) and wall time on stderr's last line. */
function measured(args, cwd) {
  const script = `const t0 = Date.now(); process.on('exit', () => require('fs').writeSync(2, '\\nmeasured ' + (Date.now() - t0) + ' ms ' + process.resourceUsage().maxRSS + ' kB\\n'));
    require(${JSON.stringify(cli)}).run(process.argv.slice(1), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((c) => { process.exitCode = c; });`;
  const r = spawnSync(process.execPath, ['-e', script, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120e3 });
  const m = /\nmeasured (\d+) ms (\d+) kB\n$/.exec(r.stderr);
  assert.ok(m, r.stderr);
  return { ...r, stderr: r.stderr.slice(0, m.index), ms: Number(m[1]), mb: Number(m[2]) / 1024 };
}

function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-disk-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const unreadable = (report, path) =>
  report.files
    .find((f) => f.path === path)
    ?.diagnostics.filter((d) => d.code === 'unreadable-file')
    .map((d) => d.message);

test('10,000 files in a folder: every one checked, in bounded time and memory', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'claims'));
  for (let i = 0; i < 10000; i++)
    writeFileSync(
      join(dir, 'claims', `f${String(i).padStart(5, '0')}.claim`),
      claim({ patient: `patient P-${i}`, line: 'line 20552 mod RT units 2 dx A' }, { id: `C-${i}` }),
    );
  const r = measured(['check', 'claims'], dir);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), '10000 files checked: 10000 errors, 0 warnings, 0 info, 0 hints');
  assert.equal(lines.at(-2), '10000 claims: 0 ready, 0 with warnings, 10000 with errors');
  assert.equal(lines.filter((l) => l.endsWith('[units]')).length, 10000);
  assert.equal(
    lines[0],
    'claims/f00000.claim:6:27 C-0 error Units 2 on 20552: set units to 1. A trigger point injection is one unit per session however many injections (MUE 1). [units]',
  );
  t.diagnostic(`10,000 files: ${r.ms} ms, peak ${r.mb.toFixed(0)} MB`);
  assert.ok(r.ms < 60e3, `${r.ms} ms`);
  assert.ok(r.mb < 1024, `${r.mb} MB`);
});

test('/dev/zero given as a path: read at most 64 MiB, reported unreadable, quickly; /dev/null is an empty file', (t) => {
  const r = measured(['check', '--format', 'json', '/dev/zero'], root);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  const [message] = unreadable(JSON.parse(r.stdout), '/dev/zero');
  assert.equal(message, 'Cannot check this file: it is not a regular file and gives more than 64 MiB (a device such as /dev/zero?)');
  t.diagnostic(`/dev/zero: ${r.ms} ms, peak ${r.mb.toFixed(0)} MB`);
  assert.ok(r.ms < 10e3, `${r.ms} ms`);
  assert.ok(r.mb < 400, `${r.mb} MB`);
  const empty = run(['check', '/dev/null'], root);
  assert.equal(empty.status, 0);
  assert.match(empty.stdout, /^1 file checked: 0 errors/m);
});

test('symbolic link loops: folders are walked without following links; a looping path given is unreadable', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a', 'ok.claim'), claim({}, { id: 'OK-1' }));
  symlinkSync('..', join(dir, 'a', 'up')); // a folder link back up: a loop if followed
  symlinkSync('self.claim', join(dir, 'self.claim')); // a link to itself
  symlinkSync('ping.claim', join(dir, 'pong.claim'));
  symlinkSync('pong.claim', join(dir, 'ping.claim'));
  const walked = run(['check', '--format', 'json', '.'], dir, { timeout: 30e3 });
  assert.equal(walked.stderr, '');
  assert.deepEqual(
    JSON.parse(walked.stdout).files.map((f) => f.path),
    ['a/ok.claim'],
  );
  assert.equal(walked.status, 0);
  const given = run(['check', '--format', 'json', 'self.claim', 'ping.claim'], dir);
  assert.equal(given.status, 1);
  assert.equal(given.stderr, '');
  const report = JSON.parse(given.stdout);
  for (const p of ['self.claim', 'ping.claim'])
    assert.deepEqual(unreadable(report, p), ['Cannot check this file: too many levels of symbolic links (ELOOP)']);
  // a link to a folder given by name is followed (once): its files are checked
  const viaLink = JSON.parse(run(['check', '--format', 'json', 'a/up/a'], dir).stdout);
  assert.deepEqual(
    viaLink.files.map((f) => f.path),
    ['a/up/a/ok.claim'],
  );
});

test('a FIFO named x.claim and a folder named x.claim: the walk skips the FIFO and enters the folder; a FIFO given is read without blocking', (t) => {
  const dir = tempDir(t);
  if (spawnSync('mkfifo', [join(dir, 'pipe.claim')]).status !== 0) return t.skip('no mkfifo');
  mkdirSync(join(dir, 'x.claim'));
  writeFileSync(join(dir, 'x.claim', 'in.claim'), claim({}, { id: 'IN-1' }));
  const walked = run(['check', '--format', 'json', '.'], dir, { timeout: 30e3 });
  assert.equal(walked.status, 0, walked.stderr);
  assert.deepEqual(
    JSON.parse(walked.stdout).files.map((f) => f.path),
    ['x.claim/in.claim'],
  );
  // given by name with no writer: nothing to read (an empty file), no hang
  const start = Date.now();
  const given = run(['check', 'pipe.claim'], dir, { timeout: 30e3 });
  assert.equal(given.status, 0, given.stderr);
  assert.match(given.stdout, /^1 file checked: 0 errors/m);
  assert.ok(Date.now() - start < 10e3);
  // a pipe with a writer (bash process substitution) is read whole
  const sub = spawnSync(
    'bash',
    [
      '-c',
      `"$1" "$2" check --format json <(cat x.claim/in.claim; sleep 0.3; printf '  line 20552 units 2 dx A\\n')`,
      'sh',
      process.execPath,
      cli,
    ],
    { cwd: dir, encoding: 'utf8', timeout: 30e3 },
  );
  assert.equal(sub.stderr, '');
  const codes = JSON.parse(sub.stdout).files[0].diagnostics.map((d) => d.code);
  assert.ok(codes.includes('units') && codes.includes('tpi-repeat-line'), codes.join());
  // a folder named x.claim given by name is walked too
  assert.deepEqual(
    JSON.parse(run(['check', '--format', 'json', 'x.claim'], dir).stdout).files.map((f) => f.path),
    ['x.claim/in.claim'],
  );
});

test('invalid UTF-8 of every kind is unreadable-file (a lone continuation byte, overlong, surrogate, truncated, Latin-1)', (t) => {
  const dir = tempDir(t);
  const bad = {
    'cont.claim': [0x80],
    'overlong.claim': [0xc0, 0xaf],
    'surrogate.claim': [0xed, 0xa0, 0x80],
    'truncated.claim': [0x63, 0xe2, 0x82],
    'latin1.claim': [0x63, 0x61, 0x66, 0xe9],
  };
  for (const [name, bytes] of Object.entries(bad))
    writeFileSync(join(dir, name), Buffer.concat([Buffer.from(claim({}, { id: name })), Buffer.from(bytes)]));
  writeFileSync(join(dir, 'good.claim'), claim({ patient: 'patient "Zoë Ñandú 日本"' }, { id: 'GOOD' }));
  const r = run(['check', '--format', 'json', '.'], dir);
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  for (const name of Object.keys(bad))
    assert.deepEqual(unreadable(report, name), ['Cannot check this file: the file is not valid UTF-8 text'], name);
  assert.deepEqual(unreadable(report, 'good.claim'), []);
});

test('a file deleted, or changed, while it is being loaded is reported unreadable with the reason (in-process, deterministic)', async (t) => {
  const dir = tempDir(t);
  const gone = join(dir, 'gone.claim'),
    moving = join(dir, 'moving.claim'),
    ok = join(dir, 'ok.claim');
  for (const [p, id] of [
    [gone, 'G-1'],
    [moving, 'M-1'],
    [ok, 'O-1'],
  ])
    writeFileSync(p, claim({ patient: `patient P-${id}` }, { id }));
  const { openSync, readFileSync: readWhole } = fs;
  // between the listing and the read, gone.claim is deleted; moving.claim grows while it is read
  fs.openSync = (p, ...rest) => {
    if (p === gone)
      try {
        unlinkSync(gone);
      } catch {
        /* done */
      }
    return openSync(p, ...rest);
  };
  // @ts-expect-error (a stand-in for the overloaded readFileSync, for this test only)
  fs.readFileSync = (what, ...rest) => {
    const bytes = readWhole(what, ...rest);
    if (typeof what === 'number' && bytes.toString().includes('M-1')) fs.appendFileSync(moving, '  note appended\n');
    return bytes;
  };
  t.after(() => {
    fs.openSync = openSync;
    fs.readFileSync = readWhole;
  });
  const out = [],
    err = [];
  const code = await bundle.run(
    ['check', '--format', 'json', dir],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  fs.openSync = openSync;
  fs.readFileSync = readWhole;
  assert.equal(code, 1);
  assert.deepEqual(err, []);
  const report = JSON.parse(out.join(''));
  const rel = (p) => p; // (given absolute: shown absolute)
  assert.deepEqual(unreadable(report, rel(gone)), [
    'Cannot check this file: it does not exist (deleted or moved while checking?) (ENOENT)',
  ]);
  assert.deepEqual(unreadable(report, rel(moving)), ['Cannot check this file: it changed while it was being read']);
  assert.deepEqual(unreadable(report, rel(ok)), []);
});

test('files deleted and rewritten while a check runs: a clean report or unreadable-file for each, never a crash', async (t) => {
  const dir = tempDir(t);
  const n = 3000;
  const paths = Array.from({ length: n }, (_, i) => join(dir, `f${i}.claim`));
  paths.forEach((p, i) => writeFileSync(p, claim({ patient: `patient P-${i}` }, { id: `C-${i}` })));
  const child = spawn(process.execPath, [cli, 'check', '--format', 'json', '--exit-zero', '.'], { cwd: dir });
  let stdout = '',
    stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise((res) => child.on('close', res));
  // while it runs: delete every third file and rewrite every third other one
  let running = true;
  void done.then(() => {
    running = false;
  });
  for (let round = 0; running && round < 50; round++) {
    for (let i = round % 3; i < n && running; i += 3) {
      try {
        if (i % 2) unlinkSync(paths[i]);
        else writeFileSync(paths[i], claim({ patient: `patient P-${i}`, line: 'line 20552 units 2 dx A' }, { id: `C-${i}` }));
      } catch {
        /* already gone */
      }
    }
    await new Promise((res) => setImmediate(res));
  }
  const status = await done;
  assert.equal(stderr, '');
  assert.equal(status, 0);
  const report = JSON.parse(stdout);
  for (const f of report.files) {
    const u = f.diagnostics.filter((d) => d.code === 'unreadable-file');
    if (u.length) assert.match(u[0].message, /^Cannot check this file: (it does not exist|it changed while it was being read)/, f.path);
  }
  t.diagnostic(
    `${report.files.length} files listed, ${report.files.filter((f) => f.diagnostics.some((d) => d.code === 'unreadable-file')).length} unreadable`,
  );
  assert.ok(readFileSync(paths[0], 'utf8').length > 0);
});
