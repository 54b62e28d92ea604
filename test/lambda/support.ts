// Test helpers for the Lambda packaging (scripts/package-lambda.ts does the packaging): unpack a
// function's zip as the Lambda runtime would see it, and invoke its handler in a fresh process.
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { credentialFreeEnv, packageInScratch, removeScratchDirs, repoRoot, scratchDir, type ScratchPackage } from '../../scripts/package-lambda.js';

export { removeScratchDirs, repoRoot, scratchDir };
export type Packaged = ScratchPackage;
export const packageService = packageInScratch;

export function zipEntries(zipPath: string): Promise<string[]> {
  return new Promise((ok, fail) =>
    yauzl.open(zipPath, { lazyEntries: false, autoClose: true }, (err, zip) => {
      if (err || !zip) return fail(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => names.push(e.fileName));
      zip.on('end', () => ok(names));
      zip.on('error', fail);
    }),
  );
}

async function unzip(zipPath: string, dest: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) => yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (e, z) => (e || !z ? fail(e) : ok(z))));
  await new Promise<void>((ok, fail) => {
    zip.on('end', () => ok());
    zip.on('error', fail);
    zip.on('entry', (entry: yauzl.Entry) => {
      const target = resolve(dest, entry.fileName);
      if (!target.startsWith(dest + sep)) return fail(new Error(`zip entry escapes: ${entry.fileName}`));
      if (entry.fileName.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        return zip.readEntry();
      }
      mkdirSync(dirname(target), { recursive: true });
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return fail(e);
        pipeline(stream, createWriteStream(target)).then(() => zip.readEntry(), fail);
      });
    });
    zip.readEntry();
  });
}

/** Unpacks a function zip into a fresh /var/task look-alike, with no node_modules anywhere near it. */
export async function unpackFunction(zipPath: string): Promise<string> {
  const task = scratchDir('task');
  await unzip(zipPath, task);
  return task;
}

export interface Invocation {
  results: { ok: boolean; value?: any; error?: string }[];
  stdout: string;
}

/**
 * Imports the handler `module` of an unpacked task in a fresh Node process and invokes it once per
 * event. Asynchronous, so that servers of the calling test (fake AWS, fake GitHub) keep answering.
 */
export async function invoke(task: string, module: string, events: unknown[], opts: { env: Record<string, string>; remainingMs?: number }): Promise<Invocation> {
  const work = scratchDir('invoke');
  const eventsFile = join(work, 'events.json');
  const resultFile = join(work, 'result.json');
  writeFileSync(eventsFile, JSON.stringify(events));
  const env = credentialFreeEnv({ ...opts.env, INVOKE_REMAINING_MS: String(opts.remainingMs ?? 10_000) });
  const child = spawn(process.execPath, [join(repoRoot, 'test/lambda/invoke-handler.mjs'), join(task, module), eventsFile, resultFile], { cwd: task, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
  const code = await new Promise<number | null>((ok) => child.on('close', ok));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`handler process exited ${code}\n${stdout}\n${stderr}`);
  return { ...JSON.parse(readFileSync(resultFile, 'utf8')), stdout };
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** An API Gateway HTTP API (payload 2.0) event for a POST to the webhook path. */
export function httpApiEvent(headers: Record<string, string>, body: string, base64 = true): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: 'POST /api/github/webhooks',
    rawPath: '/api/github/webhooks',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'GitHub-Hookshot/test', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'test',
      domainName: 'test.execute-api.us-east-1.amazonaws.com',
      http: { method: 'POST', path: '/api/github/webhooks', protocol: 'HTTP/1.1', sourceIp: '192.30.252.1', userAgent: 'GitHub-Hookshot/test' },
      requestId: 'req',
      routeKey: 'POST /api/github/webhooks',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: base64,
  };
}

/** An SQS event as the Lambda event source mapping delivers it. */
export function sqsEvent(bodies: string[], queueArn = 'arn:aws:sqs:us-east-1:123456789012:gitops-guard-ReviewQueue'): Record<string, unknown> {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      receiptHandle: `receipt-${i + 1}`,
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'AROA', ApproximateFirstReceiveTimestamp: String(Date.now()) },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-east-1',
    })),
  };
}
