// The fuzzing harness: drives the real server (`node server/out/server.js --stdio`) with
// documents made from the corpus and the examples, mutated, random incremental edits (ranges
// past the end and backwards, CRLF and lone CR, surrogate pairs, NUL, BOM, long lines), and
// every request the server advertises at random positions. It checks, for every reply:
//   - no request fails unexpectedly (InvalidParams for the bad parameters it sends on purpose
//     and RequestFailed for a refused rename are expected; an internal error never is);
//   - every range and position returned lies inside the current document;
//   - every edit set applies (edits inside the document, none overlapping);
//   - applying a preferred fix, or Fix all, never adds a `syntax` diagnostic;
// and after every edit sequence that the published diagnostics (at the latest version) are
// those of a fresh check of the final texts by the service library (server/out/service.js).
// Everything random comes from one seed: a failure prints it, and `--seed` replays it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { startServer, root, outDir, frame } from '../support/lsp-client.mjs';
import { choices, mulberry32 } from '../support/random.mjs';

const require = createRequire(import.meta.url);
const lib = require(join(outDir, 'service.js'));

// ------------------------------------------------------------------ randomness

/** The fuzzer's random source (seeded: the same seed, the same run): `int(n)` is a whole number in [0, n). @param {number} seed */
export function prng(seed) {
  const r = choices(mulberry32(seed));
  return { ...r, int: (/** @type {number} */ n) => Math.floor(r.next() * n) };
}

// ------------------------------------------------------------------ documents

export function seedTexts() {
  const dirs = [join(root, 'test', 'fixtures', 'corpus'), join(root, 'examples')];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.claim'))
      .sort()
      .map((f) => readFileSync(join(d, f), 'utf8')),
  );
}

const TOKENS = [
  'claim ',
  'patient ',
  'payer ',
  'date ',
  'pos ',
  'provider ',
  'auth ',
  'diagnosis ',
  'line ',
  'muscles ',
  'drug ',
  'symptoms ',
  'exam ',
  'tried ',
  'technique ',
  'response ',
  'note ',
  'policy ',
  'limit ',
  'requires-auth',
  'rate ',
  'units ',
  'mod ',
  'dx ',
  '20552',
  '20553',
  '20552-LT',
  '99213-25',
  'J3301',
  'J1030',
  '50',
  'RT',
  'LT',
  '59',
  'XS',
  'GA',
  'GZ',
  '25',
  'A',
  'B',
  'C',
  'A,B',
  'M79.1',
  'M79.12',
  'M79.18',
  'M62.830',
  'G44.209',
  'Z00.00',
  'M54.2',
  'left upper trapezius',
  'right rhomboid major',
  ', ',
  'bilateral levator scapulae',
  'lidocaine 1% 2 mL',
  'triamcinolone 40 mg/mL 1 mL',
  '2026-03-04',
  '2026-02-30',
  '2025-12-31',
  'medicare',
  'acme-ppo',
  '1234567893',
  '11',
  '22',
  '4 per 30 days',
  '3 per 12 months',
  '150%',
  '"quoted"',
  '"',
  '#',
  '# expect: units',
  ' ',
  '  ',
  '\t',
  '-',
  '.',
  ',',
  '0',
  '9',
  '99999',
  'P-1',
  'TPI-1',
  'x',
];
const NASTY = ['\n', '\r\n', '\r', '\n\n', '\r\r\n', '\u0000', '\uFEFF', '😀', '\uD83D', '\uDE00', 'é', '\u2028', '\u200B', 'Ω'];

/** A text to insert. */
function insertion(r, texts) {
  return r.weighted([
    [30, () => r.pick(TOKENS)],
    [10, () => ''],
    [10, () => r.pick(NASTY)],
    [8, () => '\n  ' + r.pick(TOKENS)],
    [
      8,
      () => {
        const t = r.pick(texts);
        const lines = t.split('\n');
        return lines[r.int(lines.length)] + '\n';
      },
    ],
    [
      4,
      () => {
        const t = r.pick(texts);
        const at = r.int(t.length);
        return t.slice(at, at + r.int(400));
      },
    ],
    [2, () => Array.from({ length: 1 + r.int(6) }, () => r.pick([...TOKENS, ...NASTY])).join('')],
    [0.3, () => 'x'.repeat(20_000 + r.int(80_000))],
    [0.3, () => 'left upper trapezius, '.repeat(200 + r.int(800))],
  ])();
}

