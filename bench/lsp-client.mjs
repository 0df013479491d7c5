// A small LSP client over a server's stdio, for the benchmark: start the server process, send
// requests and notifications, wait for the publishDiagnostics of a document's version. It
// answers what a server asks of an editor (configuration, capability registration, progress)
// as VS Code would, with defaults.
import { start, exited, withTimeout, killGroup } from './processes.mjs';

/**
 * Starts `node [nodeArgs] serverPath --stdio` in a process group of its own. Returns a client:
 *   child, pid, stderr()                     the process and the tail of what it wrote to stderr
 *   startedAt                                the performance.now() just before it was spawned
 *   request(method, params, ms, what)        the reply; rejects on timeout (`timedOut`) or when the server exits
 *   notify(method, params)
 *   diagnostics(uri, version, ms, { what, unversioned })
 *                                            the next publishDiagnostics for `uri` of that version
 *                                            (or without one, with `unversioned`): { at, count,
 *                                            diagnostics }, `at` the performance.now() of its
 *                                            arrival; one wait at a time
 *   close(ms)                                shutdown, exit, then kill the process group
 * Wait for diagnostics before sending what causes them: `const p = client.diagnostics(...); client.notify(...); await p`.
 */
export async function startServer(serverPath, { nodeArgs = [], stderrLimit = 1e5 } = {}) {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-jsonrpc/node.js');
  const startedAt = performance.now();
  const child = start(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (s) => { stderr += s; if (stderr.length > stderrLimit) stderr = stderr.slice(-stderrLimit / 2); });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onError(() => { /* reported through the waits */ });
  let waiter;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    if (waiter && p.uri === waiter.uri && (p.version === waiter.version || (waiter.unversioned && (p.version === undefined || p.version === null)))) { const w = waiter; waiter = undefined; w.resolve({ at, count: p.diagnostics.length, diagnostics: p.diagnostics }); }
  });
  conn.onNotification('window/logMessage', () => {});
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  const died = exited(child).then(({ code, signal }) => { throw new Error(`the server exited (code ${code}, signal ${signal}); stderr: ${stderr.slice(-2000)}`); });
  died.catch(() => {});

  return {
    child,
    pid: child.pid,
    startedAt,
    stderr: () => stderr,
    request: (method, params, ms, what = method) => withTimeout(Promise.race([conn.sendRequest(method, params), died]), ms, what),
    notify: (method, params) => conn.sendNotification(method, params),
    diagnostics: (uri, version, ms, { what = `publishDiagnostics of version ${version}`, unversioned = false } = {}) =>
      withTimeout(Promise.race([new Promise((resolve) => { waiter = { uri, version, unversioned, resolve }; }), died]), ms, what)
      .finally(() => { waiter = undefined; }),
    async close(ms) {
      try {
        await withTimeout(Promise.race([conn.sendRequest('shutdown'), died]), ms, 'shutdown');
        conn.sendNotification('exit');
        await withTimeout(exited(child), ms, 'exit');
      } catch { /* killed below */ }
      killGroup(child);
      conn.dispose();
    },
  };
}
