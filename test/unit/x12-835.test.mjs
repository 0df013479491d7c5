// read835: 835 remittances (005010X221A1) of our own making come back as claim payments with
// their adjustments, remarks and lines, and as the denials they make: claim denials, line
// denials, none for a claim paid in full or for the patient's share; whatever the separators,
// transactions and groups; bad input gives problems, never an exception. deniedLineText gives
// the `denied` line, which the ClaimNote parser reads without an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { read835, deniedLineText, tokenize } = require('../../server/out/interchange.js');
const { parseDocument } = require('../../server/out/service.js');

const STAR = { element: '*', component: ':', repetition: '^', segment: '~', breaks: '\n' };

/** Segments (arrays: id, elements; an element that is an array is a composite) as an interchange. */
function x12(segments, sep = STAR) {
  const isa = [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    'PAYER'.padEnd(15),
    'ZZ',
    'PRACTICE'.padEnd(15),
    '260320',
    '1200',
    sep.repetition,
    '00501',
    '000000001',
    '0',
    'P',
    sep.component,
  ];
  const text = (s) => s.map((e) => (Array.isArray(e) ? e.join(sep.component) : e)).join(sep.element) + sep.segment;
  return [isa, ...segments, ['IEA', '1', '000000001']]
    .map((s) => (s === isa ? isa.join(sep.element) + sep.segment : text(s)))
    .join(sep.breaks);
}

/** One ST*835 transaction: its header (BPR with BPR16, an optional DTM*405, the payer) and its claims' segments. */
function transaction(claims, { control = '0001', bpr16 = '20260321', dtm405 = '20260320', payer = 'ACME PPO' } = {}) {
  const body = [
    ['BPR', 'I', '100', 'C', 'ACH', 'CCP', '01', '999999999', 'DA', '123456', '1512345678', '', '01', '888888888', 'DA', '654321', bpr16],
    ['TRN', '1', '12345', '1512345678'],
    ...(dtm405 ? [['DTM', '405', dtm405]] : []),
    ['N1', 'PR', payer],
    ['N1', 'PE', 'RIVERSIDE PAIN CLINIC', 'XX', '1234567893'],
    ['LX', '1'],
    ...claims.flat(),
  ];
  return [['ST', '835', control, '005010X221A1'], ...body, ['SE', String(body.length + 2), control]];
}

const group = (...transactions) => [
  ['GS', 'HP', 'PAYER', 'PRACTICE', '20260320', '1200', '1', 'X', '005010X221A1'],
  ...transactions.flat(),
  ['GE', String(transactions.length), '1'],
];

// a claim denied at claim level: CLP02 4, CAS*CO*50, remark N115 (MOA)
const deniedClaim = [
  ['CLP', 'TPI-1', '4', '250', '0', '', '12', '26079000123'],
  ['CAS', 'CO', '50', '250'],
  ['NM1', 'QC', '1', 'DOE', 'JANE'],
  ['MOA', '', '', 'N115'],
  ['SVC', ['HC', '20552'], '250', '0', '', '1'],
  ['DTM', '472', '20260304'],
];
// one line paid, one line denied (CO-97 on 96372, remark M15)
const lineDenied = [
  ['CLP', 'TPI-2', '1', '300', '120', '30', '12', '26079000124'],
  ['SVC', ['HC', '20553', 'LT'], '250', '120', '', '1'],
  ['CAS', 'CO', '45', '100'],
  ['CAS', 'PR', '2', '30'],
  ['SVC', ['HC', '96372'], '50', '0', '', '1'],
  ['CAS', 'CO', '97', '50'],
  ['LQ', 'HE', 'M15'],
];
// paid, the rest deductible and coinsurance: no denial
const paidWithPatientShare = [
  ['CLP', 'TPI-3', '1', '250', '150', '100', '12', '26079000125'],
  ['CAS', 'PR', '1', '80', '', '2', '20'],
  ['SVC', ['HC', '20552'], '250', '150', '', '1'],
];

const claimById = (r, id) => r.claims.find((c) => c.id === id);
const lineParses = (line) => parseDocument('file:///x.claim', 'claim C\n  patient P\n  ' + line).errors;

