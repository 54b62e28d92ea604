// Every CLI subcommand registers itself here (one line each).
import type { Command } from 'commander';
import { register as pss } from './pss.js';
import { register as review } from './review.js';
import { register as rules } from './rules.js';
import { register as scan } from './scan.js';
import { register as secrets } from './secrets.js';

export type CommandRegistrar = (program: Command) => void;

export const registrars: CommandRegistrar[] = [scan, review, rules, pss, secrets];
