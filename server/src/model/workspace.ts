// The workspace: every `.claim` document, its text as lines and its syntax tree (parsed once
// per version; an edit re-parses only the blocks it touched), and the index of its claims,
// policies and sessions (workspaceIndex.ts), updated with every change. Data flows one way:
// text -> syntax tree -> index -> findings (rules/engine.ts reads the index's changes).
import { parseBlocks, parseDocumentInSteps, parseDocumentLines } from '../language/parser';
import { reparseLines, type Reparse } from '../language/reparse';
import type { BlockMap } from '../language/blockMap';
import { ContentChange, DocumentText } from './document';
import type { Block, ClaimFile } from '../language/syntax';
import { WorkspaceIndex } from './workspaceIndex';

/** A document that could not be read or decoded: no blocks, and the reason. */
function unreadableFile(uri: string, reason: string): ClaimFile {
  return {
    uri,
    lineCount: 1,
    lastLineLength: 0,
    lineLengths: new Uint32Array(1),
    eol: '\n',
    blocks: [],
    preamble: [],
    errors: [],
    unreadable: reason,
  };
}

/**
 * Documents by URI, with their texts as lines; parses each text once (only the touched blocks
 * of an edited document) and keeps the index up to date with every change.
 */
export class Workspace {
  private files = new Map<string, ClaimFile>();
  private texts = new Map<string, DocumentText>();
  private live = new WorkspaceIndex();

  /**
   * Sets a document's whole text. When the document is known, the text is compared with the
   * one it has and only what differs is applied, as an edit.
   */
  setText(uri: string, text: string): ClaimFile {
    const steps = this.setTextInSteps(uri, text);
    for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
  }

  /**
   * `setText`, for a caller that checks a new document's blocks while they are fresh: a new
   * document is parsed block by block, each block yielded as it is parsed (with the file as
   * parsed so far), and the document and the index are updated once the parse is done. A known
   * document is updated as an edit, and nothing is yielded.
   */
  *setTextInSteps(uri: string, text: string): Generator<{ file: ClaimFile; block: Block }, ClaimFile> {
    const doc = this.texts.get(uri);
    if (doc && this.files.has(uri)) return doc.hasText(text) ? this.files.get(uri)! : this.edit(uri, [{ text }]);
    const fresh = new DocumentText(text);
    this.texts.set(uri, fresh);
    const file = yield* parseDocumentInSteps(uri, fresh.lines, fresh.eol);
    return this.setParsed(uri, file);
  }

  /**
   * Applies an editor's content changes (LSP `didChange`, in order) to a known document, and
   * re-parses only the blocks they touched. Changes to an unknown document apply to an empty one.
   */
  edit(uri: string, changes: readonly ContentChange[]): ClaimFile {
    const doc = this.texts.get(uri);
    const old = this.files.get(uri);
    if (!doc || !old) {
      this.setText(uri, '');
      return this.edit(uri, changes);
    }
    const lines = doc.apply(changes);
    const eol = doc.eol;
    let re: Reparse | undefined;
    // fixes that insert lines use the file's line ending: when an edit changes it, start afresh
    if (lines && eol === old.eol) re = reparseLines(old, doc.lines, eol, lines.first, lines.lastOld, lines.delta);
    return this.setParsed(uri, re ? re.file : parseDocumentLines(uri, doc.lines, eol), re);
  }

  private setParsed(uri: string, file: ClaimFile, re?: Reparse): ClaimFile {
    this.files.set(uri, file);
    this.live.update(uri, file, re);
    return file;
  }

  /**
   * Takes only some blocks of a text, those `keep` selects by their index in the text's block
   * map (a check split between threads by patient), and the lines before the first block when
   * `preamble` is set. Line numbers are the whole text's. The document keeps no text: it cannot
   * be edited afterwards.
   */
  setPart(uri: string, text: string, map: BlockMap, keep: (block: number) => boolean, preamble: boolean): ClaimFile {
    const file = parseBlocks(uri, text, map, undefined, keep, preamble);
    this.texts.delete(uri);
    return this.setParsed(uri, file);
  }

  /** A document's whole text (joined from its lines: features read `lines`). */
  text(uri: string): string | undefined {
    return this.texts.get(uri)?.text();
  }

  /** A document's lines, without their breaks. */
  lines(uri: string): readonly string[] | undefined {
    return this.texts.get(uri)?.lines;
  }

  setUnreadable(uri: string, reason: string): void {
    const file = unreadableFile(uri, reason);
    this.files.set(uri, file);
    this.texts.delete(uri);
    this.live.update(uri, file);
  }

  delete(uri: string): void {
    this.texts.delete(uri);
    if (this.files.delete(uri)) this.live.update(uri, undefined);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }
  get(uri: string): ClaimFile | undefined {
    return this.files.get(uri);
  }
  uris(): string[] {
    return [...this.files.keys()];
  }
  all(): ClaimFile[] {
    return [...this.files.values()];
  }

  index(): WorkspaceIndex {
    return this.live;
  }
}
