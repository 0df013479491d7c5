// Outline: document symbols (claims with their diagnoses, service lines and muscles; policies
// with their rules) and
// workspace symbols (claim ids, patients, payers).
import type { DocumentSymbol, Range, SymbolInformation } from 'vscode-languageserver-types';
import { CLAIM_TYPES, dottedIcd } from '../language/lexicon';
import type { Block, ClaimBlock, LineNode, PolicyBlock, PracticeBlock } from '../language/syntax';
import type { Workspace } from '../model/workspace';
import { lower } from '../model/workspaceIndex';
import { CODES } from '../data/codes';
import { icdDescription } from '../data/icd10';
import { catalogueMuscle, isVagueMuscle } from '../data/muscles';
import { REASONS } from '../data/denials';

// LSP SymbolKind values.
const K = {
  File: 1,
  Module: 2,
  Class: 5,
  Property: 7,
  Field: 8,
  Interface: 11,
  Function: 12,
  Variable: 13,
  Constant: 14,
  String: 15,
  Number: 16,
  Key: 20,
  EnumMember: 22,
  Event: 24,
} as const;

function r(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function blockDetail(b: Block): string {
  if (b.kind === 'policy') return b.displayName?.text ?? 'payer policy';
  if (b.kind === 'practice') return b.displayName?.text ?? 'billing provider';
  return [b.patient?.value.text, b.payer?.value.text, b.date?.value.text].filter(Boolean).join(' · ');
}

type Kind = DocumentSymbol['kind'];
const sym = (
  name: string,
  kind: number,
  range: Range,
  selectionRange: Range,
  detail?: string,
  children?: DocumentSymbol[],
): DocumentSymbol => ({ name, detail: detail || undefined, kind: kind as Kind, range, selectionRange, ...(children ? { children } : {}) });

/** A claim's outline: its diagnoses, service lines and muscles, in file order, named as a biller reads them. */
function claimChildren(c: ClaimBlock): DocumentSymbol[] {
  const out: { line: number; start: number; s: DocumentSymbol }[] = [];
  for (const d of c.diagnoses) {
    const desc = icdDescription(d.code.value);
    out.push({
      line: d.line,
      start: d.kwStart,
      s: sym(
        `${d.letter.value}  ${dottedIcd(d.code.value)}${desc ? ` ${desc}` : ''}`,
        K.Key,
        r(d.line, d.kwStart, d.end),
        r(d.line, d.letter.start, d.code.end),
        d.note?.text,
      ),
    });
  }
  for (const l of c.lines) {
    const code = [l.code.value, ...l.modifiers.map((m) => m.value)].join('-');
    const dx = l.dx ? `dx ${l.dx.pointers.map((p) => p.value).join(',')}` : 'no dx';
    const units = l.units && l.unitsValue !== 1 ? `, units ${l.unitsValue}` : '';
    const kind = CODES.get(l.code.value)?.kind;
    out.push({
      line: l.line,
      start: l.kwStart,
      s: sym(
        `${code}  ${dx}${units}`,
        K.Event,
        r(l.line, l.kwStart, l.end),
        r(l.line, l.code.start, l.code.end),
        kind ? CODE_KIND_NAMES[kind] : undefined,
      ),
    });
  }
  for (const d of c.denials) {
    out.push({
      line: d.line,
      start: d.kwStart,
      s: sym(
        `Denied ${d.date.text} ${d.adjustments.map((a) => a.value).join(', ')}${d.on ? ` on ${d.on.value}` : ''}`,
        K.Event,
        r(d.line, d.kwStart, d.end),
        r(d.line, d.kwStart, d.kwStart + d.kw.length),
        d.adjustments.map((a) => REASONS[a.reason.toLowerCase()]?.meaning ?? `reason ${a.reason}`).join('; '),
      ),
    });
  }
  if (c.appealed) {
    const a = c.appealed;
    out.push({
      line: a.line,
      start: a.kwStart,
      s: sym(`Appealed ${a.value.text}`, K.Event, r(a.line, a.kwStart, a.end), r(a.line, a.kwStart, a.kwStart + a.kw.length)),
    });
  }
  for (const m of c.muscles) {
    for (const item of m.items) {
      const cat = catalogueMuscle(item.name);
      const detail = cat ? cat.regions.join(' and ') : isVagueMuscle(item.name) ? 'a region, not a muscle' : 'not in the catalogue';
      out.push({
        line: item.line,
        start: item.start,
        s: sym(
          item.text,
          K.Field,
          r(item.line, item.start, item.end),
          r(item.line, item.start, item.end),
          item.side === 'B' ? `${detail}; both sides: two muscles` : detail,
        ),
      });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.start - b.start).map((x) => x.s);
}

const line = (n: LineNode, name: string, detail?: string): DocumentSymbol =>
  sym(name, K.Property, r(n.line, n.kwStart, n.end), r(n.line, n.kwStart, n.kwStart + n.kw.length), detail);

/** A policy's outline: its rules in words. */
function policyChildren(p: PolicyBlock): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const l of p.limits) out.push(line(l, `Limit ${l.count} per ${l.per} ${l.unit}`));
  if (p.interval)
    out.push(line(p.interval, `Interval ${p.interval.per} ${p.interval.unit}`, `${p.interval.days} days between sessions in a muscle`));
  if (p.rate) out.push(line(p.rate, `Rate ${p.rate.percent}%`, 'of the Medicare fee schedule'));
  for (const c of p.covers) out.push(line(c, `Covers ${c.entries.map((e) => e.text).join(', ')}`));
  for (const c of p.excludes) out.push(line(c, `Excludes ${c.entries.map((e) => e.text).join(', ')}`));
  if (p.requiresAuth) out.push(line(p.requiresAuth, 'Requires prior authorization'));
  if (p.singleRegion) out.push(line(p.singleRegion, 'One region a session'));
  if (p.noImagingGuidance) out.push(line(p.noImagingGuidance, 'No imaging guidance'));
  if (p.oneSessionPerDay) out.push(line(p.oneSessionPerDay, 'One session a day'));
  if (p.payerId) out.push(line(p.payerId, `Payer id ${p.payerId.value.text}`, 'where claims are sent'));
  if (p.claimType) out.push(line(p.claimType, `Claim type ${p.claimType.value.value}`, CLAIM_TYPES[p.claimType.value.value.toLowerCase()]));
  if (p.requiresNdc) out.push(line(p.requiresNdc, 'Requires the NDC on drug lines'));
  if (p.appealWindow) out.push(line(p.appealWindow, `Appeal window ${p.appealWindow.days} days`, 'after the denial notice'));
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** A practice's outline: its billing identifiers. */
function practiceChildren(p: PracticeBlock): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  if (p.npi) out.push(line(p.npi, `NPI ${p.npi.value.text}`, 'billing provider'));
  if (p.tin) out.push(line(p.tin, `Tax id ${p.tin.value.text}`));
  if (p.address) out.push(line(p.address, p.address.value.text, 'billing address'));
  if (p.phone) out.push(line(p.phone, `Phone ${p.phone.value.text}`));
  if (p.taxonomy) out.push(line(p.taxonomy, `Taxonomy ${p.taxonomy.value.value}`));
  if (p.locality)
    out.push(line(p.locality, `Locality ${p.locality.value.text} ${p.locality.rest?.text ?? ''}`.trim(), 'Medicare fee schedule'));
  if (p.submitter) out.push(line(p.submitter, `Submitter ${p.submitter.value.text}`, p.submitter.rest?.text));
  if (p.receiver) out.push(line(p.receiver, `Receiver ${p.receiver.value.text}`, p.receiver.rest?.text));
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}

