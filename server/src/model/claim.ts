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
  diagnoses: DiagnosesByLetter;
  /** total documented milligrams per recognised drug */
  drugMg: DrugMilligrams;
}

/**
 * A claim's diagnoses by letter: the first line defining each letter, in the order of the
 * lines. A claim has a few (at most 12 letters), found by a look along the list: a `Map` per
 * claim kept a hash table of about 300 bytes, for every claim of the workspace.
 */
export class DiagnosesByLetter {
  constructor(private readonly lines: readonly DiagnosisLine[]) {}

  /** The first lines of each letter of `all` (a claim's own list when no letter repeats, as usual), in order. */
  static of(all: readonly DiagnosisLine[]): DiagnosesByLetter {
    if (!all.length) return NO_DIAGNOSES;
    const firsts = all.filter((d, i) => {
      for (let k = 0; k < i; k++) if (all[k].letter.value === d.letter.value) return false;
      return true;
    });
    return new DiagnosesByLetter(firsts.length === all.length ? all : firsts);
  }

  get(letter: string): DiagnosisLine | undefined {
    for (const d of this.lines) if (d.letter.value === letter) return d;
    return undefined;
  }

  has(letter: string): boolean {
    return this.get(letter) !== undefined;
  }

  get size(): number {
    return this.lines.length;
  }

  /** The letters, in order. */
  keys(): string[] {
    return this.lines.map((d) => d.letter.value);
  }

  /** The lines that define their letter (the first line for each letter), in line order. */
  values(): readonly DiagnosisLine[] {
    return this.lines;
  }
}
const NO_DIAGNOSES = new DiagnosesByLetter([]);

const cache = new WeakMap<ClaimBlock, ClaimFacts>();
/**
 * A claim's total documented milligrams per recognised drug, in the order of its drug lines. A
 * claim documents a few drugs: a list, looked along, rather than a `Map` and its hash table
 * (about 300 bytes) for every claim of the workspace.
 */
export class DrugMilligrams {
  /** `totals`: a drug's id, then its milligrams, for each drug */
  constructor(private readonly totals: readonly (string | number)[]) {}

  get(id: string): number | undefined {
    for (let k = 0; k < this.totals.length; k += 2) if (this.totals[k] === id) return this.totals[k + 1] as number;
    return undefined;
  }
}
export const NO_DRUGS = new DrugMilligrams([]);

export function muscleKeyOf(m: { name: string; side: 'L' | 'R' | null }): string {
  return `${m.name}|${m.side ?? ''}`;
}

/** Expands items to counted muscles (bilateral = left and right), the same name and side once. */
export function countMuscles(items: readonly MuscleItem[]): CountedMuscle[] {
  const out: CountedMuscle[] = [];
  for (const item of items) {
    const { counting: name, kind } = muscleLookup(item.name);
    if (item.side === 'B') {
      addMuscle(out, name, 'L', kind, item);
      addMuscle(out, name, 'R', kind, item);
    } else addMuscle(out, name, item.side, kind, item);
  }
  // (an exact-size copy: an array grown by push keeps room for 17, and every claim's facts keep theirs)
  return out.length ? out.slice() : [];
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
  const diagnoses = DiagnosesByLetter.of(claim.diagnoses);
  let totals: (string | number)[] | undefined;
  for (const d of claim.drugs) {
    const info = recogniseDrug(d.name.text);
    const amount = info && milligrams(d.concentration, d.dose);
    if (!info || amount === undefined) continue;
    totals ??= [];
    let k = 0;
    while (k < totals.length && totals[k] !== info.id) k += 2;
    if (k < totals.length) totals[k + 1] = (totals[k + 1] as number) + amount;
    else totals.push(info.id, amount);
  }
  f = {
    // (a claim whose lines are all TPI lines shares its list)
    tpiLines: tpiLines.length === claim.lines.length ? claim.lines : tpiLines.slice(), // (exact size, as the muscles)
    isTpiClaim: tpiLines.length > 0,
    muscles: countMuscles(muscleItems),
    muscleItems,
    pos: claim.pos?.value.value ?? DEFAULT_POS,
    diagnoses,
    drugMg: totals ? new DrugMilligrams(totals.slice()) : NO_DRUGS,
  };
  cache.set(claim, f);
  return f;
}

/** A diagnosis whose code is malformed, a header or unknown has an `icd-*` error. */
export function hasIcdError(d: DiagnosisLine): boolean {
  return !d.wellFormed || icdStatus(d.code.value) !== 'billable';
}

/**
 * The diagnoses a line points to, when the line can be judged on them (docs/rules.md "One
 * root cause"): it points to at least one defined diagnosis and none of them has an icd-* error.
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
