// Checking a workspace in parts, by patient, on several threads (the CLI). Every part parses
// only its blocks, checks each block and compacts it before the next, then runs the cross-claim
// rules over its index; claim ids are compared across parts at the end. The report is the same
// whatever the number of threads and parts.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readClaimFile } from './files';
import { isPolicyBlock, mapBlocks, parseBlocks, patientOfBlock, type BlockMap } from './language/parser';
import type { Tok } from './language/syntax';
import { compactBlock, compactFile, compareRefs, lower, Workspace, type IdRef } from './model/workspace';
import {
  applySeverities, checkBlock, checkClaimIds, checkParts, checkWorkspaceWide, CrossChecker, forgetCachedFindings,
} from './rules/engine';
import type { Finding, SeveritySetting } from './rules/rule';

/** A file to check: its path on disk and its URI. */
export interface ClaimFileRef { path: string; uri: string }

/** Threads at most, and the size of the claims from which the check uses more than one. */
export const MAX_JOBS = 4;
export const SHARD_BYTES = 8e6;
const PART_BYTES = partBytes(process.env.CLAIMNOTE_PART_BYTES);
/** `CLAIMNOTE_PART_BYTES`: bytes of claims a thread checks at a time (64 MB by default, 64 kB at least). */
function partBytes(setting: string | undefined): number {
  const n = Number(setting);
  return setting && Number.isFinite(n) ? Math.max(n, 65536) : 64e6;
}

/**
 * What one thread checks: the claims of some patients (all of them with one thread), every
 * policy, and the file-wide findings and policy findings of some files. Patients are split by
 * a hash of their id, so a patient's sessions and same-day claims are all in one part and the
 * cross-claim rules see whole groups. Claim ids are checked across parts by the caller.
 */
export interface Part { part: number; parts: number; files: readonly ClaimFileRef[]; severities: Record<string, SeveritySetting> }

/**
 * The ids of a part's claims, for the claim-id check across parts, one column per field (a
 * worker's result crosses to the main thread: a hundred thousand small objects took a tenth of
 * a second to copy, these columns a hundredth). Claim `k`: its lower-case id `keys[k]`, in file
 * `files[k]` (an index into the files of the check: every part has the whole list), its id
 * token on line `lines[k]` (the claim's first line: an id is on its `claim` line) from
 * `starts[k]` to `ends[k]`, written `texts[k]` (an id's value is as written).
 */
interface IdColumns { keys: string[]; files: number[]; lines: number[]; starts: number[]; ends: number[]; texts: string[] }

export interface PartResult {
  /** per-document findings, by file */
  local: Finding[][];
  /** cross-claim findings of the part's claims */
  cross: Finding[];
  /** whole-workspace findings (every part sees every policy: the caller removes repeats) */
  wide: Finding[];
  /** the ids of the part's claims */
  ids: IdColumns;
  /** the part's claims, file by file (for reports that name the claim of a finding) */
  claims: ClaimColumns;
}

/**
 * The claims a part parsed, one column per field (as `IdColumns`): claim `k` is in file
 * `files[k]`, from line `starts[k]` to line `ends[k]` (0-based, the last non-blank line of the
 * block), with the id `ids[k]` as written ('' when it has none).
 */
interface ClaimColumns { files: number[]; starts: number[]; ends: number[]; ids: string[] }

