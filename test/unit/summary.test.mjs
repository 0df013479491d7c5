// ClaimNoteService.summary(): the counts the editor's language status item and "Check
// Workspace" show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workspace, claim } from '../helpers.mjs';

const policy = 'policy acme-ppo "Acme PPO"\n  limit 4 per 30 days\n';

test('files, claims, policies and findings by severity across the workspace', () => {
  const s = workspace({
    'clean.claim': claim({}, { id: 'A-1' }),
    'bad.claim': claim({ line: 'line 20552 mod 50 units 2 dx A', symptoms: null }, { id: 'B-1' }) + '\n' + policy,
  });
  const all = [...s.findingsByUri().values()].flat();
  const count = (sev) => all.filter((f) => f.severity === sev).length;
  const sum = s.summary();
  assert.deepEqual(sum, {
    files: 2,
    claims: 2,
    policies: 1,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    hints: count('hint'),
  });
  assert.ok(sum.errors >= 2, 'modifier-50 and units are errors');
  assert.ok(sum.infos >= 1, 'doc-symptoms is an info');
});

test('a rule turned off is not counted; a rule moved to hint counts as a hint', () => {
  const files = { 'bad.claim': claim({ line: 'line 20552 mod 50 units 2 dx A' }) };
  const before = workspace(files).summary();
  const after = workspace(files, { rules: { units: 'off', 'modifier-50': 'hint' } }).summary();
  assert.equal(after.errors, before.errors - 2);
  assert.equal(after.hints, before.hints + 1);
});

test('an empty workspace counts nothing', () => {
  assert.deepEqual(workspace({}).summary(), { files: 0, claims: 0, policies: 0, errors: 0, warnings: 0, infos: 0, hints: 0 });
});
