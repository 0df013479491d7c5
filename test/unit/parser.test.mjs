// The parser against docs/LANGUAGE.md: every claim and policy line kind, exact token ranges
// (UTF-16 columns), comments, case, ICD dots, service line forms, muscles, drugs, prior lines,
// dates, stray lines, CRLF and recovery (docs/rules.md "Recovery").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, check, claim, applyEdits, codes, lib } from '../helpers.mjs';

const { keywordOf } = lib;

const parse = (text) => parseDocument('file:///ws/p.claim', text);
/** [line, start, end] of a token (0-based line). */
const span = (t) => [t.line, t.start, t.end];
/** The first block of a one-block text. */
const block = (text) => parse(text).blocks[0];
/** A claim block made of `claim C` and the given lines (indented two spaces). */
const claimOf = (...lines) => block(['claim C', ...lines.map((l) => '  ' + l)].join('\n'));
const errorsOf = (text) => parse(text).errors;
const syntaxOf = (text) => check(text).filter((f) => f.code === 'syntax');
/** [line, startChar, endChar] of a finding (0-based line). */
const at = (f) => [f.range.start.line, f.range.start.character, f.range.end.character];

describe('blocks and keywords', () => {
  test('claim and policy blocks run to the next block line; ids and display name', () => {
    const f = parse('# head\n\nclaim C-1\n  patient P-1\n\npolicy acme-ppo "Acme PPO"\n  requires-auth\nclaim C-2\n  patient P-2\n');
    assert.deepEqual(
      f.blocks.map((b) => [b.kind, b.id.value, b.startLine, b.endLine]),
      [
        ['claim', 'C-1', 2, 3],
        ['policy', 'acme-ppo', 5, 6],
        ['claim', 'C-2', 7, 8],
      ],
    );
    assert.equal(f.blocks[1].displayName.text, 'Acme PPO');
    assert.ok(f.blocks[1].requiresAuth);
    assert.equal(f.blocks[2].patient.value.value, 'P-2');
    assert.deepEqual(f.errors, []);
  });

  test('keywords are case-insensitive, claim and policy lines alike', () => {
    const f = parse(
      'CLAIM C-1\n  Patient P-1\n  PAYER medicare\n  Date 2026-04-01\n  DIAGNOSIS a m79.12\n  LINE 20552 MOD rt UNITS 1 DX a\n  Muscles Right Upper Trapezius\n  EXAM taut band\nPolicy acme\n  LIMIT 3 PER 12 MONTHS\n  Requires-Auth\n  RATE 120%\n',
    );
    assert.deepEqual(f.errors, []);
    const c = f.blocks[0];
    assert.equal(c.patient.value.value, 'P-1');
    assert.equal(c.diagnoses[0].letter.value, 'A');
    assert.equal(c.diagnoses[0].code.value, 'M7912');
    assert.deepEqual(
      c.lines[0].modifiers.map((m) => m.value),
      ['RT'],
    );
    assert.deepEqual(
      c.lines[0].dx.pointers.map((p) => p.value),
      ['A'],
    );
    assert.equal(c.muscles[0].items[0].side, 'R');
    assert.equal(c.texts.filter((t) => t.kw === 'exam').length, 1);
    const p = f.blocks[1];
    assert.deepEqual([p.limits[0].count, p.limits[0].per, p.limits[0].unit], [3, 12, 'months']);
    assert.ok(p.requiresAuth);
    assert.equal(p.rate.percent, 120);
  });

  test('identifiers compare case-insensitively: payer Medicare is medicare, dx a is dx A', () => {
    const f = check(claim({ payer: 'payer Medicare', line: 'line 20552 mod RT dx a', diagnosis: 'diagnosis a M79.12' }));
    assert.deepEqual(codes(f), []);
  });

  test('an id of 40 characters is fine; 41 characters or another character is a syntax error at the id', () => {
    const id40 = 'X'.repeat(40);
    assert.equal(block(`claim ${id40}`).id.value, id40);
    const e41 = errorsOf(`claim ${'X'.repeat(41)}`);
    assert.deepEqual(e41.map(span), [[0, 6, 47]]);
    const bad = errorsOf('claim C/1');
    assert.deepEqual(bad.map(span), [[0, 6, 9]]);
    assert.match(bad[0].message, /C\/1/);
  });

  test('a claim line with a bad id still opens a block: the lines after it are its own', () => {
    const f = parse('claim A\n  patient P-1\nclaim B/2\n  patient P-2\n');
    assert.equal(f.blocks.length, 2);
    assert.equal(f.blocks[1].id, undefined);
    assert.equal(f.blocks[1].patient.value.value, 'P-2');
    assert.equal(f.blocks[0].duplicates.length, 0);
  });

  test('a claim line with an unterminated quote still opens a block (one bad line never hides the rest)', () => {
    const f = parse('claim A\n  patient P-1\nclaim B "oops\n  patient P-2\n');
    assert.equal(f.blocks.length, 2, 'claim B opens its own block');
    assert.equal(f.blocks[1].id?.value, 'B');
    assert.equal(f.blocks[1].patient.value.value, 'P-2');
    assert.equal(f.blocks[0].duplicates.length, 0, 'P-2 is not a duplicate patient of claim A');
    assert.deepEqual(f.errors.map(span), [[2, 8, 13]]);
  });

  test('a policy line with an unterminated display name opens the policy; the name is free text', () => {
    const f = parse('claim A\n  patient P-1\npolicy acme "Acme PPO\n  rate 120%\n');
    assert.deepEqual(
      f.blocks.map((b) => b.kind),
      ['claim', 'policy'],
    );
    assert.equal(f.blocks[1].id.value, 'acme');
    assert.equal(f.blocks[1].displayName.text, 'Acme PPO');
    assert.equal(f.blocks[1].rate.percent, 120);
    assert.deepEqual(f.errors, []);
    // where an id is expected, an open quote is a syntax error; the block still opens
    const g = parse('policy "acme\n  rate 120%\n');
    assert.deepEqual(
      g.errors.map(span),
      [
        [0, 7, 12],
        [0, 0, 6],
      ],
      'the open quote, and the policy left without an id',
    );
    assert.equal(g.blocks[0].rate.percent, 120);
  });

  test('an unknown keyword is a syntax error at the keyword, naming it', () => {
    const s = syntaxOf(claim({}, { extra: ['frobnicate yes'] }));
    assert.equal(s.length, 1);
    assert.deepEqual(at(s[0]), [13, 2, 12]);
    assert.match(s[0].message, /frobnicate/);
    assert.equal(s[0].severity, 'error');
  });

  test('a policy line in a claim and a claim line in a policy are syntax errors at the keyword', () => {
    const e = errorsOf('claim C\n  limit 3 per 30 days\npolicy P\n  patient P-1\n');
    assert.deepEqual(e.map(span), [
      [1, 2, 7],
      [3, 2, 9],
    ]);
  });

  test('lines before the first block may only be comments or blank', () => {
    assert.deepEqual(errorsOf('# a comment\n\n   # indented comment\nclaim C\n'), []);
    const e = errorsOf('\npatient P-1\nclaim C\n');
    assert.deepEqual(e.map(span), [[1, 0, 7]]);
    assert.match(e[0].message, /before the first block/);
    const s = syntaxOf('  stray words here\nclaim C\n');
    assert.deepEqual(s.map(at), [[0, 2, 7]]);
  });

  test('a missing argument is a syntax error at the keyword', () => {
    const cases = [
      'patient',
      'payer',
      'date',
      'pos',
      'provider',
      'auth',
      'diagnosis',
      'line',
      'muscles',
      'drug',
      'prior',
      'exam',
      'symptoms',
      'tried',
      'technique',
      'response',
      'note',
    ];
    for (const kw of cases) {
      const e = errorsOf(`claim C\n   ${kw}`);
      assert.deepEqual(e.map(span), [[1, 3, 3 + kw.length]], kw);
    }
    for (const kw of ['limit', 'interval', 'rate', 'covers', 'excludes']) {
      const e = errorsOf(`policy P\n  ${kw}`);
      assert.deepEqual(e.map(span), [[1, 2, 2 + kw.length]], kw);
    }
    assert.deepEqual(errorsOf('claim').map(span), [[0, 0, 5]]);
    assert.deepEqual(errorsOf('policy').map(span), [[0, 0, 6]]);
  });
});

