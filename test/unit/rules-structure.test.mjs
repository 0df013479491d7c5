// docs/rules.md "Structure": syntax, missing-field, duplicate-field, duplicate-claim-id,
// duplicate-diagnosis, invalid-date, invalid-npi, unknown-pos, unreadable-file, unknown-payer,
// duplicate-policy. Positive and negative cases, the exact place each reports at, severities,
// messages naming the concrete values, the edges docs/rules.md spells out, and every fix applied
// and checked again (docs/rules.md "Fixes").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check, claim, codes, uriOf, workspace } from '../helpers.mjs';
import { all, assertAt, assertFix, assertStart, lineOf, of, only, policy } from '../support/rule-kit.mjs';

// ----------------------------------------------------------------------------- syntax

describe('syntax', () => {
  test('an error at the offending token, naming it; the rest of the claim is checked', () => {
    const text = claim({}, { extra: ['exam point #3', 'frobnicate now'] });
    const fs = check(text);
    assert.deepEqual(codes(fs), ['15:syntax']);
    assertAt(fs[0], text, 14, 'frobnicate');
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /frobnicate/);
    assert.deepEqual(fs[0].fixes, []);
  });

  test('an LSP diagnostic with code syntax and source claimnote', () => {
    const s = workspace({ 'a.claim': claim({ pos: 'pos 1' }) });
    const [d] = s.doValidation(uriOf('a.claim')).filter((x) => x.code === 'syntax');
    assert.deepEqual([d.source, d.severity, d.range.start.line, d.range.start.character], ['claimnote', 1, 13, 6]);
  });

  test('a stray line before the first block', () => {
    const text = 'payer medicare\n' + claim();
    const fs = check(text);
    assert.deepEqual(codes(fs), ['1:syntax']);
    assertAt(fs[0], text, 0, 'payer');
  });

  test('a repeated service line part, a malformed code, modifier, number, id and pointer', () => {
    const bad = ['line 20552 dx A dx A', 'line 2055 dx A', 'line 99213 mod RTX dx A', 'line J3301 units 1.5 dx A', 'line 99213 dx Q'];
    const text = claim({ patient: 'patient P/1' }, { extra: bad });
    const fs = of(check(text), 'syntax');
    assert.deepEqual(
      fs.map((f) => [f.range.start.line, f.range.start.character, f.range.end.character]),
      [
        [1, 10, 13],
        [13, 18, 20],
        [14, 7, 11],
        [15, 17, 20],
        [16, 19, 22],
        [17, 16, 17],
      ],
    );
  });

  test('a MM/DD/YYYY date: the preferred fix rewrites it as ISO; applied, nothing of the date is reported', () => {
    const text = claim({ date: 'date 12/31/2025' });
    const [f] = only(text, 'syntax');
    assertAt(f, text, 3, '12/31/2025');
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].isPreferred, true);
    const { text: fixed, after } = assertFix(text, 'a.claim', 'syntax');
    assert.match(fixed, /date 2025-12-31\n/);
    assert.deepEqual(codes(after), []);
  });

  test('a MM/DD/YYYY prior date gets the same fix', () => {
    const text = claim({}, { extra: ['prior 1/5/2026 20552 right upper trapezius'] });
    const { text: fixed } = assertFix(text, 'a.claim', 'syntax');
    assert.match(fixed, /prior 2026-01-05 20552/);
  });
});

// ----------------------------------------------------------------------------- missing-field

