// docs/rules.md "Trigger point injections": modifier-50, units, muscle-count, tpi-both-codes,
// tpi-repeat-line, tpi-telehealth, muscles-missing, muscle-vague, muscle-unknown,
// dx-not-supported, dx-region-mismatch, infection-contraindication. Positive and negative
// cases, the exact place each reports at, severities, messages naming the concrete values,
// the edges docs/rules.md spells out (muscle counting, one TPI line, catalogue-only preference,
// judged lines) and every fix applied and checked again (docs/rules.md "Fixes").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check, claim, codes } from '../helpers.mjs';
import { assertAt, assertEveryFix, assertFix, of, only } from '../support/rule-kit.mjs';

const LINE = 5; // the service line of claim()
const MUSCLES = 6; // the muscles line of claim()

// ----------------------------------------------------------------------------- modifier-50

describe('modifier-50', () => {
  test('error at the 50, naming the code; the preferred fix removes it', () => {
    const text = claim({ line: 'line 20552 mod 50 dx A', muscles: 'muscles bilateral upper trapezius' });
    const [f, ...rest] = only(text, 'modifier-50');
    assert.equal(rest.length, 0);
    assertAt(f, text, LINE, '50');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /20552/);
    assert.match(f.message, /\b50\b/);
    assert.deepEqual(
      f.fixes.map((x) => [x.title, x.isPreferred]),
      [['Remove modifier 50', true]],
    );
    const { text: fixed, after } = assertFix(text, 'a.claim', 'modifier-50');
    assert.match(fixed, /line 20552 dx A\n/);
    assert.deepEqual(codes(after), []);
  });

  test('the message names the code the muscle count calls for, as muscle-count does (never "bill 20552" for 4 muscles)', () => {
    const text = claim({ line: 'line 20552-50 dx A', muscles: 'muscles bilateral upper trapezius, bilateral levator scapulae' });
    const [f] = only(text, 'modifier-50');
    const [count] = only(text, 'muscle-count');
    assert.match(count.message, /bill 20553/);
    assert.match(f.message, /bill 20553 once/);
    assert.match(f.message, /4 muscles/);
    assert.doesNotMatch(f.message, /bill 20552/);
    const two = only(claim({ line: 'line 20552-50 dx A', muscles: 'muscles bilateral upper trapezius' }), 'modifier-50')[0];
    assert.match(two.message, /bill 20552 once/);
    assert.match(two.message, /2 muscles/);
    const none = only(claim({ line: 'line 20553-50 dx A', muscles: null }), 'modifier-50')[0];
    assert.doesNotMatch(none.message, /bill 2055[23]/);
  });

  test('20553 too, hyphenated 50 too; not on other lines', () => {
    const text = claim({
      line: ['line 20553-50 dx A', 'line 20550-50 dx A'],
      muscles: 'muscles bilateral upper trapezius, right levator scapulae',
    });
    const fs = only(text, 'modifier-50');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, LINE, '50');
    assert.match(fs[0].message, /20553/);
    assert.deepEqual(only(claim({ line: ['line 20552 mod RT dx A', 'line 99213-25-50 dx A'] }), 'modifier-50'), []);
  });

  test('every muscle on one side: a second fix replaces 50 with RT or LT', () => {
    const left = claim({ line: 'line 20552 mod 50 dx A', muscles: 'muscles left upper trapezius, L levator scapulae' });
    const [f] = only(left, 'modifier-50');
    assert.deepEqual(
      f.fixes.map((x) => [x.title, x.isPreferred]),
      [
        ['Remove modifier 50', true],
        ['Replace modifier 50 with LT', false],
      ],
    );
    const { text: fixed, after } = assertFix(left, 'a.claim', 'modifier-50', { fixIndex: 1 });
    assert.match(fixed, /line 20552 mod LT dx A/);
    assert.deepEqual(codes(after), []);
    const right = claim({ line: 'line 20552-50 dx A' });
    const [g] = only(right, 'modifier-50');
    assert.equal(g.fixes[1].title, 'Replace modifier 50 with RT');
    assert.match(assertFix(right, 'a.claim', 'modifier-50', { fixIndex: 1 }).text, /line 20552-RT dx A/);
  });

  test('no RT/LT replacement when sides differ, a muscle has no side, there are no muscles, or the side modifier is already there', () => {
    const cases = [
      { line: 'line 20552 mod 50 dx A', muscles: 'muscles left upper trapezius, right upper trapezius' },
      { line: 'line 20552 mod 50 dx A', muscles: 'muscles bilateral upper trapezius' },
      { line: 'line 20552 mod 50 dx A', muscles: 'muscles left upper trapezius, levator scapulae' },
      { line: 'line 20552 mod 50 dx A', muscles: null },
      { line: 'line 20552 mod RT,50 dx A' },
    ];
    for (const c of cases) {
      const [f] = only(claim(c), 'modifier-50');
      assert.deepEqual(
        f.fixes.map((x) => x.title),
        ['Remove modifier 50'],
        JSON.stringify(c),
      );
    }
  });

  test('removal keeps the line well formed, whatever the form', () => {
    const forms = {
      'line 20552 mod RT,50 dx A': 'line 20552 mod RT dx A',
      'line 20552 mod 50,RT dx A': 'line 20552 mod RT dx A',
      'line 20552 mod 50 RT dx A': 'line 20552 mod RT dx A',
      'line 20552 dx A mod 50': 'line 20552 dx A',
      'line 20552-50-RT dx A': 'line 20552-RT dx A',
      'line 20552-RT mod 50 dx A': 'line 20552-RT dx A',
    };
    for (const [form, want] of Object.entries(forms)) {
      const { text } = assertFix(claim({ line: form }), 'a.claim', 'modifier-50');
      assert.equal(text.split('\n')[LINE].trim(), want, form);
    }
  });
});

