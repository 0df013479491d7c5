// `claimnote appeal <paths> --claim <id> [--out FILE.md|FILE.html|FILE.pdf] [--date YYYY-MM-DD] [--force]`:
// the redetermination request for a claim's latest denial, drafted from its note. When the
// claim's own findings explain the denial, the remedy is a corrected claim: the command says so
// and writes nothing (exit 1), unless --force.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { draftAppeal } from '../appeal/draft';
import { appealHtml, appealMarkdown } from '../appeal/letter';
import type { AppealOptions } from './args';
import { loadWorkspace } from './workspace';

export async function appeal(o: AppealOptions, out: (s: string) => void, err: (s: string) => void, now = new Date()): Promise<number> {
  const { service } = loadWorkspace(o.paths, 'appeal', { err });
  const refs = service.workspace.index().claimsById.get(o.claim.toLowerCase());
  if (!refs?.length) {
    err(`claimnote: no claim ${o.claim} in the files given\n`);
    return 1;
  }
  const ref = refs[0];
  const date = o.date ?? now.toISOString().slice(0, 10);
  const r = draftAppeal(service.workspace, service.findings(ref.uri), ref, { date, force: o.force });
  if ('error' in r) {
    err(`claimnote: ${r.error}\n`);
    return 1;
  }
  if ('explained' in r) {
    err(
      `claimnote: claim ${o.claim}'s own findings explain the denial of ${r.denial.date.text}: send a corrected claim (replaces ${r.denial.ref?.text ?? "the payer's claim number"}) instead of appealing (--force drafts the letter anyway):\n` +
        r.explained.map((f) => `  - ${f.code}: ${f.message}\n`).join(''),
    );
    return 1;
  }
  const kind = o.out ? extname(o.out).toLowerCase() : '.md';
  const body: string | Uint8Array =
    kind === '.pdf'
      ? await (await import('../appeal/letterPdf')).appealPdf(r.letter)
      : kind === '.html' || kind === '.htm'
        ? appealHtml(r.letter)
        : appealMarkdown(r.letter);
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, body);
    err(`wrote the ${r.letter.title.toLowerCase()} for claim ${o.claim} to ${o.out}\n`);
  } else out(typeof body === 'string' ? body : Buffer.from(body).toString('latin1'));
  if (r.letter.deadline && !r.letter.deadline.onTime)
    err(`claimnote: the appeal window closed on ${r.letter.deadline.date}: the request must show good cause\n`);
  return 0;
}
