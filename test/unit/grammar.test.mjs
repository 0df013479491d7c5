// The TextMate grammar (syntaxes/claimnote.tmLanguage.json), tokenized by the same engine
// VS Code uses (vscode-textmate + vscode-oniguruma), and the static files that ship with it
// (language-configuration.json, images/icon.png).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const lib = require('../../server/out/service.js');
const vsctm = require('vscode-textmate');
const onig = require('vscode-oniguruma');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'claimnote.tmLanguage.json');

let grammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.claimnote' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  grammar = await registry.loadGrammar('source.claimnote');
  assert.ok(grammar, 'grammar source.claimnote loads');
});

/** Tokenizes a document; returns, per line, its text and tokens {start, end, text, scopes}. */
function tokenize(text) {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return {
      line,
      tokens: r.tokens.map((t) => ({
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      })),
    };
  });
}

function tokenizeLine(line) {
  return tokenize(line)[0];
}

/** Column of the n-th occurrence of `needle`, or of the first one after the text `after`. */
function locate(tl, needle, occurrence, after) {
  if (after !== undefined) {
    const from = tl.line.indexOf(after);
    assert.notEqual(from, -1, `"${after}" not found in ${JSON.stringify(tl.line)}`);
    const at = tl.line.indexOf(needle, from + after.length);
    assert.notEqual(at, -1, `"${needle}" not found after "${after}" in ${JSON.stringify(tl.line)}`);
    return at;
  }
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = tl.line.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `"${needle}" (occurrence ${occurrence}) not found in ${JSON.stringify(tl.line)}`);
  }
  return at;
}

