// Scans listed files for secrets on one thread or several (--threads): the main thread and worker
// threads claim files one at a time from a shared counter (largest first), so a thread that starts
// late or draws a slow file simply claims fewer. Results come back in the order the files were listed, whoever scanned them.
import { Worker } from 'node:worker_threads';
import { readTarget, type FileTarget } from './files.js';
import { GITLEAKS_CONFIG, GITLEAKS_IGNORE, loadRepoSecretConfig, type RepoSecretConfig } from './gitleaks/config.js';
import { scanBytes } from './scan.js';
import type { SecretFinding } from './types.js';

/** The repository's .gitleaks.toml and .gitleaksignore texts: workers rebuild the rules from them. */
export interface RepoSecretSources {
  gitleaksToml?: string;
  gitleaksIgnore?: string;
}

export type FileScanResult = { path: string; findings: SecretFinding[] } | { path: string; skipped: string };

export interface ScanFilesOptions {
  maxFileBytes: number;
  /** The rules and suppressions built from `sources`, when the caller has them already. */
  repoConfig?: RepoSecretConfig;
  /**
   * Threads in all, the main one included (default 1). Each thread pays its own start-up and JIT
   * warm-up (~100 ms for the first 2 MB); on a 2-vCPU VM two threads measured slower than one.
   */
  threads?: number;
}

/** Below this many bytes in all, a worker's start-up (~20–40 ms) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

export interface ClaimJob {
  files: FileTarget[];
  sources: RepoSecretSources;
  maxFileBytes: number;
  /** Int32Array over a SharedArrayBuffer: [0] is the next unclaimed index into `order`. */
  next: SharedArrayBuffer;
  /** Indexes into files, largest file first. */
  order: number[];
}

export function readerOf(sources: RepoSecretSources): (path: string) => string | undefined {
  return (p) => (p === GITLEAKS_CONFIG ? sources.gitleaksToml : p === GITLEAKS_IGNORE ? sources.gitleaksIgnore : undefined);
}

/** Claims and scans files until none are left; returns [index, result] pairs. Runs on any thread. */
export function claimAndScan(job: ClaimJob, repoConfig: RepoSecretConfig = loadRepoSecretConfig(readerOf(job.sources))): [number, FileScanResult][] {
  const next = new Int32Array(job.next);
  const out: [number, FileScanResult][] = [];
  for (let k = Atomics.add(next, 0, 1); k < job.order.length; k = Atomics.add(next, 0, 1)) {
    const i = job.order[k];
    const t = job.files[i];
    const read = readTarget(t, job.maxFileBytes);
    out.push([i, 'skipped' in read ? { path: t.path, skipped: read.skipped } : { path: t.path, findings: scanBytes(read.bytes, t.path, repoConfig) }]);
  }
  return out;
}

function workerUrl(): { url: URL; eval?: string } {
  const own = import.meta.url;
  if (!own.endsWith('.ts')) return { url: new URL('./scan-worker.js', own) };
  // Running from sources (tsx, vitest): the worker registers tsx before importing the TypeScript.
  const ts = new URL('./scan-worker.ts', own);
  const tsx = import.meta.resolve('tsx/esm/api'); // from here: the eval'd worker resolves from the current folder
  return { url: ts, eval: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ts.href)}); })` };
}

function startWorker(job: ClaimJob): Promise<[number, FileScanResult][]> {
  const where = workerUrl();
  const worker = where.eval ? new Worker(where.eval, { eval: true, workerData: job }) : new Worker(where.url, { workerData: job });
  return new Promise((resolve, reject) => {
    let result: [number, FileScanResult][] | undefined;
    worker.once('message', (m: [number, FileScanResult][]) => (result = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`secret-scanning worker exited with code ${code} before reporting`))));
  });
}

export async function scanFiles(files: FileTarget[], sources: RepoSecretSources, opts: ScanFilesOptions): Promise<FileScanResult[]> {
  const total = files.reduce((n, f) => n + f.bytes, 0);
  const threads = Math.max(1, Math.min(opts.threads ?? 1, files.length));
  const order = files.map((_, i) => i).sort((a, b) => files[b].bytes - files[a].bytes || a - b);
  const job: ClaimJob = { files, sources, maxFileBytes: opts.maxFileBytes, next: new SharedArrayBuffer(4), order };
  const workers = threads > 1 && total >= PARALLEL_MIN_BYTES ? Array.from({ length: threads - 1 }, () => startWorker(job)) : [];
  const results: FileScanResult[] = new Array(files.length);
  let failure: unknown;
  try {
    for (const [i, r] of claimAndScan(job, opts.repoConfig)) results[i] = r;
  } catch (e) {
    Atomics.store(new Int32Array(job.next), 0, order.length); // the workers stop claiming
    failure = e;
  } finally {
    // Every worker is awaited, also when this thread failed, so none outlives the command.
    for (const settled of await Promise.allSettled(workers)) {
      if (settled.status === 'fulfilled') for (const [i, r] of settled.value) results[i] = r;
      else failure ??= settled.reason;
    }
  }
  if (failure) throw failure;
  return results;
}
