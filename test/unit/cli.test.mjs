// The command line: formats, exit codes, folders, bad usage, unreadable files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, symlinkSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { claim } from '../helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const run = (args, cwd) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-cli-'));
  writeFileSync(join(dir, 'clean.claim'), claim({ patient: 'patient P-OK' }, { id: 'OK-1' }));
  writeFileSync(join(dir, 'bad.claim'), claim({ patient: 'patient P-BAD', line: 'line 20552 mod RT units 3 dx A' }, { id: 'BAD-1' }));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'warn.claim'), claim({ patient: 'patient P-W', exam: null }, { id: 'W-1' }));
  mkdirSync(join(dir, '.hidden'));
  writeFileSync(join(dir, '.hidden', 'skip.claim'), 'garbage line');
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'node_modules', 'skip.claim'), 'garbage line');
  writeFileSync(join(dir, 'notes.txt'), 'not a claim');
  return dir;
}

test('text output: path:line:col claim-id severity message [rule-id], 1-based, then each claim and the totals; exit 1 on an error', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = run(['check', '.'], dir);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.ok(
    lines.includes(
      'bad.claim:6:27 BAD-1 error Units 3 on 20552: set units to 1. A trigger point injection is one unit per session however many injections (MUE 1). [units]',
    ),
    r.stdout,
  );
  assert.ok(
    lines.some((l) => /^sub\/warn\.claim:1:7 W-1 warning .*\[doc-exam\]$/.test(l)),
    r.stdout,
  );
  assert.deepEqual(lines.slice(-6), [
    '',
    'claim BAD-1 at bad.claim:1: 1 error',
    'claim OK-1 at clean.claim:1: ready',
    'claim W-1 at sub/warn.claim:1: 1 warning',
    '3 claims: 1 ready, 1 with warnings, 1 with errors',
    '3 files checked: 1 error, 1 warning, 0 info, 0 hints',
  ]);
  assert.ok(!r.stdout.includes('\x1b['), 'no colour when stdout is not a terminal');
  assert.ok(!r.stdout.includes('.hidden') && !r.stdout.includes('node_modules'));
});

test('json output: exact shape, 0-based positions, fixes with edits', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = run(['check', '--format', 'json', 'bad.claim', 'clean.claim'], dir);
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(report), ['files', 'summary']);
  assert.deepEqual(
    report.files.map((f) => f.path),
    ['bad.claim', 'clean.claim'],
  );
  assert.deepEqual(report.files[1].diagnostics, []);
  const [d] = report.files[0].diagnostics;
  assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range', 'claim', 'related', 'docs', 'fixes']);
  assert.equal(d.code, 'units');
  assert.equal(d.claim, 'BAD-1');
  assert.deepEqual(d.related, []);
  assert.equal(d.docs, pathToFileURL(join(root, 'docs', 'rules.md')).href + '#units');
  assert.ok(existsSync(fileURLToPath(d.docs)), 'the link names the shipped rules page');
  assert.deepEqual(d.range, { start: { line: 5, character: 26 }, end: { line: 5, character: 27 } });
  assert.deepEqual(d.fixes, [{ title: 'Set units to 1', isPreferred: true, edits: [{ range: d.range, newText: '1' }] }]);
  assert.equal(report.summary.error, 1);
});

test('--exit-zero exits 0 after a run with errors; a clean run exits 0', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(run(['check', '--exit-zero', '.'], dir).status, 0);
  assert.equal(run(['check', 'clean.claim'], dir).status, 0);
});

test('--rule overrides a severity or turns a rule off', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const off = run(['check', '--rule', 'units=off', 'bad.claim'], dir);
  assert.equal(off.status, 0);
  assert.ok(!off.stdout.includes('[units]'));
  const info = run(['check', '--rule=units=info', '--format=json', 'bad.claim'], dir);
  assert.equal(JSON.parse(info.stdout).files[0].diagnostics[0].severity, 'info');
});

test('bad usage exits 2 with a clear message on stderr', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [args, message] of /** @type {Array<[string[], RegExp]>} */ ([
    [['check', '--bogus', '.'], /unknown option `--bogus`/],
    [['check'], /no file or folder/],
    [['check', 'missing.claim'], /no such file or folder: missing\.claim/],
    [['check', '--format', 'xml', '.'], /--format must be text, json or sarif/],
    [['check', '--dry-run', '.'], /`--dry-run` is an option of `claimnote fix`/],
    [['fix', '--format', 'json', '.'], /`--format` is an option of `claimnote check`/],
    [['fix'], /no file or folder to fix/],
    [['help', 'lint'], /unknown command `lint`/],
    [[], /missing command/],
    [['check', '--rule', 'nope=error', '.'], /--rule nope=error: there is no such rule/],
    [['check', '--rule', 'units=loud', '.'], /--rule units=loud: the severity must be error, warning, info, hint or off/],
    [['lint', '.'], /unknown command/],
  ])) {
    const r = run(args, dir);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

test('non-UTF-8 and unreadable files are unreadable-file diagnostics, not crashes; symlinks are not followed', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'latin1.claim'), Buffer.from([0x63, 0x6c, 0x61, 0x69, 0x6d, 0x20, 0xe9, 0x0a]));
  mkdirSync(join(dir, 'real'));
  writeFileSync(join(dir, 'real', 'x.claim'), claim({}, { id: 'X-1' }));
  symlinkSync(join(dir, 'real'), join(dir, 'link'));
  const r = run(['check', '--format', 'json', '.'], dir);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(
    report.files.map((f) => f.path),
    ['latin1.claim', 'real/x.claim'],
  );
  const [d] = report.files[0].diagnostics;
  assert.equal(d.code, 'unreadable-file');
  assert.deepEqual(d.range.start, { line: 0, character: 0 });
  assert.match(d.message, /not valid UTF-8/);
  assert.equal(r.status, 1);
});

