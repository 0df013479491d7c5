// docs/rules.md "Documentation": doc-drug, doc-exam, doc-tried, doc-response, doc-technique,
// doc-symptoms. TPI claims only; at the claim id unless said (doc-drug on a faulty `drug`
// line: at its keyword). Their fixes insert the keyword and a placeholder (docs/rules.md "Fixes":
// never preferred, exempt from the no-new-diagnostic promise).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, check, claim } from '../helpers.mjs';
import { assertAt, lineOf, of } from '../support/rule-kit.mjs';

/** @type {Array<['exam' | 'tried' | 'response' | 'technique' | 'symptoms', string]>} */
const FIELDS = [
  ['exam', 'warning'],
  ['tried', 'warning'],
  ['response', 'info'],
  ['technique', 'info'],
  ['symptoms', 'info'],
];

describe('doc-exam, doc-tried, doc-response, doc-technique, doc-symptoms', () => {
  for (const [field, severity] of FIELDS) {
    /** @type {import('../../server/src/rules/ids.js').RuleId} */
    const id = `doc-${field}`;

    test(`${id}: a TPI claim without \`${field}\` is reported at the claim id (${severity}), naming the claim and the field`, () => {
      const text = claim({ [field]: null }, { id: 'TPI-9' });
      const fs = of(check(text), id);
      assert.equal(fs.length, 1);
      assertAt(fs[0], text, 0, 'TPI-9');
      assert.equal(fs[0].severity, severity);
      assert.match(fs[0].message, /claim TPI-9/i);
      assert.match(fs[0].message, new RegExp(`: add an? ${field} line\\.`));
      // no other doc-* rule is reported for it
      assert.deepEqual(
        check(text)
          .filter((f) => f.code.startsWith('doc-'))
          .map((f) => f.code),
        [id],
      );
    });

    test(`${id}: not reported with the line (any case of the keyword), nor on a claim without a TPI line`, () => {
      assert.equal(of(check(claim()), id).length, 0);
      const upper = claim({ [field]: `${field.toUpperCase()} documented` });
      assert.equal(of(check(upper), id).length, 0);
      const noTpi = claim({ [field]: null, line: 'line 99213 dx A', muscles: null });
      assert.equal(of(check(noTpi), id).length, 0);
      const procedure = claim({ [field]: null, line: 'line 20610 dx A', muscles: null });
      assert.equal(of(check(procedure), id).length, 0);
    });

    test(`${id}: the fix inserts \`${field} \` and a placeholder inside the claim, not preferred, and the claim-id diagnostic goes`, () => {
      const text = claim({ [field]: null }, { id: 'C-1' }) + '\nclaim C-2\n  patient P-2\n';
      const [f] = of(check(text), id);
      assert.equal(f.fixes.length, 1);
      assert.equal(f.fixes[0].isPreferred, false);
      const fixed = applyEdits(text, f.fixes[0].edits);
      const inserted = fixed.split('\n').filter((l) => new RegExp(`^\\s+${field} \\S`).test(l));
      assert.equal(inserted.length, 1);
      // inside claim C-1 (before claim C-2)
      assert.ok(lineOf(fixed, `${field} `) < lineOf(fixed, 'claim C-2'));
      const after = check(fixed);
      assert.equal(of(after, id).length, 0);
      assert.equal(of(after, 'syntax').length, 0);
    });
  }

  test('every doc-* rule at once on a bare TPI claim, each at the claim id', () => {
    const text = claim({ drug: null, exam: null, tried: null, response: null, technique: null, symptoms: null }, { id: 'BARE' });
    const fs = check(text).filter((f) => f.code.startsWith('doc-'));
    assert.deepEqual(fs.map((f) => f.code).sort(), ['doc-drug', 'doc-exam', 'doc-response', 'doc-symptoms', 'doc-technique', 'doc-tried']);
    for (const f of fs) assertAt(f, text, 0, 'BARE');
  });

  test('a `note` line does not stand for any of them; each keyword counts only for itself', () => {
    const text = claim({ exam: null, note: 'note exam: taut band, twitch response' });
    assert.equal(of(check(text), 'doc-exam').length, 1);
  });

  test('the fix at the end of a file without a final newline', () => {
    const text = claim({ exam: null }).trimEnd();
    const [f] = of(check(text), 'doc-exam');
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.equal(of(check(fixed), 'doc-exam').length, 0);
    assert.equal(of(check(fixed), 'syntax').length, 0);
    assert.ok(fixed.startsWith(text), 'the existing text is kept');
  });

  test('the fix goes before trailing blank lines and the next block', () => {
    const text = claim({ tried: null }) + '\n\n# next\npolicy acme\n  rate 120%\n';
    const [f] = of(check(text), 'doc-tried');
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(lineOf(fixed, 'tried ') < lineOf(fixed, 'policy acme'));
    assert.equal(of(check(fixed), 'doc-tried').length, 0);
  });
});

