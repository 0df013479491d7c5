// Pathological documents through the real server: each is opened, checked, edited and asked
// for a hover, a completion, symbols, folding, semantic tokens and code actions, with the time
// of each step and the server's peak memory (VmHWM) measured. `npm run fuzz -- --pathological`
// runs them at full size (--scale 0.1 for a tenth, --cases a,b for some); the test suite runs
// them small (pathological.test.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { startServer } from '../support/lsp-client.mjs';
import { claim } from '../helpers.mjs';

const head = (id = 'P-1') =>
  `claim ${id}\n  patient P-1\n  payer medicare\n  date 2026-04-01\n  diagnosis A M79.12\n  line 20552 mod RT dx A\n`;

/** name: [what, make(scale) -> { text, edit line }] */
export const CASES = {
  'long-line': [
    'a 10 MB line (a note)',
    (k) => ({ text: head() + '  note ' + 'pain '.repeat(Math.round(2_000_000 * k)) + '\n  muscles right upper trapezius\n', line: 6 }),
  ],
  'long-line-no-break': ['a 10 MB document of one line', (k) => ({ text: 'x'.repeat(Math.round(10_000_000 * k)), line: 0 })],
  'million-lines': [
    'a million lines (76,923 claims of 13 lines)',
    (k) => {
      const one = claim({}, { id: 'C' }).split('\n').slice(1).join('\n');
      const n = Math.round(76_923 * k);
      const parts = [];
      for (let i = 0; i < n; i++) parts.push(`claim M-${i}\n${one}`);
      return { text: parts.join(''), line: 7 };
    },
  ],
  'million-comment-lines': [
    'a million comment lines after a claim',
    (k) => ({ text: claim({}) + '# a comment\n'.repeat(Math.round(1_000_000 * k)), line: 5 }),
  ],
  'many-diagnostics': [
    '100,000 diagnostics (lines that are not statements)',
    (k) => ({ text: head() + '  bogus statement\n'.repeat(Math.round(100_000 * k)), line: 3 }),
  ],
  'one-id': [
    '20,000 claims with one id',
    (k) => {
      const c = claim({}, { id: 'SAME' });
      return { text: (c + '\n').repeat(Math.round(20_000 * k)), line: 3 };
    },
  ],
  'one-patient': [
    '20,000 sessions of one patient over a year (frequency limits, intervals)',
    (k) => {
      const parts = [];
      for (let i = 0, n = Math.round(20_000 * k); i < n; i++) {
        const d = new Date(Date.UTC(2026, 0, 1) + (i % 365) * 86400000).toISOString().slice(0, 10);
        parts.push(claim({ date: `date ${d}` }, { id: `OP-${i}` }));
      }
      return { text: parts.join('\n'), line: 3 };
    },
  ],
  'many-muscles': [
    '10,000 muscles on one line',
    (k) => {
      const sides = ['left', 'right'],
        names = ['upper trapezius', 'levator scapulae', 'rhomboid major', 'infraspinatus', 'supraspinatus'];
      const list = Array.from({ length: Math.round(10_000 * k) }, (_, i) => `${sides[i % 2]} ${names[i % 5]}`).join(', ');
      return { text: claim({ muscles: `muscles ${list}` }), line: 6 };
    },
  ],
};

function peakRssMB(pid) {
  try {
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
  } catch {
    return undefined;
  }
}

/** Runs one case; returns its figures (milliseconds per step, the server's peak RSS in MB, the diagnostics' count). */
export async function runCase(name, scale = 1, { timeoutMs = 300_000 } = {}) {
  const [what, make] = CASES[name];
  const { text, line } = make(scale);
  const s = await startServer({ args: ['--max-old-space-size=4096'] });
  const uri = `file:///pathological/${name}.claim`;
  const figures = { name, what, scale, bytes: Buffer.byteLength(text), lines: text.split('\n').length };
  const timed = async (key, f) => {
    const t = process.hrtime.bigint();
    const r = await Promise.race([
      f(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`${name}: ${key} took more than ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    figures[key] = Math.round(Number(process.hrtime.bigint() - t) / 1e6);
    return r;
  };
  try {
    await timed('openMs', async () => {
      s.open(uri, text);
      await s.settle(uri, 1, timeoutMs);
    });
    figures.diagnostics = s.diagnostics.get(uri).diagnostics.length;
    await timed('editMs', async () => {
      s.change(uri, 2, [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: ' ' }]);
      await s.settle(uri, 2, timeoutMs);
    });
    await timed('hoverMs', () => s.hover(uri, line, 4));
    await timed('completionMs', () => s.request('textDocument/completion', { textDocument: { uri }, position: { line, character: 3 } }));
    await timed('symbolsMs', () => s.request('textDocument/documentSymbol', { textDocument: { uri } }));
    await timed('foldingMs', () => s.request('textDocument/foldingRange', { textDocument: { uri } }));
    await timed('semanticTokensMs', () => s.request('textDocument/semanticTokens/full', { textDocument: { uri } }));
    await timed('codeActionsMs', () =>
      s.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        context: { diagnostics: [] },
      }),
    );
    await timed('closeMs', async () => {
      s.close(uri);
      await s.waitFor(() => s.diagnostics.get(uri)?.diagnostics.length === 0, 'cleared', timeoutMs);
    });
    figures.peakRssMB = peakRssMB(s.pid);
    figures.ok = s.alive;
  } catch (e) {
    figures.error = e.message;
    figures.peakRssMB = peakRssMB(s.pid);
    figures.ok = false;
  } finally {
    await s.stop();
  }
  return figures;
}

/** @param {{ scale?: number, cases?: string[], json?: string }} [options] `json`: a file to write the figures to */
export async function runPathological({ scale = 1, cases, json } = {}) {
  const names = cases ?? Object.keys(CASES);
  const unknown = names.filter((n) => !CASES[n]);
  if (unknown.length) {
    console.error(`no such case: ${unknown.join(', ')} (cases: ${Object.keys(CASES).join(', ')})`);
    process.exit(2);
  }
  const all = [];
  for (const name of names) {
    const f = await runCase(name, scale);
    all.push(f);
    const steps = Object.entries(f)
      .filter(([k]) => k.endsWith('Ms'))
      .map(([k, v]) => `${k.slice(0, -2)} ${v} ms`)
      .join(', ');
    console.log(
      `${name} (${f.what}, scale ${scale}: ${(f.bytes / 1e6).toFixed(1)} MB, ${f.lines} lines, ${f.diagnostics ?? '?'} diagnostics): ${steps}; server peak RSS ${f.peakRssMB} MB${f.error ? `; FAILED: ${f.error}` : ''}`,
    );
  }
  if (json) writeFileSync(json, JSON.stringify(all, null, 2) + '\n');
  if (all.some((f) => !f.ok)) process.exitCode = 1;
  return all;
}
