// ICD-10-CM, FY2026: every billable code (CMS code file, public domain), packed by
// scripts/derive-icd10.mjs. A well-formed code is billable, a header (a strict prefix of a
// billable code: not billable, it has billable children) or unknown.
import { ICD10CM_PACKED, ICD10CM_YEAR, ICD10CM_COUNT } from './generated/icd10cm';
import { lookupTable } from './lookup';

export { ICD10CM_YEAR, ICD10CM_COUNT };

export type IcdStatus = 'billable' | 'header' | 'unknown';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A set of billable codes (without dots, upper case) searched as the rules need: by binary search
 * in the sorted list and by set lookups, never by a scan of every code (a code set is 75,000
 * codes, and a claim file with a wrong code may ask about it thousands of times).
 */
export class BillableCodes {
  private readonly sorted: string[];
  private readonly billable: Set<string>;
  private readonly nearMemo = new Map<string, readonly string[]>();

  constructor(codes: Iterable<string>) {
    const all = [...codes].sort();
    // repeats dropped in the sorted list (they are next to each other)
    this.sorted = all.filter((c, i) => i === 0 || c !== all[i - 1]);
    this.billable = new Set(this.sorted);
  }

  /** Index of the first code >= prefix. */
  private lowerBound(prefix: string): number {
    const s = this.sorted;
    let lo = 0,
      hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(code: string): boolean {
    return this.billable.has(code);
  }

  /** A strict prefix of a billable code. */
  isHeader(code: string): boolean {
    const s = this.sorted;
    for (let k = this.lowerBound(code); k < s.length && s[k].startsWith(code); k++) if (s[k] !== code) return true;
    return false;
  }

  status(code: string): IcdStatus {
    if (this.has(code)) return 'billable';
    if (this.isHeader(code)) return 'header';
    return 'unknown';
  }

  /** Billable codes starting with prefix, in code order. */
  withPrefix(prefix: string, limit = Infinity): string[] {
    const s = this.sorted;
    const out: string[] = [];
    for (let k = this.lowerBound(prefix); k < s.length && s[k].startsWith(prefix) && out.length < limit; k++) out.push(s[k]);
    return out;
  }

  /** For a header: the billable codes that extend it by the fewest characters, at most `max`, in code order. */
  children(header: string, max = 10): string[] {
    const all = this.withPrefix(header).filter((c) => c !== header);
    if (!all.length) return [];
    const min = Math.min(...all.map((c) => c.length));
    return all.filter((c) => c.length === min).slice(0, max);
  }

  /**
   * Billable codes one edit (substitution, insertion, deletion) away: those that share the
   * code's first three characters where any do, else its first character; at most `max`, in code order.
   */
  near(code: string, max = 5): readonly string[] {
    // a wrong code is usually wrong on many claims: each is searched once (bounded memo)
    const key = `${max}:${code}`;
    let near = this.nearMemo.get(key);
    if (!near) {
      if (this.nearMemo.size >= 2000) this.nearMemo.clear();
      this.nearMemo.set(key, (near = this.searchNear(code, max)));
    }
    return near;
  }

  private searchNear(code: string, max: number): readonly string[] {
    const found = new Set<string>();
    const consider = (c: string) => {
      if (c !== code && this.billable.has(c)) found.add(c);
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
}

let builtIn: BillableCodes | undefined;

/** The built-in codes, unpacked on first use (once). */
function table(): BillableCodes {
  return (builtIn ??= unpack());
}

function unpack(): BillableCodes {
  const codes: string[] = [];
  for (const group of ICD10CM_PACKED.split('|')) {
    const [cat, rest] = group.split(':');
    for (const suffix of rest.split(',')) codes.push(cat + suffix);
  }
  return new BillableCodes(codes);
}

/** Unpacks the code table now (the language server does it at start, before the first document arrives). */
export function loadIcd10(): void {
  table();
}

export function isBillable(code: string): boolean {
  return table().has(code);
}

/** A strict prefix of a billable code. */
export function isHeader(code: string): boolean {
  return table().isHeader(code);
}

export function icdStatus(code: string): IcdStatus {
  return table().status(code);
}

/** Billable codes starting with prefix, in code order. */
export function billableWithPrefix(prefix: string, limit = Infinity): string[] {
  return table().withPrefix(prefix, limit);
}

/** For a header: the billable codes that extend it by the fewest characters, at most `max`, in code order. */
export function nearestBillableChildren(header: string, max = 10): string[] {
  return table().children(header, max);
}

/** Billable codes one edit away (see `BillableCodes.near`). */
export function oneEditAway(code: string, max = 5): readonly string[] {
  return table().near(code, max);
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
