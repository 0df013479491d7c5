// Outline and structure (docs/editor-features.md): document symbols, workspace symbols, folding ranges,
// selection ranges.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { uriOf, workspace } from '../helpers.mjs';

const A = uriOf('a.claim');
const text = `# header comment
# second line of it
claim C-1
  patient P-1 Jane Doe
  payer acme-ppo
  date 2026-04-01
  diagnosis A M79.12 "neck myalgia"
  line 20552-RT dx A   # expect: nothing
  muscles right upper trapezius, right levator scapulae

  symptoms neck pain
policy acme-ppo "Acme PPO"
  limit 4 per 30 days
  rate 150%
claim C-2
`;
const lineOf = (marker) => text.split('\n').findIndex((l) => l.includes(marker));

describe('document symbols', () => {
  test('claims and policies with their lines as children', () => {
    const s = workspace({ 'a.claim': text });
    const syms = s.getDocumentSymbols(A);
    assert.deepEqual(syms.map((x) => [x.name, x.kind]), [['claim C-1', 5], ['policy acme-ppo', 11], ['claim C-2', 5]]);
    const c1 = syms[0];
    assert.equal(c1.detail, 'P-1 · acme-ppo · 2026-04-01');
    assert.deepEqual(c1.children.map((c) => c.name), ['patient P-1', 'payer acme-ppo', 'date 2026-04-01', 'diagnosis A M79.12', 'line 20552-RT', 'muscles', 'symptoms']);
    const line = c1.children.find((c) => c.name === 'line 20552-RT');
    assert.equal(line.detail, 'dx A', 'the rest of the line, without the comment');
    assert.equal(line.kind, 12);
    assert.deepEqual(line.range, { start: { line: 7, character: 2 }, end: { line: 7, character: 20 } });
    assert.deepEqual(line.selectionRange, { start: { line: 7, character: 2 }, end: { line: 7, character: 15 } });
    assert.equal(c1.children.find((c) => c.name === 'muscles').detail, 'right upper trapezius, right levator scapulae');
    assert.deepEqual(c1.range, { start: { line: 2, character: 0 }, end: { line: 10, character: 20 } });
    assert.deepEqual(c1.selectionRange, { start: { line: 2, character: 6 }, end: { line: 2, character: 9 } });
    assert.equal(syms[1].detail, 'Acme PPO');
    assert.deepEqual(syms[1].children.map((c) => c.name), ['limit', 'rate']);
    assert.deepEqual(syms[2].children, []);
  });

  test('every child lies inside its parent, every selection inside its range', () => {
    const s = workspace({ 'a.claim': text });
    const inside = (outer, inner) => (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character))
      && (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));
    for (const sym of s.getDocumentSymbols(A)) {
      assert.ok(inside(sym.range, sym.selectionRange), sym.name);
      for (const c of sym.children) {
        assert.ok(inside(sym.range, c.range), `${c.name} in ${sym.name}`);
        assert.ok(inside(c.range, c.selectionRange), c.name);
      }
    }
  });
});

describe('workspace symbols', () => {
  const b = 'claim X-9\n  patient P-1\n  payer medicare\nclaim X-10\n  patient P-2 John Roe\n  payer zeta\n';
  test('claim ids, patients and payers, by query', () => {
    const s = workspace({ 'a.claim': text, 'b.claim': b });
    const all = s.getWorkspaceSymbols('');
    const names = all.map((x) => `${x.kind}:${x.name}`).sort();
    assert.deepEqual(names, ['11:acme-ppo', '11:medicare', '11:zeta', '13:P-1', '13:P-2', '5:C-1', '5:C-2', '5:X-10', '5:X-9'].sort());
    const p1 = all.find((x) => x.name === 'P-1');
    assert.match(p1.containerName, /Jane Doe, 2 claims/);
    assert.equal(p1.location.uri, A);
    assert.match(all.find((x) => x.name === 'zeta').containerName, /no policy/);
    assert.match(all.find((x) => x.name === 'medicare').containerName, /built-in/);
    assert.match(all.find((x) => x.name === 'acme-ppo').containerName, /Acme PPO, 1 claims/);
    assert.deepEqual(s.getWorkspaceSymbols('x1').map((x) => x.name), ['X-10']);
    assert.deepEqual(s.getWorkspaceSymbols('acm').map((x) => x.name), ['acme-ppo']);
  });
});

describe('folding ranges', () => {
  test('one per block and one per run of comment lines', () => {
    const s = workspace({ 'a.claim': text });
    assert.deepEqual(s.getFoldingRanges(A), [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 10, kind: 'region' },
      { startLine: 11, endLine: 13, kind: 'region' },
    ]);
  });
});

describe('selection ranges', () => {
  const flat = (sel) => { const out = []; for (let x = sel; x; x = x.parent) out.push(x.range); return out; };
  const r = (sl, sc, el, ec) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

  test('pointer -> line content -> whole line -> block -> document', () => {
    const s = workspace({ 'a.claim': text });
    const l = lineOf('line 20552');
    const src = text.split('\n')[l];
    const a = src.indexOf(' A') + 1;
    const [sel] = s.getSelectionRanges(A, [{ line: l, character: a }]);
    assert.deepEqual(flat(sel), [r(l, a, l, a + 1), r(l, 2, l, src.indexOf('   #')), r(l, 2, l, src.length), r(2, 0, 10, 20), r(0, 0, 15, 0)]);
  });

  test('a modifier inside `20552-RT`, then the whole word; a muscle item spanning words', () => {
    const s = workspace({ 'a.claim': text });
    const l = lineOf('line 20552');
    const src = text.split('\n')[l];
    const rt = src.indexOf('RT');
    const [sel] = s.getSelectionRanges(A, [{ line: l, character: rt + 1 }]);
    assert.deepEqual(flat(sel).slice(0, 2), [r(l, rt, l, rt + 2), r(l, src.indexOf('20552'), l, rt + 2)]);
    const m = lineOf('muscles');
    const msrc = text.split('\n')[m];
    const upper = msrc.indexOf('upper');
    const [ms] = s.getSelectionRanges(A, [{ line: m, character: upper + 2 }]);
    assert.deepEqual(flat(ms).slice(0, 3), [r(m, upper, m, upper + 5), r(m, msrc.indexOf('right'), m, msrc.indexOf(',')), r(m, 2, m, msrc.length)]);
  });

  test('each range strictly contains the one before', () => {
    const s = workspace({ 'a.claim': text });
    const positions = [];
    text.split('\n').forEach((line, i) => { for (let c = 0; c <= line.length; c += 3) positions.push({ line: i, character: c }); });
    for (const sel of s.getSelectionRanges(A, positions)) {
      const chain = flat(sel);
      for (let k = 1; k < chain.length; k++) {
        const a = chain[k - 1], b = chain[k];
        const inside = (b.start.line < a.start.line || (b.start.line === a.start.line && b.start.character <= a.start.character))
          && (b.end.line > a.end.line || (b.end.line === a.end.line && b.end.character >= a.end.character));
        assert.ok(inside && JSON.stringify(a) !== JSON.stringify(b), JSON.stringify(chain));
      }
    }
  });
});