test('the CLI (file by file, compacted) reports exactly what the language service reports, fixes included', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { ClaimNoteService } = await import('../helpers.mjs');
  const corpus = join(root, 'test', 'fixtures', 'corpus');
  const names = readdirSync(corpus)
    .filter((n) => n.endsWith('.claim'))
    .sort();
  const s = new ClaimNoteService();
  for (const n of names) s.setDocument(pathToFileURL(join(corpus, n)).href, readFileSync(join(corpus, n), 'utf8'));
  const report = JSON.parse(run(['check', '--format', 'json', '--exit-zero', corpus], root).stdout);
  let fixes = 0;
  for (const n of names) {
    const fromCli = report.files.find((f) => f.path.endsWith(n)).diagnostics;
    const fromService = s.findings(pathToFileURL(join(corpus, n)).href).map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: f.range,
      related: (f.related ?? []).map((x) => ({ range: x.range, message: x.message, file: fileURLToPath(x.uri) })),
      fixes: f.fixes.map((x) => ({ title: x.title, isPreferred: x.isPreferred, edits: x.edits })),
    }));
    const plain = fromCli.map(({ claim: _claim, docs: _docs, related, ...d }) => ({
      ...d,
      related: related.map((x) => ({ range: x.range, message: x.message, file: resolve(root, x.path) })),
    }));
    assert.deepEqual(
      plain.map(({ code, severity, message, range, related, fixes }) => ({ code, severity, message, range, related, fixes })),
      fromService,
      n,
    );
    fixes += fromCli.reduce((k, d) => k + d.fixes.length, 0);
  }
  assert.ok(fixes >= 40, `the corpus has fixes to compare (${fixes})`);
});

test('--rule applies to cross-claim findings too (claim ids across files), with one thread or several', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'a.claim'), claim({ patient: 'patient P-A' }, { id: 'SAME-1' }));
  writeFileSync(join(dir, 'b.claim'), claim({ patient: 'patient P-B' }, { id: 'SAME-1' }));
  for (const jobs of ['1', '2']) {
    const base = run(['check', '--format=json', `--jobs=${jobs}`, '.'], dir);
    const dup = (r) =>
      JSON.parse(r.stdout)
        .files.flatMap((f) => f.diagnostics)
        .filter((d) => d.code === 'duplicate-claim-id');
    assert.deepEqual(
      dup(base).map((d) => d.severity),
      ['error', 'error'],
      jobs,
    );
    assert.equal(base.status, 1);
    const warned = run(['check', '--format=json', `--jobs=${jobs}`, '--rule', 'duplicate-claim-id=warning', '.'], dir);
    assert.deepEqual(
      dup(warned).map((d) => d.severity),
      ['warning', 'warning'],
      jobs,
    );
    assert.equal(warned.status, 0, 'no error left');
    assert.deepEqual(dup(run(['check', '--format=json', `--jobs=${jobs}`, '--rule', 'duplicate-claim-id=off', '.'], dir)), [], jobs);
  }
});

test('a reader that closes the pipe early (| head) stops the CLI quietly', (t) => {
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (let i = 0; i < 1500; i++)
    writeFileSync(
      join(dir, `more-${i}.claim`),
      claim({ patient: `patient P-${i}`, line: 'line 20552 mod RT units 3 dx A' }, { id: `M-${i}` }),
    );
  const r = spawnSync('bash', ['-c', `"$1" "$2" check . | head -1; echo "status \${PIPESTATUS[0]}"`, 'sh', process.execPath, cli], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(r.stderr, '', 'no stack trace');
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[1], /^status [01]$/);
});

