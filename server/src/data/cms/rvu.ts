// The Medicare physician fee schedule RVU file (PPRRVU<YY>_<release>.csv): preamble rows, then a
// header that may span several rows, whose last row starts with HCPCS, then one row per code and
// modifier. Columns are found by their header text (case and spacing ignored; the cells of a
// column's header rows joined top to bottom), never by position.
import { NoYearError, decimal, findColumn, isBlank, joinHeader, norm, readRows, type Row, type Unreadable, type YearSource } from './csv';
import type { YearOptions } from './icd10Order';

export interface RvuRow {
  code: string;
  /** The modifier ('' for the code's own row). */
  mod: string;
  description: string;
  status: string;
  work?: number;
  peNonFacility?: number;
  /** The non-facility NA indicator ('NA' when the PE does not apply there), when given. */
  nonFacilityNa?: string;
  peFacility?: number;
  facilityNa?: string;
  mp?: number;
  totalNonFacility?: number;
  totalFacility?: number;
  globalDays?: string;
  conversionFactor?: number;
}

export interface RvuData {
  year: number;
  yearFrom: YearSource;
  /** The release in the file name (`JAN` of PPRRVU26_JAN.csv), when it has one. */
  release?: string;
  /** Rows without a modifier, by code. */
  codes: Map<string, RvuRow>;
  /** Rows with a modifier, by `code|mod`. */
  modifiers: Map<string, RvuRow>;
  rows: number;
  unreadable: Unreadable[];
}

/** The year and release of a PPRRVU file name (`PPRRVU26_JAN.csv` -> 2026, JAN). */
export function rvuName(name: string | undefined): { year?: number; release?: string } {
  const m = /PPRRVU(\d{2})(?:_([A-Za-z0-9]+))?/i.exec((name ?? '').replace(/^.*[\\/]/, ''));
  return m ? { year: 2000 + Number(m[1]), release: m[2]?.toUpperCase() } : {};
}

/** The index of the row whose first cell is HCPCS, or -1. */
export function rvuHeaderRow(rows: Row[]): number {
  return rows.findIndex((r) => norm(r.cells[0] ?? '') === 'hcpcs');
}

/** The header rows above the HCPCS row that belong to it: contiguous rows with an empty first cell and at least two filled cells. */
function headerRows(rows: Row[], h: number): Row[] {
  const out = [rows[h]];
  for (let i = h - 1; i >= 0 && h - i <= 4; i--) {
    const r = rows[i];
    if ((r.cells[0] ?? '').trim() !== '' || r.cells.filter((c) => c.trim() !== '').length < 2) break;
    out.unshift(r);
  }
  return out;
}

// The normalised names each field's column may have.
const COLUMNS = {
  code: ['hcpcs'],
  mod: ['mod', 'modifier'],
  description: ['description'],
  status: ['statuscode', 'status'],
  work: ['workrvu', 'workrvus'],
  peNonFacility: ['non-facpervu', 'nonfacpervu', 'non-facilitypervu', 'nonfacilitypervu'],
  nonFacilityNa: ['non-facnaindicator', 'nonfacnaindicator', 'non-facilitynaindicator'],
  peFacility: ['facilitypervu', 'facpervu'],
  facilityNa: ['facilitynaindicator', 'facnaindicator'],
  mp: ['mprvu', 'mprvus', 'malpracticervu'],
  totalNonFacility: ['non-facilitytotal', 'nonfacilitytotal', 'non-factotal'],
  totalFacility: ['facilitytotal', 'factotal'],
  globalDays: ['globdays', 'globaldays', 'glob'],
  conversionFactor: ['convfactor', 'conversionfactor'],
} as const;

type Field = keyof typeof COLUMNS;
const REQUIRED: Field[] = ['code', 'mod', 'work', 'peNonFacility', 'peFacility', 'mp'];
const NUMERIC: Field[] = ['work', 'peNonFacility', 'peFacility', 'mp', 'totalNonFacility', 'totalFacility', 'conversionFactor'];

/** A PPRRVU CSV file. Throws NoYearError when neither the file name nor the caller gives a year, and Error when there is no HCPCS header. */
export function readRvu(text: string, opts: YearOptions = {}): RvuData {
  const named = rvuName(opts.fileName);
  const year = named.year ?? opts.year;
  if (year === undefined) throw new NoYearError('no year in the file name (PPRRVU<YY>) and none given');
  const { rows, problems } = readRows(text, ',');
  const unreadable: Unreadable[] = [...problems];
  const h = rvuHeaderRow(rows);
  if (h < 0) throw new Error('no header row starting with HCPCS');
  const names = joinHeader(headerRows(rows, h));
  const col = {} as Record<Field, number>;
  for (const f of Object.keys(COLUMNS) as Field[]) {
    const accepted: readonly string[] = COLUMNS[f];
    col[f] = findColumn(names, (n) => accepted.includes(n));
  }
  const missing = REQUIRED.filter((f) => col[f] < 0);
  if (missing.length > 0) throw new Error(`the header has no column for ${missing.join(', ')}`);
  const codes = new Map<string, RvuRow>();
  const modifiers = new Map<string, RvuRow>();
  let count = 0;
  for (const r of rows.slice(h + 1)) {
    if (isBlank(r)) continue;
    const cell = (f: Field) => (col[f] < 0 ? '' : (r.cells[col[f]] ?? '').trim());
    const bad = (why: string) => unreadable.push({ line: r.line, text: r.text, why });
    const code = cell('code').toUpperCase();
    if (!/^[A-Z0-9]{5}$/.test(code)) {
      bad(`"${cell('code')}" is not a five-character HCPCS code`);
      continue;
    }
    const values: Partial<Record<Field, number>> = {};
    const wrong = NUMERIC.filter((f) => {
      const v = decimal(cell(f));
      values[f] = v;
      return Number.isNaN(v);
    });
    if (wrong.length > 0) {
      bad(`not a number: ${wrong.map((f) => `${names[col[f]]} "${cell(f)}"`).join(', ')}`);
      continue;
    }
    const mod = cell('mod').toUpperCase();
    const row: RvuRow = {
      code,
      mod,
      description: cell('description'),
      status: cell('status').toUpperCase(),
      work: values.work,
      peNonFacility: values.peNonFacility,
      peFacility: values.peFacility,
      mp: values.mp,
      totalNonFacility: values.totalNonFacility,
      totalFacility: values.totalFacility,
      conversionFactor: values.conversionFactor,
    };
    if (cell('nonFacilityNa') !== '') row.nonFacilityNa = cell('nonFacilityNa');
    if (cell('facilityNa') !== '') row.facilityNa = cell('facilityNa');
    if (cell('globalDays') !== '') row.globalDays = cell('globalDays');
    const key = mod === '' ? code : `${code}|${mod}`;
    const into = mod === '' ? codes : modifiers;
    if (into.has(key)) {
      bad(`${key} is listed twice (the first is kept)`);
      continue;
    }
    into.set(key, row);
    count++;
  }
  unreadable.sort((a, b) => a.line - b.line);
  return {
    year,
    yearFrom: named.year !== undefined ? 'file name' : 'caller',
    release: named.release,
    codes,
    modifiers,
    rows: count,
    unreadable,
  };
}
