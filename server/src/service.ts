// The ClaimNote language service: documents in, diagnostics, hovers and code actions out.
// Pure (no LSP connection, no `vscode`): the server, the CLI, tests and benchmarks use it.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { Workspace } from './model/workspace';
import type { ContentChange } from './model/document';
import { applySeverities, checkAll, checkBlock, checkClaimIds, checkWorkspaceWide, CheckOptions, CrossChecker } from './rules/engine';
import { isSharedBlock, mapBlocks, patientOfBlock, type BlockMap } from './language/blockMap';
import type { IdRef } from './model/workspaceIndex';
import type { Finding, Position, Range, RuleSeverities } from './rules/rule';
import { toDiagnostic } from './features/diagnostics';
import { doHover, HoverOptions } from './features/hover';
import { fixAllAction, quickFixes, FIX_ALL_KIND } from './features/codeActions';
// editor productivity (docs/editor-features.md): one module per feature
import type {
  CodeLens,
  CompletionList,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  InlayHint,
  Location,
  SelectionRange,
  SemanticTokens,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { doComplete, CompletionOptions } from './features/completion';
import { documentHighlights, findDefinition, findReferences, prepareRename, rename, PrepareRenameResult } from './features/navigation';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { denialActions } from './features/denialActions';
import { foldingRanges, selectionRanges } from './features/folding';
import { semanticTokens } from './features/semanticTokens';
import { formatDocument, FormatOptions } from './features/formatting';
import { codeLenses } from './features/codeLens';
import { inlayHints } from './features/inlayHints';

export interface ServiceSettings {
  rules?: RuleSeverities;
  qualifyingApm?: boolean;
  /** a client command that opens the CMS-1500 preview of a claim: a code lens on each claim runs it (VS Code: claimnote.previewForm) */
  formPreviewCommand?: string;
  /** URI of docs/rules.md for each diagnostic's codeDescription */
  docsBase?: string;
  /** false: hovers leave out the diagnostics at the position (the client shows them itself) */
  hoverDiagnostics?: boolean;
  /**
   * The workspace is one part of a check split between threads (the CLI): the claim-id rules
   * and the workspace-wide rules are left out of `findingsByUri`, for the caller to run over
   * every part (`claimIdFindings`, `workspaceWideFindings`).
   */
  part?: boolean;
}

/**
 * A text's blocks, found without parsing them, for a caller that checks a workspace in parts:
 * which blocks are policies, and the patient of each claim (read from its patient lines alone).
 */
export class DocumentPlan {
  readonly map: BlockMap;
  /** (the text is not kept: a caller that reads a file again for each part hands it in each time) */
  constructor(text: string, map?: BlockMap) {
    this.map = map ?? mapBlocks(text);
  }
  get blockCount(): number {
    return this.map.starts.length;
  }
  /** the first line of block `i` and the first line after it */
  linesOf(i: number): { from: number; to: number } {
    const { starts, lineLengths } = this.map;
    return { from: starts[i], to: i + 1 < starts.length ? starts[i + 1] : lineLengths.length };
  }
  isShared(text: string, i: number): boolean {
    return isSharedBlock(text, this.map, i);
  }
  patientOf(text: string, i: number): string | undefined {
    return patientOfBlock(text, this.map, i);
  }
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

  /** Sets a document's whole text (only what differs from the text it had is re-parsed). */
  setDocument(uri: string, text: string): void {
    const before = this.workspace.get(uri);
    // a new document's blocks are checked as they are parsed, while they are fresh in memory
    // (the engine keeps their findings for the check that follows)
    const steps = this.workspace.setTextInSteps(uri, text);
    let r = steps.next();
    for (; !r.done; r = steps.next()) checkBlock(r.value.file, r.value.block);
    if (r.value !== before) this.results = undefined;
  }

  /** Applies an editor's content changes (LSP `didChange`, incremental or whole) to a document. */
  editDocument(uri: string, changes: readonly ContentChange[]): void {
    this.workspace.edit(uri, changes);
    this.results = undefined;
  }

  /**
   * Adds the blocks of a document's text that `keep` selects (by index in the text's plan), and the lines
   * before its first block when `preamble` is set: the share of a check split by patient. The
   * document cannot be edited afterwards.
   */
  setDocumentPart(uri: string, text: string, plan: DocumentPlan, keep: (block: number) => boolean, preamble: boolean): void {
    this.workspace.setPart(uri, text, plan.map, keep, preamble);
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

  hasDocument(uri: string): boolean {
    return this.workspace.has(uri);
  }

  /** The claims of a document: each one's id as written ('' when it has none) and its first and last lines (0-based). */
  getClaims(uri: string): { id: string; startLine: number; endLine: number }[] {
    const out: { id: string; startLine: number; endLine: number }[] = [];
    for (const b of this.workspace.get(uri)?.blocks ?? [])
      if (b.kind === 'claim') out.push({ id: b.id?.text ?? '', startLine: b.startLine, endLine: b.endLine });
    return out;
  }
  /** A document's whole text (joined from its lines on demand). */
  getText(uri: string): string | undefined {
    return this.workspace.text(uri);
  }
  private lines(uri: string): readonly string[] | undefined {
    return this.workspace.lines(uri);
  }

  configure(settings: ServiceSettings): void {
    this.settings = settings;
    this.results = undefined;
  }

  private options(): CheckOptions {
    return { severities: this.settings.rules };
  }

  /** The data the rules read changed (CMS files loaded): every finding is computed again. */
  invalidate(): void {
    this.results = undefined;
  }

  /** Findings of every document (computed once per workspace state). */
  findingsByUri(): Map<string, Finding[]> {
    if (!this.results)
      this.results = checkAll(this.workspace, this.options(), this.cross, this.settings.part ? { ids: false, workspace: false } : {});
    return this.results;
  }

  /** The findings of the workspace-wide rules (in a part: the caller removes other parts' repeats). */
  workspaceWideFindings(): Finding[] {
    return applySeverities(checkWorkspaceWide(this.workspace, this.options()), this.options());
  }

  /** The workspace's claims by lower-case id, each with its file and id token (to compare ids across parts). */
  claimIds(): ReadonlyMap<string, readonly IdRef[]> {
    return this.workspace.index().claimsById;
  }

  /** The claim-id findings of claims that share an id, in workspace order (from any number of parts). */
  static claimIdFindings(refs: readonly IdRef[], rules?: RuleSeverities): Finding[] {
    return applySeverities(checkClaimIds(refs, { severities: rules }), { severities: rules });
  }

  findings(uri: string): Finding[] {
    return this.findingsByUri().get(uri) ?? [];
  }

  /** Files, claims and policies of the workspace, and its findings by severity (rules turned off excluded). */
  summary(): WorkspaceSummary {
    const s: WorkspaceSummary = { files: 0, claims: 0, policies: 0, errors: 0, warnings: 0, infos: 0, hints: 0 };
    for (const file of this.workspace.all()) {
      s.files++;
      for (const b of file.blocks)
        if (b.kind === 'claim') s.claims++;
        else s.policies++;
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

  doHover(
    uri: string,
    position: { line: number; character: number },
  ): { contents: { kind: 'markdown'; value: string }; range?: Range } | undefined {
    const h = doHover(this.workspace, this.findings(uri), uri, position.line, position.character, {
      qualifyingApm: this.settings.qualifyingApm,
      docsBase: this.settings.docsBase,
      diagnostics: this.settings.hoverDiagnostics,
    } as HoverOptions);
    return h && { contents: { kind: 'markdown', value: h.contents }, range: h.range };
  }

  getCodeActions(uri: string, range: Range, only?: string[]): CodeAction[] {
    const findings = this.findings(uri);
    const wantFixAll = !only || only.some((k) => FIX_ALL_KIND.startsWith(k) || k === 'source.fixAll');
    const wantQuick = !only || only.some((k) => k === 'quickfix' || ('quickfix'.startsWith(k) && k !== ''));
    const out: CodeAction[] = wantQuick ? quickFixes(uri, findings, range, this.settings.docsBase) : [];
    if (wantFixAll) {
      const all = fixAllAction(uri, findings);
      if (all) out.push(all);
    }
    if (!only || only.some((k) => 'refactor'.startsWith(k) || k.startsWith('refactor')))
      out.push(...denialActions(this.workspace, uri, findings, range));
    return out;
  }

  // ---------------------------------------------------------------- editor productivity (docs/editor-features.md)

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
    return codeLenses(this.workspace, uri, {
      qualifyingApm: this.settings.qualifyingApm,
      formPreviewCommand: this.settings.formPreviewCommand,
    });
  }

  getInlayHints(uri: string, range?: Range): InlayHint[] {
    return inlayHints(this.workspace, uri, range);
  }
}

export { Workspace, checkAll };
export { parseDocument, parseBlocks } from './language/parser';
export { mapBlocks, patientOfBlock } from './language/blockMap';
export { compareRefs } from './model/workspaceIndex';
export { compareFindings } from './rules/engine';
export { RULES, RULES_BY_ID } from './rules/registry';
export { REASONS } from './data/denials';
export { RULE_IDS } from './rules/ids';
export { FIX_ALL_KIND } from './features/codeActions';
export { fixAllEdits } from './features/codeActions';
export { SEMANTIC_LEGEND } from './features/semanticTokens';
export { DocumentText, changeTo } from './model/document';
export { keywordOf } from './language/syntax';
export { ALL_KEYWORDS } from './language/lexicon';
export { keywordAt, isKeywordLine } from './language/scanner'; // (tests: the fast keyword reads against a reference)
export { useDataFolder } from './data/loaded'; // (tests: CMS's files as the server loads them)
