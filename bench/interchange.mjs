// Claims leaving and coming back, timed: the generated workspace's claims, with the billing
// details an 837P needs (a practice, member ids, charges), exported with `claimnote export --to
// 837p` and the interchange imported back with `claimnote import`, each next to `JSON.parse` of
// the same claims written as JSON (the machine-speed yardstick of the CLI group), and the peak
// resident memory of each (bounded: it must not grow with the output).
import { existsSync, mkdirSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { timed } from './processes.mjs';
import { root } from './builds.mjs';
import { jsonParse } from './json-parse.mjs';
import { fmt, grouped } from './figures.mjs';

/** A claim with everything an 837P needs; `i` makes its id, patient and date its own. */
function claimText(i) {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
  return [
    `claim X-${i}`,
    `  patient P-${i} Doe, Jane Q`,
    '  member 1EG4-TE5-MK73',
    '  born 1950-01-01',
    '  sex F',
    '  address 200 Elm St, Anytown, CA 90001-0001',
    '  payer medicare',
    `  date 2025-${month}-${day}`,
    '  diagnosis A M79.12',
    '  line 20552-RT dx A charge 95.00',
    '  muscles right upper trapezius',
    '  drug lidocaine 1% 2 mL',
    '  symptoms neck pain for 3 months',
    '  exam taut band with local twitch response',
    '  tried physical therapy 6 weeks',
    '  technique 27-gauge needle',
    '  response pain 6/10 to 2/10',
    '',
  ].join('\n');
}

const HEADER = `practice RIVERSIDE "Riverside Pain Clinic"
  npi 1234567893
  tin 12-3456789
  address 100 Main St, Suite 200, Anytown, CA 90001-1234
  phone 555-555-1212

policy medicare "Medicare Part B"
  payer-id 01182
  limit 3 per 12 months
  interval 6 weeks
  rate 100%
  covers M79.10, M79.11, M79.12, M79.18
`;

/** The workspace (files of claims, one of practice and policy) and the same claims as JSON. */
function ensureInterchangeData(dir, claims, files) {
  const done = join(dir, 'done.json');
  if (existsSync(done)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'workspace'), { recursive: true });
  writeFileSync(join(dir, 'workspace', 'billing.claim'), HEADER);
  const per = Math.ceil(claims / files);
  const json = [];
  for (let f = 0, i = 0; f < files && i < claims; f++) {
    const parts = [];
    for (let k = 0; k < per && i < claims; k++, i++) {
      parts.push(claimText(i));
      json.push({
        id: `X-${i}`,
        patient: {
          id: `P-${i}`,
          name: { last: 'Doe', first: 'Jane', middle: 'Q' },
          member: '1EG4TE5MK73',
          born: '1950-01-01',
          sex: 'F',
          address: { line1: '200 Elm St', city: 'Anytown', state: 'CA', zip: '900010001' },
        },
        payer: 'medicare',
        date: '2025-01-01',
        diagnoses: [{ letter: 'A', code: 'M7912' }],
        lines: [{ code: '20552', modifiers: ['RT'], units: 1, pointers: [1], chargeCents: 9500 }],
      });
    }
    writeFileSync(join(dir, 'workspace', `claims-${String(f).padStart(3, '0')}.claim`), parts.join('\n'));
  }
  writeFileSync(join(dir, 'claims.json'), JSON.stringify(json));
  writeFileSync(done, JSON.stringify({ claims, files }));
}

/** The run of median wall time (of an even number, the slower middle one; a failed run, if any), with the highest peak memory of all. */
function medianRun(runs) {
  const failed = runs.find((r) => r.code !== 0);
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const mid = failed ?? sorted[Math.floor(sorted.length / 2)];
  const peaks = runs.map((r) => r.peakRssBytes).filter((x) => x !== undefined);
  return { ...mid, peakRssBytes: peaks.length ? Math.max(...peaks) : undefined };
}

export async function benchInterchange(ctx) {
  const { opts, timeouts, manifest, log } = ctx;
  const claims = manifest.workspace.claims;
  const dir = join(ctx.data, `interchange-${claims}`);
  ensureInterchangeData(dir, claims, Math.max(1, Math.min(100, Math.ceil(claims / 1000))));
  const baseline = await jsonParse(join(dir, 'claims.json'), Math.max(1, opts.runs), timeouts.jsonBaseline);
  for (const build of ctx.builds) {
    const fig = build.figures;
    const out = join(dir, 'batch.x12');
    const into = join(dir, `imported-${build.name ?? 'current'}`);
    rmSync(into, { recursive: true, force: true });
    // as the CLI and server groups: the median of the runs (the machine's speed moves by a third
    // from one minute to the next), the highest peak memory
    const exports = [];
    const imports = [];
    for (let run = 0; run < Math.max(1, opts.runs); run++) {
      rmSync(into, { recursive: true, force: true });
      log(`interchange: node ${relative(root, build.cli)} export --to 837p ... (${grouped(claims)} claims, run ${run + 1})`);
      const e = await timed(
        process.execPath,
        [build.cli, 'export', '--to', '837p', '--date', '2026-01-01T00:00', '--exit-zero', '--out', out, join(dir, 'workspace')],
        timeouts.cli,
        'export',
      );
      log(`interchange: node ${relative(root, build.cli)} import ... (run ${run + 1})`);
      const i = await timed(process.execPath, [build.cli, 'import', out, '--out', into], timeouts.cli, 'import');
      exports.push({ ...e, count: (/exported (\d+) claims?/.exec(e.stderr) ?? [])[1] });
      imports.push({ ...i, count: (/imported (\d+) claims?/.exec(i.stdout) ?? [])[1] });
      if (e.code !== 0 || i.code !== 0) break; // a failed run fails the figure: no further run
    }
    const exp = medianRun(exports);
    const imp = medianRun(imports);
    const exported = exp.count;
    const imported = imp.count;
    const ok = (r) => (r.code === 0 ? 'ok' : 'failed');
    const n = grouped(claims);
    fig.details.interchange = {
      claims,
      exported: Number(exported),
      imported: Number(imported),
      exportMs: exp.ms,
      importMs: imp.ms,
      jsonParseMs: baseline.medianMs,
      files: existsSync(into) ? readdirSync(into).length : 0,
    };
    fig.metricAtMost(
      'interchange.export.ratio',
      `export to 837P, ${n} claims / JSON.parse`,
      'x',
      exp.ms / baseline.medianMs,
      6,
      Number(exported) === claims ? ok(exp) : 'failed',
      `${fmt.ms(exp.ms)}; JSON.parse ${fmt.ms(baseline.medianMs)}; ${exported ?? 0} claims exported`,
    );
    fig.metricAtMost(
      'interchange.import.ratio',
      `import of the 837P, ${n} claims / JSON.parse`,
      'x',
      imp.ms / baseline.medianMs,
      6,
      Number(imported) === claims ? ok(imp) : 'failed',
      `${fmt.ms(imp.ms)}; ${imported ?? 0} claims imported`,
    );
    fig.metric('interchange.export.rss', `export to 837P, ${n} claims: peak RSS`, 'bytes', exp.peakRssBytes, 1e9, ok(exp));
    fig.metric('interchange.import.rss', `import of the 837P, ${n} claims: peak RSS`, 'bytes', imp.peakRssBytes, 1e9, ok(imp));
  }
}
