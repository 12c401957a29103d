// Flags through Node's util.parseArgs (strict): unknown options, extra arguments and values out of
// the plan key's range are usage errors with the same one-line messages everywhere.

import { parseArgs } from 'node:util';
import { parseQuantity, type QuantityKind } from '../read/quantity';
import { checkValue, FIELDS, FLAG_FIELDS, isNumericKind, type FieldKind } from '../engine';
import { CliUsageError } from './command';

export type FlagKind = QuantityKind | 'string' | 'bool';

/** Flags that set no field of the run, with how their value is read. */
const OTHER_FLAGS: Record<string, FlagKind> = {
  json: 'bool', help: 'bool', law: 'string', accelerator: 'string', format: 'string', 'max-severity': 'string', 'stdin-name': 'string', experts: 'string',
  model: 'string', precision: 'string', 'kv-precision': 'string',
};

/**
 * Every flag any command takes, with how its value is read: a flag that sets a field (the
 * registry's `flags`) is read as that field's kind and must respect its range, the bounds a plan
 * file gets: --count a whole number 1–1e7, --mfu 0.001–1, --price 0–1e4, --unique-tokens 1–1e18, ...
 */
export const FLAG_KINDS: Record<string, FlagKind> = {
  ...OTHER_FLAGS,
  ...Object.fromEntries(Object.entries(FLAG_FIELDS).map(([flag, field]) => [flag, flagKind(FIELDS[field].kind)])),
};

function flagKind(k: FieldKind): FlagKind {
  return isNumericKind(k) ? k : k === 'boolean' ? 'bool' : 'string';
}

export type FlagValues = Record<string, number | string | boolean>;

export interface Parsed {
  flags: FlagValues;
  positionals: string[];
}

/** One option name from a util.parseArgs message such as "Unknown option '--x'" or "Option '--f <value>' argument missing". */
const optionIn = (message: string): string => /'(-[^' ]*)/.exec(message)?.[1] ?? '';

/**
 * `--name value` becomes `--name=value` for value flags, so a value that starts with a dash
 * (`--price -1`) reaches the range check instead of reading as another option.
 */
function joinValues(argv: string[], names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return out.concat(argv.slice(i));
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : undefined;
    if (name && names.includes(name) && FLAG_KINDS[name] !== 'bool' && i + 1 < argv.length) out.push(`${a}=${argv[++i]}`);
    else out.push(a);
  }
  return out;
}

/** Parse `argv` for a command taking `names` and at most `maxPositionals` arguments. */
export function parseFlags(argv: string[], names: string[], maxPositionals = 0): Parsed {
  const all = [...names, 'help'];
  const options = Object.fromEntries(all.map((n) => [n, { type: FLAG_KINDS[n] === 'bool' ? 'boolean' : 'string', ...(n === 'help' ? { short: 'h' } : {}) }] as const));
  let raw: ReturnType<typeof parseArgs>;
  try {
    raw = parseArgs({ args: joinValues(argv, all), options, strict: true, allowPositionals: true });
  } catch (e) {
    const err = e as { code?: string; message: string };
    const opt = optionIn(err.message);
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CliUsageError(`unknown option ${opt}`);
    if (/argument missing/.test(err.message)) throw new CliUsageError(`${opt} needs a value`);
    if (/does not take an argument/.test(err.message)) throw new CliUsageError(`${opt} takes no value`);
    throw new CliUsageError(err.message.split('\n')[0]);
  }
  const flags: FlagValues = {};
  for (const [name, value] of Object.entries(raw.values)) {
    if (typeof value !== 'string') {
      flags[name] = value as boolean;
      continue;
    }
    const kind = FLAG_KINDS[name];
    if (kind === 'string') {
      flags[name] = value;
      continue;
    }
    const p = parseQuantity(value, kind as QuantityKind);
    if (!p.ok) throw new CliUsageError(`--${name}: ${p.error}`);
    const bad = FLAG_FIELDS[name] ? checkValue(FLAG_FIELDS[name], p.value) : undefined;
    if (bad) throw new CliUsageError(`--${name} ${value}: ${bad}`);
    flags[name] = p.value;
  }
  if (!flags.help && raw.positionals.length > maxPositionals) {
    const extra = raw.positionals.slice(maxPositionals);
    throw new CliUsageError(maxPositionals === 0 ? `unexpected argument "${extra[0]}"` : `unexpected extra argument "${extra[0]}" (one FILE at a time; \`scaling-planner check\` takes many)`);
  }
  return { flags, positionals: raw.positionals };
}

export const num = (o: FlagValues, k: string): number | undefined => (typeof o[k] === 'number' ? (o[k] as number) : undefined);

export function need(o: FlagValues, k: string): number {
  const v = num(o, k);
  if (v === undefined) throw new CliUsageError(`--${k} is required`);
  return v;
}

/** A string flag that must be one of `choices`; undefined when absent. */
export function choice<T extends string>(o: FlagValues, k: string, choices: readonly T[]): T | undefined {
  const raw = o[k];
  if (raw === undefined) return undefined;
  if (!choices.includes(raw as T)) throw new CliUsageError(`--${k} must be one of ${choices.join(', ')} (got "${String(raw)}")`);
  return raw as T;
}