describe('missing-field', () => {
  for (const field of ['patient', 'payer', 'date', 'diagnosis', 'line']) {
    test(`no ${field}: one error at the claim id naming the field`, () => {
      const text = claim({ [field]: null, ...(field === 'diagnosis' ? { line: 'line 20552 mod RT' } : {}) });
      const fs = only(text, 'missing-field');
      assert.equal(fs.length, 1);
      assertAt(fs[0], text, 0, 'C-1');
      assert.equal(fs[0].severity, 'error');
      assert.match(fs[0].message, new RegExp(`"${field}"`));
      assert.match(fs[0].message, /C-1/);
    });
  }

  test('a field whose line is there but dropped for a syntax error is not missing: the syntax error is the one root cause', () => {
    const cases = {
      date: 'date 06/09/2026',
      patient: 'patient "P-1"',
      payer: 'payer acme ppo',
      line: 'line 2055 dx A',
    };
    for (const [field, written] of Object.entries(cases)) {
      const text = claim({ [field]: written });
      const fs = check(text);
      assert.ok(of(fs, 'syntax').length >= 1, `${field}: a syntax error`);
      assert.deepEqual(only(text, 'missing-field'), [], `${field}: no missing-field for ${written}`);
    }
    // the date's fix is the ISO rewrite, not a placeholder date line
    const [syntax] = only(claim({ date: 'date 06/09/2026' }), 'syntax');
    assert.deepEqual(
      syntax.fixes.map((x) => x.edits[0].newText),
      ['2026-06-09'],
    );
    // a field still missing next to another field's syntax error is still reported
    const other = only(claim({ date: 'date 06/09/2026', patient: null }), 'missing-field');
    assert.equal(other.length, 1);
    assert.match(other[0].message, /patient/);
  });

  test('one diagnostic per missing field', () => {
    const text = 'claim BARE\n  exam taut band\n';
    const fs = only(text, 'missing-field');
    assert.equal(fs.length, 5);
    for (const f of fs) assertAt(f, text, 0, 'BARE');
    assert.deepEqual(fs.map((f) => f.message.match(/"(\w+)"/)[1]).sort(), ['date', 'diagnosis', 'line', 'patient', 'payer']);
  });

  test('a claim without an id reports at the keyword', () => {
    const text = claim({}).replace('claim C-1', 'claim').replace('  patient P-1\n', '');
    const fs = only(text, 'missing-field');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, 0, 'claim');
  });

  test('a field whose line has a syntax error is not missing; a complete claim and a policy have none', () => {
    assert.equal(only(claim({ date: 'date 2026/04/01' }), 'missing-field').length, 0);
    assert.equal(only(claim({ line: 'line 2055 dx A' }), 'missing-field').length, 0);
    assert.equal(only(claim(), 'missing-field').length, 0);
    assert.equal(only('policy acme\n  rate 100%\n', 'missing-field').length, 0);
    // a line that is a syntax error after its code still counts
    assert.equal(only(claim({ line: 'line 20552 mod RT units two dx A' }), 'missing-field').length, 0);
  });

  for (const field of ['patient', 'payer', 'date', 'diagnosis', 'line']) {
    test(`fix for a missing ${field}: a skeleton line with a visible placeholder, not preferred`, () => {
      const text = claim({ [field]: null });
      const { text: fixed, fix } = assertFix(text, 'a.claim', 'missing-field', {
        placeholder: true,
        match: (f) => f.message.includes(`"${field}"`),
      });
      assert.equal(fix.isPreferred, false);
      assert.equal(fixed.split('\n')[1].trim().split(' ')[0], field, 'inserted right after the claim line');
      assert.match(fixed.split('\n')[1], /^ {2}\S+ .*<[^>]+>/, 'indented, keyword, placeholder');
      // the placeholder is visible: the line is flagged until the user completes it
      assert.ok(
        check(fixed).some((f) => f.range.start.line === 1),
        'the placeholder line is reported',
      );
      // completing the placeholder clears missing-field
      const done = fixed
        .replace(/<patient-id>/, 'P-1')
        .replace('<payer-id>', 'medicare')
        .replace('<YYYY-MM-DD>', '2026-04-01')
        .replace('<ICD-10-CM>', 'M79.12')
        .replace('<CPT>', '99213');
      assert.deepEqual(of(check(done), 'missing-field'), []);
    });
  }
});

