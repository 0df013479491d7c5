// Bundle sizes: server/out/server.js and the .vsix that `vsce package` makes, for every build.
import { existsSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCommand } from './processes.mjs';
import { root } from './builds.mjs';
import { MB, fmt } from './figures.mjs';

export async function benchBundles(ctx) {
  for (const b of ctx.builds) {
    if (ctx.builds.length > 1) ctx.log(`bundle: ${b.name}`);
    await bundles(ctx, b);
  }
}

async function bundles({ opts, data, timeouts }, build) {
  const fig = build.figures;
  const server = join(build.root, 'server', 'out', 'server.js');
  const d = {};
  fig.details.bundles = d;
  if (existsSync(server)) {
    d.serverBytes = statSync(server).size;
    fig.metric('bundle.server', 'bundle: server/out/server.js', 'bytes', d.serverBytes, 2 * MB);
  } else
    fig.metric(
      'bundle.server',
      'bundle: server/out/server.js',
      'bytes',
      undefined,
      2 * MB,
      'failed',
      'server/out/server.js is missing: run npm run build',
    );

  if (!opts.package) {
    fig.metric('bundle.vsix', 'bundle: .vsix', 'bytes', undefined, 3 * MB, 'not run', '--no-package');
    return;
  }
  // `npm run package` is `npm run build && vsce package ... -o claimnote.vsix`; the build has just run, so
  // this runs its vsce step with the same options, into bench/.data so as not to race other users of claimnote.vsix.
  // (A baseline checkout is packaged by its own package.json, with its own vsce when it has one.)
  const vsix = join(data, build.name === 'current' ? 'claimnote.vsix' : `claimnote-${build.name}.vsix`);
  rmSync(vsix, { force: true });
  const ownVsce = join(build.root, 'node_modules', '.bin', 'vsce');
  const vsce = existsSync(ownVsce) ? ownVsce : join(root, 'node_modules', '.bin', 'vsce');
  const script = JSON.parse(readFileSync(join(build.root, 'package.json'), 'utf8')).scripts?.package ?? '';
  const step = script
    .split('&&')
    .map((x) => x.trim())
    .find((x) => /^vsce\s+package\b/.test(x));
  const vsceArgs = (step ? step.split(/\s+/).slice(1) : ['package', '--no-dependencies']).filter(
    (a, i, all) => a !== '-o' && a !== '--out' && all[i - 1] !== '-o' && all[i - 1] !== '--out',
  );
  vsceArgs.push('-o', vsix);
  d.packageCommand = `vsce ${vsceArgs.map((a) => (a.startsWith('/') ? relative(root, a) : a)).join(' ')}`;
  const cwd = build.root;
  try {
    // the script's other steps (e.g. writing the details page's README) run first, as `npm run package` runs them
    for (const other of script
      .split('&&')
      .map((x) => x.trim())
      .filter((x) => x && x !== step && !/^npm run build\b/.test(x))) {
      const pre = await runCommand('sh', ['-c', other], timeouts.package, other, { cwd });
      if (pre.code !== 0) throw new Error(`${other} failed: ${(pre.stderr + pre.stdout).trim().split('\n').slice(-3).join(' ')}`);
    }
    const r = await runCommand(vsce, vsceArgs, timeouts.package, 'vsce package', { cwd });
    d.packageMs = r.ms;
    if (r.code !== 0 || !existsSync(vsix)) {
      d.packageError = (r.stderr + r.stdout).trim().split('\n').slice(-10).join('\n');
      // still report what the package would weigh: the usual failure is a README link vsce cannot rewrite
      const f = await runCommand(
        vsce,
        [
          ...vsceArgs.slice(0, -2),
          '--baseContentUrl',
          'https://example.invalid/',
          '--baseImagesUrl',
          'https://example.invalid/',
          '-o',
          vsix,
        ],
        timeouts.package,
        'vsce package (fallback)',
        { cwd },
      ).catch(() => undefined);
      const size = f && f.code === 0 && existsSync(vsix) ? statSync(vsix).size : undefined;
      if (size !== undefined) d.vsixBytesWithBaseUrlFallback = size;
      fig.metric(
        'bundle.vsix',
        'bundle: .vsix',
        'bytes',
        size,
        3 * MB,
        'packaging failed',
        `vsce package failed: ${d.packageError.replace(/\s+/g, ' ').slice(0, 300)}${size !== undefined ? ` (size measured with --baseContentUrl/--baseImagesUrl: ${fmt.bytes(size)})` : ''}`,
      );
      return;
    }
    d.vsixBytes = statSync(vsix).size;
    const files = /Packaged: .*\((\d+) files?, ([^)]*)\)/.exec(r.stdout);
    if (files) d.vsixFiles = Number(files[1]);
    fig.metric('bundle.vsix', 'bundle: .vsix', 'bytes', d.vsixBytes, 3 * MB, 'ok', d.vsixFiles ? `${d.vsixFiles} files` : undefined);
  } catch (e) {
    if (!e.timedOut) d.packageError = e.message;
    fig.metric('bundle.vsix', 'bundle: .vsix', 'bytes', undefined, 3 * MB, e.timedOut ? 'timed out' : 'failed', e.message);
  }
}
