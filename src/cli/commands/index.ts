// Every CLI subcommand registers itself here (one line each).
import type { Command } from 'commander';

export type CommandRegistrar = (program: Command) => void;

export const registrars: CommandRegistrar[] = [];