// ----------------------------------------------------------------------------- duplicate-field

describe('duplicate-field', () => {
  const cases = [
    ['patient', 'patient P-2', 'error'],
    ['payer', 'payer Medicare', 'error'],
    ['date', 'date 2026-04-02', 'error'],
    ['pos', 'pos 22', 'warning'],
    ['provider', 'provider 1234567893', 'warning'],
    ['auth', 'auth PA-2', 'warning'],
  ];
  for (const [field, second, severity] of cases) {
    test(`a second ${field}: ${severity} at the second keyword, related to the first`, () => {
      const firsts = { pos: 'pos 11', provider: 'provider 1245319599', auth: 'auth PA-1' };
      const text = claim(firsts[field] ? { [field]: firsts[field] } : {}, { extra: [second] });
      const fs = only(text, 'duplicate-field');
      assert.equal(fs.length, 1);
      const line = lineOf(text, second);
      assertAt(fs[0], text, line, field);
      assert.equal(fs[0].severity, severity);
      assert.match(fs[0].message, new RegExp(`^Second ${field} line`));
      assert.match(fs[0].message, /C-1/);
      assert.equal(fs[0].related.length, 1);
      const first = text.split('\n').findIndex((l) => l.trim().startsWith(field + ' '));
      assert.equal(fs[0].related[0].range.start.line, first);
    });
  }

  test('policy rate and interval: warnings at the second keyword; other repeated policy lines are fine', () => {
    const text = policy(
      'acme',
      'rate 120%',
      'interval 4 weeks',
      'rate 90%',
      'interval 2 weeks',
      'limit 3 per 1 years',
      'limit 2 per 30 days',
      'requires-auth',
      'requires-auth',
    );
    const fs = only(text, 'duplicate-field');
    assert.deepEqual(
      fs.map((f) => [f.severity, f.message.match(/^Second (\w+) line/)[1]]),
      [
        ['warning', 'rate'],
        ['warning', 'interval'],
      ],
    );
    assertAt(fs[0], text, lineOf(text, 'rate 90%'), 'rate');
    assertAt(fs[1], text, lineOf(text, 'interval 2 weeks'), 'interval');
    assert.match(fs[0].message, /acme/);
    assert.match(fs[0].message, /90%/);
    assert.match(fs[0].message, /120%/);
    assert.match(fs[1].message, /2 weeks/);
    assert.match(fs[1].message, /4 weeks/);
  });

  test('the first wins: the second payer, date and pos are ignored', () => {
    const text = claim({ pos: 'pos 11' }, { extra: ['payer nowhere', 'date 2026-02-30', 'pos 02'] });
    const fs = check(text);
    assert.deepEqual(of(fs, 'unknown-payer'), []);
    assert.deepEqual(of(fs, 'invalid-date'), []);
    assert.deepEqual(of(fs, 'tpi-telehealth'), []);
    assert.equal(of(fs, 'duplicate-field').length, 3);
  });

  test('a third line is reported too; a first line is never reported', () => {
    const text = claim({}, { extra: ['date 2026-04-02', 'date 2026-04-03'] });
    const fs = only(text, 'duplicate-field');
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [13, 14],
    );
    assert.equal(only(claim(), 'duplicate-field').length, 0);
  });

  test('the message names the values of both lines', () => {
    const text = claim({}, { extra: ['date 2026-04-02'] });
    const [f] = only(text, 'duplicate-field');
    assert.match(f.message, /2026-04-02/);
    assert.match(f.message, /2026-04-01/);
  });

  test("fix: delete the second line (not preferred: which line is right is the biller's call)", () => {
    const firsts = { pos: 'pos 11', provider: 'provider 1245319599', auth: 'auth PA-1' };
    for (const extra of ['patient P-2', 'payer medicare', 'date 2026-04-02', 'pos 22', 'provider 1234567893', 'auth PA-9']) {
      const text = claim(firsts, { extra: [extra] });
      const { text: fixed, fix } = assertFix(text, 'a.claim', 'duplicate-field');
      assert.equal(fix.isPreferred, false, extra);
      assert.equal(fixed, claim(firsts), extra);
    }
  });

  test('fix in a policy, and on the last line of a file without a final line break', () => {
    const text = policy('acme', 'rate 120%', 'rate 130%').trimEnd();
    const { text: fixed } = assertFix(text, 'a.claim', 'duplicate-field');
    assert.equal(fixed, '\npolicy acme\n  rate 120%');
    const three = claim({}, { extra: ['date 2026-04-02', 'date 2026-04-03'] });
    assertFix(three, 'a.claim', 'duplicate-field');
  });
});

