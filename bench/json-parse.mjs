// Machine speed: `JSON.parse` of the same claims written as JSON, timed in a child process in the
// same run as the CLI and the server, so that their ratios to it compare across machines.
//
//   node --expose-gc bench/json-parse.mjs FILE REPS     (the child) prints {bytes, items, ms: [...], cpuMs: [...]}
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './processes.mjs';
import { root } from './builds.mjs';
import { median, fmt } from './figures.mjs';

const self = fileURLToPath(import.meta.url);

function child(file, reps) {
  const text = readFileSync(file, 'utf8');
  const ms = [];
  const cpuMs = [];
  let items = 0;
  for (let i = -1; i < reps; i++) {
    // i = -1: a warm-up parse, not counted
    globalThis.gc?.();
    const c = process.cpuUsage();
    const t = performance.now();
    const v = JSON.parse(text);
    const dt = performance.now() - t;
    const dc = process.cpuUsage(c);
    if (i >= 0) {
      ms.push(dt);
      cpuMs.push((dc.user + dc.system) / 1000);
    }
    items = v.length;
  }
  process.stdout.write(JSON.stringify({ bytes: Buffer.byteLength(text), items, ms, cpuMs }));
}

/** Times `JSON.parse` of `file` `reps` times in a child process: {bytes, items, ms, cpuMs, medianMs, medianCpuMs}. */
export async function jsonParse(file, reps, timeout) {
  const r = await runCommand(process.execPath, ['--expose-gc', self, file, String(reps)], timeout, `JSON.parse ${relative(root, file)}`);
  if (r.code !== 0) throw new Error(`JSON.parse baseline failed: ${r.stderr.slice(-500)}`);
  const out = JSON.parse(r.stdout);
  return { ...out, medianMs: median(out.ms), medianCpuMs: median(out.cpuMs) };
}

/** JSON.parse of the workspace's and the document's claims (five times each), into `details.baseline`; the workspace's, or undefined when it failed. */
export async function machineSpeed({ data, details, timeout, log }) {
  try {
    const baseline = await jsonParse(join(data, 'workspace.json'), 5, timeout);
    details.baseline = { workspace: baseline };
    log(
      `baseline: JSON.parse of ${fmt.bytes(baseline.bytes)} (${baseline.items} claims): median ${fmt.ms(baseline.medianMs)} of ${baseline.ms.map((x) => x.toFixed(0)).join(', ')} ms (CPU median ${fmt.ms(baseline.medianCpuMs)})`,
    );
    const doc = await jsonParse(join(data, 'document.json'), 5, timeout);
    details.baseline.document = doc;
    log(`baseline: JSON.parse of ${fmt.bytes(doc.bytes)} (${doc.items} claims): median ${fmt.ms(doc.medianMs)}`);
    return baseline;
  } catch (e) {
    log(`baseline: ${e.message}`);
    details.baselineError = e.message;
    return undefined;
  }
}

if (process.argv[1] && self === process.argv[1]) child(process.argv[2], Number(process.argv[3] ?? 5));