// ----------------------------------------------------------------------------- units

describe('units', () => {
  test('units above 1 on a TPI line: error at the units value naming it; the preferred fix sets 1', () => {
    const text = claim({ line: 'line 20552 mod RT units 3 dx A' });
    const [f, ...rest] = only(text, 'units');
    assert.equal(rest.length, 0);
    assertAt(f, text, LINE, '3');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /\b3\b/);
    assert.match(f.message, /20552/);
    assert.deepEqual(
      f.fixes.map((x) => x.isPreferred),
      [true],
    );
    const { text: fixed, after } = assertFix(text, 'a.claim', 'units');
    assert.match(fixed, /line 20552 mod RT units 1 dx A\n/);
    assert.deepEqual(codes(after), []);
  });

  test('units 1, absent units, and units on other lines are fine', () => {
    assert.deepEqual(only(claim({ line: 'line 20552 mod RT units 1 dx A' }), 'units'), []);
    assert.deepEqual(only(claim(), 'units'), []);
    assert.deepEqual(only(claim({}, { extra: ['line 99213-25 units 2 dx A'] }), 'units'), []);
    // `units two` is a syntax error, not a units diagnostic
    assert.deepEqual(only(claim({ line: 'line 20552 mod RT units two dx A' }), 'units'), []);
  });

  test('20553 and large values', () => {
    const text = claim({
      line: 'line 20553 units 12 mod RT dx A',
      muscles: 'muscles right upper trapezius, right levator scapulae, right rhomboid major',
    });
    const [f] = only(text, 'units');
    assertAt(f, text, LINE, '12');
    assert.match(assertFix(text, 'a.claim', 'units').text, /line 20553 units 1 mod RT dx A/);
  });
});

// ----------------------------------------------------------------------------- muscle-count

