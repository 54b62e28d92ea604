// Runs helm/kubectl on untrusted repository content: scrubbed environment (no secrets, no proxies,
// no kubeconfig), a private HOME, a wall-clock timeout, an output cap and a memory cap (helm holds
// its whole output in memory before printing any), killing the whole process group; output carrying
// one of the app's own secrets is withheld.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderError } from '../core/types.js';
import type { Limits } from '../config/config.js';
import { leakedSecret, processSecrets, type ProcessSecret } from './secret-env.js';

export interface RunOptions {
  cwd: string;
  timeoutMs: number;
  maxOutputBytes: number;
  /** Resident memory the tool may use (Linux: read from /proc); unlimited when absent. */
  maxMemoryBytes?: number;
  /** Values the output must not contain; defaults to the secrets in this process's environment. */
  secrets?: ProcessSecret[];
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when killed by a signal. */
  code: number | null;
  timedOut: boolean;
  truncated: boolean;
  /** Killed for using more than maxMemoryBytes. */
  memoryExceeded?: boolean;
  /** Set (to the environment variable's name) when the output contained that secret: stdout and stderr are then empty. */
  withheld?: string;
}

const MAX_STDERR_BYTES = 256 * 1024;
const MEMORY_POLL_MS = 50;
/**
 * A single allocation can outrun the RSS poll, so the tool also gets a hard address-space limit
 * (ulimit -v): the memory cap plus what the Go runtime of helm and kubectl reserves up front (~750 MiB).
 */
const ADDRESS_SPACE_HEADROOM = 1024 * 1024 * 1024;
/** Sets the limit, then becomes the tool: same pid, same process group. */
const WITH_ADDRESS_SPACE_LIMIT = 'ulimit -v "$1" 2>/dev/null; shift; exec "$@"';
const GO_OUT_OF_MEMORY = /^(fatal error: (runtime: )?out of memory|runtime: out of memory)/m;

/** Resident memory of a process in bytes, from /proc/PID/status; undefined off Linux or once it has exited. */
function residentBytes(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The only environment a tool sees. Nothing is copied from process.env. */
export function sandboxEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/bin:/bin',
    HOME: home,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    KUBECONFIG: '/dev/null',
  };
}

export function runTool(bin: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const home = mkdtempSync(join(tmpdir(), 'gitops-guard-tool-'));
  return new Promise<RunResult>((resolvePromise) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    let truncated = false;
    let settled = false;

    const [command, argv] =
      opts.maxMemoryBytes === undefined
        ? [bin, args]
        : ['/bin/sh', ['-c', WITH_ADDRESS_SPACE_LIMIT, 'gitops-guard-tool', String(Math.floor((opts.maxMemoryBytes + ADDRESS_SPACE_HEADROOM) / 1024)), bin, ...args]];
    const child = spawn(command, argv, { cwd: opts.cwd, env: sandboxEnv(home), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killGroup = (): void => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, opts.timeoutMs);
    let memoryExceeded = false;
    const memoryWatch = opts.maxMemoryBytes === undefined ? undefined : setInterval(() => {
      const rss = child.pid ? residentBytes(child.pid) : undefined;
      if (rss !== undefined && rss > opts.maxMemoryBytes!) {
        memoryExceeded = true;
        killGroup();
      }
    }, MEMORY_POLL_MS);

    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      const room = opts.maxOutputBytes - outBytes;
      if (chunk.length > room) {
        if (room > 0) out.push(chunk.subarray(0, room));
        outBytes = opts.maxOutputBytes;
        truncated = true;
        child.stdout.destroy();
        killGroup();
        return;
      }
      out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes >= MAX_STDERR_BYTES) return;
      err.push(chunk.subarray(0, MAX_STDERR_BYTES - errBytes));
      errBytes += chunk.length;
    });

    const finish = (code: number | null, spawnError?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(memoryWatch);
      const stderr = Buffer.concat(err).toString('utf8') + (spawnError ? `${spawnError.message}\n` : '');
      const stdout = Buffer.concat(out).toString('utf8');
      if (opts.maxMemoryBytes !== undefined && code !== 0 && GO_OUT_OF_MEMORY.test(stderr)) memoryExceeded = true;
      const withheld = leakedSecret([stdout, stderr], opts.secrets ?? processSecrets());
      const result: RunResult = withheld ? { stdout: '', stderr: '', code, timedOut, truncated, memoryExceeded, withheld } : { stdout, stderr, code, timedOut, truncated, memoryExceeded };
      // Asynchronous: deleting files is slow on some disks and must not hold up the other renders.
      void rm(home, { recursive: true, force: true }).catch(() => undefined).then(() => resolvePromise(result));
    };
    child.on('error', (e) => finish(null, e));
    child.on('close', (code) => finish(timedOut || truncated || memoryExceeded ? null : code));
  });
}

/** The run limits of a render, from the configuration's `limits`. */
export function renderLimits(limits: Limits): Pick<RunOptions, 'timeoutMs' | 'maxOutputBytes' | 'maxMemoryBytes'> {
  return { timeoutMs: limits.renderTimeoutMs, maxOutputBytes: limits.maxRenderOutputBytes, maxMemoryBytes: limits.maxRenderMemoryBytes };
}

/** The error for a run stopped by a limit or withheld for carrying a secret; undefined for a run that finished. */
export function stoppedRunError(run: RunResult, at: { path: string; line: number }, opts: Pick<RunOptions, 'timeoutMs' | 'maxOutputBytes' | 'maxMemoryBytes'>): RenderError | undefined {
  if (run.withheld) return { ...at, ruleId: 'secret-leak', message: `output withheld: it contains the value of the app's ${run.withheld} environment variable` };
  if (run.timedOut) return { ...at, ruleId: 'limit-exceeded', message: `stopped after the render timeout of ${opts.timeoutMs} ms` };
  if (run.memoryExceeded) return { ...at, ruleId: 'limit-exceeded', message: `stopped: memory use exceeds the limit of ${opts.maxMemoryBytes} bytes` };
  if (run.truncated) return { ...at, ruleId: 'limit-exceeded', message: `stopped: output exceeds the limit of ${opts.maxOutputBytes} bytes` };
  return undefined;
}
