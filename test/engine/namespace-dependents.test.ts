// Which units a change to shared namespace objects pulls into a review (src/engine/namespace-dependents.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import type { ChangedFile } from '../../src/engine/review-types.js';
import { changedNamespaces, unitsMentioning } from '../../src/engine/namespace-dependents.js';
import { discover } from '../../src/workspace/discover.js';
import { MemorySnapshot } from '../../src/workspace/memory-snapshot.js';

const ns = (name: string, enforce: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    pod-security.kubernetes.io/enforce: ${enforce}\n`;
const job = (namespace: string) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  namespace: ${namespace}\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: c@sha256:00\n`;
const quota = 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n  namespace: floe-jobs\nspec:\n  hard:\n    pods: "20"\n';
const modified = (path: string): ChangedFile => ({ path, status: 'modified', addedLines: [], commentableLines: [] });

const base = MemorySnapshot.from('base', {
  'namespaces.yaml': `${ns('floe-platform', 'baseline')}---\n${ns('floe-jobs', 'restricted')}---\n${quota}`,
  'charts/floe/Chart.yaml': 'apiVersion: v2\nname: floe\nversion: 0.1.0\n',
  'charts/floe/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: floe\n  namespace: floe-platform\n',
  'jobs/job.yaml': job('floe-jobs'),
  'jobs/other.yaml': job('floe-jobs-archive'),
});

describe('namespace dependents of a change', () => {
  it('names the namespaces whose shared objects changed, not those merely present in the file', () => {
    const head = MemorySnapshot.from('head', { ...Object.fromEntries(base.list().map((p) => [p, base.read(p)!])), 'namespaces.yaml': `${ns('floe-platform', 'privileged')}---\n${ns('floe-jobs', 'restricted')}---\n${quota}` });
    expect([...changedNamespaces([modified('namespaces.yaml')], base, head, DEFAULT_CONFIG)]).toEqual(['floe-platform']);
    const noQuota = MemorySnapshot.from('head', { 'namespaces.yaml': `${ns('floe-platform', 'baseline')}---\n${ns('floe-jobs', 'restricted')}` });
    expect([...changedNamespaces([modified('namespaces.yaml')], base, noQuota, DEFAULT_CONFIG)]).toEqual(['floe-jobs']);
    const onlyWorkload = MemorySnapshot.from('head', { 'jobs/job.yaml': job('floe-jobs').replace('c@sha256:00', 'c@sha256:11') });
    expect(changedNamespaces([modified('jobs/job.yaml')], base, onlyWorkload, DEFAULT_CONFIG).size).toBe(0);
  });

  it('finds the units whose files name a namespace as a whole word', () => {
    const ids = (names: string[]) => unitsMentioning(new Set(names), base, discover(base)).map((u) => u.id).sort();
    expect(ids(['floe-platform'])).toEqual(['charts/floe', 'namespaces.yaml']);
    expect(ids(['floe-jobs'])).toEqual(['jobs/job.yaml', 'namespaces.yaml']);
    expect(ids([])).toEqual([]);
  });
});