describe('muscle-count', () => {
  const count = (muscles, code = '20552') => only(claim({ line: `line ${code} dx A`, muscles }), 'muscle-count');

  test('20552 with 3 muscles: error at the code naming the count and the muscles; the fix changes it to 20553', () => {
    const text = claim({ muscles: 'muscles right upper trapezius, right levator scapulae, right splenius capitis' });
    const [f, ...rest] = only(text, 'muscle-count');
    assert.equal(rest.length, 0);
    assertAt(f, text, LINE, '20552');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /\b3 muscles\b/);
    assert.match(f.message, /right trapezius, right levator scapulae, right splenius capitis/);
    assert.match(f.message, /20553/);
    assert.deepEqual(
      f.fixes.map((x) => [x.title, x.isPreferred]),
      [['Change 20552 to 20553', true]],
    );
    const { text: fixed, after } = assertFix(text, 'a.claim', 'muscle-count');
    assert.match(fixed, /line 20553 mod RT dx A/);
    assert.deepEqual(codes(after), []);
  });

  test('20553 with 1 or 2 muscles: the fix changes it to 20552', () => {
    for (const m of ['muscles right sternocleidomastoid', 'muscles right upper trapezius, right levator scapulae']) {
      const text = claim({ line: 'line 20553-RT dx A', muscles: m });
      const [f] = only(text, 'muscle-count');
      assertAt(f, text, LINE, '20553');
      assert.match(f.message, /20552/);
      const { after } = assertFix(text, 'a.claim', 'muscle-count');
      assert.deepEqual(codes(after), []);
    }
  });

  test('the right code for the count is fine: 20552 with 1 or 2, 20553 with 3 or more', () => {
    assert.deepEqual(count('muscles right upper trapezius'), []);
    assert.deepEqual(count('muscles right upper trapezius, right deltoid'), []);
    assert.deepEqual(count('muscles right upper trapezius, right deltoid, right psoas', '20553'), []);
    assert.deepEqual(count('muscles a, b, c, d, e, f', '20553'), []);
  });

  test('bilateral X is two muscles', () => {
    assert.equal(count('muscles bilateral upper trapezius, left levator scapulae').length, 1);
    assert.deepEqual(count('muscles bilateral upper trapezius'), []);
    assert.deepEqual(count('muscles bilat masseter, R temporalis', '20553'), []);
    const [f] = count('muscles bilateral upper trapezius, left levator scapulae');
    assert.match(f.message, /left trapezius, right trapezius, left levator scapulae/);
  });

  test('the upper, middle and lower trapezius are one muscle a side', () => {
    assert.deepEqual(count('muscles left upper trapezius, left middle trapezius, left lower trapezius, left trapezius'), []);
    assert.deepEqual(count('muscles left upper trapezius, left middle trapezius; right lower trapezius'), []);
    assert.equal(count('muscles left upper trapezius, left middle trapezius, right lower trapezius, right levator scapulae').length, 1);
  });

  test('trapezius and left trapezius are two; a side never carries over', () => {
    assert.equal(count('muscles trapezius, left trapezius, right trapezius').length, 1);
    assert.deepEqual(count('muscles trapezius, left trapezius'), []);
    // `left upper trapezius, levator scapulae, deltoid`: three muscles, whatever sides
    assert.equal(count('muscles left upper trapezius, levator scapulae, deltoid').length, 1);
  });

  test('a trailing s, case and extra spaces do not make another muscle', () => {
    assert.deepEqual(count('muscles left rhomboids, left Rhomboid, LEFT  rhomboid'), []);
    assert.deepEqual(count('muscles right scalenes, right scalene, R Scalene (anterior)'), []);
  });

  test('the same muscle on the same side counts once across muscles lines', () => {
    const text = claim({
      muscles: ['muscles right upper trapezius, right levator scapulae', 'muscles right upper trapezius', 'muscles R levator scapulae'],
    });
    assert.deepEqual(only(text, 'muscle-count'), []);
    const three = claim({ muscles: ['muscles right upper trapezius, right levator scapulae', 'muscles right rhomboid major'] });
    assert.equal(only(three, 'muscle-count').length, 1);
  });

  test('vague and unknown muscles count (they are muscles injected); prior muscles do not', () => {
    assert.equal(count('muscles right paraspinal, right upper trapezius, right foo').length, 1);
    const prior = claim({}, { extra: ['prior 2025-12-01 20553 right deltoid, right psoas, right soleus'] });
    assert.deepEqual(only(prior, 'muscle-count'), []);
  });

  test('the fix is preferred only when every counted muscle is a catalogue muscle', () => {
    const [vague] = count('muscles right paraspinal, right upper trapezius, right deltoid');
    assert.deepEqual(
      vague.fixes.map((x) => x.isPreferred),
      [false],
    );
    const [unknown] = count('muscles right pecs, right upper trapezius, right deltoid');
    assert.deepEqual(
      unknown.fixes.map((x) => x.isPreferred),
      [false],
    );
    assert.match(
      unknown.message,
      /right pecs, right trapezius, right deltoid/,
      'an unknown muscle is named as written, a catalogue one by its name',
    );
    const [cat] = count('muscles right infraspinatus, right upper trapezius, right deltoid');
    assert.deepEqual(
      cat.fixes.map((x) => x.isPreferred),
      [true],
    );
    // not preferred, but still a fix that works
    assertFix(claim({ muscles: 'muscles right paraspinal, right upper trapezius, right deltoid' }), 'a.claim', 'muscle-count');
  });

  test('only on a claim with exactly one TPI line; never without muscles', () => {
    const two = claim({ line: ['line 20552 mod RT dx A', 'line 20552 mod RT dx A'], muscles: 'muscles a, b, c' });
    assert.deepEqual(only(two, 'muscle-count'), []);
    const both = claim({ line: ['line 20552 mod RT dx A', 'line 20553 mod RT dx A'], muscles: 'muscles right deltoid' });
    assert.deepEqual(only(both, 'muscle-count'), []);
    assert.deepEqual(only(claim({ line: 'line 20553 dx A', muscles: null }), 'muscle-count'), []);
    assert.deepEqual(only(claim({ line: 'line 99213 dx A', muscles: 'muscles a, b, c' }), 'muscle-count'), []);
  });
});

// ----------------------------------------------------------------------------- tpi-both-codes

