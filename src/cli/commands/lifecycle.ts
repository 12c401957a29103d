// Lifecycle subcommands for the dispatcher, and the `--law moe --experts E` forms of optimal and loss.

import { parseQuantity } from '../../read/quantity';
import { checkValue, fmtCount, fmtFlops, MOE, moeLoss as lawLoss, moeOptimal as lawOptimal, moeRangeWarnings, moeTotalParams } from '../../engine';
import { CliUsageError, warningLines, type CliCommand } from '../command';
import { DISTILL_COMMAND } from './distill';
import { SERVE_COMMAND } from './serve';

export const LIFECYCLE_COMMANDS: CliCommand[] = [DISTILL_COMMAND, SERVE_COMMAND];

/** The value of --experts: a whole number of experts from 1 to 1e5. */
export function parseExperts(raw: string): number {
  const p = parseQuantity(raw, 'number');
  if (!p.ok) throw new CliUsageError(`--experts: ${p.error}`);
  const bad = checkValue('model.moe.experts', p.value);
  if (bad) throw new CliUsageError(`--experts ${raw}: ${bad}`);
  return p.value;
}

export interface MoeOptimalOutput {
  law: 'moe';
  experts: number;
  flops: number;
  /** Active parameters (embeddings included, as the law counts them). */
  params: number;
  totalParams: number;
  tokens: number;
  tokensPerParam: number;
  loss: number;
  warnings?: string[];
}

/** `optimal --flops C --law moe --experts E`: the compute-optimal active size and tokens (Eq. 7). */
export function moeOptimal(opts: { flops: number; experts: number }): MoeOptimalOutput {
  const o = lawOptimal(opts.flops, opts.experts);
  const warnings = moeRangeWarnings(o.activeParams, o.tokens, opts.experts);
  return {
    law: 'moe', experts: opts.experts, flops: opts.flops, params: o.activeParams, totalParams: moeTotalParams(o.activeParams, opts.experts),
    tokens: o.tokens, tokensPerParam: o.tokens / o.activeParams, loss: o.loss, ...(warnings.length ? { warnings } : {}),
  };
}

export function moeOptimalText(o: MoeOptimalOutput): string {
  return `${MOE.name}, ${o.experts} experts, at ${fmtFlops(o.flops)} FLOPs: ${fmtCount(o.params)} active (${fmtCount(o.totalParams)} total) params on ${fmtCount(o.tokens)} tokens (${o.tokensPerParam.toFixed(1)} tokens/param), loss ${o.loss.toFixed(4)}\n${warningLines(o.warnings ?? [])}`;
}

export interface MoeLossOutput {
  law: 'moe';
  experts: number;
  params: number;
  tokens: number;
  loss: number;
  warnings?: string[];
}

/** `loss --params N_active --tokens D --law moe --experts E` (Eq. 6). */
export function moeLoss(opts: { params: number; tokens: number; experts: number }): MoeLossOutput {
  const warnings = moeRangeWarnings(opts.params, opts.tokens, opts.experts);
  return { law: 'moe', experts: opts.experts, params: opts.params, tokens: opts.tokens, loss: lawLoss(opts.params, opts.tokens, opts.experts), ...(warnings.length ? { warnings } : {}) };
}

export function moeLossText(o: MoeLossOutput): string {
  return `${MOE.name}, ${o.experts} experts: L(${fmtCount(o.params)} active, ${fmtCount(o.tokens)}) = ${o.loss.toFixed(4)}\n${warningLines(o.warnings ?? [])}`;
}
