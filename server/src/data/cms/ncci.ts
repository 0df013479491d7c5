// The NCCI files for practitioners: the procedure-to-procedure (PTP) edits (tab-separated text:
// a preamble, a header of one or two rows, Column 1, Column 2, "*=in existence prior to 1996",
// Effective Date, Deletion Date, Modifier, PTP Edit Rationale) and the medically unlikely edits
// (MUE, CSV: a notice in the first row(s), then HCPCS/CPT Code, Practitioner Services MUE
// Values, MUE Adjudication Indicator, MUE Rationale). Both are under the AMA's CPT licence: they
// are read from the user's own download, never shipped.
import { findColumn, isBlank, isoOfCompact, joinHeader, norm, readRows, type Row, type Unreadable } from './csv';
import { PtpTable } from './ptpTable';

export { PtpTable, type PtpEdit } from './ptpTable';

export interface PtpData {
  table: PtpTable;
  rows: number;
  unreadable: Unreadable[];
}

const CODE = /^[A-Z0-9]{5}$/;

/** What a header lacks, as a sentence: the columns `findColumn` did not find (-1); undefined when it has them all. */
function missingColumns(col: Record<string, number>): string | undefined {
  const missing = Object.entries(col)
    .filter(([, i]) => i < 0)
    .map(([k]) => k);
  return missing.length ? `the header has no column for ${missing.join(', ')}` : undefined;
}

/** A character at a cell's edge that the in-place reader leaves to the general one: a control character or one outside ASCII. */
function edgy(c: number): boolean {
  return c < 32 || c > 126;
}

/** Whether `text[at..at+5)` are digits and capital letters (the length is the caller's). */
function codeAt(text: string, at: number): boolean {
  for (let i = at; i < at + 5; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/** The index of the PTP header's first row (Column 1, Column 2), or -1. */
export function ptpHeaderRow(rows: Row[]): number {
  return rows.findIndex(isPtpHeader);
}

function isPtpHeader(r: Row): boolean {
  return /^column1/.test(norm(r.cells[0] ?? '')) && /^column2/.test(norm(r.cells[1] ?? ''));
}

/** A row whose text is longer than this while a quoted field is open is given up (bounded memory on a quote that never closes). */
const MAX_QUOTED_ROW = 1 << 20;

/**
 * Where a row stands after more of its text: 0 at the start of a field, 1 inside an unquoted
 * field, 2 inside a quoted one, 3 just after a quote inside a quoted field (a closing quote, or
 * the first of a doubled one). As `readRows` reads quotes: only at the start of a field.
 */
function quoteState(text: string, state: number): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === 2) state = c === '"' ? 3 : 2;
    else if (state === 3) state = c === '"' ? 2 : c === '\t' ? 0 : 1;
    else if (c === '\t') state = 0;
    else state = state === 0 && c === '"' ? 2 : 1;
  }
  return state;
}

/**
 * A PTP edit file read piece by piece (`push` any pieces of its text, then `end`), its edits
 * added to a table as they are read: nothing but the table grows with the file. Rows are read
 * as `readRows` reads them (quoted fields too), and a bad row is reported with its line.
 */
export class PtpReader {
  private carry = '';
  private line = 0;
  private header: Row[] = [];
  /** Set once the header (one or two rows) is complete. */
  private col?: Record<'column1' | 'column2' | 'prior' | 'effective' | 'deletion' | 'modifier' | 'rationale', number>;
  private headerError?: string;
  /** A row with a quoted field still open: its first line, its text so far and its quote state. */
  private open?: { line: number; text: string; state: number; tooLong: boolean };
  /** The last date cell read and its value (a file repeats its dates). */
  private lastDate = ['', -1] as [string, number];
  private lastDeletion = ['', -1] as [string, number];
  rows = 0;
  readonly unreadable: Unreadable[] = [];

  constructor(private readonly table: PtpTable) {}

