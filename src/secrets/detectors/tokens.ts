// Provider tokens recognisable by their own shape (prefixes, lengths, checksums-by-format).
// Every detector carries samples it must flag and samples it must pass (see test/secrets).
import { patternDetector } from './pattern.js';
import type { Detector } from '../types.js';

function jwtLooksReal(token: string): boolean {
  const [header] = token.split('.');
  try {
    const json = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    return typeof json === 'object' && json !== null && 'alg' in json;
  } catch {
    return false;
  }
}

/** A JSON Web Token: base64url header and payload, both JSON objects (`eyJ`), and a signature. */
export const JWT_RE = /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,1000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{16,1000})(?![A-Za-z0-9_-])/g;
/** In every JWT_RE match (the second segment's start): lines without it are not searched. */
export const JWT_REQUIRES = '.eyJ';

export const tokenDetectors: Detector[] = [
  patternDetector({
    ruleId: 'secret-aws-access-key-id',
    kind: 'AWS access key ID',
    severity: 'critical',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    regex: /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Za-z0-9])/g,
    minEntropy: 3,
    gitleaksIds: ['aws-access-token'],
    samples: {
      flags: ['aws_access_key_id = AKIAZ4Q7M2XK5RTB3NWP', '  - AKIAQ2E7A3F5B2J4C7KR'],
      passes: ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'id: AKIAXXXXXXXXXXXXXXXX', 'image: repo/AKIAZ4Q7M2XK5RTB3NWPEXTRA'],
    },
  }),
  patternDetector({
    ruleId: 'secret-github-token',
    kind: 'GitHub token',
    severity: 'critical',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    regex: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/g,
    minEntropy: 3,
    gitleaksIds: ['github-pat', 'github-oauth', 'github-app-token', 'github-refresh-token'],
    samples: {
      flags: ['GITHUB_TOKEN=ghp_R8x2Lq9VbN4mT7kZ1cW5yH3jF6dS0aPeUoIg', 'token: "ghs_7fK2mQ9xB4nL8vR1tZ6cY3wH5jD0sGaPeUoI"'],
      passes: ['token: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'prefix: ghp_', 'ghp_tooShort123'],
    },
  }),
  patternDetector({
    ruleId: 'secret-github-token',
    kind: 'GitHub fine-grained personal access token',
    severity: 'critical',
    keywords: ['github_pat_'],
    regex: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g,
    minEntropy: 3,
    gitleaksIds: ['github-fine-grained-pat'],
    samples: {
      flags: ['GH_PAT: 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'],
      passes: ['GH_PAT: github_pat_<your-token>', 'github_pat_1234'],
    },
  }),
  patternDetector({
    ruleId: 'secret-gitlab-token',
    kind: 'GitLab token',
    severity: 'critical',
    keywords: ['glpat-', 'glptt-', 'gldt-', 'glrt-', 'gloas-', 'gr1348941'],
    regex: /(?<![A-Za-z0-9_-])((?:glpat|gldt|glrt|gloas)-[A-Za-z0-9_-]{20,64}|glptt-[0-9a-f]{40}|GR1348941[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    gitleaksIds: ['gitlab-pat', 'gitlab-ptt', 'gitlab-rrt', 'gitlab-deploy-token', 'gitlab-runner-authentication-token'],
    samples: {
      flags: ['CI_TOKEN: glpat-Xq8vR2mK9tL4bN7cZ1wY', 'runner: GR1348941aB3dE5fG7hJ9kL1mN3pQ5r'],
      passes: ['CI_TOKEN: glpat-xxxxxxxxxxxxxxxxxxxx', 'glpat-short'],
    },
  }),
  patternDetector({
    ruleId: 'secret-slack-token',
    kind: 'Slack token',
    severity: 'critical',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe', 'xapp-'],
    regex: /(?<![A-Za-z0-9_-])(xox[abposr]-[0-9]{8,14}-[0-9A-Za-z-]{8,200}|xoxe(?:\.xox[bp])?-1-[A-Za-z0-9-]{40,200}|xapp-\d-[A-Z0-9]{8,16}-\d{8,16}-[a-f0-9]{32,80})(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    gitleaksIds: ['slack-bot-token', 'slack-user-token', 'slack-app-token', 'slack-legacy-token', 'slack-config-access-token'],
    samples: {
      flags: ['SLACK_BOT_TOKEN=xoxb-2048713562-4096182736409-Rk8mQ2xT9vL4bN7cZ1wY3jHf'],
      passes: ['SLACK_BOT_TOKEN=xoxb-your-token', 'xoxb-0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  }),
  patternDetector({
    ruleId: 'secret-slack-webhook',
    kind: 'Slack incoming webhook URL',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    regex: /https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/]{40,60}|T[A-Z0-9]{6,12}\/[AB][A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32})(?![A-Za-z0-9])/g,
    minEntropy: 3,
    gitleaksIds: ['slack-webhook-url'],
    samples: {
      flags: ['webhook: https://hooks.slack.com/services/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'],
      passes: ['webhook: https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX', 'docs: https://api.slack.com/messaging/webhooks'],
    },
  }),
  patternDetector({
    ruleId: 'secret-stripe-key',
    kind: 'Stripe API key',
    severity: 'critical',
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'sk_prod_', 'rk_prod_'],
    regex: /(?<![A-Za-z0-9_])((?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247})(?![A-Za-z0-9_])/g,
    minEntropy: 3,
    gitleaksIds: ['stripe-access-token'],
    samples: {
      flags: ['STRIPE_SECRET_KEY=sk_live_51Hq8vR2mK9tL4bN7cZ1wY3jHfD6sPa', 'key: rk_test_4eC39HqLyjWDarjtT1zdp7dc'],
      passes: ['publishable: pk_live_51Hq8vR2mK9tL4bN7cZ1wY3jHf', 'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxx'],
    },
  }),
  patternDetector({
    ruleId: 'secret-npm-token',
    kind: 'npm access token',
    severity: 'critical',
    keywords: ['npm_'],
    regex: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
    minEntropy: 3,
    gitleaksIds: ['npm-access-token'],
    samples: {
      flags: ['//registry.npmjs.org/:_authToken=npm_Rk8mQ2xT9vL4bN7cZ1wY3jHfD6sPaE5gU0iO'],
      passes: ['NPM_CONFIG_REGISTRY: https://registry.npmjs.org', 'run: npm_config_cache=/tmp/npm_cache_directory_that_is_long1'],
    },
  }),
  patternDetector({
    ruleId: 'secret-sendgrid-api-key',
    kind: 'SendGrid API key',
    severity: 'critical',
    keywords: ['sg.'],
    regex: /(?<![A-Za-z0-9_.-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    gitleaksIds: ['sendgrid-api-token'],
    samples: {
      flags: ['SENDGRID_API_KEY: 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'],
      passes: ['image: registry.sg.example.com/app:1.0', 'SENDGRID_API_KEY: SG.xxxxx'],
    },
  }),
  patternDetector({
    ruleId: 'secret-twilio-api-key',
    kind: 'Twilio API key',
    severity: 'critical',
    keywords: ['sk'],
    regex: /(?<![A-Za-z0-9])(SK[0-9a-fA-F]{32})(?![A-Za-z0-9])/g,
    minEntropy: 3,
    gitleaksIds: ['twilio-api-key'],
    samples: {
      flags: ['TWILIO_API_KEY=SK2b8e4f6a1c3d5e7f9a0b2c4d6e8f1a3c'],
      passes: ['disk: SKU-1234', 'sha: SK00000000000000000000000000000000', 'task: SKxyz'],
    },
  }),
  patternDetector({
    ruleId: 'secret-openai-api-key',
    kind: 'OpenAI API key',
    severity: 'critical',
    keywords: ['t3blbkfj', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    regex: /(?<![A-Za-z0-9_-])(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,250})(?![A-Za-z0-9_-])/g,
    minEntropy: 3.5,
    gitleaksIds: ['openai-api-key'],
    samples: {
      flags: ['OPENAI_API_KEY=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'],
      passes: ['OPENAI_API_KEY=sk-...', 'OPENAI_API_KEY=sk-proj-xxxxxxxx'],
    },
  }),
  patternDetector({
    ruleId: 'secret-anthropic-api-key',
    kind: 'Anthropic API key',
    severity: 'critical',
    keywords: ['sk-ant-'],
    regex: /(?<![A-Za-z0-9_-])(sk-ant-[a-z]{3,8}\d{2}-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/g,
    minEntropy: 3.5,
    gitleaksIds: ['anthropic-api-key', 'anthropic-admin-api-key'],
    samples: {
      flags: ['ANTHROPIC_API_KEY: sk-ant-api03-Rk8mQ2xT9vL4bN7cZ1wY3jHf6sPaE5gU0iOq2Wd4Xr7Tb9Nm1Kc3Vz8Lh5Jp0Fs2Gy6Ra4Qe8Wt1Yu3Io5Pa7Sd9Fg2Hj4Kl6Zx8Cv0BnAA'],
      passes: ['ANTHROPIC_API_KEY: sk-ant-api03-...', 'ANTHROPIC_API_KEY: sk-ant-xxxx'],
    },
  }),
  patternDetector({
    ruleId: 'secret-gcp-api-key',
    kind: 'Google API key',
    severity: 'high',
    keywords: ['aiza'],
    regex: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
    minEntropy: 3,
    gitleaksIds: ['gcp-api-key'],
    samples: {
      flags: ['GOOGLE_MAPS_KEY: AIzaSyRk8mQ2xT9vL4bN7cZ1wY3jHf6sPaE5gU0'],
      passes: ['key: AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'AIza-short'],
    },
  }),
  patternDetector({
    ruleId: 'secret-jwt',
    kind: 'JSON Web Token',
    severity: 'high',
    keywords: ['eyj'],
    regex: JWT_RE,
    requires: JWT_REQUIRES,
    validate: jwtLooksReal,
    gitleaksIds: ['jwt'],
    samples: {
      flags: ['Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtZGVwbG95IiwiaWF0IjoxNzAwMDAwMDAwfQ.Xk2mQ9vR4tL7bN1cZ8wY5jHf3sPaE6gU0iOq'],
      passes: ['data: eyJhdXRocyI6e319', 'token: eyJ...'],
    },
  }),
];
