// gitops-guard pss --level baseline|restricted [--version v1.N|latest] PATH...: would these pods be
// admitted by a namespace enforcing that Pod Security Standard? One result per pod-bearing object.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RenderError } from '../../core/types.js';
import { evaluateManifest, type ManifestResult } from '../../pss/manifests.js';
import { isPssLevel, parseVersion } from '../../pss/index.js';
import { CliExit } from '../exit.js';

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** YAML files under each PATH (files as given, folders recursively), in a stable order. */
export function yamlFilesOf(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
        out.push(full);
      }
    }
  };
  for (const p of paths) {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) throw new Error(`${p}: no such file or directory`);
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function toText(results: ManifestResult[], errors: RenderError[], policy: string): string {
  const lines: string[] = [];
  for (const r of results) {
    const who = `${r.object.kind}/${r.object.name}`;
    if (r.allowed) {
      lines.push(`${r.path}:${r.line}: ${who}: allowed by ${policy}`);
      continue;
    }
    lines.push(`${r.path}:${r.line}: ${who}: DENIED by ${policy}`);
    for (const v of r.violations) lines.push(`  ${r.path}:${v.line}: [${v.check}] ${v.message}`);
  }
  for (const e of errors) lines.push(`${e.path}:${e.line}: error: ${e.message}`);
  const denied = results.filter((r) => !r.allowed).length;
  lines.push(`${results.length} pod-bearing objects, ${denied} denied, ${errors.length} unreadable`);
  return lines.join('\n') + '\n';
}

export interface PssOptions {
  level: string;
  version: string;
  format: string;
}

export function runPss(paths: string[], opts: PssOptions): void {
  if (!isPssLevel(opts.level)) throw new Error(`unknown --level "${opts.level}" (expected baseline|restricted|privileged)`);
  if (opts.format !== 'json' && opts.format !== 'text') throw new Error(`unknown --format "${opts.format}" (expected json|text)`);
  const version = parseVersion(opts.version).label;
  const level = opts.level;
  const results: ManifestResult[] = [];
  const errors: RenderError[] = [];
  for (const file of yamlFilesOf(paths)) {
    const path = displayPath(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      errors.push({ path, line: 1, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    const r = evaluateManifest(text, path, level, version);
    results.push(...r.results);
    errors.push(...r.errors);
  }
  const policy = `${level}:${version}`;
  if (opts.format === 'json') {
    process.stdout.write(JSON.stringify({ policy, results, errors }, null, 2) + '\n');
  } else {
    process.stdout.write(toText(results, errors, policy));
  }
  for (const e of errors) process.stderr.write(`gitops-guard pss: ${e.path}:${e.line}: ${e.message}\n`);
  throw new CliExit(results.some((r) => !r.allowed) || errors.length > 0 ? 1 : 0);
}
