// Ranges of the lifecycle plan keys (distill:, serve:, post_train:), the same checks validate.ts
// applies to the rest of a run and the CLI applies to its flags.

import type { Rule } from './validate';
import type { RunDescription } from './types';

type Block = 'distill' | 'serve' | 'postTrain';
const PLAN_BLOCK: Record<Block, string> = { distill: 'distill', serve: 'serve', postTrain: 'post_train' };

function rule(block: Block, key: string, prop: string, min: number, max: number, what: string, extra: Partial<Rule> = {}): Rule {
  const obj = (r: RunDescription): Record<string, unknown> | undefined => r[block] as Record<string, unknown> | undefined;
  return { field: `${PLAN_BLOCK[block]}.${key}`, get: (r) => obj(r)?.[prop], clear: (r) => void delete obj(r)?.[prop], min, max, what, ...extra };
}
const whole = { minInclusive: true, integer: true };

export const LIFECYCLE_RULES: Rule[] = [
  rule('distill', 'teacher_params', 'teacherParams', 1, 1e15, 'teacher parameter count', { minInclusive: true }),
  rule('distill', 'teacher_tokens', 'teacherTokens', 1, 1e18, 'teacher token count', { minInclusive: true }),
  // Cross-entropies in nats per token: above 0, and no language model is worse than ln(1e8) ≈ 18.
  rule('distill', 'teacher_loss', 'teacherLoss', 0, 20, 'teacher loss (nats per token)'),
  rule('distill', 'tokens', 'tokens', 1, 1e18, 'distillation token count', { minInclusive: true }),
  rule('serve', 'devices_per_replica', 'devicesPerReplica', 1, 1e5, 'devices per replica', whole),
  rule('serve', 'replicas', 'replicas', 1, 1e7, 'replica count', whole),
  rule('serve', 'price_per_hour', 'pricePerHour', 0, 1e4, 'price per device-hour', { minInclusive: true }),
  rule('serve', 'requests_per_day', 'requestsPerDay', 0, 1e13, 'requests per day', { minInclusive: true }),
  rule('serve', 'prompt_tokens', 'promptTokens', 0, 1e8, 'prompt tokens per request', { minInclusive: true }),
  rule('serve', 'reasoning_tokens', 'reasoningTokens', 0, 1e8, 'reasoning tokens per request', { minInclusive: true }),
  rule('serve', 'output_tokens', 'outputTokens', 0, 1e8, 'output tokens per request', { minInclusive: true }),
  rule('serve', 'samples', 'samples', 1, 1e6, 'samples per request', whole),
  rule('serve', 'context', 'context', 1, 1e8, 'context length', whole),
  rule('serve', 'batch', 'batch', 1, 1e7, 'decode batch', whole),
  rule('serve', 'latency_ms_per_token', 'latencyMsPerToken', 0, 1e6, 'per-token latency target (ms)'),
  rule('serve', 'horizon_days', 'horizonDays', 0, 1e5, 'serving horizon (days)'),
  rule('serve', 'achieved_flops', 'achievedFlops', 0, 1, 'achieved fraction of peak FLOP/s'),
  rule('serve', 'achieved_bandwidth', 'achievedBandwidth', 0, 1, 'achieved fraction of memory bandwidth'),
  rule('postTrain', 'steps', 'steps', 1, 1e9, 'RL step count', whole),
  rule('postTrain', 'prompts_per_step', 'promptsPerStep', 1, 1e9, 'prompts per step', whole),
  rule('postTrain', 'group_size', 'groupSize', 1, 1e6, 'group size', whole),
  rule('postTrain', 'prompt_tokens', 'promptTokens', 0, 1e8, 'prompt tokens', { minInclusive: true }),
  rule('postTrain', 'response_tokens', 'responseTokens', 1, 1e8, 'response tokens', { minInclusive: true }),
  rule('postTrain', 'reward_model_params', 'rewardModelParams', 0, 1e15, 'reward-model parameter count', { minInclusive: true }),
];

/** Ranges of flags with no plan key of their own. */
export const FLAG_ONLY_RULES: Rule[] = [
  { field: 'model.moe.experts', get: (r) => r.model.shape?.moe?.experts, clear: () => undefined, min: 1, max: 1e5, minInclusive: true, integer: true, what: 'expert count' },
];
