// RL post-training cost, GRPO-style (Shao et al. 2024, DeepSeekMath, arXiv:2402.03300, Sec. 4.1):
// each step samples a group of responses per prompt from the policy, scores them with a reward
// (a model or a rule), and updates the policy against a frozen reference. Generation runs at the
// serving throughput (serve.ts); training is 6·N per trained token and each frozen forward pass
// 2·N per token (Kaplan et al. 2020 Sec. 2.1).

import { FLOPS_PER_PARAM_TOKEN } from './laws';

export interface RlSpec {
  steps: number;
  promptsPerStep: number;
  /** Responses sampled per prompt (GRPO's group, G = 64 in DeepSeekMath). */
  groupSize: number;
  promptTokens: number;
  responseTokens: number;
  /** Reward-model parameters; 0 for a rule-based reward (DeepSeek-R1's accuracy and format rewards). */
  rewardModelParams?: number;
  /** A frozen reference model for the KL term (default true). */
  referenceModel?: boolean;
}

export interface RlThroughput {
  /** Decode tokens/s and prefill tokens/s of the generation fleet (serve.ts, realistic figures). */
  decodeTokensPerSecond: number;
  prefillTokensPerSecond: number;
  /** Devices that deliver those throughputs. */
  devices: number;
  /** Sustained training FLOP/s per device (peak × MFU). */
  trainFlopsPerDevice: number;
}

export interface RlPart {
  tokens: number;
  flops: number;
  gpuHours: number;
}

export interface RlCost {
  generation: RlPart;
  policyTraining: RlPart;
  referenceForward: RlPart;
  rewardForward: RlPart;
  gpuHours: number;
  /** Each part's share of the GPU-hours, in the order above. */
  shares: { generation: number; policyTraining: number; referenceForward: number; rewardForward: number };
}

export function rlCost(policyActiveParams: number, spec: RlSpec, t: RlThroughput): RlCost {
  const sequences = spec.steps * spec.promptsPerStep * spec.groupSize;
  const generated = sequences * spec.responseTokens;
  // The prompt is prefilled once per group: the samples share its KV cache (prefix caching).
  const prefilled = spec.steps * spec.promptsPerStep * spec.promptTokens;
  const genSeconds = generated / t.decodeTokensPerSecond + prefilled / t.prefillTokensPerSecond;
  const trained = sequences * (spec.promptTokens + spec.responseTokens);
  const part = (tokens: number, flopsPerToken: number): RlPart => {
    const flops = flopsPerToken * tokens;
    return { tokens, flops, gpuHours: flops / t.trainFlopsPerDevice / 3600 };
  };
  const generation: RlPart = { tokens: generated + prefilled, flops: 2 * policyActiveParams * (generated + prefilled), gpuHours: (genSeconds * t.devices) / 3600 };
  const policyTraining = part(trained, FLOPS_PER_PARAM_TOKEN * policyActiveParams);
  const referenceForward = part(spec.referenceModel === false ? 0 : trained, 2 * policyActiveParams);
  const rewardForward = part(spec.rewardModelParams ? trained : 0, 2 * (spec.rewardModelParams ?? 0));
  const gpuHours = generation.gpuHours + policyTraining.gpuHours + referenceForward.gpuHours + rewardForward.gpuHours;
  const share = (p: RlPart): number => (gpuHours > 0 ? p.gpuHours / gpuHours : 0);
  return {
    generation, policyTraining, referenceForward, rewardForward, gpuHours,
    shares: { generation: share(generation), policyTraining: share(policyTraining), referenceForward: share(referenceForward), rewardForward: share(rewardForward) },
  };
}
