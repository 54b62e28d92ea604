// The seed items the acceptance pull request reproduces, and where each must be reported: the file
// and the line a human edits, found by searching the head text (never a hard-coded number).
import type { Snapshot } from '../../../src/core/types.js';

export const CHART = 'charts/floe-platform';
export const VALUES_PROD = `${CHART}/values-prod.yaml`;
const DEPLOYMENT = `${CHART}/templates/deployment-polaris.yaml`;
const NAMESPACES = 'namespaces/namespaces.yaml';
const JOB = 'jobs/dbt-run.yaml';

/** Finds a line in one snapshot: the first line containing `needle`, after the first containing `after` when given. */
export type LineFinder = (path: string, needle: string, after?: string) => number;

export function lineFinder(snapshot: Snapshot): LineFinder {
  return (path, needle, after) => {
    const lines = snapshot.read(path)?.split('\n');
    if (!lines) throw new Error(`${path} is not in snapshot ${snapshot.ref}`);
    const from = after === undefined ? -1 : lines.findIndex((l) => l.includes(after));
    if (after !== undefined && from < 0) throw new Error(`"${after}" not in ${path}`);
    const i = lines.findIndex((l, n) => n > from && l.includes(needle));
    if (i < 0) throw new Error(`"${needle}" not in ${path}${after ? ` after "${after}"` : ''}`);
    return i + 1;
  };
}

export interface SeedItem {
  ref: string;
  path: string;
  line: (find: LineFinder) => number;
  /** Set when the finding belongs to one environment of the chart. */
  environment?: string;
}

/** In spec order; the pull request applies test/fixtures/acceptance/gaps/<ref>.patch in this order. */
export const SEED_ITEMS: SeedItem[] = [
  { ref: 'GAP-1', path: NAMESPACES, line: (find) => find(NAMESPACES, 'labels:', 'name: floe-platform') },
  { ref: 'GAP-2', path: VALUES_PROD, line: (find) => find(VALUES_PROD, 'enabled: false', 'networkPolicy:'), environment: 'prod' },
  { ref: 'GAP-3', path: 'secrets/legacy-warehouse.yaml', line: (find) => find('secrets/legacy-warehouse.yaml', 'stringData:') },
  { ref: 'GAP-4', path: DEPLOYMENT, line: (find) => find(DEPLOYMENT, 'securityContext:', 'automountServiceAccountToken:') },
  { ref: 'GAP-5', path: DEPLOYMENT, line: (find) => find(DEPLOYMENT, 'runAsUser: 0', 'name: init-data-dir') },
  // The tag replaced the digest; the line to fix is the now-empty digest key the fix fills in.
  { ref: 'GAP-6', path: VALUES_PROD, line: (find) => find(VALUES_PROD, 'digest: ""', 'tag: "0.9.1"'), environment: 'prod' },
  { ref: 'GAP-7', path: VALUES_PROD, line: (find) => find(VALUES_PROD, 'enabled: true', 'externalSecrets:'), environment: 'prod' },
  { ref: 'GAP-8', path: VALUES_PROD, line: (find) => find(VALUES_PROD, 'enabled: false', 'podDisruptionBudget:'), environment: 'prod' },
  { ref: 'GAP-9', path: VALUES_PROD, line: (find) => find(VALUES_PROD, 'enabled: false', 'resourceQuota:'), environment: 'prod' },
  { ref: 'GAP-10', path: VALUES_PROD, line: (find) => find(VALUES_PROD, 'automountServiceAccountToken: true'), environment: 'prod' },
  { ref: 'REQ-426', path: NAMESPACES, line: (find) => find(NAMESPACES, 'pod-security.kubernetes.io/enforce: baseline', 'name: floe-jobs') },
  { ref: 'REQ-427', path: JOB, line: (find) => find(JOB, 'readOnlyRootFilesystem: false') },
  { ref: 'REQ-428', path: VALUES_PROD, line: (find) => find(VALUES_PROD, '- NET_ADMIN'), environment: 'prod' },
  { ref: 'REQ-429', path: VALUES_PROD, line: (find) => find(VALUES_PROD, 'rootPassword:'), environment: 'prod' },
  { ref: 'REQ-430', path: JOB, line: (find) => find(JOB, '- name: SNOWFLAKE_ROLE') },
  { ref: 'REQ-431', path: JOB, line: (find) => find(JOB, 'spec:', 'kind: InfisicalSecret') },
  { ref: 'REQ-432', path: 'vault/warehouse-credentials.yaml', line: (find) => find('vault/warehouse-credentials.yaml', 'tokenExpirationSeconds: 86400') },
  { ref: 'REQ-433', path: JOB, line: (find) => find(JOB, 'value: AKIA', 'name: AWS_ACCESS_KEY_ID') },
  { ref: 'REQ-434', path: DEPLOYMENT, line: (find) => find(DEPLOYMENT, 'metadata:') },
  { ref: 'REQ-435', path: JOB, line: (find) => find(JOB, 'name: salesforce-dev-credentials') },
];
