// The CLI splits a large workspace between threads by patient (`--jobs`). Whatever the split,
// the report is the one a single thread gives: these tests compare them, and check the two
// parser entry points the split rests on against a full parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDocument, mapBlocks, parseBlocks, patientOfBlock } from '../helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const corpusDir = join(root, 'test', 'fixtures', 'corpus');
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.claim'))
  .sort()
  .map((f) => readFileSync(join(corpusDir, f), 'utf8'));
const run = (args, cwd = root, env = {}) =>
  spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });

const plain = (file) => JSON.parse(JSON.stringify(file, (_k, v) => (v instanceof Uint32Array ? [...v] : v)));

/** Lines as the corpus writes them, with some broken: the parts must agree on bad input too. */
const lineOf = fc.oneof(
  fc.constantFrom(...corpus.flatMap((t) => t.split('\n'))),
  fc.constantFrom(
    'claim',
    'claim X-1 extra',
    'CLAIM C-9',
    '  Patient P-1',
    'patient "P-2',
    'patient P 3',
    'patient',
    'policy',
    '# claim C-1',
    '"claim" C-2',
    'claim\u00a0C-3',
    'patient P-1 # note',
    ' patient\tp-1',
    '\ufeffclaim C-4',
  ),
  fc.string({ maxLength: 20 }),
);
const textOf = fc.tuple(fc.array(lineOf, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol));

/**
 * The blocks `keep` selects, parsed with the text's lines at hand (`withLines`) or as the CLI's
 * parts do (each block's lines cut from the text through the map).
 */
function parseSelected(uri, text, keep, preamble, withLines) {
  const map = mapBlocks(text);
  const lines = text.split(/\r\n|\r|\n/);
  const end = (i) => (i + 1 < map.starts.length ? map.starts[i + 1] : lines.length);
  return parseBlocks(uri, text, map, withLines ? lines : undefined, (i) => keep(lines, map.starts[i], end(i), map, i), preamble);
}

test('parseBlocks keeping everything is parseDocument, with the lines at hand or cut through the map', () => {
  fc.assert(
    fc.property(textOf, fc.boolean(), (text, withLines) => {
      assert.deepEqual(
        plain(parseSelected('file:///a.claim', text, () => true, true, withLines)),
        plain(parseDocument('file:///a.claim', text)),
      );
    }),
    { numRuns: 300 },
  );
  for (const text of corpus) {
    for (const withLines of [true, false])
      assert.deepEqual(
        plain(parseSelected('file:///a.claim', text, () => true, true, withLines)),
        plain(parseDocument('file:///a.claim', text)),
      );
  }
});

test('mapBlocks finds every line (LF, CRLF and CR mixed) and every block start without splitting the text', () => {
  const mixed = fc
    .array(fc.tuple(lineOf, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 60 })
    .map((ps) => ps.map(([l, eol]) => l + eol).join(''));
  fc.assert(
    fc.property(
      fc.oneof(
        textOf,
        mixed,
        mixed.map((t) => t + 'claim LAST'),
      ),
      (text) => {
        const map = mapBlocks(text);
        const lines = text.split(/\r\n|\r|\n/);
        assert.deepEqual(
          [...map.lineLengths],
          lines.map((l) => l.length),
        );
        let at = 0;
        const starts = lines.map((l) => {
          const s = at;
          at += l.length;
          at += text.startsWith('\r\n', at) ? 2 : 1;
          return s;
        });
        assert.deepEqual([...map.lineStarts], starts);
        assert.deepEqual(
          [...map.starts],
          parseDocument('file:///a.claim', text).blocks.map((b) => b.startLine),
        );
      },
    ),
    { numRuns: 500 },
  );
});

test('parseBlocks gives each kept block as a full parse does, and patientOfBlock its patient', () => {
  fc.assert(
    fc.property(textOf, fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }), fc.boolean(), (text, picks, withLines) => {
      const full = parseDocument('file:///a.claim', text);
      let n = 0;
      const seen = [];
      const part = parseSelected(
        'file:///a.claim',
        text,
        (_ls, from, to, map, i) => {
          seen.push([from, to, map, i]);
          return picks[n++ % picks.length];
        },
        false,
        withLines,
      );
      // the blocks offered are the full parse's blocks, with their lines
      assert.deepEqual(
        seen.map(([from]) => from),
        full.blocks.map((b) => b.startLine),
      );
      assert.deepEqual(plain(part.blocks), plain(full.blocks.filter((_, i) => picks[i % picks.length])));
      assert.deepEqual(part.preamble, []);
      seen.forEach(([, , map, k], i) => {
        const b = full.blocks[i];
        assert.equal(patientOfBlock(text, map, k), b.kind === 'claim' ? b.patient?.value.value : undefined);
      });
    }),
    { numRuns: 300 },
  );
});

