// Runs one CLI command in-process through commander, the way main.ts registers it, capturing its
// output and exit code (CliExit → its code; usage errors and other throws → 2, as main.ts maps them).
import { Command } from 'commander';
import { vi } from 'vitest';
import type { CommandRegistrar } from '../../src/cli/commands/index.js';
import { CliExit } from '../../src/cli/exit.js';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCommand(register: CommandRegistrar, name: string, args: string[]): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { stdout += String(s); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr += String(s); return true; });
  const program = new Command('gitops-guard').exitOverride().configureOutput({ writeErr: (s) => { stderr += s; } });
  register(program);
  let code = 0;
  try {
    await program.parseAsync(['node', 'gitops-guard', name, ...args]);
  } catch (e) {
    if (e instanceof CliExit) code = e.code;
    else if ((e as { exitCode?: number }).exitCode !== undefined) code = 2;
    else { stderr += (e as Error).message; code = 2; }
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { code, stdout, stderr };
}
