// Completion (docs/editor-features.md): keywords per block, codes, modifiers valid for the line, ICD-10-CM by
// prefix and by description, pointer letters, muscles with sides, payers, snippets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, visible, labels, cursor } from '../features-helpers.mjs';
import { workspace, uriOf, parseDocument } from '../helpers.mjs';

const full = (i) => `${i.detail} ${typeof i.documentation === 'string' ? i.documentation : (i.documentation?.value ?? '')}`;

const CLAIM = `claim C-1
  patient P-1 Jane Doe
  payer medicare
  date 2026-04-01
  diagnosis A M79.12
  diagnosis B G44.209
  muscles right upper trapezius, right rhomboid major
`;

/** Completion at the marker, the items an editor shows for what is typed. */
function shown(marked, others, options) {
  const { list, text, position } = complete(marked, others, options);
  return { list, items: visible(list, text, position) };
}

describe('completion: line keywords', () => {
  test('in a claim: claim keywords, without the unique lines already written', () => {
    const { items } = shown(CLAIM + '  |');
    const ls = labels(items);
    for (const k of ['line', 'diagnosis', 'muscles', 'drug', 'pos', 'provider', 'auth', 'exam', 'prior'])
      assert.ok(ls.includes(k), `missing ${k}`);
    for (const k of ['patient', 'payer', 'date']) assert.ok(!ls.includes(k), `${k} is already written`);
    for (const k of ['limit', 'rate', 'covers']) assert.ok(!ls.includes(k), `${k} is a policy keyword`);
    assert.ok(ls.indexOf('line') < ls.indexOf('claim'), 'lines of the block before a new block');
  });

  test('a unique keyword is offered again on its own line', () => {
    const { items } = shown(CLAIM.replace('  payer medicare', '  pay|er medicare'));
    assert.ok(labels(items).includes('payer'));
    assert.deepEqual(
      items.find((i) => i.label === 'payer').textEdit.range,
      { start: { line: 2, character: 2 }, end: { line: 2, character: 7 } },
      'replaces the whole word',
    );
  });

  test('a prefix filters: `di` offers diagnosis', () => {
    assert.deepEqual(labels(shown(CLAIM + '  di|').items), ['diagnosis']);
  });

  test('in a policy: policy keywords; rate and flags once, limit again', () => {
    const ls = labels(shown('policy acme\n  rate 120%\n  limit 4 per 30 days\n  requires-auth\n  |').items);
    for (const k of ['limit', 'interval', 'covers', 'excludes', 'single-region']) assert.ok(ls.includes(k), `missing ${k}`);
    for (const k of ['rate', 'requires-auth', 'patient', 'line']) assert.ok(!ls.includes(k), `${k} must not be offered`);
  });

  test('before the first block: only claim, policy and practice (and their snippets)', () => {
    assert.deepEqual(labels(shown('# a comment\n|').items), [
      'claim',
      'policy',
      'practice',
      'claim (new claim)',
      'policy (new payer policy)',
      'practice (new billing provider)',
    ]);
  });

  test('a keyword is inserted with a space; flags without; the retrigger command when asked', () => {
    const { items } = shown('policy acme\n  |', {}, { retrigger: 'editor.action.triggerSuggest' });
    const limit = items.find((i) => i.label === 'limit');
    assert.equal(limit.textEdit.newText, 'limit ');
    assert.equal(limit.command.command, 'editor.action.triggerSuggest');
    const flag = items.find((i) => i.label === 'single-region');
    assert.equal(flag.textEdit.newText, 'single-region');
    assert.equal(flag.command, undefined);
  });

  test('nothing inside a comment or in free text', () => {
    assert.equal(complete(CLAIM + '  # li|').list.items.length, 0);
    assert.equal(complete(CLAIM + '  exam taut band li|').list.items.length, 0);
    assert.equal(complete(CLAIM + '  line 20552 dx A # pa|').list.items.length, 0);
  });
});