describe('tpi-both-codes', () => {
  const M3 = 'muscles right upper trapezius, right levator scapulae, right splenius capitis';

  test('20552 then 20553: error at the 20553 line naming the count; the fix keeps one line of the right code', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20553 mod RT dx A'], muscles: M3 });
    const [f, ...rest] = only(text, 'tpi-both-codes');
    assert.equal(rest.length, 0);
    assertAt(f, text, LINE + 1, '20553');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /20552 and 20553/);
    assert.match(f.message, /\b3\b/);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].isPreferred, false);
    const { text: fixed, after } = assertFix(text, 'a.claim', 'tpi-both-codes');
    assert.equal(fixed.match(/line 2055[23]/g).join(), 'line 20553');
    assert.deepEqual(codes(after), []);
  });

  test('20553 then 20552: at the first 20552 line, the code that appears second', () => {
    const text = claim({
      line: ['line 20553 mod RT dx A', 'line 99213-25 dx A', 'line 20552 mod RT dx A', 'line 20552 dx A'],
      muscles: 'muscles right deltoid',
    });
    const [f] = only(text, 'tpi-both-codes');
    assertAt(f, text, LINE + 2, '20552');
    assert.match(f.message, /bill one 20552 line \(1 muscle\)/);
    const { text: fixed, after } = assertFix(text, 'a.claim', 'tpi-both-codes');
    assert.deepEqual(fixed.match(/line \d{5}\S*/g), ['line 20552', 'line 99213-25']);
    assert.deepEqual(of(after, 'tpi-repeat-line'), []);
  });

  test('no muscles: reported, but no count to choose the code by, so no fix', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20553 mod RT dx A'], muscles: null });
    const [f] = only(text, 'tpi-both-codes');
    assert.deepEqual(f.fixes, []);
  });

  test('one code, however many lines, is not tpi-both-codes', () => {
    assert.deepEqual(only(claim({ line: ['line 20552 mod RT dx A', 'line 20552 mod RT dx A'] }), 'tpi-both-codes'), []);
    assert.deepEqual(only(claim(), 'tpi-both-codes'), []);
  });

  test('the fix at the end of a file without a final line break (adjacent lines deleted as one edit)', () => {
    const text = claim(
      { line: null, muscles: M3 },
      { extra: ['line 20552 mod RT dx A', 'line 20553 mod RT dx A', 'line 20553 mod RT dx A'] },
    ).trimEnd();
    const { text: fixed, after } = assertFix(text, 'a.claim', 'tpi-both-codes');
    assert.ok(fixed.endsWith('line 20553 mod RT dx A'), fixed);
    assert.deepEqual(codes(after), []);
  });
});

// ----------------------------------------------------------------------------- tpi-repeat-line

describe('tpi-repeat-line', () => {
  test('a second line of the same TPI code: error at its code, related to the first; fix deletes it', () => {
    const text = claim(
      { line: ['line 20552 mod RT dx A', 'line 99213-25 dx A', 'line 20552 mod RT dx A'] },
      { extra: ['note E/M for a separate problem'] },
    );
    const [f, ...rest] = only(text, 'tpi-repeat-line');
    assert.equal(rest.length, 0);
    assertAt(f, text, LINE + 2, '20552');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /20552/);
    assert.deepEqual(
      f.related.map((r) => [r.range.start.line, r.range.start.character]),
      [[LINE, 7]],
    );
    assert.deepEqual(
      f.fixes.map((x) => x.isPreferred),
      [false],
    );
    const { text: fixed, after } = assertFix(text, 'a.claim', 'tpi-repeat-line');
    assert.equal(fixed.match(/line 20552/g).length, 1);
    assert.deepEqual(codes(after), []);
  });

  test('three lines: the second and the third; each fix removes one', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 20552 mod RT dx A', 'line 20552-RT dx A'] });
    const fs = only(text, 'tpi-repeat-line');
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [LINE + 1, LINE + 2],
    );
    for (const f of fs) assert.equal(f.related[0].range.start.line, LINE);
    assertFix(text, 'a.claim', 'tpi-repeat-line');
    assertFix(text, 'a.claim', 'tpi-repeat-line', { match: (f) => f.range.start.line === LINE + 2 });
  });

  test('other codes may repeat; 20552 and 20553 are not repeats of each other', () => {
    assert.deepEqual(only(claim({}, { extra: ['line J3301 dx A', 'line J3301 dx A'] }), 'tpi-repeat-line'), []);
    assert.deepEqual(only(claim({ line: ['line 20552 mod RT dx A', 'line 20553 mod RT dx A'] }), 'tpi-repeat-line'), []);
  });

  test('the fix on the last line of a file without a final line break', () => {
    const text = claim({ line: null }, { extra: ['line 20552 mod RT dx A', 'line 20552 mod RT dx A'] }).trimEnd();
    const { text: fixed } = assertFix(text, 'a.claim', 'tpi-repeat-line');
    assert.ok(fixed.endsWith('line 20552 mod RT dx A'));
    assert.equal(fixed.match(/line 20552/g).length, 1);
  });
});

// ----------------------------------------------------------------------------- tpi-telehealth

