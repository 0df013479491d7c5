// Bugs found in review, each with the input that showed it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, claim, applyEdits, lib, parseDocument, workspace, uriOf } from '../helpers.mjs';

const { fixAllEdits } = lib;

test('fix-all never runs two insertions at one place together (dx A and modifier 25 at the end of an E/M line)', () => {
  const text = claim({
    line: ['line 20552-LT dx A', 'line 99213'],
    muscles: 'muscles left trapezius',
    note: 'note new knee pain assessed separately',
  });
  const before = check(text);
  assert.ok(before.some((f) => f.code === 'dx-pointer-missing') && before.some((f) => f.code === 'modifier-25-missing'));
  let fixed = applyEdits(text, fixAllEdits(before));
  fixed = applyEdits(fixed, fixAllEdits(check(fixed))); // a second pass applies what the first held back
  assert.match(fixed, /line 99213-25 dx A/);
  assert.deepEqual(
    check(fixed).filter((f) => f.code === 'syntax'),
    [],
  );
});

test('an unclosed parenthesis in a muscles list is a syntax error, not a silently shorter list', () => {
  const text = claim({ line: 'line 20553 dx A', muscles: 'muscles left trapezius (upper, left levator scapulae, left rhomboid major' });
  const f = check(text);
  const syntax = f.find((x) => x.code === 'syntax');
  assert.ok(syntax, 'syntax reported');
  assert.match(syntax.message, /unclosed parenthesis/i);
  assert.ok(!f.some((x) => x.code === 'muscle-count'), 'no count from a truncated list');
});

test('the ISO rewrite of a MM/DD/YYYY date reveals no other syntax error: the rest of the line is checked with it', () => {
  const text = claim({ date: 'date 03/04/2026 noon' }, { extra: ['prior 03/01/2026'] });
  const syntax = check(text)
    .filter((f) => f.code === 'syntax')
    .map((f) => f.message);
  assert.ok(syntax.some((m) => /MM\/DD\/YYYY/.test(m)));
  assert.ok(
    syntax.some((m) => /unexpected "noon"/i.test(m)),
    syntax.join(' | '),
  );
  assert.ok(
    syntax.some((m) => /"prior" needs a date and a CPT code/.test(m)),
    syntax.join(' | '),
  );
});

test('an implausible documented amount gets its diagnostic but no units fix that would not be a whole number', () => {
  const text = claim(
    { line: ['line 20552 mod RT dx A', 'line J3301 units 1 dx A'] },
    { extra: ['drug triamcinolone 40 mg/mL 100000000000000000000000 mL'] },
  );
  const f = check(text).find((x) => x.code === 'drug-units-mismatch');
  assert.ok(f);
  assert.deepEqual(f.fixes, []);
  const supply = check(claim({}, { extra: ['drug dexamethasone 4 mg/mL ' + '9'.repeat(320) + ' mL'] })).find(
    (x) => x.code === 'drug-supply-code',
  );
  assert.ok(supply);
  assert.deepEqual(supply.fixes, []);
});

test("fixes that insert lines use the file's line ending (CRLF files stay CRLF)", () => {
  const text = claim({ exam: null }).replace(/\n/g, '\r\n');
  const f = check(text).find((x) => x.code === 'doc-exam');
  const fixed = applyEdits(text, f.fixes[0].edits);
  assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF');
  assert.match(fixed, /\r\n  exam </);
});

test('fix-all applies edits that only touch end to end (20552 -> 20553 next to removing ` mod 50`)', () => {
  const text = claim({
    line: 'line 20552 mod 50 units 2 dx A',
    muscles: 'muscles left upper trapezius, left levator scapulae, left rhomboid major',
  });
  const fixed = applyEdits(text, fixAllEdits(check(text)));
  assert.match(fixed, /^  line 20553 units 1 dx A$/m);
  const left = check(fixed).map((f) => f.code);
  for (const c of ['modifier-50', 'units', 'muscle-count', 'syntax']) assert.ok(!left.includes(c), `${c} left: ${left}`);
});

test('words named like Object members (constructor, __proto__, toString) are plain words: no crash, no side read from Object', () => {
  // found while speeding up the parser: tables looked up with a user's words had a prototype
  const text = claim(
    { muscles: 'muscles constructor trapezius, __proto__ rhomboid major, left valueOf' },
    {
      extra: ['constructor "open quote', '__proto__ x "open quote', 'toString x', 'prior 2025-01-01 20552 hasOwnProperty trapezius'],
    },
  );
  const file = parseDocument('file:///w.claim', text);
  const items = file.blocks[0].muscles[0].items;
  assert.deepEqual(
    items.map((i) => [i.side, i.name]),
    [
      [null, 'constructor trapezius'],
      [null, '__proto__ rhomboid major'],
      ['L', 'valueOf'],
    ],
  );
  const f = check(text);
  assert.equal(f.filter((x) => x.code === 'syntax' && /unterminated quoted string/i.test(x.message)).length, 2);
  assert.ok(f.some((x) => x.code === 'syntax' && /unknown keyword "toString"/i.test(x.message)));
  const service = workspace({ 'w.claim': text });
  const uri = uriOf('w.claim');
  const symbols = service.getDocumentSymbols(uri);
  assert.deepEqual(symbols[0].children.map((s) => [s.name, s.detail]).slice(-3), [
    ['constructor trapezius', 'not in the catalogue'],
    ['__proto__ rhomboid major', 'not in the catalogue'],
    ['left valueOf', 'not in the catalogue'],
  ]);
  const hover = service.doHover(uri, { line: text.split('\n').findIndex((l) => l.includes('toString')), character: 3 });
  assert.match(hover.contents.value, /^\*\*syntax\*\*/); // the line's diagnostic, not Object's toString
  assert.doesNotMatch(hover.contents.value, /native code|function/);
});