describe('completion: snippets', () => {
  const resolve = (snippet) =>
    snippet
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$0/g, '');

  test('a new claim: every line a TPI claim needs, the workspace payers as a choice, visible placeholders', () => {
    const { items } = shown('cl|', { 'p.claim': 'policy acme-ppo\n  rate 150%\n' });
    const snip = items.find((i) => i.label === 'claim (new claim)');
    assert.ok(snip, 'claim snippet offered');
    assert.equal(snip.insertTextFormat, 2);
    assert.match(snip.textEdit.newText, /payer \$\{3\|medicare,acme-ppo\|\}/);
    const text = resolve(snip.textEdit.newText);
    const file = parseDocument('file:///s.claim', text);
    const claim = file.blocks[0];
    assert.equal(claim.kind, 'claim');
    for (const k of ['payer', 'diagnoses', 'lines', 'muscles', 'drugs'])
      assert.ok(claim[k] && (claim[k].length ?? 1) > 0, `snippet has ${k}`);
    for (const k of ['symptoms', 'exam', 'tried', 'technique', 'response'])
      assert.equal(claim.texts.filter((t) => t.kw === k).length, 1, `snippet has ${k}`);
    // a placeholder left in place is an error the checker shows, never silently valid data
    const s = workspace({ 's.claim': text });
    const codes = s.findings(uriOf('s.claim')).map((f) => f.code);
    assert.ok(codes.includes('syntax'), `placeholders are errors: ${codes}`);
  });

  test('a new policy names a payer that claims use but no policy defines', () => {
    const { items } = shown('po|', { 'b.claim': 'claim X\n  payer zeta-hmo\n' });
    const snip = items.find((i) => i.label === 'policy (new payer policy)');
    assert.match(snip.textEdit.newText, /^policy \$\{1\|zeta-hmo\|\}/);
    const text = resolve(snip.textEdit.newText);
    const p = parseDocument('file:///p.claim', text).blocks[0];
    assert.equal(p.kind, 'policy');
    assert.equal(p.limits.length, 1);
    assert.equal(p.rate.percent, 100);
  });

  test('no snippets for a client without snippet support', () => {
    const { items } = shown('|', {}, { snippets: false });
    assert.deepEqual(labels(items), ['claim', 'policy', 'practice']);
  });
});

describe('completion: codes and modifiers', () => {
  test('`2055` offers 20552 and 20553 with what each counts', () => {
    const { items } = shown(CLAIM + '  line 2055|');
    const ls = labels(items);
    assert.ok(ls.includes('20552') && ls.includes('20553'));
    assert.ok(
      ls.every((l) => l.startsWith('2055')),
      `only codes starting 2055: ${ls}`,
    );
    assert.match(items.find((i) => i.label === '20552').detail, /one or two muscles/);
    assert.match(items.find((i) => i.label === '20553').detail, /three or more muscles/);
    assert.match(items.find((i) => i.label === '20553').documentation.value, /not the AMA descriptor/);
  });

  test("the code the claim's muscle count calls for is preselected and first", () => {
    const two = shown(CLAIM + '  line 2055|').items;
    assert.equal(two[0].label, '20552');
    assert.equal(two[0].preselect, true);
    assert.equal(two[0].labelDetails.description, 'this claim counts 2 muscles');
    assert.match(full(two[0]), /one or two muscles \(this claim counts 2 muscles\)/);
    const three = shown(CLAIM.replace('rhomboid major', 'rhomboid major, right levator scapulae') + '  line 2055|').items;
    assert.equal(three[0].label, '20553');
    assert.equal(three[0].preselect, true);
  });

  test("CRLF and CR line breaks: the cursor's line is found", () => {
    for (const br of ['\r\n', '\r']) {
      const { list, text, position } = complete((CLAIM + '  line 2055|\n').replace(/\n/g, br));
      assert.deepEqual(
        labels(visible(list, text.replace(/\r\n?/g, '\n'), position)),
        ['20552', '20553', '20550', '20551'],
        JSON.stringify(br),
      );
    }
  });

  test('J codes by prefix', () => {
    assert.deepEqual(labels(shown(CLAIM + '  line j33|').items), ['J3301']);
  });

  test('TPI line: RT and LT first, never 50 or 25; the side of the muscles preselected', () => {
    const items = shown(CLAIM + '  line 20552 mod |').items;
    assert.deepEqual(labels(items).slice(0, 2), ['RT', 'LT']);
    assert.equal(items[0].preselect, true, 'every muscle is on the right');
    for (const m of ['50', '25']) assert.ok(!labels(items).includes(m), `${m} is wrong on a TPI line`);
    const left = shown(CLAIM.replace(/right/g, 'left') + '  line 20552-|').items;
    assert.deepEqual(labels(left).slice(0, 2), ['LT', 'RT']);
    assert.match(left[0].detail, /left side/);
  });

  test('TPI line: no 59/X without a procedure line; no second side; nothing after four modifiers', () => {
    const ls = labels(shown(CLAIM + '  line 20552 mod RT,|').items);
    for (const m of ['LT', 'RT', '59', 'XS']) assert.ok(!ls.includes(m), `${m} must not be offered`);
    const withProc = labels(shown(CLAIM + '  line 20610 dx A\n  line 20552 mod RT,|').items);
    assert.ok(withProc.includes('XS') && withProc.includes('59'));
    const withX = labels(shown(CLAIM + '  line 20610 dx A\n  line 20552 mod XS,|').items);
    assert.ok(!withX.includes('59'), '59 never with an X modifier');
    assert.deepEqual(labels(shown(CLAIM + '  line 20552 mod RT,GA,KX,76,| dx A').items), []);
  });

  test('E/M line: 25 first and preselected', () => {
    const items = shown(CLAIM + '  line 99213-|').items;
    assert.equal(items[0].label, '25');
    assert.equal(items[0].preselect, true);
    assert.match(full(items[0]), /separately identifiable/);
  });

  test('after a part: the parts not used yet; after a modifier and a space, the next part first', () => {
    assert.deepEqual(labels(shown(CLAIM + '  line 20552 |').items), ['mod', 'units', 'dx', 'charge']);
    const after = shown(CLAIM + '  line 20552 mod RT dx A |').items;
    assert.deepEqual(labels(after), ['units', 'charge', 'B'], 'the parts left, then more pointers (`dx A B`)');
    const next = shown(CLAIM + '  line 20552 mod RT |').items;
    assert.deepEqual(labels(next).slice(0, 3), ['units', 'dx', 'charge']);
  });

  test('pointer letters defined in the claim after dx, not those already on the line', () => {
    const items = shown(CLAIM + '  line 20552 dx |').items;
    assert.deepEqual(labels(items), ['A', 'B']);
    assert.match(items[0].detail, /M79\.12/);
    assert.deepEqual(labels(shown(CLAIM + '  line 20552 dx A,|').items), ['B']);
    assert.deepEqual(labels(shown(CLAIM + '  line 20552 dx B |').items.filter((i) => i.label.length === 1)), ['A']);
  });
});

