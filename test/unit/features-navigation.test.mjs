// Navigation (docs/editor-features.md): definition, references, rename with prepare-rename, document highlights.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, uriOf, workspace } from '../helpers.mjs';

const A = uriOf('a.claim'),
  B = uriOf('b.claim'),
  P = uriOf('p.claim');

const claimA = `claim C-1
  patient P-1 Jane Doe
  payer acme-ppo
  date 2026-04-01
  diagnosis A M79.12
  diagnosis B G44.209
  line 20552-RT dx A,B
  line 99213-25 dx B
  muscles right upper trapezius
`;
const claimB = `claim C-2
  patient p-1
  payer ACME-PPO
  date 2026-05-20
  diagnosis A M54.2
  line 20552 dx A
claim C-3
  patient P-9
  payer medicare
  date 2026-05-21
  diagnosis A M79.12
  line 20552 dx A
`;
const policyP = `policy acme-ppo "Acme PPO"
  limit 4 per 30 days
  rate 150%
`;

/** The position of the n-th `token` on the line containing `marker` in `text`. */
function pos(text, marker, token = marker, n = 0) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  let ch = -1;
  for (let k = 0; k <= n; k++) ch = lines[line].indexOf(token, ch + 1);
  assert.ok(line >= 0 && ch >= 0, `${token} on the line of ${marker}`);
  return { line, character: ch };
}

const span = (p, len) => ({ start: p, end: { line: p.line, character: p.character + len } });
const ws = () => workspace({ 'a.claim': claimA, 'b.claim': claimB, 'p.claim': policyP });
const where = (locs) => locs.map((l) => `${l.uri.split('/').pop()}:${l.range.start.line}:${l.range.start.character}`);

describe('go to definition', () => {
  test('from a dx pointer to its diagnosis', () => {
    const s = ws();
    const defs = s.getDefinition(A, pos(claimA, 'line 20552', 'B'));
    assert.deepEqual(defs, [{ uri: A, range: span(pos(claimA, 'diagnosis B', 'B'), 1) }]);
  });

  test('from a dx pointer to the first diagnosis with the letter (the one that counts)', () => {
    const text = claimA.replace('diagnosis B G44.209', 'diagnosis B G44.209\n  diagnosis b M54.2');
    const s = workspace({ 'a.claim': text });
    const defs = s.getDefinition(A, pos(text, 'line 99213', 'B'));
    assert.deepEqual(where(defs), ['a.claim:5:12']);
  });

  test('from a payer id to its policy in another file, whatever the case', () => {
    const s = ws();
    assert.deepEqual(s.getDefinition(A, pos(claimA, 'payer acme', 'acme')), [
      { uri: P, range: span(pos(policyP, 'policy', 'acme-ppo'), 8) },
    ]);
    assert.deepEqual(where(s.getDefinition(B, pos(claimB, 'ACME'))), ['p.claim:0:7']);
  });

  test('the built-in medicare and an undefined pointer have no definition', () => {
    const s = ws();
    assert.deepEqual(s.getDefinition(B, pos(claimB, 'payer medicare', 'medicare')), []);
    const text = claimA.replace('dx A,B', 'dx A,C');
    assert.deepEqual(workspace({ 'a.claim': text }).getDefinition(A, pos(text, 'dx A,C', 'C')), []);
  });

  test('a user policy medicare is the definition of medicare', () => {
    const s = workspace({ 'b.claim': claimB, 'm.claim': 'policy medicare\n  rate 100%\n' });
    assert.deepEqual(where(s.getDefinition(B, pos(claimB, 'payer medicare', 'medicare'))), ['m.claim:0:7']);
  });
});

describe('find references', () => {
  test('a payer: every payer line in the workspace and its policy, case-insensitively', () => {
    const s = ws();
    const from = pos(policyP, 'policy', 'acme');
    assert.deepEqual(where(s.getReferences(P, from, true)), ['a.claim:2:8', 'b.claim:2:8', 'p.claim:0:7']);
    assert.deepEqual(where(s.getReferences(P, from, false)), ['a.claim:2:8', 'b.claim:2:8'], 'without the declaration');
  });

  test('a diagnosis letter: its diagnosis and the pointers of its own claim only', () => {
    const s = ws();
    const refs = where(s.getReferences(A, pos(claimA, 'diagnosis A', 'A'), true));
    assert.deepEqual(refs, ['a.claim:4:12', 'a.claim:6:19']);
    const b = where(s.getReferences(B, { line: 5, character: 16 }, true)); // the A of `line 20552 dx A` in C-2
    assert.deepEqual(b, ['b.claim:4:12', 'b.claim:5:16'], 'claim C-2 only, not C-3');
  });

  test('a patient across files; a claim id', () => {
    const s = ws();
    assert.deepEqual(where(s.getReferences(A, pos(claimA, 'patient', 'P-1'), true)), ['a.claim:1:10', 'b.claim:1:10']);
    const dup = workspace({ 'a.claim': claimA, 'z.claim': claimA });
    assert.deepEqual(where(dup.getReferences(A, pos(claimA, 'claim C-1', 'C-1'), true)), ['a.claim:0:6', 'z.claim:0:6']);
  });

  test('nothing on a code or in free text', () => {
    const s = ws();
    assert.deepEqual(s.getReferences(A, pos(claimA, 'line 20552', '20552'), true), []);
    assert.deepEqual(s.getReferences(A, pos(claimA, 'muscles', 'upper'), true), []);
  });
});

