// The lifecycle stage of the analysis: distillation, serving, RL post-training and the lifetime
// budget, appended to the report (null when the run has no such block); for MoE runs under the
// `moe` law, the scaling figures at the run's expert count and the dense-vs-MoE comparison.

import { analyzeDistillation, DistillInputError, type DistillResult } from './distill';
import { co2KgFor, energyKwhFor } from './cost';
import { inferenceAwareOptimum, lifetimeFlops, SARDANA } from './inferenceAware';
import { parametricLoss } from './laws';
import { lifetimeBudget, overHorizon, type CostPart, type LifetimeBudget } from './lifetime';
import { lifecycleServe, LifecycleInputError, serveDevice, serveModel, type LifecycleHardware, type LifecycleModel, type ServeReport } from './lifecycleServe';
import { denseVsMoe, moeLoss, moeOptimal, moeOptimalTokensForParams, type DenseVsMoe } from './moeLaw';
import { rlCost, type RlCost } from './postTrain';
import { findAccelerator, type Accelerator } from './hardware';
import { PRECISION_BYTES, type ServePrecision } from './serve';
import { rolloutFleet, type RolloutFleet } from './rollouts';
import { ServeInputError } from './serveWorkload';
import type { Report } from './analyze';
import type { CompleteShape } from './params';
import type { FieldId, Finding, RunDescription } from './types';

/** The keys of the post_train: block (post_train.steps -> steps). */
type PostTrainKey = FieldId extends infer F ? (F extends `post_train.${infer K}` ? K : never) : never;

export type DistillReport = DistillResult & { tokens: number; cost: CostPart };
/** `rollout`: the training fleet as serving replicas for the generation part (rollouts.ts). */
export type PostTrainReport = RlCost & { kind: 'rl'; rollout: RolloutFleet; cost: CostPart };
export interface LifetimeReport extends LifetimeBudget {
  /** Sardana et al. 2024's inference-aware resize fed by the serving volume over the horizon; null without one. */
  inferenceAware: { inferenceTokens: number; params: number; tokens: number; savingFraction: number } | null;
}

export interface LifecycleFields {
  distill: DistillReport | null;
  serve: ServeReport | null;
  postTrain: PostTrainReport | null;
  lifetime: LifetimeReport | null;
  denseVsMoe: DenseVsMoe | null;
}

// The report type gains the lifecycle fields here, so analyze.ts only calls withLifecycle.
declare module './analyze' {
  interface Report extends LifecycleFields {}
}

const LIFECYCLE_KEYS = ['distill', 'serve', 'postTrain', 'lifetime', 'denseVsMoe'] as const;
export type ReportBeforeLifecycle = Omit<Report, (typeof LIFECYCLE_KEYS)[number]>;

/** Device-hours, dollars, energy and CO2 of a FLOP count on the training fleet. */
function flopsCost(flops: number, hw: LifecycleHardware): CostPart | null {
  if (hw.peakFlops === null) return null;
  const gpuHours = flops / (hw.peakFlops * hw.mfu * 3600);
  return gpuHoursCost(gpuHours, hw.pricePerHour, hw.powerW, hw);
}

function gpuHoursCost(gpuHours: number, price: number | null | undefined, powerW: number | null | undefined, hw: LifecycleHardware): CostPart {
  const energy = powerW == null ? null : energyKwhFor(gpuHours, powerW, hw.pue);
  return { gpuHours, usd: price == null ? null : gpuHours * price, energyKwh: energy, co2Kg: energy === null ? null : co2KgFor(energy, hw.gridGco2PerKwh) };
}

function distillStage(run: RunDescription, m: LifecycleModel, r: ReportBeforeLifecycle, hw: LifecycleHardware): DistillReport {
  const d = run.distill!;
  const student = m.paramsNonEmbedding ?? m.paramsActive;
  const tokens = d.tokens ?? r.data.tokens;
  if (student === null) throw new LifecycleInputError('distillation needs the student size (model.params or a shape)', 'model.params');
  if (tokens === null) throw new LifecycleInputError('distillation needs its tokens (distill.tokens or data.tokens)', 'distill.tokens');
  try {
    const res = analyzeDistillation({ studentParams: student, studentTokens: tokens, teacherLoss: d.teacherLoss, teacherParams: d.teacherParams, teacherTokens: d.teacherTokens, scenario: d.scenario });
    const flops = res.flops[res.scenario] ?? res.flops.bestCase!;
    // Added to the result it owns (as for the other blocks: V8 copies a spread followed by new keys slowly).
    return Object.assign(res, { tokens, cost: flopsCost(flops, hw) ?? { gpuHours: null, usd: null, energyKwh: null, co2Kg: null } });
  } catch (e) {
    if (e instanceof DistillInputError) throw new LifecycleInputError(e.message, 'distill.teacher_loss');
    throw e;
  }
}