/** A document made from one to three seed texts, mutated line by line. */
export function makeDocument(r, texts) {
  let lines = [];
  for (let n = 1 + r.int(2); n > 0; n--) lines.push(...r.pick(texts).split('\n'));
  const mutations = r.int(8);
  for (let i = 0; i < mutations && lines.length; i++) {
    const at = r.int(lines.length);
    r.weighted([
      [3, () => lines.splice(at, 1)],
      [2, () => lines.splice(at, 0, lines[r.int(lines.length)])],
      [
        2,
        () => {
          const l = lines[at];
          const c = r.int(l.length + 1);
          lines[at] = l.slice(0, c) + insertion(r, texts) + l.slice(c + r.int(4));
        },
      ],
      [
        1,
        () => {
          const b = r.int(lines.length);
          [lines[at], lines[b]] = [lines[b], lines[at]];
        },
      ],
      [1, () => lines.splice(at, r.int(20))],
    ])();
  }
  const eol = r.weighted([
    [8, '\n'],
    [2, '\r\n'],
    [0.5, '\r'],
  ]);
  let text = lines.join('\n');
  if (eol !== '\n') text = text.replace(/\n/g, eol);
  if (r.chance(0.05)) text = '\uFEFF' + text;
  return text;
}

// ------------------------------------------------------------------ the client's copy of a text

const BREAK = /\r\n|\r|\n/;
export const linesOf = (text) => text.split(BREAK);

/** Line start offsets and lengths (without breaks). */
function lineTable(text) {
  const starts = [0],
    lengths = [];
  const re = /\r\n|\r|\n/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lengths.push(m.index - last);
    last = m.index + m[0].length;
    starts.push(last);
  }
  lengths.push(text.length - last);
  return { starts, lengths };
}

/** The offset of a position clamped to the text, as the server clamps it (and LSP editors do). */
function offsetAt(table, text, p) {
  const n = table.starts.length;
  if (p.line < 0) return 0;
  if (p.line >= n) return text.length;
  return table.starts[p.line] + Math.max(0, Math.min(p.character, table.lengths[p.line]));
}

/** Applies one `didChange`'s content changes to a text, as LSP defines them (each on the text the one before left). */
export function applyChanges(text, changes) {
  for (const c of changes) {
    if (!c.range) {
      text = c.text;
      continue;
    }
    const table = lineTable(text);
    let s = offsetAt(table, text, c.range.start),
      e = offsetAt(table, text, c.range.end);
    if (s > e) [s, e] = [e, s];
    text = text.slice(0, s) + c.text + text.slice(e);
  }
  return text;
}

/** Applies a set of text edits (all relative to `text`); throws when they overlap or leave the document. */
export function applyEditSet(text, edits, where) {
  const lengths = lineTable(text).lengths;
  for (const e of edits) {
    if (!rangeInside(lengths, e.range)) throw new Error(`${where}: edit outside the document ${JSON.stringify(e.range)}`);
    if (typeof e.newText !== 'string') throw new Error(`${where}: edit without newText ${JSON.stringify(e)}`);
  }
  const sorted = [...edits].sort((a, b) => cmp(a.range.start, b.range.start) || cmp(a.range.end, b.range.end));
  for (let i = 1; i < sorted.length; i++) {
    if (cmp(sorted[i - 1].range.end, sorted[i].range.start) > 0)
      throw new Error(`${where}: overlapping edits ${JSON.stringify(sorted[i - 1].range)} and ${JSON.stringify(sorted[i].range)}`);
  }
  return applyChanges(
    text,
    [...sorted].reverse().map((e) => ({ range: e.range, text: e.newText })),
  );
}

/** Text edits as the content changes an editor sends for them: last first, so that none moves another. */
export function editsToChanges(edits) {
  return [...edits]
    .sort((a, b) => cmp(b.range.start, a.range.start) || cmp(b.range.end, a.range.end))
    .map((e) => ({ range: e.range, text: e.newText }));
}

const cmp = (a, b) => a.line - b.line || a.character - b.character;
const isUint = (x) => Number.isInteger(x) && x >= 0;
const posInside = (lengths, p) => !!p && isUint(p.line) && isUint(p.character) && p.line < lengths.length && p.character <= lengths[p.line];
const rangeInside = (lengths, r) => !!r && posInside(lengths, r.start) && posInside(lengths, r.end) && cmp(r.start, r.end) <= 0;

// ------------------------------------------------------------------ the checks

export class FuzzFailure extends Error {
  /** @type {object | undefined} the run's figures when it failed */
  stats;
  /** @type {string[] | undefined} the server's last log lines */
  logs;
}

