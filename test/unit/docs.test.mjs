// The rule docs and the README table are generated from the registry: they must be current,
// and every rule must carry its documentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, RULES_BY_ID, lib, workspace, uriOf } from '../helpers.mjs';
import { renderRulesDoc, renderRulePage, withTable, referenceSections } from '../../scripts/gen-docs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('docs/rules.md is generated from the current registry (run `npm run docs`)', () => {
  assert.equal(readFileSync(join(root, 'docs', 'rules.md'), 'utf8'), renderRulesDoc(RULES));
});

test('docs/rules/ holds a page for every rule, generated from the current registry, and nothing else', () => {
  const dir = join(root, 'docs', 'rules');
  assert.deepEqual(readdirSync(dir).sort(), RULES.map((r) => `${r.id}.md`).sort());
  for (const r of RULES) {
    const page = readFileSync(join(dir, `${r.id}.md`), 'utf8');
    assert.equal(page, renderRulePage(r), r.id);
    // the page says what the rule's section of docs/rules.md says, with its links one folder up
    const all = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
    const section = all.slice(all.indexOf(`<a id="${r.id}"></a>`)).split(/\n(?=<a id=|## )/)[0];
    const body = section.slice(section.indexOf('Default severity:')).trimEnd();
    assert.ok(page.includes(body.replace(/\]\((reference|LANGUAGE)\.md/g, '](../$1.md')), `${r.id}: the page has its section`);
  }
});

test('the README rule table is generated from the current registry (run `npm run docs`)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.equal(readme, withTable(readme, RULES));
});

test('every rule is registered exactly once, with its documentation', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  assert.equal(ids.length, 78);
  for (const r of RULES) {
    assert.match(r.id, /^[a-z0-9-]+$/);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(r.severity), r.id);
    for (const k of ['summary', 'why', 'source', 'fixes']) assert.ok(r[k] && r[k].length > 3, `${r.id} lacks ${k}`);
    assert.ok(
      [
        'file',
        'block',
        'claim',
        'policy',
        'practice',
        'denials',
        'claimInWorkspace',
        'patientPayer',
        'sameDay',
        'sameId',
        'workspace',
      ].some((k) => typeof r[k] === 'function'),
      `${r.id} has no check`,
    );
  }
});

// ---------------------------------------------------------------- sources and the reference
// The project states its facts in docs/reference.md and names the real sources: nothing it
// ships may point a user to the contract's files (not in the repository, not on a user's
// machine) or to an issue number.
const CONTRACT_FILES = ['RULES', 'REFERENCE', 'INTERCHANGE'].map((n) => `${n}.md`);
const ISSUE_NUMBER = [/\bissues? ?#?\d+/i, /\(#\d+\)/];

/** What `text` cites that it must not, as `what` descriptions. */
function forbiddenCitations(text) {
  const found = CONTRACT_FILES.filter((f) => text.includes(f));
  for (const re of ISSUE_NUMBER) {
    const m = text.match(re);
    if (m) found.push(m[0]);
  }
  return found;
}

function filesUnder(dir) {
  const out = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'out' && e.name !== 'node_modules') out.push(...filesUnder(rel));
    } else out.push(rel);
  }
  return out;
}

const SHIPPED_DOCS = ['docs/rules.md', 'docs/reference.md', 'docs/LANGUAGE.md', 'docs/editor-features.md', 'README.md'];

test("no source file and no shipped doc cites the contract's files or an issue number", () => {
  const files = [...filesUnder('server/src'), ...filesUnder('client/src'), ...SHIPPED_DOCS];
  assert.ok(files.length > 40, `${files.length} files`);
  const bad = files.map((f) => [f, forbiddenCitations(readFileSync(join(root, f), 'utf8'))]).filter(([, found]) => found.length);
  assert.deepEqual(bad, []);
});

test('the forbidden-citation check catches what it is meant to catch', () => {
  assert.deepEqual(forbiddenCitations('see RULES.md "Fixes"'), ['RULES.md']);
  assert.deepEqual(forbiddenCitations('_Source: REFERENCE.md "Fees"._'), ['REFERENCE.md']);
  assert.deepEqual(forbiddenCitations('Editor features (issue 5)'), ['issue 5']);
  assert.deepEqual(forbiddenCitations('fixed in (#12)'), ['(#12)']);
  assert.deepEqual(forbiddenCitations('docs/reference.md#fees, docs/LANGUAGE.md, tender point #3, M79.1 issued'), []);
});