  push(piece: string): void {
    const text = this.carry + piece;
    let from = 0;
    if (!text.includes('"') && !/\r(?!\n)/.test(text)) {
      // the common case, a piece without quotes or lone CRs once the header is read, is read in
      // place: no string per line or per cell (a million rows make a lot of garbage otherwise)
      for (;;) {
        const nl = text.indexOf('\n', from);
        if (nl < 0) break;
        const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        if (!(this.col && !this.open && this.inPlace(text, from, end, this.col))) this.oneLine(text.slice(from, end));
        from = nl + 1;
      }
    } else {
      // any line ends (CRLF, LF, a lone CR); a CR that ends the text may be half a CRLF: kept
      const ends = /\r\n|\n|\r/g;
      for (let m = ends.exec(text); m; m = ends.exec(text)) {
        if (m[0] === '\r' && m.index === text.length - 1) break;
        this.oneLine(text.slice(from, m.index));
        from = m.index + m[0].length;
      }
    }
    this.carry = text.slice(from);
  }

  /** Cell bounds of the row being read in place: start and end of cell i at 2i and 2i + 1. */
  private bounds = new Int32Array(64);

  /**
   * An edit row read in place, `text[from..end)` (no quotes, no CR): true when it was a good edit
   * and is added; false, with nothing done, for anything else (a blank or bad row, a lower-case
   * code), which the general reader then reads and reports.
   */
  private inPlace(text: string, from: number, end: number, col: NonNullable<PtpReader['col']>): boolean {
    const last = Math.max(col.column1, col.column2, col.prior, col.effective, col.deletion, col.modifier, col.rationale);
    if (last >= 32) return false;
    const b = this.bounds;
    let at = from;
    for (let i = 0; i <= last; i++) {
      let s = at;
      let e = at <= end ? text.indexOf('\t', at) : -1;
      if (e < 0 || e > end) e = end;
      at = e + 1;
      if (s > end) s = e = end; // past the last cell: empty
      while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
      while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
      // what else trim() would drop, or keep, at a cell's edge (control or non-ASCII characters): the general reader's
      if (s < e && (edgy(text.charCodeAt(s)) || edgy(text.charCodeAt(e - 1)))) return false;
      b[2 * i] = s;
      b[2 * i + 1] = e;
    }
    const s1 = b[2 * col.column1];
    const e1 = b[2 * col.column1 + 1];
    const s2 = b[2 * col.column2];
    const e2 = b[2 * col.column2 + 1];
    if (e1 - s1 !== 5 || e2 - s2 !== 5 || !codeAt(text, s1) || !codeAt(text, s2)) return false;
    const effective = this.dateAt(text, b[2 * col.effective], b[2 * col.effective + 1], this.lastDate);
    if (!effective) return false;
    const sd = b[2 * col.deletion];
    const ed = b[2 * col.deletion + 1];
    const deleted = ed === sd || (ed - sd === 1 && text.charCodeAt(sd) === 42) ? 0 : this.dateAt(text, sd, ed, this.lastDeletion);
    if (deleted === undefined) return false;
    const sm = b[2 * col.modifier];
    const m = text.charCodeAt(sm) - 48;
    if (b[2 * col.modifier + 1] - sm !== 1 || (m !== 0 && m !== 1 && m !== 9)) return false;
    const sp = b[2 * col.prior];
    const prior = b[2 * col.prior + 1] - sp === 1 && text.charCodeAt(sp) === 42;
    const sr = b[2 * col.rationale];
    const er = b[2 * col.rationale + 1];
    const lastRationale = this.lastRationale;
    let rationale: number;
    if (er - sr === lastRationale[0].length && lastRationale[1] >= 0 && text.startsWith(lastRationale[0], sr)) rationale = lastRationale[1];
    else {
      const r = text.slice(sr, er);
      rationale = this.table.rationaleId(r);
      this.lastRationale = [r, rationale];
    }
    this.line++;
    this.table.addIds(this.table.codeIdAt(text, s1), this.table.codeIdAt(text, s2), prior, effective, deleted, m as 0 | 1 | 9, rationale);
    this.rows++;
    return true;
  }

  private lastRationale: [string, number] = ['', -1];

  /** The YYYYMMDD date of `text[s..e)` as a number, or undefined (then the general reader says why). */
  private dateAt(text: string, s: number, e: number, last: [string, number]): number | undefined {
    if (e - s !== 8) return undefined;
    let n = 0;
    for (let i = s; i < e; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      n = n * 10 + d;
    }
    if (n === last[1]) return n;
    return this.date(text.slice(s, e), last);
  }