describe('doc-drug', () => {
  test('no drug line: warning at the claim id; fix inserts `drug ` with a placeholder, not preferred', () => {
    const text = claim({ drug: null }, { id: 'NO-DRUG' });
    const fs = of(check(text), 'doc-drug');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, 0, 'NO-DRUG');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /claim NO-DRUG/i);
    assert.equal(fs[0].fixes.length, 1);
    assert.equal(fs[0].fixes[0].isPreferred, false);
    const fixed = applyEdits(text, fs[0].fixes[0].edits);
    assert.equal(fixed.split('\n').filter((l) => /^\s+drug \S/.test(l)).length, 1);
    // the claim-id diagnostic is gone (the placeholder line itself is exempt and still wants an amount)
    const after = of(check(fixed), 'doc-drug');
    assert.ok(after.every((f) => f.range.start.line !== 0));
    assert.equal(of(check(fixed), 'syntax').length, 0);
  });

  test('a drug line without an amount: warning at its `drug` keyword, naming the drug; no fix', () => {
    const text = claim({ drug: 'drug lidocaine 1%' });
    const fs = of(check(text), 'doc-drug');
    assert.equal(fs.length, 1);
    assertAt(fs[0], text, lineOf(text, 'drug lidocaine'), 'drug');
    assert.equal(fs[0].severity, 'warning');
    assert.match(fs[0].message, /lidocaine/);
    assert.deepEqual(fs[0].fixes, []);
    const bare = claim({ drug: 'drug Kenalog' });
    assert.equal(of(check(bare), 'doc-drug').length, 1);
  });

  test('a volume without a concentration: at the keyword, naming the volume', () => {
    for (const [drug, vol] of /** @type {Array<[string, RegExp]>} */ ([
      ['drug bupivacaine 3 mL', /3 mL/],
      ['drug bupivacaine 3cc', /3 cc/],
      ['drug "normal saline" 2 ml', /2 mL/],
    ])) {
      const text = claim({ drug });
      const fs = of(check(text), 'doc-drug');
      assert.equal(fs.length, 1, drug);
      assertAt(fs[0], text, lineOf(text, 'drug '), 'drug');
      assert.match(fs[0].message, vol, drug);
    }
  });

  test('a dose in mg, mcg or units, or a volume with a concentration, is fine', () => {
    for (const drug of [
      'drug triamcinolone 40 mg',
      'drug dexamethasone 4000 mcg',
      'drug "botulinum toxin" 100 units',
      'drug lidocaine 1% 2 mL',
      'drug triamcinolone 40 mg/mL 1 mL',
      'drug dexamethasone 4 mg/cc 1 cc',
      'drug dexamethasone 4000 mcg/mL 1 mL',
      'drug "toxin" 100 units/mL 1 mL',
      'drug lidocaine 2 mL 1%',
      'drug bupivacaine .5% .5mL',
    ]) {
      assert.equal(of(check(claim({ drug })), 'doc-drug').length, 0, drug);
    }
  });

  test('each faulty line is reported on its own line; good lines are not', () => {
    const text = claim({ drug: ['drug triamcinolone 40 mg/mL 1 mL', 'drug lidocaine 2 mL', 'drug bupivacaine 0.25%'] });
    const fs = of(check(text), 'doc-drug');
    assert.deepEqual(
      fs.map((f) => f.range.start.line),
      [lineOf(text, 'drug lidocaine'), lineOf(text, 'drug bupivacaine')],
    );
  });

  test('only on TPI claims', () => {
    assert.equal(of(check(claim({ drug: null, line: 'line 20610 dx A', muscles: null })), 'doc-drug').length, 0);
    assert.equal(of(check(claim({ drug: 'drug lidocaine 2 mL', line: 'line 20610 dx A', muscles: null })), 'doc-drug').length, 0);
  });
});
