// A plan (from the budget planner) written as a native plan file.

import type { Plan } from '../engine/plan';
import { fmtCount } from '../engine/format';
import { suggestShape } from '../engine/params';
import { PLAN_BASE_SHAPE, PLAN_SEQ_LEN, planToRun } from '../engine/planRun';

function q(n: number): string {
  return fmtCount(n).replace(/k$/, 'K');
}

export function planToYaml(p: Plan, opts: { name?: string; budgetUsd?: number; days?: number; uniqueTokens?: number; inferenceTokens?: number } = {}): string {
  const shape = suggestShape(p.params, PLAN_BASE_SHAPE);
  // Tokens, ZeRO stage and recomputation as planToRun chooses them (within the compute, fitting in memory).
  const run = planToRun(p, { uniqueTokens: opts.uniqueTokens });
  const chosen = { tokens: run.data.tokens ?? p.tokens, zeroStage: run.training.zeroStage ?? 1, checkpointing: run.training.activationCheckpointing ?? 'selective' };
  const lines = [
    `# Compute-optimal plan (${p.law} law): ${q(p.params)} params on ${q(p.tokens)} tokens, predicted loss ${p.loss.toFixed(3)}.`,
    `name: ${JSON.stringify(opts.name ?? `plan-${q(p.params)}`)}`,
    'law: ' + p.law,
    'model:',
    '  architecture: llama',
    `  layers: ${shape.layers}`,
    `  d_model: ${shape.dModel}`,
    `  heads: ${shape.heads}`,
    ...(shape.kvHeads ? [`  kv_heads: ${shape.kvHeads}`] : []),
    `  ffn_hidden: ${shape.ffnHidden}`,
    `  vocab_size: ${PLAN_BASE_SHAPE.vocabSize}`,
    `  seq_len: ${PLAN_SEQ_LEN}`,
    'data:',
    `  tokens: ${q(chosen.tokens)}`,
    ...(opts.uniqueTokens ? [`  unique_tokens: ${q(opts.uniqueTokens)}`] : []),
    'training:',
    '  precision: bf16',
    '  optimizer: adamw',
    `  zero_stage: ${chosen.zeroStage}`,
    `  activation_checkpointing: ${chosen.checkpointing}`,
    'hardware:',
    `  accelerator: ${p.accelerator}`,
    `  count: ${p.count}`,
    `  mfu: ${p.mfu}`,
    ...(p.pricePerHour !== null ? [`  price_per_hour: ${p.pricePerHour}`] : []),
  ];
  if (opts.budgetUsd !== undefined || opts.days !== undefined) {
    lines.push('budget:');
    if (opts.budgetUsd !== undefined) lines.push(`  usd: ${Math.round(opts.budgetUsd)}`);
    if (opts.days !== undefined) lines.push(`  days: ${opts.days}`);
  }
  if (opts.inferenceTokens) lines.push('inference:', `  tokens: ${q(opts.inferenceTokens)}`);
  return lines.join('\n') + '\n';
}
