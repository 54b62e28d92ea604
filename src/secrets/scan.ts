// scanText: keyword prefilter (one pass) → detectors on the lines that hit → decoded Secret data
// → dedupe → suppressions → findings carrying a redacted preview and a fingerprint, never the value.
import { isAscii } from 'node:buffer';
import { builtInDetectors } from './detectors/index.js';
import { buildFix } from './fix.js';
import { KeywordAutomaton, type KeyScreening } from './keyword-automaton.js';
import { decodeBase64Text, secretDataEntries } from './kube-secret-data.js';
import { credentialsSecretName, environmentOf, serviceOf } from './names.js';
import { redact, secretFingerprint } from './redact.js';
import { looksBinary, makeAsciiSource, makeSource } from './source.js';
import { allowlisted, ignoreKeys, inlineIgnoreLine, listItemStart } from './suppress.js';
import type { Candidate, Detector, ScanOptions, ScanSource, SecretFinding } from './types.js';

export const SECRET_REFS = ['REQ-429', 'REQ-435'];

interface Prefilter {
  detectors: Detector[];
  automaton: KeywordAutomaton;
  /** keyword id → detector indexes */
  byKeyword: number[][];
  /** detectors without keywords: run on every line */
  always: number[];
}

const prefilterCache = new WeakMap<readonly Detector[], Prefilter>();

function prefilterFor(detectors: Detector[], cacheKey?: readonly Detector[]): Prefilter {
  const cached = cacheKey && prefilterCache.get(cacheKey);
  if (cached) return cached;
  const ids = new Map<string, number>();
  const byKeyword: number[][] = [];
  const always: number[] = [];
  detectors.forEach((d, di) => {
    if (d.keywords.length === 0) always.push(di);
    for (const kw of d.keywords) {
      const k = kw.toLowerCase();
      let id = ids.get(k);
      if (id === undefined) {
        id = ids.size;
        ids.set(k, id);
        byKeyword.push([]);
      }
      if (!byKeyword[id].includes(di)) byKeyword[id].push(di);
    }
  });
  const p = { detectors, automaton: new KeywordAutomaton([...ids.keys()], {}, keyScreening(detectors, byKeyword)), byKeyword, always };
  if (cacheKey) prefilterCache.set(cacheKey, p);
  return p;
}

/** The keywords whose every detector screens its lines with one and the same key verdict. */
function keyScreening(detectors: Detector[], byKeyword: number[][]): KeyScreening | undefined {
  const accepts = detectors.find((d) => d.keyScreen)?.keyScreen;
  if (!accepts) return undefined;
  const keywordIds = byKeyword.flatMap((dis, id) => (dis.every((di) => detectors[di].keyScreen === accepts) ? [id] : []));
  return keywordIds.length ? { keywordIds, accepts } : undefined;
}

interface Ranked extends Candidate {
  rank: number;
}

/** Runs every detector whose keywords occur on a line over that line; `utf8`: the text's bytes, when known. */
function detect(src: ScanSource, pf: Prefilter, utf8?: Uint8Array): Ranked[] {
  const out: Ranked[] = [];
  const lastLine = new Int32Array(pf.detectors.length);
  let rank = 0;
  const emit = (c: Candidate): void => {
    out.push({ ruleId: c.ruleId, kind: c.kind, severity: c.severity, value: c.value, line: c.line, endLine: c.endLine, key: c.key, fixHint: c.fixHint, via: c.via, match: c.match, rank });
  };
  const run = (di: number, line: number): void => {
    if (lastLine[di] === line) return;
    lastLine[di] = line;
    rank = di;
    pf.detectors[di].detect(src, line, emit);
  };
  pf.automaton.scan(utf8 ?? src.text, (line, kw) => {
    const dis = pf.byKeyword[kw];
    for (let i = 0; i < dis.length; i++) run(dis[i], line);
  });
  if (pf.always.length) {
    for (let n = 1; n <= src.lineCount; n++) for (const di of pf.always) run(di, n);
  }
  return out;
}

/**
 * Candidates from the decoded base64 `data:` of Kubernetes Secrets, reported on the entry's line,
 * and the lines of the entries that decoded (their raw base64 is not scanned again).
 */
function detectSecretData(src: ScanSource, pf: Prefilter): { found: Ranked[]; decodedLines: Set<number> } {
  const found: Ranked[] = [];
  const decodedLines = new Set<number>();
  for (const e of secretDataEntries(src)) {
    const decoded = decodeBase64Text(e.base64);
    if (decoded === undefined) continue;
    for (let n = e.line; n <= e.endLine; n++) decodedLines.add(n);
    // Single-line values are scanned as `key: value` so key-based detectors see the key.
    const inner = decoded.includes('\n') ? decoded : `${e.key}: ${JSON.stringify(decoded)}`;
    for (const c of detect(makeSource(inner, src.path), pf)) {
      found.push({ ...c, line: e.line, endLine: e.endLine > e.line ? e.endLine : undefined, fixHint: undefined, via: `base64 data "${e.key}" of a Secret` });
    }
  }
  return { found, decodedLines };
}