describe('claim lines', () => {
  test('patient: id, then the rest of the line as the name, quoted or not', () => {
    const a = claimOf('patient P-1 Jane Q. Doe');
    assert.deepEqual(span(a.patient.value), [1, 10, 13]);
    assert.equal(a.patient.rest.text, 'Jane Q. Doe');
    const b = claimOf('patient P-1 "Jane Doe"');
    assert.equal(b.patient.rest.text, 'Jane Doe');
    const c = claimOf('patient P-1');
    assert.equal(c.patient.rest, undefined);
    assert.deepEqual(errorsOf('claim C\n  patient "P-1"').map(span), [[1, 10, 15]]);
  });

  test('payer: one identifier; anything after it is a syntax error and the line is dropped', () => {
    assert.equal(claimOf('payer acme-ppo').payer.value.value, 'acme-ppo');
    const c = claimOf('payer acme ppo');
    assert.equal(c.payer, undefined);
    assert.deepEqual(errorsOf('claim C\n  payer acme ppo').map(span), [[1, 13, 16]]);
  });

  test('date: ISO, a calendar date or not (invalid-date is not syntax), other shapes are syntax', () => {
    const ok = claimOf('date 2026-03-04');
    assert.deepEqual([ok.date.iso, ...span(ok.date.value)], ['2026-03-04', 1, 7, 17]);
    const feb30 = claimOf('date 2026-02-30');
    assert.equal(feb30.date.iso, undefined);
    assert.equal(feb30.date.value.text, '2026-02-30');
    assert.deepEqual(errorsOf('claim C\n  date 2026-02-30'), []);
    const leap = claimOf('date 2024-02-29');
    assert.equal(leap.date.iso, '2024-02-29');
    assert.equal(claimOf('date 2100-02-29').date.iso, undefined);
    for (const bad of ['2026-3-4', '2026/03/04', '04-03-2026', 'today']) {
      const e = errorsOf(`claim C\n  date ${bad}`);
      assert.deepEqual(e.map(span), [[1, 7, 7 + bad.length]], bad);
      assert.equal(e[0].fix, undefined, bad);
    }
  });

  test('a MM/DD/YYYY date is a syntax error at the date whose preferred fix rewrites it as ISO', () => {
    const text = claim({ date: 'date 03/04/2026' });
    const s = syntaxOf(text);
    assert.equal(s.length, 1);
    assert.deepEqual(at(s[0]), [3, 7, 17]);
    assert.match(s[0].message, /03\/04\/2026/);
    assert.match(s[0].message, /2026-03-04/);
    assert.equal(s[0].fixes.length, 1);
    assert.equal(s[0].fixes[0].isPreferred, true);
    const fixed = applyEdits(text, s[0].fixes[0].edits);
    assert.match(fixed, /\n {2}date 2026-03-04\n/);
    assert.deepEqual(codes(check(fixed)), []);
    // one-digit month and day are padded
    const short = syntaxOf(claim({ date: 'date 3/4/2026' }));
    assert.equal(applyEdits(claim({ date: 'date 3/4/2026' }), short[0].fixes[0].edits), claim({ date: 'date 2026-03-04' }));
    // the line is dropped, but it is there: the syntax error is the one root cause, not missing-field
    assert.ok(!codes(check(text)).includes('1:missing-field'));
  });

  test('pos: two digits, anything else is syntax', () => {
    assert.deepEqual(span(claimOf('pos 11').pos.value), [1, 6, 8]);
    for (const bad of ['1', '011', 'AB']) assert.deepEqual(errorsOf(`claim C\n  pos ${bad}`).map(span), [[1, 6, 6 + bad.length]], bad);
    assert.deepEqual(errorsOf('claim C\n  pos 11 12').map(span), [[1, 9, 11]]);
  });

  test('provider: any run of digits is the NPI (judged by invalid-npi), then the name; other text is syntax', () => {
    const p = claimOf('provider 1234567893 A. Rivera, MD');
    assert.deepEqual(span(p.provider.value), [1, 11, 21]);
    assert.equal(p.provider.rest.text, 'A. Rivera, MD');
    assert.equal(claimOf('provider 123').provider.value.text, '123');
    assert.deepEqual(errorsOf('claim C\n  provider 12345-6789').map(span), [[1, 11, 21]]);
    assert.deepEqual(errorsOf('claim C\n  provider NPI1234567').map(span), [[1, 11, 21]]);
  });

  test('auth and the text lines take the rest of the line', () => {
    const c = claimOf(
      'auth PA 55821',
      'symptoms neck pain, 3 months',
      'exam taut band',
      'tried PT 6 weeks',
      'technique 27-gauge',
      'response 7/10 to 2/10',
      'note E/M separate',
    );
    assert.equal(c.auth.value.text, 'PA 55821');
    assert.deepEqual(span(c.auth.value), [1, 7, 15]);
    assert.equal(c.texts.filter((t) => t.kw === 'symptoms')[0].value.text, 'neck pain, 3 months');
    assert.equal(c.texts.filter((t) => t.kw === 'exam')[0].value.text, 'taut band');
    assert.equal(c.texts.filter((t) => t.kw === 'tried')[0].value.text, 'PT 6 weeks');
    assert.equal(c.texts.filter((t) => t.kw === 'technique')[0].value.text, '27-gauge');
    assert.equal(c.texts.filter((t) => t.kw === 'response')[0].value.text, '7/10 to 2/10');
    assert.equal(c.texts.filter((t) => t.kw === 'note')[0].value.text, 'E/M separate');
    // any number of text lines
    assert.equal(claimOf('exam a', 'exam b', 'exam c').texts.filter((t) => t.kw === 'exam').length, 3);
  });

  test('diagnosis: letter A-L (any case), code, note; a letter outside A-L is syntax', () => {
    const d = claimOf('diagnosis b M79.12 "myalgia, head and neck"').diagnoses[0];
    assert.deepEqual([d.letter.value, ...span(d.letter)], ['B', 1, 12, 13]);
    assert.deepEqual([d.code.value, d.code.text, d.wellFormed, ...span(d.code)], ['M7912', 'M79.12', true, 1, 14, 20]);
    assert.equal(d.note.text, 'myalgia, head and neck');
    assert.equal(claimOf('diagnosis L M79.12').diagnoses[0].letter.value, 'L');
    for (const bad of ['M', 'AB', '1']) {
      const e = errorsOf(`claim C\n  diagnosis ${bad} M79.12`);
      assert.deepEqual(e.map(span), [[1, 12, 12 + bad.length]], bad);
    }
    assert.deepEqual(errorsOf('claim C\n  diagnosis A').map(span), [[1, 2, 11]]);
  });

  test('ICD-10-CM codes: the dot after the third character only, ignored when comparing; case-insensitive', () => {
    for (const [text, value] of [
      ['M79.18', 'M7918'],
      ['M7918', 'M7918'],
      ['m79.18', 'M7918'],
      ['S16.1XXA', 'S161XXA'],
      ['s161xxa', 'S161XXA'],
      ['M54.2', 'M542'],
      ['M79', 'M79'],
      ['M79.1234', 'M791234'],
    ]) {
      const d = claimOf(`diagnosis A ${text}`).diagnoses[0];
      assert.deepEqual([d.code.value, d.wellFormed], [value, true], text);
    }
    for (const text of ['M7.918', 'M791.8', 'M79.1.8', 'M79.', '79.18', 'MM9.18', 'M79.12345', 'M7', '"M79.18"']) {
      const d = claimOf(`diagnosis A ${text}`).diagnoses[0];
      assert.equal(d.wellFormed, false, text);
    }
    // a malformed code is icd-format, not syntax, and it is reported at the code
    const f = check(claim({ diagnosis: 'diagnosis A M791.8' }));
    assert.deepEqual(
      f.filter((x) => x.code === 'syntax'),
      [],
    );
    assert.deepEqual(f.filter((x) => x.code === 'icd-format').map(at), [[4, 14, 20]]);
    // M79.18 and M7918 are the same diagnosis: the dotless form is just as clean
    assert.deepEqual(codes(check(claim({ diagnosis: 'diagnosis A m7912' }))), []);
  });
});