// ----------------------------------------------------------------------------- duplicate-claim-id

describe('duplicate-claim-id', () => {
  test('two claims with one id in one file: both reported at their ids, each related to the other', () => {
    const text = claim({}, { id: 'C-7' }) + '\n' + claim({ patient: 'patient P-2' }, { id: 'C-7' });
    const fs = only(text, 'duplicate-claim-id');
    assert.equal(fs.length, 2);
    const second = lineOf(text, 'claim C-7', 1);
    assertAt(fs[0], text, 0, 'C-7');
    assertAt(fs[1], text, second, 'C-7');
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /C-7/);
    assert.deepEqual(
      fs[0].related.map((r) => r.range.start.line),
      [second],
    );
    assert.deepEqual(
      fs[1].related.map((r) => r.range.start.line),
      [0],
    );
    assert.deepEqual(fs[0].fixes, []);
  });

  test('across two files, case-insensitively, with related information pointing at the other file', () => {
    const s = workspace({ 'a.claim': claim({}, { id: 'TPI-1' }), 'b.claim': claim({ patient: 'patient P-2' }, { id: 'tpi-1' }) });
    const a = of(s.findings(uriOf('a.claim')), 'duplicate-claim-id');
    const b = of(s.findings(uriOf('b.claim')), 'duplicate-claim-id');
    assert.equal(a.length, 1);
    assert.equal(b.length, 1);
    assertStart(a[0], 0, 6);
    assert.deepEqual(
      a[0].related.map((r) => [r.uri, r.range.start.line, r.range.start.character]),
      [[uriOf('b.claim'), 0, 6]],
    );
    assert.deepEqual(
      b[0].related.map((r) => r.uri),
      [uriOf('a.claim')],
    );
    const d = s.doValidation(uriOf('a.claim')).find((x) => x.code === 'duplicate-claim-id');
    assert.equal(d.relatedInformation[0].location.uri, uriOf('b.claim'));
  });

  test('three claims: each is related to the two others; distinct ids are fine; deleting a file clears it', () => {
    const s = workspace({
      'a.claim': claim({}, { id: 'X' }),
      'b.claim': claim({}, { id: 'X' }),
      'c.claim': claim({}, { id: 'X' }),
      'd.claim': claim({}, { id: 'Y' }),
    });
    const fs = of(all(s), 'duplicate-claim-id');
    assert.equal(fs.length, 3);
    for (const f of fs) assert.equal(f.related.length, 2);
    assert.match(fs[0].message, /3/);
    s.deleteDocument(uriOf('b.claim'));
    s.deleteDocument(uriOf('c.claim'));
    assert.equal(of(all(s), 'duplicate-claim-id').length, 0);
  });
});

// ----------------------------------------------------------------------------- duplicate-diagnosis

