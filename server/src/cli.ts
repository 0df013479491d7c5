// claimnote check [--format text|json] [--exit-zero] [--rule id=severity]... <file-or-folder>...
// Everything given forms one workspace. Exit 0: no error; 1: an error; 2: bad usage.
import { lstatSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative, resolve, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { findClaimFiles, readClaimFile } from './files';
import { compactBlock, compactFile, compareRefs, lower, Workspace, type IdRef } from './model/workspace';
import type { Tok } from './language/syntax';
import { firstWord } from './language/scanner';
import { mapBlocks, parseBlocks, patientOfBlock, type BlockMap } from './language/parser';
import {
  applySeverities, checkBlock, checkClaimIds, checkParts, checkWorkspaceWide, compareFindings, CrossChecker, forgetCachedFindings,
} from './rules/engine';
import { RULES_BY_ID } from './rules/registry';
import type { Finding, Severity, SeveritySetting } from './rules/rule';

/** Threads at most, and the size of the claims from which the check uses more than one. */
const MAX_JOBS = 4;
const SHARD_BYTES = 8e6;
const PART_BYTES = partBytes(process.env.CLAIMNOTE_PART_BYTES);
/** `CLAIMNOTE_PART_BYTES`: bytes of claims a thread checks at a time (35 MB by default, 64 kB at least). */
function partBytes(setting: string | undefined): number {
  const n = Number(setting);
  return setting && Number.isFinite(n) ? Math.max(n, 65536) : 35e6;
}

const USAGE = `usage: claimnote check [--format text|json] [--exit-zero] [--rule <rule-id>=<error|warning|info|hint|off>]... [--jobs N] <file-or-folder>...

Checks .claim files. Folders are searched for .claim files (not following symbolic links,
skipping hidden folders and node_modules). Everything given is one workspace.
--jobs N checks with N threads (default: one per CPU, at most ${MAX_JOBS}, for ${SHARD_BYTES / 1e6} MB of claims or more).
Exit status: 0 when nothing is an error, 1 when something is, 2 on bad usage (or an internal error).`;

class UsageError extends Error {}

interface Options { format: 'text' | 'json'; exitZero: boolean; severities: Record<string, SeveritySetting>; jobs?: number; paths: string[] }


const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

export function parseArgs(argv: string[]): Options | 'help' {
  const o: Options = { format: 'text', exitZero: false, severities: {}, paths: [] };
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return 'help';
  if (argv[0] !== 'check') throw new UsageError(argv.length ? `unknown command \`${argv[0]}\`: the command is \`check\`` : 'missing command `check`');
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--exit-zero') o.exitZero = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not \`${f}\``);
      o.format = f;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const r = value('--rule');
      const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(r);
      if (!m) throw new UsageError(`--rule takes <rule-id>=<severity>, not \`${r}\``);
      if (!RULES_BY_ID.has(m[1])) throw new UsageError(`--rule: unknown rule \`${m[1]}\``);
      if (!SEVERITIES.includes(m[2])) throw new UsageError(`--rule ${m[1]}: severity must be one of ${SEVERITIES.join(', ')}`);
      o.severities[m[1]] = m[2] as SeveritySetting;
    } else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const j = value('--jobs');
      if (!/^\d+$/.test(j) || Number(j) < 1 || Number(j) > 64) throw new UsageError(`--jobs takes a number of threads from 1 to 64, not \`${j}\``);
      o.jobs = Number(j);
    } else if (a === '--') { o.paths.push(...args.slice(i + 1)); break; }
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option \`${a}\``);
    else o.paths.push(a);
  }
  if (!o.paths.length) throw new UsageError('no file or folder to check');
  return o;
}

/** The .claim files under the given paths, in sorted order; missing paths throw a usage error. */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try { st = lstatSync(p); } catch { throw new UsageError(`no such file or folder: ${p}`); }
    if (st.isDirectory()) findClaimFiles(p, out);
    else out.push(p);
  }
  return [...new Set(out)];
}

