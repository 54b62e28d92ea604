// Parity rules on malformed objects (wrong types where maps, lists or selectors belong): no rule may
// throw (a throw loses that rule's findings for the whole render), and well-formed objects in the
// same render are still reported.
import { describe, expect, it } from 'vitest';
import { parityRules } from '../../rules/parity/index.js';
import { runRuleOn } from '../support/rule-tester.js';

const MALFORMED = `apiVersion: apps/v1
kind: Deployment
metadata: {name: bad-1, namespace: shop}
spec:
  replicas: "three"
  selector: {matchLabels: "app=web", matchExpressions: {key: app}}
  template:
    metadata: {labels: [app, web]}
    spec:
      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {topologyKey: x}, preferredDuringSchedulingIgnoredDuringExecution: [null, {podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchExpressions: [null, {key: app, operator: In, values: web}]}}}]}}
      topologySpreadConstraints: [null, "x", {topologyKey: zone, maxSkew: "1", whenUnsatisfiable: DoNotSchedule, labelSelector: {matchExpressions: {}}}]
      volumes: [null, {name: h, hostPath: null}, {name: s, hostPath: {path: 42}}]
      serviceAccount: [x]
      restartPolicy: 7
      containers:
        - null
        - "just a string"
        - name: app
          ports: [null, {name: 42, containerPort: "80"}, {containerPort: 70000}]
          env: [null, {name: A}, {name: A, value: 1}, "B=2"]
          resources: {requests: "lots", limits: [1]}
          livenessProbe: {httpGet: {port: {}}}
          readinessProbe: "yes"
          volumeMounts: [null, {name: s, mountPath: /x}]
---
apiVersion: v1
kind: Service
metadata: {name: bad-2, namespace: shop}
spec: {selector: "app=web", ports: [null, {targetPort: {}}, {targetPort: -1}], type: [NodePort]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad-3, namespace: shop}
spec:
  podSelector: {matchExpressions: [{key: app, operator: Bogus}]}
  ingress: [null, {from: {podSelector: {}}}, {from: [null, {podSelector: {matchLabels: {app: [x]}}}]}]
  egress: "all"
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bad-4, namespace: shop}
spec: {defaultBackend: {service: {name: 7}}, rules: [null, {http: {paths: "x"}}, {http: {paths: [null, {backend: {service: {name: web, port: null}}}]}}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: bad-5, namespace: shop}
spec: {scaleTargetRef: "web", minReplicas: "2"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: bad-6}
rules: [null, {verbs: "*", resources: {a: 1}}, {apiGroups: "", resources: [secrets], verbs: [get], resourceNames: "x"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: bad-7}
subjects: "everyone"
roleRef: {kind: ClusterRole, name: bad-6}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: bad-8, namespace: shop}
spec: null
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: bad-9, namespace: shop}
spec: {serviceName: [x], selector: null, template: null}
---
apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: bad-10, namespace: shop}
spec: {startingDeadlineSeconds: "soon", jobTemplate: null}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: good, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: good}}
  template:
    metadata: {labels: {app: other}}
    spec:
      serviceAccount: default
      containers:
        - name: app
          image: x
          env: [{name: A, value: "1"}, {name: A, value: "2"}]
`;

describe('parity rules on malformed objects', () => {
  it.each(parityRules.map((r) => [r.meta.id, r] as const))('%s does not throw and still reports the well-formed object', (_id, rule) => {
    const findings = runRuleOn(rule, { yaml: MALFORMED });
    expect(findings.filter((f) => f.ruleId === 'rule-error').map((f) => f.message)).toEqual([]);
  });
  it('reports the well-formed object next to the malformed ones', () => {
    const byRule = (id: string) => runRuleOn(parityRules.find((r) => r.meta.id === id)!, { yaml: MALFORMED }).filter((f) => f.object?.name === 'good');
    expect(byRule('selector-mismatch')).toHaveLength(1);
    expect(byRule('duplicate-env-var')).toHaveLength(1);
    expect(byRule('default-namespace')).toHaveLength(1);
    expect(byRule('deprecated-service-account-field')).toHaveLength(1);
  });
});
