// Navigation: go to definition, find references, rename (with prepare) and document
// highlights for the names of the language: payer ids, practice ids, diagnosis letters, claim ids, patients.
import type { DocumentHighlight, Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { targetAt } from '../language/locate';
import { IDENTIFIER } from '../language/lexicon';
import type { ClaimBlock, Span } from '../language/syntax';
import { factsOf } from '../model/claim';
import type { Workspace } from '../model/workspace';
import { lower } from '../model/workspaceIndex';
import { toRange } from '../rules/rule';

/** A name of the language and where it lives. */
export type NameRef =
  | { kind: 'payer'; key: string }
  | { kind: 'practice'; key: string }
  | { kind: 'diagnosis'; key: string; uri: string; claim: ClaimBlock }
  | { kind: 'claim'; key: string }
  | { kind: 'patient'; key: string };

export interface Occurrence {
  uri: string;
  span: Span;
  declaration: boolean;
}

const WRITE = 3,
  READ = 2;

/** The name under the cursor, with its token. */
export function symbolAt(
  ws: Workspace,
  uri: string,
  line: number,
  character: number,
): { symbol: NameRef; span: Span; text: string } | undefined {
  const file = ws.get(uri);
  if (!file) return undefined;
  const t = targetAt(file, line, character);
  if (!t) return undefined;
  switch (t.kind) {
    case 'payer':
    case 'policy-id':
      return { symbol: { kind: 'payer', key: lower(t.tok.value) }, span: t.tok, text: t.tok.text };
    case 'billed-by':
    case 'practice-id':
      return { symbol: { kind: 'practice', key: lower(t.tok.value) }, span: t.tok, text: t.tok.text };
    case 'diagnosis-letter':
    case 'pointer':
      return { symbol: { kind: 'diagnosis', key: t.tok.value, uri, claim: t.block }, span: t.tok, text: t.tok.text };
    case 'claim-id':
      return { symbol: { kind: 'claim', key: lower(t.tok.value) }, span: t.tok, text: t.tok.text };
    case 'patient':
      return { symbol: { kind: 'patient', key: lower(t.tok.value) }, span: t.tok, text: t.tok.text };
    default:
      return undefined;
  }
}

/** Every occurrence of a name in the workspace, in file order then line order. */
export function occurrences(ws: Workspace, s: NameRef): Occurrence[] {
  const out: Occurrence[] = [];
  if (s.kind === 'diagnosis') {
    for (const d of s.claim.diagnoses) if (d.letter.value === s.key) out.push({ uri: s.uri, span: d.letter, declaration: true });
    for (const l of s.claim.lines)
      for (const p of l.dx?.pointers ?? []) if (p.value === s.key) out.push({ uri: s.uri, span: p, declaration: false });
    return out.sort((a, b) => a.span.line - b.span.line || a.span.start - b.span.start);
  }
  const files = ws.all().sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const file of files) {
    for (const block of file.blocks) {
      if (block.kind === 'policy') {
        if (s.kind === 'payer' && block.id && lower(block.id.value) === s.key)
          out.push({ uri: file.uri, span: block.id, declaration: true });
        continue;
      }
      if (block.kind === 'practice') {
        if (s.kind === 'practice' && block.id && lower(block.id.value) === s.key)
          out.push({ uri: file.uri, span: block.id, declaration: true });
        continue;
      }
      if (s.kind === 'practice' && block.billedBy && lower(block.billedBy.value.value) === s.key)
        out.push({ uri: file.uri, span: block.billedBy.value, declaration: false });
      if (s.kind === 'payer' && block.payer && lower(block.payer.value.value) === s.key)
        out.push({ uri: file.uri, span: block.payer.value, declaration: false });
      if (s.kind === 'claim' && block.id && lower(block.id.value) === s.key) out.push({ uri: file.uri, span: block.id, declaration: true });
      if (s.kind === 'patient' && block.patient && lower(block.patient.value.value) === s.key)
        out.push({ uri: file.uri, span: block.patient.value, declaration: false });
    }
  }
  return out;
}

const location = (o: Occurrence): Location => ({ uri: o.uri, range: toRange(o.span) });

/**
 * Definition: a pointer's diagnosis (the first with its letter, the one that counts), a
 * payer's policy (every user policy with that id, the one that judges first; the built-in
 * medicare has no file), a claim id's claims. Patients have no definition.
 */
