// Fingerprint keys for list elements that have no name: a rule keys each on what it says (a
// topology key, an API group, a selector), and this numbers the ones alike in that, in order, so
// inserting or removing an unrelated element leaves the others' fingerprints as they were.

/** Returns a function giving `base` the first time it sees it, then `base#1`, `base#2`… */
export function occurrenceKeys(): (base: string) => string {
  const seen = new Map<string, number>();
  return (base) => {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  };
}