function dump(tl) {
  return tl.tokens.map((t) => `  ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n');
}

const has = (scopes, prefix) => scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));

/**
 * Asserts that `needle` (its n-th occurrence in the line) is exactly one token, no more and
 * no less, and that the token carries a scope starting with `prefix` (scope-segment wise).
 * @param {any} line a line of text, or one already tokenized
 * @param {string} needle
 * @param {string} prefix
 * @param {{ occurrence?: number, after?: string }} [options]
 */
function expectToken(line, needle, prefix, { occurrence = 0, after } = {}) {
  const tl = typeof line === 'string' ? tokenizeLine(line) : line;
  const at = locate(tl, needle, occurrence, after);
  const tok = tl.tokens.find((t) => t.start === at && t.end === at + needle.length);
  assert.ok(tok, `"${needle}" is not a token of its own in ${JSON.stringify(tl.line)}:\n${dump(tl)}`);
  assert.ok(has(tok.scopes, prefix), `"${needle}" has scopes [${tok.scopes.join(', ')}], expected ${prefix}\n${dump(tl)}`);
  return tok;
}

/**
 * Asserts that every character of `needle` carries a scope starting with `prefix`.
 * @param {any} line a line of text, or one already tokenized
 * @param {string} needle
 * @param {string} prefix
 * @param {{ occurrence?: number, after?: string }} [options]
 */
function expectAllScoped(line, needle, prefix, { occurrence = 0, after } = {}) {
  const tl = typeof line === 'string' ? tokenizeLine(line) : line;
  const at = locate(tl, needle, occurrence, after);
  for (const t of tl.tokens) {
    if (t.end <= at || t.start >= at + needle.length) continue;
    assert.ok(has(t.scopes, prefix), `"${t.text}" inside "${needle}" lacks ${prefix}:\n${dump(tl)}`);
  }
}

/**
 * Asserts that no character of `needle` carries a scope starting with any of `prefixes`.
 * @param {any} line a line of text, or one already tokenized
 * @param {string} needle
 * @param {string | string[]} prefixes
 * @param {{ occurrence?: number, after?: string }} [options]
 */
function expectNoScope(line, needle, prefixes, { occurrence = 0, after } = {}) {
  const tl = typeof line === 'string' ? tokenizeLine(line) : line;
  const at = locate(tl, needle, occurrence, after);
  for (const t of tl.tokens) {
    if (t.end <= at || t.start >= at + needle.length) continue;
    for (const p of [].concat(prefixes)) {
      assert.ok(!has(t.scopes, p), `"${t.text}" inside "${needle}" should not be ${p}:\n${dump(tl)}`);
    }
  }
}

// Scopes the grammar promises (themes colour them; tests and the README refer to them).
const COMMENT = 'comment.line.number-sign.claimnote';
const STRING = 'string.quoted.double';
const CPT = 'constant.numeric.code.cpt.claimnote';
const HCPCS = 'constant.numeric.code.hcpcs.claimnote';
const MODIFIER = 'entity.other.attribute-name.modifier.claimnote';
const ICD = 'variable.other.constant.icd10.claimnote';
const POINTER = 'variable.parameter.pointer.claimnote';
const DATE = 'constant.numeric.date.claimnote';
const NUMBER = 'constant.numeric';
const UNIT = 'keyword.other.unit';
const FIELD = 'keyword.other.field.claimnote';
const RULE = 'keyword.other.rule.claimnote';
const PART = 'keyword.other.part';
/** Anything that would colour free text as if it were data. */
const DATA = ['constant', 'variable', 'entity', 'keyword', 'string.unquoted', 'storage'];

describe('grammar: comments', () => {
  test('# at the start of a line, after indentation, is a comment whatever follows', () => {
    expectAllScoped('# Left neck and shoulder pain', '# Left neck and shoulder pain', COMMENT);
    expectAllScoped('   #3 is still a comment here', '#3 is still a comment here', COMMENT);
    expectToken('  # note', '#', 'punctuation.definition.comment.claimnote');
  });

  test('# after white space and before white space or the end of the line is a comment', () => {
    const line = '  line 99213 dx A  # expect: modifier-25-missing';
    expectAllScoped(line, '# expect: modifier-25-missing', COMMENT);
    expectNoScope(line, '99213 dx A', COMMENT);
    expectToken(line, '99213', CPT);
    expectAllScoped('  payer medicare #', '#', COMMENT);
  });

  test('#3 inside text is text, not a comment', () => {
    const line = '  exam tender point #3 over the left trapezius';
    expectNoScope(line, '#3 over the left trapezius', COMMENT);
    expectNoScope('  auth PA#55821', '#55821', COMMENT);
    expectNoScope('  note see#3', '#3', COMMENT);
    expectNoScope('  exam point# 3 tender', '# 3 tender', COMMENT);
  });

  test('white space around # includes tabs and no-break spaces, as the scanner reads it', () => {
    expectAllScoped('  exam a\t#\tb', '#\tb', COMMENT);
    expectAllScoped('  exam a\u00a0# b', '# b', COMMENT);
  });

  test('a real comment after #3 text on the same line is still a comment', () => {
    const line = '  exam tender point #3 # follow up';
    expectNoScope(line, '#3', COMMENT);
    expectAllScoped(line, '# follow up', COMMENT);
  });

  test('# inside a quoted string is text', () => {
    const line = '  diagnosis A M79.12 "myalgia # of neck" # real';
    expectAllScoped(line, 'myalgia # of neck', STRING);
    expectNoScope(line, 'myalgia # of neck', COMMENT);
    expectAllScoped(line, '# real', COMMENT);
  });
});

describe('grammar: strings', () => {
  test('straight quotes, with \\" escapes', () => {
    const line = '  patient P-1 "Jane \\"JD\\" Doe"';
    expectAllScoped(line, '"Jane \\"JD\\" Doe"', STRING);
    expectToken(line, '\\"', 'constant.character.escape.claimnote');
    expectToken(line, '"', 'punctuation.definition.string.begin.claimnote');
  });

  test('curly quotes, which a straight quote may also close', () => {
    const line = '  drug “Depo-Medrol #2” 80 mg';
    expectAllScoped(line, '“Depo-Medrol #2”', STRING);
    expectNoScope(line, '#2', COMMENT);
    expectToken(line, '80', NUMBER);
    const mixed = '  drug “Depo-Medrol" 80 mg # c';
    expectAllScoped(mixed, '“Depo-Medrol"', STRING);
    expectToken(mixed, '80', NUMBER);
    expectAllScoped(mixed, '# c', COMMENT);
  });

  test('an unterminated string runs to the end of the line, # included (the scanner agrees)', () => {
    const line = '  note 5" scar # not a comment';
    expectAllScoped(line, '" scar # not a comment', STRING);
    expectNoScope(line, '# not a comment', COMMENT);
    expectNoScope(tokenize(`${line}\n  note next`)[1], 'note next', STRING);
  });

  test('a quote ends the first word: note"x" starts with the keyword note', () => {
    expectToken('  note"see chart"', 'note', FIELD);
  });

  test('the policy display name is a string', () => {
    expectAllScoped('policy acme-ppo "Acme PPO"', '"Acme PPO"', STRING);
  });
});

describe('grammar: keywords', () => {
  test('claim and policy open blocks, any case, and name their ids', () => {
    for (const kw of ['claim', 'CLAIM', 'Claim']) {
      const line = `${kw} TPI-2026-0142`;
      expectToken(line, kw, 'keyword.control.claim.claimnote');
      expectToken(line, 'TPI-2026-0142', 'entity.name.type.claim.claimnote');
    }
    for (const kw of ['policy', 'POLICY', 'Policy']) {
      const line = `${kw} acme-ppo "Acme"`;
      expectToken(line, kw, 'keyword.control.policy.claimnote');
      expectToken(line, 'acme-ppo', 'entity.name.type.policy.claimnote');
    }
  });

  test('every claim line keyword, any case, at the start of an indented line', () => {
    const words = [
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
      'symptoms',
      'exam',
      'tried',
      'technique',
      'response',
      'note',
      'prior',
    ];
    for (const w of words) {
      for (const kw of [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]) {
        expectToken(`  ${kw} x`, kw, FIELD);
      }
    }
  });

  test('every policy line keyword, any case', () => {
    const words = [
      'limit',
      'interval',
      'rate',
      'covers',
      'excludes',
      'requires-auth',
      'single-region',
      'no-imaging-guidance',
      'one-session-per-day',
    ];
    for (const w of words) {
      for (const kw of [w, w.toUpperCase()]) expectToken(`  ${kw}`, kw, RULE);
    }
    expectToken('  Requires-Auth # pa needed', 'Requires-Auth', RULE);
  });

  test('a keyword is a whole word at the start of a line, nowhere else', () => {
    expectNoScope('  claimant P-1', 'claimant', 'keyword');
    expectNoScope('  lines 20552', 'lines', 'keyword');
    expectNoScope('  lines 20552', '20552', 'constant');
    expectNoScope('  frobnicate patient', 'patient', 'keyword');
  });

  test('mod, units, dx and per are part words, any case', () => {
    const line = '  line 20552 MOD rt Units 2 Dx a';
    expectToken(line, 'MOD', PART);
    expectToken(line, 'Units', PART);
    expectToken(line, 'Dx', PART);
    expectToken('  limit 4 PER 30 days', 'PER', PART);
  });
});

describe('grammar: codes', () => {
  test('CPT and HCPCS codes on a service line', () => {
    expectToken('  line 20552 dx A', '20552', CPT);
    expectToken('  line J3301 units 4 dx A', 'J3301', HCPCS);
    expectToken('  line j3301', 'j3301', HCPCS);
    expectToken('  prior 2026-01-10 20552 left trapezius', '20552', CPT);
  });

  test('a modifier hung on the code with a hyphen: 99213-25', () => {
    const line = '  line 99213-25 dx B';
    expectToken(line, '99213', CPT);
    expectToken(line, '-', 'punctuation.separator.modifier.claimnote');
    expectToken(line, '25', MODIFIER);
    const two = '  line 20552-LT-59 dx A';
    expectToken(two, 'LT', MODIFIER);
    expectToken(two, '59', MODIFIER);
  });

  test('modifiers after mod, separated by commas or spaces, up to the next part word', () => {
    const line = '  line 20552 mod RT,59 XS dx A';
    expectToken(line, 'RT', MODIFIER);
    expectToken(line, '59', MODIFIER);
    expectToken(line, 'XS', MODIFIER);
    expectToken(line, 'dx', PART);
    expectNoScope(line, 'dx', MODIFIER);
    expectToken(line, 'A', POINTER);
    expectToken('  line 20552 mod rt, 25 units 1', 'units', PART);
    expectToken('  line 20552 mod rt, 25 units 1', '1', NUMBER);
  });

  test('ICD-10-CM codes on diagnosis, covers and excludes lines', () => {
    const dx = '  diagnosis A M79.12 "myalgia of auxiliary muscles, head and neck"';
    expectToken(dx, 'M79.12', ICD);
    expectToken('  diagnosis B S16.1XXA', 'S16.1XXA', ICD);
    expectToken('  diagnosis c s161xxa', 's161xxa', ICD);
    const covers = '  covers G44.201, G44.209,M79.1*';
    expectToken(covers, 'G44.201', ICD);
    expectToken(covers, 'G44.209', ICD);
    expectToken(covers, 'M79.1', ICD);
    expectToken(covers, '*', 'keyword.operator.wildcard.claimnote');
    expectToken('  excludes M79.7 # not covered', 'M79.7', ICD);
  });

  test('only the code after the pointer is an ICD code on a diagnosis line', () => {
    expectNoScope('  diagnosis A M79.12 like M54.2 before', 'M54.2', ICD);
  });

  test('diagnosis pointer letters after diagnosis and after dx', () => {
    expectToken('  diagnosis A M79.12', 'A', POINTER);
    expectToken('  diagnosis b G44.209', 'b', POINTER);
    const line = '  line 20552-LT dx A,B';
    expectToken(line, 'A', POINTER);
    expectToken(line, 'B', POINTER);
    const together = tokenizeLine('  line 20552 dx AB');
    expectToken(together, 'A', POINTER);
    expectToken(together, 'B', POINTER);
    expectToken('  line 20552 dx A C', 'C', POINTER);
  });
});

describe('grammar: dates and numbers', () => {
  test('ISO dates', () => {
    expectToken('  date 2026-03-04', '2026-03-04', DATE);
    expectToken('  prior 2025-09-01 20552', '2025-09-01', DATE);
    expectNoScope('  date 03/04/2026', '03/04/2026', DATE);
  });

  test('place of service, NPI and units are numbers', () => {
    expectToken('  pos 11', '11', NUMBER);
    expectToken('  provider 1234567893 A. Rivera, MD', '1234567893', NUMBER);
    expectToken('  line J3301 units 4 dx A', '4', NUMBER);
  });

  test('numbers with units on drug lines: 40 mg/mL, 2mL, 1%, .5 cc', () => {
    const conc = '  drug triamcinolone 40 mg/mL 1 mL';
    expectToken(conc, '40', NUMBER);
    expectToken(conc, 'mg/mL', UNIT);
    expectToken(conc, '1', NUMBER);
    expectToken(conc, 'mL', UNIT, { occurrence: 1 });
    const joined = '  drug Kenalog-40 2mL';
    expectToken(joined, '2', NUMBER);
    expectToken(joined, 'mL', UNIT);
    expectNoScope(joined, 'Kenalog-40', NUMBER);
    const pct = '  drug lidocaine 1% .5 cc';
    expectToken(pct, '1', NUMBER);
    expectToken(pct, '%', UNIT);
    expectToken(pct, '.5', NUMBER);
    expectToken(pct, 'cc', UNIT);
  });

  test('muscles: a side is the first word of an item; "and", "," and ";" separate items', () => {
    const line = '  muscles left upper trapezius (upper fibers), R levator scapulae and BILATERAL rhomboid;L teres major';
    expectToken(line, 'left', 'storage.modifier.side.claimnote');
    expectToken(line, 'R', 'storage.modifier.side.claimnote');
    expectToken(line, 'BILATERAL', 'storage.modifier.side.claimnote');
    expectToken(line, 'L', 'storage.modifier.side.claimnote', { after: ';' });
    expectToken(line, 'and', 'keyword.operator.word.and.claimnote');
    expectNoScope('  muscles upper left trapezius', 'left', 'storage');
    expectNoScope('  muscles trapezius (left side)', 'left', 'storage');
  });

  test('policy numbers: limit, interval, rate', () => {
    const limit = '  limit 4 per 30 days';
    expectToken(limit, '4', NUMBER);
    expectToken(limit, '30', NUMBER);
    expectToken(limit, 'days', UNIT);
    expectToken('  interval 6 weeks', 'weeks', UNIT);
    expectToken('  rate 150%', '150', NUMBER);
    expectToken('  rate 150%', '%', UNIT);
  });
});

describe('grammar: free text', () => {
  const TEXT = 'tender point #3 at 20552 J3301 M79.12 2026-03-04 40 mg/mL 2 mL dx A mod 25 left';
  for (const kw of ['symptoms', 'exam', 'tried', 'technique', 'response', 'note', 'auth']) {
    test(`${kw}: codes, dates, numbers and part words in the text are plain`, () => {
      const line = `  ${kw} ${TEXT}`;
      expectToken(line, kw, FIELD);
      expectNoScope(line, TEXT, [...DATA, COMMENT]);
    });
  }

  test('patient and provider names are plain (only the id / NPI is coloured)', () => {
    expectNoScope('  patient P-88213 Jane Doe 20552', 'Jane Doe 20552', DATA);
    expectNoScope('  provider 1234567893 A. Rivera 2026-01-01', 'A. Rivera 2026-01-01', DATA);
  });
});

describe('grammar: documents', () => {
  const EXAMPLE = `# Left neck and shoulder myofascial pain, office visit
claim TPI-2026-0142
  patient  P-88213 Jane Doe
  payer    acme-ppo
  date     2026-03-04
  pos      11
  provider 1234567893 A. Rivera, MD
  auth     PA-55821

  diagnosis A M79.12 "myalgia of auxiliary muscles, head and neck"
  diagnosis B G44.209

  line 20552-LT dx A,B
  line 99213-25 dx B
  line J3301 units 4 dx A

  muscles  left upper trapezius, left levator scapulae
  drug     triamcinolone 40 mg/mL 1 mL
  drug     lidocaine 1% 2 mL
  symptoms neck pain radiating to the temple for 3 months
  exam     taut bands with local twitch response, left upper trapezius and levator scapulae
  tried    physical therapy 6 weeks and ibuprofen 4 weeks, no lasting relief
  technique 27-gauge needle, fanning technique, after negative aspiration
  response pain 7/10 before, 2/10 after; full neck rotation
  note     E/M for new tension-type headaches, assessed separately

policy acme-ppo "Acme PPO"
  limit 4 per 30 days
  limit 6 per 6 months
  requires-auth
  rate 150%`;

  test('the docs/LANGUAGE.md example: every statement starts with a keyword, state does not leak', () => {
    const lines = tokenize(EXAMPLE);
    for (const tl of lines) {
      const first = tl.line.trim().split(/\s+/)[0];
      if (!first) continue;
      if (first.startsWith('#')) {
        expectAllScoped(tl, tl.line.trim(), COMMENT);
      } else {
        expectToken(tl, first, 'keyword');
      }
    }
    // a string or comment on one line never runs into the next
    const after = lines.findIndex((tl) => tl.line.includes('diagnosis B'));
    expectToken(lines[after], 'G44.209', ICD);
    expectNoScope(lines[after], 'diagnosis B G44.209', [STRING, COMMENT]);
  });

  const corpusDirs = ['corpus', 'corpus-billing'].map((d) => join(ROOT, 'test', 'fixtures', d));
  // every line keyword of the language (the lexicon's list, from the built service)
  const KEYWORDS = new Set(lib.ALL_KEYWORDS);

  test('corpus files: keywords are keywords and every "# expect:" is a comment', () => {
    assert.ok(KEYWORDS.has('practice') && KEYWORDS.has('billed-by') && KEYWORDS.has('appeal-window'));
    let expects = 0;
    for (const corpusDir of corpusDirs) {
      const files = readdirSync(corpusDir).filter((f) => f.endsWith('.claim'));
      assert.ok(files.length > 0, `${corpusDir} has .claim files`);
      for (const f of files) {
        for (const tl of tokenize(readFileSync(join(corpusDir, f), 'utf8'))) {
          const first = tl.line.trim().split(/\s+/)[0];
          if (KEYWORDS.has(first.toLowerCase())) expectToken(tl, first, 'keyword');
          const m = /(^|[ \t])(# expect:.*)$/.exec(tl.line);
          if (m) {
            expectAllScoped(tl, m[2], COMMENT);
            expects++;
          }
        }
      }
    }
    assert.ok(expects > 0, 'corpus has # expect: comments');
  });

  test('billing details: practice ids, charges, NDCs, dates of birth and payer lines are scoped', () => {
    const [practice, billedBy, charge, ndc, born, locality, appeal] = tokenize(
      [
        'practice RIVERSIDE "Riverside Pain Clinic"',
        '  billed-by RIVERSIDE',
        '  line 20552-LT dx A charge $150.00',
        '  drug triamcinolone 40 mg/mL 1 mL ndc 00003-0293-05',
        '  born 1950-01-01',
        '  locality 01182 18',
        '  appeal-window 180 days',
      ].join('\n'),
    );
    expectToken(practice, 'practice', 'keyword.control.practice');
    expectToken(practice, 'RIVERSIDE', 'entity.name.class.practice');
    expectToken(practice, 'Riverside Pain Clinic', STRING);
    expectToken(billedBy, 'RIVERSIDE', 'entity.name.class.practice');
    expectToken(charge, 'charge', PART);
    expectToken(charge, '$150.00', 'constant.numeric.charge');
    expectToken(charge, 'A', POINTER);
    expectToken(ndc, 'ndc', PART);
    expectToken(ndc, '00003-0293-05', 'constant.numeric.ndc');
    expectToken(born, '1950-01-01', DATE);
    expectToken(locality, '01182', NUMBER);
    expectToken(locality, '18', NUMBER, { occurrence: 1 });
    expectToken(appeal, '180', NUMBER);
  });
});

describe('language-configuration.json', () => {
  const config = JSON.parse(readFileSync(join(ROOT, 'language-configuration.json'), 'utf8'));

  test('# line comments and pairs for quotes and parentheses', () => {
    assert.equal(config.comments.lineComment, '#');
    const pairs = config.autoClosingPairs.map((p) => p.open + p.close);
    for (const p of ['""', '“”', '()']) assert.ok(pairs.includes(p), `autoClosingPairs has ${p}`);
    const surround = config.surroundingPairs.map((p) => p.join(''));
    for (const p of ['""', '“”', '()']) assert.ok(surround.includes(p), `surroundingPairs has ${p}`);
  });

  test('wordPattern keeps codes and ids together', () => {
    const re = new RegExp(config.wordPattern, 'g');
    for (const w of ['M79.12', 'S16.1XXA', '99213-25', 'TPI-2026-0142', 'requires-auth', 'J3301']) {
      assert.deepEqual(`  x ${w}, y`.match(re), ['x', w, 'y'], w);
    }
    assert.deepEqual('relief. Then'.match(re), ['relief', 'Then']);
  });

  test('indentation rules indent after claim/policy lines', () => {
    const inc = new RegExp(config.indentationRules.increaseIndentPattern);
    assert.ok(inc.test('claim TPI-1'));
    assert.ok(inc.test('Policy acme "Acme"'));
    assert.ok(!inc.test('  claimant x'));
    assert.ok(!inc.test('  line 20552'));
  });
});

describe('images/icon.png', () => {
  test('is a 128x128 PNG', () => {
    const png = readFileSync(join(ROOT, 'images', 'icon.png'));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
  });
});

describe('grammar: denials', () => {
  test('a denied line: its date, adjustments, remark codes, claim number and code; appealed and its date', () => {
    const [denied, appealed] = tokenize(
      '  denied 2026-06-05 CO-119, CO-151 ref 26156000456 remark N362, M86 on 20553\n  appealed 2026-06-20',
    );
    expectToken(denied, 'denied', FIELD);
    expectToken(denied, '2026-06-05', DATE);
    expectToken(denied, 'CO', 'constant.language.group-code');
    expectToken(denied, '119', 'constant.numeric.reason-code');
    expectToken(denied, 'ref', PART);
    expectToken(denied, '26156000456', 'constant.other.claim-number');
    expectToken(denied, 'N362', 'constant.other.remark-code');
    expectToken(denied, '20553', CPT);
    expectToken(appealed, 'appealed', FIELD);
    expectToken(appealed, '2026-06-20', DATE);
  });
});
