// Semantic tokens: keywords, codes, modifiers, ICD-10-CM codes, dates and numbers, ids and
// pointers, with a legend of standard token types so that any theme colours them.
import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import { scanLine } from '../language/scanner';
import { ALL_KEYWORDS, PART_KEYWORD_SET } from '../language/lexicon';
import type { Span, Tok, ValueLine } from '../language/syntax';
import { icdStatus } from '../data/icd10';
import { DELETED_METHYLPRED } from '../data/drugs';
import type { Workspace } from '../model/workspace';
import type { Position } from '../rules/rule';

/**
 * What each standard type stands for in a .claim file:
 * keyword: line keywords and the words `mod`, `units`, `dx`, `per`, days...;
 * variable: claim and patient ids; type: payer ids; function: CPT/HCPCS codes;
 * enumMember: ICD-10-CM codes; property: modifiers; parameter: diagnosis letters and pointers;
 * number: dates, places of service, NPIs, units, charges, NDCs and quantities; string: quoted
 * names and addresses; class: practice ids (where declared and where `billed-by` names them).
 * Modifiers: declaration (where a claim, policy or diagnosis letter is defined),
 * defaultLibrary (the built-in medicare payer), deprecated (non-billable ICD-10-CM headers,
 * deleted HCPCS codes).
 */
export const TOKEN_TYPES = [
  'keyword',
  'variable',
  'type',
  'function',
  'enumMember',
  'property',
  'parameter',
  'number',
  'string',
  'class',
] as const;
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary', 'deprecated'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export interface SemanticToken {
  line: number;
  start: number;
  length: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

const KEYWORDS = new Set<string>(ALL_KEYWORDS);