describe('duplicate-diagnosis', () => {
  test('the second letter, naming both codes, related to the first; no fix', () => {
    const text = claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis a J06.9'] });
    const fs = only(text, 'duplicate-diagnosis');
    assert.equal(fs.length, 1);
    assert.deepEqual(fs[0].range, { start: { line: 5, character: 12 }, end: { line: 5, character: 13 } });
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /\bA\b/);
    assert.match(fs[0].message, /M79\.12/);
    assert.match(fs[0].message, /J06\.9/);
    assert.deepEqual(
      fs[0].related.map((r) => [r.range.start.line, r.range.start.character]),
      [[4, 12]],
    );
    assert.deepEqual(fs[0].fixes, []);
  });

  test('the second is otherwise ignored: its code is not judged and pointers use the first', () => {
    const fs = check(claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis A M79.1', 'diagnosis A 79.1', 'diagnosis A J06.9'] }));
    assert.equal(of(fs, 'duplicate-diagnosis').length, 3);
    assert.deepEqual(of(fs, 'icd-not-billable'), []);
    assert.deepEqual(of(fs, 'icd-format'), []);
    assert.deepEqual(of(fs, 'dx-not-supported'), []);
    assert.deepEqual(of(fs, 'diagnosis-unused'), []);
  });

  test('distinct letters are fine, even with the same code', () => {
    const fs = check(claim({ diagnosis: ['diagnosis A M79.12', 'diagnosis B M79.12'], line: 'line 20552 mod RT dx A,B' }));
    assert.deepEqual(of(fs, 'duplicate-diagnosis'), []);
  });
});

// ----------------------------------------------------------------------------- invalid-date

describe('invalid-date', () => {
  for (const d of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '2100-02-29']) {
    test(`${d} is not a calendar date: error at the date, naming it`, () => {
      const text = claim({ date: `date ${d}` });
      const fs = check(text);
      assert.deepEqual(of(fs, 'syntax'), []);
      const [f, ...rest] = of(fs, 'invalid-date');
      assert.equal(rest.length, 0);
      assertAt(f, text, 3, d);
      assert.equal(f.severity, 'error');
      assert.ok(f.message.includes(d));
      assert.deepEqual(f.fixes, []);
    });
  }

  test('real dates, leap days included, are fine', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01'])
      assert.deepEqual(only(claim({ date: `date ${d}` }), 'invalid-date'), [], d);
  });

  test('a prior line date too', () => {
    const text = claim({}, { extra: ['prior 2026-02-30 20552 right upper trapezius'] });
    const [f] = only(text, 'invalid-date');
    assertAt(f, text, 13, '2026-02-30');
  });
});

// ----------------------------------------------------------------------------- invalid-npi

describe('invalid-npi', () => {
  test('valid NPIs (check digit over 80840 + nine digits) are fine', () => {
    for (const npi of ['1234567893', '1245319599', '0000000006', '1111111112', '9876543213']) {
      assert.deepEqual(only(claim({ provider: `provider ${npi}` }), 'invalid-npi'), [], npi);
    }
  });

  test('a failing check digit: error at the NPI naming it', () => {
    for (const npi of ['1234567890', '1234567894', '1245319590', '0000000000', '9876543210']) {
      const text = claim({ provider: `provider ${npi} Dr. A` });
      const [f, ...rest] = only(text, 'invalid-npi');
      assert.equal(rest.length, 0, npi);
      assertAt(f, text, 13, npi);
      assert.equal(f.severity, 'error');
      assert.ok(f.message.includes(npi), f.message);
      assert.match(f.message, /check digit/);
    }
  });

  test('a run of digits that is not 10 long: error naming the length', () => {
    for (const npi of ['123', '123456789', '12345678931', '0']) {
      const text = claim({ provider: `provider ${npi}` });
      const fs = check(text);
      assert.deepEqual(of(fs, 'syntax'), [], npi);
      const [f] = of(fs, 'invalid-npi');
      assertAt(f, text, 13, npi);
      assert.ok(f.message.includes(npi));
      assert.ok(f.message.includes(String(npi.length)), f.message);
    }
  });

  test('anything but digits is syntax, not invalid-npi', () => {
    const fs = check(claim({ provider: 'provider 12345-67893' }));
    assert.equal(of(fs, 'syntax').length, 1);
    assert.deepEqual(of(fs, 'invalid-npi'), []);
  });
});

