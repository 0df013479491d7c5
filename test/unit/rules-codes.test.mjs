// docs/rules.md "Codes and pointers": icd-format, icd-not-billable, icd-unknown,
// dx-pointer-undefined, dx-pointer-missing, diagnosis-unused, unknown-code. Positive and
// negative cases, the exact place each reports at, severities, messages naming the concrete
// values, the edges docs/rules.md spells out (nearest billable children, one-edit suggestions and
// the 3-character rule, fixes offered only when docs/rules.md says) and every fix applied and
// checked again (docs/rules.md "Fixes").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, claim, codes, uriOf, workspace } from '../helpers.mjs';
import { assertAt, assertEveryFix, assertFix, lineOf, of, only } from '../support/rule-kit.mjs';

const dx = (...lines) => ({ diagnosis: lines });
const titles = (f) => f.fixes.map((x) => x.title.replace(/^Replace with /, '').replace(/ \(.*\)$/, ''));

// The FY2026 billable code file, to check the suggestions against the source of truth.
const BILLABLE = new Set(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'icd10', 'icd10cm_codes_2026.txt'), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean),
);
const undot = (c) => c.replace('.', '');

/** Levenshtein distance 1 (one substitution, insertion or deletion). */
function oneEdit(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) return [...a].filter((ch, i) => ch !== b[i]).length === 1;
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < l.length; i++) if (l.slice(0, i) + l.slice(i + 1) === s) return true;
  return false;
}

// ----------------------------------------------------------------------------- icd-format

