// Runs a packaged Lambda handler the way the Lambda runtime does — a fresh Node process importing
// the bundle — with the AWS SDK stubbed at its boundary (aws-sdk-client-mock), as the runtime's
// own SDK would be used. Plain JavaScript on purpose: no loader hooks between Node and the bundle.
//   node invoke-handler.mjs BUNDLE.mjs EVENTS.json RESULT.json
// EVENTS.json holds a list of events, invoked in order on the same (warm) module.
// MOCK_SSM_PARAMETERS: JSON object of SSM parameter name → value. INVOKE_REMAINING_MS: the budget
// the fake context reports.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { mockClient } from 'aws-sdk-client-mock';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';

const [bundle, eventsFile, resultFile] = process.argv.slice(2);
const parameters = JSON.parse(process.env.MOCK_SSM_PARAMETERS ?? '{}');
const ssm = mockClient(SSMClient);
ssm.on(GetParametersCommand).callsFake((input) => ({
  Parameters: input.Names.filter((n) => n in parameters).map((n) => ({ Name: n, Type: 'SecureString', Value: parameters[n] })),
  InvalidParameters: input.Names.filter((n) => !(n in parameters)),
}));
const sqs = mockClient(SQSClient);
let sent = 0;
sqs.on(SendMessageCommand).callsFake(() => ({ MessageId: `message-${++sent}` }));

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
writeFileSync(
  resultFile,
  JSON.stringify({
    results,
    sqsSendMessage: sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input),
    ssmGetParameters: ssm.commandCalls(GetParametersCommand).map((c) => c.args[0].input),
  }),
);
process.exit(0);
