// Pure helpers over the CMS data: the federal fiscal year of a date, and a fee schedule payment
// from RVUs, GPCIs and a conversion factor, computed in exact decimals and rounded to the cent,
// half up (half away from zero).

/** The federal fiscal year of an ISO date: FY N runs from 1 October of N-1 to 30 September of N. */
export function fiscalYearOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) throw new RangeError(`not an ISO date: ${iso}`);
  return mo >= 10 ? y + 1 : y;
}

export interface PaymentRvus {
  work?: number;
  peNonFacility?: number;
  peFacility?: number;
  mp?: number;
}

export interface PaymentGpcis {
  work: number;
  pe: number;
  mp: number;
}

// Exact decimals: a value is `n / 10^scale` with n a bigint.
interface Dec {
  n: bigint;
  scale: number;
}

function dec(x: number): Dec {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let s = String(x);
  if (/e/i.test(s)) s = x.toFixed(20).replace(/0+$/, '');
  const neg = s.startsWith('-');
  const [int, frac = ''] = s.replace(/^-/, '').split('.');
  const n = BigInt(int + frac);
  return { n: neg ? -n : n, scale: frac.length };
}

const pow10 = (k: number) => 10n ** BigInt(k);
const mul = (a: Dec, b: Dec): Dec => ({ n: a.n * b.n, scale: a.scale + b.scale });
function add(a: Dec, b: Dec): Dec {
  const scale = Math.max(a.scale, b.scale);
  return { n: a.n * pow10(scale - a.scale) + b.n * pow10(scale - b.scale), scale };
}

/** A decimal's text without trailing zeros. */
function text(d: Dec): string {
  const neg = d.n < 0n;
  const digits = (neg ? -d.n : d.n).toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** Cents of a decimal amount, half up (away from zero). */
function cents(d: Dec): number {
  const neg = d.n < 0n;
  const abs = neg ? -d.n : d.n;
  const scaled = abs * 100n; // still at d.scale
  const unit = pow10(d.scale);
  const whole = scaled / unit;
  const rest = scaled % unit;
  const rounded = rest * 2n >= unit ? whole + 1n : whole;
  return Number(neg ? -rounded : rounded);
}

function dollars(c: number): string {
  const neg = c < 0;
  const a = Math.abs(c);
  return `${neg ? '-' : ''}$${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * The payment for a code: (work RVU x work GPCI + PE RVU x PE GPCI + MP RVU x MP GPCI) x the
 * conversion factor, with the facility or non-facility PE RVU, rounded to the cent half up, and
 * the computation in words. Throws RangeError when an RVU it needs is missing.
 */
export function paymentOf(
  rvu: PaymentRvus,
  gpci: PaymentGpcis,
  cf: number,
  facility: boolean,
): { amountCents: number; computation: string } {
  const pe = facility ? rvu.peFacility : rvu.peNonFacility;
  const setting = facility ? 'facility' : 'non-facility';
  const need: [string, number | undefined][] = [
    ['work RVU', rvu.work],
    [`${setting} PE RVU`, pe],
    ['MP RVU', rvu.mp],
  ];
  const missing = need.filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0) throw new RangeError(`no ${missing.join(', ')}`);
  const parts: [string, number, number][] = [
    ['work', rvu.work!, gpci.work],
    [`${setting} PE`, pe!, gpci.pe],
    ['MP', rvu.mp!, gpci.mp],
  ];
  let sum: Dec = { n: 0n, scale: 0 };
  for (const [, r, g] of parts) sum = add(sum, mul(dec(r), dec(g)));
  const amount = mul(sum, dec(cf));
  const amountCents = cents(amount);
  const terms = parts.map(([what, r, g]) => `${what} ${text(dec(r))} x GPCI ${text(dec(g))}`).join(' + ');
  const computation =
    `${terms} = ${text(sum)} adjusted RVUs; ${text(sum)} x ${text(dec(cf))} = ${dollars(amountCents)} ` +
    `(${text(dec(cf))} the conversion factor; ${text(amount)} rounded half up to the cent)`;
  return { amountCents, computation };
}
