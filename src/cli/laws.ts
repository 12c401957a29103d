// The --law flag and the caveats printed with an answer from a law.

import { DEFAULT_LAW, extrapolationWarning, isLawId, LAWS, muennighoffCaveat, type LawId } from '../engine';
import type { FlagValues } from './args';
import { CliUsageError } from './command';
import { parseExperts } from './commands/lifecycle';

export const LAW_LIST = 'epoch (default), chinchilla, chinchilla-tex, chinchilla-a1, kaplan, moe (with --experts E)';

export function lawOf(flags: FlagValues): LawId {
  const l = flags.law ?? DEFAULT_LAW;
  if (!isLawId(l)) throw new CliUsageError(`unknown law "${String(l)}" (epoch, chinchilla, chinchilla-tex, chinchilla-a1, kaplan)`);
  return l;
}

/**
 * Caveats printed with an answer (and under `warnings` in --json): outside the law's fitted range,
 * or Muennighoff et al.'s decay constants applied with another base law.
 */
export function warningsFor(law: LawId, params: number, tokens: number, subject: string, dataConstrained = false): string[] {
  const w: string[] = [];
  const range = extrapolationWarning(law, params, tokens);
  if (range) w.push(`${subject} ${range}`);
  if (dataConstrained) w.push(muennighoffCaveat(LAWS[law].name));
  return w;
}

/**
 * An optimum below one parameter or one token is no model at all (`optimal --flops 1e-300` would
 * print "0 params on 0 tokens"): the budget is outside what any law can answer.
 */
export function refuseDegenerate(flag: string, params: number, tokens: number, loss: number): void {
  if (params >= 1 && tokens >= 1 && Number.isFinite(loss)) return;
  throw new CliUsageError(`${flag}: the compute-optimal model for so little compute has under one parameter or one token, outside any scaling law; give a larger budget`);
}

/** --experts E for `--law moe`: the expert count, or undefined for every other law (where it is an error). */
export function expertsOf(flags: FlagValues, law: LawId): number | undefined {
  if (flags.experts === undefined) return undefined;
  if (law !== 'moe') throw new CliUsageError('--experts applies only to --law moe');
  return parseExperts(String(flags.experts));
}
