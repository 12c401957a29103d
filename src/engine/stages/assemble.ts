// Stage 6, the report: every stage's figures in the Report's shape, the suppressed finding codes
// left out. The lifecycle sections are added after it (stages/lifecycle.ts).

import { pfDays } from '../flops';
import type { ReportBeforeLifecycle } from '../lifecycle';
import type { Report } from '../report';
import type { Compute } from './compute';
import type { StageContext } from './context';
import type { Counts } from './count';
import type { Hardware } from './hardware';
import type { Memory } from './memory';
import type { Position } from './scaling';
import type { Time } from './time';

export interface Stages {
  counts: Counts;
  compute: Compute;
  position: Position;
  inferenceAware: Report['inferenceAware'];
  hardware: Hardware;
  time: Time;
  memory: Memory;
}

export function assembleReport(ctx: StageContext, s: Stages): ReportBeforeLifecycle {
  const { run, law, options } = ctx;
  const { counts: c, compute: d, position: p, hardware: hw, time: t } = s;
  const { tokens } = d;
  const suppressed = new Set(options.suppress ?? []);
  return {
    name: run.name ?? null,
    model: { paramsTotal: c.total, paramsActive: c.active, paramsNonEmbedding: c.nonEmb, paramsTrainable: c.trainable, paramsMtp: c.mtp, fromShape: !!c.shape },
    data: { tokens, uniqueTokens: d.unique, epochs: p.epochs, effectiveTokens: p.effTokens },
    training: {
      steps: tokens !== null && run.training.globalBatchTokens ? Math.ceil(tokens / run.training.globalBatchTokens) : run.training.steps ?? null,
      finetune: c.ft ?? null,
      layout: t.tc.layout,
    },
    compute: { flops: d.flops, flopsWithAttention: d.flopsAttn, pfDays: d.flops === null ? null : pfDays(d.flops) },
    scaling: {
      law: law.id,
      lawName: law.name,
      citation: law.citation,
      loss: p.loss,
      optimalParams: p.opt?.params ?? null,
      optimalTokens: p.opt?.tokens ?? null,
      optimalLoss: p.opt?.loss ?? null,
      tokensPerParam: p.tpp,
      optimalTokensPerParam: p.opt ? p.opt.tokens / p.opt.params : null,
      optimalTokensForParams: p.optTokensForN,
      optimalTokensPerParamForSize: p.optTokensForN !== null && p.N ? p.optTokensForN / p.N : null,
      computeEfficiency: p.efficiency,
    },
    inferenceAware: s.inferenceAware,
    hardware: hardwareSection(hw, t),
    // Copied by key so that every report's cost block has the same hidden class: a spread that adds keys gives each call its own, which slows every later read of the block.
    cost: Object.assign({}, t.cost),
    memory: s.memory.memory,
    budget: { usd: run.budget.usd ?? null, days: run.budget.days ?? null },
    findings: ctx.findings.filter((f) => !suppressed.has(f.code)),
    assumptions: ctx.assumptions,
    sources: {},
  };
}

function hardwareSection(hw: Hardware, t: Time): Report['hardware'] {
  const { acc, owned } = hw;
  const { tc } = t;
  return {
    accelerator: acc?.id ?? null,
    name: acc?.name ?? null,
    count: hw.count,
    mfu: tc.mfu,
    mfuSource: tc.mfuSource,
    throughput: tc.throughput ? { priorClass: tc.throughput.priorClass, prior: tc.throughput.prior, terms: tc.throughput.terms } : null,
    precision: hw.precision,
    peakFlops: hw.peak,
    pricePerHour: hw.price,
    priceRange: acc?.price && !owned ? { low: acc.price.low, high: acc.price.high, checked: acc.price.checked } : null,
    ownership: owned ? 'owned' : 'rent',
    ownedCost: owned,
    powerW: hw.powerW,
    pue: hw.pue,
    gridGco2PerKwh: hw.grid,
  };
}
