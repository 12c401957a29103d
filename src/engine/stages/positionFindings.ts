// Findings on the scaling position: under- or over-trained for the model size, over-sized for the
// compute, data repeated past its value (Muennighoff et al. 2023).

import { R_D_STAR } from '../dataConstrained';
import { groupDigits } from '../digits';
import { fmtCount } from '../format';
import { suggestShape, type CompleteShape } from '../params';
import type { FixValue } from '../types';
import type { Compute } from './compute';
import type { StageContext } from './context';
import type { Counts } from './count';
import type { Position } from './scaling';

export function positionFindings(ctx: StageContext, c: Counts, d: Compute, p: Position): void {
  const { th, law } = ctx;
  const { opt, tpp, optTokensForN, N, efficiency } = p;
  const tokens = d.tokens;
  if (opt && tpp !== null && optTokensForN !== null && N !== null && tokens !== null && efficiency !== null) {
    const optTpp = optTokensForN / N;
    const eff = `compute efficiency ${(efficiency * 100).toFixed(0)}%`;
    if (tokens < th.underTrainedRatio * optTokensForN) {
      ctx.add({
        code: 'under-trained',
        severity: 'warning',
        field: 'data.tokens',
        related: ['model.params'],
        message: `Under-trained: ${fmtCount(tokens)} tokens is ${tpp.toFixed(1)} tokens/param; ${law.name} puts the optimum for ${fmtCount(N)} params at ≈ ${optTpp.toFixed(1)} (${fmtCount(optTokensForN)} tokens); ${eff}.`,
        fix: { title: `Set tokens to the compute-optimal ${fmtCount(optTokensForN)} for this model size`, values: [{ field: 'data.tokens', value: Math.round(optTokensForN) }] },
      });
    } else if (tokens > th.overTrainedRatio * optTokensForN) {
      ctx.add({
        code: 'over-trained',
        severity: 'information',
        field: 'data.tokens',
        related: ['model.params'],
        message: `Trained past the compute optimum: ${groupDigits(Math.round(tpp))} tokens/param vs ≈ ${optTpp.toFixed(1)} optimal (${eff}). Worth it when inference volume is large (Sardana et al. 2024); set inference.tokens to weigh it.`,
      });
    }
    if (N > th.overSizedRatio * opt.params) overSized(ctx, c.shape, p, N, opt);
  }
  repeatedData(ctx, d, p);
}

function overSized(ctx: StageContext, shape: CompleteShape | undefined, p: Position, N: number, opt: NonNullable<Position['opt']>): void {
  const resized = shape ? suggestShape(opt.params, shape) : undefined;
  const shapeValues: FixValue[] = resized
    ? [
        { field: 'model.layers', value: resized.layers },
        { field: 'model.d_model', value: resized.dModel },
        { field: 'model.heads', value: resized.heads },
        ...(resized.kvHeads ? [{ field: 'model.kv_heads', value: resized.kvHeads } as FixValue] : []),
        { field: 'model.ffn_hidden', value: resized.ffnHidden! },
      ]
    : [];
  ctx.add({
    code: 'over-sized',
    severity: 'information',
    field: 'model.params',
    related: ['data.tokens'],
    message: `Over-sized for its compute: ${fmtCount(N)} params vs ≈ ${fmtCount(opt.params)} optimal at ${p.lawFlops!.toExponential(2)} FLOPs (${fmtCount(opt.tokens)} tokens); predicted loss ${p.loss!.toFixed(3)} vs ${opt.loss.toFixed(3)} at the optimum.`,
    fix: {
      title: `Resize to the compute-optimal ${fmtCount(opt.params)} params on ${fmtCount(opt.tokens)} tokens (same FLOPs)`,
      values: [{ field: 'model.params', value: Math.round(opt.params) }, ...shapeValues, { field: 'data.tokens', value: Math.round(opt.tokens) }],
    },
  });
}

function repeatedData(ctx: StageContext, d: Compute, p: Position): void {
  const { th } = ctx;
  const { epochs, effTokens } = p;
  const { unique, tokens } = d;
  if (epochs === null || unique === null || tokens === null || !(epochs > th.maxEpochs)) return;
  const value = effTokens !== null ? effTokens / tokens : null;
  const plateau = 1 + R_D_STAR;
  ctx.add({
    code: 'data-repeated',
    severity: 'warning',
    field: 'data.tokens',
    related: ['data.unique_tokens'],
    message: `Data repeated ${epochs.toFixed(1)} times: ${fmtCount(tokens)} tokens from ${fmtCount(unique)} unique${value !== null ? ` are worth ≈ ${fmtCount(effTokens!)} fresh tokens (${(value * 100).toFixed(0)}%)` : ''}; beyond ~${th.maxEpochs} epochs repetition adds little, and effective data never exceeds ${plateau.toFixed(1)}× the unique tokens (Muennighoff et al. 2023).`,
    fix: { title: `Cap tokens at ${th.maxEpochs} epochs (${fmtCount(th.maxEpochs * unique)})`, values: [{ field: 'data.tokens', value: Math.round(th.maxEpochs * unique) }] },
  });
}