describe('service lines', () => {
  const lineOf = (text) => {
    const c = claimOf(text);
    return c.lines[0];
  };
  const mods = (l) => l.modifiers.map((m) => m.value);
  const ptrs = (l) => l.dx?.pointers.map((p) => p.value);

  test('exact columns of code, modifiers, units and pointers', () => {
    //            0         1         2         3         4
    //            0123456789012345678901234567890123456789012
    const text = '  line 99213-25 mod RT,50 units 2 dx A,B';
    const l = block('claim C\n' + text).lines[0];
    assert.deepEqual(span(keywordOf(l)), [1, 2, 6]);
    assert.deepEqual(span(keywordOf(block('claim C\n\tLINE 20552').lines[0])), [1, 1, 5], 'a keyword in any case');
    assert.deepEqual(span(l.code), [1, 7, 12]);
    assert.deepEqual(l.modifiers.map(span), [
      [1, 13, 15],
      [1, 20, 22],
      [1, 23, 25],
    ]);
    assert.deepEqual(span(l.modKeyword), [1, 16, 19]);
    assert.deepEqual(span(l.units), [1, 32, 33]);
    assert.equal(l.unitsValue, 2);
    assert.deepEqual(span(l.dx.keyword), [1, 34, 36]);
    assert.deepEqual(l.dx.pointers.map(span), [
      [1, 37, 38],
      [1, 39, 40],
    ]);
    assert.equal(l.end, 40);
  });

  test('hyphenated modifiers are modifiers: 99213-25 is 99213 mod 25', () => {
    assert.deepEqual(mods(lineOf('line 99213-25 dx B')), ['25']);
    assert.deepEqual(mods(lineOf('line 99213 mod 25 dx B')), ['25']);
    assert.deepEqual(mods(lineOf('line 20552-rt-xs dx A')), ['RT', 'XS']);
    assert.deepEqual(mods(lineOf('line 20552-RT mod XS,59 dx A')), ['RT', 'XS', '59']);
    assert.equal(lineOf('line 20552-RT dx A').code.value, '20552');
  });

  test('modifier lists: commas with or without spaces, or spaces alone', () => {
    for (const form of ['mod RT,50', 'mod RT, 50', 'mod RT ,50', 'mod RT , 50', 'mod RT 50', 'mod rt 50']) {
      const l = lineOf(`line 20552 ${form} dx A`);
      assert.deepEqual(mods(l), ['RT', '50'], form);
      assert.deepEqual(ptrs(l), ['A'], form);
    }
  });

  test('pointer lists: dx A,B / dx A, B / dx A B / dx AB, with each letter at its own column', () => {
    for (const [form, cols] of /** @type {Array<[string, number[][]]>} */ ([
      [
        'dx A,B',
        [
          [1, 16, 17],
          [1, 18, 19],
        ],
      ],
      [
        'dx A, B',
        [
          [1, 16, 17],
          [1, 19, 20],
        ],
      ],
      [
        'dx A B',
        [
          [1, 16, 17],
          [1, 18, 19],
        ],
      ],
      [
        'dx AB',
        [
          [1, 16, 17],
          [1, 17, 18],
        ],
      ],
      [
        'dx ab',
        [
          [1, 16, 17],
          [1, 17, 18],
        ],
      ],
    ])) {
      const l = lineOf(`line 20552 ${form}`);
      assert.deepEqual(ptrs(l), ['A', 'B'], form);
      assert.deepEqual(l.dx.pointers.map(span), cols, form);
    }
  });

  test('the parts come in any order; mod, units and dx always start a part', () => {
    const orders = ['mod RT units 1 dx A', 'dx A mod RT units 1', 'units 1 dx A mod RT', 'dx A units 1 mod RT'];
    for (const o of orders) {
      const l = lineOf(`line 20552 ${o}`);
      assert.deepEqual([mods(l), ptrs(l), l.unitsValue], [['RT'], ['A'], 1], o);
    }
    assert.deepEqual(errorsOf('claim C\n  line 20552 mod RT dx A'), []);
    const l = lineOf('line 20552 mod RT dx A');
    assert.deepEqual([mods(l), ptrs(l)], [['RT'], ['A']]);
  });

  test('part keywords in any case are parts, near misses and quoted words are not; commas split part keywords off too', () => {
    const l = lineOf('line 20552 MoD rt UnItS 1 dX a');
    assert.deepEqual([mods(l), ptrs(l), l.unitsValue], [['RT'], ['A'], 1]);
    assert.equal(l.modKeyword.text, 'MoD');
    for (const [form, word] of [
      ['mods RT', 'mods'],
      ['md RT', 'md'],
      ['unit 2', 'unit'],
      ['dxx A', 'dxx'],
      ['"dx" A', 'dx'],
    ]) {
      const e = errorsOf(`claim C\n  line 20552 ${form}`);
      assert.equal(e.length >= 1, true, form);
      assert.match(e[0].message, new RegExp(`unexpected \`${word}\` after the code|is not a`), form);
    }
    // a comma splits words into atoms, part keywords included: `mod,RT` is mod RT
    const c = lineOf('line 20552 mod,RT,,50 dx,A');
    assert.deepEqual([mods(c), ptrs(c)], [['RT', '50'], ['A']]);
    assert.deepEqual(c.modifiers.map(span), [
      [1, 17, 19],
      [1, 21, 23],
    ]);
  });

  test('units default to 1; units is a positive whole number', () => {
    assert.equal(lineOf('line J3301 dx A').unitsValue, 1);
    assert.equal(lineOf('line J3301 dx A').units, undefined);
    assert.equal(lineOf('line J3301 units 12 dx A').unitsValue, 12);
    for (const bad of ['two', '0', '2.5', '-1']) {
      const l = lineOf(`line J3301 units ${bad} dx A`);
      assert.equal(l.unitsValue, 1, bad);
      assert.deepEqual(ptrs(l), ['A'], bad);
      assert.deepEqual(errorsOf(`claim C\n  line J3301 units ${bad} dx A`).map(span), [[1, 19, 19 + bad.length]], bad);
    }
  });

  test('`units two` is a syntax error but the line still counts (it is a TPI line, its pointers count)', () => {
    const text = claim({ line: 'line 20552 mod RT units two dx A' });
    const f = check(text);
    assert.deepEqual(codes(f), ['6:syntax']);
    assert.deepEqual(at(f[0]), [5, 26, 29]);
    assert.match(f[0].message, /two/);
    // the line counts: no missing-field for `line`, no diagnosis-unused for A, no muscles-missing...
    const noMuscles = check(claim({ line: 'line 20552 mod RT units two dx A', muscles: null }));
    assert.ok(codes(noMuscles).includes('1:muscles-missing'), 'the line is still a TPI line');
  });

  test('a second mod, units or dx part is a syntax error at its keyword; the first part wins', () => {
    /** @type {Array<[string, number[], (l: any) => void]>} */
    const cases = [
      ['line 20552 dx A dx B', [1, 18, 20], (l) => assert.deepEqual(ptrs(l), ['A'])],
      ['line 20552 mod RT mod LT dx A', [1, 20, 23], (l) => assert.deepEqual(mods(l), ['RT'])],
      ['line J3301 units 2 units 3 dx A', [1, 21, 26], (l) => assert.equal(l.unitsValue, 2)],
    ];
    for (const [text, where, check_] of cases) {
      const e = errorsOf(`claim C\n  ${text}`);
      assert.deepEqual(e.map(span), [where], text);
      assert.match(e[0].message, /second/);
      check_(lineOf(text));
    }
  });

  test('a fifth modifier is a syntax error and is dropped, hyphenated or in mod', () => {
    const a = 'line 20552-RT-XS mod 59,GA,GZ dx A';
    assert.deepEqual(mods(lineOf(a)), ['RT', 'XS', '59', 'GA']);
    //   line 20552-RT-XS mod 59,GA,GZ dx A
    //  2    7         17  21 24 27
    assert.deepEqual(errorsOf('claim C\n  ' + a).map(span), [[1, 29, 31]]);
    const b = 'line 20552-RT-XS-59-GA-GZ dx A';
    assert.deepEqual(mods(lineOf(b)), ['RT', 'XS', '59', 'GA']);
    assert.deepEqual(errorsOf('claim C\n  ' + b).map(span), [[1, 25, 27]]);
    // the line still counts
    assert.deepEqual(ptrs(lineOf(b)), ['A']);
  });

  test('a fifth pointer is a syntax error and is dropped', () => {
    for (const [form, col] of /** @type {Array<[string, number]>} */ ([
      ['dx ABCDE', 20],
      ['dx A,B,C,D,E', 24],
      ['dx A B C D E', 24],
    ])) {
      const l = lineOf(`line 20552 ${form}`);
      assert.deepEqual(ptrs(l), ['A', 'B', 'C', 'D'], form);
      const e = errorsOf(`claim C\n  line 20552 ${form}`);
      assert.deepEqual(e.map(span), [[1, col, col + 1]], form);
      assert.match(e[0].message, /E/);
    }
  });

  test('a pointer outside A-L is a syntax error; a dx part without a valid pointer does not make a line without dx', () => {
    const text = claim({ line: 'line 20552 mod RT dx M' });
    const f = check(text);
    assert.deepEqual(f.filter((x) => x.code === 'syntax').map(at), [[5, 23, 24]]);
    assert.equal(f.filter((x) => x.code === 'dx-pointer-missing').length, 0);
    const empty = check(claim({ line: 'line 20552 mod RT dx' }));
    assert.deepEqual(empty.filter((x) => x.code === 'syntax').map(at), [[5, 20, 22]]);
    assert.equal(empty.filter((x) => x.code === 'dx-pointer-missing').length, 0);
    // only the bad letter is dropped
    assert.deepEqual(ptrs(lineOf('line 20552 dx A,M,B')), ['A', 'B']);
    // a quoted pointer is one syntax error over the quoted string
    assert.deepEqual(errorsOf('claim C\n  line 20552 dx "A"').map(span), [[1, 16, 19]]);
    assert.deepEqual(ptrs(lineOf('line 20552 dx "A" B')), ['B']);
  });

  test('an emoji before a token: columns are UTF-16 code units', () => {
    //  0123456789012345 6 7 8901234
    // '  line 20552 mod 😀 dx A'  (the emoji is two code units, 17-18)
    const text = 'claim C\n  line 20552 mod \u{1F600} dx A';
    const l = block(text).lines[0];
    assert.deepEqual(l.dx.pointers.map(span), [[1, 23, 24]]);
    const e = errorsOf(text);
    assert.deepEqual(e.map(span), [[1, 17, 19]]);
    // a non-letter in dx is reported whole, not half a surrogate pair
    const e2 = errorsOf('claim C\n  line 20552 dx \u{1F600}A');
    assert.deepEqual(e2.map(span), [[1, 16, 18]]);
    assert.ok(e2[0].message.includes('\u{1F600}'), e2[0].message);
    assert.deepEqual(block('claim C\n  line 20552 dx \u{1F600}A').lines[0].dx.pointers.map(span), [[1, 18, 19]]);
  });

  test('an emoji or curly quotes before a code: diagnostics and fixes at UTF-16 columns', () => {
    //  0         1         2
    //  0123456789012345678901 (the emoji is 11-12)
    // '  excludes 😀, M7.97'
    const a = check('policy P\n  excludes \u{1F600}, M7.97\n').filter((f) => f.code === 'icd-format');
    assert.deepEqual(a.map(at), [
      [1, 11, 13],
      [1, 15, 20],
    ]);
    //  0123456789 0 1234 5 6789012
    // '  covers “M79.1”, 7.9'
    const b = check('policy P\n  covers \u201cM79.1\u201d, 7.9\n').filter((f) => f.code === 'icd-format');
    assert.deepEqual(b.map(at), [
      [1, 9, 16],
      [1, 18, 21],
    ]);
    //  0123456789 0 1234567890123456789012345
    // '  muscles 😀 foo, right trapezious'
    const text = claim({ muscles: 'muscles \u{1F600} foo, right trapezious' });
    const m = check(text).find((f) => f.code === 'muscle-unknown' && f.message.includes('trapezious'));
    assert.deepEqual(at(m), [6, 18, 34]);
    assert.deepEqual(m.fixes[0].edits[0].range, { start: { line: 6, character: 24 }, end: { line: 6, character: 34 } });
    assert.match(applyEdits(text, m.fixes[0].edits), /muscles \u{1F600} foo, right trapezius\n/u);
  });

  test('curly quotes before a token: columns are UTF-16 code units', () => {
    //  01234567890123456 7 8 9 012345
    // '  line 20552 mod “RT” dx Z'
    const e = errorsOf('claim C\n  line 20552 mod \u201cRT\u201d dx Z');
    assert.deepEqual(e.map(span), [
      [1, 17, 21],
      [1, 25, 26],
    ]);
  });

  test('a stray word after the code is a syntax error; the line still counts', () => {
    const e = errorsOf('claim C\n  line 20552 RT dx A');
    assert.deepEqual(e.map(span), [[1, 13, 15]]);
    assert.deepEqual(ptrs(lineOf('line 20552 RT dx A')), ['A']);
  });

  test('an empty mod or units part is a syntax error at its keyword', () => {
    assert.deepEqual(errorsOf('claim C\n  line 20552 mod dx A').map(span), [[1, 13, 16]]);
    assert.deepEqual(errorsOf('claim C\n  line 20552 dx A units').map(span), [[1, 18, 23]]);
  });

  test('an empty hyphenated modifier is a syntax error inside the line', () => {
    // at the hyphen, not past the end of the line
    assert.deepEqual(errorsOf('claim C\n  line 20552-').map(span), [[1, 12, 13]]);
    assert.deepEqual(errorsOf('claim C\n  line 20552--RT dx A').map(span), [[1, 12, 13]]);
    assert.deepEqual(mods(lineOf('line 20552-')), []);
    assert.deepEqual(mods(lineOf('line 20552--RT dx A')), ['RT']);
  });

  test('CPT and HCPCS codes: five digits, or a letter and four digits, upper-cased', () => {
    assert.equal(lineOf('line j3301 dx A').code.value, 'J3301');
    assert.equal(lineOf('line g2211 dx A').code.text, 'g2211');
    assert.equal(lineOf('line 99213 dx A').code.value, '99213');
  });

  test('a line whose code does not parse is dropped, with a syntax error at the code', () => {
    for (const [bad, len] of /** @type {Array<[string, number]>} */ ([
      ['2055', 4],
      ['205521', 6],
      ['ABCDE', 5],
      ['20552X', 6],
      ['J330', 4],
      ['JJ330', 5],
    ])) {
      const c = claimOf(`line ${bad} dx A`);
      assert.equal(c.lines.length, 0, bad);
      const e = errorsOf(`claim C\n  line ${bad} dx A`);
      assert.deepEqual(e.map(span), [[1, 7, 7 + len]], bad);
    }
    // the claim then has no line at all (but no missing-field: the line is there, dropped for its syntax error)
    const f = check(claim({ line: 'line 2055 mod RT dx A' }));
    assert.deepEqual(codes(f).sort(), ['5:diagnosis-unused', '6:syntax'].sort());
  });
});

