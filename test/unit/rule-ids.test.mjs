// Rule ids are typed constants (server/src/rules/ids.ts): every id there has exactly one rule in
// the registry, in the same order (the order of docs/rules.md), and nothing else has a rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lib } from '../helpers.mjs';

test('the rule ids and the registry list the same rules, in the same order', () => {
  assert.deepEqual(
    lib.RULES.map((r) => r.id),
    [...lib.RULE_IDS],
  );
  assert.equal(new Set(lib.RULE_IDS).size, lib.RULE_IDS.length, 'no id twice');
});