/** A claim of a checked file: its id as written ('' when it has none) and its lines (0-based, inclusive). */
export interface ClaimSpan { id: string; startLine: number; endLine: number }

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
  const claims: ClaimColumns = { files: [], starts: [], ends: [], ids: [] };
  /** The part of each block: every part has every policy; a claim goes by its patient. */
  const keysOf = (text: string, map: BlockMap, file: number): Uint32Array => {
    const keys = new Uint32Array(map.starts.length);
    for (let i = 0; i < keys.length; i++) {
      if (isPolicyBlock(text, map, i)) keys[i] = EVERY_PART;
      else {
        const patient = patientOfBlock(text, map, i);
        // claims without a patient are in no group: spread them evenly, by their place
        keys[i] = (patient === undefined ? file * 65599 + i : hashOf(lower(patient))) % EVERY_PART;
      }
    }
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
    if (!known || known.stamp !== stamp) {
      const map = mapBlocks(r.text);
      known = { map, keys: whole ? new Uint32Array(0) : keysOf(r.text, map, i), stamp };
      maps.set(f.uri, known);
    }
    const { map, keys } = known;
    const findings: Finding[] = [];
    const mine = (b: number) => whole || keys[b] === EVERY_PART || keys[b] % job.parts === job.part;
    // each block's lines are cut from the text as it is parsed, and die with it: the file's
    // whole list of lines, kept through the parse, was copied by the collector and promoted
    const file = parseBlocks(f.uri, r.text, map, undefined, mine, owner, (file, block) => {
      if (block.kind === 'claim') { claims.files.push(i); claims.starts.push(block.startLine); claims.ends.push(block.endLine); claims.ids.push(block.id?.text ?? ''); }
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
  const ids: IdColumns = { keys: [], files: [], lines: [], starts: [], ends: [], texts: [] };
  if (!whole) {
    const fileIndex = new Map(job.files.map((f, i) => [f.uri, i]));
    for (const [key, refs] of ws.index().claimsById) {
      for (const r of refs) {
        const id = r.claim.id!;
        ids.keys.push(key); ids.files.push(fileIndex.get(r.uri)!); ids.lines.push(id.line); ids.starts.push(id.start); ids.ends.push(id.end); ids.texts.push(id.text);
      }
    }
  }
  return { local, cross, wide: whole ? [] : checkWorkspaceWide(ws, options), ids, claims };
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

/**
 * The claim-id findings across parts, and the whole-workspace findings once. Only ids that more
 * than one claim has are looked at (most ids are unique): they are counted first.
 */
function acrossParts(files: readonly ClaimFileRef[], results: PartResult[], options: { severities: Record<string, SeveritySetting> }): Finding[] {
  const out: Finding[] = [];
  const count = new Map<string, number>();
  for (const r of results) for (const key of r.ids.keys) count.set(key, (count.get(key) ?? 0) + 1);
  const byId = new Map<string, IdRef[]>();
  for (const r of results) {
    const { keys, files: fileOf, lines, starts, ends, texts } = r.ids;
    for (let k = 0; k < keys.length; k++) {
      if (count.get(keys[k])! < 2) continue;
      const id: Tok = { line: lines[k], start: starts[k], end: ends[k], text: texts[k], value: texts[k] };
      const ref = { uri: files[fileOf[k]].uri, claim: { startLine: lines[k], id } };
      const list = byId.get(keys[k]);
      if (list) list.push(ref); else byId.set(keys[k], [ref]);
    }
  }
  for (const refs of byId.values()) for (const f of checkClaimIds(refs.sort(compareRefs), options)) out.push(f);
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
function planFor(jobs: number | undefined, files: readonly ClaimFileRef[]): { threads: number; parts: number } {
  let bytes = 0;
  for (const f of files) {
    let st;
    try { st = statSync(f.path); } catch { continue; /* reported when read */ }
    // a pipe or a device can be read once: one part reads it once
    if (!st.isFile()) return { threads: 1, parts: 1 };
    bytes += st.size;
  }
  const threads = Math.max(1, jobs ?? (bytes < SHARD_BYTES ? 1 : Math.min(MAX_JOBS, availableParallelism())));
  return { threads, parts: threads * Math.max(1, Math.ceil(bytes / (threads * PART_BYTES))) };
}

/**
 * Checks files as one workspace: split by patient between this thread and workers (`jobs`
 * threads, or one per CPU for large workspaces), each thread checking its parts in turn.
 * Per-document findings by file (in the order of `files`), and the cross-claim findings.
 */
export async function checkInParts(files: readonly ClaimFileRef[], severities: Record<string, SeveritySetting>, jobs?: number): Promise<{ local: Finding[][]; cross: Finding[]; claims: ClaimSpan[][] }> {
  const { threads, parts } = planFor(jobs, files);
  const partsOf = (thread: number): Part[] => {
    const list: Part[] = [];
    for (let part = thread; part < parts; part += threads) list.push({ part, parts, files, severities });
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
    // the other threads are stopped; the caller reports the error
    for (const w of started) void w.terminate();
    throw e;
  }
  const local = files.map((_, i) => results.flatMap((r) => r.local[i]));
  const cross = applySeverities(results.flatMap((r) => r.cross).concat(acrossParts(files, results, { severities })), { severities });
  const claims: ClaimSpan[][] = files.map(() => []);
  for (const r of results) {
    const c = r.claims;
    for (let k = 0; k < c.files.length; k++) claims[c.files[k]].push({ id: c.ids[k], startLine: c.starts[k], endLine: c.ends[k] });
  }
  for (const list of claims) list.sort((a, b) => a.startLine - b.startLine);
  return { local, cross, claims };
}

/** In a worker thread started by `checkPartsInWorker`: check its parts and post the results. */
export function runAsWorker(): boolean {
  if (isMainThread || !workerData?.claimnoteParts) return false;
  parentPort!.postMessage(checkPartsInTurn(workerData.claimnoteParts as Part[]));
  return true;
}
