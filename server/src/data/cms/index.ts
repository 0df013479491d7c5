// The files CMS publishes, as downloaded and unpacked, read into typed yearly data: ICD-10-CM
// (order and codes files), the physician fee schedule RVUs (PPRRVU), the GPCIs (Addendum E) and
// the NCCI PTP and MUE edits for practitioners. `recognise` tells a file's kind by its content
// (its name only for the year or quarter); `loadDataFolder` reads every file of one folder (not
// its subfolders) and never throws on a bad row or file. docs/cms-data.md describes the formats.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join } from 'node:path';
import { NoYearError, readRows, sniffDelimiter, type Unreadable } from './csv';
import { isCodesLine, isOrderLine, readIcd10Codes, readIcd10Order, type Icd10Data } from './icd10Order';
import { readRvu, rvuHeaderRow, type RvuData } from './rvu';
import { gpciHeaderRow, readGpci, type GpciData } from './gpci';
import { mueHeaderRow, ptpHeaderRow, readMue, PtpReader, type MueData } from './ncci';
import { PtpTable } from './ptpTable';
import { decode, headOf, piecesOf } from './pieces';

export { NoYearError, readRows, type Row, type Unreadable, type YearSource } from './csv';
export * from './icd10Order';
export * from './rvu';
export * from './gpci';
export * from './ncci';
export * from './helpers';
export { PIECE_BYTES } from './pieces';

export type CmsKind = 'icd10-order' | 'icd10-codes' | 'rvu' | 'gpci' | 'ptp' | 'mue';

/** How much of a file `recognise` needs (the loader passes this many characters). */
export const RECOGNISE_CHARS = 64 * 1024;

/**
 * A file's kind from its first characters (the name is not used: a renamed file is still
 * recognised), or undefined. ICD-10-CM files by their first non-empty line; the others by their
 * header row: PTP Column 1 / Column 2 (tabs), MUE HCPCS/CPT Code with an MUE column, RVU a
 * first cell HCPCS in a file that mentions RVU, GPCI a row with MAC, locality and the GPCIs.
 */
export function recognise(_name: string, firstBytes: string): CmsKind | undefined {
  const text = firstBytes.replace(/^\uFEFF/, '');
  const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '');
  if (first === undefined) return undefined;
  if (isOrderLine(first)) return 'icd10-order';
  // A cut-off last line may be half a record: drop it before reading rows.
  const whole = text.length >= RECOGNISE_CHARS ? text.slice(0, Math.max(0, text.search(/[^\r\n]*$/))) : text;
  if (/\t/.test(whole) && ptpHeaderRow(readRows(whole, '\t').rows) >= 0) return 'ptp';
  const commas = readRows(whole, ',').rows;
  if (mueHeaderRow(commas) >= 0) return 'mue';
  if (rvuHeaderRow(commas) >= 0 && /rvu/i.test(whole)) return 'rvu';
  if (gpciHeaderRow(readRows(whole, sniffDelimiter(whole)).rows) >= 0) return 'gpci';
  if (isCodesLine(first)) return 'icd10-codes';
  return undefined;
}

export interface LoadedFile {
  path: string;
  kind?: CmsKind;
  year?: number;
  quarter?: string;
  rows: number;
  /** Rows that could not be read, by 1-based line; a problem with the whole file has line 0. */
  unreadable: Unreadable[];
}

export interface CmsData {
  files: LoadedFile[];
  /** By fiscal year; an order file and a codes file of one year are merged (the order file's entries win). */
  icd10: Map<number, Icd10Data>;
  /** By calendar year; a later file of the same year (in name order) replaces an earlier one. */
  rvu: Map<number, RvuData>;
  gpci: Map<number, GpciData>;
  /** Every PTP edit of every PTP file, in file name order, packed. */
  ptp: PtpTable;
  /** One per MUE file, in file name order. */
  mue: MueData[];
}

export interface LoadOptions {
  /** The year of a file whose name (and, for GPCIs, header) gives none. */
  year?: number;
}

/** Every file of `dir` (not its subfolders), read by kind. Never throws on a bad row or file; throws only when `dir` cannot be listed. */
export function loadDataFolder(dir: string, options: LoadOptions = {}): CmsData {
  const steps = loading(dir, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `loadDataFolder`, letting other work run between its steps (a piece of about 64 kB of a large
 * file, or a small file): the server answers requests while it reads. Rejects with the signal's
 * reason when `signal` is aborted (a newer load replaces this one).
 */
export async function loadDataFolderAsync(dir: string, options: LoadOptions = {}, signal?: AbortSignal): Promise<CmsData> {
  const steps = loading(dir, options);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const step = steps.next();
      if (step.done) return step.value;
      await nextTurn();
    }
  } finally {
    // an aborted load closes the file it was reading
    steps.return(undefined as never);
  }
}

/** The work of loading a folder, yielding after each step. */
function* loading(dir: string, options: LoadOptions): Generator<void, CmsData> {
  const out: CmsData = { files: [], icd10: new Map(), rvu: new Map(), gpci: new Map(), ptp: new PtpTable(), mue: [] };
  const names = readdirSync(dir).sort();
  for (const name of names) {
    const path = join(dir, name);
    let head: string;
    try {
      if (!statSync(path).isFile()) continue;
      head = headOf(path, RECOGNISE_CHARS);
    } catch (e) {
      out.files.push({ path, rows: 0, unreadable: [{ line: 0, text: '', why: `cannot be read: ${(e as Error).message}` }] });
      continue;
    }
    const kind = recognise(name, head);
    const file: LoadedFile = { path, kind, rows: 0, unreadable: [] };
    out.files.push(file);
    if (!kind) continue;
    const opts = { fileName: name, year: options.year };
    try {
      if (kind === 'ptp') {
        // the one file of a million rows: read in pieces, straight into the packed table
        const reader = new PtpReader(out.ptp);
        for (const piece of piecesOf(path)) {
          reader.push(piece);
          yield;
        }
        Object.assign(file, reader.end());
        continue;
      }
      const text = decode(readFileSync(path)).replace(/^\uFEFF/, '');
      if (kind === 'icd10-order' || kind === 'icd10-codes') {
        const d = kind === 'icd10-order' ? readIcd10Order(text, opts) : readIcd10Codes(text, opts);
        Object.assign(file, { year: d.fiscalYear, rows: d.rows, unreadable: d.unreadable });
        const had = out.icd10.get(d.fiscalYear);
        if (!had) out.icd10.set(d.fiscalYear, d);
        else {
          const [keep, add] = kind === 'icd10-order' ? [d, had] : [had, d];
          for (const [code, entry] of add.codes) if (!keep.codes.has(code)) keep.codes.set(code, entry);
          out.icd10.set(d.fiscalYear, keep);
        }
      } else if (kind === 'rvu') {
        const d = readRvu(text, opts);
        Object.assign(file, { year: d.year, rows: d.rows, unreadable: d.unreadable });
        out.rvu.set(d.year, d);
      } else if (kind === 'gpci') {
        const d = readGpci(text, opts);
        Object.assign(file, { year: d.year, rows: d.rows, unreadable: d.unreadable });
        out.gpci.set(d.year, d);
      } else {
        const d = readMue(text, opts);
        Object.assign(file, { rows: d.rows, unreadable: d.unreadable, quarter: d.quarter });
        if (d.effective) file.year = Number(d.effective.slice(0, 4));
        out.mue.push(d);
      }
    } catch (e) {
      const why = e instanceof NoYearError ? `${e.message} (pass a year)` : (e as Error).message;
      file.unreadable.push({ line: 0, text: '', why });
    }
    yield;
  }
  return out;
}
