// Bundles each Lambda function into one ESM file (plus its source map) under build/lambda/, with
// esbuild. Everything is bundled, the AWS SDK included: the runtime's preinstalled SDK is a tree of
// hundreds of unbundled files whose import alone costs more than our whole init budget. The build
// fails if a development dependency ended up in a bundle.
// Run: node --import tsx scripts/build-lambda.ts [--outdir DIR]   (default build/lambda)
import { build, type Metafile, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAMBDA_FUNCTIONS = ['webhooks', 'worker'] as const;
export type LambdaFunction = (typeof LAMBDA_FUNCTIONS)[number];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const lambdaBuildDir = join(root, 'build', 'lambda');

/**
 * The webhooks function only enqueues (app.ts is loaded with `enqueue`), so the review pipeline
 * behind src/app/review-job.ts — engine, renderers, rules — is left out of its bundle. Should
 * anything call it there, it fails loudly; should app.ts import another value from it, the build
 * fails ("No matching export").
 */
const enqueueOnly: Plugin = {
  name: 'enqueue-only',
  setup(b) {
    const reviewJob = join(root, 'src', 'app', 'review-job.ts');
    b.onResolve({ filter: /\/review-job\.js$/ }, (args) => (resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === reviewJob ? { path: reviewJob, namespace: 'enqueue-only' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'enqueue-only' }, () => ({
      loader: 'js',
      contents: "export async function runReviewJob() { throw new Error('reviews run in the worker function; the webhooks function only enqueues them'); }",
    }));
  },
};

/** Names of the npm packages a bundle's inputs come from ("@scope/name" or "name"). */
export function bundledPackages(metafile: Metafile): Set<string> {
  const names = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const [first, second] = input.slice(at + 'node_modules/'.length).split('/');
    names.add(first.startsWith('@') ? `${first}/${second}` : first);
  }
  return names;
}

export async function buildLambda(fn: LambdaFunction, outdir = lambdaBuildDir): Promise<{ outfile: string; metafile: Metafile }> {
  const outfile = join(outdir, `${fn}.mjs`);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src', 'app', `lambda-${fn}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // ESM builds first: they tree-shake (the AWS SDK's dist-es especially).
    mainFields: ['module', 'main'],
    minify: true,
    keepNames: true, // error types stay readable in logs
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: fn === 'webhooks' ? [enqueueOnly] : [],
    // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { outfile, metafile: result.metafile };
}

function devDependencies(): Set<string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  return new Set(Object.keys(pkg.devDependencies ?? {}));
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--outdir');
  const outdir = at > 0 ? resolve(process.argv[at + 1] ?? '') : lambdaBuildDir;
  const dev = devDependencies();
  for (const fn of LAMBDA_FUNCTIONS) {
    const { outfile, metafile } = await buildLambda(fn, outdir);
    const leaked = [...bundledPackages(metafile)].filter((p) => dev.has(p));
    if (leaked.length) throw new Error(`${fn} bundle contains development dependencies: ${leaked.join(', ')}`);
    const bytes = Object.values(metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
    process.stdout.write(`${outfile}  ${(bytes / 1024).toFixed(0)} KiB\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`build-lambda: ${(e as Error).message}\n`);
    process.exit(2);
  });
}
