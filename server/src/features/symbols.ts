// Outline: document symbols (claims and policies with their lines as children) and
// workspace symbols (claim ids, patients, payers).
import type { DocumentSymbol, Range, SymbolInformation } from 'vscode-languageserver-types';
import { scanLine } from '../language/scanner';
import type { Block } from '../language/syntax';
import { lower, type Workspace } from '../model/workspace';
import { lookupTable } from '../data/lookup';

// LSP SymbolKind values.
const K = { Class: 5, Property: 7, Field: 8, Interface: 11, Function: 12, Variable: 13, Constant: 14, String: 15, Number: 16, EnumMember: 22, Event: 24 } as const;

const LINE_KIND = lookupTable<number>({
  patient: K.Property, payer: K.Property, date: K.Property, pos: K.Property, provider: K.Property, auth: K.Property,
  diagnosis: K.EnumMember, line: K.Function, muscles: K.Field, drug: K.Constant, prior: K.Event,
  symptoms: K.String, exam: K.String, tried: K.String, technique: K.String, response: K.String, note: K.String,
  limit: K.Number, interval: K.Number, rate: K.Number, covers: K.EnumMember, excludes: K.EnumMember,
  'requires-auth': K.Property, 'single-region': K.Property, 'no-imaging-guidance': K.Property, 'one-session-per-day': K.Property,
});

/** Words that name a line in the outline: the keyword and its first argument (two for `diagnosis`). */
const NAME_WORDS = lookupTable<number>({ diagnosis: 3, line: 2, patient: 2, payer: 2, date: 2, pos: 2, provider: 2, auth: 2, prior: 3 });

function r(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function blockDetail(b: Block): string {
  if (b.kind === 'policy') return b.displayName?.text ?? 'payer policy';
  return [b.patient?.value.text, b.payer?.value.text, b.date?.value.text].filter(Boolean).join(' · ');
}

export function documentSymbols(ws: Workspace, uri: string, lines: readonly string[]): DocumentSymbol[] {
  const file = ws.get(uri);
  if (!file) return [];
  const out: DocumentSymbol[] = [];
  for (const b of file.blocks) {
    const children: DocumentSymbol[] = [];
    for (let i = b.startLine + 1; i <= b.endLine; i++) {
      const s = scanLine(lines[i] ?? '');
      if (!s.words.length) continue;
      const kw = s.words[0];
      const keyword = kw.text.toLowerCase();
      const n = Math.min(NAME_WORDS[keyword] ?? 1, s.words.length);
      const nameEnd = s.words[n - 1].end;
      const name = lines[i].slice(kw.start, nameEnd).replace(/\s+/g, ' ');
      const detail = lines[i].slice(nameEnd, s.end).trim();
      children.push({ name, detail: detail || undefined, kind: (LINE_KIND[keyword] ?? K.Property) as DocumentSymbol['kind'], range: r(i, s.first, Math.max(s.end, nameEnd)), selectionRange: r(i, kw.start, nameEnd) });
    }
    const sel = b.id ?? b.keyword;
    const name = b.id ? `${b.kind} ${b.id.text}` : `${b.kind} (no id)`;
    out.push({
      name, detail: blockDetail(b), kind: (b.kind === 'claim' ? K.Class : K.Interface) as DocumentSymbol['kind'],
      range: { start: { line: b.startLine, character: b.keyword.start }, end: { line: b.endLine, character: file.lineLengths[b.endLine] ?? 0 } },
      selectionRange: r(sel.line, sel.start, sel.end),
      children,
    });
  }
  return out;
}

/** Case-insensitive: the query's characters appear in order in the name. */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase(), n = name.toLowerCase();
  let j = 0;
  for (let i = 0; i < n.length && j < q.length; i++) if (n[i] === q[j]) j++;
  return j === q.length;
}

export function workspaceSymbols(ws: Workspace, query: string): SymbolInformation[] {
  const index = ws.index();
  const out: SymbolInformation[] = [];
  const add = (name: string, kind: number, uri: string, span: { line: number; start: number; end: number }, containerName?: string) => {
    if (!fuzzyMatch(query, name)) return;
    out.push({ name, kind: kind as SymbolInformation['kind'], location: { uri, range: r(span.line, span.start, span.end) }, containerName });
  };
  const patients = new Map<string, { ref: (typeof index.claims)[number]; count: number; name?: string }>();
  const payerUses = new Map<string, { ref: (typeof index.claims)[number]; count: number }>();
  for (const ref of index.claims) {
    const c = ref.claim;
    if (c.id) add(c.id.text, K.Class, ref.uri, c.id, blockDetail(c) || undefined);
    if (c.patient) {
      const key = lower(c.patient.value.value);
      const p = patients.get(key);
      if (p) { p.count++; p.name ??= c.patient.rest?.text; } else patients.set(key, { ref, count: 1, name: c.patient.rest?.text });
    }
    if (c.payer) {
      const key = lower(c.payer.value.value);
      const p = payerUses.get(key);
      if (p) p.count++; else payerUses.set(key, { ref, count: 1 });
    }
  }
  for (const p of patients.values()) {
    const tok = p.ref.claim.patient!.value;
    add(tok.text, K.Variable, p.ref.uri, tok, `patient${p.name ? ` ${p.name}` : ''}, ${p.count} claim${p.count === 1 ? '' : 's'}`);
  }
  for (const [key, refs] of index.policies) {
    for (const pol of refs) add(pol.policy.id!.text, K.Interface, pol.uri, pol.policy.id!, `payer policy${pol.policy.displayName ? ` ${pol.policy.displayName.text}` : ''}, ${payerUses.get(key)?.count ?? 0} claims`);
  }
  for (const [key, use] of payerUses) {
    if (index.policies.has(key)) continue;
    const tok = use.ref.claim.payer!.value;
    add(tok.text, K.Interface, use.ref.uri, tok, `payer${key === 'medicare' ? ' (built-in policy)' : ', no policy in the workspace'}, ${use.count} claim${use.count === 1 ? '' : 's'}`);
  }
  return out;
}