function displayPath(given: string): string {
  return isAbsolute(given) ? given : relative(process.cwd(), resolve(given)) || given;
}

function jsonDiagnostic(f: Finding) {
  return {
    code: f.code, severity: f.severity, message: f.message, range: f.range,
    fixes: f.fixes.map((x) => ({ title: x.title, isPreferred: x.isPreferred, edits: x.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
  };
}

interface Prepared { o: Options; files: { path: string; uri: string }[] }

/** Parses the arguments and finds the files; an exit status when there is nothing to check. */
function prepare(argv: string[], out: (s: string) => void, err: (s: string) => void): Prepared | number {
  let o: Options | 'help';
  try { o = parseArgs(argv); } catch (e) {
    if (e instanceof UsageError) { err(`claimnote: ${e.message}\n${USAGE}\n`); return 2; }
    throw e;
  }
  if (o === 'help') { out(USAGE + '\n'); return 0; }
  let paths: string[];
  try { paths = collectFiles(o.paths); } catch (e) {
    if (e instanceof UsageError) { err(`claimnote: ${e.message}\n`); return 2; }
    throw e;
  }
  const seen = new Set<string>();
  const files: Prepared['files'] = [];
  for (const path of paths) {
    const uri = pathToFileURL(resolve(path)).href;
    if (seen.has(uri)) continue;
    seen.add(uri);
    files.push({ path, uri });
  }
  return { o, files };
}

/** Writes the report, file by file, and returns the exit status. */
function report(o: Options, files: Prepared['files'], local: Finding[][], crossFindings: Finding[], out: (s: string) => void): number {
  const cross = new Map<string, Finding[]>();
  for (const f of crossFindings) {
    const list = cross.get(f.uri);
    if (list) list.push(f); else cross.set(f.uri, [f]);
  }
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  if (o.format === 'json') out('{"files":[');
  files.forEach((e, i) => {
    const findings = local[i].concat(cross.get(e.uri) ?? []).sort(compareFindings);
    const path = displayPath(e.path);
    for (const d of findings) counts[d.severity]++;
    if (o.format === 'json') out((i ? ',' : '') + JSON.stringify({ path, diagnostics: findings.map(jsonDiagnostic) }));
    else for (const d of findings) out(`${path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message} [${d.code}]\n`);
    local[i] = [];
  });
  if (o.format === 'json') out(`],"summary":${JSON.stringify({ files: files.length, ...counts })}}\n`);
  else {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    out(`${plural(files.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info, ${plural(counts.hint, 'hint')}\n`);
  }
  return counts.error > 0 && !o.exitZero ? 1 : 0;
}

/**
 * What one thread checks: the claims of some patients (all of them with one thread), every
 * policy, and the file-wide findings and policy findings of some files. Patients are split by
 * a hash of their id, so a patient's sessions and same-day claims are all in one part and the
 * cross-claim rules see whole groups. Claim ids are checked across parts by the caller.
 */
export interface Part { part: number; parts: number; files: { path: string; uri: string }[]; severities: Record<string, SeveritySetting> }

/** A claim's id, for the claim-id check across parts. */
interface IdEntry { key: string; uri: string; startLine: number; id: Tok }

export interface PartResult {
  /** per-document findings, by file */
  local: Finding[][];
  /** cross-claim findings of the part's claims */
  cross: Finding[];
  /** whole-workspace findings (every part sees every policy: the caller removes repeats) */
  wide: Finding[];
  /** the ids of the part's claims */
  ids: IdEntry[];
}

/** Where a file's blocks are and which part each belongs to, found by a thread's first part and reused by the next. */
interface FileMap { map: BlockMap; keys: Uint32Array; stamp: string }

/** The key of a block every part parses (a policy); claims' keys are below it. */
const EVERY_PART = 0xffffffff;

function mtimeOf(path: string): number {
  try { return statSync(path).mtimeMs; } catch { return -1; }
}

/** FNV-1a: a patient's part. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Checks one part, file by file: parse (only the part's blocks), run the per-document rules,
 * keep their findings and only the parts of the syntax tree the cross-claim rules need; then
 * the cross-claim rules over the part's index.
 */
export function checkPart(job: Part, maps: Map<string, FileMap> = new Map()): PartResult {
  const options = { severities: job.severities };
  const whole = job.parts === 1;
  const ws = new Workspace();
  const pool = new Map<string, string>();
  /** The part of each block: every part has every policy; a claim goes by its patient. */
  const keysOf = (map: BlockMap, lines: readonly string[], file: number): Uint32Array => {
    const keys = new Uint32Array(map.starts.length);
    map.starts.forEach((from, i) => {
      const to = i + 1 < map.starts.length ? map.starts[i + 1] : lines.length;
      if (firstWord(lines[from]) === 'policy') keys[i] = EVERY_PART;
      else {
        const patient = patientOfBlock(lines, from, to);
        // claims without a patient are in no group: spread them evenly, by their place
        keys[i] = (patient === undefined ? file * 65599 + i : hashOf(lower(patient))) % EVERY_PART;
      }
    });
    return keys;
  };
  const local = job.files.map((f, i) => {
    // the file-wide findings and the policies' findings of a file come from one part
    const owner = i % job.parts === job.part;
    const r = readClaimFile(f.path);
    if (!('text' in r)) {
      if (!owner) return [];
      ws.setUnreadable(f.uri, r.error);
      return applySeverities(checkParts(ws.get(f.uri)!, true, []), options);
    }
    // a file changed on disk since the thread's previous part is mapped again
    const stamp = `${r.text.length}:${mtimeOf(f.path)}`;
    let known = maps.get(f.uri);
    let lines: readonly string[] | undefined;
    if (!known || known.stamp !== stamp) {
      const mapped = mapBlocks(r.text);
      lines = mapped.lines;
      known = { map: mapped.map, keys: whole ? new Uint32Array(0) : keysOf(mapped.map, lines, i), stamp };
      maps.set(f.uri, known);
    }
    const { map, keys } = known;
    const findings: Finding[] = [];
    const mine = (b: number) => whole || keys[b] === EVERY_PART || keys[b] % job.parts === job.part;
    const file = parseBlocks(f.uri, r.text, map, lines, mine, owner, (file, block) => {
      if (owner || block.kind === 'claim') for (const x of checkBlock(file, block)) findings.push(x);
      forgetCachedFindings(block);
      compactBlock(block, pool);
    });
    // a copy whose strings are flat: messages built from tokens would otherwise pin the file's text
    const all = structuredClone(applySeverities(checkParts(file, owner, []).concat(findings), options));
    compactFile(file);
    ws.setFile(f.uri, file);
    return all;
  });
  const cross = new CrossChecker(false).run(ws, options, whole ? {} : { ids: false, workspace: false });
  const ids: IdEntry[] = [];
  if (!whole) for (const [key, refs] of ws.index().claimsById) for (const r of refs) ids.push({ key, uri: r.uri, startLine: r.claim.startLine, id: r.claim.id! });
  return { local, cross, wide: whole ? [] : checkWorkspaceWide(ws, options), ids };
}

/**
 * Checks parts one after the other. Between two parts the heap is collected at once: the
 * finished part's index is garbage, and without a collection V8 would grow the heap to hold the
 * next part beside it instead of reusing its memory.
 */
export function checkPartsInTurn(jobs: Part[]): PartResult[] {
  const maps = new Map<string, FileMap>();
  return jobs.map((job, k) => {
    if (k > 0) collectGarbage();
    return checkPart(job, maps);
  });
}

let gc: (() => void) | undefined;
function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** Checks parts, one after the other, in a worker thread (this same script). */
function checkPartsInWorker(jobs: Part[], started: Worker[]): Promise<PartResult[]> {
  return new Promise((resolveParts, reject) => {
    const worker = new Worker(__filename, { workerData: { claimnoteParts: jobs } });
    started.push(worker);
    let done = false;
    worker.once('message', (m: PartResult[]) => { done = true; resolveParts(m); });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (!done) reject(new Error(`a checking thread stopped (exit code ${code})`)); });
  });
}

/** The claim-id findings across parts, and the whole-workspace findings once. */
function acrossParts(results: PartResult[], options: { severities: Record<string, SeveritySetting> }): Finding[] {
  const out: Finding[] = [];
  const byId = new Map<string, IdRef[]>();
  for (const r of results) {
    for (const e of r.ids) {
      const ref = { uri: e.uri, claim: { startLine: e.startLine, id: e.id } };
      const list = byId.get(e.key);
      if (list) list.push(ref); else byId.set(e.key, [ref]);
    }
  }
  for (const refs of byId.values()) if (refs.length > 1) for (const f of checkClaimIds(refs.sort(compareRefs), options)) out.push(f);
  const seen = new Set<string>();
  for (const r of results) {
    for (const f of r.wide) {
      const key = JSON.stringify(f);
      if (!seen.has(key)) { seen.add(key); out.push(f); }
    }
  }
  return out;
}

/**
 * Threads and parts for a check. Threads: `--jobs`, else one per CPU (at most MAX_JOBS) when
 * the claims are large. Parts: enough that each holds about PART_BYTES of claims, a multiple of
 * the threads; a thread checks its parts one after the other, so memory holds one part's index
 * per thread, not the whole workspace's.
 */
function planFor(o: Options, files: Prepared['files']): { threads: number; parts: number } {
  let bytes = 0;
  for (const f of files) {
    let st;
    try { st = statSync(f.path); } catch { continue; /* reported when read */ }
    // a pipe or a device can be read once: one part reads it once
    if (!st.isFile()) return { threads: 1, parts: 1 };
    bytes += st.size;
  }
  const threads = Math.max(1, o.jobs ?? (bytes < SHARD_BYTES ? 1 : Math.min(MAX_JOBS, availableParallelism())));
  return { threads, parts: threads * Math.max(1, Math.ceil(bytes / (threads * PART_BYTES))) };
}

/**
 * The check: the workspace is split by patient between threads (this one and workers), each
 * checks its part file by file; then the claim ids across parts, and the report.
 */
export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const p = prepare(argv, out, err);
  if (typeof p === 'number') return p;
  const { threads, parts } = planFor(p.o, p.files);
  const partsOf = (thread: number): Part[] => {
    const list: Part[] = [];
    for (let part = thread; part < parts; part += threads) list.push({ part, parts, files: p.files, severities: p.o.severities });
    return list;
  };
  const started: Worker[] = [];
  const workers: Promise<PartResult[]>[] = [];
  for (let t = 1; t < threads; t++) workers.push(checkPartsInWorker(partsOf(t), started));
  let results: PartResult[];
  try {
    const own = checkPartsInTurn(partsOf(0));
    results = own.concat(...(await Promise.all(workers)));
  } catch (e) {
    // a check that did not run must not look like a clean one; the other threads are stopped
    for (const w of started) void w.terminate();
    err(`claimnote: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
  const local = p.files.map((_, i) => results.flatMap((r) => r.local[i]));
  const cross = applySeverities(results.flatMap((r) => r.cross).concat(acrossParts(results, { severities: p.o.severities })), { severities: p.o.severities });
  return report(p.o, p.files, local, cross, out);
}

if (!isMainThread && workerData?.claimnoteParts) {
  parentPort!.postMessage(checkPartsInTurn(workerData.claimnoteParts as Part[]));
} else if (require.main === module) {
  // a reader that stops early (`claimnote check . | head`) closes the pipe: stop quietly
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  void run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((code) => { process.exitCode = code; });
}
