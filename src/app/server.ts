// `npm start`: the app as a long-running HTTP server (Probot's server), configured by Probot's
// standard environment: APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST,
// GHE_HOST/GHE_PROTOCOL (another GitHub API), LOG_LEVEL. Webhooks arrive at /api/github/webhooks.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { run, type Server } from 'probot';
import app from './app.js';
import { appLogger } from './logger.js';

export async function startServer(env: NodeJS.ProcessEnv = process.env, log: Logger = appLogger(env)): Promise<Server> {
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH) || !env.WEBHOOK_SECRET) {
    throw new Error('APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET must be set');
  }
  return run((probot) => app(probot), { env, log });
}

function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  startServer().catch((e: unknown) => {
    process.stderr.write(`gitops-guard: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  });
}
