// The shared corpus (copied into test/fixtures/corpus): every line gets exactly the rule ids
// its `# expect:` comment names, through the service and through the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { ClaimNoteService } from '../helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = join(root, 'test', 'fixtures', 'corpus');
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.claim'))
  .sort();

function expectations(text) {
  const exp = new Map();
  text.split(/\r?\n/).forEach((line, i) => {
    const m = line.match(/(?:^|\s)#\s+expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/);
    if (m) exp.set(i, new Set(m[1].split(',').map((s) => s.trim())));
  });
  return exp;
}

function compare(file, text, diagnostics) {
  const exp = expectations(text);
  const got = new Map();
  for (const d of diagnostics) {
    const l = d.range.start.line;
    if (!got.has(l)) got.set(l, new Set());
    got.get(l).add(d.code);
  }
  const wrong = [];
  const n = text.split(/\r?\n/).length;
  for (let l = 0; l < n; l++) {
    const e = [...(exp.get(l) ?? [])].sort().join(','),
      g = [...(got.get(l) ?? [])].sort().join(',');
    if (e !== g) wrong.push(`${file}:${l + 1} expected [${e}] got [${g}]`);
  }
  return wrong;
}

test('the corpus has files and expectations', () => {
  assert.ok(files.length >= 7);
  const total = files.reduce((n, f) => n + expectations(readFileSync(join(corpus, f), 'utf8')).size, 0);
  assert.ok(total > 60, `only ${total} expectations`);
});

test('every corpus line matches its expectations through the service (one workspace)', () => {
  const s = new ClaimNoteService();
  const texts = new Map();
  for (const f of files) {
    const uri = pathToFileURL(join(corpus, f)).href;
    const text = readFileSync(join(corpus, f), 'utf8');
    texts.set(uri, [f, text]);
    s.setDocument(uri, text);
  }
  const wrong = [];
  for (const [uri, [f, text]] of texts) wrong.push(...compare(f, text, s.findings(uri)));
  assert.deepEqual(wrong, []);
});

for (const f of files) {
  test(`CLI check --format json on ${f} in the corpus workspace`, () => {
    const out = execFileSync(
      process.execPath,
      [join(root, 'server', 'out', 'cli.js'), 'check', '--format', 'json', '--exit-zero', corpus],
      { encoding: 'utf8' },
    );
    const report = JSON.parse(out);
    const entry = report.files.find((x) => x.path.endsWith(f));
    assert.ok(entry, `no entry for ${f}`);
    assert.deepEqual(compare(f, readFileSync(join(corpus, f), 'utf8'), entry.diagnostics), []);
  });
}
