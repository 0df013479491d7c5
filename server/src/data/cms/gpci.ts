// The geographic practice cost indices (CMS's Addendum E to the physician fee schedule rule, or
// the GPCI file of the RVU package), as CSV or tab-separated text: title rows, a header row (MAC,
// State, Locality Number, Locality Name, the work, PE and MP GPCIs), the localities, then
// footnotes. Rows whose MAC is not five digits are not localities and are skipped (footnotes,
// titles, blank rows). Older files have no State column.
//
// The work GPCI may come in two columns, "with 1.0 floor" and "without 1.0 floor". The one used
// is the one CMS labels as applied: "with 1.0 floor" when present (the floor is what the
// labelled column applies), else a column without either label, else "without 1.0 floor";
// `workColumn` names the header chosen, and the caller may ask for the other one.
import {
  NoYearError,
  decimal,
  findColumn,
  isBlank,
  norm,
  readRows,
  sniffDelimiter,
  type Row,
  type Unreadable,
  type YearSource,
} from './csv';
import { yearInName, type YearOptions } from './icd10Order';

export interface Gpci {
  mac: string;
  /** Two digits ("01" for a file that wrote 1). */
  locality: string;
  state?: string;
  name: string;
  work: number;
  pe: number;
  mp: number;
}

export interface GpciData {
  year: number;
  yearFrom: YearSource;
  /** By `MAC|locality`, e.g. "01182|18". */
  localities: Map<string, Gpci>;
  /** The header of the work GPCI column used. */
  workColumn: string;
  rows: number;
  unreadable: Unreadable[];
}

export interface GpciOptions extends YearOptions {
  /** Which work GPCI to use when the file has both (default: with the floor). */
  workFloor?: 'with' | 'without';
}

const isWork = (n: string) => /(work|pw)gpci/.test(n);
const withFloor = (n: string) => /with(1\.0|1)?floor/.test(n) && !/without/.test(n);
const withoutFloor = (n: string) => /without(1\.0|1)?floor/.test(n);

/** The columns of a GPCI header row, or undefined when the row is not one. */
export function gpciColumns(cells: string[], workFloor: 'with' | 'without' = 'with') {
  const names = cells.map((c) => c.trim());
  const n = names.map(norm);
  const mac = n.findIndex(
    (s) => s === 'mac' || s.includes('medicareadministrativecontractor') || s.includes('(mac)') || /^(carrier|contractor)/.test(s),
  );
  const localityNumber = n.findIndex((s) => s === 'localitynumber' || s === 'locality' || s === 'localityno.' || s === 'localitycode');
  const localityName = n.findIndex((s) => s === 'localityname' || s === 'feeschedulearea' || s === 'name');
  const state = n.findIndex((s) => s === 'state');
  const pe = findColumn(names, (s) => /pegpci/.test(s));
  const mp = findColumn(names, (s) => /mpgpci/.test(s));
  const works = n.map((s, i) => ({ s, i })).filter(({ s }) => isWork(s));
  const pick =
    works.find(({ s }) => (workFloor === 'with' ? withFloor(s) : withoutFloor(s))) ??
    works.find(({ s }) => !withFloor(s) && !withoutFloor(s)) ??
    works[0];
  if (mac < 0 || localityNumber < 0 || localityName < 0 || pe < 0 || mp < 0 || !pick) return undefined;
  return { mac, state: state < 0 ? undefined : state, localityNumber, localityName, work: pick.i, pe, mp, workColumn: names[pick.i] };
}

/** The index of the GPCI header row, or -1. */
export function gpciHeaderRow(rows: Row[]): number {
  return rows.findIndex((r) => gpciColumns(r.cells) !== undefined);
}

/** A GPCI file. Throws NoYearError when no year is known (file name, then the header's "2026 ... GPCI", then the caller), Error without a header. */
export function readGpci(text: string, opts: GpciOptions = {}): GpciData {
  const { rows, problems } = readRows(text, sniffDelimiter(text));
  const unreadable: Unreadable[] = [...problems];
  const h = gpciHeaderRow(rows);
  if (h < 0) throw new Error('no header row with MAC, locality number and name, and the work, PE and MP GPCIs');
  const col = gpciColumns(rows[h].cells, opts.workFloor)!;
  const named = yearInName(opts.fileName);
  const inHeader = /((?:19|20)\d\d)/.exec([col.work, col.pe, col.mp].map((i) => rows[h].cells[i]).join(' '));
  let year: number;
  let yearFrom: YearSource;
  if (named !== undefined) [year, yearFrom] = [named, 'file name'];
  else if (inHeader) [year, yearFrom] = [Number(inHeader[1]), 'header'];
  else if (opts.year !== undefined) [year, yearFrom] = [opts.year, 'caller'];
  else throw new NoYearError('no year in the file name or the header, and none given');
  const localities = new Map<string, Gpci>();
  let count = 0;
  for (const r of rows.slice(h + 1)) {
    if (isBlank(r)) continue;
    const cell = (i: number | undefined) => (i === undefined ? '' : (r.cells[i] ?? '').trim());
    const mac = cell(col.mac);
    if (!/^\d{5}$/.test(mac)) continue; // a footnote or title, not a locality
    const bad = (why: string) => unreadable.push({ line: r.line, text: r.text, why });
    let locality = cell(col.localityNumber);
    if (/^\d$/.test(locality)) locality = `0${locality}`;
    if (!/^\d{2}$/.test(locality)) {
      bad(`locality number "${locality}" is not two digits`);
      continue;
    }
    const [work, pe, mp] = [decimal(cell(col.work)), decimal(cell(col.pe)), decimal(cell(col.mp))];
    const wrong = (
      [
        ['work', work, col.work],
        ['PE', pe, col.pe],
        ['MP', mp, col.mp],
      ] as const
    ).filter(([, v]) => v === undefined || Number.isNaN(v));
    if (wrong.length > 0) {
      bad(`not a number: ${wrong.map(([what, , i]) => `${what} GPCI "${cell(i)}"`).join(', ')}`);
      continue;
    }
    const key = `${mac}|${locality}`;
    if (localities.has(key)) {
      bad(`${key} is listed twice (the first is kept)`);
      continue;
    }
    const g: Gpci = { mac, locality, name: cell(col.localityName), work: work!, pe: pe!, mp: mp! };
    if (col.state !== undefined) g.state = cell(col.state);
    localities.set(key, g);
    count++;
  }
  unreadable.sort((a, b) => a.line - b.line);
  return { year, yearFrom, localities, workColumn: col.workColumn, rows: count, unreadable };
}
