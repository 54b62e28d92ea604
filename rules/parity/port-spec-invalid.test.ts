import { describe, expect, it } from 'vitest';
import { deployment } from '../../test/parity/manifests.js';
import { runRuleOn } from '../../test/support/rule-tester.js';
import rule, { portNameProblem } from './port-spec-invalid.js';

describe('port-spec-invalid', () => {
  it('validates IANA service names', () => {
    expect(portNameProblem('http')).toBeUndefined();
    expect(portNameProblem('grpc-api')).toBeUndefined();
    expect(portNameProblem('metrics-endpoint')).toMatch(/15 characters/);
    expect(portNameProblem('8080')).toMatch(/at least one letter/);
    expect(portNameProblem('Http')).toMatch(/lower-case/);
    expect(portNameProblem('a--b')).toMatch(/consecutive/);
  });
  it('flags invalid targetPorts, container port names, duplicates and missing containerPorts', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n    - {port: 80, targetPort: 123456}\n    - {port: 81, targetPort: http}\n';
    expect(runRuleOn(rule, { yaml: svc }).map((f) => f.line)).toEqual([6]);
    const pod = deployment({ container: '          ports:\n            - {name: http, containerPort: 8080}\n            - {name: http, containerPort: 8081}\n            - {name: metrics}' });
    const messages = runRuleOn(rule, { yaml: pod }).map((f) => f.message);
    expect(messages).toEqual([expect.stringContaining('"http" is used twice'), expect.stringContaining('no containerPort')]);
  });
  it('keeps fingerprints when a port is inserted ahead', () => {
    const ports = '            - {name: http, containerPort: 8080}\n            - {name: http, containerPort: 8081}\n            - {name: metrics}';
    const fingerprints = (list: string) => runRuleOn(rule, { yaml: deployment({ container: `          ports:\n${list}` }) }).map((f) => f.fingerprint);
    expect(fingerprints(ports)).toHaveLength(2);
    expect(fingerprints('            - {name: admin, containerPort: 9000}\n' + ports)).toEqual(fingerprints(ports));
    const svc = (list: string) => runRuleOn(rule, { yaml: `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n${list}    - {name: web, port: 80, targetPort: 123456}\n` }).map((f) => f.fingerprint);
    expect(svc('    - {name: admin, port: 81, targetPort: 9000}\n')).toEqual(svc(''));
  });
  it('passes valid ports', () => {
    expect(runRuleOn(rule, { yaml: deployment({ container: '          ports:\n            - {name: http, containerPort: 8080}' }) })).toEqual([]);
  });
});
