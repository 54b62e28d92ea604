// Runs our rules on kube-linter's and kube-score's own fixtures and compares with the outcomes
// their test suites expect (../shared/conformance/{kube-linter,kube-score}, see their READMEs).
import { conformanceDir } from '../support/conformance.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/core/types.js';
import { ruleById } from '../../rules/index.js';
import { PEER_CHECKS, type Peer, type PeerCheck } from '../../rules/parity/peer-checks.js';
import { manifestObjects } from '../../src/render/yaml-source.js';
import { podSpecOf } from '../../src/k8s/workloads.js';
import { runRuleOn } from '../support/rule-tester.js';

// ../shared/conformance when present, else the copy vendored in test/fixtures/conformance.tar.gz.
export const CONFORMANCE = dirname(conformanceDir('kube-linter'));
export const fixturesPresent = existsSync(join(CONFORMANCE, 'kube-linter/expectations.json')) && existsSync(join(CONFORMANCE, 'kube-score/expectations.json'));

/** How a peer check is reproduced with our rules: the equivalent configuration and, when our rule
 *  reports more than the peer check covers, the part of its findings that corresponds. */
interface Equivalence {
  config?: Record<string, unknown>;
  select?: (f: Finding) => boolean;
  /** The peer reports one problem per object (the first it finds) where we report each problem. */
  onePerObject?: boolean;
}

const RESTRICTED = { options: { unlabeledLevel: 'restricted' } };
const floating = (f: Finding) => /":latest" tag|no tag at all/.test(f.message);

/** Keyed by `${peer}:${check}`. Only entries whose default behaviour is not already the peer's. */
const EQUIVALENCE: Record<string, Equivalence> = {
  'kube-linter:latest-tag': { select: floating },
  'kube-linter:env-value-from': { select: (f) => f.message.includes('which no Secret') },
  'kube-score:container-image-tag': { select: floating },
  'kube-linter:run-as-non-root': { config: { rules: { 'pss-run-as-non-root': RESTRICTED, 'pss-run-as-user': RESTRICTED } }, onePerObject: true },
  'kube-linter:privilege-escalation-container': { config: { rules: { 'pss-allow-privilege-escalation': RESTRICTED } } },
  'kube-linter:drop-net-raw-capability': { config: { rules: { 'pss-capabilities-restricted': RESTRICTED } } },
  'kube-score:container-seccomp-profile': { config: { rules: { 'pss-seccomp-profile-restricted': RESTRICTED } } },
  'kube-score:container-security-context-user-group-id': { config: { rules: { 'pss-run-as-non-root': RESTRICTED, 'pss-run-as-user': RESTRICTED } } },
  'kube-linter:unset-cpu-requirements': { select: (f) => /cpu request/.test(f.message) },
  'kube-linter:unset-memory-requirements': { select: (f) => /memory (request|limit)/.test(f.message) },
  'kube-linter:liveness-port': { select: (f) => f.message.includes('livenessProbe') },
  'kube-linter:readiness-port': { select: (f) => f.message.includes('readinessProbe') },
  'kube-linter:startup-port': { select: (f) => f.message.includes('startupProbe') },
  'kube-linter:access-to-secrets': { select: (f) => f.message.includes('on secrets') },
  'kube-linter:access-to-create-pods': { select: (f) => f.message.includes('on pods') },
  'kube-linter:dangling-networkpolicy': { select: (f) => !f.message.includes('peer podSelector') },
  'kube-linter:dangling-networkpolicypeer-podselector': { select: (f) => f.message.includes('peer podSelector') },
  'kube-linter:pdb-unhealthy-pod-eviction-policy': { select: (f) => f.message.includes('unhealthyPodEvictionPolicy') },
  'kube-score:poddisruptionbudget-has-policy': { select: (f) => f.message.includes('neither minAvailable nor maxUnavailable') },
  'kube-linter:pdb-max-unavailable': { select: (f) => f.message.includes('maxUnavailable') && !f.message.includes('no PodDisruptionBudget') },
  'kube-linter:pdb-min-available': { select: (f) => f.message.includes('minAvailable') },
  'kube-linter:hpa-minimum-three-replicas': { config: { rules: { 'hpa-min-replicas': { options: { minReplicas: 3 } } } } },
};

