// The server's text store (server/src/model/document.ts): a document as lines, edited in place
// by LSP content changes. Checked against vscode-languageserver-textdocument, the reference
// implementation of LSP's edit semantics, and against a fresh check of the final text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClaimNoteService, lib } from '../helpers.mjs';

const { DocumentText, changeTo } = lib;
const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'corpus');
const texts = readdirSync(corpus)
  .filter((f) => f.endsWith('.claim'))
  .sort()
  .map((f) => readFileSync(join(corpus, f), 'utf8'));

const pieces = ['\n', '\r\n', '\r', 'claim X-1\n', '  line 20553 units 2 dx A\r\n', 'a', ' ', '"', '# c', 'é', '😀', ''];
const textArb = fc.oneof(
  fc.constantFrom(...texts),
  fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join('')),
  fc.constantFrom(...texts).map((t) => t.replace(/\n/g, '\r\n')),
);
const pos = fc.record({ line: fc.integer({ min: -1, max: 60 }), character: fc.integer({ min: -1, max: 50 }) });
const change = /** @type {import('fast-check').Arbitrary<import('vscode-languageserver-textdocument').TextDocumentContentChangeEvent>} */ (
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        range: fc.record({ start: pos, end: pos }),
        text: fc.array(fc.constantFrom(...pieces), { maxLength: 4 }).map((a) => a.join('')),
      }),
    },
    { weight: 1, arbitrary: fc.record({ text: fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((a) => a.join('')) }) },
  )
);

/**
 * The oracle: LSP's edit semantics on a plain string. Positions are clamped to the text (a
 * line past the end is the end; a character past a line's end is its end) and a range whose
 * end comes first is read backwards, as vscode-languageserver-textdocument does.
 */
function offsetAt(text, p) {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  if (p.line < 0) return 0;
  if (p.line >= starts.length) return text.length;
  const lineEnd =
    p.line + 1 < starts.length ? starts[p.line + 1] - text.slice(0, starts[p.line + 1]).match(/\r\n$|\r$|\n$/)[0].length : text.length;
  return Math.min(starts[p.line] + Math.max(0, p.character), lineEnd);
}
function applyOracle(text, c) {
  if (!c.range) return c.text;
  let a = offsetAt(text, c.range.start),
    b = offsetAt(text, c.range.end);
  if (a > b) [a, b] = [b, a];
  return text.slice(0, a) + c.text + text.slice(b);
}

test('content changes give the text of LSP edit semantics, positions past the end clamped', () => {
  fc.assert(
    fc.property(textArb, fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), (text, events) => {
      const doc = new DocumentText(text);
      let expected = text;
      for (const changes of events) {
        for (const c of changes) expected = applyOracle(expected, c);
        doc.apply(changes);
        assert.equal(doc.text(), expected);
        assert.deepEqual(doc.lines, expected.split(/\r\n|\r|\n/));
      }
    }),
    { numRuns: 400, seed: 20261127 },
  );
});

// positions inside the text: fractions of its lines and of the line's length, placed when applied
const frac = fc.record({ line: fc.double({ min: 0, max: 0.999, noNaN: true }), character: fc.double({ min: 0, max: 1, noNaN: true }) });
const inside = fc.record({ start: frac, end: frac, text: fc.array(fc.constantFrom(...pieces), { maxLength: 4 }).map((a) => a.join('')) });
const place = (text, f) => {
  const lines = text.split(/\r\n|\r|\n/);
  const line = Math.floor(f.line * lines.length);
  return { line, character: Math.round(f.character * lines[line].length) };
};