function postTrainStage(run: RunDescription, m: LifecycleModel, hw: LifecycleHardware, serve: ServeReport | null, extra: readonly Accelerator[]): PostTrainReport {
  const p = run.postTrain!;
  const need = (v: number | undefined, k: PostTrainKey): number => {
    if (v === undefined) throw new LifecycleInputError(`RL post-training needs post_train.${k}`, `post_train.${k}`);
    return v;
  };
  const spec = {
    steps: need(p.steps, 'steps'), promptsPerStep: need(p.promptsPerStep, 'prompts_per_step'), groupSize: p.groupSize ?? 8,
    promptTokens: need(p.promptTokens, 'prompt_tokens'), responseTokens: need(p.responseTokens, 'response_tokens'),
    rewardModelParams: p.rewardModelParams, referenceModel: p.referenceModel,
  };
  // Rollouts run at the serving throughput of the whole training fleet, cut into serving replicas.
  const acc = hw.accelerator ? findAccelerator(hw.accelerator, extra) : undefined;
  if (!acc || hw.peakFlops === null) throw new LifecycleInputError('RL post-training needs a known accelerator', 'hardware.accelerator');
  const count = hw.count ?? 1;
  const precision = (serve?.weightPrecision ?? 'bf16') as ServePrecision;
  const fleet = serveDevice(acc, count, precision, hw.pricePerHour, hw.powerW);
  const model = serveModel(m, PRECISION_BYTES[(serve?.kvPrecision ?? 'bf16') as ServePrecision]);
  let rollout: RolloutFleet;
  try {
    const perReplica = serve && serve.accelerator === acc.id ? serve.devicesPerReplica : undefined;
    rollout = rolloutFleet(model, fleet, precision, { sequences: spec.promptsPerStep * spec.groupSize, promptTokens: spec.promptTokens, responseTokens: spec.responseTokens }, undefined, perReplica);
  } catch (e) {
    if (e instanceof ServeInputError) throw new LifecycleInputError(e.message, 'hardware.count');
    throw e;
  }
  const active = m.paramsActive ?? m.paramsTotal!;
  const c = rlCost(active, spec, { decodeTokensPerSecond: rollout.decodeTokensPerSecond, prefillTokensPerSecond: rollout.prefillTokensPerSecond, devices: count, trainFlopsPerDevice: hw.peakFlops * hw.mfu });
  const { generation, policyTraining, referenceForward, rewardForward, gpuHours, shares } = c;
  return { kind: 'rl', generation, policyTraining, referenceForward, rewardForward, gpuHours, shares, rollout, cost: gpuHoursCost(c.gpuHours, hw.pricePerHour, hw.powerW, hw) };
}

function trainingPart(r: ReportBeforeLifecycle): CostPart | null {
  return r.cost.gpuHours === null ? null : { gpuHours: r.cost.gpuHours, usd: r.cost.usd, energyKwh: r.cost.energyKwh, co2Kg: r.cost.co2Kg };
}

function resizeFor(r: ReportBeforeLifecycle, serve: ServeReport): LifetimeReport['inferenceAware'] {
  const N = r.model.paramsActive;
  const D = r.data.tokens;
  if (N === null || D === null || r.training.finetune) return null;
  const inferenceTokens = (serve.tokensPerDay.prompt + serve.tokensPerDay.generated) * serve.horizonDays;
  const o = inferenceAwareOptimum(SARDANA, parametricLoss(SARDANA, N, D), inferenceTokens);
  if (!o) return null;
  return { inferenceTokens, params: o.params, tokens: o.tokens, savingFraction: 1 - o.lifetimeFlops / lifetimeFlops(N, D, inferenceTokens) };
}