describe('icd-format', () => {
  for (const bad of ['79.18', 'M7.918', 'M791.8', 'M79.1.8', 'M79.', 'M7', 'MM9.18', 'M79.12345', '"M79.12"', 'M79-18']) {
    test(`${bad} is not shaped like a code: error at the code, naming it`, () => {
      const text = claim(dx(`diagnosis A ${bad}`));
      const fs = check(text);
      const [f, ...rest] = of(fs, 'icd-format');
      assert.equal(rest.length, 0);
      assertAt(f, text, 4, bad);
      assert.equal(f.severity, 'error');
      assert.ok(f.message.includes(bad.replace(/"/g, '')), f.message);
      assert.deepEqual(f.fixes, []);
      // one root cause: nothing else about the code, and the TPI line is not judged on it
      for (const other of /** @type {const} */ ([
        'icd-not-billable',
        'icd-unknown',
        'dx-not-supported',
        'dx-not-covered',
        'dx-region-mismatch',
        'syntax',
      ]))
        assert.deepEqual(of(fs, other), [], other);
    });
  }

  test('well-formed codes, with or without the dot, any case, are not icd-format', () => {
    for (const good of ['M79.12', 'M7912', 'm79.12', 'S16.1XXA', 's161xxa', 'M54.2', 'G44.209']) {
      assert.deepEqual(only(claim(dx(`diagnosis A ${good}`)), 'icd-format'), [], good);
    }
  });

  test('covers and excludes entries too, each at its own columns', () => {
    const text = claim({ payer: 'payer acme' }) + '\npolicy acme\n  covers M79.12, 79.1, M54*\n  excludes M79.7 M7.97\n';
    const fs = only(text, 'icd-format');
    assert.equal(fs.length, 2);
    assertAt(fs[0], text, lineOf(text, 'covers'), '79.1', 1);
    assertAt(fs[1], text, lineOf(text, 'excludes'), 'M7.97');
    assert.match(fs[0].message, /79\.1/);
    assert.deepEqual(only('policy acme\n  covers M79.1*, G44.2, S16.1XXA\n', 'icd-format'), []);
  });
});

// ----------------------------------------------------------------------------- icd-not-billable

describe('icd-not-billable', () => {
  test('M79.1: error at the code naming its four billable children, one fix each, none preferred without muscles', () => {
    const text = claim({ ...dx('diagnosis A M79.1'), muscles: null });
    const [f, ...rest] = only(text, 'icd-not-billable');
    assert.equal(rest.length, 0);
    assertAt(f, text, 4, 'M79.1');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /M79\.1\b/);
    assert.match(f.message, /M79\.10, M79\.11, M79\.12, M79\.18/);
    assert.deepEqual(titles(f), ['M79.10', 'M79.11', 'M79.12', 'M79.18']);
    assert.ok(f.fixes.every((x) => !x.isPreferred));
    assert.deepEqual(
      f.fixes.map((x) => x.edits[0].newText),
      ['M79.10', 'M79.11', 'M79.12', 'M79.18'],
    );
  });

  test('every replacement is titled with its description where ClaimNote has one, and only then', () => {
    const [f] = only(claim(dx('diagnosis A M79.1')), 'icd-not-billable');
    assert.deepEqual(
      f.fixes.map((x) => x.title),
      [
        'Replace with M79.10 (Myalgia, unspecified site)',
        'Replace with M79.11 (Myalgia of mastication muscle)',
        'Replace with M79.12 (Myalgia of auxiliary muscles, head and neck)',
        'Replace with M79.18 (Myalgia, other site)',
      ],
    );
    const [g] = only(claim(dx('diagnosis A M60.0')), 'icd-not-billable');
    assert.deepEqual(
      g.fixes.map((x) => x.title),
      ['Replace with M60.08', 'Replace with M60.09'],
      'no description shipped: none shown',
    );
    const [u] = only(claim(dx('diagnosis A M79.19')), 'icd-unknown');
    assert.equal(u.fixes[0].title, 'Replace with M79.10 (Myalgia, unspecified site)');
  });

  test("M79.1: the code that fits the claim's catalogue muscles is preferred (M79.11 mastication, M79.12 head and neck, else M79.18)", () => {
    const preferred = (muscles) => {
      const [f] = only(claim({ ...dx('diagnosis A M79.1'), muscles }), 'icd-not-billable');
      return f.fixes.filter((x) => x.isPreferred).map((x) => x.edits[0].newText);
    };
    assert.deepEqual(preferred('muscles left masseter, right temporalis'), ['M79.11']);
    assert.deepEqual(preferred('muscles left medial pterygoid, left lateral pterygoid'), ['M79.11']);
    assert.deepEqual(preferred('muscles left masseter, left frontalis'), ['M79.12'], 'head, not all mastication');
    assert.deepEqual(preferred('muscles right upper trapezius, right levator scapulae, right sternocleidomastoid'), ['M79.12']);
    assert.deepEqual(preferred('muscles right upper trapezius, right rhomboid major'), ['M79.18'], 'the rhomboid is in the upper back');
    assert.deepEqual(preferred('muscles left piriformis'), ['M79.18']);
    assert.deepEqual(preferred('muscles left masseter, left trapezious'), ['M79.11'], 'unknown muscles are not judged');
    assert.deepEqual(preferred('muscles left trapezious'), [], 'no catalogue muscle: none preferred');
    assert.deepEqual(preferred(null), []);
    // only M79.1: another header gets no preferred fix
    const [g] = only(claim(dx('diagnosis A G44.20')), 'icd-not-billable');
    assert.ok(g.fixes.every((x) => !x.isPreferred));
  });

  test('the billable children that extend it by the fewest characters, in code order', () => {
    const cases = {
      'G44.20': ['G44.201', 'G44.209'],
      'G44.2': ['G44.201', 'G44.209', 'G44.211', 'G44.219', 'G44.221', 'G44.229'],
      'M54.5': ['M54.50', 'M54.51', 'M54.59'],
      'M62.83': ['M62.830', 'M62.831', 'M62.838'],
      // M60.0 has 6-character children (M60.000...) and 5-character ones: the 5-character ones
      'M60.0': ['M60.08', 'M60.09'],
      'S16.1': ['S16.1XXA', 'S16.1XXD', 'S16.1XXS'],
    };
    for (const [code, want] of Object.entries(cases)) {
      const [f] = only(claim(dx(`diagnosis A ${code}`)), 'icd-not-billable');
      assert.deepEqual(titles(f), want, code);
      for (const c of want) assert.ok(BILLABLE.has(undot(c)), c);
    }
  });

  test('at most 10, in code order', () => {
    const [f] = only(claim(dx('diagnosis A S16')), 'icd-not-billable');
    assert.equal(f.fixes.length, 10);
    const got = titles(f).map(undot);
    const want = [...BILLABLE]
      .filter((c) => c.startsWith('S16') && c.length === 7)
      .sort()
      .slice(0, 10);
    assert.deepEqual(got, want);
    assert.ok([...BILLABLE].filter((c) => c.startsWith('S16') && c.length === 7).length > 10, 'S16 has more than 10');
  });

  test('the replacement keeps the way the code was written', () => {
    const dotless = only(claim(dx('diagnosis A m791')), 'icd-not-billable')[0];
    assert.deepEqual(
      dotless.fixes.map((x) => x.edits[0].newText),
      ['M7910', 'M7911', 'M7912', 'M7918'],
    );
    // a three-character category shows no style: the conventional dotted form, as the title says
    const category = only(claim(dx('diagnosis A L03')), 'icd-not-billable')[0];
    assert.deepEqual(titles(category), ['L03.90', 'L03.91']);
    assert.deepEqual(
      category.fixes.map((x) => x.edits[0].newText),
      ['L03.90', 'L03.91'],
    );
  });

  test('billable codes and unknown codes are not icd-not-billable', () => {
    for (const code of ['M79.12', 'M54.2', 'S16.1XXA', 'J06.9', 'M79.19', 'U10'])
      assert.deepEqual(only(claim(dx(`diagnosis A ${code}`)), 'icd-not-billable'), [], code);
  });

  test('every fix applies: the code is billable, and the claim can now be judged (a fix may reveal other findings)', () => {
    const text = claim(dx('diagnosis A M79.1'));
    const results = assertEveryFix(text, 'a.claim', 'icd-not-billable');
    assert.equal(results.length, 4);
    for (const r of results) assert.deepEqual(of(r.after, 'icd-unknown'), []);
    // M79.10 now judged: unspecified site covers every region, supported, covered by medicare
    assert.deepEqual(codes(results[0].after), []);
  });

  test('fixes of a dotless header and a category apply too', () => {
    assertEveryFix(claim(dx('diagnosis A M5450')).replace('M5450', 'M545'), 'a.claim', 'icd-not-billable');
    assertEveryFix(
      claim({ ...dx('diagnosis A M79.18', 'diagnosis B L03'), line: 'line 20552 mod RT dx A,B' }),
      'a.claim',
      'icd-not-billable',
    );
  });
});

// ----------------------------------------------------------------------------- icd-unknown

describe('icd-unknown', () => {
  test('M79.19: error at the code, suggestions one edit away in the message and as fixes', () => {
    const text = claim(dx('diagnosis A M79.19'));
    const [f, ...rest] = only(text, 'icd-unknown');
    assert.equal(rest.length, 0);
    assertAt(f, text, 4, 'M79.19');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /M79\.19/);
    // M79.10, M79.11, M79.12, M79.18, M79.89 and M79.9 are one edit away: at most 5, in code order
    assert.deepEqual(titles(f), ['M79.10', 'M79.11', 'M79.12', 'M79.18', 'M79.89']);
    assert.ok(BILLABLE.has('M799') && oneEdit('M7919', 'M799'), 'a sixth candidate exists');
    assert.match(f.message, /M79\.10, M79\.11, M79\.12, M79\.18, M79\.89/);
    assert.ok(f.fixes.every((x) => !x.isPreferred));
  });

  test('every suggestion is billable, one edit away, shares the first three characters, in code order', () => {
    for (const code of ['M79.19', 'M79.182', 'G44.2091', 'S16.1XXB', 'Q99.99', 'M79.1A', 'Z99.99']) {
      const [f] = only(claim(dx(`diagnosis A ${code}`)), 'icd-unknown');
      assert.ok(f, code);
      const got = titles(f).map(undot);
      assert.ok(got.length >= 1 && got.length <= 5, code);
      assert.deepEqual(got, [...got].sort(), `${code}: code order`);
      for (const c of got) {
        assert.ok(BILLABLE.has(c), `${c} is billable`);
        assert.ok(oneEdit(undot(code), c), `${c} is one edit from ${code}`);
        assert.equal(c.slice(0, 3), undot(code).slice(0, 3), `${c} shares the first three characters of ${code}`);
      }
      // and they are exactly the first five such codes of the file
      const all = [...BILLABLE]
        .filter((c) => oneEdit(undot(code), c) && c.slice(0, 3) === undot(code).slice(0, 3))
        .sort()
        .slice(0, 5);
      assert.deepEqual(got, all, code);
    }
  });

  test('3-character rule: when no code shares the first three characters, those sharing the first character', () => {
    // A0Z: A09 is one edit away and shares only the A
    const [a] = only(claim(dx('diagnosis A A0Z')), 'icd-unknown');
    assert.deepEqual(titles(a), ['A09']);
    // R5Z: R52, R54, R55, R58 (R53 is a header)
    const [r] = only(claim(dx('diagnosis A R5Z')), 'icd-unknown');
    assert.deepEqual(titles(r), ['R52', 'R54', 'R55', 'R58']);
    // M7Z.1: M72.1 shares M, not M7Z
    const [m] = only(claim(dx('diagnosis A M7Z.1')), 'icd-unknown');
    assert.deepEqual(titles(m), ['M72.1']);
  });

  test('a code one edit away with another first character is never suggested; no candidate, no fix', () => {
    // U10: I10 is billable and one edit away, but starts with another letter
    assert.ok(BILLABLE.has('I10'));
    const [f] = only(claim(dx('diagnosis A U10')), 'icd-unknown');
    assert.deepEqual(f.fixes, []);
    assert.doesNotMatch(f.message, /did you mean/);
    assert.match(f.message, /U10/);
  });

  test('the rule of three wins even over nearer codes of the first letter: shared three characters only', () => {
    // G44.2091: G44.091, G44.201, G44.209 share G44; nothing outside G44 is offered
    const [f] = only(claim(dx('diagnosis A G44.2091')), 'icd-unknown');
    assert.deepEqual(titles(f), ['G44.091', 'G44.201', 'G44.209']);
  });

  test('billable codes and headers are not icd-unknown; malformed codes are icd-format instead', () => {
    for (const code of ['M79.12', 'M79.1', 'G44.20', '79.19'])
      assert.deepEqual(only(claim(dx(`diagnosis A ${code}`)), 'icd-unknown'), [], code);
  });

  test('every fix applies and leaves a billable code, in the style it was written', () => {
    for (const code of ['M79.19', 'S16.1XXB', 'A0Z']) {
      const results = assertEveryFix(claim(dx(`diagnosis A ${code}`)), 'a.claim', 'icd-unknown');
      for (const r of results) assert.deepEqual(of(r.after, 'icd-not-billable'), [], code);
    }
    const [f] = only(claim(dx('diagnosis A M7918X')), 'icd-unknown');
    assert.deepEqual(
      f.fixes.map((x) => x.edits[0].newText),
      ['M7918'],
    );
  });
});

// ----------------------------------------------------------------------------- dx-pointer-undefined

describe('dx-pointer-undefined', () => {
  test('error at the letter, naming the letter, the line code and the defined letters; no fix', () => {
    const text = claim({ line: 'line 20552 mod RT dx A,C' });
    const [f, ...rest] = only(text, 'dx-pointer-undefined');
    assert.equal(rest.length, 0);
    assertAt(f, text, 5, 'C');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /\bC\b/);
    assert.match(f.message, /20552/);
    assert.match(f.message, /point to A, or define C\. Claim C-1 defines A\./);
    assert.deepEqual(f.fixes, []);
  });

  test('every undefined letter on every line, any case, written together or apart', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 99213-25 dx cd', 'line J3301 dx E F'] });
    const fs = only(text, 'dx-pointer-undefined');
    assert.deepEqual(
      fs.map((f) => [f.range.start.line, f.range.start.character]),
      [
        [6, 19],
        [6, 20],
        [7, 16],
        [7, 18],
      ],
    );
    assert.match(fs[0].message, /\bC\b/);
    assert.match(fs[2].message, /J3301/);
  });

  test('a letter whose diagnosis line was dropped (syntax) is undefined; a malformed code still defines its letter', () => {
    const dropped = claim({ ...dx('diagnosis A M79.12', 'diagnosis B'), line: 'line 20552 mod RT dx A,B' });
    assert.equal(only(dropped, 'dx-pointer-undefined').length, 1);
    const malformed = claim({ ...dx('diagnosis A M79.12', 'diagnosis B 79.1'), line: 'line 20552 mod RT dx A,B' });
    assert.deepEqual(only(malformed, 'dx-pointer-undefined'), []);
  });

  test('defined letters are fine; a claim with no diagnosis reports every pointer', () => {
    assert.deepEqual(only(claim(), 'dx-pointer-undefined'), []);
    const none = claim({ diagnosis: null });
    const fs = only(none, 'dx-pointer-undefined');
    assert.equal(fs.length, 1);
    assert.match(fs[0].message, /define diagnosis A\. Claim C-1 defines no diagnosis/);
  });
});