export function peerCheck(peer: Peer, check: string): PeerCheck | undefined {
  return PEER_CHECKS.find((c) => c.peer === peer && c.check === check);
}

/** Runs the rules mapped to a peer check on one fixture file; findings filtered to what the check covers. */
export function runPeerCheck(peer: Peer, check: PeerCheck, text: string, extraConfig: Record<string, unknown> = {}): Finding[] {
  const eq = EQUIVALENCE[`${peer}:${check.check}`] ?? {};
  const config = mergeConfig(eq.config ?? {}, extraConfig);
  const findings: Finding[] = [];
  for (const id of check.rules) {
    const rule = ruleById(id);
    if (!rule) throw new Error(`peer check ${peer}:${check.check} maps to unknown rule ${id}`);
    findings.push(...runRuleOn(rule, { yaml: text, path: 'fixture.yaml', config }));
  }
  const selected = eq.select ? findings.filter(eq.select) : findings;
  if (!eq.onePerObject) return selected;
  const seen = new Set<string>();
  return selected.filter((f) => {
    const id = `${f.object?.kind}/${f.object?.namespace ?? ''}/${f.object?.name}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function mergeConfig(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = cur && v && typeof cur === 'object' && typeof v === 'object' && !Array.isArray(v) ? mergeConfig(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

// ── kube-linter ──

interface LinterExpectation {
  test: string;
  fixture: string | null;
  include: string[];
  expected_report_count: number | null;
  expected_messages: { report_index: number; op: string; value: string }[];
}

export interface LinterResult {
  check: string;
  status: PeerCheck['status'];
  expectedCount: number;
  ourCount: number;
  expectedKinds: string[];
  ourKinds: string[];
  /** Findings on objects the fixture names dont-fire* (negative examples, per the fixtures' README). */
  onNegatives: number;
  agree: boolean;
}

function kindOfMessage(value: string): string {
  return /^([A-Za-z]+)[\s:]/.exec(value)?.[1] ?? '';
}

function sameMultiset(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** One result per single-check kube-linter e2e test with a fixture (the checks of `--include`). */
export function linterResults(): LinterResult[] {
  const expectations = JSON.parse(readFileSync(join(CONFORMANCE, 'kube-linter/expectations.json'), 'utf8')) as LinterExpectation[];
  const out: LinterResult[] = [];
  for (const e of expectations) {
    if (e.include.length !== 1 || !e.fixture) continue;
    const check = peerCheck('kube-linter', e.include[0]);
    if (!check) throw new Error(`kube-linter check ${e.include[0]} is missing from rules/parity/peer-checks.ts`);
    if (check.status === 'not-applicable') continue;
    const text = readFileSync(join(CONFORMANCE, 'kube-linter', e.fixture), 'utf8');
    const findings = runPeerCheck('kube-linter', check, text);
    // pdb-max-unavailable asserts no count upstream: its one message is the ground truth.
    const expectedCount = e.expected_report_count ?? e.expected_messages.length;
    const expectedKinds = e.expected_messages.map((m) => kindOfMessage(m.value));
    const ourKinds = findings.map((f) => f.object?.kind ?? '');
    const kindsAgree = expectedKinds.length === expectedCount ? sameMultiset(expectedKinds, ourKinds) : expectedKinds.every((k) => ourKinds.includes(k));
    const onNegatives = findings.filter((f) => f.object?.name.startsWith('dont-fire')).length;
    out.push({ check: check.check, status: check.status, expectedCount, ourCount: findings.length, expectedKinds, ourKinds, onNegatives, agree: findings.length === expectedCount && kindsAgree && onNegatives === 0 });
  }
  return out;
}

// ── kube-score ──

interface ScoreExpectation {
  test: string;
  helper: string;
  files: string[];
  check_id?: string;
  expected_grade?: string;
  run_config: string;
}

export interface ScoreResult {
  check: string;
  test: string;
  file: string;
  status: PeerCheck['status'];
  expectFlagged: boolean;
  flagged: boolean;
  agree: boolean;
}

/** Objects kube-score scores with a check (checks.md "Target" column). */
const SCORE_TARGET: Record<string, string> = {
  'deployment-strategy': 'Deployment', 'deployment-replicas': 'Deployment', 'ingress-targets-service': 'Ingress',
  'cronjob-has-deadline': 'CronJob', 'cronjob-restartpolicy': 'CronJob', 'statefulset-has-poddisruptionbudget': 'StatefulSet',
  'deployment-has-poddisruptionbudget': 'Deployment', 'poddisruptionbudget-has-policy': 'PodDisruptionBudget',
  'networkpolicy-targets-pod': 'NetworkPolicy', 'service-targets-pod': 'Service', 'service-type': 'Service', 'stable-version': '*',
  'deployment-has-host-podantiaffinity': 'Deployment', 'statefulset-has-host-podantiaffinity': 'StatefulSet',
  'deployment-targeted-by-hpa-does-not-have-replicas-configured': 'Deployment', 'statefulset-has-servicename': 'StatefulSet',
  'deployment-pod-selector-labels-match-template-metadata-labels': 'Deployment',
  'statefulset-pod-selector-labels-match-template-metadata-labels': 'StatefulSet', 'label-values': '*',
  'horizontalpodautoscaler-has-target': 'HorizontalPodAutoscaler', 'horizontalpodautoscaler-replicas': 'HorizontalPodAutoscaler',
};

/** kube-score's RunConfiguration, translated to our configuration. */
export function scoreConfig(runConfig: string): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const rules: Record<string, unknown> = {};
  const version = /KubernetesVersion:(?:config\.Semver\{Major:(\d+),Minor:(\d+)\}|(\d+)\.(\d+))/.exec(runConfig);
  if (version) config.kubeVersion = `${version[1] ?? version[3]}.${version[2] ?? version[4]}.0`;
  rules['container-resources-missing'] = { options: { requireCpuLimit: !/IgnoreContainerCpuLimitRequirement:true/.test(runConfig), requireMemoryLimit: !/IgnoreContainerMemoryLimitRequirement:true/.test(runConfig) } };
  const hpa = /MinReplicasHPA:(\d+)/.exec(runConfig);
  if (hpa) rules['hpa-min-replicas'] = { options: { minReplicas: Number(hpa[1]) } };
  if (Object.keys(rules).length) config.rules = rules;
  return config;
}

export function scoreResults(): ScoreResult[] {
  const expectations = JSON.parse(readFileSync(join(CONFORMANCE, 'kube-score/expectations.json'), 'utf8')) as ScoreExpectation[];
  const out: ScoreResult[] = [];
  for (const e of expectations) {
    if ((e.helper !== 'testExpectedScore' && e.helper !== 'testExpectedScoreWithConfig') || !e.check_id || !e.expected_grade) continue;
    const check = peerCheck('kube-score', e.check_id);
    if (!check) throw new Error(`kube-score check ${e.check_id} is missing from rules/parity/peer-checks.ts`);
    if (check.status === 'not-applicable') continue;
    const expectFlagged = /^(WARNING|CRITICAL)/.test(e.expected_grade);
    for (const file of e.files) {
      const text = readFileSync(join(CONFORMANCE, 'kube-score', file), 'utf8');
      const target = SCORE_TARGET[e.check_id] ?? 'Pod';
      const scored = manifestObjects(text, 'fixture.yaml', 'fixture.yaml').objects.find((o) =>
        target === '*' ? true : target === 'Pod' ? podSpecOf(o.object) !== undefined : o.ref.kind === target);
      if (!scored) throw new Error(`${file}: no ${target} object for ${e.check_id}`);
      const findings = runPeerCheck('kube-score', check, text, scoreConfig(e.run_config));
      const flagged = findings.some((f) => f.object?.kind === scored.ref.kind && f.object?.name === scored.ref.name);
      out.push({ check: e.check_id, test: e.test, file: file.split('/').pop()!, status: check.status, expectFlagged, flagged, agree: flagged === expectFlagged });
    }
  }
  return out;
}
