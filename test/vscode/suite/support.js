// Helpers of the VS Code suite's files (not a test file: index.js loads only *.test.js).
const vscode = require('vscode');

/** Polls `probe` until it returns a truthy value, at most `timeout` ms. */
async function waitFor(what, probe, timeout = 20_000, interval = 100) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The rule ids of ClaimNote's diagnostics on a document. */
const codes = (uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'claimnote')
    .map((d) => (typeof d.code === 'object' ? d.code.value : d.code));

module.exports = { waitFor, codes };