/** Keeps one candidate per secret per line: the most specific detector's. */
function dedupe(cands: Ranked[]): Ranked[] {
  const byLine = new Map<number, Ranked[]>();
  for (const c of cands) {
    const list = byLine.get(c.line) ?? [];
    list.push(c);
    byLine.set(c.line, list);
  }
  const out: Ranked[] = [];
  for (const list of byLine.values()) {
    list.sort((a, b) => a.rank - b.rank);
    const kept: Ranked[] = [];
    for (const c of list) {
      if (!kept.some((k) => k.value === c.value || c.value.includes(k.value) || k.value.includes(c.value))) kept.push(c);
    }
    out.push(...kept);
  }
  return out.sort((a, b) => a.line - b.line || a.rank - b.rank);
}

function touches(lines: Set<number>, c: Candidate): boolean {
  for (let n = c.line; n <= (c.endLine ?? c.line); n++) if (lines.has(n)) return true;
  return false;
}


/** Detectors and their prefilter for the options' extra rules. */
function prefilterOf(opts: ScanOptions): Prefilter {
  const extra = opts.extraRules ?? [];
  const detectors = extra.length ? [...builtInDetectors, ...extra] : (builtInDetectors as Detector[]);
  return prefilterFor(detectors, extra.length ? opts.extraRules : builtInDetectors);
}

export function scanText(text: string, path: string, opts: ScanOptions = {}): SecretFinding[] {
  if (looksBinary(text)) return [];
  return scanSource(makeSource(text, path), prefilterOf(opts), opts);
}

/**
 * scanText over a file's bytes: an ASCII text (most are) is read from its bytes, its lines
 * decoded only where a detector reads them; any other is decoded first.
 */
export function scanBytes(bytes: Uint8Array, path: string, opts: ScanOptions = {}): SecretFinding[] {
  if (looksBinary(bytes)) return [];
  const pf = prefilterOf(opts);
  const starts = isAscii(bytes) ? pf.automaton.lineStarts(bytes) : undefined;
  if (!starts) return scanText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), path, opts);
  return scanSource(makeAsciiSource(bytes, path, starts), pf, opts, bytes);
}

function scanSource(src: ScanSource, pf: Prefilter, opts: ScanOptions, utf8?: Uint8Array): SecretFinding[] {
  const path = src.path;
  const detectors = pf.detectors;
  const secretData = detectSecretData(src, pf);
  const raw = detect(src, pf, utf8).filter((c) => !secretData.decodedLines.has(c.line));
  const all = dedupe([...raw, ...secretData.found]);
  const findings: SecretFinding[] = [];
  const allowlist = opts.allowlist ?? [];
  for (const c of all) {
    if (opts.lines && !touches(opts.lines, c)) continue;
    const det = detectors[c.rank];
    const aliases = [c.ruleId, ...(det.gitleaksIds ?? [])];
    // An env entry's `value:` can be silenced above its `- name:` line too, where a reader writes the comment.
    const ignoredAt = inlineIgnoreLine(src, c.line, c.ruleId, c.fixHint === 'env-value' ? listItemStart(src, c.line) : c.line);
    const unheeded = ignoredAt !== undefined && opts.unheededIgnores?.lines.has(ignoredAt);
    if (ignoredAt !== undefined && !unheeded) continue;
    if (allowlist.length && allowlisted(allowlist, c, path, src.line(c.line), aliases)) continue;
    const fingerprint = secretFingerprint(c.ruleId, path, c.value);
    if (opts.ignore?.size && ignoreKeys(fingerprint, path, c.line, aliases).some((k) => opts.ignore!.has(k))) continue;
    const f = toFinding(src, c, fingerprint, opts);
    if (unheeded) f.message += ` ${opts.unheededIgnores!.note}`;
    findings.push(f);
  }
  return findings;
}

function toFinding(src: ScanSource, c: Candidate, fingerprint: string, opts: ScanOptions): SecretFinding {
  const preview = redact(c.value);
  const where = c.via ? ` in the ${c.via}` : '';
  const secretName = credentialsSecretName(opts.service ?? serviceOf(src, c.line), opts.environment ?? environmentOf(src.path));
  const f: SecretFinding = {
    ruleId: c.ruleId,
    refs: [...SECRET_REFS],
    severity: c.severity,
    message: `${c.kind[0].toUpperCase()}${c.kind.slice(1)} (${preview}) hardcoded${where}: reference it from a Secret such as ${secretName} (REQ-429) and rotate it, it is already in git history.`,
    path: src.path,
    line: c.line,
    fingerprint,
    kind: c.kind,
    preview,
  };
  if (c.endLine !== undefined && c.endLine !== c.line) f.endLine = c.endLine;
  const fix = buildFix(src, c, secretName);
  if (fix) f.fix = fix;
  return f;
}