/** Checks one reply; returns the edit sets it holds ({ uri: TextEdit[] } per edit) for the caller to try. */
export function checkReply(method, params, result, docs, fail) {
  const lengthsOf = (uri) => {
    const d = docs.get(uri);
    return d && (d.lengths ??= lineTable(d.text).lengths);
  };
  const here = lengthsOf(params.textDocument?.uri);
  const range = (r, what, lengths = here) => {
    if (lengths && !rangeInside(lengths, r)) fail(`${method}: ${what} outside the document: ${JSON.stringify(r)}`);
  };
  const location = (l, what) => {
    const ls = lengthsOf(l?.uri);
    if (!l || typeof l.uri !== 'string') fail(`${method}: ${what} without a uri`);
    else if (ls) range(l.range, what, ls);
  };
  const editSets = [];
  const workspaceEdit = (we, what) => {
    if (!we) return;
    const changes = { ...(we.changes ?? {}) };
    for (const dc of we.documentChanges ?? [])
      if (dc.textDocument) changes[dc.textDocument.uri] = [...(changes[dc.textDocument.uri] ?? []), ...dc.edits];
    for (const [uri, edits] of Object.entries(changes)) {
      const d = docs.get(uri);
      if (!d) continue;
      try {
        applyEditSet(d.text, edits, `${method} ${what}`);
      } catch (e) {
        fail(e.message);
      }
    }
    editSets.push(changes);
  };
  if (result === null || result === undefined) return editSets;
  if (params.textDocument && !here) {
    // a document the server does not know: nothing in it
    const empty = Array.isArray(result)
      ? result.length === 0
      : Array.isArray(result.data)
        ? result.data.length === 0
        : Array.isArray(result.items) && result.items.length === 0;
    if (!empty) fail(`${method} on an unknown document answered ${JSON.stringify(result).slice(0, 200)}`);
    return editSets;
  }
  switch (method) {
    case 'textDocument/hover':
      if (result.range) range(result.range, 'hover range');
      if (typeof result.contents?.value !== 'string') fail(`${method}: contents without a value`);
      break;
    case 'textDocument/completion': {
      const items = Array.isArray(result) ? result : result.items;
      for (const it of items) {
        if (typeof it.label !== 'string') fail(`${method}: an item without a label`);
        const te = it.textEdit;
        if (te) {
          if (te.range) range(te.range, 'completion edit');
          else {
            range(te.insert, 'completion insert');
            range(te.replace, 'completion replace');
          }
        }
        for (const e of it.additionalTextEdits ?? []) range(e.range, 'completion additional edit');
      }
      break;
    }
    case 'textDocument/definition':
    case 'textDocument/references':
      for (const l of Array.isArray(result) ? result : [result]) location(l, 'location');
      break;
    case 'textDocument/documentHighlight':
      for (const h of result) range(h.range, 'highlight');
      break;
    case 'textDocument/prepareRename':
      range(result.range ?? result, 'rename range');
      break;
    case 'textDocument/rename':
      workspaceEdit(result, 'rename');
      break;
    case 'textDocument/documentSymbol': {
      const walk = (s, parent) => {
        if (s.location) {
          location(s.location, 'symbol');
          return;
        }
        range(s.range, `symbol ${s.name}`);
        range(s.selectionRange, `symbol ${s.name} selection`);
        if (s.range && s.selectionRange && (cmp(s.selectionRange.start, s.range.start) < 0 || cmp(s.selectionRange.end, s.range.end) > 0))
          fail(
            `${method}: ${JSON.stringify(s.name)}'s selection range ${JSON.stringify(s.selectionRange)} is not inside its range ${JSON.stringify(s.range)} in ${JSON.stringify(
              docs
                .get(params.textDocument.uri)
                .text.split(/\r\n|\r|\n/)
                .slice(s.range.start.line, s.range.end.line + 2),
            )}`,
          );
        if (parent && (cmp(s.range.start, parent.range.start) < 0 || cmp(s.range.end, parent.range.end) > 0))
          fail(`${method}: ${s.name} is not inside its parent ${parent.name}`);
        for (const c of s.children ?? []) walk(c, s);
      };
      for (const s of result) walk(s);
      break;
    }
    case 'workspace/symbol':
      for (const s of result) location(s.location, `workspace symbol ${s.name}`);
      break;
    case 'textDocument/foldingRange':
      for (const f of result)
        if (!(isUint(f.startLine) && isUint(f.endLine) && f.startLine <= f.endLine && f.endLine < here.length))
          fail(`${method}: a folding range outside the document: ${JSON.stringify(f)}`);
      break;
    case 'textDocument/selectionRange':
      if (result.length !== params.positions.length) fail(`${method}: ${result.length} ranges for ${params.positions.length} positions`);
      for (let s = result[0], depth = 0; s && depth < 100; s = s.parent, depth++) {
        range(s.range, 'selection range');
        if (s.parent && (cmp(s.parent.range.start, s.range.start) > 0 || cmp(s.parent.range.end, s.range.end) < 0))
          fail(`${method}: a parent that does not contain its child`);
      }
      break;
    case 'textDocument/semanticTokens/full':
    case 'textDocument/semanticTokens/range': {
      const data = result.data;
      if (data.length % 5) fail(`${method}: ${data.length} numbers, not tokens of 5`);
      let line = 0,
        ch = 0;
      for (let i = 0; i < data.length; i += 5) {
        const [dl, ds, len] = [data[i], data[i + 1], data[i + 2]];
        if (!(isUint(dl) && isUint(ds) && isUint(len) && len > 0)) fail(`${method}: a token with bad numbers ${data.slice(i, i + 5)}`);
        line += dl;
        ch = dl ? ds : ch + ds;
        if (line >= here.length || ch + len > here[line])
          fail(`${method}: a token outside the document (line ${line}, ${ch}+${len}, line length ${here[line]})`);
      }
      break;
    }
    case 'textDocument/formatting':
    case 'textDocument/rangeFormatting':
      workspaceEdit({ changes: { [params.textDocument.uri]: result } }, 'formatting');
      break;
    case 'textDocument/codeLens':
      for (const l of result) range(l.range, 'code lens');
      break;
    case 'textDocument/inlayHint':
      for (const h of result)
        if (!posInside(here, h.position)) fail(`${method}: an inlay hint outside the document: ${JSON.stringify(h.position)}`);
      break;
    case 'textDocument/codeAction':
      for (const a of result) {
        for (const d of a.diagnostics ?? []) range(d.range, 'code action diagnostic');
        workspaceEdit(a.edit, `"${a.title}"`);
        if (a.edit) editSets[editSets.length - 1].action = a;
      }
      break;
  }
  return editSets;
}

