// package.json as VS Code reads it: the settings' schema against the rule registry and the
// settings module, and the commands, walkthrough and snippets it contributes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../helpers.mjs';
import { rulesSetting, withRulesSetting, SEVERITIES } from '../../scripts/gen-settings.mjs';
import { loadSettingsModule } from '../support/ts-module.mjs';
import { inlineImages, SOURCE, OUT } from '../../scripts/marketplace-readme.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgText = readFileSync(join(root, 'package.json'), 'utf8');
const pkg = JSON.parse(pkgText);
const { parseSettings, SEVERITY_SETTINGS } = loadSettingsModule();

test('the severities of the settings module and of the package.json schema are the same', () => {
  assert.deepEqual([...SEVERITY_SETTINGS], SEVERITIES);
});

test("package.json: claimnote.rules offers exactly the registry's rule ids, each with the severities (run `npm run settings`)", () => {
  const schema = pkg.contributes.configuration.properties['claimnote.rules'];
  assert.deepEqual(
    Object.keys(schema.properties),
    RULES.map((r) => r.id),
  );
  assert.equal(schema.additionalProperties, false, 'an unknown rule id is flagged in settings.json');
  for (const r of RULES) {
    const p = schema.properties[r.id];
    assert.deepEqual(p.enum, SEVERITIES, r.id);
    assert.ok(
      p.markdownDescription.includes(r.summary) && p.markdownDescription.includes(`**${r.severity}**`),
      `${r.id} is described by its default and summary`,
    );
  }
  assert.deepEqual(schema, rulesSetting(RULES));
  assert.equal(withRulesSetting(pkgText, RULES), pkgText, 'package.json is current');
});

test('package.json: every setting the server reads is contributed, with the same default', () => {
  const props = pkg.contributes.configuration.properties;
  const defaults = parseSettings(undefined).settings;
  assert.equal(props['claimnote.fees.qualifyingApm'].default, defaults.fees.qualifyingApm);
  assert.equal(props['claimnote.codeLens.enabled'].default, defaults.codeLens.enabled);
  assert.equal(props['claimnote.inlayHints.enabled'].default, defaults.inlayHints.enabled);
  assert.deepEqual(props['claimnote.rules'].default, defaults.rules);
  for (const [key, p] of Object.entries(props)) {
    assert.ok(p.description || p.markdownDescription, `${key} has a description`);
  }
});

const extensionSource = readFileSync(join(root, 'client/src/extension.ts'), 'utf8');
const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('!'))
  .map((l) => l.slice(1));
/** Whether the .vscodeignore allow-list ships `file` (exact names and `dir/**` patterns). */
const shipped = (file) => ignore.some((p) => p === file || (p.endsWith('/**') && file.startsWith(p.slice(0, -2))));

test('package.json: every contributed command is registered by the extension, and every registered one is contributed', () => {
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  const registered = [...extensionSource.matchAll(/registerCommand\((?:'([^']+)'|(OPEN_RULE_COMMAND))/g)]
    .map((m) => m[1] ?? 'claimnote.openRuleDocumentation')
    .sort();
  assert.deepEqual(registered, contributed);
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'ClaimNote', c.command);
  const hidden = pkg.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command);
  assert.ok(
    hidden.every((id) => id.startsWith('claimnote.walkthrough.')),
    "only the walkthrough's helpers are hidden from the palette",
  );
});

test("package.json: the walkthrough's steps have shipped markdown media and completion events; its command links exist", () => {
  const [w] = pkg.contributes.walkthroughs;
  assert.ok(w.steps.length >= 4);
  const commands = new Set(pkg.contributes.commands.map((c) => c.command));
  for (const step of w.steps) {
    const media = step.media.markdown;
    assert.ok(existsSync(join(root, media)), `${step.id}: ${media} exists`);
    assert.ok(shipped(media), `${step.id}: ${media} is packaged`);
    assert.ok(step.completionEvents?.length, `${step.id} has completion events`);
    for (const [, id] of step.description.matchAll(/\(command:([\w.]+)/g)) {
      if (id.startsWith('claimnote.')) assert.ok(commands.has(id), `${step.id} links to ${id}`);
    }
  }
  assert.deepEqual(w.steps.map((s) => s.id).slice(0, 4), ['openExample', 'seeProblems', 'fixProblem', 'payerPolicy']);
});

test("package.json: the icon, the snippets and the details page's README with its pictures and documents are packaged", () => {
  assert.ok(shipped(pkg.icon));
  const png = readFileSync(join(root, pkg.icon));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'a 128x128 icon');
  for (const s of pkg.contributes.snippets) assert.ok(shipped(s.path.replace(/^\.\//, '')), s.path);
  assert.equal(/--readme-path (\S+)/.exec(pkg.scripts.package)?.[1], OUT, 'the details page shows the user-facing README');
  assert.match(pkg.scripts.package, /node scripts\/marketplace-readme\.mjs && vsce package/);
  const readme = readFileSync(join(root, SOURCE), 'utf8');
  assert.doesNotMatch(readme, /npm (install|ci)/, 'the user-facing README, not the developer one');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  assert.ok(images.length, 'the README shows a picture');
  for (const src of images) assert.ok(existsSync(join(root, src)), `${src} exists`);
  const inlined = inlineImages(readme);
  assert.doesNotMatch(
    inlined,
    /!\[[^\]]*\]\((?!data:image\/png;base64,)/,
    'every picture is inlined (the details page loads data: and https: images only)',
  );
  const docs = [...readme.matchAll(/[^!]\[[^\]]*\]\(([^)#\s]+)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
  for (const l of docs) assert.ok(existsSync(join(root, l)) && shipped(l), `${l} (linked from the README) is packaged`);
  for (const doc of ['docs/LANGUAGE.md', 'docs/editor-features.md', 'docs/rules.md']) assert.ok(shipped(doc), doc);
});

test('package.json: trust and virtual workspaces are declared', () => {
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  assert.ok(pkg.capabilities.virtualWorkspaces.description.length > 20);
});