  /** The rows read and the ones that could not be. Throws Error when there is no Column 1 / Column 2 header. */
  end(): { rows: number; unreadable: Unreadable[] } {
    // the last line, without its end (a CR left over, or none)
    if (this.carry !== '') for (const l of this.carry.replace(/\r$/, '').split(/\r\n|\n|\r/)) this.oneLine(l);
    this.carry = '';
    if (this.open) {
      this.unreadable.push({ line: this.open.line, text: this.open.text, why: 'a quoted field is not closed before the end of the file' });
      this.open = undefined;
    }
    if (!this.col && this.header.length === 1) this.columns();
    if (this.headerError) throw new Error(this.headerError);
    if (!this.col) throw new Error('no header row with Column 1 and Column 2');
    this.unreadable.sort((a, b) => a.line - b.line);
    return { rows: this.rows, unreadable: this.unreadable };
  }

  private oneLine(text: string): void {
    const line = ++this.line;
    if (this.open) {
      const o = this.open;
      o.state = quoteState('\n' + text, o.state);
      if (!o.tooLong) {
        o.text += '\n' + text;
        if (o.text.length > MAX_QUOTED_ROW) {
          o.tooLong = true;
          o.text = o.text.slice(0, o.text.indexOf('\n'));
        }
      }
      if (o.state === 2) return;
      this.open = undefined;
      if (o.tooLong) this.unreadable.push({ line: o.line, text: o.text, why: 'a quoted field runs over more than a million characters' });
      else this.row({ line: o.line, cells: readRows(o.text, '\t').rows[0]?.cells ?? [''], text: o.text });
      return;
    }
    if (text.includes('"')) {
      const state = quoteState(text, 0);
      if (state === 2) {
        this.open = { line, text, state, tooLong: false };
        return;
      }
      this.row({ line, cells: readRows(text, '\t').rows[0]?.cells ?? [''], text });
      return;
    }
    this.row({ line, cells: text.split('\t'), text });
  }

  private row(r: Row): void {
    if (!this.col) {
      if (this.headerError) return;
      if (this.header.length === 0) {
        if (isPtpHeader(r)) this.header.push(r);
        return;
      }
      // a second header row: the row after the first, when it is not an edit (its first cell is not a code)
      if (!CODE.test((r.cells[0] ?? '').trim()) && !isBlank(r)) {
        this.header.push(r);
        this.columns();
        return;
      }
      this.columns();
      if (!this.col) return;
    }
    this.edit(r, this.col);
  }

  private columns(): void {
    const names = joinHeader(this.header);
    const col = {
      column1: 0,
      column2: 1,
      prior: findColumn(names, (n) => n.includes('priorto1996')),
      effective: findColumn(names, (n) => n.startsWith('effective')),
      deletion: findColumn(names, (n) => n.startsWith('deletion')),
      modifier: findColumn(names, (n) => n.startsWith('modifier')),
      rationale: findColumn(names, (n) => n.includes('rationale')),
    };
    const missing = missingColumns(col);
    if (missing) this.headerError = missing;
    else this.col = col;
  }

  private edit(r: Row, col: NonNullable<PtpReader['col']>): void {
    if (isBlank(r)) return;
    const cell = (i: number) => (r.cells[i] ?? '').trim();
    const bad = (why: string) => this.unreadable.push({ line: r.line, text: r.text, why });
    const [c1, c2] = [cell(col.column1).toUpperCase(), cell(col.column2).toUpperCase()];
    if (!CODE.test(c1) || !CODE.test(c2)) {
      bad(`Column 1 "${cell(col.column1)}" and Column 2 "${cell(col.column2)}" are not both five-character codes`);
      return;
    }
    const eff = cell(col.effective);
    const effective = this.date(eff, this.lastDate);
    if (!effective) {
      bad(`effective date "${eff}" is not a YYYYMMDD date`);
      return;
    }
    const del = cell(col.deletion);
    const deleted = del === '*' || del === '' ? 0 : this.date(del, this.lastDeletion);
    if (deleted === undefined) {
      bad(`deletion date "${del}" is not a YYYYMMDD date or *`);
      return;
    }
    const m = cell(col.modifier);
    if (m !== '0' && m !== '1' && m !== '9') {
      bad(`modifier indicator "${m}" is not 0, 1 or 9`);
      return;
    }
    this.table.add(c1, c2, cell(col.prior) === '*', effective, deleted, Number(m) as 0 | 1 | 9, cell(col.rationale));
    this.rows++;
  }

