// Fixes and formatting together (docs/editor-features.md: fixes and formatting checked for idempotence):
// source.fixAll reaches a fixed point, a fix once applied is not offered again, and fixing and
// formatting commute on the shared corpus.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { applyEdits, lib, uriOf, workspace } from '../helpers.mjs';

const dir = new URL('../fixtures/corpus/', import.meta.url);
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((n) => n.endsWith('.claim'))
    .map((n) => [n, readFileSync(new URL(n, dir), 'utf8')]),
);
const SPACES = { tabSize: 2, insertSpaces: true };
const FULL = { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } };

/** The text after applying source.fixAll once, to one file of the workspace. */
function fixAllOnce(texts, name) {
  const s = workspace(texts);
  const action = s.getCodeActions(uriOf(name), FULL, [lib.FIX_ALL_KIND]).find((a) => a.kind === lib.FIX_ALL_KIND);
  return action ? applyEdits(texts[name], action.edit.changes[uriOf(name)]) : texts[name];
}

function fixAllToFixedPoint(texts, name, rounds = 6) {
  let cur = { ...texts };
  for (let i = 0; i < rounds; i++) {
    const next = fixAllOnce(cur, name);
    if (next === cur[name]) return { text: next, rounds: i };
    cur = { ...cur, [name]: next };
  }
  return { text: cur[name], rounds: Infinity };
}

function format(texts, name) {
  const s = workspace(texts);
  return applyEdits(texts[name], s.format(uriOf(name), SPACES));
}

describe('fix-all and formatting are idempotent', () => {
  for (const name of Object.keys(files)) {
    test(`${name}: source.fixAll reaches a fixed point, and formatting commutes with it`, () => {
      const { text: fixed, rounds } = fixAllToFixedPoint(files, name);
      assert.ok(rounds <= 3, `fix-all still changes ${name} after ${rounds} rounds`);
      assert.equal(fixAllOnce({ ...files, [name]: fixed }, name), fixed, 'fix-all on a fixed file changes nothing');
      const a = format({ ...files, [name]: fixed }, name); // fix, then format
      const formatted = format(files, name);
      const b = format({ ...files, [name]: fixAllToFixedPoint({ ...files, [name]: formatted }, name).text }, name); // format, fix, format
      assert.equal(a, b, 'fixing and formatting commute');
      assert.equal(format({ ...files, [name]: a }, name), a, 'formatting a fixed file twice changes nothing more');
    });
  }

  test('a preferred quick fix, once applied, is not offered again for its diagnostic', () => {
    let tried = 0;
    for (const [name, text] of Object.entries(files)) {
      const s = workspace(files);
      for (const f of s.findings(uriOf(name))) {
        for (const fx of f.fixes.filter((x) => x.isPreferred)) {
          tried++;
          const once = applyEdits(text, fx.edits);
          const t = workspace({ ...files, [name]: once });
          const again = t.findings(uriOf(name)).filter((g) => g.code === f.code && g.message === f.message);
          assert.ok(
            !again.some((g) =>
              g.fixes.some((y) => y.title === fx.title && JSON.stringify(applyEdits(once, y.edits)) !== JSON.stringify(once)),
            ),
            `${name}: "${fx.title}" (${f.code}) is offered again after it was applied`,
          );
        }
      }
    }
    assert.ok(tried > 10, `only ${tried} preferred fixes in the corpus`);
  });
});

describe('Fix all in the light bulb', () => {
  const text = `claim C-1
  patient P-1
  payer medicare
  date 2026-04-01
  diagnosis A M79.12
  line 20552 mod 50 units 3 dx A
  muscles right upper trapezius
`;
  const lineRange = (l) => ({ start: { line: l, character: 0 }, end: { line: l, character: 40 } });

  test('a quickfix-kind "Fix all ClaimNote problems (N)" beside the fixes of a problem, N the problems it fixes; the same edits as source.fixAll', () => {
    const s = workspace({ 'a.claim': text });
    const actions = s.getCodeActions(uriOf('a.claim'), lineRange(5));
    const all = actions.find((a) => a.title.startsWith('Fix all ClaimNote problems ('));
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    assert.equal(all.kind, 'quickfix');
    assert.equal(all.title, 'Fix all ClaimNote problems (2)', 'modifier-50 and units; the other fixes here are not preferred');
    assert.equal(actions.indexOf(all), actions.filter((a) => a.kind === 'quickfix').length - 1, "after the problem's own fixes");
    const source = s.getCodeActions(uriOf('a.claim'), lineRange(5), [lib.FIX_ALL_KIND]);
    assert.deepEqual(
      source.map((a) => [a.kind, a.title]),
      [[lib.FIX_ALL_KIND, 'Fix all ClaimNote problems with a preferred fix (2)']],
    );
    assert.deepEqual(all.edit, source[0].edit);
    assert.equal(applyEdits(text, all.edit.changes[uriOf('a.claim')]).split('\n')[5], '  line 20552 units 1 dx A');
    // asked for quick fixes only, it is there too
    assert.ok(s.getCodeActions(uriOf('a.claim'), lineRange(5), ['quickfix']).some((a) => a.title === all.title));
  });

  test('not offered where no problem has a fix, nor when fix all would fix nothing', () => {
    const s = workspace({ 'a.claim': text });
    assert.deepEqual(
      s.getCodeActions(uriOf('a.claim'), lineRange(1)).filter((a) => a.kind === 'quickfix'),
      [],
    );
    const none = workspace({
      'a.claim': text.replace('mod 50 units 3 ', 'mod RT ').replace('line 20552', 'line 20552') + '  line 99213 dx A\n',
    });
    const actions = none.getCodeActions(uriOf('a.claim'), lineRange(7));
    assert.ok(
      actions.some((a) => a.title === 'Add modifier 25 to 99213'),
      'a fix that is not preferred',
    );
    assert.ok(!actions.some((a) => a.title.startsWith('Fix all')));
  });
});
