// A small reader of delimited text (RFC 4180: quoted fields, doubled quotes inside them, a
// delimiter or a line break inside quotes, CRLF, LF or CR line ends) for the CMS files. No CSV
// parser is a dependency of the project (csv-parse and papaparse are not installed), so this is
// it. It never throws: a field whose quotes never close is reported with the line it starts on.

/** One record of a delimited file: its cells, the 1-based line it starts on and its source text. */
export interface Row {
  line: number;
  cells: string[];
  text: string;
}

/** A row that could not be read: its 1-based line, its text and why. */
export interface Unreadable {
  line: number;
  text: string;
  why: string;
}

/** The records of `text` split on `delimiter`, and the records whose quotes never close. */
export function readRows(text: string, delimiter: string): { rows: Row[]; problems: Unreadable[] } {
  const rows: Row[] = [];
  const problems: Unreadable[] = [];
  const src = text.replace(/^\uFEFF/, '');
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const start = i;
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false; // inside a quoted field
    let ended = false;
    let atFieldStart = true;
    while (i < src.length && !ended) {
      const c = src[i];
      if (quoted) {
        if (c === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
          cell += c;
          i++;
        }
      } else if (c === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
        i++;
      } else if (c === delimiter) {
        cells.push(cell);
        cell = '';
        atFieldStart = true;
        i++;
      } else if (c === '\r' || c === '\n') {
        i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
        line++;
        ended = true;
      } else {
        cell += c;
        atFieldStart = false;
        i++;
      }
    }
    cells.push(cell);
    const raw = src.slice(start, i).replace(/\r?\n$|\r$/, '');
    if (quoted) problems.push({ line: startLine, text: raw, why: 'a quoted field is not closed before the end of the file' });
    else rows.push({ line: startLine, cells, text: raw });
  }
  return { rows, problems };
}

/** A tab when the first lines of `text` are split by tabs, else a comma. */
export function sniffDelimiter(text: string): '\t' | ',' {
  const lines = text.split(/\r\n|\n|\r/, 60);
  let tabs = 0;
  let commas = 0;
  for (const l of lines) {
    tabs += (l.match(/\t/g) ?? []).length;
    commas += (l.match(/,/g) ?? []).length;
  }
  return tabs > 0 && tabs >= commas / 2 ? '\t' : ',';
}

/** A header text for comparison: case and spacing ignored. */
export function norm(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/\s+/g, '');
}

/** Whether every cell of a row is empty or white space. */
export function isBlank(row: Row): boolean {
  return row.cells.every((c) => c.trim() === '');
}

/** The column names of a header spread over several rows: each column's non-empty cells, top to bottom, joined by a space. */
export function joinHeader(rows: Row[]): string[] {
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  const names: string[] = [];
  for (let c = 0; c < width; c++) {
    names.push(
      rows
        .map((r) => (r.cells[c] ?? '').trim())
        .filter((s) => s !== '')
        .join(' '),
    );
  }
  return names;
}

/** The index of the first column whose normalised name passes `test`, or -1. */
export function findColumn(names: string[], test: (n: string) => boolean): number {
  return names.findIndex((n) => test(norm(n)));
}

/** A decimal number cell: undefined when empty, NaN when it is not a number. */
export function decimal(cell: string | undefined): number | undefined {
  const s = (cell ?? '').trim();
  if (s === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
}

/** A calendar date YYYYMMDD as ISO YYYY-MM-DD, or undefined when it is not one. */
export function isoOfCompact(s: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Where a year came from. */
export type YearSource = 'file name' | 'header' | 'caller';

/** Raised when a file gives no year and the caller gave none (a file-level problem, never a row's). */
export class NoYearError extends Error {}
