// `claimnote form`: a claim of the billing corpus drawn as a CMS-1500 form, read back box by box
// from the SVG (the values its lines give, the findings outlined on the boxes of their lines),
// and written as PNG and PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'server', 'out', 'cli.js');
const corpus = join(root, 'test', 'fixtures', 'corpus-billing');
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

/** Each box of the SVG: its value text, classes, line and title. */
function boxes(svg) {
  const out = new Map();
  for (const m of svg.matchAll(/<g class="([^"]*)" data-box="([^"]+)"([^>]*)>([\s\S]*?)<\/g>/g)) {
    const value = [...m[4].matchAll(/<text class="value"[^>]*>([\s\S]*?)<\/text>/g)]
      .map((t) =>
        t[1]
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .join(' ');
    const line = /data-line="(\d+)"/.exec(m[3])?.[1];
    const title = /<title>([\s\S]*?)<\/title>/.exec(m[4])?.[1];
    out.set(m[2], { cls: m[1], value, line: line === undefined ? undefined : Number(line), title });
  }
  return out;
}

test('form --out .svg: the boxes hold the claim’s values, and modifier-50 outlines the boxes of its line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-form-'));
  const out = join(dir, 'dn-2.svg');
  const r = run('form', '--claim', 'DN-2', '--out', out, corpus);
  assert.equal(r.status, 0, r.stderr);
  const b = boxes(readFileSync(out, 'utf8'));
  assert.equal(b.get('1a').value, '6NP2-QQ7-VQ98');
  assert.match(b.get('2').value, /Reed, Brian/);
  assert.match(b.get('21.A').value, /M7912/);
  assert.match(b.get('24D.1').value, /20552.*50/);
  assert.match(b.get('24F.1').value, /95.*00/);
  assert.match(b.get('26').value, /DN-2/);
  assert.match(b.get('33a').value, /1234567893/);
  assert.match(b.get('24D.1').cls, /has-error/);
  assert.match(b.get('24D.1').title, /Modifier 50 on 20552/);
  const text = readFileSync(join(corpus, '09-denials.claim'), 'utf8').split('\n');
  assert.equal(text[b.get('24D.1').line].trim().startsWith('line 20552-50'), true, 'the box points at its .claim line');
  assert.doesNotMatch(b.get('1a').cls, /has-/);
});

test('form --out .png and .pdf; a claim that is not there; usage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimnote-form-'));
  assert.equal(run('form', '--claim', 'BL-1', '--out', join(dir, 'bl-1.png'), corpus).status, 0);
  assert.deepEqual([...readFileSync(join(dir, 'bl-1.png')).subarray(1, 4)], [0x50, 0x4e, 0x47]);
  assert.equal(run('form', '--claim', 'BL-1', '--out', join(dir, 'bl-1.pdf'), corpus).status, 0);
  assert.equal(readFileSync(join(dir, 'bl-1.pdf')).subarray(0, 5).toString(), '%PDF-');
  assert.equal(run('form', '--claim', 'NOPE', '--out', join(dir, 'x.svg'), corpus).status, 1);
  assert.equal(run('form', '--claim', 'BL-1', '--out', join(dir, 'x.txt'), corpus).status, 2);
});
