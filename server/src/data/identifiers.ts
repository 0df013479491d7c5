// Billing identifiers: NPI, MBI, NDC, EIN (docs/reference.md, "Billing identifiers").

/** NPI check digit: Luhn over `80840` + the first nine digits. */
export function npiCheckDigitValid(npi: string): boolean {
  if (npi.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = npi.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  // Luhn from the right over 80840 and the first nine digits: the ninth digit is doubled first
  const digits = '80840' + npi.slice(0, 9);
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === npi.charCodeAt(9) - 48;
}

const MBI_LETTER = /^[AC-HJKMNP-RT-Y]$/;
const MBI_DIGIT = /^[0-9]$/;

/**
 * A Medicare Beneficiary Identifier: 11 characters once hyphens are removed; position 1 a digit
 * 1-9, 4, 7, 10 and 11 digits, 2, 5, 8 and 9 letters, 3 and 6 a letter or a digit; never the
 * letters S, L, O, I, B or Z. Case is ignored. (CMS, "Understanding the Medicare Beneficiary
 * Identifier (MBI) Format")
 */
export function isMbi(text: string): boolean {
  const id = text.replace(/-/g, '').toUpperCase();
  if (id.length !== 11) return false;
  for (let i = 0; i < 11; i++) {
    const c = id[i];
    const p = i + 1;
    if (p === 1) {
      if (!/^[1-9]$/.test(c)) return false;
    } else if (p === 4 || p === 7 || p === 10 || p === 11) {
      if (!MBI_DIGIT.test(c)) return false;
    } else if (p === 2 || p === 5 || p === 8 || p === 9) {
      if (!MBI_LETTER.test(c)) return false;
    } else if (!MBI_DIGIT.test(c) && !MBI_LETTER.test(c)) return false;
  }
  return true;
}

/** What an NDC as written is: sendable as 11 digits, a bare 10-digit one (its form unknown), or malformed. */
export type NdcForm = { kind: 'ndc11'; ndc11: string } | { kind: 'bare10' } | { kind: 'malformed' };

/**
 * An NDC as written on a drug line: 11 digits bare or 5-4-2, or a 10-digit one with its
 * hyphens (4-4-2, 5-3-2, 5-4-1), sent as 11 digits with a leading zero in front of the short
 * segment. A 10-digit NDC without hyphens cannot be converted. (FDA NDC directory; CMS and
 * NUCC NDC billing guidance)
 */
export function ndcForm(text: string): NdcForm {
  if (/^\d{11}$/.test(text)) return { kind: 'ndc11', ndc11: text };
  if (/^\d{10}$/.test(text)) return { kind: 'bare10' };
  const m = /^(\d+)-(\d+)-(\d+)$/.exec(text);
  if (!m) return { kind: 'malformed' };
  const [a, b, c] = [m[1], m[2], m[3]];
  const shape = `${a.length}-${b.length}-${c.length}`;
  switch (shape) {
    case '5-4-2':
      return { kind: 'ndc11', ndc11: a + b + c };
    case '4-4-2':
      return { kind: 'ndc11', ndc11: '0' + a + b + c };
    case '5-3-2':
      return { kind: 'ndc11', ndc11: a + '0' + b + c };
    case '5-4-1':
      return { kind: 'ndc11', ndc11: a + b + '0' + c };
    default:
      return { kind: 'malformed' };
  }
}

/** A federal tax id (EIN): 9 digits, optionally written NN-NNNNNNN. Returns the 9 digits. */
export function einDigits(text: string): string | undefined {
  const m = /^(\d{2})-?(\d{7})$/.exec(text);
  return m ? m[1] + m[2] : undefined;
}