test('--jobs 1, 2 and 3, and parts checked one after the other, give the same report, over a generated workspace and bad files', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-parts-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // claims of one patient across files, duplicate ids across files, policies in some files,
  // about 30% of claims with a deliberate error (bench/generate.mjs, seeded)
  const gen = spawnSync(
    process.execPath,
    [
      join(root, 'bench', 'generate.mjs'),
      '--out',
      join(dir, 'gen'),
      '--claims',
      '2500',
      '--files',
      '7',
      '--doc-claims',
      '5',
      '--error-rate',
      '0.3',
      '--force',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(gen.status, 0, gen.stderr);
  const ws = join(dir, 'gen', 'workspace');
  corpus.forEach((text, i) => writeFileSync(join(ws, `corpus-${String(i).padStart(3, '0')}.claim`), text));
  writeFileSync(
    join(ws, 'preamble.claim'),
    'stray line\npayer medicare\n\nclaim NOPAT-1\n  payer medicare\n  date 2026-01-01\nclaim NOPAT-2\n  patient\n',
  );
  writeFileSync(join(ws, 'latin1.claim'), Buffer.from([0x63, 0x6c, 0x61, 0x69, 0x6d, 0x20, 0xe9, 0x0a]));
  copyFileSync(join(ws, 'claims-000.claim'), join(ws, 'copy-of-000.claim')); // every id twice
  // ids of claims-000 on claims of other patients: in other parts, so found across parts
  const ids = [...readFileSync(join(ws, 'claims-000.claim'), 'utf8').matchAll(/^claim (\S+)/gm)].slice(0, 20).map((m) => m[1]);
  writeFileSync(
    join(ws, 'same-ids.claim'),
    ids
      .map(
        (id, i) =>
          `claim ${id}\n  patient Z-${i} Roe, Sam\n  payer medicare\n  date 2026-02-0${1 + (i % 9)}\n  diagnosis A M79.12\n  line 20552-RT dx A\n  muscles right upper trapezius\n`,
      )
      .join('\n'),
  );
  const args = (jobs) => ['check', '--format', 'json', '--exit-zero', '--jobs', String(jobs), ws];
  const reports = [1, 2, 3].map((jobs) => run(args(jobs)));
  // small parts: each thread checks several parts one after the other, mapping each file once
  reports.push(run(args(1), root, { CLAIMNOTE_PART_BYTES: '300000' }), run(args(2), root, { CLAIMNOTE_PART_BYTES: '250000' }));
  for (const r of reports) assert.equal(r.status, 0, r.stderr);
  const [one, two, three, oneInParts, twoInParts] = reports.map((r) => JSON.parse(r.stdout));
  assert.ok(one.summary.error > 1000, `the workspace has work for every rule family (${JSON.stringify(one.summary)})`);
  const codes = new Set(one.files.flatMap((f) => f.diagnostics.map((d) => d.code)));
  for (const c of ['duplicate-claim-id', 'frequency-limit', 'syntax', 'unreadable-file', 'unknown-payer', 'missing-field'])
    assert.ok(codes.has(c), `no ${c} in the report`);
  assert.deepEqual(two, one);
  assert.deepEqual(three, one);
  assert.deepEqual(oneInParts, one);
  assert.deepEqual(twoInParts, one);
  // each finding's claim id, and the claims' summary, whatever the split
  assert.ok(one.files.flatMap((f) => f.diagnostics).filter((d) => d.claim).length > 1000);
  const text = (jobs, env) => run(['check', '--exit-zero', '--jobs', String(jobs), ws], root, env).stdout;
  const oneText = text(1);
  assert.match(oneText, /^\d+ claims: \d+ ready, \d+ with warnings, \d+ with errors$/m);
  assert.equal(text(2, { CLAIMNOTE_PART_BYTES: '250000' }), oneText);

  // the audit report: each part gives its claims' rows, the findings across parts join them
  const report = (env) => {
    const r = run(['report', '--format', 'json', ws], root, env);
    assert.equal(r.status, 0, r.stderr);
    return { ...JSON.parse(r.stdout), generated: undefined };
  };
  const whole = report({ CLAIMNOTE_PART_BYTES: '1000000000' });
  assert.deepEqual(report({ CLAIMNOTE_PART_BYTES: '250000' }), whole);
  assert.equal(whole.totals.claims, whole.claims.length);
  const copied = whole.claims.filter((c) => c.path.endsWith('copy-of-000.claim'));
  assert.ok(copied.length > 0 && copied.every((c) => c.findings.some((f) => f.code === 'duplicate-claim-id') && c.errors > 0));
  const errors = one.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === 'error' && d.claim);
  assert.equal(
    whole.claims.reduce((n, c) => n + c.errors, 0),
    errors.length,
    'every error on a claim, the ones across parts too, is in its row',
  );

  // the export: each part picks its ready claims; an error across parts (an id twice) stops one
  const exported = (env) => run(['export', '--to', '837p', '--date', '2026-01-01T00:00', '--exit-zero', ws], root, env);
  const [wholeExport, partsExport] = [exported({ CLAIMNOTE_PART_BYTES: '1000000000' }), exported({ CLAIMNOTE_PART_BYTES: '250000' })];
  assert.equal(partsExport.stdout, wholeExport.stdout);
  assert.equal(partsExport.stderr, wholeExport.stderr);
  assert.match(wholeExport.stderr, /same-ids\.claim:\d+ claim \S+ left out:\n(  - .*\n)*  - line \d+: .*\[duplicate-claim-id\]/);
});

