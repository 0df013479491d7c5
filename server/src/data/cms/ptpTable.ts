// The NCCI procedure-to-procedure edits, kept packed: a million edits are a few typed arrays
// (codes and rationales interned, dates as YYYYMMDD numbers), about 20 MB, instead of a million
// objects (more than a gigabyte). Edits are added in file order; the first query builds an index
// by column 1 code, so a claim's pairs are found among the edits of its own codes only.

/** One PTP edit, as the rules and `claimnote data` see it. */
export interface PtpEdit {
  column1: string;
  column2: string;
  /** The "*" of "in existence prior to 1996". */
  prior1996: boolean;
  /** ISO date. */
  effective: string;
  /** ISO date, undefined when the edit is not deleted (`*`). */
  deleted?: string;
  /** 0 no modifier allows the pair, 1 a modifier may, 9 not applicable. */
  modifier: 0 | 1 | 9;
  rationale: string;
}

const PRIOR_1996 = 16;

/** YYYYMMDD as a number (20260115) from an ISO date. */
function compactOf(iso: string): number {
  return Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

function isoOf(n: number): string {
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** Numbers in blocks of 65,536: a column grows a block at a time, never copied, never more than one block too big. */
class Column<T extends Int32Array | Uint16Array | Uint8Array> {
  private readonly blocks: T[] = [];
  constructor(private readonly make: (n: number) => T) {}
  get(i: number): number {
    return this.blocks[i >>> 16][i & 0xffff];
  }
  set(i: number, v: number): void {
    const b = i >>> 16;
    if (b === this.blocks.length) this.blocks.push(this.make(0x10000));
    this.blocks[b][i & 0xffff] = v;
  }
}

export class PtpTable {
  private readonly codes: string[] = [];
  /** Code ids by the code read as a base-36 number (five characters: under 36^5). */
  private readonly codeIds = new Map<number, number>();
  private readonly rationales: string[] = [];
  private readonly rationaleIds = new Map<string, number>();
  private readonly column1 = new Column((n) => new Int32Array(n));
  private readonly column2 = new Column((n) => new Int32Array(n));
  private readonly effective = new Column((n) => new Int32Array(n));
  /** 0 when not deleted. */
  private readonly deleted = new Column((n) => new Int32Array(n));
  /** The modifier indicator, and PRIOR_1996. */
  private readonly flags = new Column((n) => new Uint8Array(n));
  private readonly rationale = new Column((n) => new Uint16Array(n));
  private count = 0;
  /** By column 1 code id: the edits of code k are `order[start[k]] .. order[start[k + 1] - 1]`, in file order. */
  private start?: Int32Array;
  private order?: Int32Array;

  /** How many edits. */
  get size(): number {
    return this.count;
  }

  /** The id of the five-character code (digits and capital letters) at `text[at]`, made on first sight. */
  codeIdAt(text: string, at: number): number {
    let key = 0;
    for (let i = at; i < at + 5; i++) key = key * 36 + digit36(text.charCodeAt(i));
    let id = this.codeIds.get(key);
    if (id === undefined) {
      id = this.codes.length;
      this.codes.push(text.slice(at, at + 5));
      this.codeIds.set(key, id);
    }
    return id;
  }

  /** The id of a rationale, made on first sight (more than 65,535 distinct ones, where CMS uses a few dozen, share the last). */
  rationaleId(text: string): number {
    let r = this.rationaleIds.get(text);
    if (r === undefined) {
      r = Math.min(this.rationales.length, 0xffff);
      if (r === this.rationales.length) this.rationales.push(text);
      this.rationaleIds.set(text, r);
    }
    return r;
  }

  /** Adds an edit; dates are YYYYMMDD numbers already checked to be calendar dates, `deleted` 0 when there is none. */
  add(
    column1: string,
    column2: string,
    prior1996: boolean,
    effective: number,
    deleted: number,
    modifier: 0 | 1 | 9,
    rationale: string,
  ): void {
    this.addIds(this.codeIdAt(column1, 0), this.codeIdAt(column2, 0), prior1996, effective, deleted, modifier, this.rationaleId(rationale));
  }

  /** `add` with the ids of `codeIdAt` and `rationaleId`. */
  addIds(
    column1: number,
    column2: number,
    prior1996: boolean,
    effective: number,
    deleted: number,
    modifier: 0 | 1 | 9,
    rationale: number,
  ): void {
    const i = this.count++;
    this.column1.set(i, column1);
    this.column2.set(i, column2);
    this.effective.set(i, effective);
    this.deleted.set(i, deleted);
    this.flags.set(i, modifier | (prior1996 ? PRIOR_1996 : 0));
    this.rationale.set(i, rationale);
    this.start = this.order = undefined;
  }

  /** The edit at position `i` (0-based, file order). */
  edit(i: number): PtpEdit {
    const flags = this.flags.get(i);
    const e: PtpEdit = {
      column1: this.codes[this.column1.get(i)],
      column2: this.codes[this.column2.get(i)],
      prior1996: (flags & PRIOR_1996) !== 0,
      effective: isoOf(this.effective.get(i)),
      modifier: (flags & 15) as 0 | 1 | 9,
      rationale: this.rationales[this.rationale.get(i)],
    };
    const deleted = this.deleted.get(i);
    if (deleted) e.deleted = isoOf(deleted);
    return e;
  }

  /** Every edit, in file order (for tests and small tables: each is a new object). */
  toArray(): PtpEdit[] {
    return Array.from({ length: this.count }, (_, i) => this.edit(i));
  }

  private index(): { start: Int32Array; order: Int32Array } {
    if (this.start && this.order) return { start: this.start, order: this.order };
    // a counting sort by column 1: stable, so each code's edits stay in file order
    const start = new Int32Array(this.codes.length + 1);
    for (let i = 0; i < this.count; i++) start[this.column1.get(i) + 1]++;
    for (let k = 0; k < this.codes.length; k++) start[k + 1] += start[k];
    const next = start.slice(0, this.codes.length);
    const order = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) order[next[this.column1.get(i)]++] = i;
    this.start = start;
    this.order = order;
    return { start, order };
  }

  /**
   * The edits in force on a date of service (effective on or before it, not deleted before it)
   * between two different codes of `codes`, in file order.
   */
  pairsAmong(codes: Iterable<string>, iso: string): PtpEdit[] {
    const ids = new Set<number>();
    for (const c of codes) {
      if (!CODE.test(c)) continue;
      const id = this.codeIds.get(keyOf(c));
      if (id !== undefined) ids.add(id);
    }
    if (ids.size < 2) return [];
    const { start, order } = this.index();
    const day = compactOf(iso);
    const found: number[] = [];
    for (const k of ids)
      for (let j = start[k]; j < start[k + 1]; j++) {
        const i = order[j];
        const c2 = this.column2.get(i);
        if (c2 === k || !ids.has(c2) || this.effective.get(i) > day) continue;
        const deleted = this.deleted.get(i);
        if (deleted && deleted < day) continue;
        found.push(i);
      }
    return found.sort((a, b) => a - b).map((i) => this.edit(i));
  }
}

const CODE = /^[A-Z0-9]{5}$/;

/** A digit or capital letter's value in base 36 (the caller has checked the character). */
function digit36(c: number): number {
  return c <= 57 ? c - 48 : c - 55;
}

function keyOf(code: string): number {
  let key = 0;
  for (let i = 0; i < 5; i++) key = key * 36 + digit36(code.charCodeAt(i));
  return key;
}
