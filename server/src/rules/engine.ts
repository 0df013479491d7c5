// Runs the registered rules over a workspace. Fast checks see one block (claim or policy)
// and are cached per parsed block, so an edit re-runs them for the blocks it re-parsed
// only; workspace checks run over the index. User severities replace the defaults (the
// GA/GZ downgrade too).
import type { Block, ClaimFile, Span } from '../language/syntax';
import { shiftLines } from '../language/parser';
import { factsOf } from '../model/claim';
import type { Workspace } from '../model/workspace';
import { RULES } from './registry';
import type { Finding, Range, ReportOptions, Rule, SeveritySetting } from './rule';
import { toRange } from './rule';

export interface CheckOptions {
  /** per-rule severity overrides; `off` drops the rule */
  severities?: Readonly<Record<string, SeveritySetting>>;
}

function finding(rule: Rule, uri: string, at: Span | Range, message: string, o: ReportOptions = {}): Finding {
  const f: Finding = { uri, code: rule.id, severity: o.severity ?? rule.severity, message, range: toRange(at), fixes: o.fixes ?? [] };
  if (o.related?.length) f.related = o.related;
  if (o.unnecessary) f.unnecessary = true;
  return f;
}

const FILE_RULES = RULES.filter((r) => r.file);
const BLOCK_RULES = RULES.filter((r) => r.block);
const CLAIM_RULES = RULES.filter((r) => r.claim);
const POLICY_RULES = RULES.filter((r) => r.policy);
const WORKSPACE_RULES = RULES.filter((r) => r.workspace);

const blockCache = new WeakMap<Block, Finding[]>();
const fileCache = new WeakMap<ClaimFile, Finding[]>();

/** Findings of one block alone (cached per block object). */
export function checkBlock(file: ClaimFile, block: Block): Finding[] {
  const cached = blockCache.get(block);
  if (cached) return cached;
  const out: Finding[] = [];
  const uri = file.uri;
  let rule: Rule = RULES[0];
  const report = (at: Span | Range, message: string, o?: ReportOptions) => { out.push(finding(rule, uri, at, message, o)); };
  for (rule of BLOCK_RULES) rule.block!({ uri, file, block, report });
  if (block.kind === 'claim') {
    const ctx = { uri, file, claim: block, facts: factsOf(block), report };
    for (rule of CLAIM_RULES) rule.claim!(ctx);
  } else {
    const ctx = { uri, file, policy: block, report };
    for (rule of POLICY_RULES) rule.policy!(ctx);
  }
  blockCache.set(block, out);
  return out;
}

/** Blocks reused after an edit moved them: their cached findings move with them. */
export function shiftCachedFindings(blocks: readonly Block[], delta: number): void {
  for (const b of blocks) {
    const cached = blockCache.get(b);
    if (cached) shiftLines(cached, delta, new Set());
  }
}

/** Drops a document's cached findings (the CLI keeps its own copy and moves on). */
export function forgetCachedFindings(file: ClaimFile): void {
  fileCache.delete(file);
  for (const b of file.blocks) blockCache.delete(b);
}

/** Findings that depend on one document only. */
export function checkDocument(file: ClaimFile): Finding[] {
  const cached = fileCache.get(file);
  if (cached) return cached;
  const out: Finding[] = [];
  let rule: Rule = RULES[0];
  const report = (at: Span | Range, message: string, o?: ReportOptions) => { out.push(finding(rule, file.uri, at, message, o)); };
  for (rule of FILE_RULES) rule.file!({ uri: file.uri, file, report });
  const last = file.blocks.length - 1;
  file.blocks.forEach((b, i) => {
    // the last block's fixes may append at the end of the file: never reuse them
    if (i === last) blockCache.delete(b);
    for (const f of checkBlock(file, b)) out.push(f);
  });
  fileCache.set(file, out);
  return out;
}

/** Findings that depend on more than one document (sessions, ids, policies). */
export function checkWorkspaceRules(ws: Workspace, options: CheckOptions = {}): Finding[] {
  const index = ws.index();
  const files = new Map(ws.all().map((f) => [f.uri, f]));
  const enabled = (id: string) => options.severities?.[id] !== 'off';
  const out: Finding[] = [];
  for (const rule of WORKSPACE_RULES) {
    rule.workspace!({ index, files, enabled, report: (uri, at, message, o) => out.push(finding(rule, uri, at, message, o)) });
  }
  return out;
}

export function applySeverities(findings: Finding[], options: CheckOptions): Finding[] {
  const sev = options.severities;
  if (!sev || !Object.keys(sev).length) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const s = sev[f.code];
    if (s === 'off') continue;
    out.push(s ? { ...f, severity: s } : f);
  }
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Every finding of the workspace, grouped by document URI (every document has an entry). */
export function checkAll(ws: Workspace, options: CheckOptions = {}): Map<string, Finding[]> {
  const byUri = new Map<string, Finding[]>();
  for (const file of ws.all()) byUri.set(file.uri, [...checkDocument(file)]);
  for (const f of checkWorkspaceRules(ws, options)) byUri.get(f.uri)?.push(f);
  for (const [uri, list] of byUri) byUri.set(uri, applySeverities(list, options).sort(compareFindings));
  return byUri;
}
