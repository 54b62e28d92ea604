// The app's secrets on Lambda: read from SSM Parameter Store (SecureString, decrypted) once per
// execution environment, at init, and kept in memory. The environment only carries parameter
// names, so neither serverless.yml nor the CloudFormation template ever holds a secret.
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';

export interface AppSecrets {
  privateKey: string;
  /** Only the webhook receiver verifies signatures; the worker is never given this parameter. */
  webhookSecret?: string;
}

export interface SecretParameterNames {
  privateKey: string;
  webhookSecret?: string;
}

/** Parameter names from PRIVATE_KEY_PARAMETER and (when `withWebhookSecret`) WEBHOOK_SECRET_PARAMETER. */
export function secretParameterNames(withWebhookSecret: boolean, env: NodeJS.ProcessEnv = process.env): SecretParameterNames {
  const privateKey = env.PRIVATE_KEY_PARAMETER;
  if (!privateKey) throw new Error('PRIVATE_KEY_PARAMETER must name the SSM parameter holding the app private key');
  if (!withWebhookSecret) return { privateKey };
  const webhookSecret = env.WEBHOOK_SECRET_PARAMETER;
  if (!webhookSecret) throw new Error('WEBHOOK_SECRET_PARAMETER must name the SSM parameter holding the webhook secret');
  return { privateKey, webhookSecret };
}

export async function fetchAppSecrets(ssm: SSMClient, names: SecretParameterNames): Promise<AppSecrets> {
  const wanted = [names.privateKey, ...(names.webhookSecret ? [names.webhookSecret] : [])];
  const out = await ssm.send(new GetParametersCommand({ Names: wanted, WithDecryption: true }));
  if (out.InvalidParameters?.length) throw new Error(`SSM parameters not found: ${out.InvalidParameters.join(', ')}`);
  const value = (name: string): string => {
    const v = out.Parameters?.find((p) => p.Name === name)?.Value;
    if (!v) throw new Error(`SSM parameter ${name} is empty or was not returned`);
    return v;
  };
  const secrets: AppSecrets = { privateKey: normalisePem(value(names.privateKey)) };
  if (names.webhookSecret) secrets.webhookSecret = value(names.webhookSecret);
  return secrets;
}

/** A PEM stored on one line arrives with literal "\n" sequences; PEM parsers need real newlines. */
function normalisePem(key: string): string {
  return key.includes('\n') ? key : key.replace(/\\n/g, '\n');
}

/** Runs `load` once and shares its promise; a failure is forgotten so the next call retries. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      pending = load();
      pending.catch(() => (pending = undefined));
    }
    return pending;
  };
}
