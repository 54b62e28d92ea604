// Pod Security Admission conformance: every fixture of kubernetes/pod-security-admission
// test/testdata (../shared/conformance/psa, see its README) must be allowed or denied exactly as
// upstream expects, and every denial must name the expected check with upstream's message.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { conformanceDir } from '../support/conformance.js';
import { CHECK_IDS, effectiveCheckId, evaluatePod, parseVersion, type PssLevel } from '../../src/pss/index.js';

const FIXTURES = conformanceDir('psa');
const present = existsSync(FIXTURES);
if (!present) console.warn(`PSA conformance fixtures not found at ${FIXTURES}; skipping the conformance suite`);

/** Expected error substring per check (README table, from upstream's test/fixtures_*.go generators). */
const EXPECTED_SUBSTRING: Record<string, string> = {
  allowPrivilegeEscalation: 'allowPrivilegeEscalation',
  appArmorProfile: 'forbidden AppArmor profile',
  capabilities_baseline: 'capabilities',
  capabilities_restricted: 'unrestricted capabilities',
  hostNamespaces: 'host namespaces',
  hostPathVolumes: 'hostPath',
  hostPorts: 'hostPort',
  hostProbesAndHostLifecycle: 'probe or lifecycle host',
  privileged: 'privileged',
  procMount: 'procMount',
  procMount_restricted: 'procMount',
  restrictedVolumes: 'restricted volume types',
  runAsNonRoot: 'runAsNonRoot',
  runAsUser: 'runAsUser',
  seLinuxOptions: 'seLinuxOptions',
  seccompProfile_baseline: 'seccompProfile',
  seccompProfile_restricted: 'seccompProfile',
  sysctls: 'forbidden sysctl',
  windowsHostProcess: 'hostProcess',
};

const CHECK_BY_PREFIX = new Map(CHECK_IDS.map((id) => [id.toLowerCase(), id]));

/** `procmount_restricted1.yaml` → procMount_restricted (longest prefix wins: procmount vs procmount_restricted). */
function checkOfFile(name: string): string | undefined {
  const m = /^([a-z_]+?)(\d+)\.yaml$/.exec(name);
  if (!m) return undefined;
  return CHECK_BY_PREFIX.get(m[1]);
}

interface Fixture { file: string; level: PssLevel; version: string; outcome: 'pass' | 'fail'; name: string }

function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    const levelDir = join(FIXTURES, level);
    for (const version of readdirSync(levelDir)) {
      for (const outcome of ['pass', 'fail'] as const) {
        const dir = join(levelDir, version, outcome);
        if (!existsSync(dir)) continue;
        for (const name of readdirSync(dir)) if (name.endsWith('.yaml')) out.push({ file: join(dir, name), level, version, outcome, name });
      }
    }
  }
  return out;
}

function verdict(f: Fixture): string | undefined {
  const pod = parse(readFileSync(f.file, 'utf8')) as { spec?: unknown; metadata?: unknown };
  const result = evaluatePod(pod.spec, pod.metadata, f.level, f.version);
  const rel = f.file.slice(FIXTURES.length + 1);
  if (f.outcome === 'pass') {
    return result.allowed ? undefined : `${rel}: expected allowed, got ${result.violations.map((v) => `${v.check}: ${v.message}`).join('; ')}`;
  }
  if (result.allowed) return `${rel}: expected denied, got allowed`;
  const expected = checkOfFile(f.name);
  if (!expected) return `${rel}: cannot tell the expected check from the file name`;
  const reporter = effectiveCheckId(expected, f.level, parseVersion(f.version).minor);
  const substring = EXPECTED_SUBSTRING[expected];
  const named = result.violations.find((v) => v.check === reporter && v.message.includes(substring));
  return named ? undefined : `${rel}: expected a ${reporter} violation containing "${substring}", got ${result.violations.map((v) => `${v.check}: ${v.message}`).join('; ')}`;
}

describe.skipIf(!present)('Pod Security Admission conformance fixtures', () => {
  const fixtures = present ? listFixtures() : [];
  const groups = new Map<string, Fixture[]>();
  for (const f of fixtures) {
    const key = `${f.level}/${f.version}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(f);
  }

  it('finds all 4,537 fixtures (38 versions per level)', () => {
    expect(fixtures.length).toBe(4537);
    expect(groups.size).toBe(76);
  });

  for (const [key, group] of [...groups].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    it(`${key}: ${group.length} fixtures agree with upstream`, () => {
      const failures = group.map(verdict).filter((x): x is string => x !== undefined);
      expect(failures).toEqual([]);
    });
  }
});
