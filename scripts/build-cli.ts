// Bundles the CLI into dist/bundle/cli/ with esbuild: one file per entry (the CLI, the secret-scanning
// worker) plus shared chunks that commands load lazily. Resolving and loading ~200 separate modules
// cost more start-up than the CLI's own work on small inputs; a bundle loads in a few reads.
// Run: node --import tsx scripts/build-cli.ts   (part of `npm run build`)
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const cliBundleDir = join(root, 'dist', 'bundle', 'cli');

export async function buildCli(outdir = cliBundleDir): Promise<void> {
  // Chunk names carry content hashes, so the bundle is written to a fresh folder (no chunks of an
  // earlier build left behind) and swapped in at once: a CLI started during a build still finds a
  // whole bundle.
  const fresh = `${outdir}.building-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  await bundle(fresh);
  const old = `${outdir}.old-${process.pid}`;
  if (existsSync(outdir)) renameSync(outdir, old);
  renameSync(fresh, outdir);
  rmSync(old, { recursive: true, force: true });
}

async function bundle(outdir: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts', 'scan-worker': 'src/secrets/scan-worker.ts' },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().catch((e) => {
    process.stderr.write(`build-cli: ${(e as Error).message}\n`);
    process.exit(2);
  });
}