describe('muscles', () => {
  const items = (text) => claimOf(text).muscles[0].items;
  const brief = (text) => items(text).map((i) => [i.side, i.name]);

  test('items are separated by commas, semicolons or the word and', () => {
    assert.deepEqual(brief('muscles left trapezius, right deltoid; L psoas and R soleus AND bilat masseter'), [
      ['L', 'trapezius'],
      ['R', 'deltoid'],
      ['L', 'psoas'],
      ['R', 'soleus'],
      ['B', 'masseter'],
    ]);
    // `and` inside a word does not split
    assert.deepEqual(brief('muscles right sandalius, brandy'), [
      ['R', 'sandalius'],
      [null, 'brandy'],
    ]);
  });

  test('sides: left, right, bilateral, L, R, bilat, in any case; a side never carries over', () => {
    assert.deepEqual(brief('muscles Left a, RIGHT b, Bilateral c, l d, r e, BILAT f, g'), [
      ['L', 'a'],
      ['R', 'b'],
      ['B', 'c'],
      ['L', 'd'],
      ['R', 'e'],
      ['B', 'f'],
      [null, 'g'],
    ]);
    assert.deepEqual(brief('muscles left upper trapezius, levator scapulae'), [
      ['L', 'upper trapezius'],
      [null, 'levator scapulae'],
    ]);
  });

  test('text in parentheses is ignored, separators inside it too', () => {
    assert.deepEqual(brief('muscles right trapezius (upper fibres, 3 points; tender), left deltoid'), [
      ['R', 'trapezius'],
      ['L', 'deltoid'],
    ]);
    const [a] = items('muscles right (upper) trapezius');
    assert.deepEqual([a.side, a.name, a.text], ['R', 'trapezius', 'right trapezius']);
  });

  test('exact columns of items and their names', () => {
    //  0         1         2         3         4
    //  01234567890123456789012345678901234567890123456
    // '  muscles left upper trapezius,  R psoas (x)'
    const its = items('muscles left upper trapezius,  R psoas (x)');
    assert.deepEqual(
      its.map((i) => [i.start, i.end, i.nameStart, i.nameEnd]),
      [
        [10, 30, 15, 30],
        [33, 40, 35, 40],
      ],
    );
  });

  test('a side without a muscle or an empty item is a syntax error, and the line is dropped', () => {
    for (const [text, where] of /** @type {Array<[string, number[]]>} */ ([
      ['muscles left', [1, 10, 14]],
      ['muscles trapezius,, deltoid', [1, 19, 20]],
      ['muscles , deltoid', [1, 10, 11]],
      ['muscles deltoid and and psoas', [1, 18, 21]],
    ])) {
      assert.equal(claimOf(text).muscles.length, 0, text);
      assert.deepEqual(errorsOf('claim C\n  ' + text).map(span), [where], text);
    }
  });

  test('a trailing separator is a syntax error inside the line', () => {
    // at the separator, not past the end of the line
    assert.deepEqual(errorsOf('claim C\n  muscles trapezius,').map(span), [[1, 19, 20]]);
    assert.deepEqual(errorsOf('claim C\n  muscles trapezius ;  ').map(span), [[1, 20, 21]]);
    assert.deepEqual(errorsOf('claim C\n  muscles trapezius and').map(span), [[1, 20, 23]]);
    const f = check('claim C\n  muscles trapezius,');
    assert.deepEqual(f.filter((x) => x.code === 'syntax').map(at), [[1, 19, 20]]);
  });

  test('muscles lines add up (several lines, any number)', () => {
    const c = claimOf('muscles left trapezius', 'muscles right trapezius');
    assert.equal(c.muscles.length, 2);
  });
});