// ------------------------------------------------------------------ the fuzzer

// (the server links each diagnostic to docs/rules.md next to its bundle, when there is one)
const docsPath = join(outDir, '..', '..', 'docs', 'rules.md');
const DOCS_BASE = existsSync(docsPath) ? pathToFileURL(docsPath).href : undefined;

/** A fresh check of texts by the service library: { uri: diagnostics }. */
function referenceCheck(docs) {
  const s = new lib.ClaimNoteService();
  s.configure({ docsBase: DOCS_BASE });
  for (const [uri, d] of docs) s.setDocument(uri, d.text);
  const out = new Map();
  for (const uri of docs.keys()) out.set(uri, s.doValidation(uri));
  return out;
}

function syntaxCount(text) {
  const s = new lib.ClaimNoteService();
  s.setDocument('file:///fuzz/fix.claim', text);
  return s.findings('file:///fuzz/fix.claim').filter((f) => f.code === 'syntax').length;
}

/**
 * Runs the fuzzer. Options: `seed`, `requests` (stop after about this many requests),
 * `seconds` (or after this long), `server` options, `log` (progress lines). Returns the
 * figures; throws a FuzzFailure (with the seed and the step) at the first failed check.
 */
/** What a run counts (summed over runs by the long-run driver, test/fuzz/run.mjs). */
export const COUNTED = /** @type {const} */ ([
  'requests',
  'errorsExpected',
  'refused',
  'cancelled',
  'noise',
  'reopened',
  'documents',
  'edits',
  'changes',
  'sessions',
  'checks',
  'fixesApplied',
]);

