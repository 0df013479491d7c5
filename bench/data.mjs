// Loading CMS's files at full size: an ICD-10-CM order file of about 98,000 rows, an RVU file of
// about 19,000 rows and a PTP file of about a million rows, in CMS's layouts (generated here: the
// figures are test data, not CMS's), each read in a child process: the PTP file alone (under 2 s
// and 150 MB), then the three as the server reads them, in steps (under 2 s, and no request
// waits more than 200 ms behind the load).
//
//   node bench/data.mjs sync|steps DIR [BUILD-ROOT]   (the child) prints {ms, longestTurn, rssBytes, files, ptp}
import { existsSync, mkdirSync, writeFileSync, createWriteStream, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { runCommand } from './processes.mjs';
import { root } from './builds.mjs';
import { fmt } from './figures.mjs';

const self = fileURLToPath(import.meta.url);
const PTP = 'ccipra_v321r0_f1.txt';

async function writeLines(path, lines) {
  const out = createWriteStream(path);
  for (const l of lines()) if (!out.write(l + '\r\n')) await new Promise((r) => out.once('drain', () => r(undefined)));
  await new Promise((r) => out.end(() => r(undefined)));
}

/** The three files, once. */
async function ensureFiles(dir) {
  if (existsSync(`${dir}.done`)) return;
  mkdirSync(dir, { recursive: true });
  const code = (i) => `M${String(10 + (i % 90)).padStart(2, '0')}${String(i).padStart(4, '0')}`.slice(0, 7);
  await writeLines(join(dir, 'icd10cm_order_2026.txt'), function* () {
    for (let i = 0; i < 98_000; i++) {
      const c = code(i);
      yield `${String(i + 1).padStart(5, '0')} ${c.padEnd(7)} ${i % 7 ? 1 : 0} ${'Test description'.padEnd(60)} Test description, long ${i}`;
    }
  });
  await writeLines(join(dir, 'PPRRVU26_JAN.csv'), function* () {
    yield 'ClaimNote benchmark data shaped like a PPRRVU file (test data, not CMS figures),,,,,,,,,,,,,,,,';
    yield 'HCPCS,MOD,DESCRIPTION,STATUS CODE,NOT USED FOR MEDICARE PAYMENT,WORK RVU,NON-FAC PE RVU,NON-FAC NA INDICATOR,FACILITY PE RVU,FACILITY NA INDICATOR,MP RVU,NON-FACILITY TOTAL,FACILITY TOTAL,PCTC IND,GLOB DAYS,MULT PROC,CONV FACTOR';
    for (let i = 0; i < 19_000; i++) yield `${String(10000 + i)},,Test service ${i},A,,0.66,0.84,,0.36,,0.07,1.57,1.09,0,000,2,33.4009`;
  });
  await writeLines(join(dir, PTP), function* () {
    yield 'CPT codes, descriptions and other data only are copyright American Medical Association. (ClaimNote benchmark data: these pairs are test data, not CMS edits.)';
    yield '';
    yield 'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale';
    yield '\t\t\tYYYYMMDD\t*=no data\t0=not allowed 1=allowed 9=not applicable\t';
    for (let i = 0; i < 1_000_000; i++)
      yield `${10000 + (i % 9000)}\t${20000 + Math.floor(i / 9000)}\t\t20200101\t*\t${i % 3 ? 1 : 0}\tMisuse of column two code with column one code`;
  });
  writeFileSync(`${dir}.done`, '');
}

/**
 * The child: `sync DIR` reads DIR with `loadDataFolder`; `steps DIR` with `loadDataFolderAsync`
 * (as the server does), timing the longest turn a request would have waited behind the load.
 */
async function child(mode, dir, buildRoot = root) {
  const require = createRequire(import.meta.url);
  // the build's own library (a baseline build without it fails its figures, as it should)
  const { loadDataFolder, loadDataFolderAsync } = require(join(buildRoot, 'server', 'out', 'interchange.js'));
  let longestTurn = 0;
  let done = false;
  if (mode === 'steps') {
    // a ticker beside the load: the gap between its turns is how long a request would wait
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      longestTurn = Math.max(longestTurn, now - last);
      last = now;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
  }
  const t = performance.now();
  const data = mode === 'steps' ? await loadDataFolderAsync(dir) : loadDataFolder(dir);
  const ms = performance.now() - t;
  done = true;
  process.stdout.write(
    JSON.stringify({
      ms,
      longestTurn,
      rssBytes: process.resourceUsage().maxRSS * 1024,
      files: data.files.map((f) => ({ kind: f.kind, rows: f.rows, unreadable: f.unreadable.length })),
      ptp: data.ptp.size,
    }),
  );
}

export async function benchData(ctx) {
  const dir = join(ctx.data, 'cms-full');
  ctx.log('data: generating full-size CMS-layout files (once) ...');
  await ensureFiles(dir);
  // the PTP file alone, in a folder of its own
  const ptpDir = join(ctx.data, 'cms-full-ptp');
  if (!existsSync(join(ptpDir, PTP))) {
    mkdirSync(ptpDir, { recursive: true });
    symlinkSync(join(dir, PTP), join(ptpDir, PTP));
  }
  for (const build of ctx.builds) {
    const fig = build.figures;
    const run = async (mode, folder) => {
      const r = await runCommand(process.execPath, [self, mode, folder, build.root], ctx.timeouts.cli, 'data load');
      return r.code === 0 ? JSON.parse(r.stdout) : { error: r.stderr.slice(-300) || `exit ${r.code}` };
    };
    const ptp = await run('sync', ptpDir);
    const all = await run('steps', dir);
    fig.details.data = { ptp, all };
    if (ptp.error) {
      fig.metric('data.ptp', 'PTP file of 1,000,000 rows: load time', 'ms', undefined, 2000, 'failed', ptp.error);
      fig.metric('data.ptp.rss', 'PTP file of 1,000,000 rows: peak RSS', 'bytes', undefined, 150e6, 'failed', ptp.error);
    } else {
      fig.metric('data.ptp', `PTP file of ${ptp.ptp.toLocaleString('en-US')} edits: load time`, 'ms', ptp.ms, 2000, 'ok');
      fig.metric('data.ptp.rss', 'PTP file: peak RSS of the process', 'bytes', ptp.rssBytes, 150e6, 'ok');
    }
    const what = all.error ? 'the three CMS files' : `CMS files (${all.files.map((f) => `${f.kind} ${f.rows} rows`).join(', ')})`;
    if (all.error) {
      fig.metric('data.load', `${what}, read in steps: load time`, 'ms', undefined, 2000, 'failed', all.error);
      fig.metric('data.turn', 'during that load: longest wait for a request', 'ms', undefined, 200, 'failed', all.error);
    } else {
      fig.metric('data.load', `${what}, read in steps: load time`, 'ms', all.ms, 2000, 'ok', `peak RSS ${fmt.bytes(all.rssBytes)}`);
      fig.metric('data.turn', 'during that load: longest wait for a request', 'ms', all.longestTurn, 200, 'ok');
    }
  }
}

if (process.argv[1] === self) await child(process.argv[2], process.argv[3], process.argv[4]);
