// ICD-10-CM, FY2026: every billable code (CMS code file, public domain), packed by
// scripts/derive-icd10.mjs. A well-formed code is billable, a header (a strict prefix of a
// billable code: not billable, it has billable children) or unknown.
import { ICD10CM_PACKED, ICD10CM_YEAR, ICD10CM_COUNT } from './generated/icd10cm';
import { lookupTable } from './lookup';

export { ICD10CM_YEAR, ICD10CM_COUNT };

let loaded: { sorted: string[]; billable: Set<string> } | undefined;

/** The codes, unpacked on first use (once): sorted, and as a set. */
function table(): { sorted: string[]; billable: Set<string> } {
  return (loaded ??= unpack());
}

function unpack(): { sorted: string[]; billable: Set<string> } {
  const sorted: string[] = [];
  for (const group of ICD10CM_PACKED.split('|')) {
    const [cat, rest] = group.split(':');
    for (const suffix of rest.split(',')) sorted.push(cat + suffix);
  }
  sorted.sort();
  return { sorted, billable: new Set(sorted) };
}

/** Index of the first code >= prefix. */
function lowerBound(prefix: string): number {
  const s = table().sorted;
  let lo = 0,
    hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Unpacks the code table now (the language server does it at start, before the first document arrives). */
export function loadIcd10(): void {
  table();
}

export function isBillable(code: string): boolean {
  return table().billable.has(code);
}

/** A strict prefix of a billable code. */
export function isHeader(code: string): boolean {
  const s = table().sorted;
  const i = lowerBound(code);
  for (let k = i; k < s.length && s[k].startsWith(code); k++) if (s[k] !== code) return true;
  return false;
}

export type IcdStatus = 'billable' | 'header' | 'unknown';

export function icdStatus(code: string): IcdStatus {
  if (isBillable(code)) return 'billable';
  if (isHeader(code)) return 'header';
  return 'unknown';
}

/** Billable codes starting with prefix, in code order. */
export function billableWithPrefix(prefix: string, limit = Infinity): string[] {
  const s = table().sorted;
  const out: string[] = [];
  for (let k = lowerBound(prefix); k < s.length && s[k].startsWith(prefix) && out.length < limit; k++) out.push(s[k]);
  return out;
}

/** For a header: the billable codes that extend it by the fewest characters, at most `max`, in code order. */
export function nearestBillableChildren(header: string, max = 10): string[] {
  const all = billableWithPrefix(header).filter((c) => c !== header);
  if (!all.length) return [];
  const min = Math.min(...all.map((c) => c.length));
  return all.filter((c) => c.length === min).slice(0, max);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Billable codes one edit (substitution, insertion, deletion) away: those that share the
 * code's first three characters where any do, else its first character; at most `max`, in code order.
 */
export function oneEditAway(code: string, max = 5): readonly string[] {
  // a wrong code is usually wrong on many claims: each is searched once (bounded memo)
  const key = `${max}:${code}`;
  let near = nearMemo.get(key);
  if (!near) {
    if (nearMemo.size >= 2000) nearMemo.clear();
    nearMemo.set(key, (near = searchOneEditAway(code, max)));
  }
  return near;
}
const nearMemo = new Map<string, readonly string[]>();

function searchOneEditAway(code: string, max: number): readonly string[] {
  const found = new Set<string>();
  const b = table().billable;
  const consider = (c: string) => {
    if (c !== code && b.has(c)) found.add(c);
  };
  for (let i = 0; i <= code.length; i++) {
    if (i < code.length) consider(code.slice(0, i) + code.slice(i + 1));
    for (const ch of ALNUM) {
      consider(code.slice(0, i) + ch + code.slice(i));
      if (i < code.length) consider(code.slice(0, i) + ch + code.slice(i + 1));
    }
  }
  const all = [...found].sort();
  const same3 = all.filter((c) => c.slice(0, 3) === code.slice(0, 3));
  const pick = same3.length ? same3 : all.filter((c) => c[0] === code[0]);
  return pick.slice(0, max);
}

/**
 * Plain-language descriptions for the codes ClaimNote's rules name (docs/reference.md#icd-10-cm,
 * in ClaimNote's words). Other codes are validated against the full list but have no description here.
 */
export const ICD_DESCRIPTIONS = lookupTable<string>({
  M791: 'Myalgia (a header since FY2023: use M79.10, M79.11, M79.12 or M79.18)',
  M7910: 'Myalgia, unspecified site',
  M7911: 'Myalgia of mastication muscle',
  M7912: 'Myalgia of auxiliary muscles, head and neck',
  M7918: 'Myalgia, other site',
  M797: 'Fibromyalgia',
  G4420: 'Tension-type headache, unspecified (header)',
  G44201: 'Tension-type headache, unspecified, intractable',
  G44209: 'Tension-type headache, unspecified, not intractable',
  G44211: 'Episodic tension-type headache, intractable',
  G44219: 'Episodic tension-type headache, not intractable',
  G44221: 'Chronic tension-type headache, intractable',
  G44229: 'Chronic tension-type headache, not intractable',
  M62830: 'Muscle spasm of back',
  M62831: 'Muscle spasm of calf',
  M62838: 'Other muscle spasm',
  M542: 'Cervicalgia (neck pain)',
  M5450: 'Low back pain, unspecified',
  M5451: 'Vertebrogenic low back pain',
  M5459: 'Other low back pain',
  M546: 'Pain in thoracic spine',
  S161XXA: 'Strain of muscle, fascia and tendon at neck level, initial encounter',
  S161XXD: 'Strain of muscle, fascia and tendon at neck level, subsequent encounter',
  S39012A: 'Strain of muscle, fascia and tendon of lower back, initial encounter',
  S39012D: 'Strain of muscle, fascia and tendon of lower back, subsequent encounter',
  S29012A: 'Strain of muscle and tendon of back wall of thorax, initial encounter',
  S29012D: 'Strain of muscle and tendon of back wall of thorax, subsequent encounter',
  B330: 'Epidemic myalgia (Bornholm disease): an infection',
});

export function icdDescription(code: string): string | undefined {
  return ICD_DESCRIPTIONS[code];
}
