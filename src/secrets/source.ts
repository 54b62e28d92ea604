// Line access over a text without splitting it up front (lines are cut lazily; the last one cut is
// kept, since several detectors read the same line in a row).
import type { ScanSource } from './types.js';

export function makeSource(text: string, path: string): ScanSource {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  let lastN = 0;
  let lastLine = '';
  return {
    text,
    path,
    lineCount: starts.length,
    lineStart: (n) => starts[n - 1] ?? text.length,
    line(n) {
      if (n === lastN) return lastLine;
      if (n < 1 || n > starts.length) return '';
      const end = n < starts.length ? starts[n] - 1 : text.length;
      lastLine = text.slice(starts[n - 1], end > starts[n - 1] && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      lastN = n;
      return lastLine;
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