describe('drugs', () => {
  const drug = (text) => claimOf(text).drugs[0];
  const q = (x) => x && [x.amount, x.unit, x.start, x.end];

  test('the name is the words before the first word that starts with a digit or a dot', () => {
    const d = drug('drug triamcinolone acetonide 40 mg/mL 1 mL');
    assert.equal(d.name.text, 'triamcinolone acetonide');
    assert.deepEqual(span(d.name), [1, 7, 30]);
    //  0         1         2         3         4
    //  0123456789012345678901234567890123456789012
    // '  drug triamcinolone acetonide 40 mg/mL 1 mL'
    assert.deepEqual(q(d.concentration), [40, 'mg/ml', 31, 39]);
    assert.deepEqual(q(d.dose), [1, 'ml', 40, 44]);
  });

  test('Kenalog-40 is one name word; a quoted name may hold digits', () => {
    const k = drug('drug Kenalog-40 40mg/mL 1cc');
    assert.equal(k.name.text, 'Kenalog-40');
    assert.deepEqual(q(k.concentration), [40, 'mg/ml', 18, 25]);
    assert.deepEqual(q(k.dose), [1, 'cc', 26, 29]);
    const quoted = drug('drug "Depo-Medrol 40" 1 mL');
    assert.equal(quoted.name.text, 'Depo-Medrol 40');
    assert.deepEqual(span(quoted.name), [1, 7, 23]);
    assert.deepEqual(q(quoted.dose), [1, 'ml', 24, 28]);
    const curly = drug('drug \u201cKenalog\u201d 40 mg/mL 1 mL');
    assert.equal(curly.name.text, 'Kenalog');
    assert.deepEqual(span(curly.name), [1, 7, 16]);
    assert.deepEqual(q(curly.concentration), [40, 'mg/ml', 17, 25]);
  });

  test('an emoji in the name: the amount is at its UTF-16 column', () => {
    const d = drug('drug \u{1F489}lido 2 mL');
    assert.deepEqual(span(d.name), [1, 7, 13]);
    assert.deepEqual(q(d.dose), [2, 'ml', 14, 18]);
  });

  test('2mL and 2 mL are the same amount; units are case-insensitive; cc for mL', () => {
    for (const form of ['2mL', '2 mL', '2 ML', '2ml', '2 cc']) {
      const d = drug(`drug lidocaine 1% ${form}`);
      assert.equal(d.dose.amount, 2, form);
      assert.ok(['ml', 'cc'].includes(d.dose.unit), form);
    }
    assert.deepEqual(q(drug('drug lidocaine 1 % 2 mL').concentration), [1, '%', 17, 20]);
    assert.equal(drug('drug lidocaine .5% 2 mL').concentration.amount, 0.5);
    assert.equal(drug('drug lidocaine 0.5% 2 mL').concentration.amount, 0.5);
    assert.equal(drug('drug triamcinolone 40 mg/cc 1 mL').concentration.unit, 'mg/ml');
  });

  test('concentration and amount units', () => {
    for (const u of ['mg/mL', 'mcg/mL', 'units/mL', '%']) assert.ok(drug(`drug x 10 ${u} 1 mL`).concentration, u);
    for (const u of ['mL', 'cc', 'mg', 'mcg', 'units']) assert.ok(drug(`drug x 10 ${u}`).dose, u);
    const dose = drug('drug triamcinolone 40 mg');
    assert.deepEqual([dose.dose.amount, dose.dose.unit, dose.concentration], [40, 'mg', undefined]);
    // the order is free
    const rev = drug('drug lidocaine 2 mL 1%');
    assert.deepEqual([rev.dose.amount, rev.concentration.amount], [2, 1]);
  });

  test('a missing amount is not a syntax error (doc-drug judges it)', () => {
    assert.deepEqual(errorsOf('claim C\n  drug lidocaine'), []);
    assert.equal(drug('drug lidocaine').dose, undefined);
    assert.deepEqual(errorsOf('claim C\n  drug lidocaine 1%'), []);
  });

  test('malformed quantities are syntax errors and drop the line', () => {
    /** @type {Array<[string, number[]]>} */
    const cases = [
      ['drug lidocaine 2 ounces', [1, 17, 25]],
      ['drug lidocaine 2', [1, 17, 18]],
      ['drug lidocaine 1% 2 mL 3 mL', [1, 25, 29]],
      ['drug lidocaine 1% 2% 2 mL', [1, 20, 22]],
      ['drug 40 mg', [1, 7, 9]],
      ['drug lidocaine 2 mL extra', [1, 22, 27]],
    ];
    for (const [text, where] of cases) {
      assert.equal(claimOf(text).drugs.length, 0, text);
      assert.deepEqual(errorsOf('claim C\n  ' + text).map(span), [where], text);
    }
  });
});

