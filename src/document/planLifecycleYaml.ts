// The lifecycle blocks a plan file gets from a lifecycle budget: the serve: workload and fleet,
// and why there is no distill: block (Busbridge et al. 2025 need an existing teacher).

import { fmtCount, fmtMoney } from '../engine/format';
import type { LifecyclePlan } from '../engine/planLifecycle';

const q = (n: number): string => fmtCount(n).replace(/k$/, 'K');

export function lifecycleYaml(p: LifecyclePlan): string {
  const s = p.serveSpec;
  const l = p.lifetime;
  const lines = [
    `# Lifecycle: ${fmtMoney(l.total.usd ?? 0)} over ${p.horizonDays} days, ${(p.trainingShare * 100).toFixed(1)}% for pre-training; ${p.serve.devices} × ${p.serve.accelerator} serve the workload.`,
    `# No distill: block: ${p.distill.reason}`,
    'serve:',
    `  accelerator: ${p.serve.accelerator}`,
    `  devices_per_replica: ${p.serve.devicesPerReplica}`,
    `  requests_per_day: ${q(s.requestsPerDay!)}`,
    `  prompt_tokens: ${s.promptTokens}`,
    `  reasoning_tokens: ${s.reasoningTokens}`,
    `  output_tokens: ${s.outputTokens}`,
    ...(s.latencyMsPerToken !== undefined ? [`  latency_ms_per_token: ${s.latencyMsPerToken}`] : []),
    `  horizon_days: ${p.horizonDays}`,
  ];
  return lines.join('\n') + '\n';
}
