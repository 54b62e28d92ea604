// The app under test, running as `npm start` runs it (Probot's server) and pointed at a fake
// GitHub through GHE_HOST, with a fresh app key pair and webhook secret.
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, sep } from 'node:path';
import { Writable } from 'node:stream';
import { Probot, type Server } from 'probot';
import type { GitHubClient } from '../../../src/github/client.js';
import { appLogger } from '../../../src/app/logger.js';
import { startServer } from '../../../src/app/server.js';
import { FakeGitHub, type FakeGitHubOptions } from './server.js';
import { deliver, type Delivery } from './webhooks.js';

export const APP_ID = 4711;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Every file under `dir` as repo-relative path → text. */
export function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out[relative(dir, abs).split(sep).join('/')] = readFileSync(abs, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export interface AppUnderTest {
  fake: FakeGitHub;
  server: Server;
  webhookUrl: string;
  secret: string;
  privateKey: string;
  /** Every log line the app wrote (JSON). */
  logs: string[];
  send(event: string, payload: unknown, deliveryId?: string, signature?: string): Promise<Delivery>;
  stop(): Promise<void>;
}

export async function startAppAgainstFake(options: Partial<FakeGitHubOptions> = {}): Promise<AppUnderTest> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const fake = new FakeGitHub({ appId: APP_ID, appPublicKey: publicKey, ...options });
  await fake.start();
  const secret = `whsec-${Math.random().toString(36).slice(2)}`;
  const port = await freePort();
  const logs: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { logs.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_ID: String(APP_ID), PRIVATE_KEY: privateKey, WEBHOOK_SECRET: secret, PORT: String(port), HOST: '127.0.0.1',
    GHE_HOST: fake.host, GHE_PROTOCOL: 'http', LOG_LEVEL: (process.env.E2E_LOG_LEVEL ?? 'debug') as NodeJS.ProcessEnv['LOG_LEVEL'], NODE_ENV: 'test',
  };
  const server = await startServer(env, appLogger(env, sink));
  const webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  return {
    fake, server, webhookUrl, secret, privateKey, logs,
    send: (event, payload, deliveryId, signature) => deliver(webhookUrl, secret, event, payload, deliveryId, signature),
    stop: async () => {
      await server.stop();
      await fake.stop();
    },
  };
}

/** Polls until `predicate` holds (the app may answer a webhook before it is done, after 9 s). */
export async function until(predicate: () => boolean, timeoutMs = 60_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A fake GitHub and an installation-authenticated Probot Octokit talking to it (no app server). */
export async function fakeWithClient(options: Partial<FakeGitHubOptions> = {}): Promise<{ fake: FakeGitHub; octokit: GitHubClient; stop: () => Promise<void> }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const fake = new FakeGitHub({ appId: APP_ID, appPublicKey: publicKey, ...options });
  await fake.start();
  const probot = new Probot({ appId: APP_ID, privateKey, baseUrl: `${fake.origin}/api/v3`, log: appLogger({ LOG_LEVEL: 'silent' }) });
  const octokit = (await probot.auth(fake.installationId)) as GitHubClient;
  return { fake, octokit, stop: () => fake.stop() };
}
