// Runs the registered rules over a workspace. Per-document checks (file, claim, policy) are
// cached per parsed document, so an edit re-runs them for that document only; workspace
// checks run over the index. User severities replace the defaults (the GA/GZ downgrade too).
import type { ClaimFile, Span } from '../language/syntax';
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

const localCache = new WeakMap<ClaimFile, Finding[]>();

/** Findings that depend on one document only. */
export function checkDocument(file: ClaimFile): Finding[] {
  const cached = localCache.get(file);
  if (cached) return cached;
  const out: Finding[] = [];
  const uri = file.uri;
  for (const rule of RULES) {
    const report = (at: Span | Range, message: string, o?: ReportOptions) => out.push(finding(rule, uri, at, message, o));
    if (rule.file) rule.file({ uri, file, report });
    if (rule.claim || rule.policy) {
      for (const block of file.blocks) {
        if (block.kind === 'claim' && rule.claim) rule.claim({ uri, file, claim: block, facts: factsOf(block), report });
        else if (block.kind === 'policy' && rule.policy) rule.policy({ uri, file, policy: block, report });
      }
    }
  }
  localCache.set(file, out);
  return out;
}

/** Findings that depend on more than one document (sessions, ids, policies). */
export function checkWorkspaceRules(ws: Workspace): Finding[] {
  const index = ws.index();
  const files = new Map(ws.all().map((f) => [f.uri, f]));
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (!rule.workspace) continue;
    rule.workspace({ index, files, report: (uri, at, message, o) => out.push(finding(rule, uri, at, message, o)) });
  }
  return out;
}

export function applySeverities(findings: Finding[], options: CheckOptions): Finding[] {
  const sev = options.severities;
  if (!sev) return findings;
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
  for (const f of checkWorkspaceRules(ws)) byUri.get(f.uri)?.push(f);
  for (const [uri, list] of byUri) byUri.set(uri, applySeverities(list, options).sort(compareFindings));
  return byUri;
}