const CODE_KIND_NAMES: Record<string, string> = {
  tpi: 'trigger point injection',
  em: 'E/M visit',
  procedure: 'procedure',
  drug: 'drug',
  addon: 'add-on',
  imaging: 'imaging guidance',
};

/**
 * The outline: claims and policies at the top, each claim with its diagnoses, service lines
 * and muscles (patient, payer and date in its detail), each policy with its rules.
 */
export function documentSymbols(ws: Workspace, uri: string, _lines: readonly string[]): DocumentSymbol[] {
  const file = ws.get(uri);
  if (!file) return [];
  const out: DocumentSymbol[] = [];
  for (const b of file.blocks) {
    const sel = b.id ?? b.keyword;
    const noun = b.kind === 'claim' ? 'Claim' : b.kind === 'policy' ? 'Policy' : 'Practice';
    const name = b.id ? `${noun} ${b.id.text}` : `${noun} (no id)`;
    const range = {
      start: { line: b.startLine, character: b.keyword.start },
      end: { line: b.endLine, character: file.lineLengths[b.endLine] ?? 0 },
    };
    out.push(
      sym(
        name,
        b.kind === 'claim' ? K.File : b.kind === 'policy' ? K.Module : K.Class,
        range,
        r(sel.line, sel.start, sel.end),
        blockDetail(b),
        b.kind === 'claim' ? claimChildren(b) : b.kind === 'policy' ? policyChildren(b) : practiceChildren(b),
      ),
    );
  }
  return out;
}

