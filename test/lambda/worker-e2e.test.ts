// The packaged functions end to end: a signed pull_request delivery through the zipped webhooks
// handler, its SQS message through the zipped worker, against the fake GitHub (a real git repo,
// every request body checked against GitHub's OpenAPI description).
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmBinary, kubectlBinary } from '../../src/render/binaries.js';
import { filesUnder } from '../support/fake-github/harness.js';
import { FakeGitHub } from '../support/fake-github/server.js';
import { pullRequestEvent } from '../support/fake-github/webhooks.js';
import { FakeAws } from './fake-aws.js';
import { httpApiEvent, invoke, packageService, removeScratchDirs, sign, sqsEvent, unpackFunction, type Packaged } from './support.js';

let pkg: Packaged;
beforeAll(() => {
  pkg = packageService();
}, 180_000);
afterAll(() => removeScratchDirs());

describe('packaged handlers against the fake GitHub', () => {
  it('webhooks enqueue a job from a signed pull_request; the worker, given that SQS message (twice), posts the check run and the review once', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const fake = new FakeGitHub({ appId: 4711, appPublicKey: publicKey });
    await fake.start();
    try {
      const root = process.cwd();
      fake.git.commit({ ...filesUnder(`${root}/examples/floe-gitops/base`), '.github/gitops-guard.yml': 'failOn: high\n' }, 'base');
      fake.git.checkoutNew('pr', 'main');
      fake.git.commit(filesUnder(`${root}/examples/floe-gitops/pr`), 'pr');
      const pull = fake.openPull('pr');
      const secret = 'e2e-webhook-secret';
      // The key stored on one line with literal \n, as a pasted PEM often is.
      const aws = new FakeAws({ '/gg/e2e/private-key': privateKey.replace(/\n/g, '\\n'), '/gg/e2e/webhook-secret': secret });
      await aws.start();
      const env = {
        APP_ID: '4711',
        PRIVATE_KEY_PARAMETER: '/gg/e2e/private-key',
        WEBHOOK_SECRET_PARAMETER: '/gg/e2e/webhook-secret',
        REVIEW_QUEUE_URL: aws.queueUrl(),
        GHE_HOST: fake.host,
        GHE_PROTOCOL: 'http',
        LOG_LEVEL: 'info',
        ...aws.env,
      };
      const payload = JSON.stringify(pullRequestEvent(fake, pull, 'opened'));
      const delivery = { 'x-github-delivery': 'e2e-delivery-1', 'x-github-event': 'pull_request', 'x-hub-signature-256': sign(secret, payload) };
      const received = await invoke(await unpackFunction(pkg.zip('webhooks')), 'build/lambda/webhooks.mjs', [httpApiEvent(delivery, payload)], { env });
      expect(received.results[0].value?.statusCode).toBe(200);
      expect(aws.sent()).toHaveLength(1);
      expect(fake.checkRuns).toEqual([]); // the receiver only enqueues

      // The layer's binaries, where the worker finds them through HELM_BIN / KUBECTL_BIN.
      const workerEnv = { ...env, HELM_BIN: await helmBinary(), KUBECTL_BIN: await kubectlBinary() };
      const event = sqsEvent([aws.sent()[0].MessageBody]);
      // SQS delivers at least once: the same message a second time (in the same warm environment)
      // must not review again.
      const worked = await invoke(await unpackFunction(pkg.zip('worker')), 'build/lambda/worker.mjs', [event, event], { env: workerEnv, remainingMs: 240_000 }).finally(() => aws.stop());
      expect(worked.results, worked.stdout).toMatchObject([
        { ok: true, value: { batchItemFailures: [] } },
        { ok: true, value: { batchItemFailures: [] } },
      ]);
      const head = fake.headSha(pull);
      const runs = fake.checkRuns.filter((r) => r.head_sha === head && r.name === 'gitops-guard');
      expect(runs).toHaveLength(1);
      expect(runs[0].status).toBe('completed');
      expect(runs[0].conclusion).toBe('failure');
      expect(runs[0].annotations.length).toBeGreaterThan(0);
      expect(fake.reviews.filter((r) => r.pull_number === pull.number && r.commit_id === head)).toHaveLength(1);
      expect(fake.comments.some((c) => c.body.includes('```suggestion'))).toBe(true);
      expect(fake.rejected).toEqual([]); // every request body valid against GitHub's OpenAPI description
      expect(worked.stdout).not.toContain('PRIVATE KEY');
    } finally {
      await fake.stop();
    }
  }, 240_000);
});
