// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day.

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

const DAY_MS = 86400000;

/** Milliseconds of a UTC calendar date (month 0-based, overflow rolls over). Unlike `Date.UTC`,
 *  years 0 to 99 stay years 0 to 99 instead of becoming 1900 to 1999. */
function utc(y: number, m0: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m0, d);
  return t.getTime();
}

/** ISO dates have four-digit years; a window reaching past them is clamped (a huge `limit`
 *  or `interval` must not throw: `Date` ends about 275,000 years from 1970). */
export const EARLIEST_DATE = '0000-01-01';
export const LATEST_DATE = '9999-12-31';
const EARLIEST_MS = utc(0, 0, 1);
const LATEST_MS = utc(9999, 11, 31);

function toIso(t: number): string {
  if (Number.isNaN(t) || t < EARLIEST_MS) return EARLIEST_DATE;
  if (t > LATEST_MS) return LATEST_DATE;
  return new Date(t).toISOString().slice(0, 10);
}

export function dayNumber(iso: string): number {
  const [y, m, d] = parts(iso);
  return utc(y, m - 1, d) / DAY_MS;
}

export function daysBetween(earlier: string, later: string): number {
  return dayNumber(later) - dayNumber(earlier);
}

export function addDays(iso: string, n: number): string {
  return toIso((dayNumber(iso) + n) * DAY_MS);
}

/** The same day `n` months earlier, or the last day of that month when it has no such day;
 *  undefined when that is before year 0. */
function monthsEarlierOrNone(iso: string, n: number): string | undefined {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) - n;
  if (!Number.isFinite(total) || total < 0) return undefined;
  const ty = Math.floor(total / 12),
    tm = total % 12;
  const last = new Date(utc(ty, tm + 1, 0)).getUTCDate();
  return toIso(utc(ty, tm, Math.min(d, last)));
}

export interface Window {
  /** the first date inside the window */
  from: string;
  to: string;
}

/**
 * The rolling window of a `limit` ending on `date` (docs/LANGUAGE.md): `d days` is the d days
 * ending on the date, both ends included; `weeks` is 7d days; `months` is every date after
 * the same day d months earlier; `years` is 12d months.
 */
export function limitWindow(date: string, per: number, unit: 'days' | 'weeks' | 'months' | 'years'): Window {
  // every session of a workspace asks for the window of each limit: dates repeat, so the first
  // day of each (period, date) is remembered
  const period = `${per} ${unit}`;
  let firstDays = windowStarts.get(period);
  if (!firstDays) windowStarts.set(period, (firstDays = new Map()));
  let from = firstDays.get(date);
  if (from === undefined) {
    if (unit === 'days' || unit === 'weeks') from = addDays(date, -((unit === 'weeks' ? per * 7 : per) - 1));
    else {
      const before = monthsEarlierOrNone(date, unit === 'years' ? per * 12 : per);
      from = before === undefined ? EARLIEST_DATE : addDays(before, 1);
    }
    if (firstDays.size >= 100_000) firstDays.clear(); // bounded, whatever the dates
    firstDays.set(date, from);
  }
  return { from, to: date };
}

const windowStarts = new Map<string, Map<string, string>>();

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}
