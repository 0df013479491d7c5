// The NCCI files for practitioners: the procedure-to-procedure (PTP) edits (tab-separated text:
// a preamble, a header of one or two rows, Column 1, Column 2, "*=in existence prior to 1996",
// Effective Date, Deletion Date, Modifier, PTP Edit Rationale) and the medically unlikely edits
// (MUE, CSV: a notice in the first row(s), then HCPCS/CPT Code, Practitioner Services MUE
// Values, MUE Adjudication Indicator, MUE Rationale). Both are under the AMA's CPT licence: they
// are read from the user's own download, never shipped.
import { findColumn, isBlank, isoOfCompact, joinHeader, norm, readRows, type Row, type Unreadable } from './csv';

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

export interface PtpData {
  edits: PtpEdit[];
  rows: number;
  unreadable: Unreadable[];
}

const CODE = /^[A-Z0-9]{5}$/;

/** The index of the PTP header's first row (Column 1, Column 2), or -1. */
export function ptpHeaderRow(rows: Row[]): number {
  return rows.findIndex((r) => /^column1/.test(norm(r.cells[0] ?? '')) && /^column2/.test(norm(r.cells[1] ?? '')));
}

/** A PTP edit file. Throws Error when there is no Column 1 / Column 2 header. */
export function readPtp(text: string): PtpData {
  const { rows, problems } = readRows(text, '\t');
  const unreadable: Unreadable[] = [...problems];
  const h = ptpHeaderRow(rows);
  if (h < 0) throw new Error('no header row with Column 1 and Column 2');
  // A second header row: the next row, when it is not an edit (its first cell is not a code).
  const header = [rows[h]];
  const next = rows[h + 1];
  if (next && !CODE.test((next.cells[0] ?? '').trim()) && !isBlank(next)) header.push(next);
  const names = joinHeader(header);
  const col = {
    column1: 0,
    column2: 1,
    prior: findColumn(names, (n) => n.includes('priorto1996')),
    effective: findColumn(names, (n) => n.startsWith('effective')),
    deletion: findColumn(names, (n) => n.startsWith('deletion')),
    modifier: findColumn(names, (n) => n.startsWith('modifier')),
    rationale: findColumn(names, (n) => n.includes('rationale')),
  };
  const missing = Object.entries(col)
    .filter(([, i]) => i < 0)
    .map(([k]) => k);
  if (missing.length > 0) throw new Error(`the header has no column for ${missing.join(', ')}`);
  const edits: PtpEdit[] = [];
  for (const r of rows.slice(h + header.length)) {
    if (isBlank(r)) continue;
    const cell = (i: number) => (r.cells[i] ?? '').trim();
    const bad = (why: string) => unreadable.push({ line: r.line, text: r.text, why });
    const [c1, c2] = [cell(col.column1).toUpperCase(), cell(col.column2).toUpperCase()];
    if (!CODE.test(c1) || !CODE.test(c2)) {
      bad(`Column 1 "${cell(col.column1)}" and Column 2 "${cell(col.column2)}" are not both five-character codes`);
      continue;
    }
    const effective = isoOfCompact(cell(col.effective));
    if (!effective) {
      bad(`effective date "${cell(col.effective)}" is not a YYYYMMDD date`);
      continue;
    }
    const del = cell(col.deletion);
    const deleted = del === '*' || del === '' ? undefined : isoOfCompact(del);
    if (del !== '*' && del !== '' && !deleted) {
      bad(`deletion date "${del}" is not a YYYYMMDD date or *`);
      continue;
    }
    const m = cell(col.modifier);
    if (m !== '0' && m !== '1' && m !== '9') {
      bad(`modifier indicator "${m}" is not 0, 1 or 9`);
      continue;
    }
    const edit: PtpEdit = {
      column1: c1,
      column2: c2,
      prior1996: cell(col.prior) === '*',
      effective,
      modifier: Number(m) as 0 | 1 | 9,
      rationale: cell(col.rationale),
    };
    if (deleted) edit.deleted = deleted;
    edits.push(edit);
  }
  unreadable.sort((a, b) => a.line - b.line);
  return { edits, rows: edits.length, unreadable };
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
  const missing = Object.entries(col)
    .filter(([, i]) => i < 0)
    .map(([k]) => k);
  if (missing.length > 0) throw new Error(`the header has no column for ${missing.join(', ')}`);
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
