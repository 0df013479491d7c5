// Facts derived from one claim block: what the rules ask about a claim, computed once.
import type { ClaimBlock, DiagnosisLine, MuscleItem, ServiceLine } from '../language/syntax';
import { isTpi } from '../data/codes';
import { icdStatus } from '../data/icd10';
import { muscleLookup, MuscleKind } from '../data/muscles';
import { DEFAULT_POS } from '../data/places';
import { milligrams, recogniseDrug } from '../data/drugs';

export interface CountedMuscle {
  /** counting name: catalogue name (trapezius for any part), else the written name's key */
  name: string;
  side: 'L' | 'R' | null;
  kind: MuscleKind;
  item: MuscleItem;
}

export interface ClaimFacts {
  tpiLines: ServiceLine[];
  isTpiClaim: boolean;
  /** distinct muscles of the claim's `muscles` lines: the same name and side count once */
  muscles: CountedMuscle[];
  /** every item of the claim's `muscles` lines, in order */
  muscleItems: readonly MuscleItem[];
  pos: string;
  /** diagnosis letter -> the first line defining it */
  diagnoses: Map<string, DiagnosisLine>;
  /** total documented milligrams per recognised drug */
  drugMg: ReadonlyMap<string, number>;
}

const cache = new WeakMap<ClaimBlock, ClaimFacts>();
export const NO_DRUGS: ReadonlyMap<string, number> = new Map();

export function muscleKeyOf(m: { name: string; side: 'L' | 'R' | null }): string {
  return `${m.name}|${m.side ?? ''}`;
}

/** Expands items to counted muscles (bilateral = left and right), the same name and side once. */
export function countMuscles(items: readonly MuscleItem[]): CountedMuscle[] {
  const out: CountedMuscle[] = [];
  for (const item of items) {
    const { counting: name, kind } = muscleLookup(item.name);
    if (item.side === 'B') { addMuscle(out, name, 'L', kind, item); addMuscle(out, name, 'R', kind, item); } else addMuscle(out, name, item.side, kind, item);
  }
  return out;
}

/** Adds a counted muscle unless the same name and side is there (a claim names a few: a linear search beats building keys). */
function addMuscle(out: CountedMuscle[], name: string, side: 'L' | 'R' | null, kind: MuscleKind, item: MuscleItem): void {
  for (const m of out) if (m.name === name && m.side === side) return;
  out.push({ name, side, kind, item });
}

export function factsOf(claim: ClaimBlock): ClaimFacts {
  let f = cache.get(claim);
  if (f) return f;
  // (loops rather than filter and flatMap: every claim of a workspace comes through here)
  const tpiLines: ServiceLine[] = [];
  for (const l of claim.lines) if (isTpi(l.code.value)) tpiLines.push(l);
  const muscleLines = claim.muscles;
  const muscleItems = muscleLines.length === 1 ? muscleLines[0].items : muscleLines.flatMap((m) => m.items);
  const diagnoses = new Map<string, DiagnosisLine>();
  for (const d of claim.diagnoses) if (!diagnoses.has(d.letter.value)) diagnoses.set(d.letter.value, d);
  let mg: Map<string, number> | undefined;
  for (const d of claim.drugs) {
    const info = recogniseDrug(d.name.text);
    const amount = info && milligrams(d.concentration, d.dose);
    if (info && amount !== undefined) (mg ??= new Map()).set(info.id, (mg.get(info.id) ?? 0) + amount);
  }
  f = {
    // (a claim whose lines are all TPI lines shares its list)
    tpiLines: tpiLines.length === claim.lines.length ? claim.lines : tpiLines,
    isTpiClaim: tpiLines.length > 0,
    muscles: countMuscles(muscleItems),
    muscleItems,
    pos: claim.pos?.value.value ?? DEFAULT_POS,
    diagnoses,
    drugMg: mg ?? NO_DRUGS,
  };
  cache.set(claim, f);
  return f;
}

/** A diagnosis whose code is malformed, a header or unknown has an `icd-*` error. */
export function hasIcdError(d: DiagnosisLine): boolean {
  return !d.wellFormed || icdStatus(d.code.value) !== 'billable';
}

/**
 * The diagnoses a line points to, when the line can be judged on them (RULES.md "One root
 * cause"): it points to at least one defined diagnosis and none of them has an icd-* error.
 */
export function judgedDiagnoses(claim: ClaimBlock, line: ServiceLine): DiagnosisLine[] | undefined {
  if (!line.dx) return undefined;
  const facts = factsOf(claim);
  let pointed: DiagnosisLine[] | undefined;
  for (const p of line.dx.pointers) {
    const d = facts.diagnoses.get(p.value);
    if (!d) continue;
    if (hasIcdError(d)) return undefined;
    (pointed ??= []).push(d);
  }
  return pointed;
}

export function hasModifier(line: ServiceLine, ...mods: string[]): boolean {
  for (const m of line.modifiers) if (mods.includes(m.value)) return true;
  return false;
}
