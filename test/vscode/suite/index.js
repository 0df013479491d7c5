// Entry point that VS Code's extension host loads for `--extensionTestsPath`: runs every
// *.test.js beside this file with mocha (BDD). Loaded as CommonJS inside the extension
// host, where require('vscode') is the real API. See ../runTest.mjs.
const path = require('node:path');
const fs = require('node:fs');

exports.run = async function run() {
  const results = [];
  const report = (extra) => {
    // Hand-back for runners that cannot see the extension host's output or exit code
    // (code-server: the extension host is a child of the server, driven from a browser).
    if (process.env.CLAIMNOTE_TEST_RESULT) {
      fs.writeFileSync(process.env.CLAIMNOTE_TEST_RESULT, JSON.stringify({ results, ...extra }));
    }
  };
  try {
    // mocha 12 is an ES module; import() works in every extension host.
    const mod = await import('mocha');
    const Mocha = /** @type {typeof import('mocha')} */ (mod.default ?? mod);
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
    const files = fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith('.test.js'))
      .sort()
      .map((f) => path.join(__dirname, f));
    for (const file of files) {
      // What mocha's own loader does, with require() so that 'vscode' resolves.
      mocha.suite.emit('pre-require', globalThis, file, mocha);
      mocha.suite.emit('require', require(file), file, mocha);
      mocha.suite.emit('post-require', globalThis, file, mocha);
    }
    const failures = await new Promise((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('pass', (t) => results.push({ title: t.fullTitle(), ok: true, ms: t.duration }));
      runner.on('fail', (t, err) => results.push({ title: t.fullTitle(), ok: false, error: String(err?.stack ?? err) }));
    });
    const summary = `${results.filter((r) => r.ok).length} passed, ${failures} failed`;
    console.log(summary);
    report({ failures, summary });
    if (failures > 0) throw new Error(`${failures} test(s) failed`);
  } catch (err) {
    if (!fs.existsSync(process.env.CLAIMNOTE_TEST_RESULT ?? '')) report({ failures: 1, error: String(err?.stack ?? err) });
    throw err;
  }
};
