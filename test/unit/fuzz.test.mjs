// Property tests with fast-check: random text, token soup and mutations of the shared corpus,
// run through the service alone and inside the corpus workspace. Whatever the input: no throw,
// every diagnostic and related range inside its document, every fix edit inside the document,
// and every fix applies (no overlapping edits) and leaves a text the service can check again.
// FUZZ_RUNS scales the number of runs (default keeps the file well under 15 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { ClaimNoteService, applyEdits } from '../helpers.mjs';

const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'corpus');
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.claim'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(corpusDir, f), 'utf8') }));
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n) => Math.max(1, Math.round(n * SCALE));

const lineLengths = (text) => text.split(/\r\n|\r|\n/).map((l) => l.length);

function inside(lengths, pos) {
  return (
    Number.isInteger(pos.line) &&
    Number.isInteger(pos.character) &&
    pos.line >= 0 &&
    pos.line < lengths.length &&
    pos.character >= 0 &&
    pos.character <= lengths[pos.line]
  );
}

function before(a, b) {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Every finding of `uri` is well placed; every fix applies. Returns the texts the fixes produced. */
function verify(service, uri, text, { recheck = 0 } = {}) {
  const lengths = lineLengths(text);
  const findings = service.findings(uri);
  const produced = [];
  for (const f of findings) {
    const where = `${f.code} ${JSON.stringify(f.range)} in ${JSON.stringify(text.slice(0, 400))}`;
    assert.ok(
      inside(lengths, f.range.start) && inside(lengths, f.range.end) && before(f.range.start, f.range.end),
      `range outside the document: ${where}`,
    );
    assert.equal(typeof f.message, 'string');
    assert.ok(f.message.length > 0, where);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(f.severity), where);
    for (const r of f.related ?? []) {
      if (r.uri !== uri) continue;
      assert.ok(inside(lengths, r.range.start) && inside(lengths, r.range.end), `related range outside the document: ${where}`);
    }
    for (const x of f.fixes) {
      for (const e of x.edits) {
        assert.ok(
          inside(lengths, e.range.start) && inside(lengths, e.range.end) && before(e.range.start, e.range.end),
          `fix edit outside the document: ${x.title} ${JSON.stringify(e.range)} for ${where}`,
        );
        assert.equal(typeof e.newText, 'string');
      }
      let out;
      assert.doesNotThrow(() => {
        out = applyEdits(text, x.edits);
      }, `fix "${x.title}" of ${where} does not apply`);
      produced.push(out);
    }
  }
  // re-check a few fixed texts: the service takes whatever a fix produced
  for (const out of produced.slice(0, recheck)) {
    const s = new ClaimNoteService();
    s.setDocument(uri, out);
    assert.doesNotThrow(() => s.findings(uri));
  }
  return findings;
}

function checkAlone(text, options) {
  const s = new ClaimNoteService();
  const uri = 'file:///ws/fuzz.claim';
  s.setDocument(uri, text);
  verify(s, uri, text, options);
  // hovers and code actions over the document do not throw either
  const lengths = lineLengths(text);
  for (let line = 0; line < Math.min(lengths.length, 40); line += 3) {
    s.doHover(uri, { line, character: Math.floor(lengths[line] / 2) });
    s.getCodeActions(uri, { start: { line, character: 0 }, end: { line, character: lengths[line] } });
  }
}

// ------------------------------------------------------------------ generators

