// Line access over a text without splitting it up front (lines are cut lazily; the last one cut is
// kept, since several detectors read the same line in a row).
import type { ScanSource } from './types.js';

export function makeSource(text: string, path: string): ScanSource {
  let starts = new Int32Array(Math.max(16, (text.length >> 5) + 1));
  let count = 1; // starts[0] = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (count === starts.length) {
      const grown = new Int32Array(count * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = i + 1;
  }
  let lastN = 0;
  let lastLine = '';
  return {
    text,
    path,
    lineCount: count,
    lineStart: (n) => (n >= 1 && n <= count ? (starts[n - 1] ?? text.length) : text.length),
    line(n) {
      if (n === lastN) return lastLine;
      if (n < 1 || n > count) return '';
      const start = starts[n - 1];
      const end = n < count ? starts[n] - 1 : text.length;
      lastLine = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      lastN = n;
      return lastLine;
    },
    lineOf(offset) {
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    },
  };
}