describe('completion: ICD-10-CM', () => {
  test('`M79.1` offers M79.10, M79.11, M79.12, M79.18 and never M79.1', () => {
    const { list, items } = shown(CLAIM + '  diagnosis C M79.1|');
    assert.deepEqual(labels(items), ['M79.10', 'M79.11', 'M79.12', 'M79.18']);
    assert.ok(!list.items.some((i) => i.label === 'M79.1'));
    assert.equal(list.isIncomplete, true, 'filtered on the server: asked again as the user types');
    assert.match(items[2].detail, /auxiliary muscles, head and neck/);
  });

  test("the M79.1 code that fits the claim's muscles is preselected and says so, as the light bulb prefers it", () => {
    const fitting = (muscles) =>
      shown(CLAIM.replace(/muscles .*/, muscles) + '  diagnosis C M79.1|')
        .items.filter((i) => i.preselect)
        .map((i) => [i.label, i.detail]);
    assert.deepEqual(fitting('muscles right upper trapezius, right rhomboid major'), [['M79.18', "Fits this claim's muscles"]]);
    const m7918 = shown(CLAIM + '  diagnosis C M79.1|').items.find((i) => i.label === 'M79.18');
    assert.equal(m7918.documentation, 'Supports a trigger point injection.');
    assert.equal(m7918.labelDetails.description, 'Myalgia, other site');
    assert.deepEqual(
      fitting('muscles left masseter').map(([l]) => l),
      ['M79.11'],
    );
    assert.deepEqual(
      fitting('muscles left scalene anterior, left splenius capitis').map(([l]) => l),
      ['M79.12'],
    );
    assert.deepEqual(fitting('muscles left deep thing'), [], 'no catalogue muscle: nothing preselected');
    // in a policy's covers list there are no muscles
    assert.ok(!shown('policy acme\n  covers M79.1|').items.some((i) => i.preselect));
  });

  test('written as typed: dotted when the user types the dot, without it when not', () => {
    assert.equal(shown(CLAIM + '  diagnosis C M79.1|').items[0].textEdit.newText, 'M79.10');
    assert.equal(shown(CLAIM + '  diagnosis C m791|').items[0].textEdit.newText, 'M7910');
  });

  test('from the full list (codes the project does not describe), capped at 100 and marked incomplete', () => {
    const s16 = shown(CLAIM + '  diagnosis C S16.1X|').items;
    assert.ok(labels(s16).includes('S16.1XXA') && labels(s16).includes('S16.1XXS'));
    const m = complete(CLAIM + '  diagnosis C M|').list;
    assert.equal(m.items.length, 100);
    assert.equal(m.isIncomplete, true);
    assert.ok(m.items.every((i) => i.label.startsWith('M')));
  });

  test('by words of the description for the codes the project describes', () => {
    const t = shown(CLAIM + '  diagnosis C tension|').items;
    assert.deepEqual(labels(t), ['G44.201', 'G44.209', 'G44.211', 'G44.219', 'G44.221', 'G44.229']);
    assert.equal(t[0].textEdit.newText, 'G44.201');
    assert.deepEqual(labels(shown(CLAIM + '  diagnosis C fibro|').items), ['M79.7']);
  });

  test('an empty code offers the described codes, TPI-supporting first, no header', () => {
    const items = complete(CLAIM + '  diagnosis C |').list.items;
    assert.equal(items[0].label, 'M79.10');
    assert.ok(!items.some((i) => i.label === 'M79.1' || i.label === 'G44.20'));
  });

  test('in covers and excludes lists, the entry after the comma', () => {
    const { items } = shown('policy acme\n  covers M79.10, M79.1|');
    assert.deepEqual(labels(items), ['M79.10', 'M79.11', 'M79.12', 'M79.18']);
    assert.equal(items[0].textEdit.range.start.character, 17);
  });

  test('fast: a prefix search over 74,000 codes', () => {
    const { text, position } = cursor(CLAIM + '  diagnosis C S|');
    const s = workspace({ 'a.claim': text });
    s.getCompletions(uriOf('a.claim'), position); // loads the code table once
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) s.getCompletions(uriOf('a.claim'), position);
    const per = (performance.now() - t0) / 200;
    assert.ok(per < 5, `${per.toFixed(2)} ms per completion`);
  });

  test('diagnosis letters: the letters not yet used, the first preselected', () => {
    const items = shown(CLAIM + '  diagnosis |').items;
    assert.equal(items[0].label, 'C');
    assert.equal(items[0].preselect, true);
    assert.ok(!labels(items).includes('A') && !labels(items).includes('B'));
  });
});

