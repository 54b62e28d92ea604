// Loads a repository's .gitleaks.toml ([[rules]], [allowlist], [[allowlists]], per-rule
// allowlists) and .gitleaksignore into ScanOptions parts. Errors name the file and line.
import { parse, TomlError } from 'smol-toml';
import { patternDetector } from '../detectors/pattern.js';
import type { Detector, ScanOptions, SecretAllowlist } from '../types.js';
import { goRegex } from './go-regex.js';

export type RepoSecretConfig = Required<Pick<ScanOptions, 'extraRules' | 'allowlist' | 'ignore'>>;

export const GITLEAKS_CONFIG = '.gitleaks.toml';
export const GITLEAKS_IGNORE = '.gitleaksignore';

class ConfigError extends Error {}

type Table = Record<string, unknown>;

export function loadRepoSecretConfig(read: (path: string) => string | undefined): RepoSecretConfig {
  const out: RepoSecretConfig = { extraRules: [], allowlist: [], ignore: new Set() };
  const toml = read(GITLEAKS_CONFIG);
  if (toml !== undefined) Object.assign(out, parseGitleaksConfig(toml, GITLEAKS_CONFIG));
  const ignore = read(GITLEAKS_IGNORE);
  if (ignore !== undefined) out.ignore = parseGitleaksIgnore(ignore);
  return out;
}

export function parseGitleaksIgnore(text: string): Set<string> {
  const keys = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    keys.add(line);
    // gitleaks git-mode fingerprints are commit:path:rule:line; match them regardless of commit.
    const parts = line.split(':');
    if (parts.length === 4 && /^[0-9a-f]{7,40}$/.test(parts[0])) keys.add(parts.slice(1).join(':'));
  }
  return keys;
}

export function parseGitleaksConfig(text: string, file: string): Pick<RepoSecretConfig, 'extraRules' | 'allowlist'> {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (e) {
    if (e instanceof TomlError) throw new Error(`${file}:${e.line}: ${firstLine(e.message)}`);
    throw e;
  }
  const ruleLines = headerLines(text, /^\s*\[\[\s*rules\s*\]\]/);
  const allowLines = headerLines(text, /^\s*\[\[?\s*allowlists?\s*\]\]?/);
  const at = (line: number | undefined, what: () => unknown) => {
    try {
      return what();
    } catch (e) {
      if (e instanceof ConfigError) throw new Error(`${file}:${line ?? 1}: ${e.message}`);
      throw e;
    }
  };

  const rules = arrayOf(doc.rules);
  const extraRules = rules.map((r, i) => at(ruleLines[i], () => toDetector(r, i)) as Detector);
  const globals: Table[] = [...(isTable(doc.allowlist) ? [doc.allowlist] : []), ...arrayOf(doc.allowlists)];
  const allowlist = globals.map((a, i) => at(allowLines[i], () => toAllowlist(a, 'allowlist')) as SecretAllowlist);
  rules.forEach((r, i) => {
    const own = [...(isTable(r.allowlist) ? [r.allowlist] : []), ...arrayOf(r.allowlists)];
    for (const a of own) {
      const list = at(ruleLines[i], () => toAllowlist(a, `rule "${String(r.id)}" allowlist`)) as SecretAllowlist;
      allowlist.push({ ...list, ruleIds: [String(r.id)] });
    }
  });
  return { extraRules, allowlist };
}

function toDetector(r: Table, index: number): Detector {
  const id = r.id;
  if (typeof id !== 'string' || !id) throw new ConfigError(`rule #${index + 1} has no id`);
  const regexSrc = optString(r.regex, `rule "${id}" regex`);
  const pathSrc = optString(r.path, `rule "${id}" path`);
  if (regexSrc === undefined && pathSrc === undefined) throw new ConfigError(`rule "${id}" needs a regex or a path`);
  const keywords = optStrings(r.keywords, `rule "${id}" keywords`).map((k) => k.toLowerCase());
  const entropy = r.entropy === undefined ? undefined : Number(r.entropy);
  if (entropy !== undefined && !Number.isFinite(entropy)) throw new ConfigError(`rule "${id}" entropy must be a number`);
  const group = r.secretGroup === undefined ? undefined : Number(r.secretGroup);
  if (group !== undefined && !(Number.isInteger(group) && group >= 0)) throw new ConfigError(`rule "${id}" secretGroup must be a whole number`);
  const kind = typeof r.description === 'string' && r.description ? r.description : `secret (rule ${id})`;
  const pathRe = pathSrc === undefined ? undefined : compile(pathSrc, `rule "${id}" path`);
  const ruleId = `gitleaks:${id}`;

  if (regexSrc === undefined) {
    // Path-only rule: the file itself is the finding (e.g. committed keystores).
    return {
      ruleId, kind, severity: 'high', keywords: [], gitleaksIds: [id],
      detect(src, n, emit) {
        if (n === 1 && pathRe!.test(src.path)) emit({ ruleId, kind, severity: 'high', value: src.path, line: 1 });
      },
    };
  }
  const regex = compile(regexSrc, `rule "${id}" regex`, 'g');
  const base = patternDetector({
    ruleId, kind, severity: 'high', keywords, regex,
    // Without secretGroup, gitleaks reports the first capture group that matched (else the match).
    group: group ?? 'first',
    minEntropy: entropy,
    gitleaksIds: [id],
  });
  if (!pathRe) return base;
  return { ...base, detect: (src, n, emit) => (pathRe.test(src.path) ? base.detect(src, n, emit) : undefined) };
}

function toAllowlist(a: Table, what: string): SecretAllowlist {
  const target = a.regexTarget ?? 'secret';
  if (target !== 'secret' && target !== 'match' && target !== 'line') throw new ConfigError(`${what} regexTarget must be secret, match or line`);
  const condition = a.condition === undefined ? 'OR' : String(a.condition).toUpperCase();
  if (condition !== 'OR' && condition !== 'AND') throw new ConfigError(`${what} condition must be OR or AND`);
  const list: SecretAllowlist = {
    paths: optStrings(a.paths, `${what} paths`).map((p) => compile(p, `${what} path`)),
    regexes: optStrings(a.regexes, `${what} regexes`).map((p) => compile(p, `${what} regex`)),
    regexTarget: target,
    stopwords: optStrings(a.stopwords, `${what} stopwords`),
    condition,
  };
  if (typeof a.description === 'string') list.description = a.description;
  const targets = optStrings(a.targetRules, `${what} targetRules`);
  if (targets.length) list.ruleIds = targets;
  return list;
}

function compile(src: string, what: string, flags = ''): RegExp {
  try {
    return goRegex(src, flags);
  } catch (e) {
    throw new ConfigError(`${what} is not a valid regular expression: ${firstLine((e as Error).message)}`);
  }
}

function optString(v: unknown, what: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ConfigError(`${what} must be a string`);
  return v;
}

function optStrings(v: unknown, what: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ConfigError(`${what} must be a list of strings`);
  return v as string[];
}

function arrayOf(v: unknown): Table[] {
  return Array.isArray(v) ? v.filter(isTable) : [];
}

function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function headerLines(text: string, re: RegExp): number[] {
  const out: number[] = [];
  text.split('\n').forEach((l, i) => {
    if (re.test(l)) out.push(i + 1);
  });
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
