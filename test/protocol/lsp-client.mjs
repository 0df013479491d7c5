// A minimal LSP client over stdio, as an editor speaks it: spawns `node server/out/server.js --stdio`.
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @param {{ rootPath?: string, settings?: object, capabilities?: object }} [options] */
export async function startServer({ rootPath, settings = {}, capabilities } = {}) {
  const child = spawn(process.execPath, [join(root, 'server', 'out', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics = new Map();
  const waiters = [];
  const logs = [];
  let config = settings;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    diagnostics.set(p.uri, p);
    for (const w of [...waiters]) if (w.check()) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  });
  conn.onNotification('window/logMessage', (p) => logs.push(p));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => config));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const rootUri = rootPath ? pathToFileURL(rootPath).href : null;
  const init = await conn.sendRequest('initialize', {
    processId: process.pid, rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
    capabilities: capabilities ?? {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
    },
  });
  conn.sendNotification('initialized', {});
  const api = {
    conn, init, logs, diagnostics, child,
    get stderr() { return stderr; },
    setSettings(s) { config = s; conn.sendNotification('workspace/didChangeConfiguration', { settings: { claimnote: s } }); },
    /** resolves when `check()` holds for the diagnostics received so far (bounded wait) */
    waitFor(check, what = 'diagnostics', ms = 10000) {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const w = { check, resolve: () => { clearTimeout(t); resolve(); } };
        const t = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}`)); }, ms);
        waiters.push(w);
      });
    },
    codesOf(uri) { return (diagnostics.get(uri)?.diagnostics ?? []).map((d) => d.code); },
    open(uri, text, version = 1) { conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'claimnote', version, text } }); },
    change(uri, version, contentChanges) { conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges }); },
    close(uri) { conn.sendNotification('textDocument/didClose', { textDocument: { uri } }); },
    hover(uri, line, character) { return conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } }); },
    codeActions(uri, range, diagnostics = [], only) { return conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } }); },
    async stop() {
      try { await conn.sendRequest('shutdown'); conn.sendNotification('exit'); } catch { /* already gone */ }
      await new Promise((r) => { if (child.exitCode !== null) r(); else { child.once('exit', r); setTimeout(() => { child.kill(); r(); }, 2000); } });
      conn.dispose();
    },
  };
  return api;
}
