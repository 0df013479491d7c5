// Every rule's messages as the Problems panel shows them, over the shared corpus: the problem
// and the action lead in a short first clause (the panel cuts a long line), the details come
// after, and messages, fix titles and related messages are plain text (no markdown backticks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ClaimNoteService, RULES } from '../helpers.mjs';

const dir = new URL('../fixtures/corpus/', import.meta.url);
const s = new ClaimNoteService();
const uris = [];
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith('.claim'))
  .sort()) {
  const uri = pathToFileURL(new URL(f, dir).pathname).href;
  uris.push(uri);
  s.setDocument(uri, readFileSync(new URL(f, dir), 'utf8'));
}
const findings = uris.flatMap((u) => s.findings(u));

/** The message up to its first full stop, question or exclamation mark that ends a sentence. */
export function firstClause(message) {
  const end = message.search(/[.?!](\s|$)/);
  return end < 0 ? message : message.slice(0, end);
}

test('the corpus exercises most rules', () => {
  const ids = new Set(findings.map((f) => f.code));
  assert.ok(ids.size >= 55, `${ids.size} rules`);
  assert.ok(RULES.length >= ids.size);
});

test('every message leads with the problem and the action in a first clause under 100 characters', () => {
  const long = findings.filter((f) => firstClause(f.message).length >= 100).map((f) => `${f.code}: ${f.message}`);
  assert.deepEqual([...new Set(long)], []);
  // the first clause carries the action: a colon separates the problem from what to do
  const noAction = findings
    .filter((f) => f.code !== 'syntax' && !firstClause(f.message).includes(': '))
    .map((f) => `${f.code}: ${f.message}`);
  assert.deepEqual([...new Set(noAction)], []);
});

test('messages, fix titles and related messages have no backtick, and messages are sentences', () => {
  const ticks = [];
  for (const f of findings) {
    for (const t of [f.message, ...f.fixes.map((x) => x.title), ...(f.related ?? []).map((r) => r.message)])
      if (t.includes('`')) ticks.push(`${f.code}: ${t}`);
    assert.match(f.message, /^["A-Z0-9]/, `${f.code}: ${f.message}`);
  }
  assert.deepEqual([...new Set(ticks)], []);
});
