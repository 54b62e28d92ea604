// Shannon entropy in bits per character.

// Counts per UTF-16 code unit, reused across calls (zeroed again after each), and the code units
// in the order they first occur: the terms are summed in that order, as over a Map of counts.
const counts = new Int32Array(65536);
let seen = new Uint16Array(256);

export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  let distinct = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (counts[c]++ === 0) {
      if (distinct === seen.length) {
        const grown = new Uint16Array(seen.length * 2);
        grown.set(seen);
        seen = grown;
      }
      seen[distinct++] = c;
    }
  }
  let h = 0;
  for (let k = 0; k < distinct; k++) {
    const c = seen[k];
    const p = counts[c] / s.length;
    counts[c] = 0;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Number of character classes present: lower, upper, digit, other. */
export function charClasses(s: string): number {
  return Number(/[a-z]/.test(s)) + Number(/[A-Z]/.test(s)) + Number(/[0-9]/.test(s)) + Number(/[^A-Za-z0-9]/.test(s));
}