/** anchor -> heading of docs/reference.md's sections. */
const reference = referenceSections(readFileSync(join(root, 'docs', 'reference.md'), 'utf8'));
const citedAnchors = (text) => [...text.matchAll(/docs\/reference\.md#([a-z0-9-]+)/g)].map((m) => m[1]);

test('docs/reference.md: every section has a stable anchor and a source', () => {
  const text = readFileSync(join(root, 'docs', 'reference.md'), 'utf8');
  const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual([...reference.values()], headings, 'every ## section follows an <a id> anchor');
  assert.ok(reference.size >= 15, `${reference.size} sections`);
  for (const [anchor, heading] of reference) {
    const body = text.split(`<a id="${anchor}"></a>`)[1].split('<a id=')[0];
    if (['how-sure', 'catalogues', 'payer-policies', 'language'].includes(anchor)) continue; // about ClaimNote itself
    assert.match(body, /\nSources?: /, `section ${heading} names its source`);
  }
  assert.doesNotMatch(text, /confidence|\((H|M|L)\)/, 'how sure a fact is is said in words');
});

test('the section names the server shows are the headings of docs/reference.md', () => {
  // server/src/data/reference.ts holds them as `anchor: 'Heading'` entries (or "Heading" when it has an apostrophe)
  const src = readFileSync(join(root, 'server', 'src', 'data', 'reference.ts'), 'utf8');
  const entries = [...src.matchAll(/^\s+'?([a-z0-9-]+)'?: (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"),$/gm)].map(
    (m) => /** @type {[string, string]} */ ([m[1], m[2] !== undefined ? m[2].replace(/\\'/g, "'") : m[3]]),
  );
  assert.deepEqual(new Map(entries), reference);
});

test('every rule names its sources and cites at least one section of docs/reference.md that exists', () => {
  for (const r of RULES) {
    assert.ok(r.source.trim().length > 10, `${r.id} has a source`);
    const anchors = citedAnchors(r.source);
    assert.ok(anchors.length, `${r.id} cites a section of docs/reference.md: ${r.source}`);
    for (const a of anchors) assert.ok(reference.has(a), `${r.id} cites docs/reference.md#${a}, which does not exist`);
  }
});

test('every link of the shipped docs to docs/reference.md or docs/rules.md lands on an anchor that exists', () => {
  const rules = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');
  const rulesAnchors = new Set([...rules.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((m) => m[1]));
  assert.equal(rulesAnchors.size, RULES.length + 5, 'one anchor per rule and per general section');
  let links = 0;
  for (const f of SHIPPED_DOCS) {
    const text = readFileSync(join(root, f), 'utf8');
    for (const m of text.matchAll(/\]\((?:docs\/)?(reference|rules)\.md#([a-z0-9-]+)\)/g)) {
      links++;
      assert.ok((m[1] === 'reference' ? reference : rulesAnchors).has(m[2]), `${f} links to ${m[1]}.md#${m[2]}, which does not exist`);
    }
  }
  const toReference = [...rules.matchAll(/\]\(reference\.md#([a-z0-9-]+)\)/g)];
  assert.ok(toReference.length >= RULES.length, 'every rule of docs/rules.md links its source to the reference');
  assert.ok(links > 2 * RULES.length, `${links} links`);
});

test('the hovers of the headline example name real sources and link to sections that exist', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const example = readme.split('```claimnote\n')[1].split('```')[0];
  const headline =
    'claim H-1\n  patient P-1\n  payer medicare\n  date 2026-04-01\n  diagnosis A M79.1\n  line 20552 mod 50 units 2 dx A\n' +
    '  muscles left upper trapezius, left levator scapulae, left rhomboid major\n  drug lidocaine 1% 2 mL\n';
  for (const docsBase of [undefined, 'file:///ext/docs/rules.md']) {
    const s = workspace({ 'a.claim': example, 'b.claim': headline }, docsBase ? { docsBase } : undefined);
    let hovers = 0,
      sources = 0;
    for (const [name, text] of [
      ['a.claim', example],
      ['b.claim', headline],
    ]) {
      text.split('\n').forEach((line, l) => {
        for (let c = 0; c < line.length; c++) {
          const h = s.doHover(uriOf(name), { line: l, character: c })?.contents.value;
          if (!h) continue;
          hovers++;
          assert.deepEqual(forbiddenCitations(h), [], `${name}:${l + 1}:${c + 1}: ${h}`);
          assert.doesNotMatch(h, /\(confidence|\((H|M|L)\)|[\s(]docs\/reference\.md#/, `${name}:${l + 1}:${c + 1}: ${h}`);
          for (const m of h.matchAll(/\[ClaimNote reference: ([^\]]+)\]\(file:\/\/\/ext\/docs\/reference\.md#([a-z0-9-]+)\)/g)) {
            sources++;
            assert.equal(reference.get(m[2]), m[1], `${m[0]} names the section it links to`);
          }
          for (const m of h.matchAll(/ClaimNote reference, "([^"]+)"/g)) {
            sources++;
            assert.ok([...reference.values()].includes(m[1]), m[0]);
          }
          for (const m of h.matchAll(/\]\(file:\/\/\/ext\/docs\/rules\.md#([a-z0-9-]+)\)/g)) assert.ok(RULES_BY_ID.has(m[1]), m[0]);
        }
      });
    }
    assert.ok(hovers > 150, `${hovers} hovers`);
    assert.ok(sources > 100, `${sources} sources cited`);
  }
});

test('docs/denials.md lists every reason ClaimNote explains, with the findings of its map', () => {
  const { REASONS } = lib;
  const text = readFileSync(join(root, 'docs', 'denials.md'), 'utf8');
  for (const [code, reason] of Object.entries(REASONS)) {
    const row = text.split('\n').find((l) => new RegExp(`^\\| (?:[0-9, ]*\\b)?${code.toUpperCase()}\\b`).test(l));
    assert.ok(row, `reason ${code} has a row`);
    for (const id of reason.explainedBy) assert.ok(row.includes(`\`${id}\``), `reason ${code}: ${id}`);
  }
});