describe('tpi-telehealth', () => {
  for (const pos of ['02', '10']) {
    test(`a TPI claim at pos ${pos}: error at the pos code naming it; no fix`, () => {
      const text = claim({ pos: `pos ${pos}` });
      const [f, ...rest] = only(text, 'tpi-telehealth');
      assert.equal(rest.length, 0);
      assertAt(f, text, 13, pos);
      assert.equal(f.severity, 'error');
      assert.ok(f.message.includes(pos));
      assert.match(f.message, /telehealth/);
      assert.deepEqual(f.fixes, []);
    });
  }

  test('other places, an absent pos (11) and a claim without TPI lines are fine', () => {
    for (const pos of ['11', '22', '12', '99']) assert.deepEqual(only(claim({ pos: `pos ${pos}` }), 'tpi-telehealth'), [], pos);
    assert.deepEqual(only(claim(), 'tpi-telehealth'), []);
    assert.deepEqual(only(claim({ pos: 'pos 02', line: 'line 99213 dx A' }), 'tpi-telehealth'), []);
  });
});

// ----------------------------------------------------------------------------- muscles-missing

describe('muscles-missing', () => {
  test('a TPI claim without muscles: warning at the claim id naming the code', () => {
    const text = claim({ muscles: null });
    const [f, ...rest] = only(text, 'muscles-missing');
    assert.equal(rest.length, 0);
    assertAt(f, text, 0, 'C-1');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /C-1/);
    assert.match(f.message, /20552/);
  });

  test('muscles on a prior line only, or a muscles line with a syntax error, are not muscles of the claim', () => {
    assert.equal(only(claim({ muscles: null }, { extra: ['prior 2025-12-01 20552 right deltoid'] }), 'muscles-missing').length, 1);
    assert.equal(only(claim({ muscles: 'muscles right deltoid,' }), 'muscles-missing').length, 1);
  });

  test('a claim without TPI lines does not need muscles', () => {
    assert.deepEqual(only(claim({ muscles: null, line: 'line 99213 dx A' }), 'muscles-missing'), []);
  });

  test('fix at the end of a file without a final line break', () => {
    const text = claim({ muscles: null, line: null }, { extra: ['line 20552 mod RT dx A'] }).trimEnd();
    const { text: fixed } = assertFix(text, 'a.claim', 'muscles-missing', { placeholder: true });
    assert.match(fixed, /line 20552 mod RT dx A\n {2}muscles <[^\n]*$/);
  });

  test('fix: a `muscles` line with a visible placeholder after the last service line, not preferred', () => {
    const text = claim({ muscles: null, line: ['line 20552 mod RT dx A', 'line 99213-25 dx A'] });
    const { text: fixed } = assertFix(text, 'a.claim', 'muscles-missing', { placeholder: true });
    const lines = fixed.split('\n');
    assert.match(lines[LINE + 2], /^ {2}muscles .*<[^>]+>/);
    // the user completes it: the claim is complete
    const done = lines.map((l) => (l.includes('muscles <') ? '  muscles right upper trapezius' : l)).join('\n');
    assert.deepEqual(of(check(done), 'muscles-missing'), []);
  });
});

// ----------------------------------------------------------------------------- muscle-vague

describe('muscle-vague', () => {
  test('every vague name, with a side, any case, a trailing s: warning at the item naming it', () => {
    const names = ['paraspinal', 'back', 'neck', 'shoulder', 'low back', 'upper back', 'lumbar', 'cervical', 'thoracic', 'muscle'];
    for (const name of names) {
      for (const item of [`right ${name}`, name.toUpperCase(), `L ${name}s`]) {
        const text = claim({ muscles: `muscles right upper trapezius, ${item}` });
        const fs = only(text, 'muscle-vague');
        assert.equal(fs.length, 1, item);
        assertAt(fs[0], text, MUSCLES, item);
        assert.equal(fs[0].severity, 'warning');
        assert.ok(fs[0].message.includes(item), fs[0].message);
        assert.deepEqual(fs[0].fixes, []);
      }
    }
  });

  test('on prior lines too, and on claims without TPI lines', () => {
    const text = claim({}, { extra: ['prior 2025-12-01 20552 right paraspinal'] });
    const [f] = only(text, 'muscle-vague');
    assertAt(f, text, 13, 'right paraspinal');
    assert.equal(only(claim({ line: 'line 99213 dx A', muscles: 'muscles neck' }), 'muscle-vague').length, 1);
  });

  test('catalogue muscles and other names are not vague', () => {
    assert.deepEqual(
      only(
        claim({
          muscles: 'muscles right upper trapezius, right cervical paraspinal, right back extensor, right serratus posterior superior',
        }),
        'muscle-vague',
      ),
      [],
    );
  });
});

// ----------------------------------------------------------------------------- muscle-unknown

