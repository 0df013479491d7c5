// Helpers for the rule tests of every family (test/unit/rules-*.test.mjs): where a finding is,
// and the docs/rules.md "Fixes" promise checked by applying a fix and checking the workspace again
// (one fix at a time, or every fix of a family on the shared corpus).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { applyEdits, check, RULES_BY_ID, uriOf, workspace } from '../helpers.mjs';

/** @typedef {import('../../server/src/rules/ids.js').RuleId} RuleId (a typo in a test's rule id fails the type check) */

/** Every finding of every document of a service. */
export const all = (s) => [...s.findingsByUri().values()].flat();
/** The findings of rule `code`. @param {any[]} findings @param {RuleId} code */
export const of = (findings, code) => findings.filter((f) => f.code === code);
/** The findings `code` of `text` checked alone as a.claim. @param {string} text @param {RuleId} code */
export const only = (text, code) => of(check(text), code);
/** A `policy <id>` block holding `lines`, each indented, after a blank line. */
export const policy = (id, ...lines) => `\npolicy ${id}\n${lines.map((l) => '  ' + l + '\n').join('')}`;

/** 0-based index of the `n`-th line (0-based n) of `text` that contains `marker`. */
export function lineOf(text, marker, n = 0) {
  const lines = text.split(/\r?\n/);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i].includes(marker) && seen++ === n) return i;
  throw new Error(`no line ${n} containing ${JSON.stringify(marker)}`);
}

/**
 * Asserts that `f` covers exactly `token` on line `line` of `text`, at the token's `n`-th
 * occurrence on that line (columns in UTF-16 code units, as LSP counts them).
 */
export function assertAt(f, text, line, token, n = 0) {
  assert.ok(f, `expected a finding at ${token}`);
  const src = text.split(/\r?\n/)[line];
  let ch = -1;
  for (let k = 0; k <= n; k++) ch = src.indexOf(token, ch + 1);
  assert.ok(ch >= 0, `token ${token} not on line ${line}: ${src}`);
  assert.deepEqual(f.range, { start: { line, character: ch }, end: { line, character: ch + token.length } }, `${f.code} range`);
}

/** Asserts that `f` starts at line/character (where the rule reports, as its docs/rules.md entry says). */
export function assertStart(f, line, character) {
  assert.ok(f, 'expected a finding');
  assert.deepEqual(f.range.start, { line, character }, `${f.code} starts at ${line}:${character}`);
}

/**
 * Applies fix `fixIndex` (or the fix whose title matches `title`) of the first finding `code`
 * in file `name` that `match` accepts, checks the workspace again and asserts docs/rules.md
 * "Fixes": the diagnostic is gone, no `syntax` diagnostic appeared, and no diagnostic of the
 * same rule appeared that was not there before (compared by file and message, as a multiset).
 * `placeholder: true` (missing-field, muscles-missing...: exempt from that promise) asserts
 * instead that the fix is not preferred and inserts text holding a visible placeholder (`<...>`).
 * @param {string | Record<string, string>} files
 * @param {string | undefined} name
 * @param {RuleId} code
 * @param {{ match?: (f: any) => boolean, fixIndex?: number, title?: string | RegExp, settings?: object, placeholder?: boolean }} [options]
 */
