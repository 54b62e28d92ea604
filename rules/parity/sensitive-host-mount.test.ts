import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './sensitive-host-mount.js';

const mount = (hostPath: string) => deployment({
  pod: `      volumes:\n        - name: host\n          hostPath: {path: ${hostPath}}`,
  container: '          volumeMounts:\n            - {name: host, mountPath: /host, readOnly: true}',
});

describe('sensitive-host-mount', () => {
  it('flags runtime sockets as critical, writable system directories as high, read-only ones as medium', () => {
    const [sock] = runRuleOn(rule, { yaml: mount('/var/run/docker.sock') });
    expect(sock).toMatchObject({ ruleId: 'sensitive-host-mount', severity: 'critical', line: 19 });
    expect(sock.message).toContain('container-runtime socket');
    expect(runRuleOn(rule, { yaml: mount('/run/containerd/containerd.sock') })[0].severity).toBe('critical');
    expect(runRuleOn(rule, { yaml: mount('/var/run') })[0].severity).toBe('critical');
    expect(runRuleOn(rule, { yaml: mount('/etc/') })[0]).toMatchObject({ severity: 'medium' });
    expect(runRuleOn(rule, { yaml: mount('/proc').replace(', readOnly: true', '') })[0]).toMatchObject({ severity: 'high' });
  });
  it('passes other host paths (left to the PSS hostPath rule)', () => {
    expect(runRuleOn(rule, { yaml: mount('/var/log/app') })).toEqual([]);
    expect(runRuleOn(rule, { yaml: mount('/etc/ssl/certs') })).toEqual([]);
  });
});
