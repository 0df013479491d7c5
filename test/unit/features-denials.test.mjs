// The editor on `denied` and `appealed` lines: hovers on an adjustment (its meaning, what on the
// claim explains it, the deadline and the days left counted from today), on a remark code and on
// the dates; completion of adjustments and of the claim's codes after `on`; the outline and the
// semantic tokens of a denial.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workspace, claim, uriOf } from '../helpers.mjs';

const A = uriOf('a.claim');
const today = new Date().toISOString().slice(0, 10);

function at(text, needle, offset = 1) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line].indexOf(needle) + offset };
}
const hover = (text, needle, offset) => workspace({ 'a.claim': text }).doHover(A, at(text, needle, offset))?.contents.value ?? '';

test('hover on an adjustment: its meaning, the finding that explains it, the deadline and the days left from today', () => {
  const text = claim({ line: 'line 20552 mod 50 dx A', denied: 'denied 2026-02-24 CO-4 remark N115 ref 26055000202 on 20552' });
  const h = hover(text, 'CO-4');
  assert.match(h, /CO-4 \(contractual obligation\): the code does not fit its modifier/);
  assert.match(h, /Explained on this claim by .*`modifier-50`/);
  assert.match(h, /Appeal by \*\*2026-06-29\*\* \(125 days after the notice\)/);
  assert.match(h, new RegExp(`today is ${today}`));
  assert.match(h, /reference\.md#denials|"Denials and appeals"/);
  assert.match(hover(text, 'N115'), /Remark code \*\*N115\*\*: ClaimNote has no description/);
  assert.match(hover(text, '2026-02-24'), /Denial notice of \*\*2026-02-24\*\*/);
});

test('hover on an appealed date says whether it was in time', () => {
  const text = claim({ denied: 'denied 2026-01-20 CO-50', appealed: 'appealed 2026-06-15' });
  assert.match(hover(text, '2026-06-15'), /146 days after the notice of 2026-01-20: late \(the deadline was 2026-05-25\)/);
  const ok = claim({ denied: 'denied 2026-01-20 CO-50', appealed: 'appealed 2026-02-01' });
  assert.match(hover(ok, '2026-02-01'), /in time/);
});

test('completion after the date offers adjustments with their meanings; after `on`, the claim’s codes', () => {
  const s = workspace({ 'a.claim': claim({ denied: 'denied 2026-02-24 ' }) });
  const text = claim({ denied: 'denied 2026-02-24 ' });
  const pos = at(text, 'denied 2026-02-24 ', 'denied 2026-02-24 '.length);
  const items = s.getCompletions(A, pos).items;
  const co50 = items.find((i) => i.label === 'CO-50');
  assert.ok(co50, items.map((i) => i.label).join());
  assert.match(co50.detail, /not medically necessary/);
  assert.ok(
    items.some((i) => i.label === 'PR-' && /patient responsibility/.test(i.detail)),
    'the other group codes',
  );
  const pr = claim({ denied: 'denied 2026-02-24 PR-' });
  const prItems = workspace({ 'a.claim': pr }).getCompletions(A, at(pr, 'PR-', 3)).items;
  assert.ok(
    prItems.some((i) => i.label === 'PR-1' && /deductible/.test(i.detail)),
    prItems.map((i) => i.label).join(),
  );
  const withOn = claim({ line: ['line 20552 mod RT dx A', 'line 96372 dx A'], denied: 'denied 2026-02-24 CO-97 on ' });
  const s2 = workspace({ 'a.claim': withOn });
  const codes = s2.getCompletions(A, at(withOn, 'on ', 3)).items.map((i) => i.label);
  assert.deepEqual(codes, ['20552', '96372']);
});

test('the outline lists a denial and an appeal; semantic tokens colour their parts', () => {
  const text = claim({ denied: 'denied 2026-02-24 CO-4 remark N115 ref 26055 on 20552', appealed: 'appealed 2026-03-01' });
  const s = workspace({ 'a.claim': text });
  const children = s.getDocumentSymbols(A)[0].children.map((c) => c.name);
  assert.ok(children.includes('Denied 2026-02-24 CO-4 on 20552'), children.join(' | '));
  assert.ok(children.includes('Appealed 2026-03-01'));
  const data = s.getSemanticTokens(A).data;
  const line = text.split('\n').findIndex((l) => l.includes('denied'));
  // decode (line, start, length, type) of the denied line
  let l = 0,
    c = 0;
  const tokens = [];
  for (let i = 0; i < data.length; i += 5) {
    l += data[i];
    c = data[i] ? data[i + 1] : c + data[i + 1];
    if (l === line) tokens.push(text.split('\n')[l].slice(c, c + data[i + 2]));
  }
  for (const t of ['denied', '2026-02-24', 'CO-4', 'remark', 'N115', 'ref', '26055', 'on', '20552'])
    assert.ok(tokens.includes(t), `${t} in ${tokens}`);
});
