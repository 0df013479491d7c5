// The one LSP client the tests and the benchmark use: spawns `node server/out/server.js --stdio`
// (or another build's server, `serverPath`) and speaks LSP over its stdin and stdout as an
// editor does. It frames every message itself (one write per message), so a test can also write
// raw bytes between messages (bad JSON, bad headers) without cutting a message in two. Requests
// resolve with the result or reject with an Error carrying the reply's `code`; `tryRequest`
// resolves with `{ result }` or `{ error }`. `nextDiagnostics` times the publishDiagnostics of a
// document's version as it arrives (the benchmark's edits); `stop` shuts the server down.
import { spawn as spawnProcess } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The bundles' folder: server/out, or CLAIMNOTE_OUT (a copy, so that a long run is not changed by a rebuild). */
export const outDir = process.env.CLAIMNOTE_OUT || join(root, 'server', 'out');
export const serverPath = join(outDir, 'server.js');

export const DEFAULT_CAPABILITIES = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
};

/** A wait that does not keep the process alive. */
const delay = (ms) => new Promise((r) => setTimeout(r, ms).unref());

/** The framing of one message: `Content-Length` header and UTF-8 body, as one buffer. */
export function frame(message) {
  const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** Reads framed messages from a stream; calls `onMessage(parsed)` (or `onBad(text)` for a body that is not JSON). */
/**
 * @param {NodeJS.ReadableStream} stream
 * @param {(message: any) => void} onMessage
 * @param {(text: string) => void} [onBad]
 */
export function readFrames(stream, onMessage, onBad = (_text) => {}) {
  // chunks are joined only when a header is looked for or a whole body is there (joining them
  // on every read is quadratic in a message of megabytes)
  let chunks = [],
    size = 0,
    need = -1;
  const joined = () => {
    if (chunks.length > 1) chunks = [Buffer.concat(chunks, size)];
    return chunks[0];
  };
  const keep = (rest) => {
    chunks = rest.length ? [rest] : [];
    size = rest.length;
  };
  stream.on('data', (data) => {
    chunks.push(data);
    size += data.length;
    for (;;) {
      if (need < 0) {
        if (!size) return;
        const buf = joined();
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const m = /Content-Length: *(\d+)/i.exec(buf.toString('latin1', 0, end));
        keep(buf.subarray(end + 4));
        if (!m) {
          onBad('a header without Content-Length');
          continue;
        }
        need = Number(m[1]);
      }
      if (size < need) return;
      const buf = joined();
      const body = buf.toString('utf8', 0, need);
      keep(buf.subarray(need));
      need = -1;
      let msg;
      try {
        msg = JSON.parse(body);
      } catch {
        onBad(body);
        continue;
      }
      onMessage(msg);
    }
  });
}

/**
 * How a server's process is started: node's `spawn`, or one that also tracks it (the
 * benchmark's, in a process group of its own).
 * @typedef {(command: string, args: string[], options: import('node:child_process').SpawnOptions) => import('node:child_process').ChildProcess} Spawn
 */

/**
 * A publishDiagnostics as `nextDiagnostics` resolves with it: the notification's parameters and
 * `at`, the `performance.now()` of its arrival (just after its body was parsed).
 * @typedef {{ uri: string, version?: number | null, diagnostics: any[], at: number }} Publish
 */

/**
 * Starts a server. Options: `rootPath` (a workspace folder), `settings` (answered to
 * workspace/configuration), `capabilities`, `initializationOptions`, `initialize: false` (to
 * speak to it before initialize), `args` for node (e.g. `--max-old-space-size=...`),
 * `serverPath` (another build's server.js; default this checkout's, `serverPath` above),
 * `spawn` (how the process is started; default node's `spawn`, with `stdio` all pipes).
 * @param {{ rootPath?: string, settings?: object, capabilities?: object, initializationOptions?: object, initialize?: boolean, args?: string[], serverPath?: string, spawn?: Spawn }} [options]
 */
export async function startServer({
  rootPath,
  settings = {},
  capabilities,
  initializationOptions,
  initialize = true,
  args = [],
  serverPath: server = serverPath,
  spawn = spawnProcess,
} = {}) {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...args, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-100_000);
  });
  child.stdin.on('error', () => {
    /* the server is gone: the exit is reported */
  });
  let exit;
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    }),
  );

  const diagnostics = new Map();
  /**
   * waits on publishDiagnostics: each is checked on every publish (and failed when the server exits)
   * @type {{ check: (publish: any) => boolean, resolve: (publish: any, at: number) => void, fail: (error: Error) => void }[]}
   */
  const waiters = [];
  const logs = [];
  const pending = new Map();
  const requestHandlers = new Map();
  const notificationHandlers = new Map();
  /** replies the server sent that answer no request of ours (e.g. to bad JSON: id null) */
  const strayReplies = [];
  let nextId = 1;
  let config = settings;

  const write = (message) => {
    if (exit === undefined && child.stdin.writable) child.stdin.write(frame(message));
  };
  const conn = {
    /** the id of the request sent last (to cancel it) */
    lastId: 0,
    sendRequest(method, params) {
      const id = nextId++;
      conn.lastId = id;
      return new Promise((resolve, reject) => {
        if (exit !== undefined) {
          reject(Object.assign(new Error(`the server has exited (${JSON.stringify(exit)}); stderr: ${stderr}`), { code: 'EXITED' }));
          return;
        }
        pending.set(id, { resolve, reject, method });
        write(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
      });
    },
    sendNotification(method, params) {
      write(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params });
    },
    onRequest(method, handler) {
      requestHandlers.set(method, handler);
    },
    onNotification(method, handler) {
      notificationHandlers.set(method, handler);
    },
  };

  const onMessage = async (msg) => {
    if (msg.method === undefined) {
      const p = pending.get(msg.id);
      if (!p) {
        strayReplies.push(msg);
        return;
      }
      pending.delete(msg.id);
      if (msg.error)
        p.reject(Object.assign(new Error(`${p.method}: ${msg.error.message}`), { code: msg.error.code, data: msg.error.data }));
      else p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      const h = requestHandlers.get(msg.method);
      if (!h) {
        write({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: `no handler for ${msg.method}` } });
        return;
      }
      try {
        write({ jsonrpc: '2.0', id: msg.id, result: (await h(msg.params)) ?? null });
      } catch (e) {
        write({ jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: String(e?.message ?? e) } });
      }
      return;
    }
    notificationHandlers.get(msg.method)?.(msg.params);
  };
  readFrames(
    child.stdout,
    (m) => {
      void onMessage(m);
    },
    (bad) => strayReplies.push({ unparsable: bad }),
  );
  exited.then(() => {
    for (const [, p] of pending)
      p.reject(
        Object.assign(new Error(`the server exited (${JSON.stringify(exit)}) before answering ${p.method}; stderr: ${stderr}`), {
          code: 'EXITED',
        }),
      );
    pending.clear();
    for (const w of [...waiters]) w.fail(new Error(`the server exited (${JSON.stringify(exit)}); stderr: ${stderr}`));
  });

  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    diagnostics.set(p.uri, p);
    for (const w of [...waiters])
      if (w.check(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p, at);
      }
  });
  conn.onNotification('window/logMessage', (p) => logs.push(p));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => config));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);

  const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
  let init;
  if (initialize) {
    init = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: capabilities ?? DEFAULT_CAPABILITIES,
      ...(initializationOptions === undefined ? {} : { initializationOptions }),
    });
    conn.sendNotification('initialized', {});
  }
  const api = {
    conn,
    init,
    logs,
    diagnostics,
    child,
    exited,
    strayReplies,
    get stderr() {
      return stderr;
    },
    /** whether the process is still running */
    get alive() {
      return exit === undefined;
    },
    get exit() {
      return exit;
    },
    pid: child.pid,
    /** the `performance.now()` just before the process was spawned (to time start-up) */
    startedAt,
    /** bytes written as they are, between whole messages */
    raw(bytes) {
      if (exit === undefined) child.stdin.write(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    },
    request: (method, params) => conn.sendRequest(method, params),
    notify: (method, params) => conn.sendNotification(method, params),
    /**
     * `{ result }` or `{ error: { code, message } }`: never rejects
     * @param {string} method
     * @param {unknown} [params]
     * @returns {Promise<{ result?: any, error?: { code: number, message: string } }>}
     */
    tryRequest(method, params) {
      return conn.sendRequest(method, params).then(
        (result) => ({ result }),
        (e) => ({ error: { code: e.code, message: e.message } }),
      );
    },
    setSettings(s) {
      config = s;
      conn.sendNotification('workspace/didChangeConfiguration', { settings: { claimnote: s } });
    },
    /** resolves when `check()` holds for the diagnostics received so far (bounded wait) */
    waitFor(check, what = 'diagnostics', ms = 10000) {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const w = {
          check,
          resolve: () => {
            clearTimeout(t);
            resolve();
          },
          fail: (e) => {
            clearTimeout(t);
            waiters.splice(waiters.indexOf(w), 1);
            reject(e);
          },
        };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}`));
        }, ms);
        waiters.push(w);
      });
    },
    codesOf(uri) {
      return (diagnostics.get(uri)?.diagnostics ?? []).map((d) => d.code);
    },
    open(uri, text, version = 1) {
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'claimnote', version, text } });
    },
    change(uri, version, contentChanges) {
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    },
    close(uri) {
      conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    hover(uri, line, character) {
      return conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    },
    codeActions(uri, range, diagnostics = [], only) {
      return conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
    },
    /**
     * Resolves once the diagnostics of `uri` at `version` have arrived, and with them whatever
     * else the same check published (a request's reply comes after them).
     */
    async settle(uri, version, ms = 10000) {
      await api.waitFor(() => diagnostics.get(uri)?.version === version, `diagnostics of ${uri} version ${version}`, ms);
      await conn.sendRequest('workspace/symbol', { query: '' });
    },
    /**
     * The next publishDiagnostics for `uri` (of `version`; of any version, or none, when it is
     * not given) that arrives after this call: start waiting before sending what causes it,
     * `const p = s.nextDiagnostics(uri, { version: 2 }); s.change(uri, 2, ...); await p`.
     * Rejects after `ms` (an Error with `timedOut`) or when the server exits (`code` 'EXITED').
     * @param {string} uri
     * @param {{ version?: number, ms?: number, what?: string }} [options] `what` names the wait in its errors
     * @returns {Promise<Publish>}
     */
    nextDiagnostics(
      uri,
      { version, ms = 10000, what = `publishDiagnostics of ${uri}${version === undefined ? '' : ` version ${version}`}` } = {},
    ) {
      return new Promise((resolve, reject) => {
        if (exit !== undefined) {
          reject(
            Object.assign(new Error(`${what}: the server has exited (${JSON.stringify(exit)}); stderr: ${stderr.slice(-2000)}`), {
              code: 'EXITED',
            }),
          );
          return;
        }
        const w = {
          check: (p) => p.uri === uri && (version === undefined || p.version === version),
          resolve: (p, at) => {
            clearTimeout(t);
            resolve({ ...p, at });
          },
          fail: () => {
            clearTimeout(t);
            waiters.splice(waiters.indexOf(w), 1);
            reject(
              Object.assign(new Error(`${what}: the server exited (${JSON.stringify(exit)}); stderr: ${stderr.slice(-2000)}`), {
                code: 'EXITED',
              }),
            );
          },
        };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(
            Object.assign(new Error(`${what}: timed out after ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`), {
              timedOut: true,
            }),
          );
        }, ms);
        waiters.push(w);
      });
    },
    /**
     * `shutdown` (answered within `shutdownMs`, or not), `exit`, then the process is killed
     * unless it exits within `exitMs`; resolves once it has exited.
     * @param {{ shutdownMs?: number, exitMs?: number }} [options]
     */
    async stop({ shutdownMs = 5000, exitMs = 2000 } = {}) {
      if (exit === undefined) {
        try {
          await Promise.race([conn.sendRequest('shutdown'), delay(shutdownMs)]);
          conn.sendNotification('exit');
        } catch {
          /* already gone */
        }
      }
      await Promise.race([exited, delay(exitMs)]);
      if (exit === undefined) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  return api;
}