describe('completion: muscles, payers, patients', () => {
  test('muscle names with sides after `muscles`', () => {
    const ls = labels(shown(CLAIM + '  muscles |').items);
    for (const m of [
      'left upper trapezius',
      'right upper trapezius',
      'bilateral upper trapezius',
      'upper trapezius',
      'left quadratus lumborum',
    ])
      assert.ok(ls.includes(m), `missing ${m}`);
    assert.deepEqual(labels(shown(CLAIM + '  muscles lef|').items.slice(0, 2)), ['left temporalis', 'left masseter']);
    assert.deepEqual(labels(shown(CLAIM + '  muscles left levat|').items), ['levator scapulae']);
    assert.deepEqual(labels(shown(CLAIM + '  muscles levat|').items), ['levator scapulae'], 'no side: the plain name');
  });

  test('after a side, the names; after a separator, a new item', () => {
    const side = shown(CLAIM + '  muscles right levat|').items;
    assert.deepEqual(labels(side), ['levator scapulae']);
    assert.equal(side[0].textEdit.range.start.character, 16, 'only the name is replaced');
    const r = shown(CLAIM + '  muscles L |').items;
    assert.ok(labels(r).includes('levator scapulae'));
    assert.equal(r[0].textEdit.range.start.character, 12, 'the name after the side');
    const second = shown(CLAIM + '  muscles right rhomboid major and right levat|').items;
    assert.deepEqual(labels(second), ['levator scapulae']);
    assert.equal(second[0].textEdit.range.start.character, '  muscles right rhomboid major and right '.length);
    const third = shown(CLAIM + '  muscles right rhomboid major; lef|').items;
    assert.ok(labels(third).includes('left piriformis'));
    assert.equal(third[0].textEdit.range.start.character, '  muscles right rhomboid major; '.length, 'the new item, after the separator');
  });

  test('muscles on a prior line, after the code', () => {
    assert.deepEqual(labels(shown(CLAIM + '  prior 2026-01-02 20552 left pirif|').items), ['piriformis']);
    assert.ok(labels(shown(CLAIM + '  prior 2026-01-02 20552 |').items).includes('bilateral piriformis'));
    assert.ok(labels(shown(CLAIM + '  prior 2026-01-02 2055|').items).includes('20553'));
  });

  test('payer: the workspace policies and medicare', () => {
    const items = shown('claim C-2\n  payer |', { 'b.claim': 'policy acme-ppo "Acme PPO"\n  rate 120%\n' }).items;
    assert.deepEqual(labels(items), ['medicare', 'acme-ppo']);
    assert.equal(items[1].detail, 'Acme PPO');
    assert.match(items[0].detail, /built in/);
    // a user policy medicare replaces the built-in one
    const own = shown('claim C-2\n  payer |', { 'b.claim': 'policy medicare "Our Medicare"\n  rate 100%\n' }).items;
    assert.deepEqual(labels(own), ['medicare']);
    assert.equal(own[0].detail, 'Our Medicare');
  });

  test('policy id: payers that claims name without a policy', () => {
    assert.deepEqual(
      labels(shown('policy |', { 'b.claim': 'claim X\n  payer zeta\n', 'c.claim': 'policy acme\nclaim Y\n  payer acme\n' }).items),
      ['zeta', 'medicare'],
    );
  });

  test('patient ids from the workspace, with their names', () => {
    const items = shown('claim C-2\n  patient |', { 'b.claim': CLAIM }).items;
    assert.deepEqual(labels(items), ['P-1']);
    assert.equal(items[0].textEdit.newText, 'P-1 Jane Doe');
  });

  test('places of service, 11 first; policy limit units', () => {
    const pos = shown(CLAIM + '  pos |').items;
    assert.equal(pos[0].label, '11');
    assert.match(full(pos.find((i) => i.label === '02')), /no trigger point injections by telehealth/);
    assert.deepEqual(labels(shown('policy x\n  limit 3 per 12 |').items), ['days', 'weeks', 'months', 'years']);
    assert.deepEqual(labels(shown('policy x\n  interval 6 |').items), ['days', 'weeks']);
  });
});