test('a claim denied at claim level: one denial with its CAS, MOA remark and CLP07', () => {
  const r = read835(x12(group(transaction([deniedClaim]))));
  assert.deepEqual(r.problems, []);
  assert.equal(r.payer, 'ACME PPO');
  const c = claimById(r, 'TPI-1');
  assert.equal(c.status, '4');
  assert.equal(c.chargeCents, 25000);
  assert.equal(c.paidCents, 0);
  assert.equal(c.patientCents, 0);
  assert.equal(c.payerClaimNumber, '26079000123');
  assert.equal(c.noticeDate, '2026-03-20');
  assert.deepEqual(c.adjustments, [{ group: 'CO', reason: '50', amountCents: 25000 }]);
  assert.deepEqual(c.remarks, ['N115']);
  assert.equal(c.lines.length, 1);
  assert.deepEqual(c.denials, [{ adjustments: [{ group: 'CO', reason: '50', amountCents: 25000 }], remarks: ['N115'] }]);
  const line = deniedLineText(c, c.denials[0]);
  assert.equal(line, 'denied 2026-03-20 CO-50 remark N115 ref 26079000123');
  assert.deepEqual(lineParses(line), []);
});

test('the CLP segment is the claim span, the SVC segment the line span', () => {
  const text = x12(group(transaction([deniedClaim])));
  const c = read835(text).claims[0];
  assert.match(text.slice(c.at.start, c.at.end), /^CLP\*TPI-1\*4\*250\*0\*\*12\*26079000123$/);
  assert.equal(text.slice(c.lines[0].at.start, c.lines[0].at.end), 'SVC*HC:20552*250*0**1');
});

test('one line paid and one denied: a line denial on 96372 with its LQ remark', () => {
  const r = read835(x12(group(transaction([lineDenied]))));
  assert.deepEqual(r.problems, []);
  const c = claimById(r, 'TPI-2');
  assert.equal(c.paidCents, 12000);
  assert.equal(c.patientCents, 3000);
  assert.deepEqual(
    c.lines.map((l) => [l.code, l.modifiers, l.chargeCents, l.paidCents]),
    [
      ['20553', ['LT'], 25000, 12000],
      ['96372', [], 5000, 0],
    ],
  );
  assert.deepEqual(c.lines[0].adjustments, [
    { group: 'CO', reason: '45', amountCents: 10000 },
    { group: 'PR', reason: '2', amountCents: 3000 },
  ]);
  assert.deepEqual(c.lines[1].remarks, ['M15']);
  assert.deepEqual(c.denials, [{ adjustments: [{ group: 'CO', reason: '97', amountCents: 5000 }], remarks: ['M15'], on: '96372' }]);
  const line = deniedLineText(c, c.denials[0]);
  assert.equal(line, 'denied 2026-03-20 CO-97 remark M15 ref 26079000124 on 96372');
  assert.deepEqual(lineParses(line), []);
});

test('a claim paid with only PR-1 and PR-2 gives no denial; a claim paid in full neither', () => {
  const full = [
    ['CLP', 'TPI-4', '1', '250', '250', '0', '12', 'X9'],
    ['SVC', ['HC', '20552'], '250', '250', '', '1'],
  ];
  const r = read835(x12(group(transaction([paidWithPatientShare, full]))));
  assert.deepEqual(r.problems, []);
  const c = claimById(r, 'TPI-3');
  assert.deepEqual(c.adjustments, [
    { group: 'PR', reason: '1', amountCents: 8000 },
    { group: 'PR', reason: '2', amountCents: 2000 },
  ]);
  assert.deepEqual(c.denials, []);
  assert.deepEqual(claimById(r, 'TPI-4').denials, []);
});

test('PR-1, PR-2, PR-3 are never denials: a line paid 0 to the deductible is none, and they drop out of a denial', () => {
  const r = read835(
    x12(
      group(
        transaction([
          [
            ['CLP', 'TPI-5', '1', '300', '50', '250', '12', 'R5'],
            ['SVC', ['HC', '20552'], '250', '0', '', '1'],
            ['CAS', 'PR', '1', '250'],
            ['SVC', ['HC', '99213', '25'], '50', '50', '', '1'],
          ],
          [
            ['CLP', 'TPI-6', '4', '300', '0', '20', '12', 'R6'],
            ['CAS', 'PR', '3', '20'],
            ['CAS', 'CO', '50', '280'],
          ],
          [
            ['CLP', 'TPI-7', '4', '300', '0', '300', '12', 'R7'],
            ['CAS', 'PR', '1', '300'],
          ],
        ]),
      ),
    ),
  );
  assert.deepEqual(claimById(r, 'TPI-5').denials, []);
  assert.deepEqual(claimById(r, 'TPI-6').adjustments.length, 2);
  assert.deepEqual(claimById(r, 'TPI-6').denials, [{ adjustments: [{ group: 'CO', reason: '50', amountCents: 28000 }], remarks: [] }]);
  assert.deepEqual(claimById(r, 'TPI-7').denials, []);
  assert.ok(r.problems.some((p) => p.message === 'claim TPI-7: denied without an adjustment reason'));
});

