// Checking a workspace in parts, by patient, on several threads (the CLI). Each part is a
// language service holding the part's claims and every policy; the cross-claim rules run over
// it; claim ids and the workspace-wide rules are compared across parts at the end. The report
// is the same whatever the number of threads and parts.
import { loadedData, useDataFolder } from './data/loaded';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readClaimFile } from './files';
import { ClaimNoteService, compareRefs, DocumentPlan } from './service';
import type { IdRef } from './model/workspaceIndex';
import type { Tok } from './language/syntax';
import { lineOf, type BlockMap } from './language/blockMap';
import type { Finding, RuleSeverities } from './rules/rule';
import { reportRows, type ReportRows } from './report/figures';
import { selectForExport, type ExportSelection } from './interchange/outgoing';

/**
 * What a part makes of its checked claims besides their findings, in its own thread: the rows of
 * the audit report, or the claims ready to send. The caller adds up the parts' products.
 */
export type PartProduct = 'report' | 'export';

/** A file to check: its path on disk and its URI. */
export interface ClaimFileRef {
  path: string;
  uri: string;
}

/** Threads at most, and the size of the claims from which the check uses more than one. */
export const MAX_JOBS = 4;
export const SHARD_BYTES = 8e6;
const PART_BYTES = partBytes(process.env.CLAIMNOTE_PART_BYTES);
/**
 * `CLAIMNOTE_PART_BYTES`: bytes of claims a part holds at most (36 MB by default, 64 kB at least). A
 * part's worker holds its claims' whole syntax trees, about twelve times their bytes, and each
 * part costs a worker's start and a read of every file: the default keeps two threads near 1 GB
 * at most whatever the size of the workspace, and checks the benchmark's 68 MB in two parts.
 */
function partBytes(setting: string | undefined): number {
  const n = Number(setting);
  return setting && Number.isFinite(n) ? Math.max(n, 65536) : 36e6;
}

/**
 * What one thread checks: the claims of some patients (all of them with one thread), every
 * policy, and the file-wide findings and policy findings of some files. Patients are split by
 * a hash of their id, so a patient's sessions and same-day claims are all in one part and the
 * cross-claim rules see whole groups. Claim ids are checked across parts by the caller.
 */
export interface Part {
  part: number;
  parts: number;
  files: readonly ClaimFileRef[];
  severities: RuleSeverities;
  /** each file's blocks and the part key of each (found once, by the main thread), by file; none for a file that could not be read */
  plans?: readonly (FilePlan | undefined)[];
  /** the folder of CMS's files to judge claims by (each thread reads it) */
  data?: string;
  product?: PartProduct;
  /** each file's path as reports show it (the report's rows name it) */
  shown?: readonly string[];
}

/** Where a file's blocks are (its length when planned, its block map) and the part key of each block. */
interface FilePlan {
  length: number;
  map: BlockMap;
  keys: Uint32Array;
}

/**
 * The ids of a part's claims, for the claim-id check across parts, one column per field (a
 * worker's result crosses to the main thread: a hundred thousand small objects took a tenth of
 * a second to copy, these columns a hundredth). Claim `k`: its lower-case id `keys[k]`, in file
 * `files[k]` (an index into the files of the check: every part has the whole list), its id
 * token on line `lines[k]` (the claim's first line: an id is on its `claim` line) from
 * `starts[k]` to `ends[k]`, written `texts[k]` (an id's value is as written).
 */
interface IdColumns {
  keys: string[];
  files: number[];
  lines: number[];
  starts: number[];
  ends: number[];
  texts: string[];
}

export interface PartResult {
  /** findings of the part's claims and of the files it owns, by file (cross-claim findings included) */
  local: Finding[][];
  /** whole-workspace findings (every part sees every policy: the caller removes repeats) */
  wide: Finding[];
  /** the ids of the part's claims */
  ids: IdColumns;
  /** the part's claims, file by file (for reports that name the claim of a finding) */
  claims: ClaimColumns;
  /** the report's rows of the part's claims (product `report`) */
  report?: ReportRows;
  /** the part's claims ready to send, and those left out (product `export`) */
  export?: ExportSelection;
}

/**
 * The claims a part parsed, one column per field (as `IdColumns`): claim `k` is in file
 * `files[k]`, from line `starts[k]` to line `ends[k]` (0-based, the last non-blank line of the
 * block), with the id `ids[k]` as written ('' when it has none).
 */
interface ClaimColumns {
  files: number[];
  starts: number[];
  ends: number[];
  ids: string[];
}

/** A claim of a checked file: its id as written ('' when it has none) and its lines (0-based, inclusive). */
export interface ClaimSpan {
  id: string;
  startLine: number;
  endLine: number;
}

/** The key of a block every part parses (a policy); claims' keys are below it. */
const EVERY_PART = 0xffffffff;