// ----------------------------------------------------------------------------- dx-pointer-missing

describe('dx-pointer-missing', () => {
  test('a line without dx: error at the code, naming it', () => {
    const text = claim({ line: 'line 20552-RT' });
    const [f, ...rest] = only(text, 'dx-pointer-missing');
    assert.equal(rest.length, 0);
    assertAt(f, text, 5, '20552');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /20552/);
  });

  test('every kind of line, E/M and supply lines too', () => {
    const text = claim({ line: ['line 20552 mod RT dx A', 'line 99213-25', 'line J3301 units 2'] });
    const fs = only(text, 'dx-pointer-missing');
    assert.deepEqual(
      fs.map((f) => f.message.match(/\b(\d{5}|J\d{4})\b/)[1]),
      ['99213', 'J3301'],
    );
  });

  test('a dx part without a valid pointer is a syntax error, not a line without dx', () => {
    for (const line of ['line 20552 mod RT dx', 'line 20552 mod RT dx M', 'line 20552 mod RT dx 1']) {
      const fs = check(claim({ line }));
      assert.deepEqual(of(fs, 'dx-pointer-missing'), [], line);
      assert.equal(of(fs, 'syntax').length, 1, line);
    }
  });

  test('exactly one diagnosis: the preferred fix adds `dx <its letter>`; applied, it is gone', () => {
    const text = claim({ line: 'line 20552 mod RT  # right side' });
    const [f] = only(text, 'dx-pointer-missing');
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].isPreferred, true);
    assert.match(f.fixes[0].title, /dx A/);
    const { text: fixed, after } = assertFix(text, 'a.claim', 'dx-pointer-missing');
    assert.match(fixed, /line 20552 mod RT dx A {2}# right side\n/);
    assert.deepEqual(codes(after), []);
  });

  test('the only diagnosis has letter B: the fix points to B', () => {
    const text = claim({ diagnosis: 'diagnosis b M79.12', line: 'line 20552-RT' });
    const { text: fixed, after } = assertFix(text, 'a.claim', 'dx-pointer-missing');
    assert.match(fixed, /line 20552-RT dx B\n/);
    assert.deepEqual(codes(after), []);
  });

  test('no fix with two diagnoses or with none', () => {
    const two = only(
      claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis B M54.2'], line: ['line 20552 mod RT', 'line 99213-25 dx A,B'] }),
      'dx-pointer-missing',
    );
    assert.equal(two.length, 1);
    assert.deepEqual(two[0].fixes, []);
    const none = only(claim({ diagnosis: null, line: 'line 20552 mod RT' }), 'dx-pointer-missing');
    assert.deepEqual(none[0].fixes, []);
  });

  test('the fix on a line with a comment, a CRLF file and a file without a final line break', () => {
    assertFix(
      claim({ line: 'line 99213-25' }, { extra: ['note separate problem'] }).replace(/\n/g, '\r\n'),
      'a.claim',
      'dx-pointer-missing',
    );
    const last = claim(
      { line: 'line 20552 mod RT dx A', muscles: null },
      { extra: ['muscles right upper trapezius', 'line J3301 units 2'] },
    ).trimEnd();
    const { text } = assertFix(last, 'a.claim', 'dx-pointer-missing');
    assert.ok(text.endsWith('line J3301 units 2 dx A'));
  });
});