describe('muscle-unknown', () => {
  test('info at the item naming it; a fix per catalogue name one or two edits away', () => {
    const text = claim({ muscles: 'muscles right trapezious (upper)' });
    const [f, ...rest] = only(text, 'muscle-unknown');
    assert.equal(rest.length, 0);
    assertAt(f, text, MUSCLES, 'right trapezious');
    assert.equal(f.severity, 'info');
    assert.match(f.message, /trapezious/);
    assert.match(f.message, /trapezius/);
    assert.deepEqual(
      f.fixes.map((x) => [x.title, x.isPreferred]),
      [['Replace with trapezius', false]],
    );
    const { text: fixed, after } = assertFix(text, 'a.claim', 'muscle-unknown');
    assert.match(fixed, /muscles right trapezius \(upper\)/, 'the side and the parentheses stay');
    assert.deepEqual(codes(after), []);
  });

  test('suggestions: one or two edits, nearest first', () => {
    const cases = {
      'right levator scapula': ['levator scapulae'],
      'R rhomboyd': ['rhomboid'],
      'right supraspinatous': ['supraspinatus'],
      'left Rhomboids major': ['rhomboid major'],
    };
    for (const [item, want] of Object.entries(cases)) {
      const [f] = only(claim({ muscles: `muscles ${item}` }), 'muscle-unknown');
      assert.deepEqual(f.fixes.map((x) => x.title.replace('Replace with ', '')).slice(0, want.length), want, item);
      assertEveryFix(claim({ muscles: `muscles ${item}` }), 'a.claim', 'muscle-unknown');
    }
  });

  test('no catalogue name within two edits: reported without a fix (it still counts)', () => {
    for (const item of ['right glute med', 'right xyzzy', 'left pecs']) {
      const text = claim({ muscles: `muscles right upper trapezius, ${item}` });
      const [f] = only(text, 'muscle-unknown');
      assertAt(f, text, MUSCLES, item);
      assert.deepEqual(f.fixes, [], item);
      assert.doesNotMatch(f.message, /did you mean/);
    }
  });

  test('on prior lines too; catalogue and vague names are not unknown', () => {
    const text = claim({}, { extra: ['prior 2025-12-01 20552 left trapezious'] });
    const [f] = only(text, 'muscle-unknown');
    assertAt(f, text, 13, 'left trapezious');
    assertFix(text, 'a.claim', 'muscle-unknown');
    assert.deepEqual(
      only(claim({ muscles: 'muscles right upper trapezius, right paraspinal, left Gluteus Medius, R hamstrings' }), 'muscle-unknown'),
      [],
    );
  });
});

// ----------------------------------------------------------------------------- dx-not-supported

describe('dx-not-supported', () => {
  test('a TPI line pointing only to non-supporting diagnoses: warning at the code naming them', () => {
    const text = claim({ diagnosis: 'diagnosis A J06.9' });
    const [f, ...rest] = only(text, 'dx-not-supported');
    assert.equal(rest.length, 0);
    assertAt(f, text, LINE, '20552');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /20552/);
    assert.match(f.message, /A \(J06\.9\)/);
    assert.deepEqual(f.fixes, [], 'no supporting diagnosis on the claim, no fix');
  });

  test('every TPI-supporting diagnosis supports (dot or not)', () => {
    const supporting = [
      'M79.10',
      'M79.11',
      'M79.12',
      'M79.18',
      'M79.7',
      'M62.830',
      'M62.831',
      'M62.838',
      'G44.201',
      'G44.209',
      'G44.211',
      'G44.219',
      'G44.221',
      'G44.229',
      'M54.2',
      'M54.50',
      'M54.51',
      'M54.59',
      'M54.6',
      'S16.1XXA',
      'S16.1XXD',
      'S39.012A',
      'S39.012D',
      'S29.012A',
      'S29.012D',
      'M62838',
    ];
    for (const code of supporting) assert.deepEqual(only(claim({ diagnosis: `diagnosis A ${code}` }), 'dx-not-supported'), [], code);
    for (const code of ['M54.9', 'M79.89', 'S16.1XXS', 'M62.81', 'G44.1']) {
      const fs = check(claim({ diagnosis: `diagnosis A ${code}` }));
      assert.equal(of(fs, 'dx-not-supported').length + of(fs, 'icd-not-billable').length + of(fs, 'icd-unknown').length, 1, code);
    }
  });

  test('one supporting pointer among others is enough', () => {
    const text = claim({ diagnosis: ['diagnosis A J06.9', 'diagnosis B M79.12'], line: 'line 20552 mod RT dx A,B' });
    assert.deepEqual(only(text, 'dx-not-supported'), []);
  });

  test('one fix per supporting diagnosis of the claim: point to it (first); applied, it is gone', () => {
    const text = claim({
      diagnosis: ['diagnosis A J06.9', 'diagnosis B M79.12', 'diagnosis C M54.2', 'diagnosis D M79.1', 'diagnosis E R51.9'],
      line: ['line 20552 mod RT dx A,E', 'line 99213-25 dx B,C,D'],
    });
    const [f] = only(text, 'dx-not-supported');
    assert.match(f.message, /A \(J06\.9\), E \(R51\.9\)/);
    // D (M79.1, a header) and E (not supporting) are not offered
    assert.deepEqual(
      f.fixes.map((x) => x.title),
      ['Point 20552 to diagnosis B (M79.12)', 'Point 20552 to diagnosis C (M54.2)'],
    );
    const results = assertEveryFix(text, 'a.claim', 'dx-not-supported');
    assert.match(results[0].text, /line 20552 mod RT dx B,A,E\n/);
    assert.match(results[1].text, /line 20552 mod RT dx C,A,E\n/);
  });

  test('the fix with four pointers keeps four; with pointers written together', () => {
    const text = claim({
      diagnosis: ['diagnosis A J06.9', 'diagnosis B R51.9', 'diagnosis C J02.9', 'diagnosis D J01.90', 'diagnosis E M79.12'],
      line: ['line 20552 mod RT dx ABCD', 'line 99213-25 dx E'],
    });
    const { text: fixed } = assertFix(text, 'a.claim', 'dx-not-supported');
    assert.match(fixed, /line 20552 mod RT dx E,A,B,C\n/);
  });

  test('judged only when the line points to a defined diagnosis and none has an icd-* error', () => {
    const cases = [
      { diagnosis: ['diagnosis A J06.9', 'diagnosis B M79.1'], line: 'line 20552 mod RT dx A,B' },
      { diagnosis: ['diagnosis A J06.9', 'diagnosis B M79.19'], line: 'line 20552 mod RT dx A,B' },
      { diagnosis: ['diagnosis A J06.9', 'diagnosis B 79.1'], line: 'line 20552 mod RT dx A,B' },
      { diagnosis: 'diagnosis A J06.9', line: 'line 20552 mod RT dx C' },
      { diagnosis: 'diagnosis A J06.9', line: 'line 20552 mod RT' },
    ];
    for (const c of cases) assert.deepEqual(only(claim(c), 'dx-not-supported'), [], JSON.stringify(c));
    // a defined non-supporting letter beside an undefined one is judged
    assert.equal(only(claim({ diagnosis: 'diagnosis A J06.9', line: 'line 20552 mod RT dx A,C' }), 'dx-not-supported').length, 1);
  });

  test('each TPI line is judged on its own pointers; E/M lines are not judged', () => {
    const text = claim({
      diagnosis: ['diagnosis A J06.9', 'diagnosis B M79.12'],
      line: ['line 20552 mod RT dx B', 'line 20552 mod RT dx A', 'line 99213-25 dx A'],
    });
    const fs = only(text, 'dx-not-supported');
    // two diagnosis lines: the service lines are one lower than in claim()
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [LINE + 2],
    );
  });
});