/** FNV-1a: a patient's part. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The part of each block: every part has every policy; a claim goes by a hash of its patient. */
function partKeys(text: string, plan: DocumentPlan, file: number): Uint32Array {
  const keys = new Uint32Array(plan.blockCount);
  for (let i = 0; i < keys.length; i++) {
    if (plan.isShared(text, i)) keys[i] = EVERY_PART;
    else {
      const patient = plan.patientOf(text, i);
      // claims without a patient are in no group: spread them evenly, by their place
      keys[i] = (patient === undefined ? file * 65599 + i : hashOf(patient.toLowerCase())) % EVERY_PART;
    }
  }
  return keys;
}

/**
 * Checks one part: a language service given the part's share of each file (its claims and
 * every policy; the lines before the first block and the policies' own findings come from the
 * part that owns the file), then its findings.
 */
export function checkPart(job: Part): PartResult {
  const whole = job.parts === 1;
  if (job.data !== loadedData().folder) useDataFolder(job.data);
  const service = new ClaimNoteService();
  service.configure({ rules: job.severities, part: !whole });
  /** the lines of the policies of files another part owns: their own findings are that part's */
  const notOwned = new Map<string, { from: number; to: number }[]>();
  /** the texts of the files and their maps, kept for the export (a claim's note is its lines' text) */
  const texts = new Map<string, { text: string; map: BlockMap }>();
  job.files.forEach((f, i) => {
    // the file-wide findings and the policies' findings of a file come from one part
    const owner = i % job.parts === job.part;
    const r = readClaimFile(f.path);
    if (!('text' in r)) {
      if (owner) service.setUnreadable(f.uri, r.error);
      return;
    }
    // (a file changed since it was planned is planned again)
    const planned = job.plans?.[i];
    const known = planned && planned.length === r.text.length ? planned : undefined;
    const plan = new DocumentPlan(r.text, known?.map);
    if (job.product === 'export') texts.set(f.uri, { text: r.text, map: plan.map });
    if (whole) {
      service.setDocumentPart(f.uri, r.text, plan, () => true, true);
      return;
    }
    const keys = known?.keys ?? partKeys(r.text, plan, i);
    const mine = (b: number) => keys[b] === EVERY_PART || keys[b] % job.parts === job.part;
    service.setDocumentPart(f.uri, r.text, plan, mine, owner);
    if (!owner) {
      const policies: { from: number; to: number }[] = [];
      for (let b = 0; b < keys.length; b++) if (keys[b] === EVERY_PART) policies.push(plan.linesOf(b));
      if (policies.length) notOwned.set(f.uri, policies);
    }
  });
  const byUri = service.findingsByUri();
  const local = job.files.map((f) => {
    const all = byUri.get(f.uri) ?? [];
    const skip = notOwned.get(f.uri);
    const kept = skip ? all.filter((x) => !skip.some((p) => x.range.start.line >= p.from && x.range.start.line < p.to)) : all;
    return kept;
  });
  const claims: ClaimColumns = { files: [], starts: [], ends: [], ids: [] };
  job.files.forEach((f, i) => {
    for (const c of service.getClaims(f.uri)) {
      claims.files.push(i);
      claims.starts.push(c.startLine);
      claims.ends.push(c.endLine);
      claims.ids.push(c.id);
    }
  });
  const ids: IdColumns = { keys: [], files: [], lines: [], starts: [], ends: [], texts: [] };
  if (!whole) {
    const fileIndex = new Map(job.files.map((f, i) => [f.uri, i]));
    for (const [key, refs] of service.claimIds()) {
      for (const r of refs) {
        const id = r.claim.id!;
        ids.keys.push(key);
        ids.files.push(fileIndex.get(r.uri)!);
        ids.lines.push(id.line);
        ids.starts.push(id.start);
        ids.ends.push(id.end);
        ids.texts.push(id.text);
      }
    }
  }
  const result: PartResult = { local, wide: whole ? [] : service.workspaceWideFindings(), ids, claims };
  if (job.product) {
    const findings = new Map(job.files.map((f, i) => [f.uri, local[i]]));
    if (job.product === 'report') {
      const shown = new Map(job.files.map((f, i) => [f.uri, job.shown?.[i] ?? f.path]));
      result.report = reportRows(service.workspace, findings, (uri) => shown.get(uri) ?? uri);
    } else
      result.export = selectForExport(service.workspace, findings, (uri, line) => {
        const t = texts.get(uri);
        return t && line < t.map.lineStarts.length ? lineOf(t.text, t.map, line) : '';
      });
  }
  return result;
}

/** Checks one part in a worker thread of its own (this same script): its whole heap goes when it ends. */
function checkPartInWorker(job: Part, started: Set<Worker>): Promise<PartResult> {
  return new Promise((resolvePart, reject) => {
    const worker = new Worker(__filename, { workerData: { claimnotePart: job } });
    started.add(worker);
    let done = false;
    worker.once('message', (m: PartResult) => {
      done = true;
      started.delete(worker);
      resolvePart(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`a checking thread stopped (exit code ${code})`));
    });
  });
}

