// Workloads of the seed documents that many rule tests start from. Each takes the container's
// remaining lines (env, envFrom, securityContext…), indented under the container.

/** The dbt Job, in floe-jobs. */
export const dbtJob = (containerLines: string): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: dbt-run
  namespace: floe-jobs
spec:
  template:
    spec:
      containers:
        - name: dbt
          image: ghcr.io/floe/dbt:1.7
${containerLines}`;

/** The Polaris Deployment, in `namespace` (floe-platform by default; none when null). */
export const polarisDeployment = (containerLines = '', namespace: string | null = 'floe-platform'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: polaris${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  template:
    spec:
      containers:
        - name: polaris
          image: apache/polaris:0.9.0
${containerLines}`;