// ----------------------------------------------------------------------------- dx-region-mismatch

describe('dx-region-mismatch', () => {
  test('a catalogue muscle in a region no pointed diagnosis covers: warning at the item naming region and diagnosis', () => {
    const text = claim({
      diagnosis: 'diagnosis A G44.209',
      line: 'line 20552 mod RT dx A',
      muscles: 'muscles right upper trapezius, right piriformis',
    });
    const [f, ...rest] = only(text, 'dx-region-mismatch');
    assert.equal(rest.length, 0);
    assertAt(f, text, MUSCLES, 'right piriformis');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /piriformis/);
    assert.match(f.message, /hip/);
    assert.match(f.message, /G44\.209/);
    assert.deepEqual(f.fixes, []);
  });

  test('the regions each diagnosis covers (docs/reference.md#catalogues)', () => {
    const cases = [
      // [diagnosis, covered muscle, uncovered muscle]
      ['G44.221', 'right temporalis', 'right quadratus lumborum'],
      ['M79.12', 'right rhomboid major', 'right gluteus medius'],
      ['M54.2', 'right levator scapulae', 'right biceps brachii'],
      ['S16.1XXA', 'right supraspinatus', 'right soleus'],
      ['M79.11', 'right masseter', 'right upper trapezius'],
      ['M54.6', 'right upper trapezius', 'right sternocleidomastoid'],
      ['S29.012A', 'right latissimus dorsi', 'right temporalis'],
      ['M62.830', 'right multifidus', 'right masseter'],
      ['M54.50', 'right piriformis', 'right rhomboid'],
      ['S39.012D', 'right quadratus lumborum', 'right deltoid'],
      ['M62.831', 'right gastrocnemius', 'right psoas'],
    ];
    for (const [code, ok, bad] of cases) {
      const text = claim({ diagnosis: `diagnosis A ${code}`, line: 'line 20552 dx A', muscles: `muscles ${ok}, ${bad}` });
      const fs = only(text, 'dx-region-mismatch');
      assert.equal(fs.length, 1, `${code}: ${JSON.stringify(fs.map((f) => f.message))}`);
      assertAt(fs[0], text, MUSCLES, bad);
    }
  });

  test('a diagnosis that names no region covers every region', () => {
    for (const code of ['M79.18', 'M79.10', 'M62.838', 'M79.7']) {
      const text = claim({
        diagnosis: `diagnosis A ${code}`,
        line: 'line 20553 dx A',
        muscles: 'muscles right temporalis, right piriformis, right soleus, right biceps brachii',
      });
      assert.deepEqual(only(text, 'dx-region-mismatch'), [], code);
    }
  });

  test('the trapezius lies in the neck and the upper back: either covers it', () => {
    assert.deepEqual(only(claim({ diagnosis: 'diagnosis A M54.6', muscles: 'muscles right lower trapezius' }), 'dx-region-mismatch'), []);
    assert.deepEqual(only(claim({ diagnosis: 'diagnosis A M54.2', muscles: 'muscles right trapezius' }), 'dx-region-mismatch'), []);
    const [f] = only(claim({ diagnosis: 'diagnosis A M54.50', muscles: 'muscles right upper trapezius' }), 'dx-region-mismatch');
    assert.match(f.message, /neck and upper back/);
  });

  test('the diagnoses of every judged TPI line count together; E/M pointers do not', () => {
    const two = claim({
      diagnosis: ['diagnosis A G44.209', 'diagnosis B M54.50'],
      line: 'line 20552 dx A,B',
      muscles: 'muscles right upper trapezius, right piriformis',
    });
    assert.deepEqual(only(two, 'dx-region-mismatch'), []);
    const em = claim({
      diagnosis: ['diagnosis A G44.209', 'diagnosis B M54.50'],
      line: ['line 20552 dx A', 'line 99213-25 dx B'],
      muscles: 'muscles right upper trapezius, right piriformis',
    });
    assert.equal(only(em, 'dx-region-mismatch').length, 1);
  });

  test('unknown and vague muscles and prior muscles are never reported', () => {
    const text = claim(
      { diagnosis: 'diagnosis A M79.11', muscles: 'muscles right masseter, right low back, right glute med' },
      { extra: ['prior 2025-12-01 20552 right piriformis'] },
    );
    assert.deepEqual(only(text, 'dx-region-mismatch'), []);
  });

  test('not judged when the TPI line points to no defined diagnosis or to one with an icd-* error', () => {
    const cases = [
      { diagnosis: ['diagnosis A G44.209', 'diagnosis B M79.1'], line: 'line 20552 dx A,B' },
      { diagnosis: ['diagnosis A G44.209', 'diagnosis B M79.19'], line: 'line 20552 dx A,B' },
      { diagnosis: ['diagnosis A G44.209', 'diagnosis B 7.9'], line: 'line 20552 dx A,B' },
      { diagnosis: 'diagnosis A G44.209', line: 'line 20552 dx C' },
      { diagnosis: 'diagnosis A G44.209', line: 'line 20552' },
      { diagnosis: 'diagnosis A G44.209', line: 'line 99213 dx A' },
    ];
    for (const c of cases)
      assert.deepEqual(only(claim({ ...c, muscles: 'muscles right piriformis' }), 'dx-region-mismatch'), [], JSON.stringify(c));
  });

  test('each mismatched item is reported on its own line and column', () => {
    const text = claim({
      diagnosis: 'diagnosis A M79.11',
      line: 'line 20553 dx A',
      muscles: ['muscles right masseter, right piriformis', 'muscles left soleus'],
    });
    const fs = only(text, 'dx-region-mismatch');
    assert.equal(fs.length, 2);
    assertAt(fs[0], text, MUSCLES, 'right piriformis');
    assertAt(fs[1], text, MUSCLES + 1, 'left soleus');
  });
});