// ----------------------------------------------------------------------------- unknown-pos

describe('unknown-pos', () => {
  test('every known place of service is fine, and an absent pos is 11', () => {
    for (const pos of ['02', '10', '11', '12', '19', '21', '22', '23', '24', '31', '32', '49', '71', '72']) {
      assert.deepEqual(only(claim({ pos: `pos ${pos}` }), 'unknown-pos'), [], pos);
    }
    assert.deepEqual(only(claim(), 'unknown-pos'), []);
  });

  test('another two-digit code: warning at the code, naming it', () => {
    for (const pos of ['99', '20', '01', '03', '81']) {
      const text = claim({ pos: `pos ${pos}` });
      const [f, ...rest] = only(text, 'unknown-pos');
      assert.equal(rest.length, 0);
      assertAt(f, text, 13, pos);
      assert.equal(f.severity, 'warning');
      assert.ok(f.message.includes(pos));
      assert.deepEqual(f.fixes, []);
    }
  });

  test('a severity override replaces the default; off drops it', () => {
    const text = claim({ pos: 'pos 99' });
    assert.equal(of(check(text, {}, { rules: { 'unknown-pos': 'error' } }), 'unknown-pos')[0].severity, 'error');
    assert.deepEqual(of(check(text, {}, { rules: { 'unknown-pos': 'off' } }), 'unknown-pos'), []);
  });
});

// ----------------------------------------------------------------------------- unreadable-file

describe('unreadable-file', () => {
  test('setUnreadable: one error at line 1, character 0, naming the reason', () => {
    const s = workspace({});
    s.setUnreadable(uriOf('bad.claim'), 'invalid UTF-8 at byte 12');
    const fs = s.findings(uriOf('bad.claim'));
    assert.deepEqual(
      fs.map((f) => f.code),
      ['unreadable-file'],
    );
    assertStart(fs[0], 0, 0);
    assert.equal(fs[0].range.end.line, 0);
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /invalid UTF-8 at byte 12/);
    assert.deepEqual(fs[0].fixes, []);
  });

  test('a readable file never has it; an unreadable file holds no claims or policies any more', () => {
    const s = workspace({ 'a.claim': claim({ payer: 'payer acme' }, { id: 'X' }), 'b.claim': claim({}, { id: 'X' }) + policy('acme') });
    assert.deepEqual(of(all(s), 'unreadable-file'), []);
    assert.equal(of(all(s), 'duplicate-claim-id').length, 2);
    s.setUnreadable(uriOf('b.claim'), 'not valid UTF-8');
    const a = s.findings(uriOf('a.claim'));
    assert.deepEqual(of(a, 'duplicate-claim-id'), []);
    assert.equal(of(a, 'unknown-payer').length, 1, 'the policy in the unreadable file is gone');
    // readable again
    s.setDocument(uriOf('b.claim'), claim({}, { id: 'Z' }));
    assert.deepEqual(of(all(s), 'unreadable-file'), []);
  });
});

// ----------------------------------------------------------------------------- unknown-payer

