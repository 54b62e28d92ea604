// The dbt Job of the seed documents, in floe-jobs, with one container whose remaining lines
// (env, envFrom, securityContext…) each rule test supplies, indented under the container.
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
