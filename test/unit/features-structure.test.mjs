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
  test("claims and policies at the top; a claim's diagnoses, service lines and muscles as children, named as a biller reads them", () => {
    const s = workspace({ 'a.claim': text });
    const syms = s.getDocumentSymbols(A);
    // File for a claim, Module for a policy (not Class and Interface)
    assert.deepEqual(
      syms.map((x) => [x.name, x.kind]),
      [
        ['Claim C-1', 1],
        ['Policy acme-ppo', 2],
        ['Claim C-2', 1],
      ],
    );
    const c1 = syms[0];
    assert.equal(c1.detail, 'P-1 · acme-ppo · 2026-04-01', 'patient, payer and date in the detail, not as children');
    assert.deepEqual(
      c1.children.map((c) => [c.name, c.kind, c.detail]),
      [
        ['A  M79.12 Myalgia of auxiliary muscles, head and neck', 20, 'neck myalgia'],
        ['20552-RT  dx A', 24, 'trigger point injection'],
        ['right upper trapezius', 8, 'neck and upper back'],
        ['right levator scapulae', 8, 'neck'],
      ],
    );
    const line = c1.children[1];
    assert.deepEqual(line.range, { start: { line: 7, character: 2 }, end: { line: 7, character: 20 } }, 'the line without its comment');
    assert.deepEqual(line.selectionRange, { start: { line: 7, character: 7 }, end: { line: 7, character: 12 } }, 'the code');
    assert.deepEqual(c1.children[2].selectionRange, { start: { line: 8, character: 10 }, end: { line: 8, character: 31 } });
    assert.deepEqual(c1.range, { start: { line: 2, character: 0 }, end: { line: 10, character: 20 } });
    assert.deepEqual(c1.selectionRange, { start: { line: 2, character: 6 }, end: { line: 2, character: 9 } });
    assert.equal(syms[1].detail, 'Acme PPO');
    assert.deepEqual(
      syms[1].children.map((c) => [c.name, c.kind]),
      [
        ['Limit 4 per 30 days', 7],
        ['Rate 150%', 7],
      ],
    );
    assert.deepEqual(syms[2].children, []);
  });

  test('a service line names its modifiers, pointers and units; a diagnosis without a description shows its code alone', () => {
    const s = workspace({
      'a.claim':
        'claim C-1\n  diagnosis A J06.9\n  line 20553 mod lt,59 units 2 dx a,b\n  line 99213\n  muscles bilateral trapezius, paraspinal\n',
    });
    const [c] = s.getDocumentSymbols(A);
    assert.deepEqual(
      c.children.map((x) => [x.name, x.detail]),
      [
        ['A  J06.9', undefined],
        ['20553-LT-59  dx A,B, units 2', 'trigger point injection'],
        ['99213  no dx', 'E/M visit'],
        ['bilateral trapezius', 'neck and upper back; both sides: two muscles'],
        ['paraspinal', 'a region, not a muscle'],
      ],
    );
  });

  test('every child lies inside its parent, every selection inside its range', () => {
    const s = workspace({ 'a.claim': text });
    const inside = (outer, inner) =>
      (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
      (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));
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
    assert.deepEqual(names, ['2:acme-ppo', '2:medicare', '2:zeta', '13:P-1', '13:P-2', '1:C-1', '1:C-2', '1:X-10', '1:X-9'].sort());
    const p1 = all.find((x) => x.name === 'P-1');
    assert.match(p1.containerName, /Jane Doe, 2 claims/);
    assert.equal(p1.location.uri, A);
    assert.match(all.find((x) => x.name === 'zeta').containerName, /no policy/);
    assert.match(all.find((x) => x.name === 'medicare').containerName, /built-in/);
    assert.match(all.find((x) => x.name === 'acme-ppo').containerName, /Acme PPO, 1 claims/);
    assert.deepEqual(
      s.getWorkspaceSymbols('x1').map((x) => x.name),
      ['X-10'],
    );
    assert.deepEqual(
      s.getWorkspaceSymbols('acm').map((x) => x.name),
      ['acme-ppo'],
    );
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
  const flat = (sel) => {
    const out = [];
    for (let x = sel; x; x = x.parent) out.push(x.range);
    return out;
  };
  const r = (sl, sc, el, ec) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

  test('pointer -> line content -> whole line -> block -> document', () => {
    const s = workspace({ 'a.claim': text });
    const l = lineOf('line 20552');
    const src = text.split('\n')[l];
    const a = src.indexOf(' A') + 1;
    const [sel] = s.getSelectionRanges(A, [{ line: l, character: a }]);
    assert.deepEqual(flat(sel), [
      r(l, a, l, a + 1),
      r(l, 2, l, src.indexOf('   #')),
      r(l, 2, l, src.length),
      r(2, 0, 10, 20),
      r(0, 0, 15, 0),
    ]);
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
    assert.deepEqual(flat(ms).slice(0, 3), [
      r(m, upper, m, upper + 5),
      r(m, msrc.indexOf('right'), m, msrc.indexOf(',')),
      r(m, 2, m, msrc.length),
    ]);
  });

  test('each range strictly contains the one before', () => {
    const s = workspace({ 'a.claim': text });
    const positions = [];
    text.split('\n').forEach((line, i) => {
      for (let c = 0; c <= line.length; c += 3) positions.push({ line: i, character: c });
    });
    for (const sel of s.getSelectionRanges(A, positions)) {
      const chain = flat(sel);
      for (let k = 1; k < chain.length; k++) {
        const a = chain[k - 1],
          b = chain[k];
        const inside =
          (b.start.line < a.start.line || (b.start.line === a.start.line && b.start.character <= a.start.character)) &&
          (b.end.line > a.end.line || (b.end.line === a.end.line && b.end.character >= a.end.character));
        assert.ok(inside && JSON.stringify(a) !== JSON.stringify(b), JSON.stringify(chain));
      }
    }
  });
});
