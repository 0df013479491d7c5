// Helpers shared by the editor tests: child processes that are always cleaned up,
// free ports, and bounded polling.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const groups = new Set();
const tempDirs = new Set();

function killAllSync(signal = 'SIGKILL') {
  for (const pid of groups) {
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
  }
}
// Last resort: whatever happens to this process, take its process groups with it.
process.on('exit', () => {
  killAllSync();
  if (!process.env.E2E_KEEP) for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAllSync();
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}

/**
 * Starts a command in a process group of its own. Output is kept (last 200 KB) and,
 * with `echo`, copied to stderr with a prefix.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, echo?: boolean, label?: string }} [options]
 */
export function spawnGroup(cmd, args, { cwd, env, echo = false, label = cmd } = {}) {
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  groups.add(child.pid);
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-200_000);
    if (echo) process.stderr.write(chunk.toString().replace(/^(?=.)/gm, `[${label}] `));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      groups.delete(child.pid);
      resolve({ code, signal });
    }),
  );
  return { child, pid: child.pid, exited, output: () => output, label };
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopGroup(proc, graceMs = 5000) {
  if (!proc || !groups.has(proc.pid)) return;
  try {
    process.kill(-proc.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
  if ((await Promise.race([proc.exited, timer])) === 'timeout') {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 2000))]);
  }
  // Children that outlived the leader still belong to its group.
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  groups.delete(proc.pid);
}

/** A fresh temporary folder, removed when this process exits (unless E2E_KEEP is set). */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Polls `probe` every `interval` ms until it returns a truthy value (returned) or
 * `timeout` ms pass (throws, with the last value or error seen and, when given,
 * what `detail()` describes).
 * @template T
 * @param {string} what
 * @param {() => T | Promise<T>} probe
 * @param {{ timeout?: number, interval?: number, detail?: () => unknown }} [options]
 * @returns {Promise<T>}
 */
export async function waitFor(what, probe, { timeout = 30_000, interval = 250, detail } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const seen = detail
        ? `; seen: ${await Promise.resolve()
            .then(detail)
            .catch((e) => e.message)}`
        : '';
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}${seen}`,
      );
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Runs the named checks in order, prints a summary line and sets the exit code.
 * @param {string} title
 * @param {Array<Array<any>>} checks [name, async function] pairs
 * `afterFailure` runs after each failed check (with its name and number), so that a suite can put
 * its world back (close what the check left open) and the checks after it start as they would have.
 * @param {{ before?: () => unknown, after?: (failures: number) => unknown, afterFailure?: (name: string, n: number) => unknown }} [hooks]
 */
export async function runChecks(title, checks, { before, after, afterFailure } = {}) {
  const results = [];
  const started = Date.now();
  let setupError;
  try {
    if (before) await before();
  } catch (err) {
    setupError = err;
  }
  try {
    for (const [name, fn] of checks) {
      const t0 = Date.now();
      if (setupError) {
        results.push({ name, ok: false, err: new Error(`setup failed: ${setupError.message}`) });
        console.log(`not ok - ${name} (setup failed)`);
        continue;
      }
      try {
        await fn();
        results.push({ name, ok: true });
        console.log(`ok - ${name} (${Date.now() - t0} ms)`);
      } catch (err) {
        results.push({ name, ok: false, err });
        console.log(`not ok - ${name} (${Date.now() - t0} ms)\n    ${String(err?.stack || err).replace(/\n/g, '\n    ')}`);
        // one failure must not fail the checks after it: the suite puts its world back
        if (afterFailure) {
          try {
            await afterFailure(name, results.length);
          } catch (restoreErr) {
            console.log(`    (restoring after the failure failed too: ${restoreErr?.message || restoreErr})`);
          }
        }
      }
    }
  } finally {
    try {
      if (after) await after(results.filter((r) => !r.ok).length + (setupError ? 1 : 0));
    } catch (err) {
      console.log(`cleanup error: ${err?.stack || err}`);
    }
  }
  if (setupError) console.log(`setup error: ${setupError.stack || setupError}`);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`\n${title}: ${failed ? 'FAIL' : 'PASS'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
  return failed === 0;
}