/** MoE runs under the `moe` law: the scaling block at the run's expert count (the generic path evaluates E = 1). */
function moeScaling(run: RunDescription, r: ReportBeforeLifecycle): { scaling: Report['scaling']; compare: DenseVsMoe | null } {
  const E = run.model.shape?.moe?.experts ?? 1;
  const N = r.model.paramsActive;
  const D = r.data.tokens;
  if (E <= 1 || N === null || D === null) return { scaling: r.scaling, compare: null };
  const C = 6 * N * D;
  const compare = denseVsMoe(C, E);
  if (r.scaling.law !== 'moe' || r.training.finetune) return { scaling: r.scaling, compare };
  const opt = moeOptimal(C, E);
  const optTokens = moeOptimalTokensForParams(N, E);
  return {
    scaling: {
      ...r.scaling, loss: moeLoss(N, D, E), optimalParams: opt.activeParams, optimalTokens: opt.tokens, optimalLoss: opt.loss,
      optimalTokensPerParam: opt.tokens / opt.activeParams, optimalTokensForParams: optTokens, optimalTokensPerParamForSize: optTokens / N,
    },
    compare,
  };
}

/** Run each present lifecycle block; a block that cannot be computed becomes a missing-facts finding and null. */
export function withLifecycle(run: RunDescription, r: ReportBeforeLifecycle, shape: CompleteShape | undefined, options: { customAccelerators?: Accelerator[]; suppress?: string[] } = {}): Report {
  const extra = options.customAccelerators ?? [];
  const m: LifecycleModel = { paramsTotal: r.model.paramsTotal, paramsActive: r.model.paramsActive, paramsNonEmbedding: r.model.paramsNonEmbedding, shape };
  const hw: LifecycleHardware = { ...r.hardware };
  const findings: Finding[] = [];
  const attempt = <T>(present: boolean, block: string, f: () => T): T | null => {
    if (!present) return null;
    try {
      return f();
    } catch (e) {
      if (!(e instanceof LifecycleInputError)) throw e;
      if (!options.suppress?.includes('missing-facts')) findings.push({ code: 'missing-facts', severity: 'information', field: e.field, related: [], message: `The ${block} block is not computed: ${e.message}.` });
      return null;
    }
  };
  const distill = attempt(!!run.distill, 'distill', () => distillStage(run, m, r, hw));
  const serve = attempt(!!run.serve, 'serve', () => lifecycleServe(run.serve!, m, hw, extra));
  const postTrain = attempt(!!run.postTrain, 'post_train', () => postTrainStage(run, m, hw, serve, extra));
  if (serve && serve.utilisation !== null && serve.utilisation > 1 && !options.suppress?.includes('serving-capacity')) {
    const n = Math.ceil(serve.replicasNeeded);
    findings.push({
      code: 'serving-capacity', severity: 'warning', field: 'serve.replicas', related: ['serve.requests_per_day', 'serve.devices_per_replica'],
      message: `${run.serve!.replicas} serving replicas carry ${((1 / serve.utilisation) * 100).toFixed(0)}% of the workload at batch ${serve.batch} (${serve.snapshot.decode.stepMs.toFixed(1)} ms per token); ${n} are needed.`,
      fix: { title: `Set serve.replicas to ${n}`, values: [{ field: 'serve.replicas', value: n }] },
    });
  }
  const { scaling, compare } = moeScaling(run, r);
  const any = distill || serve || postTrain;
  const servingPart = serve ? overHorizon({ gpuHours: serve.gpuHoursPerDay, usd: serve.usdPerDay, energyKwh: serve.energyKwhPerDay, co2Kg: serve.co2KgPerDay }, serve.horizonDays) : null;
  const lifetime: LifetimeReport | null = any
    ? Object.assign(lifetimeBudget({ training: run.distill?.insteadOfPretraining && distill ? null : trainingPart(r), distillation: distill?.cost ?? null, postTraining: postTrain?.cost ?? null, serving: servingPart }, serve?.horizonDays ?? null), { inferenceAware: serve ? resizeFor(r, serve) : null })
    : null;
  // Written out rather than spread: V8 copies a spread with added keys this size key by key, slowly.
  return {
    name: r.name, model: r.model, data: r.data, training: r.training, compute: r.compute, scaling, inferenceAware: r.inferenceAware, hardware: r.hardware,
    cost: r.cost, memory: r.memory, budget: r.budget, findings: [...r.findings, ...findings], assumptions: r.assumptions, sources: r.sources,
    distill, serve, postTrain, lifetime, denseVsMoe: compare,
  };
}
