// `claimnote fix`: the editor's Fix all, pass after pass, on files; line endings and BOM kept;
// --dry-run writes nothing and prints a diff that applies; a file changed on disk meanwhile is
// not clobbered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyPatch } from 'diff';
import { applyEdits, claim, ClaimNoteService, lib } from '../helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const run = (args, cwd) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
const bundle = createRequire(import.meta.url)(cli);
const headline = readFileSync(join(root, 'examples', 'headline-problems.claim'), 'utf8');
const crlf = (s) => s.replace(/\r?\n/g, '\r\n');

function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-fix-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** What the editor's Fix all gives, applied until nothing changes: the service's fixAllEdits on the whole workspace. */
function fixedByService(files) {
  const s = new ClaimNoteService();
  const texts = new Map(Object.entries(files).map(([name, text]) => [pathToFileURL(name).href, text]));
  for (const [uri, text] of texts) s.setDocument(uri, text);
  for (let pass = 0; pass < 10; pass++) {
    const all = s.findingsByUri();
    const next = [...texts].map(([uri, text]) => [uri, applyEdits(text, lib.fixAllEdits(all.get(uri) ?? []))]);
    if (next.every(([uri, text]) => text === texts.get(uri))) break;
    for (const [uri, text] of next) {
      texts.set(uri, text);
      s.setDocument(uri, text);
    }
  }
  return Object.fromEntries([...texts].map(([uri, text]) => [fileURLToPath(uri), text]));
}

test('fix applies every preferred fix, as Fix all does, until nothing changes; a second run changes nothing', (t) => {
  const dir = tempDir(t);
  const a = join(dir, 'a.claim'),
    b = join(dir, 'b.claim'),
    clean = join(dir, 'clean.claim');
  writeFileSync(a, headline);
  writeFileSync(b, claim({ patient: 'patient P-B', line: 'line 20553 mod 50 units 3 dx A', extra: ['line 99213 dx A'] }, { id: 'B-1' }));
  writeFileSync(clean, claim({ patient: 'patient P-C' }, { id: 'C-1' }));
  const expected = fixedByService({ [a]: headline, [b]: readFileSync(b, 'utf8'), [clean]: readFileSync(clean, 'utf8') });
  const cleanBefore = statSync(clean).mtimeMs;
  const r = run(['fix', '.'], dir);
  assert.equal(r.stderr, '');
  for (const p of [a, b, clean]) assert.equal(readFileSync(p, 'utf8'), expected[p], p);
  assert.notEqual(readFileSync(a, 'utf8'), headline);
  assert.equal(statSync(clean).mtimeMs, cleanBefore, 'a file without fixes is not written');
  assert.match(r.stdout, /^fixed a\.claim \(\d+ edits\)$/m);
  assert.match(r.stdout, /^fixed b\.claim \(\d+ edits\)$/m);
  assert.doesNotMatch(r.stdout, /clean\.claim \(/);
  // M79.1 on a claim whose muscles all lie in the head and neck: M79.12 is the preferred fix
  assert.match(readFileSync(a, 'utf8'), /diagnosis A M79\.1[128] /);
  assert.match(r.stdout, /^2 files fixed \(\d+ edits, \d passes\); left: 0 errors, /m);
  assert.equal(r.status, 0, 'no error remains');
  assert.deepEqual(readdirSync(dir).sort(), ['a.claim', 'b.claim', 'clean.claim'], 'no temporary file left');
  const again = run(['fix', '.'], dir);
  assert.match(again.stdout, /^0 files fixed \(0 edits, 1 pass\)/m);
  // M79.1 with no catalogue muscle has no preferred fix (four billable codes to choose from): the error remains, exit 1
  writeFileSync(
    a,
    readFileSync(a, 'utf8')
      .replace(/M79\.1[128] /, 'M79.1 ')
      .replace(/^ {2}muscles .*$/m, '  muscles paraspinal'),
  );
  const left = run(['fix', 'a.claim'], dir);
  assert.match(left.stdout, /^a\.claim:\d+:\d+ TPI-2026-0301 error .*\[icd-not-billable\]$/m);
  assert.equal(left.status, 1, 'an error remains');
});

test('fix keeps CRLF line endings and a byte-order mark', (t) => {
  const dir = tempDir(t);
  const lf = join(dir, 'lf.claim'),
    win = join(dir, 'win.claim');
  writeFileSync(lf, headline);
  const bytes = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(crlf(headline).replace('TPI-2026-0301', 'TPI-2026-0302').replace('P-10442', 'P-10443')),
  ]);
  writeFileSync(win, bytes);
  assert.equal(run(['fix', '.'], dir).status, 0);
  const fixedLf = readFileSync(lf, 'utf8');
  assert.ok(fixedLf.includes('  line 20553 units 1 dx A\n'), 'three fixes on one line, in two passes');
  const out = readFileSync(win);
  assert.deepEqual([...out.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
  const text = out.subarray(3).toString('utf8');
  assert.equal(text.charCodeAt(0), 0x23, 'one BOM, not two');
  assert.doesNotMatch(text, /[^\r]\n|\r[^\n]/, 'every line break is still CRLF');
  assert.equal(text, crlf(fixedLf).replace('TPI-2026-0301', 'TPI-2026-0302').replace('P-10442', 'P-10443'));
});

test('fix --dry-run writes nothing and prints a unified diff that applies to the files (summary on stderr)', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.claim'), headline);
  writeFileSync(join(dir, 'w.claim'), crlf(claim({ patient: 'patient P-W', line: 'line 20552 mod RT units 2 dx A' }, { id: 'W-1' })));
  const before = { a: readFileSync(join(dir, 'a.claim'), 'utf8'), w: readFileSync(join(dir, 'w.claim'), 'utf8') };
  const r = run(['fix', '--dry-run', '.'], dir);
  assert.equal(r.status, 0, 'no error is left after the fixes');
  assert.equal(readFileSync(join(dir, 'a.claim'), 'utf8'), before.a);
  assert.equal(readFileSync(join(dir, 'w.claim'), 'utf8'), before.w);
  assert.match(r.stdout, /^--- a\/a\.claim$/m);
  assert.match(r.stdout, /^\+\+\+ b\/w\.claim$/m);
  assert.match(r.stdout, /^-  line 20552 mod 50 units 2 dx A$/m);
  assert.match(r.stderr, /^would fix a\.claim \(\d+ edits\)$/m);
  assert.match(r.stderr, /^2 files to fix /m);
  // the diff, applied, is what fix writes
  const patches = r.stdout.split(/^(?====================================================================$)/m).filter((p) => p.trim());
  assert.equal(patches.length, 2);
  const previews = Object.fromEntries(
    patches.map((p) => {
      const name = /^--- a\/(\S+)$/m.exec(p)[1];
      return [name, applyPatch(before[name[0]], p)];
    }),
  );
  run(['fix', '.'], dir);
  assert.equal(previews['a.claim'], readFileSync(join(dir, 'a.claim'), 'utf8'));
  assert.equal(previews['w.claim'], readFileSync(join(dir, 'w.claim'), 'utf8'));
});

