// The ClaimNote language service: documents in, diagnostics, hovers and code actions out.
// Pure (no LSP connection, no `vscode`): the server, the CLI, tests and benchmarks use it.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { Workspace } from './model/workspace';
import type { ContentChange } from './model/document';
import { checkAll, checkBlock, CheckOptions, CrossChecker, shiftCachedFindings } from './rules/engine';
import type { Finding, Range, SeveritySetting } from './rules/rule';
import { toDiagnostic } from './features/diagnostics';
import { doHover, HoverOptions } from './features/hover';
import { fixAllAction, quickFixes, FIX_ALL_KIND } from './features/codeActions';
// editor productivity (issue 5): one module per feature
import type {
  CodeLens, CompletionList, DocumentHighlight, DocumentSymbol, FoldingRange, InlayHint, Location, SelectionRange,
  SemanticTokens, SymbolInformation, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import { doComplete, CompletionOptions } from './features/completion';
import { documentHighlights, findDefinition, findReferences, prepareRename, rename, PrepareRenameResult } from './features/navigation';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { foldingRanges, selectionRanges } from './features/folding';
import { semanticTokens } from './features/semanticTokens';
import { formatDocument, FormatOptions } from './features/formatting';
import { codeLenses } from './features/codeLens';
import { inlayHints } from './features/inlayHints';

export interface ServiceSettings {
  rules?: Record<string, SeveritySetting>;
  qualifyingApm?: boolean;
  /** URI of docs/rules.md for each diagnostic's codeDescription */
  docsBase?: string;
}

/** Counts over the whole workspace (the `claimnote/summary` request of the server). */
export interface WorkspaceSummary {
  files: number;
  claims: number;
  policies: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export class ClaimNoteService {
  readonly workspace = new Workspace();
  private results: Map<string, Finding[]> | undefined;
  settings: ServiceSettings = {};

  private cross = new CrossChecker();

  constructor() {
    this.workspace.onShift = (uri, blocks, fromLine, delta) => {
      shiftCachedFindings(blocks, delta);
      this.cross.shift(uri, fromLine, delta);
    };
  }

  /** Sets a document's whole text (only what differs from the text it had is re-parsed). */
  setDocument(uri: string, text: string): void {
    const before = this.workspace.get(uri);
    // a new document's blocks are checked as they are parsed (see parseDocumentLines)
    if (this.workspace.setText(uri, text, checkBlock) !== before) this.results = undefined;
  }

  /** Applies an editor's content changes (LSP `didChange`, incremental or whole) to a document. */
  editDocument(uri: string, changes: readonly ContentChange[]): void {
    this.workspace.edit(uri, changes);
    this.results = undefined;
  }

  setUnreadable(uri: string, reason: string): void {
    this.workspace.setUnreadable(uri, reason);
    this.results = undefined;
  }

  deleteDocument(uri: string): void {
    this.workspace.delete(uri);
    this.results = undefined;
  }

  hasDocument(uri: string): boolean { return this.workspace.has(uri); }
  /** A document's whole text (joined from its lines on demand). */
  getText(uri: string): string | undefined { return this.workspace.text(uri); }
  private lines(uri: string): readonly string[] | undefined { return this.workspace.lines(uri); }

  configure(settings: ServiceSettings): void {
    this.settings = settings;
    this.results = undefined;
  }

  private options(): CheckOptions { return { severities: this.settings.rules }; }

  /** Findings of every document (computed once per workspace state). */
  findingsByUri(): Map<string, Finding[]> {
    if (!this.results) this.results = checkAll(this.workspace, this.options(), this.cross);
    return this.results;
  }

  findings(uri: string): Finding[] {
    return this.findingsByUri().get(uri) ?? [];
  }

  /** Files, claims and policies of the workspace, and its findings by severity (rules turned off excluded). */
  summary(): WorkspaceSummary {
    const s: WorkspaceSummary = { files: 0, claims: 0, policies: 0, errors: 0, warnings: 0, infos: 0, hints: 0 };
    for (const file of this.workspace.all()) {
      s.files++;
      for (const b of file.blocks) if (b.kind === 'claim') s.claims++; else s.policies++;
    }
    for (const findings of this.findingsByUri().values()) {
      for (const f of findings) {
        if (f.severity === 'error') s.errors++;
        else if (f.severity === 'warning') s.warnings++;
        else if (f.severity === 'info') s.infos++;
        else s.hints++;
      }
    }
    return s;
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

  // ---------------------------------------------------------------- editor productivity (issue 5)

  getCompletions(uri: string, position: Position, options?: CompletionOptions): CompletionList {
    const lines = this.lines(uri);
    if (lines === undefined) return { isIncomplete: false, items: [] };
    return doComplete(this.workspace, uri, lines, position, options);
  }

  getDefinition(uri: string, position: Position): Location[] {
    return findDefinition(this.workspace, uri, position.line, position.character);
  }

  getReferences(uri: string, position: Position, includeDeclaration = true): Location[] {
    return findReferences(this.workspace, uri, position.line, position.character, includeDeclaration);
  }

  getDocumentHighlights(uri: string, position: Position): DocumentHighlight[] {
    return documentHighlights(this.workspace, uri, position.line, position.character);
  }

  /** The range and text to rename, or `{ reason }` when the name under the cursor cannot be renamed. */
  prepareRename(uri: string, position: Position): PrepareRenameResult {
    return prepareRename(this.workspace, uri, position.line, position.character);
  }

  /** The edits of a rename across the workspace, or `{ reason }` when it is refused. */
  rename(uri: string, position: Position, newName: string): WorkspaceEdit | { reason: string } {
    return rename(this.workspace, uri, position.line, position.character, newName);
  }

  getDocumentSymbols(uri: string): DocumentSymbol[] {
    const lines = this.lines(uri);
    return lines === undefined ? [] : documentSymbols(this.workspace, uri, lines);
  }

  getWorkspaceSymbols(query: string): SymbolInformation[] {
    return workspaceSymbols(this.workspace, query);
  }

  getFoldingRanges(uri: string): FoldingRange[] {
    const lines = this.lines(uri);
    return lines === undefined ? [] : foldingRanges(this.workspace, uri, lines);
  }

  getSelectionRanges(uri: string, positions: Position[]): SelectionRange[] {
    return selectionRanges(this.workspace, uri, this.lines(uri) ?? [''], positions);
  }

  getSemanticTokens(uri: string, range?: Range): SemanticTokens {
    const lines = this.lines(uri);
    return lines === undefined ? { data: [] } : semanticTokens(this.workspace, uri, lines, range);
  }

  /** Document formatting, or range formatting when a range is given. */
  format(uri: string, options: FormatOptions, range?: Range): TextEdit[] {
    const lines = this.lines(uri);
    return lines === undefined ? [] : formatDocument(this.workspace, uri, lines, options, range);
  }

  getCodeLenses(uri: string): CodeLens[] {
    return codeLenses(this.workspace, uri, { qualifyingApm: this.settings.qualifyingApm });
  }

  getInlayHints(uri: string, range?: Range): InlayHint[] {
    return inlayHints(this.workspace, uri, range);
  }
}

type Position = { line: number; character: number };

export { Workspace, checkAll };
export { parseDocument, mapBlocks, parseBlocks, patientOfBlock } from './language/parser';
export { RULES, RULES_BY_ID } from './rules/registry';
export { FIX_ALL_KIND } from './features/codeActions';
export { fixAllEdits } from './features/codeActions';
export { SEMANTIC_LEGEND } from './features/semanticTokens';
export { DocumentText, changeTo } from './model/document';
export { keywordOf } from './language/syntax';
export { keywordAt, isKeywordLine } from './language/scanner'; // (tests: the fast keyword reads against a reference)
