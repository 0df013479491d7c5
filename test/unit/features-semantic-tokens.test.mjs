// Semantic tokens (docs/editor-features.md): codes, modifiers, dates, ids, pointers and keywords, with a legend
// of standard LSP token types.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lib, uriOf, workspace } from '../helpers.mjs';
import { decodeTokens } from '../features-helpers.mjs';

const A = uriOf('a.claim');
const legend = lib.SEMANTIC_LEGEND;
const text = `# comment with claim and 20552 in it
claim C-1
  patient P-1 Jane Doe
  payer medicare
  date 2026-04-01
  provider 1234567893 A. Rivera
  diagnosis A m79.12 "neck"
  diagnosis B M79.1
  line 20552-rt mod GA units 1 dx a,B
  line J1030 dx A
  drug triamcinolone 40 mg/mL 1 mL
  prior 2025-12-01 20553 left trapezius
policy acme "Acme PPO"
  limit 4 per 30 days
  rate 150%
  covers M79.1, G44.209
`;

function tokens(src = text) {
  const s = workspace({ 'a.claim': src });
  return decodeTokens(s.getSemanticTokens(A).data, legend);
}

/** The token at the n-th occurrence of `word` on the line containing `marker`. */
function tokenAt(list, src, marker, word, n = 0) {
  const lines = src.split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  let ch = -1;
  for (let k = 0; k <= n; k++) ch = lines[line].indexOf(word, ch + 1);
  const t = list.find((x) => x.line === line && x.start === ch);
  return t && { type: t.type, length: t.length, modifiers: t.modifiers };
}

const STANDARD = [
  'namespace',
  'type',
  'class',
  'enum',
  'interface',
  'struct',
  'typeParameter',
  'parameter',
  'variable',
  'property',
  'enumMember',
  'event',
  'function',
  'method',
  'macro',
  'keyword',
  'modifier',
  'comment',
  'string',
  'number',
  'regexp',
  'operator',
  'decorator',
];
const STANDARD_MODIFIERS = [
  'declaration',
  'definition',
  'readonly',
  'static',
  'deprecated',
  'abstract',
  'async',
  'modification',
  'documentation',
  'defaultLibrary',
];

describe('semantic tokens', () => {
  test('the legend uses standard token types and modifiers only', () => {
    for (const t of legend.tokenTypes) assert.ok(STANDARD.includes(t), `${t} is not a standard token type`);
    for (const m of legend.tokenModifiers) assert.ok(STANDARD_MODIFIERS.includes(m), `${m} is not a standard modifier`);
  });

  test('each kind of token has its type', () => {
    const t = tokens();
    const expect = [
      ['claim C-1', 'claim', 'keyword', 5, []],
      ['claim C-1', 'C-1', 'variable', 3, ['declaration']],
      ['patient', 'patient', 'keyword', 7, []],
      ['patient', 'P-1', 'variable', 3, []],
      ['payer', 'medicare', 'type', 8, ['defaultLibrary']],
      ['date', '2026-04-01', 'number', 10, []],
      ['provider', '1234567893', 'number', 10, []],
      ['diagnosis A', 'A', 'parameter', 1, ['declaration']],
      ['diagnosis A', 'm79.12', 'enumMember', 6, []],
      ['diagnosis B', 'M79.1', 'enumMember', 5, ['deprecated']],
      ['line 20552', '20552', 'function', 5, []],
      ['line 20552', 'rt', 'property', 2, []],
      ['line 20552', 'mod', 'keyword', 3, []],
      ['line 20552', 'GA', 'property', 2, []],
      ['line 20552', 'units', 'keyword', 5, []],
      ['line 20552', 'dx', 'keyword', 2, []],
      ['line 20552', 'a,', 'parameter', 1, []],
      ['line 20552', 'B', 'parameter', 1, []],
      ['line J1030', 'J1030', 'function', 5, ['deprecated']],
      ['drug', '40 mg/mL', 'number', 8, []],
      ['drug', '1 mL', 'number', 4, []],
      ['prior', '2025-12-01', 'number', 10, []],
      ['prior', '20553', 'function', 5, []],
      ['policy acme', 'acme', 'type', 4, ['declaration']],
      ['policy acme', '"Acme PPO"', 'string', 10, []],
      ['limit', '4', 'number', 1, []],
      ['limit', 'per', 'keyword', 3, []],
      ['limit', 'days', 'keyword', 4, []],
      ['rate', '150%', 'number', 4, []],
      ['covers', 'M79.1', 'enumMember', 5, ['deprecated']],
      ['covers', 'G44.209', 'enumMember', 7, []],
    ];
    for (const [marker, word, type, length, modifiers] of expect) {
      const got = tokenAt(t, text, marker, word);
      assert.deepEqual(got, { type, length, modifiers }, `${word} on ${marker}`);
    }
    const units = tokenAt(t, text, 'line 20552', '1 dx');
    assert.deepEqual(units, { type: 'number', length: 1, modifiers: [] });
  });

  test('comments and free text carry no token', () => {
    const t = tokens();
    assert.ok(!t.some((x) => x.line === 0), 'the comment line');
    const lines = text.split('\n');
    const patient = lines.findIndex((l) => l.includes('Jane'));
    assert.ok(!t.some((x) => x.line === patient && x.start >= lines[patient].indexOf('Jane')), 'the patient name');
  });

  test('a user policy medicare is not the default library', () => {
    const src = text + 'policy medicare\n  rate 100%\n';
    assert.deepEqual(tokenAt(tokens(src), src, 'payer', 'medicare').modifiers, []);
  });

  test('a line with a syntax error keeps its keyword; tokens are ordered and do not overlap', () => {
    const src = 'claim C-1\n  line 20552 mod RT,XX1 dx A\n  date 04/01/2026\n  bogus word\n';
    const t = tokens(src);
    assert.deepEqual(tokenAt(t, src, 'date', 'date'), { type: 'keyword', length: 4, modifiers: [] });
    assert.equal(tokenAt(t, src, 'bogus', 'bogus'), undefined);
    assert.deepEqual(tokenAt(t, src, 'line', 'RT'), { type: 'property', length: 2, modifiers: [] });
    for (let i = 1; i < t.length; i++) {
      const a = t[i - 1],
        b = t[i];
      assert.ok(a.line < b.line || (a.line === b.line && a.start + a.length <= b.start), 'ordered, no overlap');
    }
  });

  test('a range request returns the tokens of that range only', () => {
    const s = workspace({ 'a.claim': text });
    const r = decodeTokens(s.getSemanticTokens(A, { start: { line: 8, character: 0 }, end: { line: 9, character: 0 } }).data, legend);
    assert.ok(r.length >= 8);
    assert.ok(r.every((x) => x.line === 8));
  });
});
