// Generates docs/rules.md, a page per rule (docs/rules/<id>.md) and the README's rule table from
// the rule registry, so they cannot drift from the code. `npm run docs` writes them;
// test/unit/docs.test.mjs checks them.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** anchor -> heading of every section of docs/reference.md (`<a id="x"></a>` then `## Heading`). */
export function referenceSections(text = readFileSync(join(root, 'docs', 'reference.md'), 'utf8')) {
  const sections = new Map();
  for (const m of text.matchAll(/<a id="([a-z0-9-]+)"><\/a>\s*\n\s*## ([^\n]+)/g)) sections.set(m[1], m[2].trim());
  return sections;
}

/** A rule's source as docs/rules.md shows it: each `docs/reference.md#x` a link to that section. */
export function linkSource(source, sections = referenceSections(), up = '') {
  return source
    .replace(/docs\/reference\.md#([a-z0-9-]+)/g, (_m, a) => `[reference: ${sections.get(a) ?? a}](${up}reference.md#${a})`)
    .replace(/docs\/LANGUAGE\.md/g, `[LANGUAGE.md](${up}LANGUAGE.md)`);
}

/** What every rule relies on, before the rules themselves: anchors `terms`, `recovery`, `one-root-cause`, `ga-gz`, `fixes`. */
export const GENERAL = [
  '## How the rules work',
  '',
  '<a id="terms"></a>',
  '',
  '### Terms',
  '',
  '- A **TPI line** bills 20552 or 20553; a **TPI claim** has at least one. Each TPI claim with a valid date is one',
  '  **session** of its patient with its payer on that date. A claim whose date, patient or payer is missing or',
  '  invalid takes no part in the session rules.',
  '- For `frequency-limit` and `repeat-interval`, `prior` lines add earlier sessions, and one patient, payer and date',
  '  count as one session however many claims and `prior` lines show it. For the same-day rules (`same-day-limit`,',
  '  `repeat-session-unmarked`, `modifier-76`, `modifier-77`) every TPI claim is a session of its own and `prior`',
  '  lines take no part; `same-day-limit` compares sessions with the same payer, the others sessions with any payer.',
  '- An **E/M line** bills 99202-99205 or 99211-99215. A **procedure line** bills a code that is not E/M, not a TPI',
  '  code and not a HCPCS Level II code (a letter and four digits).',
  '- Two claims have the **same provider** when their `provider` NPIs are equal, or when either has no `provider` line.',
  '- Places of service 19, 21, 22, 23, 24 and 31 are **facility**, 02 and 10 **telehealth**, every other place',
  '  **non-facility** ([reference: Places of service](reference.md#place-of-service)).',
  "- A **catalogue muscle** is one of ClaimNote's catalogue ([reference: ClaimNote's catalogues](reference.md#catalogues)).",
  '  Matching ignores case, extra spaces, the side and a trailing `s`; the upper, middle or lower trapezius is the',
  '  trapezius. A muscle written without a side counts as a muscle of its own (`trapezius` and `left trapezius` are',
  '  two) and matches either side for `repeat-interval`. A **vague muscle** names a region rather than a muscle',
  '  (paraspinal, back, neck, shoulder, low back, upper back, lumbar, cervical, thoracic, muscle); any other item is',
  '  an **unknown muscle**, which still counts.',
  '- "First" and "second" follow the workspace order: file path, then line.',
  '',
  '<a id="recovery"></a>',
  '',
  '### Recovery',
  '',
  'A `line` whose code parses stays in its claim even when a later part of it is a `syntax` error: only the part',
  'that does not parse is dropped (a fifth modifier or pointer, a pointer letter outside A-L, `units two`), and the',
  'rest of the line counts. A line whose code does not parse is dropped, and so is any other line with a syntax',
  'error. A `dx` part without a single valid pointer is a syntax error, and the line is not taken for a line',
  'without `dx`.',
  '',
  '<a id="one-root-cause"></a>',
  '',
  '### One root cause, one diagnostic',
  '',
  '`dx-not-supported`, `dx-not-covered` and `dx-region-mismatch` judge a TPI line only when it points to at least',
  'one defined diagnosis and none of the diagnoses it points to has an `icd-*` error. `dx-not-covered` is not',
  'reported where `dx-not-supported` is. Where `same-day-limit` is reported for a session, `repeat-session-unmarked`,',
  '`modifier-76` and `modifier-77` are not.',
  '',
  '<a id="ga-gz"></a>',
  '',
  '### GA and GZ',
  '',
  'On a TPI line that carries GA or GZ (a waiver of liability is on file, or a denial is expected), `dx-not-covered`,',
  '`frequency-limit` and `repeat-interval` are reported as info ([reference: GA, GZ and the advance beneficiary',
  'notice](reference.md#ga-gz)). A severity set for a rule in `claimnote.rules` replaces its default, this downgrade',
  'included.',
  '',
  '<a id="fixes"></a>',
  '',
  '### Fixes',
  '',
  'Applying a fix removes its own diagnostic and never introduces a `syntax` error or another diagnostic of the same',
  'rule; it may reveal a diagnostic that the fixed problem was hiding (a replaced M79.1 can then be judged for',
  'coverage). Fixes that insert a line for you to complete (`missing-field`, `muscles-missing`, `auth-missing`,',
  '`doc-*`) insert the keyword and a visible placeholder to replace, are never preferred, and are exempt from that',
  'promise. **Fix all** (`source.fixAll.claimnote`) applies the preferred fixes only.',
  '',
];

export function renderRulesDoc(RULES, sections = referenceSections()) {
  const families = [...new Set(RULES.map((r) => r.family))];
  const out = [
    '# ClaimNote rules',
    '',
    'Generated from the rule registry (`server/src/rules/`) by `npm run docs`; do not edit by hand.',
    'Each diagnostic carries the rule id as its `code` and `claimnote` as its `source`. Severities are',
    "defaults: change them with the `claimnote.rules` setting or the CLI's `--rule id=severity`.",
    'Each rule names its sources; the facts behind them, with those sources, are in [reference.md](reference.md).',
    '',
    ...GENERAL,
  ];
  for (const family of families) {
    out.push(`## ${family}`, '');
    for (const r of RULES.filter((x) => x.family === family)) {
      out.push(`<a id="${r.id}"></a>`, '', `### \`${r.id}\``, '', ...ruleBody(r, sections, ''));
    }
  }
  return out.join('\n');
}

/** A rule's documentation under its heading; links to the other documents start with `up`. */
function ruleBody(r, sections, up) {
  const out = [
    `Default severity: **${r.severity}**${r.id === 'duplicate-field' ? ' (warning for `pos`, `provider`, `auth`, `rate`, `interval`)' : ''}.`,
    '',
    `**When:** ${r.summary}`,
    '',
    `**Why:** ${r.why}`,
    '',
    `**Source:** ${linkSource(r.source, sections, up)}.`,
    '',
  ];
  if (r.example) out.push('**Example:**', '', '```claimnote', ...r.example.split('\n'), '```', '');
  out.push(`**Fixes:** ${r.fixes}`, '');
  return out;
}

/**
 * One rule's page (docs/rules/<id>.md): what the editor opens for a rule, so that it shows the
 * rule from the top without scrolling to it (a preview scrolled to a heading can land elsewhere
 * when the page's styles come in late). The same text as its section of docs/rules.md.
 */
export function renderRulePage(r, sections = referenceSections()) {
  return [
    `# \`${r.id}\``,
    '',
    `Family: ${r.family}. [All the rules](../rules.md#${r.id}) · [How the rules work](../rules.md#terms) (the terms, the`,
    'recovery from syntax errors, what a fix promises). Generated from the rule registry by `npm run docs`.',
    '',
    ...ruleBody(r, sections, '../'),
  ].join('\n');
}

/** Writes docs/rules/<id>.md for every rule, and removes the pages of rules that are gone. */
export function writeRulePages(RULES, dir = join(root, 'docs', 'rules')) {
  mkdirSync(dir, { recursive: true });
  const sections = referenceSections();
  const wanted = new Set(RULES.map((r) => `${r.id}.md`));
  for (const name of readdirSync(dir)) if (!wanted.has(name)) rmSync(join(dir, name));
  for (const r of RULES) writeFileSync(join(dir, `${r.id}.md`), renderRulePage(r, sections));
}

export function renderRulesTable(RULES) {
  const rows = RULES.map(
    (r) => `| [\`${r.id}\`](docs/rules.md#${r.id}) | ${r.family} | ${r.severity} | ${r.summary.replace(/\|/g, '\\|')} |`,
  );
  return ['| rule | family | default | when |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export const START = '<!-- rules:start (generated by npm run docs) -->';
export const END = '<!-- rules:end -->';

export function withTable(readme, RULES) {
  const a = readme.indexOf(START),
    b = readme.indexOf(END);
  if (a < 0 || b < 0) throw new Error('README.md has no rules markers');
  return readme.slice(0, a + START.length) + '\n' + renderRulesTable(RULES) + '\n' + readme.slice(b);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { RULES } = require(join(root, 'server', 'out', 'service.js'));
  writeFileSync(join(root, 'docs', 'rules.md'), renderRulesDoc(RULES));
  writeRulePages(RULES);
  const readmePath = join(root, 'README.md');
  writeFileSync(readmePath, withTable(readFileSync(readmePath, 'utf8'), RULES));
  console.log(`docs/rules.md, docs/rules/<id>.md and the README table: ${RULES.length} rules`);
}
