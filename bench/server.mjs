// The language server over stdio on the benchmark document: process start to the `initialize`
// reply, didOpen to the first publishDiagnostics, one-character edits to the publishDiagnostics
// of their version (p50/p95), CPU time, peak RSS.
import { readFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { procCpuMs, procMemory, memoryPoller, start, withTimeout } from './processes.mjs';
import { root, alternate } from './builds.mjs';
import { MB, fmt, median, percentile, grouped } from './figures.mjs';
import { countByRule } from './reference.mjs';
import { startServer } from '../test/support/lsp-client.mjs';

/** One-character edits at different places of the document; every one changes its diagnostics. */
export function planEdits(text, count) {
  const lines = text.split('\n');
  const claims = [];
  lines.forEach((l, i) => {
    if (/^claim\s/.test(l)) claims.push(i);
  });
  const kinds = [
    {
      kind: 'date digit (day -> 4x, invalid date)',
      find: (l) => /^\s*date\s+\d{4}-\d\d-(\d)\d\b/.exec(l),
      edit: (_l, m) => {
        const c = m.index + m[0].length - 2;
        return { character: c, length: 1, text: '4' };
      },
    },
    {
      kind: 'units digit (TPI or J-code line)',
      find: (l) => /^\s*line\s+(?:J\d{4}|2055[23])\b.*\bunits\s+(\d)/.exec(l),
      edit: (_l, m) => {
        const c = m.index + m[0].length - 1;
        const d = Number(m[1]);
        return { character: c, length: 1, text: String(d === 9 ? 1 : d + 1) };
      },
    },
    {
      kind: 'symptoms keyword letter (unknown keyword)',
      find: (l) => /^\s*symptoms\b/.exec(l),
      edit: (l) => ({ character: l.indexOf('symptoms') + 2, length: 1, text: 'i' }),
    },
    {
      kind: 'claim id digit (duplicate id)',
      find: (l) => /^claim\s+\S*(\d)\b/.exec(l),
      edit: (_l, m) => {
        const c = m.index + m[0].length - 1;
        return { character: c, length: 1, text: String((Number(m[1]) + 1) % 10) };
      },
    },
    {
      kind: 'delete last character of a diagnosis code',
      find: (l) => /^\s*diagnosis\s+[A-L]\s+\S+/.exec(l),
      edit: (_l, m) => ({ character: m.index + m[0].length - 1, length: 1, text: '' }),
    },
    {
      kind: 'insert a letter into a muscle name',
      find: (l) => /^\s*muscles\s+(?:(?:left|right|bilateral|bilat|L|R)\s+)?[a-z]/.exec(l),
      edit: (_l, m) => ({ character: m.index + m[0].length, length: 0, text: 'x' }),
    },
  ];
  const used = new Set();
  const edits = [];
  for (let k = 0; k < count && claims.length; k++) {
    // spread over the document, visiting it out of order: 0, 7, 14, ... (mod count)
    const slot = (k * 7) % count;
    const spec = kinds[k % kinds.length];
    let ci = Math.floor(((slot + 0.5) * claims.length) / count);
    for (let tries = 0; tries < 200 && ci < claims.length; tries++, ci++) {
      if (used.has(ci)) continue;
      const end = ci + 1 < claims.length ? claims[ci + 1] : lines.length;
      let found;
      for (let li = claims[ci]; li < end && !found; li++) {
        if (/#/.test(lines[li])) continue; // keep away from comments
        const m = spec.find(lines[li]);
        if (m) found = { line: li, ...spec.edit(lines[li], m) };
      }
      if (found) {
        used.add(ci);
        edits.push({ kind: spec.kind, ...found, before: lines[found.line].trim() });
        break;
      }
    }
  }
  return edits;
}

/**
 * The server, `opts.runs` times for every build (alternating between builds), each a fresh
 * process: start to `initialize` and didOpen to the first diagnostics are the median run's, the
 * edit p50/p95 over every run's edits, peak memory the highest of all runs; every run is listed
 * in the details.
 */
export async function benchServer(ctx) {
  // (a failing or timed-out run fails its figures: no need to run a server that far behind again)
  const all = await alternate(
    ctx.builds,
    ctx.opts.runs,
    'server',
    (b) => serverRun(ctx, b),
    (r) => r.record.init[0] !== 'ok' || r.record.open[0] !== 'ok' || r.record.edits[0] !== 'ok',
    ctx.log,
  );
  for (const [b, runs] of all) figures(ctx, b.figures, runs);
}

function figures({ manifest }, fig, runs) {
  const failed = runs.find((r) => r.record.open[0] !== 'ok' || r.record.init[0] !== 'ok');
  const opens = runs.filter((r) => r.record.open[0] === 'ok').map((r) => r.d.openMs);
  const openMedian = failed ? undefined : median(opens);
  const chosen = failed ?? runs.find((r) => r.d.openMs === openMedian);
  const d = chosen.d;
  fig.details.server = d;
  d.run = runs.indexOf(chosen) + 1;
  d.runs = runs.map((r) => ({
    initializeMs: r.d.initializeMs,
    openMs: r.d.openMs,
    openCpuMs: r.d.openCpuMs,
    peakRssBytes: r.d.peakRssBytes,
    editP95Ms: r.d.editStats?.p95,
    error: r.d.error,
  }));
  // every run's edits (each with its run)
  d.edits = runs.flatMap((r, i) => r.d.edits.map((e) => ({ run: i + 1, ...e })));
  fig.runDiagnostics.server = runs.map((r) => r.d.openByRule);
  const inits = runs.filter((r) => r.record.init[0] === 'ok').map((r) => r.d.initializeMs);
  const of = (key, field) =>
    runs.length > 1
      ? `median of ${runs.length} runs (${runs.map((r) => (r.record[key][0] === 'ok' ? fmt.ms(r.d[field]) : r.record[key][0])).join(', ')})`
      : undefined;
  const n = grouped(manifest.document.claims);
  fig.metric(
    'server.init',
    'server: process start to initialize reply',
    'ms',
    failed ? undefined : median(inits),
    300,
    failed ? failed.record.init[0] : 'ok',
    of('init', 'initializeMs'),
  );
  fig.metric(
    'server.open',
    `server, ${n} claims: didOpen to first diagnostics`,
    'ms',
    openMedian,
    1500,
    failed ? failed.record.open[0] : 'ok',
    of('open', 'openMs'),
  );
  const times = d.edits
    .filter((x) => x.ms !== null)
    .map((x) => x.ms)
    .sort((a, b) => a - b);
  const cpuTimes = d.edits
    .filter((x) => x.cpuMs !== undefined)
    .map((x) => x.cpuMs)
    .sort((a, b) => a - b);
  if (cpuTimes.length)
    d.editCpuStats = {
      n: cpuTimes.length,
      p50: percentile(cpuTimes, 50),
      p95: percentile(cpuTimes, 95),
      note: 'server process CPU time (user + system) from didChange to the publish, 10 ms resolution',
    };
  d.editStats = times.length
    ? {
        n: times.length,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        max: times[times.length - 1],
        mean: times.reduce((a, b) => a + b, 0) / times.length,
      }
    : { n: 0 };
  const editFailed = runs.find((r) => r.record.edits[0] !== 'ok');
  const editStatus = editFailed ? editFailed.record.edits[0] : times.length === 0 ? 'failed' : 'ok';
  const editNote = times.length
    ? `${times.length} edits${runs.length > 1 ? ` in ${runs.length} runs` : ''}; p50 ${fmt.ms(d.editStats.p50)}, max ${fmt.ms(d.editStats.max)}`
    : undefined;
  fig.metric(
    'server.edit.p50',
    'server: one-character edit to diagnostics, p50',
    'ms',
    times.length ? d.editStats.p50 : undefined,
    150,
    editStatus === 'ok' ? 'ok' : editStatus,
    'no target of its own; reported beside the p95',
  ).informational = true;
  fig.metric(
    'server.edit.p95',
    'server: one-character edit to diagnostics, p95',
    'ms',
    editStatus === 'ok' ? d.editStats.p95 : undefined,
    150,
    editStatus,
    editNote,
  );
  const peak = Math.max(...runs.map((r) => r.record.rss[1] ?? 0)) || undefined;
  fig.metric(
    'server.rss',
    `server, ${n} claims: peak RSS`,
    'bytes',
    peak,
    400 * MB,
    peak ? 'ok' : chosen.record.rss[0],
    runs.length > 1 ? `the highest of ${runs.length} runs` : undefined,
  );
  d.stderrTail = chosen.stderr.slice(-1000) || undefined;
}

/** One process of a build's server: initialize, open, edits. Returns { d, record, stderr }. */
async function serverRun({ opts, data, manifest, timeouts }, build) {
  const docPath = join(data, manifest.document.path);
  const uri = pathToFileURL(docPath).href;
  const text = readFileSync(docPath, 'utf8');
  const d = {
    document: relative(root, docPath),
    claims: manifest.document.claims,
    lines: manifest.document.lines,
    bytes: manifest.document.bytes,
    workspaceFolder: opts.folder ? relative(root, dirname(docPath)) : null,
    edits: [],
  };

  const nodeArgs = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(data, 'profiles')}`, '--cpu-prof-name=server.cpuprofile'] : [];
  // the tests' client, on this build's server, started in a process group of its own (killed with
  // the benchmark's other children on Ctrl-C); the benchmark times `initialize` itself
  const server = await startServer({ serverPath: build.server, args: nodeArgs, spawn: start, initialize: false });
  const poll = memoryPoller(server.pid, 100);

  /** @type {Record<'init' | 'open' | 'edits' | 'rss', [status: string, value?: number]>} */
  const record = { init: ['not run'], open: ['not run'], edits: ['not run'], rss: ['not run'] };
  try {
    const cpu = () => procCpuMs(server.pid);
    // process start -> initialize reply
    const rootUri = opts.folder ? pathToFileURL(dirname(docPath)).href : null;
    try {
      await withTimeout(
        server.request('initialize', {
          processId: process.pid,
          rootUri,
          workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
          capabilities: {
            workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
            textDocument: {
              synchronization: { didSave: true },
              publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
            },
          },
        }),
        timeouts.init,
        'initialize',
      );
      d.initializeMs = performance.now() - server.startedAt;
      record.init = ['ok', d.initializeMs];
    } catch (e) {
      record.init = [e.timedOut ? 'timed out' : 'failed'];
      d.error = brief(e);
      throw e;
    }
    server.notify('initialized', {});

    // didOpen -> first publishDiagnostics for the document, of any version (only version 1 was sent:
    // so of version 1, or unversioned)
    try {
      const tOpen = performance.now();
      const c0 = cpu();
      const p = server.nextDiagnostics(uri, { ms: timeouts.open, what: 'didOpen -> publishDiagnostics' });
      server.open(uri, text, 1);
      const r = await p;
      d.openMs = r.at - tOpen;
      const c1 = cpu();
      if (c0 !== undefined && c1 !== undefined) d.openCpuMs = c1 - c0;
      d.rssAfterOpenBytes = procMemory(server.pid)?.rss;
      d.openDiagnostics = r.diagnostics.length;
      d.openByRule = countByRule(r.diagnostics);
      record.open = ['ok', d.openMs];
    } catch (e) {
      record.open = [e.timedOut ? 'timed out' : 'failed'];
      d.error = brief(e);
      throw e;
    }

    // one-character edits -> publishDiagnostics of that version
    await new Promise((r) => setTimeout(r, 500)); // let any work that follows the first publish finish
    const plan = planEdits(text, opts.edits);
    let version = 1;
    record.edits = ['ok'];
    for (const e of plan) {
      version++;
      const v = version;
      const p = server.nextDiagnostics(uri, { version: v, ms: timeouts.edit, what: `edit ${v - 1} -> publishDiagnostics` });
      const tEdit = performance.now();
      const c0 = cpu();
      server.change(uri, v, [
        {
          range: { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + e.length } },
          text: e.text,
        },
      ]);
      try {
        const r = await p;
        const c1 = cpu();
        d.edits.push({
          version: v,
          kind: e.kind,
          line: e.line + 1,
          ms: Math.round((r.at - tEdit) * 10) / 10,
          cpuMs: c0 !== undefined && c1 !== undefined ? Math.round(c1 - c0) : undefined,
          diagnostics: r.diagnostics.length,
          rssBytes: procMemory(server.pid)?.rss,
        });
      } catch (err) {
        d.edits.push({ version: v, kind: e.kind, line: e.line + 1, ms: null, status: err.timedOut ? 'timed out' : 'failed' });
        record.edits = [err.timedOut ? 'timed out' : 'failed'];
        d.error = brief(err);
        break; // a server that is this far behind would only queue more work
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    poll.read();
    record.rss = ['ok', poll.peak];
  } catch {
    /* recorded above */
  } finally {
    poll.stop();
    d.peakRssBytes = poll.peak || undefined;
    if (record.rss[0] !== 'ok' && poll.peak) record.rss = ['ok', poll.peak];
    await server.stop({ shutdownMs: timeouts.shutdown, exitMs: timeouts.shutdown });
  }

  const times = d.edits
    .filter((x) => x.ms !== null)
    .map((x) => x.ms)
    .sort((a, b) => a - b);
  d.editStats = times.length ? { n: times.length, p95: percentile(times, 95) } : { n: 0 };
  return { d, record, stderr: server.stderr };
}

/** An error's message for the results: of the server's stderr, which the client's errors quote whole, the last 2,000 characters. */
function brief(e) {
  const m = String(e?.message ?? e);
  const at = m.indexOf('; stderr: ');
  return at < 0 || m.length - at <= 2010 ? m : `${m.slice(0, at)}; stderr: …${m.slice(-2000)}`;
}
