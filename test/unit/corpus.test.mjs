// The corpus workspaces (test/fixtures/corpus, and test/fixtures/corpus-billing, a workspace
// with practice blocks): every line gets exactly the rule ids its `# expect:` comment names,
// through the service and through the CLI, each folder checked as one workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { ClaimNoteService } from '../helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKSPACES = ['corpus', 'corpus-billing'].map((name) => {
  const dir = join(root, 'test', 'fixtures', name);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.claim'))
    .sort();
  return { name, dir, files };
});

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
  const [coding, billing] = WORKSPACES;
  assert.ok(coding.files.length >= 7);
  assert.ok(billing.files.length >= 1);
  for (const w of WORKSPACES) {
    const total = w.files.reduce((n, f) => n + expectations(readFileSync(join(w.dir, f), 'utf8')).size, 0);
    assert.ok(total > (w === coding ? 60 : 15), `only ${total} expectations in ${w.name}`);
  }
});

for (const { name, dir, files } of WORKSPACES) {
  test(`every line of ${name} matches its expectations through the service (one workspace)`, () => {
    const s = new ClaimNoteService();
    const texts = new Map();
    for (const f of files) {
      const uri = pathToFileURL(join(dir, f)).href;
      const text = readFileSync(join(dir, f), 'utf8');
      texts.set(uri, [f, text]);
      s.setDocument(uri, text);
    }
    const wrong = [];
    for (const [uri, [f, text]] of texts) wrong.push(...compare(f, text, s.findings(uri)));
    assert.deepEqual(wrong, []);
  });

  for (const f of files) {
    test(`CLI check --format json on ${f} in the ${name} workspace`, () => {
      const out = execFileSync(process.execPath, [join(root, 'server', 'out', 'cli.js'), 'check', '--format', 'json', '--exit-zero', dir], {
        encoding: 'utf8',
      });
      const report = JSON.parse(out);
      const entry = report.files.find((x) => x.path.endsWith(f));
      assert.ok(entry, `no entry for ${f}`);
      assert.deepEqual(compare(f, readFileSync(join(dir, f), 'utf8'), entry.diagnostics), []);
    });
  }
}