/** @param {{ seed?: number, requests?: number, seconds?: number, log?: (line: string) => void, progressEvery?: number, checkFixes?: boolean }} [options] */
export async function fuzz({
  seed = 1,
  requests: maxRequests = 2000,
  seconds = Infinity,
  log = (_line) => {},
  progressEvery = 30,
  checkFixes = true,
} = {}) {
  const r = prng(seed);
  const texts = seedTexts();
  const t0 = Date.now();
  /** @type {{ seed: number, peakRssMB: number, rssMB: number, seconds?: number } & Record<(typeof COUNTED)[number], number>} */
  const stats = /** @type {any} */ ({ seed, ...Object.fromEntries(COUNTED.map((k) => [k, 0])), peakRssMB: 0, rssMB: 0 });
  let s = await startServer();
  let lastProgress = Date.now();
  let step = '';
  const fail = (why) => {
    throw new FuzzFailure(`fuzz failure (seed ${seed}, session ${stats.sessions}, ${step}): ${why}`);
  };
  const rss = () => {
    try {
      const status = readFileSync(`/proc/${s.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]),
        now = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      if (kb) stats.peakRssMB = Math.max(stats.peakRssMB, Math.round(kb / 1024));
      if (now) stats.rssMB = Math.round(now / 1024);
    } catch {
      /* not Linux */
    }
  };
  try {
    while (stats.requests < maxRequests && (Date.now() - t0) / 1000 < seconds) {
      stats.sessions++;
      const docs = new Map();
      const n = 1 + r.int(3);
      for (let i = 0; i < n; i++) {
        const uri = `file:///fuzz/s${stats.sessions}/${String.fromCharCode(97 + i)}.claim`;
        const text = makeDocument(r, texts);
        docs.set(uri, { text, version: 1, high: 1, low: 1 });
        s.open(uri, text, 1);
        stats.documents++;
      }
      const steps = 3 + r.int(12);
      for (let k = 0; k < steps && stats.requests < maxRequests; k++) {
        const [uri, d] = r.pick([...docs]);
        const kind = r.weighted([
          [5, 'requests'],
          [4, 'edit'],
          [1, 'burst'],
          [1, 'fix'],
          [0.3, 'full'],
          [0.4, 'noise'],
          [0.3, 'reopen'],
        ]);
        step = `step ${k} ${kind} ${uri}`;
        if (kind === 'edit' || kind === 'burst' || kind === 'full') {
          const bursts = kind === 'burst' ? 2 + r.int(6) : 1;
          for (let b = 0; b < bursts; b++) {
            const changes = kind === 'full' ? [{ text: makeDocument(r, texts) }] : randomChanges(r, d.text, texts);
            d.text = applyChanges(d.text, changes);
            d.lengths = undefined;
            // now and then a version going backwards (applied all the same); every version of a
            // document is new, so that the diagnostics awaited are those of the last one
            d.version = bursts === 1 && r.chance(0.02) ? --d.low : ++d.high;
            s.change(uri, d.version, changes);
            stats.edits++;
            stats.changes += changes.length;
          }
          await settle(s, uri, d, fail);
          await compareDiagnostics(s, docs, fail);
          stats.checks++;
        } else if (kind === 'noise') {
          // what a broken client sends between good messages: all of it answered with an error or ignored
          for (let i = 1 + r.int(4); i > 0; i--) noise(r, s, uri);
          stats.noise++;
          const { error } = await s.tryRequest('claimnote/noSuchMethod', {});
          if (error?.code !== -32601) fail(`an unknown method answered ${JSON.stringify(error)}`);
        } else if (kind === 'reopen') {
          s.close(uri);
          d.version = ++d.high;
          s.open(uri, d.text, d.version);
          stats.reopened++;
          await settle(s, uri, d, fail);
          await compareDiagnostics(s, docs, fail);
          stats.checks++;
        } else if (kind === 'fix') {
          // a code action's or Fix all's edits, sent as the editor sends them
          const diag = r.pick(s.diagnostics.get(uri)?.diagnostics ?? [null]);
          const only = diag ? undefined : ['source.fixAll'];
          const range = diag ? diag.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
          const params = { textDocument: { uri }, range, context: { diagnostics: diag ? [diag] : [], only } };
          const actions = await request(s, 'textDocument/codeAction', params, fail, stats);
          const sets = checkReply('textDocument/codeAction', params, actions, docs, fail);
          const chosen = r.pick(sets.filter((x) => x[uri]));
          if (chosen) {
            const before = syntaxCount(d.text);
            const text = applyEditSet(d.text, chosen[uri], 'fix');
            if ((chosen.action?.isPreferred || chosen.action?.kind?.startsWith('source.fixAll')) && syntaxCount(text) > before) {
              fail(`applying "${chosen.action.title}" added a syntax diagnostic`);
            }
            d.text = text;
            d.lengths = undefined;
            d.version = ++d.high;
            s.change(uri, d.version, editsToChanges(chosen[uri]));
            stats.fixesApplied++;
            stats.edits++;
            await settle(s, uri, d, fail);
            await compareDiagnostics(s, docs, fail);
            stats.checks++;
          }
        } else {
          const batch = 5 + r.int(30);
          const pending = [];
          for (let i = 0; i < batch; i++) {
            const [method, params, invalid] = randomRequest(r, uri, d.text, docs, s);
            const cancel = r.chance(0.02);
            const reply = request(s, method, params, fail, stats, invalid, cancel);
            if (cancel) s.notify('$/cancelRequest', { id: s.conn.lastId });
            pending.push(
              reply.then((result) => {
                if (invalid) return;
                const sets = checkReply(method, params, result, docs, fail);
                if (checkFixes && method === 'textDocument/codeAction') {
                  for (const set of sets) {
                    const a = set.action;
                    if (!(a?.isPreferred || a?.kind?.startsWith('source.fixAll')) || !set[uri]) continue;
                    const before = syntaxCount(d.text);
                    if (syntaxCount(applyEditSet(d.text, set[uri], a.title)) > before)
                      fail(`applying the preferred "${a.title}" adds a syntax diagnostic to ${JSON.stringify(d.text.slice(0, 2000))}`);
                  }
                }
              }),
            );
          }
          await Promise.all(pending);
        }
        if (Date.now() - lastProgress > progressEvery * 1000) {
          lastProgress = Date.now();
          rss();
          log(progress(stats, t0));
        }
      }
      for (const uri of docs.keys()) s.close(uri);
      // the closed documents are cleared; the workspace is empty again
      // (a document opened and closed before the server published anything for it has nothing to clear)
      await s.waitFor(
        () => [...docs.keys()].every((u) => (s.diagnostics.get(u)?.diagnostics.length ?? 0) === 0),
        'the closed documents cleared',
      );
      for (const uri of docs.keys()) s.diagnostics.delete(uri);
    }
    rss();
  } catch (e) {
    if (e instanceof FuzzFailure) {
      e.stats = stats;
      e.logs = s.logs.slice(-20);
    }
    throw e;
  } finally {
    await s.stop();
  }
  stats.seconds = (Date.now() - t0) / 1000;
  return stats;
}

