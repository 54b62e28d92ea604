// gitops-guard scan [PATH]: every unit of a directory, every file scanned for secrets.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { rulesFor } from '../../../rules/index.js';
import { collapseEnvironments } from '../../engine/collapse.js';
import { evaluate } from '../../engine/evaluate.js';
import { secretLinesFrom, withoutSecretShowingFixes } from '../../engine/fix-secrets.js';
import { scanSnapshot, withoutFixesRulesGive } from '../../engine/secret-findings.js';
import { discover } from '../../workspace/discover.js';
import { DirSnapshot } from '../../workspace/dir-snapshot.js';
import { unreviewedFileFindings } from '../../workspace/unreviewed.js';
import { CliExit } from '../exit.js';
import { configFor } from '../load-config.js';
import { exitCodeFor, formatFindings } from '../output.js';
import { parseFailOn, parseFormat } from '../options.js';

export interface ScanOptions { format: string; failOn?: string; config?: string }

export async function runScan(path: string, opts: ScanOptions): Promise<void> {
  const format = parseFormat(opts.format);
  const failOn = parseFailOn(opts.failOn);
  const dir = resolve(path);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${path}: not a directory`);
  const config = await configFor(new DirSnapshot('working-tree', dir), opts.config);
  const snapshot = new DirSnapshot('working-tree', dir, { maxFileBytes: config.limits.maxFileBytes });
  if (failOn) config.failOn = failOn;
  const discovery = discover(snapshot, config.ignorePaths);
  const { findings } = await evaluate(discovery.units, discovery, snapshot, config, rulesFor(config));
  const secrets = scanSnapshot(snapshot, config);
  // The snapshot scan already knows every line holding a secret: a fix keeping one is left out.
  const ruleFindings = withoutSecretShowingFixes(collapseEnvironments(findings), snapshot, secretLinesFrom(secrets));
  const all = [...ruleFindings, ...withoutFixesRulesGive(secrets, ruleFindings), ...unreviewedFileFindings(snapshot, config)];
  process.stdout.write(formatFindings(all, format, {}, `gitops-guard scan ${path}: ${discovery.units.length} units`));
  throw new CliExit(exitCodeFor(all, config.failOn));
}
