// The subcommands, in the order the usage lists them. A new command is one entry here.

import type { CliCommand } from '../command';
import { analyzeCommand } from './analyze';
import { checkCommand } from './check';
import { LIFECYCLE_COMMANDS } from './lifecycle';
import { lossCommand } from './loss';
import { optimalCommand } from './optimal';
import { planCommand } from './plan';

export const COMMANDS: CliCommand[] = [analyzeCommand, checkCommand, optimalCommand, lossCommand, planCommand, ...LIFECYCLE_COMMANDS];
