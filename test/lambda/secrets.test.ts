import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchAppSecrets, once, secretParameterNames } from '../../src/app/lambda-secrets.js';

const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());
const client = () => new SSMClient({ region: 'eu-west-1' });
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAAAA\n-----END RSA PRIVATE KEY-----';

describe('secrets from SSM', () => {
  it('reads both parameters in one decrypted GetParameters call', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/k', Value: PEM }, { Name: '/w', Value: 'whsec' }], InvalidParameters: [] });
    expect(await fetchAppSecrets(client(), { privateKey: '/k', webhookSecret: '/w' })).toEqual({ privateKey: PEM, webhookSecret: 'whsec' });
    expect(ssm.commandCalls(GetParametersCommand).map((c) => c.args[0].input)).toEqual([{ Names: ['/k', '/w'], WithDecryption: true }]);
  });

  it('asks only for the private key when there is no webhook secret to verify', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/k', Value: PEM }] });
    expect(await fetchAppSecrets(client(), { privateKey: '/k' })).toEqual({ privateKey: PEM });
    expect(ssm.commandCalls(GetParametersCommand)[0].args[0].input.Names).toEqual(['/k']);
  });

  it('turns a PEM stored on one line with literal \\n back into lines', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/k', Value: PEM.replace(/\n/g, '\\n') }] });
    expect((await fetchAppSecrets(client(), { privateKey: '/k' })).privateKey).toBe(PEM);
  });

  it('names missing or empty parameters, never their values', async () => {
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/k', Value: PEM }], InvalidParameters: ['/w'] });
    await expect(fetchAppSecrets(client(), { privateKey: '/k', webhookSecret: '/w' })).rejects.toThrow('SSM parameters not found: /w');
    ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/k', Value: '' }] });
    const error = await fetchAppSecrets(client(), { privateKey: '/k' }).catch((e: Error) => e);
    expect(String(error)).toContain('/k');
    expect(String(error)).not.toContain('BEGIN');
  });

  it('takes parameter names from the environment and says which one is missing', () => {
    expect(secretParameterNames(true, { PRIVATE_KEY_PARAMETER: '/k', WEBHOOK_SECRET_PARAMETER: '/w' })).toEqual({ privateKey: '/k', webhookSecret: '/w' });
    expect(secretParameterNames(false, { PRIVATE_KEY_PARAMETER: '/k', WEBHOOK_SECRET_PARAMETER: '/w' })).toEqual({ privateKey: '/k' });
    expect(() => secretParameterNames(true, { PRIVATE_KEY_PARAMETER: '/k' })).toThrow('WEBHOOK_SECRET_PARAMETER');
    expect(() => secretParameterNames(false, {})).toThrow('PRIVATE_KEY_PARAMETER');
  });

  it('once: shares one load between callers and retries after a failure', async () => {
    let calls = 0;
    const load = once(async () => {
      calls++;
      if (calls === 1) throw new Error('throttled');
      return calls;
    });
    await expect(load()).rejects.toThrow('throttled');
    const [a, b] = await Promise.all([load(), load()]);
    expect([a, b, await load(), calls]).toEqual([2, 2, 2, 2]);
  });
});