/** The tokens of a document, in order, not overlapping. */
export function semanticTokenList(ws: Workspace, uri: string, lines: readonly string[]): SemanticToken[] {
  const file = ws.get(uri);
  if (!file) return [];
  const out: SemanticToken[] = [];
  const push = (s: Span | undefined, type: TokenType, ...modifiers: (TokenModifier | false)[]) => {
    if (s && s.end > s.start)
      out.push({
        line: s.line,
        start: s.start,
        length: s.end - s.start,
        type,
        modifiers: modifiers.filter((m): m is TokenModifier => !!m),
      });
  };
  // keywords and the numbers of policy lines, from the text (so that lines with errors keep theirs)
  lines.forEach((lineText, line) => {
    const s = scanLine(lineText);
    const kw = s.words[0];
    if (!kw || kw.quoted) return;
    const keyword = kw.text.toLowerCase();
    if (!KEYWORDS.has(keyword)) return;
    push({ line, start: kw.start, end: kw.end }, 'keyword');
    const w = s.words;
    const word = (i: number, type: TokenType) => {
      if (w[i] && !w[i].quoted) push({ line, start: w[i].start, end: w[i].end }, type);
    };
    if (keyword === 'line') {
      for (const x of w.slice(2)) {
        if (x.quoted) continue;
        let at = x.start;
        for (const piece of x.text.split(',')) {
          if (PART_KEYWORD_SET.has(piece.toLowerCase())) push({ line, start: at, end: at + piece.length }, 'keyword');
          at += piece.length + 1;
        }
      }
    } else if (keyword === 'limit') {
      word(1, 'number');
      word(2, 'keyword');
      word(3, 'number');
      word(4, 'keyword');
    } else if (keyword === 'drug') {
      for (const x of w.slice(2)) if (!x.quoted && x.text.toLowerCase() === 'ndc') push({ line, start: x.start, end: x.end }, 'keyword');
    } else if (keyword === 'denied') {
      for (const x of w.slice(2))
        if (!x.quoted) {
          let at = x.start;
          for (const piece of x.text.split(',')) {
            if (/^(remark|ref|on)$/i.test(piece)) push({ line, start: at, end: at + piece.length }, 'keyword');
            at += piece.length + 1;
          }
        }
    } else if (keyword === 'appeal-window') {
      word(1, 'number');
      word(2, 'keyword');
    } else if (keyword === 'interval') {
      word(1, 'number');
      word(2, 'keyword');
    } else if (keyword === 'rate') {
      word(1, 'number');
      if (w[2]?.text === '%') word(2, 'number');
    }
  });
  const index = ws.index();
  for (const b of file.blocks) {
    if (b.kind === 'policy') {
      push(b.id, 'type', 'declaration');
      push(b.displayName && { line: b.startLine, start: b.displayName.start, end: b.displayName.end }, 'string');
      for (const l of [...b.covers, ...b.excludes])
        for (const e of l.entries) push(e, 'enumMember', e.wellFormed && icdStatus(e.value) === 'header' && 'deprecated');
      continue;
    }
    if (b.kind === 'practice') {
      push(b.id, 'class', 'declaration');
      push(b.displayName && { line: b.startLine, start: b.displayName.start, end: b.displayName.end }, 'string');
      for (const n of [b.npi, b.tin, b.phone, b.taxonomy, b.locality]) push(n?.value, 'number');
      push(b.locality?.rest, 'number');
      for (const n of [b.submitter, b.receiver]) {
        push(n?.value, 'variable');
        push(n?.rest, 'string');
      }
      push(b.address?.value, 'string');
      continue;
    }
    push(b.id, 'variable', 'declaration');
    const valued: { field: string; value?: Tok }[] = [
      { field: 'patient', value: b.patient?.value },
      { field: 'payer', value: b.payer?.value },
      { field: 'date', value: b.date?.value },
      { field: 'pos', value: b.pos?.value },
      { field: 'provider', value: b.provider?.value },
      { field: 'billed-by', value: b.billedBy?.value },
      { field: 'member', value: b.member?.value },
      { field: 'born', value: b.born?.value },
      { field: 'sex', value: b.sex?.value },
      { field: 'address', value: b.address?.value },
      { field: 'replaces', value: b.replaces?.value },
      ...b.duplicates.map((d) => ({ field: d.field, value: (d.node as Partial<ValueLine>).value })),
    ];
    for (const { field, value } of valued) {
      if (!value) continue;
      if (field === 'patient') push(value, 'variable');
      else if (field === 'payer')
        push(value, 'type', value.value.toLowerCase() === 'medicare' && !index.policies.has('medicare') && 'defaultLibrary');
      else if (field === 'billed-by') push(value, 'class');
      else if (field === 'address') push(value, 'string');
      else if (field === 'sex') push(value, 'enumMember');
      else if (
        field === 'date' ||
        field === 'pos' ||
        field === 'provider' ||
        field === 'member' ||
        field === 'born' ||
        field === 'replaces'
      )
        push(value, 'number');
    }
    for (const d of b.diagnoses) {
      push(d.letter, 'parameter', 'declaration');
      push(d.code, 'enumMember', d.wellFormed && icdStatus(d.code.value) === 'header' && 'deprecated');
    }
    for (const l of b.lines) {
      push(l.code, 'function', l.code.value in DELETED_METHYLPRED && 'deprecated');
      for (const m of l.modifiers) push(m, 'property');
      push(l.units, 'number');
      push(l.charge, 'number');
      for (const p of l.dx?.pointers ?? []) push(p, 'parameter');
    }
    for (const d of b.drugs) {
      push(d.concentration, 'number');
      push(d.dose, 'number');
      push(d.ndc, 'number');
    }
    for (const d of b.denials) {
      push(d.date, 'number');
      for (const a of d.adjustments) push(a, 'enumMember');
      for (const r of d.remarks) push(r, 'enumMember');
      push(d.ref, 'number');
      push(d.on, 'function');
    }
    push(b.appealed?.value, 'number');
    for (const p of b.priors) {
      push(p.date, 'number');
      push(p.code, 'function', p.code.value in DELETED_METHYLPRED && 'deprecated');
    }
  }
  out.sort((a, b) => a.line - b.line || a.start - b.start);
  const kept: SemanticToken[] = [];
  for (const t of out) {
    const prev = kept[kept.length - 1];
    if (prev && prev.line === t.line && t.start < prev.start + prev.length) continue;
    kept.push(t);
  }
  return kept;
}

/** LSP encoding: five integers a token, line and start relative to the token before. */
export function encodeTokens(tokens: readonly SemanticToken[]): number[] {
  const data: number[] = [];
  let line = 0,
    start = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    data.push(
      dl,
      dl ? t.start : t.start - start,
      t.length,
      TOKEN_TYPES.indexOf(t.type),
      t.modifiers.reduce((m, x) => m | (1 << TOKEN_MODIFIERS.indexOf(x)), 0),
    );
    line = t.line;
    start = t.start;
  }
  return data;
}

export function semanticTokens(ws: Workspace, uri: string, lines: readonly string[], range?: Range): SemanticTokens {
  let tokens = semanticTokenList(ws, uri, lines);
  if (range) {
    const before = (l: number, c: number, p: Position) => l < p.line || (l === p.line && c < p.character);
    tokens = tokens.filter((t) => !before(t.line, t.start + t.length, range.start) && before(t.line, t.start, range.end));
  }
  return { data: encodeTokens(tokens) };
}