// ----------------------------------------------------------------------------- infection-contraindication

describe('infection-contraindication', () => {
  test('M60.0*, B33.0, L03.* on a TPI claim: warning at the code naming it, pointed or not', () => {
    for (const code of ['M60.009', 'M60.08', 'B33.0', 'L03.111', 'L03.90', 'l03.211']) {
      const text = claim({ diagnosis: ['diagnosis A M79.12', `diagnosis B ${code}`] });
      const [f, ...rest] = only(text, 'infection-contraindication');
      assert.equal(rest.length, 0, code);
      assertAt(f, text, 5, code);
      assert.equal(f.severity, 'warning');
      assert.ok(f.message.includes(code.toUpperCase()), f.message);
      assert.deepEqual(f.fixes, []);
    }
  });

  test('an infection header is still an infection (beside icd-not-billable)', () => {
    const fs = check(claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis B M60.0'], line: 'line 20552 mod RT dx A,B' }));
    assert.equal(of(fs, 'icd-not-billable').length, 1);
    assert.equal(of(fs, 'infection-contraindication').length, 1);
  });

  test('other diagnoses, and claims without TPI lines, are not reported', () => {
    for (const code of ['M60.1', 'M60.10', 'B33.1', 'L02.211', 'M79.12']) {
      assert.deepEqual(only(claim({ diagnosis: ['diagnosis A M79.12', `diagnosis B ${code}`] }), 'infection-contraindication'), [], code);
    }
    assert.deepEqual(
      only(claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis B L03.111'], line: 'line 99213 dx A,B' }), 'infection-contraindication'),
      [],
    );
  });
});