// ----------------------------------------------------------------------------- diagnosis-unused

describe('diagnosis-unused', () => {
  test('info at the letter, tagged Unnecessary, naming letter and code', () => {
    const text = claim(dx('diagnosis A M79.12', 'diagnosis B M54.2'));
    const [f, ...rest] = only(text, 'diagnosis-unused');
    assert.equal(rest.length, 0);
    assertAt(f, text, 5, 'B');
    assert.equal(f.severity, 'info');
    assert.equal(f.unnecessary, true);
    assert.match(f.message, /\bB\b/);
    assert.match(f.message, /M54\.2/);
    const d = workspace({ 'a.claim': text })
      .doValidation(uriOf('a.claim'))
      .find((x) => x.code === 'diagnosis-unused');
    assert.deepEqual(d.tags, [1]);
  });

  test('a pointer from any line makes a diagnosis used', () => {
    const text = claim({ ...dx('diagnosis A M79.12', 'diagnosis B M54.2'), line: ['line 20552 mod RT dx A', 'line 99213-25 dx b'] });
    assert.deepEqual(only(text, 'diagnosis-unused'), []);
  });

  test('the only diagnosis: reported, but no delete fix', () => {
    const text = claim({ line: 'line 20552 mod RT dx C' });
    const [f] = only(text, 'diagnosis-unused');
    assertAt(f, text, 4, 'A');
    assert.deepEqual(f.fixes, []);
    // its duplicate (ignored) definition does not make it two diagnoses
    const dup = claim({ ...dx('diagnosis A M79.12', 'diagnosis A M54.2'), line: 'line 20552 mod RT dx C' });
    const fs = only(dup, 'diagnosis-unused');
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0].fixes, []);
  });

  test('fix: delete the diagnosis line; applied, it is gone and nothing else becomes unused', () => {
    const text = claim(dx('diagnosis A M79.12', 'diagnosis B M54.2', 'diagnosis C M62.838'));
    const fs = only(text, 'diagnosis-unused');
    assert.equal(fs.length, 2);
    assert.ok(fs.every((f) => f.fixes.length === 1 && !f.fixes[0].isPreferred));
    const { text: fixed } = assertFix(text, 'a.claim', 'diagnosis-unused');
    assert.doesNotMatch(fixed, /diagnosis B/);
    assert.match(fixed, /diagnosis C/);
  });

  test('fix with a second (ignored) definition of the letter: both go, the letter is not unused again', () => {
    const text = claim(dx('diagnosis A M79.12', 'diagnosis B M54.2', 'diagnosis B J06.9'));
    const { text: fixed, after } = assertFix(text, 'a.claim', 'diagnosis-unused');
    assert.doesNotMatch(fixed, /diagnosis B/);
    assert.deepEqual(of(after, 'duplicate-diagnosis'), []);
  });

  test('fix on the last line of a file without a final line break', () => {
    const text = claim({}, { extra: ['diagnosis B M54.2'] }).trimEnd();
    const { text: fixed } = assertFix(text, 'a.claim', 'diagnosis-unused');
    assert.ok(fixed.endsWith('response pain 7/10 before, 3/10 after'));
  });
});

