// Incremental analysis: after any sequence of edits, the findings are exactly those of a fresh
// check of the final text (re-parsing only touched blocks, shifting the rest, cached findings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClaimNoteService, parseDocument } from '../helpers.mjs';

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'corpus');
const texts = readdirSync(corpus)
  .filter((f) => f.endsWith('.claim'))
  .sort()
  .map((f) => readFileSync(join(corpus, f), 'utf8'));
const A = 'file:///ws/a.claim',
  B = 'file:///ws/b.claim';

const snippets = [
  '\n',
  '\n\n',
  'claim NEW-1\n',
  'policy p2\n  limit 1 per 2 days\n',
  '  line 20553 units 2 dx A\n',
  '  muscles left deltoid\n',
  '#',
  ' # note',
  'x',
  '"',
  '  date 2026-01-0',
  '2',
  'mod 50 ',
  '\r\n',
  '  prior 2026-01-01 20552\n',
  'dx B',
  '  diagnosis A M79.1\n',
  'claim',
  '',
];

const edit = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 200 })),
  insert: fc.oneof(fc.constantFrom(...snippets), fc.string({ maxLength: 6 })),
});

function apply(text, e) {
  const at = text.length ? e.at % (text.length + 1) : 0;
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

const view = (findings) =>
  JSON.stringify(findings.map((f) => [f.code, f.severity, f.message, f.range, f.fixes, f.related ?? null, !!f.unnecessary]));

test('edits checked incrementally give the findings of a fresh check', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: texts.length - 1 }),
      fc.integer({ min: 0, max: texts.length - 1 }),
      fc.array(edit, { minLength: 1, maxLength: 12 }),
      (ia, ib, edits) => {
        const live = new ClaimNoteService();
        let text = texts[ia];
        live.setDocument(A, text);
        live.setDocument(B, texts[ib]);
        live.findingsByUri();
        let other = texts[ib];
        edits.forEach((e, k) => {
          // mostly edit A; every third edit goes to B, so cross-file groups change both ways
          if (k % 3 === 2) {
            other = apply(other, e);
            live.setDocument(B, other);
          } else {
            text = apply(text, e);
            live.setDocument(A, text);
          }
          live.findingsByUri(); // check after every edit, as the server does
        });
        const fresh = new ClaimNoteService();
        fresh.setDocument(A, text);
        fresh.setDocument(B, other);
        assert.equal(view(live.findings(A)), view(fresh.findings(A)));
        assert.equal(view(live.findings(B)), view(fresh.findings(B)));
      },
    ),
    { numRuns: 150, seed: 20261127 },
  );
});

test('an edit re-parses only the touched block and reuses the others', () => {
  const s = new ClaimNoteService();
  const text = texts[3];
  s.setDocument(A, text);
  const before = s.workspace.get(A).blocks;
  const at = text.indexOf('claim M-5');
  s.setDocument(A, text.slice(0, at) + '\n\n' + text.slice(at)); // two new lines before M-5
  const after = s.workspace.get(A).blocks;
  assert.equal(after.length, before.length);
  const i = before.findIndex((b) => b.id?.text === 'M-5');
  assert.equal(after[0], before[0], 'blocks before the edit are the same objects');
  assert.equal(after[i + 1], before[i + 1], 'blocks after the edit are the same objects');
  assert.equal(after[i + 1].startLine, parseDocument(A, s.getText(A)).blocks[i + 1].startLine, 'and their lines are shifted');
});

test("findings handed out are never changed afterwards: an edit that moves lines gives new findings, and the other file's related locations follow", () => {
  // two sessions of one patient over a one-a-year limit, one in each file: B's finding points at A's session
  const policy = 'policy tight\n  limit 1 per 12 months\n';
  const claim = (id, date) =>
    `claim ${id}\n  patient P-1\n  payer tight\n  date ${date}\n  diagnosis A M79.18\n  line 20552 dx A\n  muscles left deltoid\n`;
  const a = policy + claim('A-1', '2026-01-05');
  const b = claim('B-1', '2026-02-05');
  const s = new ClaimNoteService();
  s.setDocument(A, a);
  s.setDocument(B, b);
  const before = s.findings(B).filter((f) => f.code === 'frequency-limit');
  assert.equal(before.length, 1);
  const related = before[0].related.find((r) => r.uri === A);
  assert.ok(related, 'the finding in B points at the session in A');
  const snapshot = JSON.stringify(before);
  s.setDocument(A, '\n\n\n' + a); // three lines above everything in A
  assert.equal(JSON.stringify(before), snapshot, 'the findings returned before the edit are unchanged');
  const after = s.findings(B).filter((f) => f.code === 'frequency-limit');
  assert.equal(after[0].related.find((r) => r.uri === A).range.start.line, related.range.start.line + 3);
  const fresh = new ClaimNoteService();
  fresh.setDocument(A, '\n\n\n' + a);
  fresh.setDocument(B, b);
  assert.equal(view(s.findings(B)), view(fresh.findings(B)));
  assert.equal(view(s.findings(A)), view(fresh.findings(A)));
});
