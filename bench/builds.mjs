// The builds a run measures: the current checkout's bundles (server/out/), or with --cli another
// CLI bundle, or with --cpu-prof unminified builds of the same sources; with --baseline DIR a
// second checkout's bundles too. And the order their runs take: alternating between the builds.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { Figures } from './figures.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function git(args, cwd = root) {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * A build: `name` ("current" or "baseline"), the checkout it comes from (`root`), the bundles
 * run (`cli`, `server`), and the figures measured on it.
 * @param {string} name
 * @param {string} dir
 * @param {{ cli?: string, server?: string }} [bundles] other bundles than `dir`'s server/out/ ones
 */
function build(name, dir, { cli, server } = {}) {
  const out = join(dir, 'server', 'out');
  return { name, root: dir, cli: cli ?? join(out, 'cli.js'), server: server ?? join(out, 'server.js'), figures: new Figures() };
}

/**
 * The current checkout: with --cli PATH, that CLI bundle; with `prof` (a folder), the unminified bundles in it.
 * @param {{ cli?: string, prof?: string }} [options]
 */
export function currentBuild({ cli, prof } = {}) {
  return build('current', root, {
    cli: cli ? resolve(cli) : prof ? join(prof, 'cli.js') : undefined,
    server: prof ? join(prof, 'server.js') : undefined,
  });
}

/** --baseline DIR: another checkout of the project with its server/out built. */
export function baselineBuild(dir) {
  return build('baseline', resolve(dir));
}

/** The bundles of a checkout that are missing (none: []). */
export function missingBundles(b) {
  return ['server.js', 'cli.js'].map((f) => join(b.root, 'server', 'out', f)).filter((p) => !existsSync(p));
}

/** What was measured: the checkout's commit, whether its sources had uncommitted changes, the sha256 prefix of its bundles as they were when the run started (others may rebuild meanwhile). */
export function describeBuild(b) {
  return {
    commit: git(['rev-parse', 'HEAD'], b.root),
    uncommittedEngineChanges: !!git(['status', '--porcelain', '--', 'server/src', 'client/src', 'scripts'], b.root),
    measuredBundles: Object.fromEntries(
      ['server.js', 'cli.js'].map((f) => [
        `server/out/${f}`,
        createHash('sha256')
          .update(readFileSync(join(b.root, 'server', 'out', f)))
          .digest('hex')
          .slice(0, 16),
      ]),
    ),
  };
}

/** Builds unminified bundles of the current sources into `prof`, so that profiles name the functions. */
export async function buildForProfiling(prof) {
  const { build: esbuild } = await import('esbuild');
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: false,
    sourcemap: false,
    logLevel: 'warning',
    absWorkingDir: root,
  };
  await Promise.all([
    esbuild({ ...common, entryPoints: ['server/src/server.ts'], outfile: join(prof, 'server.js') }),
    esbuild({ ...common, entryPoints: ['server/src/cli.ts'], outfile: join(prof, 'cli.js') }),
  ]);
}

/**
 * Runs `once(build)` `runs` times for every build, alternating (baseline, current, baseline,
 * current...) so that both see the same state of the machine. A build whose run `failed` runs
 * no more (its figures fail anyway); the others go on. Returns each build's runs, in order.
 */
export async function alternate(builds, runs, group, once, failed, log) {
  const all = new Map(builds.map((b) => [b, []]));
  for (let i = 0; i < runs; i++) {
    for (const b of builds) {
      const done = all.get(b);
      if (done.length && failed(done[done.length - 1])) continue;
      if (runs > 1 || builds.length > 1) log(`${group}: run ${i + 1} of ${runs}${builds.length > 1 ? ` (${b.name})` : ''}`);
      done.push(await once(b));
    }
  }
  return all;
}
