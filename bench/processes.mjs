// Child processes of the benchmark: each spawned in a process group of its own, tracked, and
// killed (the whole group) on timeout, error or Ctrl-C; what they use, read from /proc.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const children = new Set();

export function killGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
}
export function killAll() {
  for (const c of children) killGroup(c);
}

/** Whatever ends this process (exit, a signal, an uncaught error) kills every child's group. */
export function killChildrenOnExit() {
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(sig, () => {
      killAll();
      process.exit(130);
    });
  process.on('uncaughtException', (e) => {
    console.error(e);
    killAll();
    process.exit(1);
  });
  process.on('unhandledRejection', (e) => {
    console.error(e);
    killAll();
    process.exit(1);
  });
}

/** Spawns in its own process group (so a timeout kills it and its children), tracked for clean-up. */
export function start(cmd, args, options = {}) {
  const child = spawn(cmd, args, { cwd: root, detached: true, ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

export class Timeout extends Error {
  constructor(what, ms) {
    super(`${what}: timed out after ${(ms / 1000).toFixed(0)} s`);
    this.timedOut = true;
  }
}

export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      t = setTimeout(() => reject(new Timeout(what, ms)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

/** Runs a command to completion; resolves with {code, stdout, stderr, ms}; rejects with Timeout. */
export async function runCommand(cmd, args, ms, what, options = {}) {
  const child = start(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const t0 = performance.now();
  try {
    const { code, signal } = await withTimeout(exited(child), ms, what);
    return { code, signal, stdout, stderr, ms: performance.now() - t0 };
  } catch (e) {
    killGroup(child);
    throw e;
  }
}

/** `runCommand` under `/usr/bin/time -v` where there is one, with the peak resident set it reports (`peakRssBytes`). */
export async function timed(cmd, args, timeout, what) {
  const useTime = existsSync('/usr/bin/time');
  const r = await runCommand(useTime ? '/usr/bin/time' : cmd, useTime ? ['-v', cmd, ...args] : args, timeout, what);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { ...r, peakRssBytes: kb ? Number(kb[1]) * 1024 : undefined };
}

/** VmHWM (peak resident set) and VmRSS of a process in bytes, from /proc; undefined when unavailable. */
export function procMemory(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => {
      const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s);
      return m ? Number(m[1]) * 1024 : undefined;
    };
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return undefined;
  }
}

let clockTicks;
/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; undefined when unavailable. */
export function procCpuMs(pid) {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    clockTicks = 100;
  }
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / clockTicks;
  } catch {
    return undefined;
  }
}

/** Polls a process's peak RSS every `every` ms; `.peak` holds the largest VmHWM seen. */
export function memoryPoller(pid, every = 50) {
  const p = {
    peak: 0,
    stop() {
      clearInterval(timer);
      this.read();
    },
    read() {
      const m = procMemory(pid);
      if (m?.hwm) this.peak = Math.max(this.peak, m.hwm);
    },
  };
  const timer = setInterval(() => p.read(), every);
  p.read();
  return p;
}