test('content changes inside the text give the text vscode-languageserver-textdocument gives', () => {
  fc.assert(
    fc.property(textArb, fc.array(fc.array(inside, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (text, events) => {
      let ref = TextDocument.create('file:///a.claim', 'claimnote', 1, text);
      const doc = new DocumentText(text);
      for (const fracs of events) {
        // each change is placed in the text the changes before it left, as a client sends them
        const changes = [];
        let now = ref.getText();
        for (const f of fracs) {
          const c = { range: { start: place(now, f.start), end: place(now, f.end) }, text: f.text };
          changes.push(c);
          now = applyOracle(now, c);
        }
        ref = TextDocument.update(ref, changes, ref.version + 1);
        doc.apply(changes);
        assert.equal(doc.text(), ref.getText());
        assert.equal(doc.lineCount, ref.lineCount);
      }
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('a first change past the end of the text: the text vscode-languageserver-textdocument gives', () => {
  // (after such a change TextDocument's line table is off: it counts 9 lines in "\n" after a
  // change at line 7 of an empty text, so later changes are compared with the oracle only)
  fc.assert(
    fc.property(
      textArb,
      fc.array(change, { minLength: 1, maxLength: 1 }).map((c) => [c]),
      (text, events) => {
        let ref = TextDocument.create('file:///a.claim', 'claimnote', 1, text);
        const doc = new DocumentText(text);
        for (const changes of events) {
          ref = TextDocument.update(ref, changes, ref.version + 1);
          doc.apply(changes);
          assert.equal(doc.text(), ref.getText());
        }
      },
    ),
    { numRuns: 400, seed: 20261127 },
  );
});

test('the lines an edit reports as replaced are the only ones that changed', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...texts),
      fc.array(
        change.filter((c) => 'range' in c),
        { minLength: 1, maxLength: 4 },
      ),
      (text, changes) => {
        const doc = new DocumentText(text);
        const before = [...doc.lines];
        const edit = doc.apply(changes);
        if (!edit) return; // a whole-text replacement (lone CR breaks): nothing to compare
        assert.deepEqual(doc.lines.slice(0, edit.first), before.slice(0, edit.first), 'lines before the edit');
        assert.deepEqual(doc.lines.slice(edit.lastOld + edit.delta + 1), before.slice(edit.lastOld + 1), 'lines after the edit');
        assert.equal(doc.lineCount, before.length + edit.delta);
      },
    ),
    { numRuns: 400, seed: 7 },
  );
});

test('changeTo: the one change between two texts, never cutting a CRLF', () => {
  fc.assert(
    fc.property(textArb, textArb, (a, b) => {
      const doc = new DocumentText(a);
      const c = changeTo(doc, b);
      doc.apply([c]);
      assert.equal(doc.text(), b);
    }),
    { numRuns: 300, seed: 11 },
  );
  const doc = new DocumentText('a\r\nb');
  const c = changeTo(doc, 'a\r\r\nb');
  assert.deepEqual(c.range.start, { line: 0, character: 1 }, 'starts before the CRLF, not inside it');
});

test('an edit changes the text in place: one line replaced, the others the same strings', () => {
  const doc = new DocumentText('claim A\n  patient P-1\n  payer medicare\n');
  const lines = doc.lines;
  const payer = lines[2];
  const edit = doc.apply([{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 13 } }, text: '2' }]);
  assert.deepEqual(edit, { first: 1, lastOld: 1, delta: 0 });
  assert.equal(doc.lines, lines, 'the same array');
  assert.equal(doc.lines[2], payer);
  assert.equal(doc.lines[1], '  patient P-12');
});

const view = (findings) =>
  JSON.stringify(findings.map((f) => [f.code, f.severity, f.message, f.range, f.fixes, f.related ?? null, !!f.unnecessary]));
const A = 'file:///ws/a.claim',
  B = 'file:///ws/b.claim';

test('edits sent as LSP content changes give the findings of a fresh check', () => {
  const snippet = fc.constantFrom(
    '\n',
    'claim NEW-1\n',
    '  line 20553 units 2 dx A\n',
    '  muscles left deltoid\n',
    'x',
    '"',
    '2',
    'mod 50 ',
    '\r\n',
    '  prior 2026-01-01 20552\r\n',
    'claim',
    '',
    'policy p2\n  limit 1 per 2 days\n',
  );
  const ranged = fc.record({ range: fc.record({ start: pos, end: pos }), text: snippet });
  const whole = fc.constantFrom(...texts).map((t) => ({ text: t.slice(0, 200) }));
  const anyChange = fc.oneof({ weight: 12, arbitrary: ranged }, { weight: 1, arbitrary: whole });
  const start = fc.oneof(
    fc.constantFrom(...texts),
    fc.constantFrom(...texts).map((t) => t.replace(/\n/g, '\r\n')),
  );
  fc.assert(
    fc.property(
      start,
      fc.integer({ min: 0, max: texts.length - 1 }),
      fc.array(fc.array(anyChange, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 10 }),
      (first, ib, events) => {
        const live = new ClaimNoteService();
        live.setDocument(A, first);
        live.setDocument(B, texts[ib]);
        live.findingsByUri();
        let text = first;
        for (const changes of events) {
          for (const c of changes) text = applyOracle(text, c);
          live.editDocument(A, changes);
          live.findingsByUri(); // check after every edit, as the server does
        }
        assert.equal(live.getText(A), text);
        const fresh = new ClaimNoteService();
        fresh.setDocument(A, text);
        fresh.setDocument(B, texts[ib]);
        assert.equal(view(live.findings(A)), view(fresh.findings(A)));
        assert.equal(view(live.findings(B)), view(fresh.findings(B)));
      },
    ),
    { numRuns: 200, seed: 20261128 },
  );
});

test('a CRLF document edited down to one line: fixes insert LF, as after a fresh parse', () => {
  const live = new ClaimNoteService();
  live.setDocument(A, 'claim X\r\n  patient P');
  live.editDocument(A, [{ range: { start: { line: 0, character: 7 }, end: { line: 1, character: 11 } }, text: '' }]);
  const fresh = new ClaimNoteService();
  fresh.setDocument(A, 'claim X');
  assert.equal(view(live.findings(A)), view(fresh.findings(A)));
  assert.ok(!JSON.stringify(live.findings(A)).includes('\\r'), 'no CR in the fixes');
});

test('a change without a range is applied as the one change between the texts', () => {
  const s = new ClaimNoteService();
  const text = texts[3];
  s.setDocument(A, text);
  const before = s.workspace.get(A).blocks;
  const at = text.lastIndexOf('claim ');
  s.editDocument(A, [{ text: text.slice(0, at) + '\n' + text.slice(at) }]);
  const after = s.workspace.get(A).blocks;
  assert.equal(after[0], before[0], 'the blocks before the change are the same objects');
  assert.equal(s.getText(A), text.slice(0, at) + '\n' + text.slice(at));
});

test('a malformed content change is left out; the others apply', () => {
  const doc = new DocumentText('claim A\n  payer medicare\n');
  doc.apply([
    { text: undefined },
    { range: { start: { line: 'x' }, end: {} }, text: 'zz' },
    null,
    { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } }, text: '1' },
  ]);
  assert.equal(doc.text(), 'claim A1\n  payer medicare\n');
  const s = new ClaimNoteService();
  s.setDocument(A, 'claim A\n');
  assert.doesNotThrow(() => s.editDocument(A, [{ range: null, text: 7 }]));
  assert.equal(s.getText(A), 'claim A\n');
});

test('the line ending fixes use is the one the parser reads from the same text', () => {
  const { parseDocument } = lib;
  fc.assert(
    fc.property(textArb, fc.array(change, { maxLength: 3 }), (text, changes) => {
      const doc = new DocumentText(text);
      doc.apply(changes);
      assert.equal(doc.eol, parseDocument('file:///a.claim', doc.text()).eol);
    }),
    { numRuns: 400, seed: 3 },
  );
  assert.equal(new DocumentText('a\rb\r\nc').eol, '\r\n', 'a lone CR first: the first break with a line feed');
});