// ----------------------------------------------------------------------------- unknown-code

describe('unknown-code', () => {
  test('a code outside the catalogue: info at the code, naming it; no fix', () => {
    const text = claim({}, { extra: ['line 12345 dx A', 'line j9999 dx A'] });
    const fs = only(text, 'unknown-code');
    assert.equal(fs.length, 2);
    assertAt(fs[0], text, 13, '12345');
    assertAt(fs[1], text, 14, 'j9999');
    assert.equal(fs[0].severity, 'info');
    assert.match(fs[0].message, /12345/);
    assert.match(fs[1].message, /J9999/);
    assert.deepEqual(fs[0].fixes, []);
  });

  test('prior lines too', () => {
    const text = claim({}, { extra: ['prior 2026-01-05 27096'] });
    const [f] = only(text, 'unknown-code');
    assertAt(f, text, 13, '27096');
  });

  test('every catalogue code is known, the chemodenervation range included; just outside it is not', () => {
    const known = [
      '20550',
      '20551',
      '20552',
      '20553',
      '20560',
      '20561',
      '20600',
      '20604',
      '20605',
      '20606',
      '20610',
      '20611',
      '64405',
      '64450',
      '64612',
      '64630',
      '64647',
      '76942',
      '77002',
      '77021',
      '96372',
      '97110',
      '97140',
      '99202',
      '99205',
      '99211',
      '99215',
      'G2211',
      'J0585',
      'J0586',
      'J0587',
      'J0588',
      'J0702',
      'J1010',
      'J1020',
      'J1030',
      'J1040',
      'J1100',
      'J2001',
      'J3301',
      'j3301',
      'g2211',
    ];
    const lines = known.map((c) => `line ${c} dx A`);
    assert.deepEqual(only(claim({}, { extra: lines }), 'unknown-code'), []);
    const outside = only(
      claim({}, { extra: ['line 64611 dx A', 'line 64648 dx A', 'line 99201 dx A', 'line 99216 dx A', 'line 99210 dx A'] }),
      'unknown-code',
    );
    assert.deepEqual(
      outside.map((f) => f.message.match(/\d{5}/)[0]),
      ['64611', '64648', '99201', '99216', '99210'],
    );
  });
});