export function progress(stats, t0) {
  const secs = (Date.now() - t0) / 1000;
  return `${secs.toFixed(0)} s: ${stats.requests} requests (${Math.round(stats.requests / secs)}/s), ${stats.sessions} sessions, ${stats.documents} documents, ${stats.edits} edits, ${stats.checks} diagnostics checks, ${stats.fixesApplied} fixes applied, server RSS ${stats.rssMB} MB (peak ${stats.peakRssMB} MB)`;
}

async function request(s, method, params, fail, stats, invalid = false, cancelled = false) {
  stats.requests++;
  const { result, error } = await s.tryRequest(method, params);
  if (error) {
    if (error.code === 'EXITED') fail(`the server exited during ${method}: ${error.message}`);
    if (cancelled && error.code === -32800) {
      stats.cancelled++;
      return undefined;
    }
    if (invalid && error.code === -32602) {
      stats.errorsExpected++;
      return undefined;
    }
    if ((method === 'textDocument/rename' || method === 'textDocument/prepareRename') && error.code === -32803) {
      stats.refused++;
      return undefined;
    }
    fail(`${method} ${JSON.stringify(params).slice(0, 300)} failed: ${error.code} ${error.message}`);
  }
  if (invalid)
    fail(
      `${method} with invalid parameters ${JSON.stringify(params).slice(0, 300)} did not get InvalidParams: ${JSON.stringify(result).slice(0, 200)}`,
    );
  return result;
}

async function settle(s, uri, d, fail) {
  try {
    await s.settle(uri, d.version, 30000);
  } catch (e) {
    fail(`no diagnostics for version ${d.version}: ${e.message}`);
  }
}