test('a denied claim (CLP02 4) without claim-level CAS takes the distinct line adjustments and remarks', () => {
  const r = read835(
    x12(
      group(
        transaction([
          [
            ['CLP', 'TPI-8', '4', '300', '0', '', '12', 'R8'],
            ['SVC', ['HC', '20552'], '250', '0', '', '1'],
            ['CAS', 'CO', '16', '250'],
            ['LQ', 'HE', 'N290'],
            ['SVC', ['HC', '96372'], '50', '0', '', '1'],
            ['CAS', 'CO', '016', '40', '', '197', '10'],
            ['LQ', 'HE', 'N290'],
          ],
          [['CLP', 'TPI-9', '4', '300', '0', '', '12', 'R9']],
        ]),
      ),
    ),
  );
  const c = claimById(r, 'TPI-8');
  assert.deepEqual(c.denials, [
    {
      adjustments: [
        { group: 'CO', reason: '16', amountCents: 29000 },
        { group: 'CO', reason: '197', amountCents: 1000 },
      ],
      remarks: ['N290'],
    },
  ]);
  assert.equal(deniedLineText(c, c.denials[0]), 'denied 2026-03-20 CO-16, CO-197 remark N290 ref R8');
  assert.deepEqual(lineParses(deniedLineText(c, c.denials[0])), []);
  // denied with no adjustment at all: a problem on its CLP, no denial
  assert.deepEqual(claimById(r, 'TPI-9').denials, []);
  const p = r.problems.find((x) => x.message === 'claim TPI-9: denied without an adjustment reason');
  assert.ok(p);
  assert.deepEqual(p.at, claimById(r, 'TPI-9').at);
});

test('a claim paid 0 with status 1 and a non-PR adjustment is a claim denial', () => {
  const r = read835(
    x12(
      group(
        transaction([
          [
            ['CLP', 'TPI-10', '1', '250', '0', '', '12', 'R10'],
            ['CAS', 'OA', '18', '250'],
          ],
        ]),
      ),
    ),
  );
  assert.deepEqual(claimById(r, 'TPI-10').denials, [{ adjustments: [{ group: 'OA', reason: '18', amountCents: 25000 }], remarks: [] }]);
});

test('CAS with several triplets: each reason and amount an adjustment; 050 is reason 50; decimals to cents', () => {
  const r = read835(
    x12(
      group(
        transaction([
          [
            ['CLP', 'TPI-11', '4', '1000.5', '0', '0.05', '12', 'R11'],
            ['CAS', 'CO', '050', '95', '', '45', '10.5', '1', 'b7', '.25', '', '4', '1.999', '', '0097', '3', '', '251', '7.10'],
          ],
        ]),
      ),
    ),
  );
  assert.deepEqual(r.problems, []);
  const c = claimById(r, 'TPI-11');
  assert.equal(c.chargeCents, 100050);
  assert.equal(c.patientCents, 5);
  assert.deepEqual(c.adjustments, [
    { group: 'CO', reason: '50', amountCents: 9500 },
    { group: 'CO', reason: '45', amountCents: 1050 },
    { group: 'CO', reason: 'B7', amountCents: 25 },
    { group: 'CO', reason: '4', amountCents: 200 },
    { group: 'CO', reason: '97', amountCents: 300 },
    { group: 'CO', reason: '251', amountCents: 710 },
  ]);
  const line = deniedLineText(c, c.denials[0]);
  assert.equal(line, 'denied 2026-03-20 CO-50, CO-45, CO-B7, CO-4, CO-97, CO-251 ref R11');
  assert.deepEqual(lineParses(line), []);
});

test('CAS*CO*50*95**45*10 is two adjustments', () => {
  const r = read835(
    x12(
      group(
        transaction([
          [
            ['CLP', 'TPI-12', '4', '105', '0', '', '12', 'R12'],
            ['CAS', 'CO', '50', '95', '', '45', '10'],
          ],
        ]),
      ),
    ),
  );
  assert.deepEqual(claimById(r, 'TPI-12').adjustments, [
    { group: 'CO', reason: '50', amountCents: 9500 },
    { group: 'CO', reason: '45', amountCents: 1000 },
  ]);
});