/**
 * The claim-id findings across parts, and the whole-workspace findings once. Only ids that more
 * than one claim has are looked at (most ids are unique): they are counted first.
 */
function acrossParts(files: readonly ClaimFileRef[], results: PartResult[], options: { severities: RuleSeverities }): Finding[] {
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
      if (list) list.push(ref);
      else byId.set(keys[k], [ref]);
    }
  }
  for (const refs of byId.values())
    for (const f of ClaimNoteService.claimIdFindings(refs.sort(compareRefs), options.severities)) out.push(f);
  const seen = new Set<string>();
  for (const r of results) {
    for (const f of r.wide) {
      const key = JSON.stringify(f);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(f);
      }
    }
  }
  return out;
}

/**
 * Threads and parts for a check. Threads: `--jobs`, else one per CPU (at most MAX_JOBS) when
 * the claims are large. Parts: enough that each holds about PART_BYTES of claims, at least one
 * per thread. With more than one part, each part is checked in a worker thread of its own, at
 * most `threads` at a time, so memory holds `threads` parts, not the whole workspace.
 */
function planFor(jobs: number | undefined, files: readonly ClaimFileRef[], partBytes = PART_BYTES): { threads: number; parts: number } {
  let bytes = 0;
  for (const f of files) {
    let st;
    try {
      st = statSync(f.path);
    } catch {
      continue; /* reported when read */
    }
    // a pipe or a device can be read once: one part reads it once
    if (!st.isFile()) return { threads: 1, parts: 1 };
    bytes += st.size;
  }
  const threads = Math.max(1, jobs ?? (bytes < SHARD_BYTES ? 1 : Math.min(MAX_JOBS, availableParallelism())));
  return { threads, parts: threads * Math.max(1, Math.ceil(bytes / (threads * partBytes))) };
}

/**
 * Checks files as one workspace, split by patient into parts checked on `jobs` threads (or one
 * per CPU for large workspaces). Findings by file (in the order of `files`), and the findings
 * that come from comparing parts (claim ids, workspace-wide rules).
 */
export async function checkInParts(
  files: readonly ClaimFileRef[],
  severities: RuleSeverities,
  jobs?: number,
  data?: string,
  make: {
    product?: PartProduct;
    shown?: readonly string[];
    /** the share of the usual part size a part holds: the export keeps every part's ready claims while the others are checked */
    partShare?: number;
  } = {},
): Promise<InParts> {
  const { threads, parts } = planFor(jobs, files, PART_BYTES * (make.partShare ?? 1));
  if (parts === 1) {
    const result = checkPart({ part: 0, parts, files, severities, data, ...make });
    return { local: result.local, cross: [], claims: claimsByFile(files, [result]), products: [result] };
  }
  // every file is read, mapped and keyed once here; the parts read only their texts again
  const plans = files.map((f, i): FilePlan | undefined => {
    const r = readClaimFile(f.path);
    if (!('text' in r)) return undefined;
    const plan = new DocumentPlan(r.text);
    return { length: r.text.length, map: plan.map, keys: partKeys(r.text, plan, i) };
  });
  const jobOf = (part: number): Part => ({ part, parts, files, severities, plans, data, ...make });
  const started = new Set<Worker>();
  const results: PartResult[] = new Array(parts);
  let next = 0;
  const thread = async (): Promise<void> => {
    for (let part = next++; part < parts; part = next++) results[part] = await checkPartInWorker(jobOf(part), started);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(threads, parts) }, thread));
  } catch (e) {
    // the other threads are stopped; the caller reports the error
    for (const w of started) void w.terminate();
    throw e;
  }
  const local = files.map((_, i) => results.flatMap((r) => r.local[i]));
  return { local, cross: acrossParts(files, results, { severities }), claims: claimsByFile(files, results), products: results };
}

/** A check in parts: findings by file (in the order of the files), the findings across parts, each file's claims, and each part's products. */
export interface InParts {
  local: Finding[][];
  cross: Finding[];
  claims: ClaimSpan[][];
  products: Pick<PartResult, 'report' | 'export'>[];
}

/** The claims of each file, from every part, in line order. */
function claimsByFile(files: readonly ClaimFileRef[], results: readonly PartResult[]): ClaimSpan[][] {
  const claims: ClaimSpan[][] = files.map(() => []);
  for (const r of results) {
    const c = r.claims;
    for (let k = 0; k < c.files.length; k++) claims[c.files[k]].push({ id: c.ids[k], startLine: c.starts[k], endLine: c.ends[k] });
  }
  for (const list of claims) list.sort((a, b) => a.startLine - b.startLine);
  return claims;
}

/** In a worker thread started by `checkPartInWorker`: check its part and post the result. */
export function runAsWorker(): boolean {
  if (isMainThread || !workerData?.claimnotePart) return false;
  parentPort!.postMessage(checkPart(workerData.claimnotePart as Part));
  return true;
}