/** Case-insensitive: the query's characters appear in order in the name. */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase(),
    n = name.toLowerCase();
  let j = 0;
  for (let i = 0; i < n.length && j < q.length; i++) if (n[i] === q[j]) j++;
  return j === q.length;
}

export function workspaceSymbols(ws: Workspace, query: string): SymbolInformation[] {
  const index = ws.index();
  const out: SymbolInformation[] = [];
  const add = (name: string, kind: number, uri: string, span: { line: number; start: number; end: number }, containerName?: string) => {
    if (!fuzzyMatch(query, name)) return;
    out.push({
      name,
      kind: kind as SymbolInformation['kind'],
      location: { uri, range: r(span.line, span.start, span.end) },
      containerName,
    });
  };
  const patients = new Map<string, { ref: (typeof index.claims)[number]; count: number; name?: string }>();
  const payerUses = new Map<string, { ref: (typeof index.claims)[number]; count: number }>();
  for (const ref of index.claims) {
    const c = ref.claim;
    if (c.id) add(c.id.text, K.File, ref.uri, c.id, blockDetail(c) || undefined);
    if (c.patient) {
      const key = lower(c.patient.value.value);
      const p = patients.get(key);
      if (p) {
        p.count++;
        p.name ??= c.patient.rest?.text;
      } else patients.set(key, { ref, count: 1, name: c.patient.rest?.text });
    }
    if (c.payer) {
      const key = lower(c.payer.value.value);
      const p = payerUses.get(key);
      if (p) p.count++;
      else payerUses.set(key, { ref, count: 1 });
    }
  }
  for (const p of patients.values()) {
    const tok = p.ref.claim.patient!.value;
    add(tok.text, K.Variable, p.ref.uri, tok, `patient${p.name ? ` ${p.name}` : ''}, ${p.count} claim${p.count === 1 ? '' : 's'}`);
  }
  for (const [key, refs] of index.policies) {
    for (const pol of refs)
      add(
        pol.policy.id!.text,
        K.Module,
        pol.uri,
        pol.policy.id!,
        `payer policy${pol.policy.displayName ? ` ${pol.policy.displayName.text}` : ''}, ${payerUses.get(key)?.count ?? 0} claims`,
      );
  }
  for (const refs of index.practices.values()) {
    for (const pr of refs)
      add(
        pr.practice.id!.text,
        K.Class,
        pr.uri,
        pr.practice.id!,
        `practice${pr.practice.displayName ? ` ${pr.practice.displayName.text}` : ''}`,
      );
  }
  for (const [key, use] of payerUses) {
    if (index.policies.has(key)) continue;
    const tok = use.ref.claim.payer!.value;
    add(
      tok.text,
      K.Module,
      use.ref.uri,
      tok,
      `payer${key === 'medicare' ? ' (built-in policy)' : ', no policy in the workspace'}, ${use.count} claim${use.count === 1 ? '' : 's'}`,
    );
  }
  return out;
}
