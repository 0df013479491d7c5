// The ICD-10-CM code set a claim is judged by: that of the fiscal year of its date of service
// (FY N runs from 1 October of N-1 to 30 September of N). With CMS's files loaded
// (data/loaded.ts), the loaded set of that year; with none for that year, the nearest loaded or
// built-in year. Without loaded files, the built-in set.
import { fiscalYearOf, type Icd10Data } from './cms';
import {
  BillableCodes,
  ICD10CM_YEAR as BUILT_IN_YEAR_TEXT,
  icdStatus,
  nearestBillableChildren,
  oneEditAway,
  type IcdStatus,
} from './icd10';
import { loadedData } from './loaded';

export interface IcdSet {
  /** the fiscal year of the code set */
  year: number;
  /** where it comes from: the built-in FY set, or a file of the data folder */
  from: 'built in' | 'the data folder';
  /** the fiscal year of the date of service, when it differs from the set's */
  wanted?: number;
  status(code: string): IcdStatus;
  /** billable codes extending a header by the fewest characters */
  children(code: string, max: number): string[];
  /** billable codes one edit away */
  near(code: string, max: number): readonly string[];
  description(code: string): string | undefined;
}

const ICD10CM_YEAR = Number(BUILT_IN_YEAR_TEXT);

const BUILT_IN: Omit<IcdSet, 'wanted'> = {
  year: ICD10CM_YEAR,
  from: 'built in',
  status: icdStatus,
  children: nearestBillableChildren,
  near: oneEditAway,
  description: () => undefined,
};

/** One loaded year's set (its billable codes sorted and indexed once). */
const loadedSets = new WeakMap<Icd10Data, Omit<IcdSet, 'wanted'>>();
function setOf(data: Icd10Data): Omit<IcdSet, 'wanted'> {
  let s = loadedSets.get(data);
  if (s) return s;
  const billable = new BillableCodes([...data.codes].filter(([, c]) => c.billable).map(([k]) => k));
  s = {
    year: data.fiscalYear,
    from: 'the data folder',
    // a code the file lists as a header (flag 0) is one, even without billable children in it
    status: (code) => {
      const c = data.codes.get(code);
      if (c) return c.billable ? 'billable' : 'header';
      return billable.isHeader(code) ? 'header' : 'unknown';
    },
    children: (code, max) => billable.children(code, max),
    near: (code, max) => billable.near(code, max),
    description: (code) => data.codes.get(code)?.long || data.codes.get(code)?.short || undefined,
  };
  loadedSets.set(data, s);
  return s;
}

/** The code set for a date of service (the built-in one without a date or without loaded files). */
export function icdSetOn(iso: string | undefined): IcdSet {
  const loaded = loadedData().data?.icd10;
  if (!iso || !loaded?.size) return BUILT_IN;
  const wanted = fiscalYearOf(iso);
  const exact = loaded.get(wanted);
  if (exact) return setOf(exact);
  // the nearest loaded or built-in year (an earlier one on a tie: a code set in force before)
  const years = [...loaded.keys(), ICD10CM_YEAR].sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || a - b);
  const year = years[0];
  const chosen = year === ICD10CM_YEAR && !loaded.has(year) ? BUILT_IN : setOf(loaded.get(year)!);
  return { ...chosen, wanted };
}
