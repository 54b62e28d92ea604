// The app's logger: pino JSON, secrets redacted (tokens, keys, auth headers, env).
import { pino, type Logger } from 'pino';
import { pinoRedaction } from '../secrets/redact.js';

export function appLogger(env: NodeJS.ProcessEnv = process.env, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: 'gitops-guard',
    level: env.LOG_LEVEL ?? 'info',
    redact: { paths: [...pinoRedaction.paths], censor: pinoRedaction.censor },
  };
  return destination ? pino(options, destination) : pino(options);
}