test('a file changed on disk after it was read is not written over (in-process, between the fixes and the write)', async (t) => {
  const dir = tempDir(t);
  const a = join(dir, 'a.claim'),
    b = join(dir, 'b.claim');
  writeFileSync(a, headline);
  writeFileSync(b, headline.replace('TPI-2026-0301', 'TPI-2026-0309').replace('P-10442', 'P-10449'));
  const edited = headline + '# a line the user added meanwhile\n';
  const out = [],
    err = [];
  const code = await bundle.run(
    ['fix', a, b],
    (s) => out.push(s),
    (s) => err.push(s),
    {
      hooks: {
        beforeWrite: (path) => {
          if (path === a) writeFileSync(a, edited);
        },
      },
    },
  );
  assert.equal(code, 1);
  assert.equal(readFileSync(a, 'utf8'), edited, "the user's edit is kept");
  assert.match(err.join(''), /a\.claim not written: it changed on disk since it was read/);
  assert.notEqual(
    readFileSync(b, 'utf8'),
    headline.replace('TPI-2026-0301', 'TPI-2026-0309').replace('P-10442', 'P-10449'),
    'the other file is fixed',
  );
  assert.deepEqual(readdirSync(dir).sort(), ['a.claim', 'b.claim']);
});

test('writeIfUnchanged: compares before writing, keeps permissions, writes through a symbolic link', (t) => {
  const dir = tempDir(t);
  const p = join(dir, 'x.claim');
  writeFileSync(p, 'old');
  chmodSync(p, 0o640);
  assert.deepEqual(bundle.writeIfUnchanged(p, Buffer.from('stale'), Buffer.from('new')), {
    written: false,
    reason: 'it changed on disk since it was read',
  });
  assert.equal(readFileSync(p, 'utf8'), 'old');
  assert.deepEqual(bundle.writeIfUnchanged(p, Buffer.from('old'), Buffer.from('new')), { written: true });
  assert.equal(readFileSync(p, 'utf8'), 'new');
  assert.equal(statSync(p).mode & 0o777, 0o640);
  symlinkSync(p, join(dir, 'link.claim'));
  assert.deepEqual(bundle.writeIfUnchanged(join(dir, 'link.claim'), Buffer.from('new'), Buffer.from('newer')), { written: true });
  assert.equal(readFileSync(p, 'utf8'), 'newer');
  assert.ok(statSync(join(dir, 'link.claim')).isFile() && readdirSync(dir).length === 2);
  const gone = bundle.writeIfUnchanged(join(dir, 'missing.claim'), Buffer.from(''), Buffer.from('x'));
  assert.deepEqual(gone, { written: false, reason: 'it can no longer be found (ENOENT)' });
  assert.deepEqual(bundle.writeIfUnchanged('/dev/null', Buffer.from(''), Buffer.from('x')), {
    written: false,
    reason: 'it is not a regular file',
  });
  // a folder that cannot be written: the old file stays, the reason is given
  mkdirSync(join(dir, 'ro'));
  writeFileSync(join(dir, 'ro', 'y.claim'), 'old');
  chmodSync(join(dir, 'ro'), 0o500);
  const ro = bundle.writeIfUnchanged(join(dir, 'ro', 'y.claim'), Buffer.from('old'), Buffer.from('new'));
  chmodSync(join(dir, 'ro'), 0o700);
  if (process.getuid?.() !== 0) {
    // (root writes anyway)
    assert.equal(ro.written, false);
    assert.match(ro.reason, /EACCES|permission/i);
    assert.equal(readFileSync(join(dir, 'ro', 'y.claim'), 'utf8'), 'old');
  }
});

test('fix leaves unreadable files alone and reports them; bad usage exits 2', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'latin1.claim'), Buffer.from([0x63, 0xe9, 0x0a]));
  const r = run(['fix', '.'], dir);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^latin1\.claim:1:1 - error .*not valid UTF-8.* \[unreadable-file\]$/m);
  assert.deepEqual([...readFileSync(join(dir, 'latin1.claim'))], [0x63, 0xe9, 0x0a]);
  const missing = run(['fix', 'nope.claim'], dir);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file or folder: nope\.claim/);
});
