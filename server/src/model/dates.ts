// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day.

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function toIso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function dayNumber(iso: string): number {
  const [y, m, d] = parts(iso);
  return Date.UTC(y, m - 1, d) / 86400000;
}

export function daysBetween(earlier: string, later: string): number {
  return dayNumber(later) - dayNumber(earlier);
}

export function addDays(iso: string, n: number): string {
  return toIso((dayNumber(iso) + n) * 86400000);
}

/** The same day `n` months earlier, or the last day of that month when it has no such day. */
export function monthsEarlier(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) - n;
  const ty = Math.floor(total / 12), tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return toIso(Date.UTC(ty, tm, Math.min(d, last)));
}

export interface Window {
  /** the first date inside the window */
  from: string;
  to: string;
}

/**
 * The rolling window of a `limit` ending on `date` (LANGUAGE.md): `d days` is the d days
 * ending on the date, both ends included; `weeks` is 7d days; `months` is every date after
 * the same day d months earlier; `years` is 12d months.
 */
export function limitWindow(date: string, per: number, unit: 'days' | 'weeks' | 'months' | 'years'): Window {
  if (unit === 'days' || unit === 'weeks') return { from: addDays(date, -((unit === 'weeks' ? per * 7 : per) - 1)), to: date };
  const months = unit === 'years' ? per * 12 : per;
  return { from: addDays(monthsEarlier(date, months), 1), to: date };
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}