describe('prior lines', () => {
  test('date, code and optional muscle items with columns', () => {
    //  0         1         2         3         4
    //  0123456789012345678901234567890123456789012345678
    // '  prior 2026-01-05 20552 left trapezius, R psoas'
    const p = claimOf('prior 2026-01-05 20552 left trapezius, R psoas').priors[0];
    assert.deepEqual([p.iso, ...span(p.date)], ['2026-01-05', 1, 8, 18]);
    assert.deepEqual([p.code.value, ...span(p.code)], ['20552', 1, 19, 24]);
    assert.deepEqual(
      p.items.map((i) => [i.side, i.name, i.start, i.end]),
      [
        ['L', 'trapezius', 25, 39],
        ['R', 'psoas', 41, 48],
      ],
    );
    assert.deepEqual(claimOf('prior 2026-01-05 20553').priors[0].items, []);
    assert.equal(claimOf('PRIOR 2026-01-05 j3301').priors[0].code.value, 'J3301');
  });

  test('prior: a MM/DD/YYYY date is syntax with the ISO fix; a non-calendar date is invalid-date; a bad code is syntax', () => {
    const us = syntaxOf(claim({}, { extra: ['prior 01/05/2026 20552'] }));
    assert.deepEqual(us.map(at), [[13, 8, 18]]);
    assert.equal(us[0].fixes[0].edits[0].newText, '2026-01-05');
    const inv = check(claim({}, { extra: ['prior 2026-02-30 20552'] }));
    assert.deepEqual(inv.filter((f) => f.code === 'invalid-date').map(at), [[13, 8, 18]]);
    assert.equal(inv.filter((f) => f.code === 'syntax').length, 0);
    assert.deepEqual(errorsOf('claim C\n  prior 2026-01-05 2055').map(span), [[1, 19, 23]]);
    assert.deepEqual(errorsOf('claim C\n  prior 2026-01-05').map(span), [[1, 2, 7]]);
  });
});

