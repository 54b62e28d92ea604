// Shared helpers for benchmarks: medians, timing, peak RSS of a child process.
import { spawnSync } from 'node:child_process';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function timeRuns(n: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Times a and b in alternation, n rounds, so drift in the machine's speed hits both alike. */
export async function timeAlternating(n: number, a: () => Promise<unknown> | unknown, b: () => Promise<unknown> | unknown): Promise<{ a: number[]; b: number[]; ratios: number[] }> {
  const out = { a: [] as number[], b: [] as number[], ratios: [] as number[] };
  for (let i = 0; i < n; i++) {
    const [ta] = await timeRuns(1, a);
    const [tb] = await timeRuns(1, b);
    out.a.push(ta);
    out.b.push(tb);
    out.ratios.push(tb / ta);
  }
  return out;
}

/** Runs a command under /usr/bin/time -v when available; returns wall ms and peak RSS in MB. */
export function measureProcess(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { ms: number; rssMb?: number; status: number | null; stdout: string } {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd: opts.cwd, env: opts.env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.error) {
    const t2 = performance.now();
    const r2 = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env, encoding: 'utf8', maxBuffer: 1 << 30 });
    return { ms: performance.now() - t2, status: r2.status, stdout: r2.stdout };
  }
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { ms, rssMb: Number.isFinite(kb) ? kb / 1024 : undefined, status: r.status, stdout: r.stdout };
}

export const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