/** The published diagnostics of every open document are those of a fresh check of its text. */
async function compareDiagnostics(s, docs, fail) {
  const want = referenceCheck(docs);
  for (const [uri, diagnostics] of want) {
    const got = s.diagnostics.get(uri);
    if (!got) fail(`nothing published for ${uri}`);
    if (got.version !== docs.get(uri).version) fail(`${uri} published at version ${got.version}, not ${docs.get(uri).version}`);
    const a = JSON.stringify(got.diagnostics),
      b = JSON.stringify(diagnostics);
    if (a !== b) {
      const d = firstDifference(got.diagnostics, diagnostics);
      fail(
        `${uri}: the published diagnostics differ from a fresh check of its text: ${d}\ntext: ${JSON.stringify(docs.get(uri).text.slice(0, 3000))}`,
      );
    }
    const lengths = lineTable(docs.get(uri).text).lengths;
    for (const x of got.diagnostics) {
      if (!rangeInside(lengths, x.range)) fail(`${uri}: a diagnostic outside the document: ${JSON.stringify(x.range)}`);
      for (const rel of x.relatedInformation ?? []) {
        const other = docs.get(rel.location.uri);
        if (!other) fail(`${uri}: a related location in a document that is not open: ${rel.location.uri}`);
        if (!rangeInside(lineTable(other.text).lengths, rel.location.range))
          fail(`${uri}: a related location outside ${rel.location.uri}: ${JSON.stringify(rel.location.range)}`);
      }
    }
  }
}

function firstDifference(got, want) {
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    const a = JSON.stringify(got[i]),
      b = JSON.stringify(want[i]);
    if (a !== b) return `#${i}: published ${a} but a fresh check gives ${b} (${got.length} against ${want.length})`;
  }
  return 'same';
}

/** One message a broken client might send; none may change a document or stop the server. */
function noise(r, s, uri) {
  r.pick([
    () => s.raw(frame('{"jsonrpc":"2.0","id":' + r.int(1e6) + ',"method":"textDocument/hover","params":{')),
    () => s.raw('Content-Length: ' + r.pick(['x', '-1', '', '99999999999']) + '\r\n\r\n'),
    () => s.raw(frame(r.pick(['[]', '1', 'null', '"x"', '{}', '{"jsonrpc":"2.0","id":[1],"method":"x"}']))),
    () => s.notify('claimnote/noSuchNotification', { x: r.int(10) }),
    () =>
      s.notify('textDocument/didChange', {
        textDocument: { uri: 'file:///fuzz/not-open.claim', version: 1 },
        contentChanges: [{ text: 'x' }],
      }),
    () => s.notify('textDocument/didChange', { textDocument: { uri, version: null }, contentChanges: null }),
    () => s.notify('textDocument/didOpen', { textDocument: { uri: 5, text: null } }),
    () => s.notify('textDocument/didClose', { textDocument: { uri: 'file:///fuzz/not-open.claim' } }),
    () =>
      s.notify(
        'workspace/didChangeWatchedFiles',
        r.pick([
          { changes: null },
          { changes: [{ uri: 'untitled:x.claim', type: 2 }] },
          { changes: [{ uri: 'file://host/x.claim', type: 1 }] },
          { changes: [7] },
        ]),
      ),
    () => {
      for (let i = 0; i < 200; i++) s.notify('$/cancelRequest', { id: r.int(1e6) });
    },
    () => s.notify('$/cancelRequest', r.pick([null, {}, { id: null }])),
    () => s.notify('$/setTrace', { value: r.pick(['off', 'messages', 'verbose', 7]) }),
  ])();
}

function randomPosition(r, text) {
  const lengths = lineTable(text).lengths;
  return r.weighted([
    [
      90,
      () => {
        const line = r.int(lengths.length);
        return { line, character: r.int(lengths[line] + 1) };
      },
    ],
    [4, () => ({ line: lengths.length + r.int(5), character: r.int(10) })],
    [
      4,
      () => {
        const line = r.int(lengths.length);
        return { line, character: lengths[line] + 1 + r.int(1000) };
      },
    ],
    [2, () => ({ line: 2 ** 31 - 1, character: 2 ** 31 - 1 })],
  ])();
}

function randomRange(r, text) {
  const a = randomPosition(r, text),
    b = r.chance(0.3) ? randomPosition(r, text) : { line: Math.min(a.line + r.int(3), 2 ** 31 - 1), character: r.int(40) };
  return r.chance(0.9) && cmp(a, b) > 0 ? { start: b, end: a } : { start: a, end: b };
}

