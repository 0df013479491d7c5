// The rule docs and the README table are generated from the registry: they must be current,
// and every rule must carry its documentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../helpers.mjs';
import { renderRulesDoc, withTable } from '../../scripts/gen-docs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('docs/rules.md is generated from the current registry (run `npm run docs`)', () => {
  assert.equal(readFileSync(join(root, 'docs', 'rules.md'), 'utf8'), renderRulesDoc(RULES));
});

test('the README rule table is generated from the current registry (run `npm run docs`)', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.equal(readme, withTable(readme, RULES));
});

test('every rule is registered exactly once, with its documentation', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  assert.equal(ids.length, 63);
  for (const r of RULES) {
    assert.match(r.id, /^[a-z0-9-]+$/);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(r.severity), r.id);
    for (const k of ['summary', 'why', 'source', 'fixes']) assert.ok(r[k] && r[k].length > 3, `${r.id} lacks ${k}`);
    assert.ok(['file', 'block', 'claim', 'policy', 'claimInWorkspace', 'patientPayer', 'sameDay', 'sameId', 'workspace'].some((k) => typeof r[k] === 'function'), `${r.id} has no check`);
  }
});
