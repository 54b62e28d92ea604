// Runs a packaged Lambda handler the way the Lambda runtime does: a fresh Node process imports the
// bundle and calls `handler(event, context)`. Plain JavaScript on purpose: no loader hooks between
// Node and the bundle, and nothing of the project's node_modules in reach of it.
//   node invoke-handler.mjs BUNDLE.mjs EVENTS.json RESULT.json
// EVENTS.json holds a list of events, invoked in order on the same (warm) module.
// INVOKE_REMAINING_MS: the time budget the fake context reports.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventsFile, resultFile] = process.argv.slice(2);
const budget = Number(process.env.INVOKE_REMAINING_MS ?? 10_000);
const results = [];
try {
  const { handler } = await import(pathToFileURL(bundle).href);
  for (const event of JSON.parse(readFileSync(eventsFile, 'utf8'))) {
    const started = Date.now();
    const context = { awsRequestId: `req-${results.length + 1}`, getRemainingTimeInMillis: () => budget - (Date.now() - started) };
    results.push({ ok: true, value: await handler(event, context) });
  }
} catch (error) {
  results.push({ ok: false, error: String(error?.stack ?? error) });
}
writeFileSync(resultFile, JSON.stringify({ results }));
process.exit(0);
