// Shared strings: one string per distinct short token and per muscle name, so that a syntax
// tree holds one copy of each repeated value.
import { detachedCopy } from './scanner';

/**
 * One string per distinct short token: codes, modifiers, dates, pointers, payers, units and
 * part keywords repeat from claim to claim, and a syntax tree kept one copy per token (two
 * thirds of its strings). A token's string is cut from its line and then exchanged for the one
 * kept, so the copy dies young and the tree holds one string per value. Longer strings are
 * slices of their line and are not kept here (they would keep the line's text alive). Bounded.
 */
const SHORT = 13;
const SLOTS = 4096;
/** Recent short token strings, direct-mapped by a cheap hash: a string that collides replaces the one kept. */
const tokenStrings: string[] = new Array<string>(SLOTS).fill('');
export function shared(s: string): string {
  const n = s.length;
  if (n >= SHORT || n < 2) return s; // (V8 shares one-character Latin-1 strings itself; others are rare)
  const slot =
    (Math.imul(n, 0x9e3779b1) ^
      Math.imul(s.charCodeAt(0), 31) ^
      Math.imul(s.charCodeAt(n - 1), 0x85ebca6b) ^
      Math.imul(s.charCodeAt(n >> 1), 0xc2b2ae35) ^
      (s.charCodeAt(1) << 7)) &
    (SLOTS - 1);
  const kept = tokenStrings[slot];
  if (kept === s) return kept;
  tokenStrings[slot] = s;
  return s;
}

/**
 * One string per distinct muscle name: the catalogue is looked up by name many times a claim,
 * and a string seen before is found at once (its hash kept, compared by identity). Names are
 * kept as copies that share no memory with a document's text; bounded.
 */
const names = new Map<string, string>();
export function sharedName(name: string): string {
  let kept = names.get(name);
  if (kept === undefined) {
    if (names.size >= 10000) names.clear();
    kept = detachedCopy(name);
    names.set(kept, kept);
  }
  return kept;
}
