// An 837P batch checked where it stands (`claimnote check batch.x12`, an .x12 file open in the
// editor): imported in memory, checked as a workspace of its own by the same service, and every
// finding reported at the segment and element of the batch it came from. Hovers name the loop
// and element under the cursor and the ClaimNote line it becomes.
import { writeClaimText, type LineSource } from './interchange/claimText';
import type { ImportedClaim, SourceSpan } from './interchange/claim';
import { read837 } from './interchange/x12';
import type { Finding, RuleSeverities } from './rules/rule';
import { compareFindings } from './rules/engine';
import { ClaimNoteService } from './service';
import { RULES } from './rules/registry';
import type { RuleId } from './rules/ids';

export interface CheckedBatch {
  findings: Finding[];
  /** the claim id of each finding, by finding */
  claimOf: Map<Finding, string | undefined>;
  /** each claim's id and the line (0-based) of its CLM segment */
  claims: { id: string; line: number }[];
  /** what could not be read (whole file, or a claim's notices), as findings-to-be */
  notices: { message: string; at?: SourceSpan; claim?: string }[];
  /** the claims as read, with where each value came from */
  imported: ImportedClaim[];
  error?: string;
}

/** Line and UTF-16 column of each offset of a text (0-based). */
export function positionsOf(text: string): (offset: number) => { line: number; character: number } {
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

/** An 837P's text checked as a workspace of its own; its findings carry `uri` and positions in the text. */
export function checkBatchText(uri: string, text: string, given: RuleSeverities = {}): CheckedBatch {
  const severities: RuleSeverities = { ...Object.fromEntries(NOTE_RULES.map((id) => [id, 'off'])), ...given };
  if (
    !text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('ISA')
  )
    return {
      findings: [],
      claimOf: new Map(),
      claims: [],
      notices: [],
      imported: [],
      error: 'it is not an X12 interchange: it does not start with ISA',
    };
  const read = { text, ...read837(text) };
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
  return { findings, claimOf, claims, notices, imported: read.claims };
}

/** Where a value of a claim sits in an 837P, and the ClaimNote line it becomes, by its path in `spans`. */
export function describePath(path: string): string {
  const [head, n, sub, m] = path.split('.');
  const k = Number(n) + 1;
  switch (head) {
    case 'id':
      return 'CLM01, loop 2300 (the claim): the claim id, `claim <id>`';
    case 'date':
      return 'DTP*472, loop 2400: the date of service, `date`';
    case 'pos':
      return 'CLM05-1, loop 2300: the place of service, `pos`';
    case 'replaces':
      return "REF*F8, loop 2300: the payer's claim number of the claim this one replaces, `replaces`";
    case 'auth':
      return 'REF*G1, loop 2300: the prior authorization number, `auth`';
    case 'provider':
      return 'NM1*82, loop 2310B: the rendering provider, `provider`';
    case 'payer':
      return "NM1*PR, loop 2010BB: the payer and its id, `payer` (the policy's `payer-id`)";
    case 'practice':
      return 'NM1*85, loop 2010AA: the billing provider, a `practice` block (`npi`, `tin`, `address`)';
    case 'diagnoses':
      return `HI, loop 2300: diagnosis ${k}, \`diagnosis ${String.fromCharCode(64 + k)}\``;
    case 'patient':
      if (n === 'member') return 'NM109, loop 2010BA: the member id, `member`';
      if (n === 'born') return 'DMG02, loop 2010BA: the date of birth, `born`';
      if (n === 'sex') return 'DMG03, loop 2010BA: the sex, `sex`';
      if (n === 'address') return "N3 and N4, loop 2010BA: the patient's address, `address`";
      return 'NM1*IL, loop 2010BA: the subscriber, who is the patient, `patient`';
    case 'lines': {
      const what: Record<string, string> = {
        code: 'SV101-2: the procedure code',
        modifiers: `SV101-${Number(m) + 3}: modifier ${Number(m) + 1}`,
        units: 'SV104: the units, `units`',
        pointers: 'SV107: the diagnosis pointers, `dx`',
        charge: 'SV102: the line charge, `charge`',
        date: "DTP*472: the line's date of service",
        drug: "LIN and CTP, loop 2410: the drug's NDC and quantity, `drug ... ndc`",
      };
      return `${sub ? (what[sub] ?? sub) : 'SV1'}, loop 2400: service line ${k}, \`line\``;
    }
    default:
      return path;
  }
}

/** The narrowest value of a batch at an offset: its claim and path. */
export function valueAt(
  claims: readonly ImportedClaim[],
  offset: number,
): { claim: ImportedClaim; path: string; span: SourceSpan } | undefined {
  let best: { claim: ImportedClaim; path: string; span: SourceSpan } | undefined;
  for (const claim of claims)
    for (const [path, span] of Object.entries(claim.spans)) {
      if (offset < span.start || offset > span.end) continue;
      if (!best || span.end - span.start < best.span.end - best.span.start) best = { claim, path, span };
    }
  return best;
}

/** Whether a document is an 837P batch by its name (`.x12`, `.837`, `.edi`). */
export function isBatchUri(uri: string): boolean {
  return /\.(x12|837|edi)$/i.test(uri.replace(/[?#].*$/, ''));
}

/**
 * The 837P documents open in the editor: their texts, each checked once per version (a batch
 * is imported and checked whole: it is a file a system wrote, edited rarely), with
 * diagnostics and hovers. Notices (what ClaimNote cannot say) are information diagnostics.
 */
export class BatchDocuments {
  private texts = new Map<string, string>();
  private checked = new Map<string, CheckedBatch>();
  severities: RuleSeverities = {};

  set(uri: string, text: string): void {
    this.texts.set(uri, text);
    this.checked.delete(uri);
  }
  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }
  has(uri: string): boolean {
    return this.texts.has(uri);
  }
  delete(uri: string): void {
    this.texts.delete(uri);
    this.checked.delete(uri);
  }
  uris(): string[] {
    return [...this.texts.keys()];
  }
  /** Settings changed: every batch is checked again. */
  configure(severities: RuleSeverities): void {
    this.severities = severities;
    this.checked.clear();
  }

  check(uri: string): CheckedBatch | undefined {
    const text = this.texts.get(uri);
    if (text === undefined) return undefined;
    let c = this.checked.get(uri);
    if (!c) this.checked.set(uri, (c = checkBatchText(uri, text, this.severities)));
    return c;
  }

  /** The findings of a batch, and its notices as information findings (`code` import). */
  findings(uri: string): { findings: Finding[]; notices: { message: string; range: { start: Pos; end: Pos } }[] } {
    const c = this.check(uri);
    if (!c) return { findings: [], notices: [] };
    const at = positionsOf(this.texts.get(uri)!);
    const start = { line: 0, character: 0 };
    const notices = c.error
      ? [{ message: `ClaimNote cannot read this file: ${c.error}.`, range: { start, end: start } }]
      : c.notices.map((n) => ({
          message: `ClaimNote cannot say this${n.claim ? ` (claim ${n.claim})` : ''}: ${n.message}`,
          range: n.at ? { start: at(n.at.start), end: at(n.at.end) } : { start, end: start },
        }));
    return { findings: c.findings, notices };
  }

  /** The loop, element and ClaimNote line of the value under the cursor, and the findings there. */
  /** `diagnostics: false`: the findings there are left out, for a client that shows them in its hover itself (VS Code). */
  hover(
    uri: string,
    position: Pos,
    o: { diagnostics?: boolean } = {},
  ): { contents: { kind: 'markdown'; value: string }; range: { start: Pos; end: Pos } } | undefined {
    const c = this.check(uri);
    const text = this.texts.get(uri);
    if (!c || text === undefined) return undefined;
    const lines = text.split('\n');
    let offset = 0;
    for (let l = 0; l < position.line && l < lines.length; l++) offset += lines[l].length + 1;
    offset += position.character;
    const v = valueAt(c.imported, offset);
    if (!v) return undefined;
    const at = positionsOf(text);
    const range = { start: at(v.span.start), end: at(v.span.end) };
    const here =
      o.diagnostics === false
        ? []
        : c.findings.filter((f) => f.range.start.line === range.start.line && f.range.start.character === range.start.character);
    const parts = [
      `**${describePath(v.path)}**`,
      `Claim ${v.claim.id ?? '(no id)'}: \`${text.slice(v.span.start, v.span.end)}\``,
      ...here.map((f) => `${f.severity}: ${f.message} (\`${f.code}\`)`),
    ];
    return { contents: { kind: 'markdown', value: parts.join('\n\n') }, range };
  }
}

type Pos = { line: number; character: number };
