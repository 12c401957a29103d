// Text and Markdown sections for the lifecycle objects of a report (render.ts appends them).

import { fmtCo2, fmtCount, fmtEnergy, fmtFlops, fmtMoney, USD, type Money } from './format';
import type { Report } from './analyze';
import type { Section } from './render';
import { meanContextWords, peakContextWords } from './serveWorkload';

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

export function lifecycleSections(r: Report, money: Money = USD): Section[] {
  const usd = (x: number | null): string => (x === null ? '—' : fmtMoney(x, money));
  const s: Section[] = [];
  if (r.denseVsMoe) {
    const d = r.denseVsMoe;
    const side = (x: typeof d.dense): string => `${fmtCount(x.activeParams)} active (${fmtCount(x.totalParams)} total) on ${fmtCount(x.tokens)} tokens, loss ${x.loss.toFixed(4)}`;
    s.push({
      title: `Dense vs MoE at ${fmtFlops(d.flops)} FLOPs (Ludziejewski et al. 2025)`,
      rows: [
        { label: 'Best dense', value: side(d.dense) },
        { label: `Best ${d.moe.experts} experts`, value: side(d.moe) },
        { label: 'Dense compute to match', value: `${d.denseComputeToMatch.toFixed(2)}×` },
        ...d.warnings.map((w) => ({ label: 'Warning', value: w })),
      ],
    });
  }
  if (r.distill) {
    const d = r.distill;
    s.push({
      title: 'Distillation (Busbridge et al. 2025, non-embedding parameters)',
      rows: [
        { label: 'Student loss', value: `${d.studentLoss.toFixed(4)} from a teacher at ${d.teacherLoss.toFixed(4)} on ${fmtCount(d.tokens)} tokens` },
        { label: 'Supervised, same tokens', value: d.supervisedLoss.toFixed(4) },
        { label: 'Best teacher loss', value: `${d.bestTeacherLoss.toFixed(4)} (student ${d.studentLossAtBestTeacher.toFixed(4)})` },
        { label: 'Verdict', value: d.finding },
        { label: 'Cost', value: `${d.cost.gpuHours === null ? '—' : fmtCount(d.cost.gpuHours)} GPU-hours, ${usd(d.cost.usd)}` },
        ...d.warnings.map((w) => ({ label: 'Warning', value: w })),
      ],
    });
  }
  if (r.postTrain) {
    const p = r.postTrain;
    s.push({
      title: 'RL post-training (GRPO-style)',
      rows: [
        { label: 'GPU-hours', value: `${fmtCount(p.gpuHours)}: rollouts ${pct(p.shares.generation)}, policy ${pct(p.shares.policyTraining)}, reference ${pct(p.shares.referenceForward)}, reward ${pct(p.shares.rewardForward)}` },
        {
          label: 'Rollouts',
          value: `${p.rollout.replicas} replicas of ${p.rollout.devicesPerReplica} device${p.rollout.devicesPerReplica === 1 ? '' : 's'} at batch ${p.rollout.batch} (${p.rollout.stepMs.toFixed(1)} ms per token): ${fmtCount(p.rollout.decodeTokensPerSecond)} tok/s decode across the fleet`,
        },
        { label: 'Cost', value: usd(p.cost.usd) },
      ],
    });
  }
  if (r.serve) {
    const v = r.serve;
    const d = v.snapshot.decode;
    s.push({
      title: `Serving on ${v.accelerator} (${v.devicesPerReplica} per replica, ${v.weightPrecision} weights)`,
      rows: [
        { label: 'Decode step', value: `${d.stepMs.toFixed(1)} ms at batch ${v.batch} (ideal ${d.stepMsIdeal.toFixed(1)} ms); bound by ${d.dominant}` },
        { label: 'Serving context', value: `${meanContextWords(v.context)} per decode step; ${peakContextWords(v.peakContext)} per sequence, which the memory holds` },
        { label: 'Throughput', value: `${fmtCount(d.tokensPerSecond)} tok/s decode, ${fmtCount(v.snapshot.prefill.tokensPerSecond)} tok/s prefill per replica` },
        { label: 'Fleet', value: `${v.devices} devices (${v.replicasNeeded.toFixed(1)} replicas needed)` },
        { label: 'Per day', value: `${usd(v.usdPerDay)}, ${v.energyKwhPerDay === null ? '—' : fmtEnergy(v.energyKwhPerDay)}, ${v.co2KgPerDay === null ? '—' : fmtCo2(v.co2KgPerDay)}` },
        { label: '$ per M output tokens', value: v.snapshot.usdPerMillionOutputTokens === null ? '—' : usd(v.snapshot.usdPerMillionOutputTokens) },
        { label: 'Test-time cost', value: `KV-cache reads are ${v.kinetics.memoryToCompute.toFixed(1)}× the compute per request (Kinetics)` },
      ],
    });
  }
  if (r.lifetime) {
    const l = r.lifetime;
    const part = (name: string, p: (typeof l.parts)[keyof typeof l.parts]): { label: string; value: string } => ({
      label: name, value: p === null ? '—' : `${usd(p.usd)} (${p.gpuHours === null ? '—' : fmtCount(p.gpuHours)} GPU-hours)`,
    });
    s.push({
      title: `Lifetime${l.horizonDays !== null ? ` over ${l.horizonDays} days` : ''}`,
      rows: [
        part('Training', l.parts.training), part('Distillation', l.parts.distillation), part('Post-training', l.parts.postTraining), part('Serving', l.parts.serving),
        { label: 'Total', value: `${usd(l.total.usd)}, ${l.total.gpuHours === null ? '—' : fmtCount(l.total.gpuHours)} GPU-hours, ${l.total.co2Kg === null ? '—' : fmtCo2(l.total.co2Kg)}` },
        ...(l.inferenceAware ? [{ label: 'Inference-aware size', value: `${fmtCount(l.inferenceAware.params)} params on ${fmtCount(l.inferenceAware.tokens)} tokens saves ${pct(l.inferenceAware.savingFraction)} of lifetime FLOPs (Sardana et al. 2024)` }] : []),
      ],
    });
  }
  return s;
}