describe('policy lines', () => {
  const pol = (...lines) => block(['policy P', ...lines.map((l) => '  ' + l)].join('\n'));

  test('every policy line kind', () => {
    const p = pol(
      'limit 3 per 12 months',
      'limit 4 per 30 days',
      'limit 1 per 2 weeks',
      'limit 5 per 1 year',
      'interval 6 weeks',
      'requires-auth',
      'rate 150%',
      'covers M79.1*, G44.209 M54.2',
      'excludes M79.7',
      'single-region',
      'no-imaging-guidance',
      'one-session-per-day',
    );
    assert.deepEqual(
      p.limits.map((l) => [l.count, l.per, l.unit]),
      [
        [3, 12, 'months'],
        [4, 30, 'days'],
        [1, 2, 'weeks'],
        [5, 1, 'years'],
      ],
    );
    assert.deepEqual([p.interval.per, p.interval.unit, p.interval.days], [6, 'weeks', 42]);
    assert.equal(p.rate.percent, 150);
    assert.deepEqual(
      p.covers[0].entries.map((e) => [e.value, e.wellFormed]),
      [
        ['M791', true],
        ['G44209', true],
        ['M542', true],
      ],
    );
    assert.deepEqual(
      p.covers[0].entries.map((e) => [e.start, e.end]),
      [
        [9, 15],
        [17, 24],
        [25, 30],
      ],
    );
    assert.deepEqual(
      p.excludes[0].entries.map((e) => e.value),
      ['M797'],
    );
    assert.ok(p.requiresAuth && p.singleRegion && p.noImagingGuidance && p.oneSessionPerDay);
    assert.equal(pol('interval 10 days').interval.days, 10);
    assert.equal(pol('rate 87.5 %').rate.percent, 87.5);
  });

  test('malformed policy lines are syntax errors at the offending token', () => {
    /** @type {Array<[string, number[]]>} */
    const cases = [
      ['limit three per 30 days', [1, 8, 13]],
      ['limit 3 in 30 days', [1, 10, 12]],
      ['limit 3 per 30 fortnights', [1, 17, 27]],
      ['interval 6 months', [1, 13, 19]],
      ['rate 150', [1, 7, 10]],
      ['requires-auth now', [1, 16, 19]],
      ['limit 0 per 30 days', [1, 8, 9]],
    ];
    for (const [text, where] of cases) assert.deepEqual(errorsOf('policy P\n  ' + text).map(span), [where], text);
  });

  test('a malformed covers entry is icd-format, not syntax', () => {
    const f = check('policy P\n  covers M79.1, 79.1\n');
    assert.deepEqual(
      f.map((x) => [x.code, ...at(x)]),
      [['icd-format', 1, 16, 20]],
    );
  });
});

describe('comments', () => {
  test('#3 after text stays text; # followed by white space after white space is a comment', () => {
    const c = claimOf('exam tender point #3 and #4', 'exam taut band # a comment', 'exam twitch #', 'exam a#b # c');
    assert.deepEqual(
      c.texts.filter((t) => t.kw === 'exam').map((t) => t.value.text),
      ['tender point #3 and #4', 'taut band', 'twitch', 'a#b'],
    );
    assert.equal(c.texts.filter((t) => t.kw === 'exam')[1].end, 16);
  });

  test('# as the first character after indentation is a comment, with or without a space after it', () => {
    assert.deepEqual(errorsOf('claim C\n  #3 muscles\n#comment\n\t# tab-indented\n  patient P-1'), []);
    assert.equal(claimOf('#frobnicate', 'patient P-1').patient.value.value, 'P-1');
  });

  test('# inside a quoted string is text', () => {
    assert.equal(claimOf('patient P-1 "Jane # Doe"').patient.rest.text, 'Jane # Doe');
    assert.equal(claimOf('diagnosis A M79.12 "note # not a comment"').diagnoses[0].note.text, 'note # not a comment');
    assert.equal(
      claimOf('exam \u201ctender # here\u201d twitch').texts.filter((t) => t.kw === 'exam')[0].value.text,
      '\u201ctender # here\u201d twitch',
    );
  });

  test('a comment ends every list before it', () => {
    const l = claimOf('line 20552 mod RT dx A # dx B').lines[0];
    assert.deepEqual(
      l.dx.pointers.map((p) => p.value),
      ['A'],
    );
    assert.deepEqual(
      claimOf('muscles left trapezius # and right deltoid').muscles[0].items.map((i) => i.name),
      ['trapezius'],
    );
  });

  test('a quote left open in free text is text to the end of the line, not a syntax error', () => {
    // Decision (docs/LANGUAGE.md is silent on an unterminated quote): billers write inches as 2";
    // dropping the exam line for it would lose documentation (and report doc-exam). Where the
    // rest of the line is free text, the open quote and everything after it, `#` included
    // (the grammar colours it as a string to the end of the line), is kept as text.
    const c = claimOf(
      'exam trigger point 2" below the scapular spine # not a comment',
      'patient P-1 Jane "JJ Doe',
      'provider 1234567893 Dr. "Al Rivera',
      'diagnosis A M79.12 "myalgia, neck',
      'note "open',
      'auth PA "12',
    );
    assert.equal(c.texts.filter((t) => t.kw === 'exam')[0].value.text, 'trigger point 2" below the scapular spine # not a comment');
    assert.equal(c.patient.rest.text, 'Jane "JJ Doe');
    assert.equal(c.provider.rest.text, 'Dr. "Al Rivera');
    assert.equal(c.diagnoses[0].note.text, 'myalgia, neck');
    assert.equal(c.texts.filter((t) => t.kw === 'note').length, 1);
    assert.equal(c.auth.value.text, 'PA "12');
    assert.deepEqual(
      errorsOf('claim C\n  exam 2" below\n  symptoms 3" scar\n  tried ice "packs\n  technique 1.5" needle\n  response "better'),
      [],
    );
    // the claim keeps its documentation: no doc-exam
    assert.deepEqual(codes(check(claim({ exam: 'exam taut band 2" lateral to the spine' }))), []);
  });

  test('an open quote where a token is expected is a syntax error and drops the line', () => {
    for (const [text, where] of /** @type {Array<[string, number[]]>} */ ([
      ['patient "P-1', [1, 10, 14]],
      ['diagnosis A "M79.12', [1, 14, 21]],
      ['line 20552 dx "A', [1, 16, 18]],
      ['muscles right "trapezius', [1, 16, 26]],
      ['drug "Kenalog 1 mL', [1, 7, 20]],
      ['payer "acme', [1, 8, 13]],
    ])) {
      assert.deepEqual(errorsOf('claim C\n  ' + text).map(span), [where], text);
    }
    assert.equal(claimOf('patient "P-1').patient, undefined);
    assert.equal(claimOf('line 20552 dx "A').lines.length, 0);
  });

  test('a quoted string with an escaped quote', () => {
    assert.equal(claimOf('patient P-1 "Jane \\"JJ\\" Doe"').patient.rest.text, 'Jane "JJ" Doe');
  });
});

