// The ClaimNote language service: documents in, diagnostics, hovers and code actions out.
// Pure (no LSP connection, no `vscode`): the server, the CLI, tests and benchmarks use it.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { Workspace } from './model/workspace';
import { checkAll, CheckOptions } from './rules/engine';
import type { Finding, Range, SeveritySetting } from './rules/rule';
import { toDiagnostic } from './features/diagnostics';
import { doHover, HoverOptions } from './features/hover';
import { fixAllAction, quickFixes, FIX_ALL_KIND } from './features/codeActions';

export interface ServiceSettings {
  rules?: Record<string, SeveritySetting>;
  qualifyingApm?: boolean;
  /** URI of docs/rules.md for each diagnostic's codeDescription */
  docsBase?: string;
}

export class ClaimNoteService {
  readonly workspace = new Workspace();
  private texts = new Map<string, string>();
  private results: Map<string, Finding[]> | undefined;
  settings: ServiceSettings = {};

  setDocument(uri: string, text: string): void {
    if (this.texts.get(uri) === text && this.workspace.has(uri)) return;
    this.texts.set(uri, text);
    this.workspace.setText(uri, text);
    this.results = undefined;
  }

  setUnreadable(uri: string, reason: string): void {
    this.texts.delete(uri);
    this.workspace.setUnreadable(uri, reason);
    this.results = undefined;
  }

  deleteDocument(uri: string): void {
    this.texts.delete(uri);
    this.workspace.delete(uri);
    this.results = undefined;
  }

  hasDocument(uri: string): boolean { return this.workspace.has(uri); }
  getText(uri: string): string | undefined { return this.texts.get(uri); }

  configure(settings: ServiceSettings): void {
    this.settings = settings;
    this.results = undefined;
  }

  private options(): CheckOptions { return { severities: this.settings.rules }; }

  /** Findings of every document (computed once per workspace state). */
  findingsByUri(): Map<string, Finding[]> {
    if (!this.results) this.results = checkAll(this.workspace, this.options());
    return this.results;
  }

  findings(uri: string): Finding[] {
    return this.findingsByUri().get(uri) ?? [];
  }

  doValidation(uri: string): Diagnostic[] {
    return this.findings(uri).map((f) => toDiagnostic(f, this.settings.docsBase));
  }

  doHover(uri: string, position: { line: number; character: number }): { contents: { kind: 'markdown'; value: string }; range?: Range } | undefined {
    const h = doHover(this.workspace, this.findings(uri), uri, position.line, position.character, { qualifyingApm: this.settings.qualifyingApm } as HoverOptions);
    return h && { contents: { kind: 'markdown', value: h.contents }, range: h.range };
  }

  getCodeActions(uri: string, range: Range, only?: string[]): CodeAction[] {
    const findings = this.findings(uri);
    const wantFixAll = !only || only.some((k) => FIX_ALL_KIND.startsWith(k) || k === 'source.fixAll');
    const wantQuick = !only || only.some((k) => k === 'quickfix' || 'quickfix'.startsWith(k) && k !== '');
    const out: CodeAction[] = wantQuick ? quickFixes(uri, findings, range, this.settings.docsBase) : [];
    if (wantFixAll) {
      const all = fixAllAction(uri, findings);
      if (all) out.push(all);
    }
    return out;
  }
}

export { Workspace, checkAll };
export { parseDocument } from './language/parser';
export { RULES, RULES_BY_ID } from './rules/registry';
export { FIX_ALL_KIND } from './features/codeActions';
export { fixAllEdits } from './features/codeActions';
export { run as runCli } from './cli';