describe('unknown-payer', () => {
  test('a payer with no policy: error at the payer id, naming it', () => {
    const text = claim({ payer: 'payer bluecross' });
    const [f, ...rest] = only(text, 'unknown-payer');
    assert.equal(rest.length, 0);
    assertAt(f, text, 2, 'bluecross');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /bluecross/);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].isPreferred, false);
  });

  test('medicare (any case), a policy in the same file or in another file (any case) is known', () => {
    assert.deepEqual(only(claim({ payer: 'payer MEDICARE' }), 'unknown-payer'), []);
    assert.deepEqual(only(claim({ payer: 'payer acme' }) + policy('ACME', 'rate 100%'), 'unknown-payer'), []);
    const s = workspace({ 'a.claim': claim({ payer: 'payer Acme-PPO' }), 'z/policies.claim': policy('acme-ppo', 'rate 120%') });
    assert.deepEqual(of(all(s), 'unknown-payer'), []);
    s.deleteDocument(uriOf('z/policies.claim'));
    assert.equal(of(all(s), 'unknown-payer').length, 1);
  });

  test('fix: a policy skeleton at the end of the file; applied, the payer is known and nothing is a syntax error', () => {
    const text = claim({ payer: 'payer bluecross' });
    const { text: fixed, after } = assertFix(text, 'a.claim', 'unknown-payer');
    assert.ok(fixed.startsWith(text), 'appended at the end');
    assert.match(fixed, /\n\npolicy bluecross\n/);
    assert.deepEqual(of(after, 'syntax'), []);
  });

  test('fix on a file without a final line break, and on a CRLF file', () => {
    const text = claim({ payer: 'payer bluecross' }).trimEnd();
    const { text: fixed } = assertFix(text, 'a.claim', 'unknown-payer');
    assert.match(fixed, /after\n\npolicy bluecross\n/);
    assertFix(claim({ payer: 'payer bluecross' }).replace(/\n/g, '\r\n'), 'a.claim', 'unknown-payer');
  });
});

// ----------------------------------------------------------------------------- duplicate-policy

describe('duplicate-policy', () => {
  test('two policies with one payer id: error at the second id, related to the first; no fix', () => {
    const text = claim({ payer: 'payer acme' }) + policy('acme', 'rate 120%') + policy('Acme', 'rate 90%');
    const fs = only(text, 'duplicate-policy');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'policy Acme'), 'Acme');
    assert.equal(fs[0].severity, 'error');
    assert.match(fs[0].message, /Acme/i);
    assert.deepEqual(
      fs[0].related.map((r) => r.range.start.line),
      [lineOf(text, 'policy acme')],
    );
    assert.deepEqual(fs[0].fixes, []);
  });

  test('across files, "first" is by file path: the policy of a.claim is used', () => {
    const s = workspace({
      'b.claim': policy('acme', 'rate 100%'),
      'a.claim': claim({ payer: 'payer acme' }) + policy('acme', 'requires-auth'),
    });
    const b = of(s.findings(uriOf('b.claim')), 'duplicate-policy');
    assert.equal(b.length, 1);
    assert.equal(b[0].related[0].uri, uriOf('a.claim'));
    assert.deepEqual(of(s.findings(uriOf('a.claim')), 'duplicate-policy'), []);
    // claims use the first: a.claim's policy requires an authorization
    assert.equal(of(s.findings(uriOf('a.claim')), 'auth-missing').length, 1);
  });

  test('one user policy medicare is fine and replaces the built-in one; a second is a duplicate', () => {
    // the built-in medicare covers M79.1x and G44.2x only: M62.838 is not covered, and there is no auth rule
    const base = claim({ diagnosis: 'diagnosis A M62.838' });
    const builtin = check(base);
    assert.equal(of(builtin, 'dx-not-covered').length, 1);
    assert.deepEqual(of(builtin, 'auth-missing'), []);
    const mine = base + policy('medicare', 'requires-auth');
    const fs = check(mine);
    assert.deepEqual(of(fs, 'duplicate-policy'), []);
    assert.deepEqual(of(fs, 'dx-not-covered'), [], 'the user policy has no covers list');
    assert.equal(of(fs, 'auth-missing').length, 1, 'the user policy requires an authorization');
    const twice = mine + policy('Medicare', 'rate 90%');
    const [d] = only(twice, 'duplicate-policy');
    assertAt(d, twice, lineOf(twice, 'policy Medicare'), 'Medicare');
  });

  test('different payer ids are fine', () => {
    assert.deepEqual(only(policy('acme') + policy('acme-2') + policy('acme.3'), 'duplicate-policy'), []);
  });
});
