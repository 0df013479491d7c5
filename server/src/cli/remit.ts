// `claimnote remit <file.835>... [--write] <claims paths>...`: 835 remittances read and matched to
// the workspace's claims by claim id; per claim what was paid, adjusted and denied, with
// ClaimNote's explanation of each denial (claim-denied's message: the findings that explain it
// and the deadline); claims the workspace does not have are listed. `--write` adds the `denied`
// lines after each claim's last line, never a line already there, every other byte unchanged.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeClaimBytes, readClaimBytes } from '../files';
import { describeRemit, matchRemittances } from '../remit';
import { ClaimNoteService } from '../service';
import type { RemitOptions } from './args';
import { writeIfUnchanged } from './fix';
import { collectFiles, displayPath } from './paths';

/** Whether a file is an 835 remittance: an X12 interchange with an 835 transaction. */
function isRemittance(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const head = readFileSync(path, 'utf8')
      .slice(0, 4096)
      .replace(/^\uFEFF/, '')
      .trimStart();
    return head.startsWith('ISA') && /ST.835./.test(head);
  } catch {
    return false;
  }
}

export function remit(o: RemitOptions, out: (s: string) => void, err: (s: string) => void): number {
  const remittances = o.paths.filter(isRemittance);
  const claimPaths = o.paths.filter((p) => !remittances.includes(p));
  if (!remittances.length) {
    err('claimnote: no 835 remittance among the files given (an X12 interchange with ST*835)\n');
    return 2;
  }
  const service = new ClaimNoteService();
  const files = claimPaths.length ? collectFiles(claimPaths, 'remit') : [];
  const bytes = new Map<string, Buffer>();
  const pathOf = new Map<string, string>();
  for (const f of files) {
    const r = readClaimBytes(f.path);
    const decoded = 'bytes' in r ? decodeClaimBytes(r.bytes) : r;
    if ('text' in decoded && 'bytes' in r) {
      service.setDocument(f.uri, decoded.text);
      bytes.set(f.uri, r.bytes);
      pathOf.set(f.uri, f.path);
    } else err(`claimnote: ${displayPath(f.path)} not read: ${'error' in decoded ? decoded.error : 'cannot read it'}\n`);
  }
  const inputs = remittances.map((p) => ({ name: displayPath(p), text: readFileSync(p, 'utf8') }));
  const result = matchRemittances(service.workspace, inputs);
  for (const p of result.problems) err(`${p}\n`);
  // the claims as they would read with the denied lines: claim-denied explains each
  const texts = new Map<string, string>();
  for (const [uri, edits] of Object.entries(result.edits)) {
    const next = TextDocument.applyEdits(TextDocument.create(uri, 'claimnote', 0, service.getText(uri)!), edits);
    texts.set(uri, next);
    service.setDocument(uri, next);
  }
  for (const m of result.matched) {
    const path = displayPath(pathOf.get(m.ref.uri) ?? fileURLToPath(m.ref.uri));
    const claim = service.workspace.index().claimsById.get(m.remit.id.toLowerCase())?.[0];
    out(`claim ${m.remit.id} (${path}:${m.ref.claim.startLine + 1}): ${describeRemit(m.remit).join('; ')}\n`);
    for (const l of m.lines) out(`  ${o.write ? 'added' : 'to add'}: ${l}\n`);
    for (const l of m.already) out(`  already recorded: ${l}\n`);
    if (claim)
      for (const f of service.findings(claim.uri))
        if (f.code === 'claim-denied' && f.range.start.line >= claim.claim.startLine && f.range.start.line <= claim.claim.endLine)
          out(`  ${f.message}\n`);
  }
  for (const u of result.unmatched) out(`claim ${u.id}: not in the workspace (${describeRemit(u).join('; ')})\n`);
  let failed = false;
  if (o.write)
    for (const [uri, text] of texts) {
      const path = pathOf.get(uri)!;
      const before = bytes.get(uri)!;
      const bom = before.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
      const w = writeIfUnchanged(path, before, Buffer.concat([bom ? before.subarray(0, 3) : Buffer.alloc(0), Buffer.from(text, 'utf8')]));
      if (!w.written) {
        err(`claimnote: ${displayPath(path)} not written: ${w.reason}\n`);
        failed = true;
      }
    }
  const added = result.matched.reduce((n, m) => n + m.lines.length, 0);
  err(
    `${result.matched.length} claim${result.matched.length === 1 ? '' : 's'} matched, ${result.unmatched.length} not in the workspace; ${added} denied line${added === 1 ? '' : 's'} ${o.write ? 'added' : 'to add (--write adds them)'}\n`,
  );
  return failed ? 1 : 0;
}