export function findDefinition(ws: Workspace, uri: string, line: number, character: number): Location[] {
  const at = symbolAt(ws, uri, line, character);
  if (!at) return [];
  const s = at.symbol;
  if (s.kind === 'diagnosis') {
    const d = factsOf(s.claim).diagnoses.get(s.key);
    return d ? [{ uri: s.uri, range: toRange(d.letter) }] : [];
  }
  if (s.kind === 'patient') return [];
  return occurrences(ws, s)
    .filter((o) => o.declaration)
    .map(location);
}

export function findReferences(ws: Workspace, uri: string, line: number, character: number, includeDeclaration = true): Location[] {
  const at = symbolAt(ws, uri, line, character);
  if (!at) return [];
  return occurrences(ws, at.symbol)
    .filter((o) => includeDeclaration || !o.declaration)
    .map(location);
}

export function documentHighlights(ws: Workspace, uri: string, line: number, character: number): DocumentHighlight[] {
  const at = symbolAt(ws, uri, line, character);
  if (!at) return [];
  return occurrences(ws, at.symbol)
    .filter((o) => o.uri === uri)
    .map((o) => ({ range: toRange(o.span), kind: o.declaration ? WRITE : READ }));
}

export type PrepareRenameResult = { range: Range; placeholder: string } | { reason: string };

/** What can be renamed: a payer id across the workspace, a diagnosis letter within its claim. */
export function prepareRename(ws: Workspace, uri: string, line: number, character: number): PrepareRenameResult {
  const at = symbolAt(ws, uri, line, character);
  if (!at) return { reason: 'Only a payer id, a practice id or a diagnosis letter can be renamed.' };
  const s = at.symbol;
  if (s.kind === 'claim') return { reason: 'A claim id is named once: edit it in place (ids are not referenced elsewhere).' };
  if (s.kind === 'patient')
    return { reason: "A patient id identifies a person across claims and payers' records: edit each claim deliberately, not by rename." };
  if (s.kind === 'payer' && s.key === 'medicare' && !ws.index().policies.has('medicare')) {
    return { reason: 'medicare is the built-in payer: it cannot be renamed (define a policy medicare block to replace it).' };
  }
  return { range: toRange(at.span), placeholder: at.text };
}

export type RenameResult = WorkspaceEdit | { reason: string };

export function rename(ws: Workspace, uri: string, line: number, character: number, newName: string): RenameResult {
  const prep = prepareRename(ws, uri, line, character);
  if ('reason' in prep) return prep;
  const at = symbolAt(ws, uri, line, character)!;
  const s = at.symbol;
  let text = newName.trim();
  if (s.kind === 'payer') {
    if (!IDENTIFIER.test(text)) return { reason: `"${newName}" is not a payer id: use 1 to 40 letters, digits, "-", "_" or ".".` };
    const key = lower(text);
    if (key !== s.key) {
      const index = ws.index();
      const taken =
        key === 'medicare' ||
        index.policies.has(key) ||
        index.claims.some((c) => c.claim.payer && lower(c.claim.payer.value.value) === key);
      if (taken) return { reason: `${text} is already a payer in the workspace: renaming onto it would merge two payers.` };
    }
  } else if (s.kind === 'practice') {
    if (!IDENTIFIER.test(text)) return { reason: `"${newName}" is not a practice id: use 1 to 40 letters, digits, "-", "_" or ".".` };
    const key = lower(text);
    if (key !== s.key) {
      const index = ws.index();
      const taken = index.practices.has(key) || index.claims.some((c) => c.claim.billedBy && lower(c.claim.billedBy.value.value) === key);
      if (taken) return { reason: `${text} is already a practice in the workspace: renaming onto it would merge two practices.` };
    }
  } else {
    if (!/^[A-La-l]$/.test(text)) return { reason: `"${newName}" is not a diagnosis letter: use one letter from A to L.` };
    text = text.toUpperCase();
    const claim = (s as Extract<NameRef, { kind: 'diagnosis' }>).claim;
    if (text !== s.key) {
      if (claim.diagnoses.some((d) => d.letter.value === text)) return { reason: `Diagnosis ${text} is already defined in this claim.` };
      if (claim.lines.some((l) => l.dx?.pointers.some((p) => p.value === text)))
        return { reason: `A line of this claim already points to ${text}: renaming onto it would change what that line points to.` };
    }
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrences(ws, s)) (changes[o.uri] ??= []).push({ range: toRange(o.span), newText: text });
  return { changes };
}
