// The generated ICD-10-CM table is what scripts/derive-icd10.mjs makes of the committed copy of
// the source code list: regenerating it (into a temporary folder) gives the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const committed = join(root, 'server', 'src', 'data', 'generated', 'icd10cm.ts');

test('derive-icd10 on test/fixtures/icd10/icd10cm_codes_2026.txt reproduces server/src/data/generated/icd10cm.ts byte for byte', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-icd10-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'icd10cm.ts');
  const codes = join(root, 'test', 'fixtures', 'icd10', 'icd10cm_codes_2026.txt');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'derive-icd10.mjs'), codes, '2026', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /74706 codes/);
  const fresh = readFileSync(out);
  const kept = readFileSync(committed);
  assert.ok(
    fresh.equals(kept),
    `the regenerated table differs from the committed one (${fresh.length} bytes against ${kept.length}): run \`npm run data -- test/fixtures/icd10/icd10cm_codes_2026.txt 2026\``,
  );
});

test('derive-icd10 without arguments prints its usage and exits 2', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'derive-icd10.mjs')], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: node scripts\/derive-icd10\.mjs <codes\.txt> \[fiscal-year\] \[output\.ts\]/);
});
