// Entry point that VS Code's extension host loads for `--extensionTestsPath`: runs every
// *.test.js beside this file with mocha (BDD). Loaded as CommonJS inside the extension
// host, where require('vscode') is the real API.
const path = require('node:path');
const fs = require('node:fs');

async function loadMocha() {
  // mocha 12 is an ES module; import() works in every extension host.
  const mod = await import('mocha');
  return mod.default ?? mod;
}

exports.run = async function run() {
  const Mocha = await loadMocha();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()
    .map((f) => path.join(__dirname, f));
  for (const file of files) {
    // What mocha's own loader does, with require() so that 'vscode' resolves.
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    mocha.suite.emit('require', require(file), file, mocha);
    mocha.suite.emit('post-require', globalThis, file, mocha);
  }
  const failures = await new Promise((resolve) => mocha.run(resolve));
  const total = mocha.suite.total();
  const summary = `${total - failures} passed, ${failures} failed`;
  console.log(summary);
  // Optional hand-back for runners that cannot read the extension host's exit code.
  if (process.env.CLAIMNOTE_TEST_RESULT) {
    fs.writeFileSync(process.env.CLAIMNOTE_TEST_RESULT, JSON.stringify({ total, failures, summary }));
  }
  if (failures > 0) throw new Error(`${failures} of ${total} tests failed`);
};