describe('document highlights', () => {
  test("the letter's diagnosis is written, its pointers read; in this document only", () => {
    const s = ws();
    const h = s.getDocumentHighlights(A, pos(claimA, 'line 99213', 'B'));
    assert.deepEqual(
      h.map((x) => [x.range.start.line, x.range.start.character, x.kind]),
      [
        [5, 12, 3],
        [6, 21, 2],
        [7, 19, 2],
      ],
    );
    const payer = s.getDocumentHighlights(A, pos(claimA, 'payer', 'acme'));
    assert.deepEqual(
      payer.map((x) => [x.range.start.line, x.kind]),
      [[2, 2]],
      'the policy in p.claim is not highlighted here',
    );
  });
});

describe('rename', () => {
  test('prepare: a payer or a diagnosis letter, with its range and text', () => {
    const s = ws();
    assert.deepEqual(s.prepareRename(A, pos(claimA, 'payer', 'acme')), {
      range: span(pos(claimA, 'payer', 'acme'), 8),
      placeholder: 'acme-ppo',
    });
    assert.deepEqual(s.prepareRename(A, pos(claimA, 'line 20552', 'A')), {
      range: span(pos(claimA, 'line 20552', 'A'), 1),
      placeholder: 'A',
    });
  });

  test('prepare refuses what cannot be renamed, saying why', () => {
    const s = ws();
    for (const [uri, text, marker, token] of [
      [A, claimA, 'line 20552', '20552'],
      [A, claimA, 'date', '2026'],
      [A, claimA, 'claim C-1', 'C-1'],
      [A, claimA, 'patient', 'P-1'],
      [B, claimB, 'payer medicare', 'medicare'],
      [A, claimA, 'muscles', 'trapezius'],
    ]) {
      const r = s.prepareRename(uri, pos(text, marker, token));
      assert.ok(r.reason, `${token} must be refused`);
      assert.doesNotMatch(r.reason, /`/, 'plain text: an editor shows the reason as it is');
    }
    assert.match(s.prepareRename(B, pos(claimB, 'payer medicare', 'medicare')).reason, /built-in/);
  });

  test('a payer across the workspace: policy and every claim; the result checks the same', () => {
    const s = ws();
    const before = [A, B, P].map((u) =>
      s
        .findings(u)
        .map((f) => f.code)
        .sort(),
    );
    const edit = s.rename(B, pos(claimB, 'ACME'), 'acme-gold');
    assert.deepEqual(Object.keys(edit.changes).sort(), [A, B, P].sort());
    const texts = { 'a.claim': claimA, 'b.claim': claimB, 'p.claim': policyP };
    const after = {};
    for (const [name, text] of Object.entries(texts)) after[name] = applyEdits(text, edit.changes[uriOf(name)] ?? []);
    assert.match(after['a.claim'], /payer acme-gold/);
    assert.match(after['b.claim'], /payer acme-gold/);
    assert.match(after['p.claim'], /^policy acme-gold "Acme PPO"/);
    const t = workspace(after);
    assert.deepEqual(
      [A, B, P].map((u) =>
        t
          .findings(u)
          .map((f) => f.code)
          .sort(),
      ),
      before,
      'meaning kept: same diagnostics',
    );
  });

  test('a payer rename is refused onto another payer, onto medicare, or to a bad id', () => {
    const s = workspace({ 'a.claim': claimA, 'p.claim': policyP + 'policy beta\n  rate 100%\n' });
    const at = pos(claimA, 'payer', 'acme');
    assert.match(s.rename(A, at, 'beta').reason, /already a payer/);
    assert.match(s.rename(A, at, 'Medicare').reason, /already a payer/);
    assert.match(s.rename(A, at, 'acme ppo').reason, /not a payer id/);
    for (const name of ['beta', 'acme ppo']) assert.doesNotMatch(s.rename(A, at, name).reason, /`/);
    assert.ok(s.rename(A, at, 'ACME-PPO').changes, 'a change of case is fine');
  });

  test('a diagnosis letter within its claim: the diagnosis and its pointers, upper case', () => {
    const s = workspace({ 'a.claim': claimA + claimB });
    const text = claimA + claimB;
    const edit = s.rename(A, pos(text, 'diagnosis B', 'B'), 'c');
    const out = applyEdits(text, edit.changes[A]);
    assert.match(out, /diagnosis C G44\.209/);
    assert.match(out, /line 20552-RT dx A,C/);
    assert.match(out, /line 99213-25 dx C/);
    assert.equal(edit.changes[A].length, 3);
    assert.deepEqual(
      workspace({ 'a.claim': out })
        .findings(A)
        .map((f) => f.code),
      s.findings(A).map((f) => f.code),
    );
  });

  test('a letter rename is refused onto a letter defined or pointed to in the claim', () => {
    const s = ws();
    assert.match(s.rename(A, pos(claimA, 'diagnosis B', 'B'), 'A').reason, /already defined/);
    assert.match(s.rename(A, pos(claimA, 'diagnosis B', 'B'), 'M').reason, /not a diagnosis letter/);
    const text = claimA.replace('dx B', 'dx B,D');
    const t = workspace({ 'a.claim': text });
    assert.match(t.rename(A, pos(text, 'diagnosis B', 'B'), 'D').reason, /already points to D/);
  });
});