export function assertFix(files, name, code, { match = () => true, fixIndex = 0, title, settings, placeholder = false } = {}) {
  if (typeof files === 'string') {
    files = { [name ?? 'a.claim']: files };
    name = name ?? 'a.claim';
  }
  const before = all(workspace(files, settings));
  const target = before.find((f) => f.code === code && f.uri === uriOf(name) && match(f));
  assert.ok(target, `no ${code} to fix in ${name}`);
  const fx = title ? target.fixes.find((x) => (title instanceof RegExp ? title.test(x.title) : x.title === title)) : target.fixes[fixIndex];
  assert.ok(fx, `${code} has no fix ${title ?? fixIndex}: ${target.fixes.map((x) => x.title).join(' | ')}`);
  const text = applyEdits(files[name], fx.edits);
  assert.notEqual(text, files[name], 'the fix changes the text');
  const after = all(workspace({ ...files, [name]: text }, settings));
  const key = (f) => `${f.uri}|${f.message}`;
  if (placeholder) {
    assert.ok(!fx.isPreferred, 'a placeholder fix is never preferred');
    assert.match(fx.edits.map((e) => e.newText).join(''), /<[^>]+>/, 'the inserted line holds a visible placeholder');
    return { text, fix: fx, target, before, after };
  }
  const syntaxBefore = of(before, 'syntax').map(key);
  for (const f of of(after, 'syntax')) {
    const i = syntaxBefore.indexOf(key(f));
    assert.ok(i >= 0, `the fix "${fx.title}" introduced a syntax error: ${f.message}\n---\n${text}`);
    syntaxBefore.splice(i, 1);
  }
  const pool = of(before, code)
    .filter((f) => f !== target)
    .map(key);
  for (const f of of(after, code)) {
    const i = pool.indexOf(key(f));
    assert.ok(i >= 0, `the fix "${fx.title}" introduced or kept ${code}: ${f.message}\n---\n${text}`);
    pool.splice(i, 1);
  }
  return { text, fix: fx, target, before, after };
}

/** Applies every fix of the first `code` finding in turn (each on the original text). */
export function assertEveryFix(files, name, code, options = {}) {
  if (typeof files === 'string') {
    files = { [name ?? 'a.claim']: files };
    name = name ?? 'a.claim';
  }
  const before = all(workspace(files, options.settings));
  const target = before.find((f) => f.code === code && f.uri === uriOf(name) && (options.match ?? (() => true))(f));
  assert.ok(target, `no ${code} in ${name}`);
  assert.ok(target.fixes.length > 0, `${code} has no fix`);
  return target.fixes.map((_, i) => assertFix(files, name, code, { ...options, fixIndex: i }));
}

/**
 * docs/rules.md "Fixes" for every fix of every finding of `family` on the shared corpus
 * (test/fixtures/corpus/*.claim, one workspace): each fix, applied alone, adds no `syntax`
 * diagnostic (counted) and leaves no diagnostic of the rule that was not there before (by file
 * and message, as a multiset). Codes in `exempt` (placeholder-inserting fixes) are skipped.
 * Asserts the corpus has at least one fix of the family. `corpus` names another fixture
 * workspace (`corpus-billing`).
 */
export function fixPromiseOnCorpus(family, { exempt = [], corpus = 'corpus' } = {}) {
  const dir = new URL(`../fixtures/${corpus}/`, import.meta.url);
  const files = Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n.endsWith('.claim'))
      .map((n) => [n, readFileSync(new URL(n, dir), 'utf8')]),
  );
  const skip = new Set(exempt);
  const before = all(workspace(files));
  let tried = 0;
  for (const target of before) {
    if (RULES_BY_ID.get(target.code)?.family !== family || skip.has(target.code)) continue;
    const name = Object.keys(files).find((n) => uriOf(n) === target.uri);
    for (const fx of target.fixes) {
      tried++;
      const text = applyEdits(files[name], fx.edits);
      const after = all(workspace({ ...files, [name]: text }));
      assert.equal(of(after, 'syntax').length, of(before, 'syntax').length, `${target.code} "${fx.title}" adds a syntax error`);
      const pool = of(before, target.code)
        .filter((f) => f !== target)
        .map((f) => `${f.uri}|${f.message}`);
      for (const f of of(after, target.code)) {
        const i = pool.indexOf(`${f.uri}|${f.message}`);
        assert.ok(i >= 0, `${target.code} "${fx.title}" in ${name} leaves or adds: ${f.message}`);
        pool.splice(i, 1);
      }
    }
  }
  assert.ok(tried > 0, 'the corpus has fixes of this family');
}
