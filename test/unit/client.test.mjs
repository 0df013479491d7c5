// The extension's modules that do not need VS Code (client/src/ruleDocs.ts, example.ts,
// codeLensTooltip.ts), and the
// contributed snippets and walkthrough example checked by the language service itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RULES, workspace } from '../helpers.mjs';
import { loadTsModule } from '../support/ts-module.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { parseRulesDoc, openRuleLink, ruleOfDocsLink, countsText, summaryMessage, OPEN_RULE_COMMAND } =
  loadTsModule('client/src/ruleDocs.ts');
const { EXAMPLE_CLAIM } = loadTsModule('client/src/example.ts');
const { withTooltip, withTooltips } = loadTsModule('client/src/codeLensTooltip.ts');
const snippets = JSON.parse(readFileSync(join(root, 'snippets/claimnote.json'), 'utf8'));

test('the rule picker reads every rule of docs/rules.md: id, family, default severity, summary, heading line', () => {
  const text = readFileSync(join(root, 'docs/rules.md'), 'utf8');
  const docs = parseRulesDoc(text);
  assert.deepEqual(
    docs.map((d) => [d.id, d.family, d.severity, d.summary]),
    RULES.map((r) => [r.id, r.family, r.severity, r.summary]),
  );
  const lines = text.split('\n');
  for (const d of docs) assert.equal(lines[d.line], `### \`${d.id}\``);
});

test("the server's documentation link of every diagnostic maps to its rule; the command link carries the id", () => {
  const docsBase = pathToFileURL(join(root, 'docs/rules.md')).href;
  const s = workspace({ 'a.claim': EXAMPLE_CLAIM }, { docsBase });
  const diags = s.doValidation('file:///ws/a.claim');
  assert.ok(diags.length >= 4);
  for (const d of diags) assert.equal(ruleOfDocsLink(d.codeDescription.href), d.code);
  assert.equal(ruleOfDocsLink('https://example.invalid/other.md#units'), undefined);
  for (const r of RULES) {
    const link = openRuleLink(r.id);
    const m = /^command:([\w.]+)\?(.*)$/.exec(link);
    assert.equal(m[1], OPEN_RULE_COMMAND);
    assert.deepEqual(JSON.parse(decodeURIComponent(m[2])), [r.id]);
  }
});

test('the status text and the Check Workspace sentence count in words', () => {
  const s = { files: 1, claims: 1, policies: 0, errors: 1, warnings: 0, infos: 2, hints: 0 };
  assert.equal(countsText(s), '1 claim, 1 error, 0 warnings');
  assert.equal(summaryMessage(s), 'ClaimNote checked 1 .claim file, 1 claim, 0 policies: 1 error, 0 warnings, 2 infos.');
  assert.equal(
    summaryMessage({ ...s, files: 2, claims: 3, policies: 1, errors: 0, infos: 0 }),
    'ClaimNote checked 2 .claim files, 3 claims, 1 policy: no problems.',
  );
});

/** A snippet's text with every placeholder at its default (the first choice) and the date variables set. */
function expand(body) {
  return body
    .join('\n')
    .replace(/\$CURRENT_YEAR/g, '2026')
    .replace(/\$CURRENT_MONTH/g, '04')
    .replace(/\$CURRENT_DATE/g, '01')
    .replace(/\$\{\d+\|([^,|]+)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

test('the claim snippet, as inserted, is a claim without errors; the policy snippet defines a policy without errors', () => {
  const claim = expand(snippets['Trigger point injection claim'].body);
  const policy = expand(snippets['Payer policy'].body);
  const prior = expand(snippets['Prior session'].body);
  const text = claim.replace(/\n$/, '') + '\n  ' + prior + '\n\n' + policy;
  const s = workspace({ 'new.claim': text });
  const errors = s.findings('file:///ws/new.claim').filter((f) => f.severity === 'error' || f.code === 'syntax');
  assert.deepEqual(
    errors.map((f) => `${f.code}: ${f.message}`),
    [],
  );
  assert.equal(s.summary().claims, 1);
  assert.equal(s.summary().policies, 1);
});

test("the walkthrough's example has the problems its steps name; the policy step clears unknown-payer", () => {
  const uri = 'untitled:Untitled-1';
  const codes = (text) =>
    workspace({ [uri]: text })
      .findings(uri)
      .map((f) => f.code)
      .sort();
  const named = ['laterality-missing', 'modifier-50', 'muscle-count', 'units', 'unknown-payer'];
  assert.deepEqual(codes(EXAMPLE_CLAIM), named);
  const media = readFileSync(join(root, 'walkthrough/see-problems.md'), 'utf8');
  for (const c of named) assert.ok(media.includes(`\`${c}\``), `see-problems.md names ${c}`);
  const withPolicy = `${EXAMPLE_CLAIM}\n${expand(snippets['Payer policy'].body)}`;
  assert.deepEqual(
    codes(withPolicy),
    named.filter((c) => c !== 'unknown-payer'),
  );
});

test("code lenses: the tooltip the server sends as the argument becomes the command's tooltip, as vscode-languageclient 9 converted them", () => {
  const s = workspace({ 'a.claim': EXAMPLE_CLAIM.replace(/payer\s+\S+/, 'payer medicare') });
  const lenses = s.getCodeLenses('file:///ws/a.claim');
  assert.ok(lenses.length >= 2);
  // what vscode-languageclient 9's converter keeps of a command: title, command, arguments
  const converted = lenses.map((l) => ({
    range: l.range,
    command: { title: l.command.title, command: l.command.command, arguments: l.command.arguments },
  }));
  const out = withTooltips(converted);
  assert.deepEqual(
    out.map((l) => l.command.tooltip),
    lenses.map((l) => l.command.tooltip),
  );
  for (const l of out) assert.ok(l.command.tooltip.length > 10, l.command.title);
  assert.equal(withTooltips(undefined), undefined);
  assert.equal(withTooltips(null), null);
  // a tooltip already set (a client that keeps LSP 3.18's) is kept; a lens without one is left alone
  assert.equal(
    withTooltip({ command: { title: 't', command: '', tooltip: 'own', arguments: [{ tooltip: 'arg' }] } }).command.tooltip,
    'own',
  );
  assert.equal(withTooltip({ command: { title: 't', command: 'x', arguments: ['not an object'] } }).command.tooltip, undefined);
  assert.deepEqual(withTooltip({ range: 1 }), { range: 1 });
});