  /** A YYYYMMDD cell as a number, or undefined; the last one read is remembered (a file repeats its dates). */
  private date(s: string, last: [string, number]): number | undefined {
    if (last[0] !== '' && s === last[0]) return last[1];
    const iso = isoOfCompact(s);
    if (!iso) return undefined;
    last[0] = s;
    last[1] = Number(s);
    return last[1];
  }
}

/** A PTP edit file's text, read into a new table. Throws Error when there is no Column 1 / Column 2 header. */
export function readPtp(text: string): PtpData {
  const table = new PtpTable();
  const reader = new PtpReader(table);
  reader.push(text);
  const { rows, unreadable } = reader.end();
  return { table, rows, unreadable };
}

export interface MueEntry {
  code: string;
  value: number;
  /** The adjudication indicator's digit: 1 line edit, 2 date of service edit (policy), 3 date of service edit (clinical). */
  indicator: number;
  /** The text after the digit, e.g. "Date of Service Edit: Policy". */
  indicatorText: string;
  rationale: string;
}

export interface MueData {
  /** ISO date from the file name (`..._Eff_01-01-2026.csv` -> 2026-01-01), when it has one. */
  effective?: string;
  /** The calendar quarter of `effective`, e.g. "2026Q1". */
  quarter?: string;
  entries: Map<string, MueEntry>;
  rows: number;
  unreadable: Unreadable[];
}

/** The effective date and quarter of an MUE file name. */
export function mueName(name: string | undefined): { effective?: string; quarter?: string } {
  const m = /Eff[_-]?(\d{2})-(\d{2})-(\d{4})/i.exec((name ?? '').replace(/^.*[\\/]/, ''));
  if (!m) return {};
  const effective = isoOfCompact(`${m[3]}${m[1]}${m[2]}`);
  if (!effective) return {};
  return { effective, quarter: `${m[3]}Q${Math.floor((Number(m[1]) - 1) / 3) + 1}` };
}

/** The index of the MUE header row (HCPCS/CPT Code, then an MUE column), or -1. */
export function mueHeaderRow(rows: Row[]): number {
  return rows.findIndex((r) => /^hcpcs\/?cpt/.test(norm(r.cells[0] ?? '')) && r.cells.some((c) => norm(c).includes('mue')));
}

/** An MUE CSV file. Throws Error when there is no HCPCS/CPT Code header. */
export function readMue(text: string, opts: { fileName?: string } = {}): MueData {
  const { rows, problems } = readRows(text, ',');
  const unreadable: Unreadable[] = [...problems];
  const h = mueHeaderRow(rows);
  if (h < 0) throw new Error('no header row starting with HCPCS/CPT Code');
  const names = rows[h].cells;
  const col = {
    code: 0,
    value: findColumn(names, (n) => n.includes('muevalue')),
    indicator: findColumn(names, (n) => n.includes('adjudicationindicator')),
    rationale: findColumn(names, (n) => n.includes('rationale')),
  };
  const missing = missingColumns(col);
  if (missing) throw new Error(missing);
  const entries = new Map<string, MueEntry>();
  for (const r of rows.slice(h + 1)) {
    if (isBlank(r)) continue;
    const cell = (i: number) => (r.cells[i] ?? '').trim();
    const bad = (why: string) => unreadable.push({ line: r.line, text: r.text, why });
    const code = cell(col.code).toUpperCase();
    if (!CODE.test(code)) {
      bad(`"${cell(col.code)}" is not a five-character HCPCS/CPT code`);
      continue;
    }
    if (!/^\d+$/.test(cell(col.value))) {
      bad(`MUE value "${cell(col.value)}" is not a whole number`);
      continue;
    }
    const ind = /^(\d)\s*(.*)$/.exec(cell(col.indicator));
    if (!ind) {
      bad(`adjudication indicator "${cell(col.indicator)}" does not start with a digit`);
      continue;
    }
    if (entries.has(code)) {
      bad(`${code} is listed twice (the first is kept)`);
      continue;
    }
    entries.set(code, {
      code,
      value: Number(cell(col.value)),
      indicator: Number(ind[1]),
      indicatorText: ind[2].trim(),
      rationale: cell(col.rationale),
    });
  }
  unreadable.sort((a, b) => a.line - b.line);
  return { ...mueName(opts.fileName), entries, rows: entries.size, unreadable };
}
