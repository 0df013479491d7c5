// `claimnote fix`: every preferred fix applied, pass after pass, then each changed file written
// in one step if it has not changed on disk meanwhile (or, with --dry-run, shown as a diff).
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits } from '../features/codeActions';
import { decodeClaimBytes, readClaimBytes } from '../files';
import type { ClaimSpan } from '../parts';
import { compareFindings } from '../rules/engine';
import type { Finding, Severity } from '../rules/rule';
import { ClaimNoteService } from '../service';
import { MAX_FIX_PASSES, type FixOptions } from './args';
import { claimAt } from './claims';
import { collectFiles, displayPath } from './paths';
import { findingLine, PLAIN, totalsLine } from './text';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** For tests: called after the fixes are made and before a file is written. */
export interface FixHooks {
  beforeWrite?: (path: string) => void;
}

interface Loaded {
  path: string;
  uri: string;
  bytes?: Buffer;
  bom: boolean;
  text?: string;
  edits: number;
}

export type WriteResult = { written: true } | { written: false; reason: string };

/**
 * Writes `next` over `target` if the file still holds `original`: the bytes go to a new file
 * beside it (same folder, same permissions), flushed, then renamed over it, so a reader sees
 * the old text or the new one, never a mix, and a failed write leaves the old one.
 */
export function writeIfUnchanged(target: string, original: Buffer, next: Buffer): WriteResult {
  let real: string;
  try {
    real = realpathSync(target);
  } catch (e) {
    return { written: false, reason: `it can no longer be found (${(e as NodeJS.ErrnoException).code})` };
  }
  try {
    if (!statSync(real).isFile()) return { written: false, reason: 'it is not a regular file' };
  } catch (e) {
    return { written: false, reason: `it can no longer be found (${(e as NodeJS.ErrnoException).code})` };
  }
  const unchanged = () => {
    const now = readClaimBytes(real);
    return 'bytes' in now && now.bytes.equals(original);
  };
  if (!unchanged()) return { written: false, reason: 'it changed on disk since it was read' };
  const temp = join(dirname(real), `.${basename(real)}.claimnote-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', statSync(real).mode & 0o7777);
    for (let at = 0; at < next.length;) at += writeSync(fd, next, at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // compared again just before the rename: the window for a lost edit is the rename itself
    if (!unchanged()) {
      unlinkSync(temp);
      return { written: false, reason: 'it changed on disk since it was read' };
    }
    renameSync(temp, real);
    return { written: true };
  } catch (e) {
    if (fd !== undefined)
      try {
        closeSync(fd);
      } catch {
        /* closed */
      }
    try {
      unlinkSync(temp);
    } catch {
      /* not made */
    }
    return { written: false, reason: `${(e as Error).message}` };
  }
}

function claimsOf(service: ClaimNoteService, uri: string): ClaimSpan[] {
  const file = service.workspace.get(uri);
  const out: ClaimSpan[] = [];
  for (const b of file?.blocks ?? [])
    if (b.kind === 'claim') out.push({ id: b.id?.text ?? '', startLine: b.startLine, endLine: b.endLine });
  return out;
}

/** Fixes, then writes or shows the changes; the exit status. Usage errors (a missing path) are thrown. */
export function fix(o: FixOptions, out: (s: string) => void, err: (s: string) => void, hooks: FixHooks = {}): number {
  const service = new ClaimNoteService();
  service.configure({ rules: o.severities });
  const files: Loaded[] = collectFiles(o.paths, 'fix').map((f) => {
    const r = readClaimBytes(f.path);
    const loaded: Loaded = { ...f, bom: false, edits: 0 };
    const decoded = 'bytes' in r ? decodeClaimBytes(r.bytes) : r;
    if ('text' in decoded && 'bytes' in r) {
      loaded.bytes = r.bytes;
      loaded.bom = r.bytes.subarray(0, 3).equals(BOM);
      loaded.text = decoded.text;
      service.setDocument(f.uri, decoded.text);
    } else service.setUnreadable(f.uri, 'error' in decoded ? decoded.error : 'cannot read the file');
    return loaded;
  });
  // each pass fixes every file from one check of the whole workspace, then checks again
  let passes = 0,
    settled = false;
  while (!settled && passes < MAX_FIX_PASSES) {
    passes++;
    settled = true;
    const byUri = service.findingsByUri();
    const next = files.map((f) => {
      if (f.text === undefined) return undefined;
      const edits = fixAllEdits(byUri.get(f.uri) ?? []);
      if (!edits.length) return undefined;
      const text = TextDocument.applyEdits(TextDocument.create(f.uri, 'claimnote', 0, f.text), edits);
      return text === f.text ? undefined : { text, edits: edits.length };
    });
    next.forEach((n, i) => {
      if (!n) return;
      settled = false;
      files[i].text = n.text;
      files[i].edits += n.edits;
      service.setDocument(files[i].uri, n.text);
    });
  }
  if (!settled) err(`claimnote: the fixes still changed the files after ${MAX_FIX_PASSES} passes; stopped there\n`);
  const say = o.dryRun ? err : out;
  let failed = false,
    changed = 0,
    edits = 0;
  for (const f of files) {
    if (f.text === undefined || f.bytes === undefined) continue;
    const before = decodeClaimBytes(f.bytes) as { text: string };
    if (f.text === before.text) continue;
    const path = displayPath(f.path);
    if (o.dryRun) {
      out(createTwoFilesPatch(`a/${path}`, `b/${path}`, before.text, f.text, undefined, undefined, { context: 3 }));
    } else {
      hooks.beforeWrite?.(f.path);
      const next = Buffer.concat([f.bom ? BOM : Buffer.alloc(0), Buffer.from(f.text, 'utf8')]);
      const w = writeIfUnchanged(f.path, f.bytes, next);
      if (!w.written) {
        err(`claimnote: ${path} not written: ${w.reason}\n`);
        failed = true;
        continue;
      }
    }
    changed++;
    edits += f.edits;
    say(`${o.dryRun ? 'would fix' : 'fixed'} ${path} (${f.edits} ${f.edits === 1 ? 'edit' : 'edits'})\n`);
  }
  // what is left, as `check` shows it
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const left = service.findingsByUri();
  for (const f of files) {
    const findings: Finding[] = [...(left.get(f.uri) ?? [])].sort(compareFindings);
    const claims = claimsOf(service, f.uri);
    const path = displayPath(f.path);
    for (const d of findings) {
      counts[d.severity]++;
      if (d.severity === 'error') say(findingLine(PLAIN, path, claimAt(claims, d.range.start.line)?.id || undefined, d));
    }
  }
  say(
    `${changed} ${changed === 1 ? 'file' : 'files'} ${o.dryRun ? 'to fix' : 'fixed'} (${edits} ${edits === 1 ? 'edit' : 'edits'}, ${passes} ${passes === 1 ? 'pass' : 'passes'}); left: ${totalsLine(files.length, counts).replace(/^.*checked: /, '')}`,
  );
  return failed || counts.error > 0 ? 1 : 0;
}
