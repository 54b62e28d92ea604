import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule from './probe-port-not-exposed.js';

const withPorts = (probe: string) => deployment({ container: `          ports:\n            - {name: http, containerPort: 8080}\n            - {name: dns, containerPort: 53, protocol: UDP}\n${probe}` });

describe('probe-port-not-exposed', () => {
  it('flags a named port the container does not define (high) and a UDP port for tcpSocket', () => {
    const [f] = runRuleOn(rule, { yaml: withPorts('          readinessProbe:\n            httpGet: {path: /, port: metrics}') });
    expect(f).toMatchObject({ ruleId: 'probe-port-not-exposed', severity: 'high', line: 19 });
    expect(f.message).toContain('port metrics');
    expect(runRuleOn(rule, { yaml: withPorts('          livenessProbe:\n            tcpSocket: {port: dns}') })).toHaveLength(1);
  });
  it('flags an undeclared numeric port as low', () => {
    expect(runRuleOn(rule, { yaml: withPorts('          startupProbe:\n            grpc: {port: 9090}') })[0].severity).toBe('low');
  });
  it('passes probes on declared TCP ports, by name or number', () => {
    expect(runRuleOn(rule, { yaml: withPorts('          readinessProbe:\n            httpGet: {path: /, port: http}\n          livenessProbe:\n            tcpSocket: {port: 8080}') })).toEqual([]);
  });
});
