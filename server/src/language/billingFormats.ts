// The written forms of the billing-details lines (docs/LANGUAGE.md, "Billing details"): a
// charge, an address, a phone number, a member id, a taxonomy code, a locality. Pure functions
// of the text; the line parser reports what they reject as syntax errors.

/** A value read from its text, or why it cannot be. */
export type Read<T> = { ok: true; value: T } | { ok: false; why: string };

const fail = (why: string): { ok: false; why: string } => ({ ok: false, why });

/**
 * A line's `charge` in cents: digits, an optional decimal part of one or two digits, an
 * optional leading `$`; more than zero. `1,500` never reaches here whole (commas split parts).
 */
export function readCharge(text: string): Read<number> {
  const m = /^\$?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) {
    if (/^\$?\d*\.\d{3,}$/.test(text)) return fail('a charge has at most two decimals (cents)');
    if (/^\$?\.\d+$/.test(text)) return fail('write a leading zero before the decimal point (0.50)');
    return fail('a charge is an amount in dollars, such as 150 or $150.00');
  }
  if (m[1].length > 9) return fail('a charge is at most 999,999,999 dollars');
  const cents = Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
  if (cents === 0) return fail('a charge must be more than zero');
  return { ok: true, value: cents };
}

export interface AddressParts {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  /** 5 or 9 digits, no hyphen */
  zip: string;
}

/** `line1[, line2], city, ST ZIP`: every part non-empty, the state two letters, the ZIP 5 or 9 digits. */
export function readAddress(text: string): Read<AddressParts> {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length < 3 || parts.length > 4)
    return fail(
      parts.length > 4
        ? 'an address has at most two address lines: `line1[, line2], city, ST ZIP`'
        : 'an address reads `line1[, line2], city, ST ZIP`, separated by commas',
    );
  if (parts.some((p) => p === '')) return fail('an address part is empty: `line1[, line2], city, ST ZIP`');
  const last = /^([A-Za-z]{2})\s+(\d{5})(?:-?(\d{4}))?$/.exec(parts[parts.length - 1]);
  if (!last) return fail('an address ends with the two-letter state and a 5- or 9-digit ZIP code (CA 90001 or CA 90001-1234)');
  return {
    ok: true,
    value: {
      line1: parts[0],
      line2: parts.length === 4 ? parts[1] : undefined,
      city: parts[parts.length - 2],
      state: last[1].toUpperCase(),
      zip: last[2] + (last[3] ?? ''),
    },
  };
}

/** A phone number's 10 digits, written with any spaces, hyphens, dots and parentheses. */
export function readPhone(text: string): Read<string> {
  if (/[^\d\s\-.()]/.test(text)) return fail('a phone number is digits with spaces, hyphens, dots or parentheses');
  const digits = text.replace(/[\s\-.()]/g, '');
  if (digits.length !== 10) return fail(`a phone number has exactly 10 digits (no leading 1); this one has ${digits.length}`);
  return { ok: true, value: digits };
}

/** A member id: letters, digits and hyphens, 2 to 30 characters counting the hyphens. */
export function readMember(text: string): Read<string> {
  if (!/^[A-Za-z0-9-]{2,30}$/.test(text) || !/[A-Za-z0-9]/.test(text)) return fail('a member id is 2 to 30 letters, digits and hyphens');
  return { ok: true, value: text };
}

/** The member id as it is sent: hyphens left out, upper case. */
export function memberAsSent(text: string): string {
  return text.replace(/-/g, '').toUpperCase();
}

/** A provider taxonomy code: 10 letters and digits, the last an X. */
export function readTaxonomy(text: string): Read<string> {
  if (!/^[A-Za-z0-9]{9}[Xx]$/.test(text)) return fail('a taxonomy code is 10 letters and digits ending in X, such as 208VP0014X');
  return { ok: true, value: text.toUpperCase() };
}

/** A payer's electronic id (`payer-id`): letters and digits, 2 to 80. */
export function readPayerId(text: string): Read<string> {
  if (!/^[A-Za-z0-9]{2,80}$/.test(text)) return fail('a payer id is 2 to 80 letters and digits');
  return { ok: true, value: text };
}

/** A payer's claim number (`replaces`): letters and digits, 1 to 50. */
export function readPayerClaimNumber(text: string): Read<string> {
  if (!/^[A-Za-z0-9]{1,50}$/.test(text)) return fail("a payer's claim number is 1 to 50 letters and digits");
  return { ok: true, value: text };
}

/** Whether an address's first line is a post office box (`PO Box`, `P.O. Box`, `Post Office Box`, any case). */
export function isPostOfficeBox(line1: string): boolean {
  return /^\s*(p\.?\s*o\.?|post\s+office)\s*box\b/i.test(line1);
}
