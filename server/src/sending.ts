// Claims leaving and entering the workspace, as the editor asks for them: the export of the
// claims that are ready (of one file or the whole workspace) as an 837P or a FHIR Bundle, and
// the import of interchanges into .claim texts that name the workspace's own practices and
// payers. The CLI's export and import do the same with files on disk.
import type { ImportedClaim, ImportNotice, OutgoingClaim } from './interchange/claim';
import { writeClaimText, type ClaimTextFile, type KnownBlocks } from './interchange/claimText';
import { selectForExport, type LeftOut } from './interchange/outgoing';
import { read837, write837 } from './interchange/x12';
import { readFhir, toFhirBundle } from './interchange/fhir';
import type { Workspace } from './model/workspace';
import type { Finding } from './rules/rule';
import type { ClaimNoteService } from './service';
import { draftAppeal } from './appeal/draft';
import { appealMarkdown } from './appeal/letter';

export interface ExportRequest {
  to: '837p' | 'fhir';
  /** only the claims of this document; the whole workspace when absent */
  uri?: string;
  /** the date of creation, `YYYY-MM-DDTHH:MM` (UTC) */
  date: string;
  usage?: 'test' | 'production';
  controlNumber?: number;
}

export type ExportResult = { text: string; exported: string[]; left: LeftOut[] } | { error: string; left: LeftOut[] };

export function exportClaimsOf(ws: Workspace, findings: ReadonlyMap<string, readonly Finding[]>, r: ExportRequest): ExportResult {
  const all = selectForExport(ws, findings);
  const inScope = (uri: string) => r.uri === undefined || uri === r.uri;
  const claims = all.claims.filter((_, i) => inScope(all.sources[i].uri));
  const left = all.left.filter((l) => inScope(l.uri));
  return exportSelected(claims, left, r);
}

/** The claims chosen to send written as one interchange (`left`, the claims left out, passed through). */
export function exportSelected(claims: OutgoingClaim[], left: LeftOut[], r: ExportRequest): ExportResult {
  if (!claims.length) return { error: `no claim is ready to export (${left.length} left out)`, left };
  try {
    const text =
      r.to === '837p'
        ? write837(claims, { usage: r.usage ?? 'test', controlNumber: r.controlNumber ?? 1, date: r.date })
        : JSON.stringify(toFhirBundle(claims, { created: r.date.slice(0, 10) }), null, 2) + '\n';
    return { text, exported: claims.map((c) => c.id), left };
  } catch (e) {
    return { error: `the 837P was not written: ${(e as Error).message}`, left };
  }
}

/** An interchange's text read: an 837P when it starts with ISA, FHIR JSON when it starts with `{`. */
export function readInterchange(
  text: string,
  /** each claim as it is read, none kept in `claims`, and without the spans of its values (see read837) */
  onClaim?: (claim: ImportedClaim) => void,
): { format: '837p' | 'fhir'; claims: ImportedClaim[]; problems: ImportNotice[] } | { error: string } {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('ISA')) return { format: '837p', ...read837(text, onClaim ? { onClaim, spans: false } : {}) };
  if (start.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { error: `it is not valid JSON (${(e as Error).message})` };
    }
    const r = readFhir(json);
    if (!onClaim) return { format: 'fhir', ...r };
    for (const c of r.claims) onClaim({ ...c, spans: {} });
    return { format: 'fhir', claims: [], problems: r.problems };
  }
  return { error: 'it is neither an X12 interchange (it does not start with ISA) nor FHIR JSON' };
}

/** The practices (by NPI) and payers (by payer id) a workspace defines, and the ids they take. */
export function knownBlocksOf(ws: Workspace): KnownBlocks {
  const index = ws.index();
  const practices = new Map<string, string>();
  const payers = new Map<string, string>();
  const taken = new Set<string>();
  for (const [key, refs] of index.practices) {
    taken.add(key);
    const p = refs[0].practice;
    if (p.npi && !practices.has(p.npi.value.text)) practices.set(p.npi.value.text, p.id!.text);
  }
  for (const [key, refs] of index.policies) {
    taken.add(key);
    const p = refs[0].policy;
    if (p.payerId && !payers.has(p.payerId.value.text)) payers.set(p.payerId.value.text, p.id!.text);
  }
  return { practices, payers, taken };
}

export interface ImportResult {
  files: ClaimTextFile[];
  claims: number;
  /** per file given: what could not be read; per claim: what ClaimNote cannot say */
  messages: string[];
}

/** Interchange texts (by name) as .claim texts for this workspace. */
export function importInto(ws: Workspace, inputs: readonly { name: string; text: string }[], known = knownBlocksOf(ws)): ImportResult {
  const claims: ImportedClaim[] = [];
  const messages: string[] = [];
  for (const input of inputs) {
    const r = readInterchange(input.text);
    if ('error' in r) {
      messages.push(`${input.name} not imported: ${r.error}`);
      continue;
    }
    for (const p of r.problems) messages.push(`${input.name}: ${p.message}`);
    claims.push(...r.claims);
  }
  const written = writeClaimText(claims, known);
  for (const n of written.notices) messages.push(`claim ${n.claim}: ${n.message}`);
  return { files: written.files, claims: claims.length, messages };
}

/** The appeal for the denial on a line of a document: the letter as Markdown, or the findings that explain the denial. */
export function appealFor(
  service: ClaimNoteService,
  uri: string,
  line: number,
  o: { date: string; force?: boolean },
): { markdown: string; claim: string } | { explained: { code: string; message: string }[]; claim: string } | { error: string } {
  const ref = service.workspace.index().claimAt(uri, line);
  if (!ref) return { error: 'no claim at this line' };
  const r = draftAppeal(service.workspace, service.findings(uri), ref, { date: o.date, line, force: o.force });
  const claim = ref.claim.id?.text ?? '(no id)';
  if ('error' in r) return r;
  if ('explained' in r) return { explained: r.explained.map((f) => ({ code: f.code, message: f.message })), claim };
  return { markdown: appealMarkdown(r.letter), claim };
}
