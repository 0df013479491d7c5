// Findings as LSP diagnostics: code = rule id, source `claimnote`, a link to the rule's docs.
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Finding, Severity } from '../rules/rule';

export const SOURCE = 'claimnote';

const LSP_SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, info: 3, hint: 4 };

/** `docsBase` is the URI of docs/rules.md shipped with the extension (works offline). */
export function toDiagnostic(f: Finding, docsBase?: string): Diagnostic {
  const d: Diagnostic = { range: f.range, severity: LSP_SEVERITY[f.severity], code: f.code, source: SOURCE, message: f.message };
  if (docsBase) d.codeDescription = { href: `${docsBase}#${f.code}` };
  if (f.unnecessary) d.tags = [1];
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r): DiagnosticRelatedInformation => ({
      location: { uri: r.uri, range: r.range },
      message: r.message,
    }));
  }
  return d;
}
