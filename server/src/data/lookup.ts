// Tables looked up with text a user wrote (a side, a keyword, a code): without a prototype, so
// that `constructor`, `__proto__` or `toString` find nothing rather than Object's own members.

/** A frozen copy of `entries` with no prototype: `table[key]` is an entry or undefined. */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
