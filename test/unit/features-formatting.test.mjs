// Formatting (docs/editor-features.md): indentation, aligned arguments, upper-case codes, comments and meaning
// kept, idempotent, lines with syntax errors untouched, range formatting.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyEdits, uriOf, workspace } from '../helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = join(root, 'test', 'fixtures', 'corpus');
const A = uriOf('a.claim');
const SPACES = { tabSize: 2, insertSpaces: true };

function format(text, options = SPACES, range) {
  const s = workspace({ 'a.claim': text });
  return applyEdits(text, s.format(A, options, range));
}

/** rule ids per line: what formatting must not change */
function meaning(files) {
  const s = workspace(files);
  const out = {};
  for (const name of Object.keys(files))
    out[name] = s
      .findings(uriOf(name))
      .map((f) => `${f.range.start.line}:${f.code}`)
      .sort();
  return out;
}

const messy = `# Header
Claim   C-1   # the id
patient P-1 Jane   Doe
      PAYER medicare
\tdate 2026-04-01
  diagnosis   a   m79.12   "neck  pain"
  line 20552-rt   MOD ga,kx  UNITS 1  DX a,b
  line 20552 mod RT,XX1 dx A
  muscles right upper trapezius${'   '}
  technique 27-gauge   needle  # tech comment

  # about B
  diagnosis b g44.209
   # trailing remark

# next claim
policy  acme "Acme  PPO"
    LIMIT 4   PER 30 DAYS
  requires-auth
  rate 150%
  covers m79.1,  g44.209
`;

const tidy = `# Header
claim C-1   # the id
  patient P-1 Jane   Doe
  payer   medicare
  date    2026-04-01
  diagnosis A M79.12   "neck  pain"
  line 20552-RT mod GA,KX units 1 dx A,B
  line 20552 mod RT,XX1 dx A
  muscles right upper trapezius
  technique 27-gauge   needle  # tech comment

  # about B
  diagnosis B G44.209
  # trailing remark

# next claim
policy acme "Acme  PPO"
  limit 4 per 30 days
  requires-auth
  rate   150%
  covers M79.1,  G44.209
`;

/** The example of docs/LANGUAGE.md. */
const EXAMPLE = readFileSync(join(root, 'docs', 'LANGUAGE.md'), 'utf8')
  .split('## Example')[1]
  .split('```')[1]
  .replace(/^\n/, '');

describe('document formatting', () => {
  test('indents, aligns, cases; keeps comments, names, notes and free text as written', () => {
    assert.equal(format(messy), tidy);
  });

  test('formatting twice changes nothing more', () => {
    assert.equal(format(tidy), tidy);
    assert.deepEqual(workspace({ 'a.claim': tidy }).format(A, SPACES), []);
  });

  test('a line with a syntax error is left exactly as it is', () => {
    const text = 'claim C-1\npayer   medicare\n      line 20552 mod rt,XX1 dx a   \n   date 04/01/2026\n"quoted  keyword\n';
    const out = format(text).split('\n');
    assert.equal(out[1], '  payer medicare');
    assert.equal(out[2], '      line 20552 mod rt,XX1 dx a   ', 'a fifth-modifier error: untouched, trailing space too');
    assert.equal(out[3], '   date 04/01/2026', 'a US date: untouched');
    assert.equal(out[4], '"quoted  keyword');
  });

  test('stray text before the first block is untouched; comments there go to column 0', () => {
    const text = '   # intro\n  stray   words\n claim C-1\n';
    assert.equal(format(text), '# intro\n  stray   words\nclaim C-1\n');
  });

  test('the docs/LANGUAGE.md example is already formatted', () => {
    assert.match(EXAMPLE, /^# Left neck[^]*claim TPI-2026-0142[^]*rate 150%\n$/);
    assert.equal(format(EXAMPLE), EXAMPLE);
  });

  test('the corpus: idempotent, and every line keeps its diagnostics', () => {
    const files = {};
    for (const f of readdirSync(corpus).filter((x) => x.endsWith('.claim'))) files[f] = readFileSync(join(corpus, f), 'utf8');
    const s = workspace(files);
    const formatted = {};
    let changed = 0;
    for (const [name, text] of Object.entries(files)) {
      formatted[name] = applyEdits(text, s.format(uriOf(name), SPACES));
      if (formatted[name] !== text) changed++;
    }
    assert.ok(changed > 0, 'the corpus has something to format');
    assert.deepEqual(meaning(formatted), meaning(files));
    const t = workspace(formatted);
    for (const name of Object.keys(files)) assert.deepEqual(t.format(uriOf(name), SPACES), [], `${name} formatted twice`);
  });

  test('tabs when the editor indents with tabs; CRLF line breaks kept', () => {
    assert.equal(format('claim C-1\n  payer medicare\n', { tabSize: 4, insertSpaces: false }), 'claim C-1\n\tpayer medicare\n');
    assert.equal(
      format('claim C-1\r\npayer medicare  \r\n  line 20552-lt dx a\r\n'),
      'claim C-1\r\n  payer medicare\r\n  line 20552-LT dx A\r\n',
    );
  });
});

describe('service lines are not aligned like field keywords', () => {
  test('"line" takes one space, and neither takes nor widens the column of the lines around it', () => {
    const text =
      'claim C-1\n  patient P-1\n  line     20552-lt  dx a\n  muscles left upper trapezius\n  line 99213-25 dx B\n  payer medicare\n';
    const out = format(text).split('\n');
    assert.equal(out[2], '  line 20552-LT dx A', 'no run of spaces after line');
    assert.equal(out[4], '  line 99213-25 dx B');
    assert.equal(out[1], '  patient P-1', 'the fields around it align among themselves');
    assert.equal(out[3], '  muscles left upper trapezius');
    assert.equal(out[5], '  payer   medicare');
    // short keywords only: a run of lines alone, and a run where line is the longest keyword
    assert.equal(format('claim C-1\n  pos 11\n  line   20552 dx A\n'), 'claim C-1\n  pos 11\n  line 20552 dx A\n');
    // meaning kept: the same diagnostics on the same lines
    assert.deepEqual(meaning({ 'a.claim': format(text) }), meaning({ 'a.claim': text }));
    assert.equal(format(format(text)), format(text), 'idempotent');
  });
});

describe('range formatting', () => {
  test('only the lines the range touches, aligned as the whole document', () => {
    const s = workspace({ 'a.claim': messy });
    const edits = s.format(A, SPACES, { start: { line: 3, character: 4 }, end: { line: 5, character: 0 } });
    assert.deepEqual(
      edits.map((e) => e.range.start.line),
      [3, 4],
    );
    const out = applyEdits(messy, edits).split('\n');
    const want = tidy.split('\n');
    assert.equal(out[3], want[3]);
    assert.equal(out[4], want[4]);
    assert.equal(out[2], messy.split('\n')[2], 'outside the range: untouched');
  });

  test('range formatting of every line equals document formatting', () => {
    const s = workspace({ 'a.claim': messy });
    const n = messy.split('\n').length;
    const all = s.format(A, SPACES, { start: { line: 0, character: 0 }, end: { line: n - 1, character: 0 } });
    assert.equal(applyEdits(messy, all), tidy);
  });
});
