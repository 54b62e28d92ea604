// Webhook deliveries as GitHub sends them: payload shapes from @octokit/webhooks-examples with the
// fake's repository, installation and PR patched in, signed with X-Hub-Signature-256.
import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import type { FakeGitHub, PullRecord } from './server.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, any>[] }[];

function example(event: string, action: string): Record<string, any> {
  const found = examples.find((e) => e.name === event)?.examples.find((x) => x.action === action);
  if (!found) throw new Error(`no @octokit/webhooks-examples payload for ${event}.${action}`);
  return structuredClone(found);
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function pullRequestEvent(fake: FakeGitHub, pull: PullRecord, action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review'): Record<string, any> {
  const payload = example('pull_request', action);
  payload.number = pull.number;
  payload.pull_request = { ...payload.pull_request, ...fake.pullJson(pull) };
  payload.repository = { ...payload.repository, ...fake.repoJson() };
  payload.installation = { id: fake.installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=' };
  if (action === 'synchronize') {
    payload.before = payload.before ?? '0'.repeat(40);
    payload.after = fake.headSha(pull);
  }
  return payload;
}

export function checkRunEvent(fake: FakeGitHub, pull: PullRecord, action: 'rerequested' | 'requested_action', checkRunId: number, identifier?: string): Record<string, any> {
  const payload = example('check_run', action);
  const pr = fake.pullJson(pull) as any;
  payload.check_run = {
    ...payload.check_run, id: checkRunId, name: 'gitops-guard', head_sha: pr.head.sha,
    pull_requests: [{ url: pr.url, id: pr.id, number: pull.number, head: { ref: pr.head.ref, sha: pr.head.sha, repo: { id: fake.repoId, url: '', name: fake.repoName } }, base: { ref: pr.base.ref, sha: pr.base.sha, repo: { id: fake.repoId, url: '', name: fake.repoName } } }],
  };
  if (identifier) payload.requested_action = { identifier };
  payload.repository = { ...payload.repository, ...fake.repoJson() };
  payload.installation = { id: fake.installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=' };
  return payload;
}

export interface Delivery {
  status: number;
  body: string;
  deliveryId: string;
}

/** POSTs one webhook delivery to the app, as GitHub does (a fresh connection each time). */
export async function deliver(url: string, secret: string, event: string, payload: unknown, deliveryId: string = randomUUID(), signature?: string): Promise<Delivery> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'GitHub-Hookshot/fake',
        'x-github-event': event,
        'x-github-delivery': deliveryId,
        'x-github-hook-id': '1',
        'x-hub-signature-256': signature ?? sign(secret, body),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), deliveryId }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
