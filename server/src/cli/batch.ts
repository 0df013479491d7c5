// `claimnote check batch.x12`: an 837P batch imported in memory, checked as a workspace of its
// own, and every finding reported at the segment and element of the batch it came from.
import { pathToFileURL } from 'node:url';
import { writeClaimText, type LineSource } from '../interchange/claimText';
import type { SourceSpan } from '../interchange/claim';
import type { Finding, RuleSeverities } from '../rules/rule';
import { compareFindings } from '../rules/engine';
import { ClaimNoteService } from '../service';
import { RULES } from '../rules/registry';
import type { RuleId } from '../rules/ids';
import { readInterchangeFile } from './import';

export interface CheckedBatch {
  findings: Finding[];
  /** the claim id of each finding, by finding */
  claimOf: Map<Finding, string | undefined>;
  /** each claim's id and the line (0-based) of its CLM segment */
  claims: { id: string; line: number }[];
  /** what could not be read (whole file, or a claim's notices), as findings-to-be */
  notices: { message: string; at?: SourceSpan; claim?: string }[];
  error?: string;
}

/** Line and UTF-16 column of each offset of a text (0-based). */
function positionsOf(text: string): (offset: number) => { line: number; character: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/** The source of a finding's start: the narrowest stretch of its line that holds it, else the line's widest. */
function sourceAt(sources: readonly LineSource[], line: number, character: number): LineSource | undefined {
  let best: LineSource | undefined;
  for (const s of sources) {
    if (s.line !== line) continue;
    const inside = character >= s.start && character < Math.max(s.end, s.start + 1);
    const width = s.end - s.start;
    if (inside && (!best || !(character >= best.start && character < best.end) || width < best.end - best.start)) best = s;
    else if (!best) best = s;
  }
  return best;
}

/** The span of a value's path, or of the nearest path above it (`lines.0.modifiers.1`, `lines.0`, then the claim id). */
function spanOf(spans: Record<string, SourceSpan>, path: string): SourceSpan | undefined {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') if (spans[p]) return spans[p];
  return spans.id ?? Object.values(spans)[0];
}

/**
 * The rules an 837P cannot satisfy: it carries no clinical note, so the documentation rules and
 * `muscles-missing` would fire on every claim. They are off for a batch unless `--rule` sets them.
 */
export const NOTE_RULES: readonly RuleId[] = RULES.filter((r) => r.family === 'Documentation' || r.id === 'muscles-missing').map(
  (r) => r.id,
);

export function checkBatch(path: string, given: RuleSeverities): CheckedBatch {
  const severities: RuleSeverities = { ...Object.fromEntries(NOTE_RULES.map((id) => [id, 'off'])), ...given };
  const read = readInterchangeFile(path);
  if ('error' in read) return { findings: [], claimOf: new Map(), claims: [], notices: [], error: read.error };
  const uri = pathToFileURL(path).href;
  const at = positionsOf(read.text);
  const written = writeClaimText(read.claims);
  const service = new ClaimNoteService();
  service.configure({ rules: severities });
  const base = `${uri}#claimnote-import/`;
  for (const f of written.files) service.setDocument(base + f.name, f.text);
  const byUri = service.findingsByUri();
  const findings: Finding[] = [];
  const claimOf = new Map<Finding, string | undefined>();
  const idOf = (k: number) => read.claims[k]?.id;
  for (const f of written.files) {
    for (const x of byUri.get(base + f.name) ?? []) {
      const src = sourceAt(f.sources, x.range.start.line, x.range.start.character);
      const claim = src ? read.claims[src.claim] : undefined;
      const span = claim && src ? spanOf(claim.spans, src.path) : undefined;
      const range = span
        ? { start: at(span.start), end: at(span.end) }
        : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const moved: Finding = { uri, code: x.code, severity: x.severity, message: x.message, range, fixes: [] };
      if (x.unnecessary) moved.unnecessary = true;
      findings.push(moved);
      claimOf.set(moved, src ? idOf(src.claim) : undefined);
    }
  }
  findings.sort(compareFindings);
  const notices = [
    ...read.problems.map((p) => ({ message: p.message, at: p.at })),
    ...read.claims.flatMap((c) => c.notices.map((n) => ({ message: n.message, at: n.at, claim: c.id }))),
  ];
  const claims = read.claims.map((c) => ({ id: c.id ?? '(no id)', line: c.spans.id ? at(c.spans.id.start).line : 0 }));
  return { findings, claimOf, claims, notices };
}

export { positionsOf };
