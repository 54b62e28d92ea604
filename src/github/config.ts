// The repository's configuration as Probot reads it: `.github/gitops-guard.yml` at the commit the
// review trusts (the tip of the target branch: never the PR head, so a change cannot relax
// its own gate), falling back to the owner's `.github` repository, following `_extends` (org
// defaults, read from their default branch). Files merge deeply, the repository's own file winning.
// Validation uses the CLI's schema; an error names the file and the line, read from the file's raw text.
import { ConfigError, parseConfig, resolveConfig, type ResolvedConfig } from '../config/config.js';
import { statusOf, type GitHubClient, type RepoRef } from './client.js';

export const APP_CONFIG_PATH = '.github/gitops-guard.yml';

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of config objects, later ones winning; arrays are replaced, not concatenated. */
export function mergeConfigs(configs: Plain[]): Plain {
  const out: Plain = {};
  for (const c of configs) {
    for (const [k, v] of Object.entries(c)) out[k] = isPlain(v) && isPlain(out[k]) ? mergeConfigs([out[k] as Plain, v]) : v;
  }
  return out;
}

interface LoadedFile {
  owner: string;
  repo: string;
  path: string;
  config: Plain | null;
}

function displayPath(file: { owner: string; repo: string; path: string }, home: RepoRef): string {
  return file.owner === home.owner && file.repo === home.repo ? file.path : `${file.owner}/${file.repo}:${file.path}`;
}

interface ConfigFile {
  owner: string;
  repo: string;
  path: string;
  /** Commit to read at; none for other repositories' files (their default branch, as Probot reads them). */
  ref?: string;
}

async function rawText(octokit: GitHubClient, file: ConfigFile): Promise<string | undefined> {
  try {
    const res = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: file.owner, repo: file.repo, path: file.path, ...(file.ref ? { ref: file.ref } : {}), mediaType: { format: 'raw' } });
    return typeof res.data === 'string' ? res.data : undefined;
  } catch {
    return undefined;
  }
}

/** Re-reads a file that failed to parse or validate, so the error carries its line. */
async function explain(octokit: GitHubClient, file: ConfigFile, home: RepoRef, fallback: string): Promise<ConfigError> {
  const where = displayPath(file, home);
  const text = await rawText(octokit, file);
  if (text !== undefined) {
    try {
      parseConfig(text, where);
    } catch (e) {
      if (e instanceof ConfigError) return e;
    }
  }
  return new ConfigError(fallback, where, 1);
}

export interface AppConfig {
  config: ResolvedConfig;
  /** Files the config came from, repository first. */
  sources: string[];
}

/** The configuration at commit `sha` of the repository (the tip of the branch the PR targets). */
export async function loadAppConfig(octokit: GitHubClient, ref: RepoRef, sha: string): Promise<AppConfig> {
  const own: ConfigFile = { ...ref, path: APP_CONFIG_PATH, ref: sha };
  // Probot reads only the repository's own file at `branch`; `_extends` and `.github` files at their default branch.
  const at = (file: { owner: string; repo: string; path: string }): ConfigFile =>
    (file.owner === own.owner && file.repo === own.repo && file.path === own.path ? own : file);
  let files: LoadedFile[];
  try {
    ({ files } = await octokit.config.get<Plain>({ ...ref, path: APP_CONFIG_PATH, branch: sha }));
  } catch (e) {
    if (statusOf(e) !== undefined) throw e; // GitHub failed to answer: not a configuration problem
    const message = e instanceof Error ? e.message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, '') : String(e);
    const bad = /from (\S+) \(/.exec(message)?.[1];
    const file = bad ? fileOfUrl(bad) ?? own : own;
    throw await explain(octokit, at(file), ref, `invalid config: ${message}`);
  }
  const present = files.filter((f): f is LoadedFile & { config: Plain } => f.config !== null);
  // Each file alone must be valid: the error then points into the file that holds it.
  for (const f of present) {
    try {
      resolveConfig(f.config, displayPath(f, ref));
    } catch (e) {
      if (e instanceof ConfigError) throw await explain(octokit, at(f), ref, e.message.slice(`${e.path}:${e.line}: `.length));
      throw e;
    }
  }
  const merged = mergeConfigs([...present].reverse().map((f) => f.config));
  return { config: resolveConfig(present.length ? merged : null, present[0] ? displayPath(present[0], ref) : APP_CONFIG_PATH), sources: present.map((f) => displayPath(f, ref)) };
}

/** owner/repo/path of a contents API URL (…/repos/{owner}/{repo}/contents/{path}). */
function fileOfUrl(url: string): { owner: string; repo: string; path: string } | undefined {
  const m = /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?]+)/.exec(url);
  return m ? { owner: decodeURIComponent(m[1]), repo: decodeURIComponent(m[2]), path: decodeURIComponent(m[3]) } : undefined;
}