test('colour: only on a terminal, NO_COLOR (non-empty) turns it off, FORCE_COLOR and --color force it, --no-color wins', async (t) => {
  const { createRequire } = await import('node:module');
  const { wantsColor } = createRequire(import.meta.url)(cli);
  assert.equal(wantsColor(undefined, {}, true), true);
  assert.equal(wantsColor(undefined, {}, false), false);
  assert.equal(wantsColor(undefined, { NO_COLOR: '1' }, true), false);
  assert.equal(wantsColor(undefined, { NO_COLOR: '' }, true), true, 'an empty NO_COLOR is not set');
  assert.equal(wantsColor(undefined, { FORCE_COLOR: '1' }, false), true);
  assert.equal(wantsColor(undefined, { FORCE_COLOR: '' }, false), true);
  assert.equal(wantsColor(undefined, { FORCE_COLOR: '0' }, true), false);
  assert.equal(wantsColor(true, { NO_COLOR: '1' }, false), true);
  assert.equal(wantsColor(false, { FORCE_COLOR: '1' }, true), false);
  const dir = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = (extra) => {
    const e = { ...process.env, ...extra };
    delete e.NO_COLOR;
    delete e.FORCE_COLOR;
    return { ...e, ...extra };
  };
  const runEnv = (args, extra) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: env(extra) });
  const forced = runEnv(['check', '.'], { FORCE_COLOR: '1' });
  assert.match(
    forced.stdout,
    /^bad\.claim:6:27 \x1b\[1mBAD-1\x1b\[22m \x1b\[1m\x1b\[31merror\x1b\[39m\x1b\[22m Units .* \x1b\[2m\[units\]\x1b\[22m$/m,
  );
  assert.match(forced.stdout, /^claim \x1b\[1mOK-1\x1b\[22m at clean\.claim:1: \x1b\[32mready\x1b\[39m$/m);
  assert.equal(runEnv(['check', '--color', '.'], {}).stdout, forced.stdout);
  assert.equal(runEnv(['check', '--no-color', '.'], { FORCE_COLOR: '1' }).stdout, run(['check', '.'], dir).stdout);
  assert.ok(!runEnv(['check', '--format', 'json', '--color', '.'], {}).stdout.includes('\x1b'), 'JSON is never coloured');
  // on a real terminal (script(1) gives the CLI a pseudo-terminal), colour unless NO_COLOR is set
  const hasScript = spawnSync('script', ['--version']).status === 0;
  if (hasScript) {
    const onTty = (extra) =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${cli}" check clean.claim`, '/dev/null'], {
        cwd: dir,
        encoding: 'utf8',
        env: env(extra),
      }).stdout;
    assert.match(onTty({}), /\x1b\[32mready/);
    assert.doesNotMatch(onTty({ NO_COLOR: '1' }), /\x1b\[/);
  }
});

test('--version prints the version of package.json; --help and <command> --help print each usage, exit 0', async () => {
  const { readFileSync } = await import('node:fs');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const flag of ['--version', '-V']) {
    const r = run([flag], root);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `claimnote ${version}\n`);
  }
  for (const [args, head, has] of /** @type {Array<[string[], string, RegExp]>} */ ([
    [['--help'], 'usage: claimnote <command>', /check .*\n.*fix /],
    [['help'], 'usage: claimnote <command>', /--version/],
    [['check', '--help'], 'usage: claimnote check', /--format text\|json\|sarif[\s\S]*--no-color[\s\S]*Exit status/],
    [['help', 'check'], 'usage: claimnote check', /--jobs N/],
    [['fix', '--help'], 'usage: claimnote fix', /--dry-run[\s\S]*Exit status: 0 when nothing left is an error/],
    [['fix', '-h', 'whatever'], 'usage: claimnote fix', /--rule/],
  ])) {
    const r = run(args, root);
    assert.equal(r.status, 0, args.join(' '));
    assert.ok(r.stdout.startsWith(head), args.join(' '));
    assert.match(r.stdout, has);
    assert.equal(r.stderr, '');
  }
  // bad usage prints the command's own usage
  assert.match(run(['fix', '--bogus', 'x'], root).stderr, /unknown option `--bogus`\nusage: claimnote fix/);
});

test('text: `-` for a finding outside any claim, `(no id)` for a claim without one, a line for findings outside claims', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'p.claim'),
    'policy acme "Acme"\n  rate 150%\n  rate 120%\n\n' + claim({ patient: 'patient P-N' }, { id: '' }).replace('claim \n', 'claim\n'),
  );
  writeFileSync(join(dir, 'empty.claim'), '');
  const r = run(['check', '.'], dir);
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(
    lines.some((l) => /^p\.claim:3:3 - warning .*\[duplicate-field\]$/.test(l)),
    r.stdout,
  );
  assert.ok(lines.includes('p.claim:5:1 - error "claim" needs a claim id [syntax]'), r.stdout);
  assert.deepEqual(lines.slice(-4), [
    'claim (no id) at p.claim:5: 1 error',
    'p.claim: 1 warning outside any claim',
    '1 claim: 0 ready, 0 with warnings, 1 with errors',
    '2 files checked: 1 error, 1 warning, 0 info, 0 hints',
  ]);
  assert.deepEqual(run(['check', 'empty.claim'], dir).stdout.split('\n'), [
    '',
    '0 claims: 0 ready, 0 with warnings, 0 with errors',
    '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints',
    '',
  ]);
});
