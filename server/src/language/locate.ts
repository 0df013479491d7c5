// What is at a position: the block, and the token of the syntax tree under the cursor.
import type {
  Block,
  ClaimBlock,
  ClaimFile,
  DiagnosisLine,
  DrugLine,
  MuscleItem,
  DenialLine,
  PolicyBlock,
  PracticeBlock,
  PriorLine,
  ServiceLine,
  Span,
  Tok,
} from './syntax';

export type Target =
  | { kind: 'claim-id'; tok: Tok; block: ClaimBlock }
  | { kind: 'policy-id'; tok: Tok; block: PolicyBlock }
  | { kind: 'patient'; tok: Tok; block: ClaimBlock }
  | { kind: 'payer'; tok: Tok; block: ClaimBlock }
  | { kind: 'date'; tok: Tok; block: ClaimBlock }
  | { kind: 'pos'; tok: Tok; block: ClaimBlock }
  | { kind: 'npi'; tok: Tok; block: ClaimBlock | PracticeBlock }
  | { kind: 'practice-id'; tok: Tok; block: PracticeBlock }
  | { kind: 'billed-by'; tok: Tok; block: ClaimBlock }
  | { kind: 'member'; tok: Tok; block: ClaimBlock }
  | { kind: 'charge'; tok: Tok; block: ClaimBlock; line: ServiceLine }
  | { kind: 'ndc'; tok: Tok; block: ClaimBlock; drug: DrugLine }
  | { kind: 'denied-date'; tok: Tok; block: ClaimBlock; denial: DenialLine }
  | { kind: 'adjustment'; tok: Tok; block: ClaimBlock; denial: DenialLine; group: string; reason: string }
  | { kind: 'remark'; tok: Tok; block: ClaimBlock; denial: DenialLine }
  | { kind: 'appealed-date'; tok: Tok; block: ClaimBlock }
  | { kind: 'diagnosis-letter'; tok: Tok; block: ClaimBlock; diagnosis: DiagnosisLine }
  | { kind: 'icd'; tok: Tok; block: Block; diagnosis?: DiagnosisLine }
  | { kind: 'code'; tok: Tok; block: ClaimBlock; line?: ServiceLine; prior?: PriorLine }
  | { kind: 'modifier'; tok: Tok; block: ClaimBlock; line: ServiceLine }
  | { kind: 'units'; tok: Tok; block: ClaimBlock; line: ServiceLine }
  | { kind: 'pointer'; tok: Tok; block: ClaimBlock; line: ServiceLine }
  | { kind: 'muscle'; tok: MuscleItem; block: ClaimBlock }
  | { kind: 'drug'; tok: Tok; block: ClaimBlock; drug: DrugLine }
  | { kind: 'keyword'; tok: Tok; block: Block };

export function contains(s: Span, line: number, character: number): boolean {
  return s.line === line && character >= s.start && character <= s.end;
}

/** Index of the last block starting at or before `line`, or -1 (binary search over the blocks' first lines). */
export function lastBlockFrom(blocks: readonly Block[], line: number): number {
  let lo = 0,
    hi = blocks.length - 1,
    found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].startLine <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The block that holds a line. */
export function blockAt(file: ClaimFile, line: number): Block | undefined {
  const blocks = file.blocks;
  const found = lastBlockFrom(blocks, line);
  if (found < 0) return undefined;
  const b = blocks[found];
  const next = blocks[found + 1];
  return !next || line < next.startLine ? b : undefined;
}

export function targetAt(file: ClaimFile, line: number, character: number): Target | undefined {
  const block = blockAt(file, line);
  if (!block) return undefined;
  const at = (s: Span | undefined) => !!s && contains(s, line, character);
  if (block.kind === 'policy') {
    if (at(block.id)) return { kind: 'policy-id', tok: block.id!, block };
    for (const l of [...block.covers, ...block.excludes]) {
      for (const e of l.entries) if (at(e)) return { kind: 'icd', tok: e, block };
    }
    return undefined;
  }
  if (block.kind === 'practice') {
    if (at(block.id)) return { kind: 'practice-id', tok: block.id!, block };
    if (at(block.npi?.value)) return { kind: 'npi', tok: block.npi!.value, block };
    return undefined;
  }
  const b = block;
  if (at(b.id)) return { kind: 'claim-id', tok: b.id!, block: b };
  if (at(b.patient?.value)) return { kind: 'patient', tok: b.patient!.value, block: b };
  if (at(b.payer?.value)) return { kind: 'payer', tok: b.payer!.value, block: b };
  if (at(b.date?.value)) return { kind: 'date', tok: b.date!.value, block: b };
  if (at(b.pos?.value)) return { kind: 'pos', tok: b.pos!.value, block: b };
  if (at(b.provider?.value)) return { kind: 'npi', tok: b.provider!.value, block: b };
  if (at(b.billedBy?.value)) return { kind: 'billed-by', tok: b.billedBy!.value, block: b };
  if (at(b.member?.value)) return { kind: 'member', tok: b.member!.value, block: b };
  for (const d of b.diagnoses) {
    if (d.line !== line) continue;
    if (at(d.letter)) return { kind: 'diagnosis-letter', tok: d.letter, block: b, diagnosis: d };
    if (at(d.code)) return { kind: 'icd', tok: d.code, block: b, diagnosis: d };
  }
  for (const l of b.lines) {
    if (l.line !== line) continue;
    if (at(l.code)) return { kind: 'code', tok: l.code, block: b, line: l };
    for (const m of l.modifiers) if (at(m)) return { kind: 'modifier', tok: m, block: b, line: l };
    if (at(l.units)) return { kind: 'units', tok: l.units!, block: b, line: l };
    for (const p of l.dx?.pointers ?? []) if (at(p)) return { kind: 'pointer', tok: p, block: b, line: l };
    if (at(l.charge)) return { kind: 'charge', tok: l.charge!, block: b, line: l };
  }
  for (const m of b.muscles) {
    if (m.line !== line) continue;
    for (const item of m.items) if (at(item)) return { kind: 'muscle', tok: item, block: b };
  }
  for (const d of b.drugs) {
    if (d.line !== line) continue;
    if (at(d.name)) return { kind: 'drug', tok: d.name, block: b, drug: d };
    if (at(d.ndc)) return { kind: 'ndc', tok: d.ndc!, block: b, drug: d };
  }
  for (const d of b.denials) {
    if (d.line !== line) continue;
    if (at(d.date)) return { kind: 'denied-date', tok: d.date, block: b, denial: d };
    for (const a of d.adjustments) if (at(a)) return { kind: 'adjustment', tok: a, block: b, denial: d, group: a.group, reason: a.reason };
    for (const r of d.remarks) if (at(r)) return { kind: 'remark', tok: r, block: b, denial: d };
    if (at(d.on)) return { kind: 'code', tok: d.on!, block: b };
  }
  if (b.appealed && at(b.appealed.value)) return { kind: 'appealed-date', tok: b.appealed.value, block: b };
  for (const p of b.priors) {
    if (p.line !== line) continue;
    if (at(p.date)) return { kind: 'date', tok: p.date, block: b };
    if (at(p.code)) return { kind: 'code', tok: p.code, block: b, prior: p };
    for (const item of p.items) if (at(item)) return { kind: 'muscle', tok: item, block: b };
  }
  return undefined;
}
