// claimnote check [--format text|json] [--exit-zero] [--rule id=severity]... [--jobs N] <file-or-folder>...
// Everything given forms one workspace. Exit 0: no error; 1: an error; 2: bad usage.
import { lstatSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findClaimFiles } from './files';
import { checkInParts, MAX_JOBS, runAsWorker, SHARD_BYTES, type ClaimFileRef } from './parts';
import { compareFindings } from './rules/engine';
import { RULES_BY_ID } from './rules/registry';
import type { Finding, Severity, SeveritySetting } from './rules/rule';

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

interface Prepared { o: Options; files: ClaimFileRef[] }

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

/** The check (see parts.ts: split by patient between threads), then the report. */
export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const p = prepare(argv, out, err);
  if (typeof p === 'number') return p;
  let checked;
  try {
    checked = await checkInParts(p.files, p.o.severities, p.o.jobs);
  } catch (e) {
    // a check that did not run must not look like a clean one
    err(`claimnote: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
  return report(p.o, p.files, checked.local, checked.cross, out);
}

if (runAsWorker()) {
  // a worker thread of a check in parts: done
} else if (require.main === module) {
  // a reader that stops early (`claimnote check . | head`) closes the pipe: stop quietly
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  void run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((code) => { process.exitCode = code; });
}
