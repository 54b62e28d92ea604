// Regenerates docs/parity.md: node --import tsx test/parity/write-parity-doc.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixturesPresent, linterResults, scoreResults } from './harness.js';
import { renderParityMarkdown } from './render-doc.js';

if (!fixturesPresent) {
  process.stderr.write('peer fixtures not found under ../shared/conformance; cannot measure parity\n');
  process.exit(2);
}
const target = fileURLToPath(new URL('../../docs/parity.md', import.meta.url));
writeFileSync(target, renderParityMarkdown({ linter: linterResults(), score: scoreResults() }));
process.stdout.write(`wrote ${target}\n`);