test("export in parts: a ready claim whose id another part's claim has too is left out once, as in one part", () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-export-parts-'));
  try {
    const billing = readFileSync(join(root, 'test', 'fixtures', 'corpus-billing', '08-billing.claim'), 'utf8');
    writeFileSync(join(dir, 'a.claim'), billing);
    // the same claims for other patients (so in other parts), without the practices and policies
    const claimsOnly = billing.slice(billing.indexOf('\nclaim ') + 1).replace(/patient {2}P-/g, 'patient  Q-');
    writeFileSync(join(dir, 'b.claim'), claimsOnly);
    const exported = (env) => run(['export', '--to', '837p', '--date', '2026-01-01T00:00', '--exit-zero', dir], root, env);
    const whole = exported({ CLAIMNOTE_PART_BYTES: '1000000000' });
    const parts = exported({ CLAIMNOTE_PART_BYTES: '65536' });
    assert.equal(parts.stdout, whole.stdout);
    assert.equal(parts.stderr, whole.stderr);
    // every claim is left out: the ids are all taken twice; each says so once
    assert.match(whole.stderr, /claimnote: no claim is ready to export/);
    const bl1 = /a\.claim:\d+ claim BL-1 left out:\n((?: {2}- .*\n)*)/.exec(whole.stderr)?.[1] ?? '';
    assert.equal(bl1.match(/\[duplicate-claim-id\]/g)?.length, 1, bl1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--jobs takes 1 to 64 threads', () => {
  for (const bad of ['0', '65', 'x', '-1']) {
    const r = run(['check', `--jobs=${bad}`, corpusDir]);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /--jobs takes a number of threads from 1 to 64/);
  }
});

test('an input that can be read only once (a pipe) is read once: the same report as from a file', () => {
  const text = corpus.join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-pipe-'));
  try {
    writeFileSync(join(dir, 'all.claim'), text);
    const fromFile = JSON.parse(run(['check', '--format', 'json', '--exit-zero', '--jobs', '1', join(dir, 'all.claim')]).stdout);
    const piped = spawnSync(
      'bash',
      [
        '-c',
        `cat "$1" | "$2" "$3" check --format json --exit-zero --jobs 2 /dev/stdin`,
        'sh',
        join(dir, 'all.claim'),
        process.execPath,
        cli,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    assert.equal(piped.status, 0, piped.stderr);
    const fromPipe = JSON.parse(piped.stdout);
    assert.ok(fromFile.files[0].diagnostics.length > 40);
    // (related locations name the file as given: /dev/stdin, or the file)
    const named = (report) => JSON.stringify(report.files[0].diagnostics).replaceAll(JSON.stringify(report.files[0].path), '"<file>"');
    assert.deepEqual(JSON.parse(named(fromPipe)), JSON.parse(named(fromFile)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