/** The content changes of one didChange (mostly one; positions past the end and backwards ranges now and then). */
function randomChanges(r, text, texts) {
  const n = r.weighted([
    [8, 1],
    [2, 2],
    [1, 3],
  ]);
  const out = [];
  let t = text;
  for (let i = 0; i < n; i++) {
    const lengths = lineTable(t).lengths;
    const line = r.int(lengths.length);
    const start = r.weighted([
      [90, () => ({ line, character: r.int(lengths[line] + 1) })],
      [5, () => ({ line: lengths.length + r.int(3), character: r.int(5) })],
      [5, () => ({ line, character: lengths[line] + r.int(50) })],
    ])();
    const end = r.weighted([
      [50, () => start],
      [30, () => ({ line: start.line, character: start.character + r.int(12) })],
      [10, () => ({ line: start.line + r.int(4), character: r.int(30) })],
      [5, () => ({ line: Math.max(0, start.line - r.int(3)), character: r.int(30) })], // backwards
    ])();
    const c = { range: { start, end }, text: insertion(r, texts) };
    if (r.chance(0.1)) c.rangeLength = r.int(10); // deprecated, and ignored
    out.push(c);
    t = applyChanges(t, [c]);
  }
  return out;
}

const FORMAT_OPTIONS = () => ({ tabSize: 2, insertSpaces: true });

/** A request the server advertises, with parameters at random positions; now and then invalid ones on purpose. */
function randomRequest(r, uri, text, _docs, s) {
  const td = { uri: r.chance(0.03) ? 'file:///fuzz/unknown.claim' : uri };
  const method = r.pick([
    'textDocument/hover',
    'textDocument/completion',
    'textDocument/definition',
    'textDocument/references',
    'textDocument/documentHighlight',
    'textDocument/prepareRename',
    'textDocument/rename',
    'textDocument/documentSymbol',
    'workspace/symbol',
    'textDocument/foldingRange',
    'textDocument/selectionRange',
    'textDocument/semanticTokens/full',
    'textDocument/semanticTokens/range',
    'textDocument/formatting',
    'textDocument/rangeFormatting',
    'textDocument/codeLens',
    'textDocument/inlayHint',
    'textDocument/codeAction',
    'textDocument/codeAction',
  ]);
  const position = randomPosition(r, text);
  let params;
  switch (method) {
    case 'textDocument/references':
      params = { textDocument: td, position, context: { includeDeclaration: r.chance(0.5) } };
      break;
    case 'textDocument/rename':
      params = { textDocument: td, position, newName: r.pick(['B', 'Z', 'new-payer', '', ' ', 'a b', 'medicare', '😀', 'A']) };
      break;
    case 'textDocument/documentSymbol':
    case 'textDocument/foldingRange':
    case 'textDocument/semanticTokens/full':
    case 'textDocument/codeLens':
      params = { textDocument: td };
      break;
    case 'workspace/symbol':
      params = { query: r.pick(['', 'P', 'medicare', 'TPI', 'x', '2026']) };
      break;
    case 'textDocument/selectionRange':
      params = { textDocument: td, positions: [position] };
      break;
    case 'textDocument/semanticTokens/range':
    case 'textDocument/inlayHint':
      params = { textDocument: td, range: randomRange(r, text) };
      break;
    case 'textDocument/formatting':
      params = { textDocument: td, options: { tabSize: r.pick([2, 4, 1, 8, 0, 100]), insertSpaces: r.chance(0.8) } };
      break;
    case 'textDocument/rangeFormatting':
      params = { textDocument: td, range: randomRange(r, text), options: FORMAT_OPTIONS() };
      break;
    case 'textDocument/codeAction': {
      const published = s.diagnostics.get(uri)?.diagnostics ?? [];
      const diag = r.chance(0.7) ? r.pick(published.length ? published : [undefined]) : undefined;
      const only = r.weighted([
        [6, undefined],
        [2, ['quickfix']],
        [2, ['source.fixAll']],
        [1, ['source.fixAll.claimnote']],
        [1, ['source']],
        [1, ['refactor']],
      ]);
      params = {
        textDocument: td,
        range: diag ? diag.range : randomRange(r, text),
        context: { diagnostics: diag ? [diag] : [], ...(only ? { only } : {}) },
      };
      break;
    }
    default:
      params = { textDocument: td, position };
  }
  if (r.chance(0.02)) {
    // parameters of the wrong type, on purpose: InvalidParams expected
    const bad = r.pick([
      (p) => ({ ...p, textDocument: null }),
      (p) => ({ ...p, textDocument: { uri: 5 } }),
      (p) => ('position' in p ? { ...p, position: { line: -1, character: 0 } } : null),
      (p) => ('position' in p ? { ...p, position: { line: 0.5, character: 0 } } : null),
      (p) => ('range' in p ? { ...p, range: { start: p.range.start } } : null),
      (p) => ('query' in p ? { query: null } : null),
    ])(params);
    if (bad && !(method === 'workspace/symbol' && !('query' in bad && bad.query === null))) return [method, bad, true];
  }
  return [method, params, false];
}