test('two transactions in two groups: each its claims, each its notice date', () => {
  const text = x12([
    ...group(transaction([deniedClaim], { control: '0001' }), transaction([lineDenied], { control: '0002', dtm405: '20260401' })),
    ...group(transaction([paidWithPatientShare], { control: '0003', payer: 'OTHER PAYER' })),
  ]);
  const r = read835(text);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.claims.map((c) => [c.id, c.noticeDate, c.denials.length]),
    [
      ['TPI-1', '2026-03-20', 1],
      ['TPI-2', '2026-04-01', 1],
      ['TPI-3', '2026-03-20', 0],
    ],
  );
  assert.equal(r.payer, 'ACME PPO');
});

test('the notice date: DTM*405 when there is one, else BPR16', () => {
  const r = read835(
    x12(
      group(
        transaction([deniedClaim], { control: '0001', dtm405: '20260320', bpr16: '20260325' }),
        transaction([lineDenied], { control: '0002', dtm405: '', bpr16: '20260325' }),
      ),
    ),
  );
  assert.equal(claimById(r, 'TPI-1').noticeDate, '2026-03-20');
  assert.equal(claimById(r, 'TPI-2').noticeDate, '2026-03-25');
  const c = claimById(r, 'TPI-2');
  assert.equal(deniedLineText(c, c.denials[0]), 'denied 2026-03-25 CO-97 remark M15 ref 26079000124 on 96372');
  // neither: a problem for the claim with a denial, and deniedLineText refuses
  const none = read835(x12(group(transaction([deniedClaim], { dtm405: '', bpr16: '' }))));
  assert.equal(none.claims[0].noticeDate, undefined);
  assert.ok(none.problems.some((p) => /TPI-1: no notice date/.test(p.message)));
  assert.throws(() => deniedLineText(none.claims[0], none.claims[0].denials[0]), /no notice date/);
});

test('other separators on one line (| > !) read the same', () => {
  const sep = { element: '|', component: '>', repetition: '!', segment: '~', breaks: '' };
  const text = x12(group(transaction([deniedClaim, lineDenied])), sep);
  assert.ok(!text.includes('\n') && text.includes('SVC|HC>20553>LT|'));
  assert.equal(tokenize(text).separators.element, '|');
  const r = read835(text);
  const star = read835(x12(group(transaction([deniedClaim, lineDenied]))));
  assert.deepEqual(r.problems, []);
  const strip = (res) => res.claims.map(({ at: _a, lines, ...c }) => ({ ...c, lines: lines.map(({ at: _b, ...l }) => l) }));
  assert.deepEqual(strip(r), strip(star));
  assert.deepEqual(
    r.claims.flatMap((c) => c.denials.map((d) => deniedLineText(c, d))),
    ['denied 2026-03-20 CO-50 remark N115 ref 26079000123', 'denied 2026-03-20 CO-97 remark M15 ref 26079000124 on 96372'],
  );
  const c = r.claims[1];
  assert.equal(text.slice(c.lines[0].at.start, c.lines[0].at.end), 'SVC|HC>20553>LT|250|120||1');
});

test('CRLF line breaks between segments change nothing', () => {
  const text = x12(group(transaction([lineDenied])), { ...STAR, breaks: '\r\n' });
  const r = read835(text);
  assert.deepEqual(r.problems, []);
  assert.equal(r.claims[0].denials[0].on, '96372');
});

test('bad input gives problems, never an exception', () => {
  const good = x12(group(transaction([deniedClaim, lineDenied])));
  const noIsa = read835('ST*835*0001~CLP*X*4*1*0~SE*3*0001~');
  assert.deepEqual(noIsa.claims, []);
  assert.ok(noIsa.problems.some((p) => p.message === 'no ISA segment'));
  for (const input of ['', 'hello', 'ISA*', good.slice(0, 50)]) {
    const r = read835(input);
    assert.ok(r.problems.length > 0, JSON.stringify(input));
    assert.deepEqual(r.claims, []);
  }
  // cut in the middle of the second claim: the first comes back, and the cut is a problem
  const cut = good.slice(0, good.indexOf('CAS*CO*97') + 5);
  const r = read835(cut);
  assert.equal(r.claims[0].id, 'TPI-1');
  assert.equal(r.claims[0].denials.length, 1);
  assert.ok(r.problems.some((p) => /after the last segment terminator/.test(p.message)));
  assert.ok(r.problems.some((p) => /has no SE/.test(p.message)));
  assert.ok(r.problems.some((p) => /no IEA/.test(p.message)));
  // every prefix of the file: no exception
  for (let n = 0; n <= good.length; n += 7) assert.doesNotThrow(() => read835(good.slice(0, n)));
});

