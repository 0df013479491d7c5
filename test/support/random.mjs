// A seeded pseudo-random source, shared by the fuzzer and the benchmark's data generator: the
// same seed always gives the same sequence, so a fuzz failure or a data set can be made again.

/**
 * mulberry32: a small, fast 32-bit PRNG, numbers in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The choices both users make from a source of numbers in [0, 1).
 * @param {() => number} next
 */
export function choices(next) {
  return {
    next,
    /** true with probability p @param {number} p */
    chance: (p) => next() < p,
    /** @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => list[Math.floor(next() * list.length)],
    /**
     * One of [weight, value] pairs, by weight.
     * @param {readonly (readonly any[])[]} pairs @returns {any}
     */
    weighted(pairs) {
      let total = 0;
      for (const [w] of pairs) total += w;
      let x = next() * total;
      for (const [w, v] of pairs) {
        if ((x -= w) < 0) return v;
      }
      return pairs[pairs.length - 1][1];
    },
  };
}
