// The lifecycle blocks a plan file gets from a lifecycle budget: the serve: workload and fleet, and
// a distill: block when distilling from the stated teacher beats training on data (planDistill.ts),
// else why there is none.

import { fmtCount, fmtMoney } from '../engine/format';
import type { LifecyclePlan } from '../engine/planLifecycle';

const q = (n: number): string => fmtCount(n).replace(/k$/, 'K');

const SCENARIO_KEYS = { bestCase: 'best-case', teacherInference: 'teacher-inference', teacherPretraining: 'teacher-pretraining', teacherPretrainingAndInference: 'teacher-pretraining-and-inference' } as const;

function distillLines(p: LifecyclePlan): string[] {
  const c = p.distill.comparison;
  if (!p.distill.recommended || !c) return [`# No distill: block: ${p.distill.reason}`];
  const t = c.teacher;
  return [
    `# ${p.distill.reason}`,
    '# The distillation spends the compute of the supervised run above: the student learns from the teacher instead of data.tokens.',
    'distill:',
    ...(t.name ? [`  teacher: ${t.name}`] : t.params !== undefined ? [`  teacher_params: ${q(t.params)}`] : []),
    ...(t.tokens !== undefined ? [`  teacher_tokens: ${q(t.tokens)}`] : []),
    ...(t.loss !== undefined ? [`  teacher_loss: ${t.loss}`] : []),
    `  tokens: ${q(c.tokens)}`,
    `  scenario: ${SCENARIO_KEYS[c.scenario]}`,
    '  instead_of_pretraining: true',
  ];
}

export function lifecycleYaml(p: LifecyclePlan): string {
  const s = p.serveSpec;
  const l = p.lifetime;
  const lines = [
    `# Lifecycle: ${fmtMoney(l.total.usd ?? 0)} over ${p.horizonDays} days, ${(p.trainingShare * 100).toFixed(1)}% for pre-training; ${p.serve.devices} × ${p.serve.accelerator} serve the workload.`,
    ...distillLines(p),
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
