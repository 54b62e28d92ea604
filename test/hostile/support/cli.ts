// Runs the built CLI (`npm run build` first; `npm test` does) in a child process: exit code, output
// and, when asked, the child's peak resident memory.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = `${ROOT}bin/gitops-guard.js`;
const MAX_RSS_PRELOAD = fileURLToPath(new URL('./max-rss.mjs', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set of the node process, in bytes (only with measureMemory). */
  maxRssBytes?: number;
  /** Peak resident set of the largest process in the tree, in bytes (only with measureTree). */
  treeMaxRssBytes?: number;
}

const GNU_TIME = '/usr/bin/time';

/**
 * measureMemory: the node process's own peak (preload). measureTree: the peak of the largest process of
 * the whole tree, helm and kubectl included (GNU time reports the children's ru_maxrss).
 */
export function runCli(args: string[], opts: { cwd?: string; measureMemory?: boolean; measureTree?: boolean; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliRun {
  const nodeArgs = opts.measureMemory ? ['--import', MAX_RSS_PRELOAD, BIN, ...args] : [BIN, ...args];
  if (opts.measureTree && !existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} (Debian package "time") is needed to measure the peak memory of the process tree`);
  const [cmd, cmdArgs] = opts.measureTree ? [GNU_TIME, ['-f', 'gitops-guard-test-treemaxrss=%M', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const r = spawnSync(cmd, cmdArgs, {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 120_000,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
  });
  let stderr = r.stderr ?? '';
  let treeMaxRssBytes: number | undefined;
  const t = /\n?gitops-guard-test-treemaxrss=(\d+)\n?$/.exec(stderr);
  if (t) {
    treeMaxRssBytes = Number(t[1]) * 1024;
    stderr = stderr.slice(0, t.index);
  }
  let maxRssBytes: number | undefined;
  const m = /\ngitops-guard-test-maxrss=(\d+)\n?$/.exec(stderr);
  if (m) {
    maxRssBytes = Number(m[1]) * 1024;
    stderr = stderr.slice(0, m.index);
  }
  return { code: r.status, stdout: r.stdout ?? '', stderr, maxRssBytes, treeMaxRssBytes };
}

export function findingsOf(run: CliRun): { ruleId: string; path: string; line: number; message: string; severity: string; introduced?: boolean }[] {
  try {
    return (JSON.parse(run.stdout) as { findings: ReturnType<typeof findingsOf> }).findings;
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 500)}`);
  }
}