const VOCAB = [
  'claim',
  'policy',
  'patient',
  'payer',
  'date',
  'pos',
  'provider',
  'auth',
  'diagnosis',
  'line',
  'muscles',
  'drug',
  'symptoms',
  'exam',
  'tried',
  'technique',
  'response',
  'note',
  'prior',
  'limit',
  'interval',
  'requires-auth',
  'rate',
  'covers',
  'excludes',
  'single-region',
  'no-imaging-guidance',
  'one-session-per-day',
  'per',
  'days',
  'weeks',
  'months',
  'years',
  'mod',
  'units',
  'dx',
  'medicare',
  'acme',
  'P-1',
  'C-1',
  'A',
  'B',
  'L',
  'M',
  'AB',
  'A,B',
  'ABCDE',
  '20552',
  '20553',
  '20552-50',
  '99213-25',
  '20552-',
  'J3301',
  'j1030',
  'G2211',
  '76942',
  '20550',
  '12345',
  'RT',
  'LT',
  '50',
  '25',
  '59',
  'XS',
  'GA',
  '76',
  '77',
  'M79.1',
  'M79.12',
  'M7918',
  'M79.7',
  'G44.209',
  'M60.009',
  'L03.1',
  'S16.1XXA',
  'M79.',
  '79.18',
  'M791.8',
  'J06.9',
  'left',
  'right',
  'bilateral',
  'bilat',
  'R',
  'upper',
  'trapezius',
  'trapezious',
  'levator',
  'scapulae',
  'piriformis',
  'paraspinal',
  'deltoid',
  'and',
  ',',
  ';',
  '(upper)',
  '(',
  ')',
  'triamcinolone',
  'Kenalog-40',
  'lidocaine',
  '40',
  'mg/mL',
  '1',
  'mL',
  '1%',
  '2mL',
  '.5',
  '2026-04-01',
  '2026-02-30',
  '03/04/2026',
  '2025-12-01',
  '1234567893',
  '1234567890',
  '123',
  '11',
  '02',
  '22',
  '99',
  '150%',
  '#',
  '#3',
  '"',
  '"Jane Doe"',
  '\u201cx\u201d',
  '\u201c',
  '\u{1F600}',
  '\u00a0',
  '\t',
  '\\"',
  '*',
  'M79.1*',
  // words named like Object members: tables looked up with a user's words must not find them
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
];

const word = fc.constantFrom(...VOCAB);
const soupLine = fc
  .tuple(fc.constantFrom('', '  ', '\t', '    '), fc.array(word, { minLength: 0, maxLength: 8 }), fc.constantFrom(' ', '  ', ', ', ','))
  .map(([indent, words, sep]) => indent + words.join(sep));
const soup = fc
  .tuple(fc.array(soupLine, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ''));

const CHARS = [
  'a',
  'z',
  'A',
  'M',
  'L',
  '0',
  '2',
  '5',
  '9',
  ' ',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '#',
  '"',
  '\u201c',
  '\u201d',
  '\\',
  ',',
  ';',
  '-',
  '.',
  '/',
  '%',
  '(',
  ')',
  '*',
  '\u{1F600}',
  '\u00e9',
  '\u00a0',
  '\ud800',
  'claim ',
  'line ',
  'dx ',
  'mod ',
  'muscles ',
  'drug ',
];
const randomText = fc.array(fc.constantFrom(...CHARS), { maxLength: 120 }).map((a) => a.join(''));

