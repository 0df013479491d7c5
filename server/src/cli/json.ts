// The JSON report (`check --format json`): its type, and each file's entry. Described by
// docs/cli-report.schema.json.
import { fileURLToPath } from 'node:url';
import type { Finding, Range, Severity } from '../rules/rule';
import { displayPath } from './paths';
import { docsLink } from './meta';

/** The whole report: every file checked, in order, then the totals. */
export interface CliReport {
  files: CliFileReport[];
  summary: CliSummary;
}

export interface CliFileReport {
  /** as given or found, relative to the working folder (absolute when given absolute) */
  path: string;
  diagnostics: CliDiagnostic[];
}

/** Positions are 0-based lines and UTF-16 characters, as in LSP; `end` is exclusive. */
export interface CliDiagnostic {
  /** the rule id */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** the id of the claim the finding lies in (absent outside any claim, or for a claim without an id) */
  claim?: string;
  /** other places the finding is about (the other claim with the same id, the other sessions of a limit) */
  related: CliRelated[];
  /** the rule's documentation: docs/rules.md#<rule-id> shipped with ClaimNote, as a file URL */
  docs: string;
  fixes: CliFix[];
}

export interface CliRelated {
  path: string;
  range: Range;
  message: string;
}
export interface CliFix {
  title: string;
  isPreferred: boolean;
  edits: { range: Range; newText: string }[];
}
export interface CliSummary {
  files: number;
  error: number;
  warning: number;
  info: number;
  hint: number;
}

/** The path of a file of the report, by URI (as its entry shows it), or of any other file. */
export type PathOf = (uri: string) => string;

export function pathOfUri(known: ReadonlyMap<string, string>): PathOf {
  return (uri) => {
    const path = known.get(uri);
    if (path !== undefined) return path;
    try {
      return displayPath(fileURLToPath(uri));
    } catch {
      return uri;
    }
  };
}

export function jsonDiagnostic(f: Finding, claim: string | undefined, pathOf: PathOf): CliDiagnostic {
  const base = { code: f.code, severity: f.severity, message: f.message, range: f.range };
  const related = (f.related ?? []).map((r): CliRelated => ({ path: pathOf(r.uri), range: r.range, message: r.message }));
  const docs = docsLink(f.code);
  const fixes = f.fixes.map((x): CliFix => ({
    title: x.title,
    isPreferred: x.isPreferred,
    edits: x.edits.map((e) => ({ range: e.range, newText: e.newText })),
  }));
  // keys in a stable order: code, severity, message, range, claim, related, docs, fixes
  return claim ? { ...base, claim, related, docs, fixes } : { ...base, related, docs, fixes };
}
