// Code actions on a denied line (kind refactor, never quick fixes): "Draft a redetermination
// request" (a command with the document and line), and, when the claim's own findings explain
// the denial, "Create a corrected claim": the claim with its preferred fixes, without its denial,
// a new id and `replaces` the payer's claim number, inserted after it; it checks without the
// finding that explained the denial.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, claim, workspace, uriOf } from '../helpers.mjs';

const A = uriOf('a.claim');
const denialRange = (text) => {
  const line = text.split('\n').findIndex((l) => l.includes('denied'));
  return { start: { line, character: 3 }, end: { line, character: 3 } };
};

test('a denial no finding explains: only "Draft a redetermination request", a command naming the line', () => {
  const text = claim({ denied: 'denied 2026-04-10 CO-50 ref 26100 on 20552' });
  const actions = workspace({ 'a.claim': text }).getCodeActions(A, denialRange(text));
  const refactors = actions.filter((a) => a.kind?.startsWith('refactor'));
  assert.deepEqual(
    refactors.map((a) => a.title),
    ['Draft a redetermination request'],
  );
  assert.deepEqual(refactors[0].command.arguments, [{ uri: A, line: denialRange(text).start.line }]);
  assert.ok(!actions.some((a) => a.kind === 'quickfix' && /redetermination/.test(a.title)));
  assert.deepEqual(
    workspace({ 'a.claim': text })
      .getCodeActions(A, denialRange(text), ['quickfix'])
      .filter((a) => a.kind?.startsWith('refactor')),
    [],
  );
});

test('a denial the findings explain: "Create a corrected claim" inserts the fixed claim, which replaces the denied one', () => {
  const text = claim({ line: 'line 20552 mod 50 dx A', denied: 'denied 2026-04-10 CO-4 ref 26100 on 20552', appealed: null });
  const s = workspace({ 'a.claim': text });
  const actions = s.getCodeActions(A, denialRange(text));
  const corrected = actions.find((a) => a.title.startsWith('Create a corrected claim'));
  assert.ok(corrected, actions.map((a) => a.title).join(' | '));
  assert.equal(corrected.kind, 'refactor.rewrite');
  assert.match(corrected.title, /\(C-1-C, replaces 26100\)/);
  assert.ok(actions.some((a) => a.title === 'Draft a redetermination request anyway'));
  const next = applyEdits(text, corrected.edit.changes[A]);
  assert.ok(next.startsWith(text.trimEnd()), 'the denied claim is kept as it was');
  const added = next.slice(text.trimEnd().length);
  assert.match(added, /\n\nclaim C-1-C {2}# corrects C-1, denied 2026-04-10\n/);
  assert.match(added, /\n {2}payer medicare\n {2}replaces 26100\n/);
  assert.doesNotMatch(added, /\n {2}denied|mod 50/);
  const after = workspace({ 'a.claim': next });
  const codesOfNew = after
    .findings(A)
    .filter((f) => f.range.start.line >= text.trimEnd().split('\n').length)
    .map((f) => f.code);
  assert.ok(!codesOfNew.includes('modifier-50'), codesOfNew.join());
  assert.ok(!codesOfNew.includes('syntax'), codesOfNew.join());
});