describe('completion details read: short, plain, whole in the documentation', () => {
  // VS Code's details pane breaks a long detail anywhere, even inside a word ("thr ee or more muscles")
  const contexts = [
    'claim C\n  |',
    'claim C\n  line |',
    'claim C\n  line 20552-|',
    'claim C\n  line 99213-|',
    'claim C\n  line 20552 |',
    'claim C\n  diagnosis A M79.1|',
    'claim C\n  diagnosis A tens|',
    'claim C\n  pos |',
    'claim C\n  drug |',
    'claim C\n  muscles |',
    'claim C\n  prior 2026-01-01 |',
    'policy p\n  |',
    'policy p\n  limit 3 per 12 |',
    '|',
    CLAIM + '  line 2055|',
  ];
  test('every detail is at most 60 characters with no backtick; a longer text is whole in the documentation', () => {
    let long = 0;
    for (const c of contexts) {
      for (const item of complete(c).list.items) {
        if (!item.detail) continue;
        assert.ok(item.detail.length <= 60, `${c}: ${item.label}: ${item.detail}`);
        assert.doesNotMatch(item.detail, /`/, `${item.label}: ${item.detail}`);
        if (
          item.detail.endsWith('…') ||
          (typeof item.documentation === 'object' &&
            item.documentation.value.startsWith(item.detail) &&
            item.documentation.value.length > item.detail.length + 2)
        )
          long++;
      }
    }
    assert.ok(long > 0);
    const [t53] = complete('claim C\n  line 20553|').list.items.filter((i) => i.label === '20553');
    assert.equal(t53.detail, 'Trigger point injection(s) into three or more muscles');
    const [gz] = complete('claim C\n  line 20552-|').list.items.filter((i) => i.label === 'GZ');
    assert.match(gz.detail, /^item or service expected to be denied as not reasonable and…$/);
    assert.match(gz.documentation.value, /^item or service expected to be denied as not reasonable and necessary, no waiver on file/);
  });

  test('every ICD-10-CM item the project describes shows its description beside it; others show none', () => {
    const items = complete('claim C\n  diagnosis A M79.1|').list.items;
    assert.deepEqual(
      items.map((i) => [i.label, i.labelDetails?.description]),
      [
        ['M79.10', 'Myalgia, unspecified site'],
        ['M79.11', 'Myalgia of mastication muscle'],
        ['M79.12', 'Myalgia of auxiliary muscles, head and neck'],
        ['M79.18', 'Myalgia, other site'],
      ],
    );
    const undescribed = complete('claim C\n  diagnosis A M62.8|').list.items.find((i) => i.label === 'M62.81');
    assert.ok(undescribed, 'M62.81 offered');
    assert.equal(undescribed.labelDetails, undefined);
    assert.equal(undescribed.detail, undefined);
  });
});
