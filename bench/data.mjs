// Loading CMS's files at full size: an ICD-10-CM order file of about 98,000 rows, an RVU file of
// about 19,000 rows and a PTP file of about a million rows, in CMS's layouts (generated here: the
// figures are test data, not CMS's), read by `loadDataFolder` in a child process: its wall time
// and peak resident memory, against the targets (the PTP file: under 2 s and 150 MB).
//
//   node bench/data.mjs DIR     (the child) prints {ms, rssBytes, files: [{kind, rows, ms}]}
import { existsSync, mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { runCommand } from './processes.mjs';
import { root } from './builds.mjs';
import { fmt } from './figures.mjs';

const self = fileURLToPath(import.meta.url);

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
  await writeLines(join(dir, 'ccipra_v321r0_f1.txt'), function* () {
    yield 'CPT codes, descriptions and other data only are copyright American Medical Association. (ClaimNote benchmark data: these pairs are test data, not CMS edits.)';
    yield '';
    yield 'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale';
    yield '\t\t\tYYYYMMDD\t*=no data\t0=not allowed 1=allowed 9=not applicable\t';
    for (let i = 0; i < 1_000_000; i++)
      yield `${10000 + (i % 9000)}\t${20000 + Math.floor(i / 9000)}\t\t20200101\t*\t${i % 3 ? 1 : 0}\tMisuse of column two code with column one code`;
  });
  writeFileSync(`${dir}.done`, '');
}

async function child(dir) {
  const require = createRequire(import.meta.url);
  const { loadDataFolder } = require(join(root, 'server', 'out', 'interchange.js'));
  const t = performance.now();
  const data = loadDataFolder(dir);
  const ms = performance.now() - t;
  process.stdout.write(
    JSON.stringify({
      ms,
      rssBytes: process.resourceUsage().maxRSS * 1024,
      files: data.files.map((f) => ({ kind: f.kind, rows: f.rows })),
      ptp: data.ptp.length,
    }),
  );
}

export async function benchData(ctx) {
  const dir = join(ctx.data, 'cms-full');
  ctx.log('data: generating full-size CMS-layout files (once) ...');
  await ensureFiles(dir);
  for (const build of ctx.builds) {
    const r = await runCommand(process.execPath, [self, dir], ctx.timeouts.cli, 'data load');
    const fig = build.figures;
    if (r.code !== 0) {
      fig.metric('data.load', 'load of full-size CMS files: wall time', 'ms', undefined, 2000, 'failed', r.stderr.slice(-300));
      continue;
    }
    const d = JSON.parse(r.stdout);
    fig.details.data = d;
    fig.metric(
      'data.load',
      `load of CMS files (${d.files.map((f) => `${f.kind} ${f.rows} rows`).join(', ')}): wall time`,
      'ms',
      d.ms,
      2000,
      'ok',
      `${fmt.ms(d.ms)}; ${d.ptp} PTP edits`,
    );
    fig.metric('data.rss', 'load of full-size CMS files: peak RSS', 'bytes', d.rssBytes, 150e6, 'ok');
  }
}

if (process.argv[1] === self) await child(process.argv[2]);
