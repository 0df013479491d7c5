// The ICD-10-CM files CMS publishes each fiscal year: the order file (icd10cm_order_YYYY.txt,
// fixed width: order number in columns 1-5, the code without its dot in 7-13, 0 for a header or
// 1 for a billable code in 15, the short description in 17-76, the long one from 78) and the
// plain codes file (icd10cm_codes_YYYY.txt: a billable code, white space, its description; the
// description may be missing, as in a list of codes only). The fiscal year is the file name's
// four-digit year when it has one, else the caller's.
import { NoYearError, type Unreadable, type YearSource } from './csv';

export interface Icd10Code {
  billable: boolean;
  /** The order file's short description (the codes file has none). */
  short?: string;
  /** The long description ('' when a codes file line has none). */
  long: string;
}

export interface Icd10Data {
  fiscalYear: number;
  /** Whether the fiscal year came from the file name or from the caller. */
  yearFrom: YearSource;
  /** By code without its dot, upper case. */
  codes: Map<string, Icd10Code>;
  rows: number;
  unreadable: Unreadable[];
}

export interface YearOptions {
  /** The file's name (its year wins over `year`). */
  fileName?: string;
  /** The year to use when the file name has none. */
  year?: number;
}

const ORDER_LINE = /^\d{5} [A-Z0-9]{3,7} {0,4} [01] /;
const CODE_LINE = /^([A-Z][0-9][A-Z0-9]{1,5})(?:\s+(\S.*))?$/;

/** Whether a line looks like an order file line. */
export function isOrderLine(line: string): boolean {
  return ORDER_LINE.test(line);
}

/** Whether a line looks like a codes file line (a code, then optionally white space and a description). */
export function isCodesLine(line: string): boolean {
  return CODE_LINE.test(line.trimEnd());
}

/** The four-digit year (1990-2099) in a file name, if any. */
export function yearInName(name: string | undefined): number | undefined {
  const m = /(?:^|[^0-9])((?:19|20)\d\d)(?![0-9])/.exec((name ?? '').replace(/^.*[\\/]/, ''));
  return m ? Number(m[1]) : undefined;
}

function yearOf(opts: YearOptions): { year: number; from: YearSource } {
  const named = yearInName(opts.fileName);
  if (named !== undefined) return { year: named, from: 'file name' };
  if (opts.year !== undefined) return { year: opts.year, from: 'caller' };
  throw new NoYearError('no fiscal year in the file name and none given');
}

function lines(text: string): string[] {
  const all = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  return all;
}

/** An ICD-10-CM order file. Throws NoYearError only when neither the name nor the caller gives a year. */
export function readIcd10Order(text: string, opts: YearOptions = {}): Icd10Data {
  const { year, from } = yearOf(opts);
  const codes = new Map<string, Icd10Code>();
  const unreadable: Unreadable[] = [];
  let rows = 0;
  lines(text).forEach((l, i) => {
    if (l.trim() === '') return;
    const bad = (why: string) => unreadable.push({ line: i + 1, text: l, why });
    if (!/^\d{5} /.test(l)) return bad('columns 1-5 are not an order number followed by a space');
    const code = l.slice(6, 13).trim().toUpperCase();
    if (!/^[A-Z][0-9][A-Z0-9]{1,5}$/.test(code)) return bad(`columns 7-13 are not an ICD-10-CM code without its dot: "${l.slice(6, 13)}"`);
    const flag = l[14];
    if (flag !== '0' && flag !== '1') return bad(`column 15 is "${flag ?? ''}", not 0 (header) or 1 (billable)`);
    const short = l.slice(16, 76).trim();
    const long = l.slice(77).trim();
    if (long === '') return bad('no long description from column 78');
    if (codes.has(code)) return bad(`${code} is listed twice (the first is kept)`);
    codes.set(code, { billable: flag === '1', short, long });
    rows++;
  });
  return { fiscalYear: year, yearFrom: from, codes, rows, unreadable };
}

/** An ICD-10-CM codes file (every code in it is billable). Throws NoYearError only when no year is known. */
export function readIcd10Codes(text: string, opts: YearOptions = {}): Icd10Data {
  const { year, from } = yearOf(opts);
  const codes = new Map<string, Icd10Code>();
  const unreadable: Unreadable[] = [];
  let rows = 0;
  lines(text).forEach((l, i) => {
    if (l.trim() === '') return;
    const m = CODE_LINE.exec(l.trimEnd());
    if (!m)
      return unreadable.push({ line: i + 1, text: l, why: 'not an ICD-10-CM code without its dot, then white space and a description' });
    const code = m[1];
    if (codes.has(code)) return unreadable.push({ line: i + 1, text: l, why: `${code} is listed twice (the first is kept)` });
    codes.set(code, { billable: true, long: (m[2] ?? '').trim() });
    rows++;
  });
  return { fiscalYear: year, yearFrom: from, codes, rows, unreadable };
}
