// The CLI over the benchmark workspace: wall time, CPU time, peak RSS, and the ratio of its wall
// time to JSON.parse of the same claims.
import { existsSync, readFileSync, openSync, closeSync, readSync, fstatSync } from 'node:fs';
import { join, relative } from 'node:path';
import { start, exited, withTimeout, killGroup, memoryPoller } from './processes.mjs';
import { root, alternate } from './builds.mjs';
import { fmt, median, grouped } from './figures.mjs';
import { countByRule } from './reference.mjs';

function tail(path, n) {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(n, size);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The CLI, `opts.runs` times for every build (alternating between builds): wall time and its
 * ratio are the median run's (the run listed in the details with its diagnostics), peak memory
 * the highest of all runs; every run is listed.
 */
export async function benchCli(ctx) {
  const all = await alternate(
    ctx.builds,
    ctx.opts.runs,
    'cli',
    (b) => cliRun(ctx, b),
    (r) => r.status !== 'ok',
    ctx.log,
  );
  // (a failing CLI fails the figure: no need to run it again)
  for (const [b, runs] of all) figures(ctx, b.figures, runs);
}

function figures({ manifest, jsonParse: baseline }, fig, runs) {
  const failed = runs.find((r) => r.status !== 'ok');
  const walls = runs.map((r) => r.d.wallMs).filter((x) => x !== undefined);
  const wall = failed ? undefined : median(walls);
  const chosen = failed ?? runs.find((r) => r.d.wallMs === wall);
  const status = chosen.status;
  const d = chosen.d;
  fig.details.cli = d;
  d.run = runs.indexOf(chosen) + 1;
  d.runs = runs.map((r) => ({ status: r.status, wallMs: r.d.wallMs, peakRssBytes: r.d.peakRssBytes, cpuMs: r.d.cpuMs }));
  // (every run's diagnostics are checked against the reference, not only the chosen run's)
  fig.runDiagnostics.cli = runs.map((r) => r.d.byRule);
  const peak = Math.max(...runs.map((r) => r.d.peakRssBytes ?? 0)) || undefined;
  const ratio = wall !== undefined && baseline ? wall / baseline.medianMs : undefined;
  const of =
    runs.length > 1
      ? `median of ${runs.length} runs (${runs.map((r) => (r.d.wallMs === undefined ? r.status : fmt.ms(r.d.wallMs))).join(', ')})`
      : undefined;
  const n = grouped(manifest.workspace.claims);
  fig.metric('cli.wall', `CLI, ${n} claims: wall time`, 'ms', status === 'ok' ? wall : undefined, 10_000, status, of);
  fig.metricAtMost(
    'cli.ratio',
    'CLI wall time / JSON.parse of the same claims',
    'x',
    status === 'ok' ? ratio : undefined,
    8,
    status === 'ok' && !baseline ? 'failed' : status,
    baseline
      ? `JSON.parse median ${fmt.ms(baseline.medianMs)} (${fmt.bytes(baseline.bytes)} of JSON)${of ? `; CLI ${of}` : ''}`
      : 'no JSON.parse baseline',
  );
  fig.metric(
    'cli.rss',
    `CLI, ${n} claims: peak RSS`,
    'bytes',
    status === 'ok' ? peak : undefined,
    1e9,
    status === 'ok' && peak === undefined ? 'failed' : status,
    runs.length > 1 ? `the highest of ${runs.length} runs` : undefined,
  );
  // informational, steadier on a busy machine: CPU time against JSON.parse's CPU time
  if (d.cpuMs !== undefined && baseline?.medianCpuMs) d.cpuRatioToJsonParse = Math.round((d.cpuMs / baseline.medianCpuMs) * 10) / 10;
}

/** One run of a build's CLI over the benchmark workspace: { status, d } (d: what it measured). */
async function cliRun({ opts, data, timeouts, log }, build) {
  const outPath = join(data, 'cli-output.json');
  const nodeArgs = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(data, 'profiles')}`, '--cpu-prof-name=cli.cpuprofile'] : [];
  const cliArgs = [...nodeArgs, build.cli, 'check', '--format', 'json', '--exit-zero', relative(root, join(data, 'workspace'))];
  const useTime = existsSync('/usr/bin/time');
  const [cmd, args] = useTime ? ['/usr/bin/time', ['-v', process.execPath, ...cliArgs]] : [process.execPath, cliArgs];
  log(
    `cli: ${useTime ? '/usr/bin/time -v ' : ''}node ${cliArgs.map((a) => relative(root, a) || a).join(' ')} > ${relative(root, outPath)}`,
  );
  const fd = openSync(outPath, 'w');
  const t0 = performance.now();
  const child = start(cmd, args, { stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 1e6) stderr = stderr.slice(-1e5);
  });
  const poll = useTime ? undefined : memoryPoller(child.pid, 50);
  const d = {
    command: `node ${cliArgs.map((a) => relative(root, a) || a).join(' ')}`,
    memorySource: useTime ? '/usr/bin/time -v (maximum resident set size)' : '/proc/<pid>/status VmHWM, polled every 50 ms',
  };
  let status = 'ok';
  let wall;
  try {
    const { code, signal } = await withTimeout(exited(child), timeouts.cli, 'cli');
    wall = performance.now() - t0;
    poll?.stop();
    d.exitCode = code;
    if (useTime) {
      const num = (re) => {
        const m = re.exec(stderr);
        return m ? Number(m[1]) : undefined;
      };
      const kb = num(/Maximum resident set size \(kbytes\): (\d+)/);
      d.peakRssBytes = kb !== undefined ? kb * 1024 : undefined;
      d.userSeconds = num(/User time \(seconds\): ([\d.]+)/);
      d.systemSeconds = num(/System time \(seconds\): ([\d.]+)/);
      const st = num(/Exit status: (\d+)/);
      if (st !== undefined) d.exitCode = st;
      if (/Command terminated by signal (\d+)/.test(stderr)) d.signal = /Command terminated by signal (\d+)/.exec(stderr)[1];
    } else {
      d.peakRssBytes = poll.peak || undefined;
      d.signal = signal ?? undefined;
    }
    if (d.exitCode !== 0 || d.signal) {
      status = 'failed';
      d.error = stderr
        .split('\n')
        .filter((l) => !/^\t/.test(l))
        .slice(-15)
        .join('\n');
    } else {
      const m = /"summary":(\{[^}]*\})\}\s*$/.exec(tail(outPath, 400));
      if (m) {
        d.summary = JSON.parse(m[1]);
        d.byRule = countByRule(JSON.parse(readFileSync(outPath, 'utf8')).files.flatMap((f) => f.diagnostics));
      } else {
        status = 'failed';
        d.error = 'the JSON output has no summary';
      }
    }
  } catch (e) {
    poll?.stop();
    killGroup(child);
    if (!e.timedOut) throw e;
    status = 'timed out';
    d.error = e.message;
  }
  d.wallMs = wall;
  if (d.userSeconds !== undefined) d.cpuMs = (d.userSeconds + d.systemSeconds) * 1000;
  return { status, d };
}
