// Strict flag parsing for subcommands: Node's util.parseArgs, with its errors and every numeric
// value turned into one-line usage errors (the ranges are the plan keys', validate.ts).

import { parseArgs } from 'node:util';
import { parseQuantity, type QuantityKind } from '../../config/quantity';
import { checkValue } from '../../engine';
import { CliUsageError } from '../command';

export type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;
export type FlagValues = Record<string, string | boolean | undefined>;

export function parseFlags(argv: string[], options: FlagSpec, allowPositionals = false): { values: FlagValues; positionals: string[] } {
  // --help (or -h) answers with the command's help whatever else is on the line.
  if (options.help && argv.some((a) => a === '--help' || a === '-h')) return { values: { help: true }, positionals: [] };
  try {
    const r = parseArgs({ args: argv, options, strict: true, allowPositionals });
    return { values: r.values as FlagValues, positionals: r.positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const msg = (e as Error).message;
    const opt = /'(--?[^' ]+)/.exec(msg)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliUsageError(`unknown option ${opt}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new CliUsageError(`unexpected argument ${/'([^']*)'/.exec(msg)?.[1] ?? ''}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new CliUsageError(`${opt} needs a value`);
    throw new CliUsageError(msg.split('\n')[0]);
  }
}

/** A numeric flag as a quantity (7B, 1.4T, 40%, $2), checked against the plan key it stands for. */
export function numberFlag(v: FlagValues, name: string, kind: QuantityKind, field?: string): number | undefined {
  const raw = v[name];
  if (raw === undefined) return undefined;
  const p = parseQuantity(String(raw), kind);
  if (!p.ok) throw new CliUsageError(`--${name}: ${p.error}`);
  const bad = field ? checkValue(field, p.value) : undefined;
  if (bad) throw new CliUsageError(`--${name} ${String(raw)}: ${bad}`);
  return p.value;
}

export function requiredNumber(v: FlagValues, name: string, kind: QuantityKind, field?: string): number {
  const x = numberFlag(v, name, kind, field);
  if (x === undefined) throw new CliUsageError(`--${name} is required`);
  return x;
}

export function choiceFlag<T extends string>(v: FlagValues, name: string, choices: readonly T[]): T | undefined {
  const raw = v[name];
  if (raw === undefined) return undefined;
  if (!choices.includes(raw as T)) throw new CliUsageError(`--${name} must be one of ${choices.join(', ')} (got "${String(raw)}")`);
  return raw as T;
}

export const json = (obj: unknown): string => JSON.stringify(obj, null, 2) + '\n';