/** A mutation of a text's lines. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete'), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate'), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap'), at: fc.nat(), to: fc.nat() }),
  fc.record({
    kind: fc.constant('insert'),
    at: fc.nat(),
    col: fc.nat(),
    text: fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
  }),
  fc.record({ kind: fc.constant('erase'), at: fc.nat(), col: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('replace-word'), at: fc.nat(), col: fc.nat(), word }),
  fc.record({ kind: fc.constant('truncate'), at: fc.nat() }),
);

function mutate(text, muts) {
  let lines = text.split('\n');
  for (const m of muts) {
    if (!lines.length) lines = [''];
    const i = m.at % lines.length;
    switch (m.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i]);
        break;
      case 'swap': {
        const j = m.to % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 'insert': {
        const c = m.col % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, c) + m.text + lines[i].slice(c);
        break;
      }
      case 'erase': {
        const c = m.col % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, c) + lines[i].slice(c + m.len);
        break;
      }
      case 'replace-word': {
        const words = lines[i].split(' ');
        words[m.col % words.length] = m.word;
        lines[i] = words.join(' ');
        break;
      }
      case 'truncate': {
        const all = lines.join('\n');
        lines = all.slice(0, m.at % (all.length + 1)).split('\n');
        break;
      }
    }
  }
  return lines.join('\n');
}

const corpusMutation = fc
  .tuple(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([k, muts, crlf]) => {
    const text = mutate(corpus[k].text, muts);
    return { k, text: crlf ? text.replace(/\n/g, '\r\n') : text };
  });

// ------------------------------------------------------------------ properties

test('the mutation helper changes the text (sanity)', () => {
  const t = 'a\nb\nc';
  assert.equal(mutate(t, [{ kind: 'delete', at: 1 }]), 'a\nc');
  assert.equal(mutate(t, [{ kind: 'swap', at: 0, to: 2 }]), 'c\nb\na');
  assert.equal(mutate(t, [{ kind: 'truncate', at: 3 }]), 'a\nb');
  assert.equal(mutate(t, [{ kind: 'insert', at: 1, col: 1, text: 'X' }]), 'a\nbX\nc');
});

test('the checker sees through the corpus: every fix of every corpus finding applies', () => {
  const s = new ClaimNoteService();
  for (const f of corpus) s.setDocument(`file:///ws/${f.name}`, f.text);
  let fixes = 0;
  for (const f of corpus) fixes += verify(s, `file:///ws/${f.name}`, f.text, { recheck: 3 }).reduce((n, x) => n + x.fixes.length, 0);
  assert.ok(fixes > 30, `only ${fixes} fixes in the corpus`);
});

test('random characters: no throw, ranges and fixes inside the document', () => {
  fc.assert(
    fc.property(randomText, (text) => {
      checkAlone(text, { recheck: 2 });
    }),
    { numRuns: runs(1000) },
  );
});

test('token soup (keywords, codes, lists, quotes, comments): no throw, ranges and fixes inside the document', () => {
  fc.assert(
    fc.property(soup, (text) => {
      checkAlone(text, { recheck: 2 });
    }),
    { numRuns: runs(1000) },
  );
});

test('token soup inside a claim block', () => {
  const arb = fc
    .tuple(fc.array(soupLine, { minLength: 1, maxLength: 15 }), fc.boolean())
    .map(
      ([lines, trailing]) =>
        'claim F-1\n  patient P-1\n  payer medicare\n  date 2026-04-01\n' +
        lines.map((l) => '  line ' + l).join('\n') +
        (trailing ? '\n' : ''),
    );
  fc.assert(
    fc.property(arb, (text) => {
      checkAlone(text, { recheck: 2 });
    }),
    { numRuns: runs(600) },
  );
});

test('mutated corpus files (delete, duplicate, swap lines, insert and erase characters, truncate), alone', () => {
  fc.assert(
    fc.property(corpusMutation, ({ text }) => {
      checkAlone(text, { recheck: 1 });
    }),
    { numRuns: runs(400) },
  );
});

test('mutated corpus files inside the corpus workspace: every document stays well placed', () => {
  const s = new ClaimNoteService();
  const uris = corpus.map((f) => `file:///ws/${f.name}`);
  corpus.forEach((f, k) => s.setDocument(uris[k], f.text));
  fc.assert(
    fc.property(corpusMutation, ({ k, text }) => {
      s.setDocument(uris[k], text);
      try {
        for (let j = 0; j < corpus.length; j++) verify(s, uris[j], j === k ? text : corpus[j].text);
      } finally {
        s.setDocument(uris[k], corpus[k].text);
      }
    }),
    { numRuns: runs(100) },
  );
});

test('a document whose last line is a service line and has no line break: delete-line fixes stay inside it', () => {
  // deleteLine on the last line takes the line break before it; a fix that deletes the two
  // last lines must not produce overlapping edits
  const text =
    'claim C-1\n  patient P-1\n  payer medicare\n  date 2026-04-01\n  diagnosis A M79.12\n  muscles right upper trapezius, right levator scapulae, right splenius capitis\n  line 20552 dx A\n  line 20553 dx A\n  line 20553 dx A';
  const s = new ClaimNoteService();
  s.setDocument('file:///ws/last.claim', text);
  const found = verify(s, 'file:///ws/last.claim', text, { recheck: 10 });
  assert.ok(found.some((f) => f.code === 'tpi-both-codes' && f.fixes.length === 1));
});
