// Line access over a text without splitting it up front (lines are cut lazily, once).
import type { ScanSource } from './types.js';

export function makeSource(text: string, path: string): ScanSource {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const cache = new Map<number, string>();
  return {
    text,
    path,
    lineCount: starts.length,
    lineStart: (n) => starts[n - 1] ?? text.length,
    line(n) {
      let s = cache.get(n);
      if (s === undefined) {
        if (n < 1 || n > starts.length) return '';
        const end = n < starts.length ? starts[n] - 1 : text.length;
        s = text.slice(starts[n - 1], end > starts[n - 1] && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
        cache.set(n, s);
      }
      return s;
    },
    lineOf(offset) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    },
  };
}