describe('line endings and recovery', () => {
  test('a byte-order mark at the start of the text is ignored; columns count it', () => {
    const f = parse('\ufeffclaim C-1\n  patient P-1\n');
    assert.deepEqual(f.errors, []);
    assert.deepEqual(span(f.blocks[0].id), [0, 7, 10]);
    assert.deepEqual(codes(check('\ufeff' + claim())), []);
  });

  test('CRLF line endings: the same tree, the same findings, the same columns', () => {
    const lf = claim({ line: 'line 20552 mod 50 units 3 dx A,C', date: 'date 03/04/2026' });
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = check(lf),
      b = check(crlf);
    assert.deepEqual(
      b.map((f) => [f.code, at(f)]),
      a.map((f) => [f.code, at(f)]),
    );
    assert.ok(a.length >= 4);
    const t = parse(crlf).blocks[0];
    assert.equal(t.patient.value.text, 'P-1');
    assert.equal(t.lines[0].end, 34);
    assert.deepEqual(
      t.lines[0].dx.pointers.map((p) => p.value),
      ['A', 'C'],
    );
    // the syntax fix applies cleanly to the CRLF text
    const s = b.find((f) => f.code === 'syntax');
    assert.match(applyEdits(crlf, s.fixes[0].edits), /date 2026-03-04\r\n/);
  });

  test('one bad line never hides the rest of the claim', () => {
    const text = claim({}, { extra: ['frobnicate', 'patient "unterminated', 'date 2026/04/01', 'line 2055 dx A', 'muscles left'] });
    const f = check(text);
    assert.deepEqual(codes(f), ['14:syntax', '15:syntax', '16:syntax', '17:syntax', '18:syntax']);
    const c = block(text);
    assert.equal(c.patient.value.value, 'P-1');
    assert.equal(c.lines.length, 1);
    assert.equal(c.muscles.length, 1);
    assert.equal(c.duplicates.length, 0);
  });

  test('every claim line kind of docs/LANGUAGE.md parses in the example claim', () => {
    const text = [
      '# Left neck and shoulder myofascial pain, office visit',
      'claim TPI-2026-0142',
      '  patient  P-88213 Jane Doe',
      '  payer    acme-ppo',
      '  date     2026-03-04',
      '  pos      11',
      '  provider 1234567893 A. Rivera, MD',
      '  auth     PA-55821',
      '',
      '  diagnosis A M79.12 "myalgia of auxiliary muscles, head and neck"',
      '  diagnosis B G44.209',
      '',
      '  line 20552-LT dx A,B',
      '  line 99213-25 dx B',
      '  line J3301 units 4 dx A',
      '',
      '  muscles  left upper trapezius, left levator scapulae',
      '  drug     triamcinolone 40 mg/mL 1 mL',
      '  drug     lidocaine 1% 2 mL',
      '  symptoms neck pain radiating to the temple for 3 months',
      '  exam     taut bands with local twitch response, left upper trapezius and levator scapulae',
      '  tried    physical therapy 6 weeks and ibuprofen 4 weeks, no lasting relief',
      '  technique 27-gauge needle, fanning technique, after negative aspiration',
      '  response pain 7/10 before, 2/10 after; full neck rotation',
      '  note     E/M for new tension-type headaches, assessed separately',
      '  prior    2025-12-01 20552 left upper trapezius',
      '',
      'policy acme-ppo "Acme PPO"',
      '  limit 4 per 30 days',
      '  limit 6 per 6 months',
      '  requires-auth',
      '  rate 150%',
    ].join('\n');
    const f = parse(text);
    assert.deepEqual(f.errors, []);
    const c = f.blocks[0];
    assert.deepEqual(
      [
        c.patient.rest.text,
        c.payer.value.value,
        c.date.iso,
        c.pos.value.value,
        c.provider.value.value,
        c.provider.rest.text,
        c.auth.value.text,
      ],
      ['Jane Doe', 'acme-ppo', '2026-03-04', '11', '1234567893', 'A. Rivera, MD', 'PA-55821'],
    );
    assert.deepEqual(
      c.diagnoses.map((d) => d.code.value),
      ['M7912', 'G44209'],
    );
    assert.deepEqual(
      c.lines.map((l) => [
        l.code.value,
        l.modifiers.map((m) => m.value).join(','),
        l.unitsValue,
        l.dx.pointers.map((p) => p.value).join(''),
      ]),
      [
        ['20552', 'LT', 1, 'AB'],
        ['99213', '25', 1, 'B'],
        ['J3301', '', 4, 'A'],
      ],
    );
    assert.deepEqual(
      c.muscles[0].items.map((i) => [i.side, i.name]),
      [
        ['L', 'upper trapezius'],
        ['L', 'levator scapulae'],
      ],
    );
    assert.deepEqual(
      c.drugs.map((d) => d.name.text),
      ['triamcinolone', 'lidocaine'],
    );
    assert.equal(c.priors.length, 1);
    // the exam text keeps `and` (only muscles lines split on it)
    assert.match(c.texts.filter((t) => t.kw === 'exam')[0].value.text, /trapezius and levator/);
    assert.equal(f.blocks[1].limits.length, 2);
  });
});

describe("reading a line's keyword fast", () => {
  const { keywordAt, isKeywordLine } = lib;
  // the reference, written independently: the first word as the scanner reads it (white space
  // as the scanner counts it, a word ending at white space or a quote; '' for a comment, a
  // quoted word or a blank line), lower-cased
  const firstWord = (text) => {
    const m = /^[ \t\f\v\r\u00a0\ufeff]*([^ \t\f\v\r\u00a0\ufeff"\u201c]*)/.exec(text);
    const w = m[1];
    return w.startsWith('#') ? '' : w.toLowerCase();
  };
  const KEYWORDS = ['claim', 'policy', 'patient', 'payer', 'pos', 'provider', 'prior', 'line', 'muscles', 'limit', 'requires-auth'];
  // pieces that matter to where a first word starts and ends, and to its case (the Kelvin sign
  // lower-cases to k, the dotted capital I to two characters)
  const pieces = [
    '',
    ' ',
    '\t',
    '\u00a0',
    '\ufeff',
    '\r',
    '\f',
    '#',
    '"',
    '\u201c',
    '\u201d',
    'x',
    '-',
    'é',
    '\u212a',
    '\u0130',
    'K',
    'CLAIM',
    'Claim',
    'claim',
    'policy',
    'POLICY',
    'pos',
    'Pos',
    'po',
    'patient',
    'PATIENT',
    'payer',
    'prior',
    'line',
    'limit',
    'requires-auth',
    'Requires-Auth',
    'muscles',
    '1',
  ];
  test('keywordAt and isKeywordLine agree with a reference on every combination of three pieces', () => {
    let n = 0;
    for (const a of pieces)
      for (const b of pieces)
        for (const c of pieces) {
          const text = a + b + c;
          const w = firstWord(text);
          const k = keywordAt(text);
          assert.ok(k === '' || k === w, `keywordAt ${JSON.stringify(text)}: ${k} (first word ${w})`);
          if (KEYWORDS.includes(w)) assert.equal(k, w, JSON.stringify(text));
          for (const kw of KEYWORDS) assert.equal(isKeywordLine(text, kw), w === kw, `isKeywordLine ${JSON.stringify(text)} ${kw}`);
          n++;
        }
    assert.equal(n, pieces.length ** 3);
  });
});

describe('text lines', () => {
  test('a text line shows its value token (made when read), in JSON too, and the token follows the line when an edit moves it', () => {
    const text = 'claim C-1\n  exam taut band # a comment\n  note "quoted note"\n';
    const c = parseDocument('file:///t.claim', text).blocks[0];
    const [exam, note] = c.texts;
    assert.deepEqual(JSON.parse(JSON.stringify(exam)), {
      line: 1,
      kw: 'exam',
      kwStart: 2,
      end: 16,
      value: { line: 1, start: 7, end: 16, text: 'taut band', value: 'taut band' },
    });
    assert.equal(exam.value, exam.value, 'one token, read twice');
    assert.equal(note.value.text, 'quoted note');
    // an edit in the claim before moves this one: its nodes are kept and their lines shifted
    const s = new lib.ClaimNoteService();
    const uri = 'file:///t.claim';
    s.setDocument(uri, 'claim C-0\n  exam other\n' + text);
    const before = s.workspace.get(uri).blocks[1].texts[0];
    assert.equal(before.value.line, 3);
    s.editDocument(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  # inserted\n' }]);
    const after = s.workspace.get(uri).blocks[1].texts[0];
    assert.equal(after, before, 'the node was kept');
    assert.equal(after.line, 4);
    assert.equal(after.value.line, 4);
    assert.equal(after.value.text, 'taut band');
  });
});