test('non-numeric amounts and bad codes are problems with their element span', () => {
  const text = x12(
    group(
      transaction([
        [
          ['CLP', 'TPI-13', '4', 'abc', 'zero', '', '12', 'R-13'],
          ['CAS', 'XX', '50', '10'],
          ['CAS', 'CO', '50', 'ten'],
          ['MOA', '', '', 'N115', 'bad!'],
          ['SVC', ['HC', '20552'], '1,00', '0', '', '1'],
        ],
        [
          ['CLP', 'TPI-14', '1', '250', 'n/a', '', '12', 'R14'],
          ['CAS', 'CO', '45', '10'],
        ],
      ]),
    ),
  );
  const r = read835(text);
  const messages = r.problems.map((p) => p.message);
  for (const m of [
    'CLP03 abc is not an amount (the claim charge)',
    'CLP04 zero is not an amount (the claim payment)',
    'CAS01 XX is not a claim adjustment group (CO, PR, OA, PI, CR)',
    'CAS03 ten is not an amount (the CO-50 adjustment)',
    'MOA04 bad! is not a remark code (one or two letters and 1 to 3 digits)',
    'SVC02 1,00 is not an amount (the line charge)',
    'CLP07 R-13: not 1 to 50 letters and digits, so not a ClaimNote ref (left out)',
  ]) {
    assert.ok(messages.includes(m), `${m}\n${messages.join('\n')}`);
  }
  const p = r.problems.find((x) => x.message.startsWith('CLP03'));
  assert.equal(text.slice(p.at.start, p.at.end), 'abc');
  const c = claimById(r, 'TPI-13');
  assert.deepEqual(c.remarks, ['N115']);
  // still denied (CLP02 4); the unusable ref is left out of the line
  assert.equal(deniedLineText(c, c.denials[0]), 'denied 2026-03-20 CO-50 remark N115');
  // an unknown payment is not read as a payment of 0: no denial from it
  assert.deepEqual(claimById(r, 'TPI-14').denials, []);
});

test('a reversal (CLP02 22) gives no denial; a transaction that is not an 835 is skipped with a problem', () => {
  const r = read835(
    x12([
      ...group(
        transaction([
          [
            ['CLP', 'TPI-15', '22', '-250', '0', '', '12', 'R15'],
            ['CAS', 'CO', '50', '-250'],
          ],
        ]),
      ),
      ['GS', 'HC', 'A', 'B', '20260320', '1200', '2', 'X', '005010X222A1'],
      ['ST', '837', '0009', '005010X222A1'],
      ['CLP', 'NOT-ME', '4', '1', '0'],
      ['SE', '3', '0009'],
      ['GE', '1', '2'],
    ]),
  );
  assert.deepEqual(
    r.claims.map((c) => c.id),
    ['TPI-15'],
  );
  assert.equal(r.claims[0].chargeCents, -25000);
  assert.deepEqual(r.claims[0].denials, []);
  assert.ok(r.problems.some((p) => p.message === 'ST01 837: not an 835 remittance (skipped)'));
});

test('deniedLineText deduplicates and its lines parse cleanly with remarks, ref and on together', () => {
  const claim = { id: 'C', status: '4', noticeDate: '2026-03-20', payerClaimNumber: '26079000123' };
  const denial = {
    adjustments: [
      { group: 'CO', reason: '50', amountCents: 1 },
      { group: 'CO', reason: '50', amountCents: 2 },
    ],
    remarks: ['N115', 'N115', 'M25'],
    on: '20552',
  };
  const line = deniedLineText(claim, denial);
  assert.equal(line, 'denied 2026-03-20 CO-50 remark N115, M25 ref 26079000123 on 20552');
  assert.deepEqual(lineParses(line), []);
  // the check itself can fail: a malformed line has errors
  assert.notDeepEqual(lineParses('denied 2026-03-20 CO-5000 on 20552'), []);
});
