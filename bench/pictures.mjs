// The pictures, timed as users meet them: `claimnote report` over the benchmark workspace (the
// audit report of 100,000 claims, under 10 s), and the CMS-1500 preview through the server on the
// 20,000-claim document: after each one-character edit (the server's edits, at claims spread over
// the document), the `claimnote/form` request the preview sends for the edited claim, timed from
// the edit to the form's reply (p95 under 100 ms). The server computes the form's content: the
// claim's boxes and its findings, as an SVG.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { start, timed, withTimeout } from './processes.mjs';
import { root } from './builds.mjs';
import { fmt, grouped, percentile } from './figures.mjs';
import { planEdits } from './server.mjs';
import { startServer } from '../test/support/lsp-client.mjs';

/** The report of the workspace, by the CLI. */
async function reportRun(ctx, build, fig) {
  const { manifest, timeouts, log } = ctx;
  const workspace = join(ctx.data, 'workspace');
  const out = join(ctx.data, `report-${build.name ?? 'current'}.html`);
  rmSync(out, { force: true });
  const n = grouped(manifest.workspace.claims);
  log(`pictures: node ${relative(root, build.cli)} report ... (${n} claims)`);
  const r = await timed(process.execPath, [build.cli, 'report', workspace, '--out', out], timeouts.cli, 'report');
  const claims = Number((/report of (\d+) claims/.exec(r.stderr) ?? [])[1]);
  const ok = r.code === 0 && claims === manifest.workspace.claims ? 'ok' : 'failed';
  fig.details.report = { claims, ms: r.ms, peakRssBytes: r.peakRssBytes, bytes: existsSync(out) ? statSync(out).size : 0 };
  fig.metric(
    'pictures.report',
    `report of ${n} claims (claimnote report, HTML with charts): wall time`,
    'ms',
    r.ms,
    10_000,
    ok,
    ok === 'ok' ? `${fmt.bytes(fig.details.report.bytes)} of HTML; peak RSS ${fmt.bytes(r.peakRssBytes ?? 0)}` : r.stderr.slice(-300),
  );
}

/** The preview's requests after edits, through the server on the document. */
async function previewRun(ctx, build, fig) {
  const { manifest, timeouts, opts } = ctx;
  const docPath = join(ctx.data, manifest.document.path);
  const uri = pathToFileURL(docPath).href;
  const text = readFileSync(docPath, 'utf8');
  const lines = text.split('\n');
  const claimLineOf = (line) => {
    for (let k = line; k >= 0; k--) if (lines[k].startsWith('claim ')) return k;
    return 0;
  };
  const server = await startServer({ serverPath: build.server, spawn: start });
  const d = { edits: [] };
  try {
    const opened = server.nextDiagnostics(uri, { ms: timeouts.open, what: 'didOpen -> publishDiagnostics' });
    server.open(uri, text, 1);
    await opened;
    await new Promise((r) => setTimeout(r, 500));
    let version = 1;
    for (const e of planEdits(text, Math.max(opts.edits, 20))) {
      const line = claimLineOf(e.line);
      const before = await withTimeout(server.request('claimnote/form', { uri, line }), timeouts.edit, 'form before the edit');
      version++;
      const t = performance.now();
      server.change(uri, version, [
        {
          range: { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + e.length } },
          text: e.text,
        },
      ]);
      const after = await withTimeout(server.request('claimnote/form', { uri, line }), timeouts.edit, 'form after the edit');
      const ms = performance.now() - t;
      d.edits.push({ kind: e.kind, line: e.line, ms, changed: before.svg !== after.svg, svgBytes: after.svg?.length ?? 0 });
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await server.stop();
  }
  fig.details.preview = d;
  const sorted = d.edits.map((e) => e.ms).sort((a, b) => a - b);
  const changed = d.edits.filter((e) => e.changed).length;
  fig.metric(
    'pictures.preview.p95',
    `form preview of the edited claim, ${grouped(manifest.document.claims)}-claim document: edit to form, p95`,
    'ms',
    percentile(sorted, 95),
    100,
    sorted.length ? 'ok' : 'failed',
    `${sorted.length} edits; p50 ${fmt.ms(percentile(sorted, 50))}; ${changed} changed the form`,
  );
}

export async function benchPictures(ctx) {
  for (const build of ctx.builds) {
    const fig = build.figures;
    try {
      await reportRun(ctx, build, fig);
    } catch (e) {
      const status = e.timedOut ? 'timed out' : 'failed';
      fig.metric(
        'pictures.report',
        'report of the workspace: wall time',
        'ms',
        undefined,
        10_000,
        status,
        String(e.message ?? e).slice(0, 300),
      );
    }
    try {
      await previewRun(ctx, build, fig);
    } catch (e) {
      fig.metric(
        'pictures.preview.p95',
        'form preview of the edited claim: edit to form, p95',
        'ms',
        undefined,
        100,
        e.timedOut ? 'timed out' : 'failed',
        String(e.message ?? e).slice(0, 300),
      );
    }
  }
}
