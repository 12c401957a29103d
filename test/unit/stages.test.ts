// Each stage of analyze() on its own (src/engine/stages/), against published figures
// (test/fixtures/stages.json, reference-cases.json, published-param-counts.json).

import { strict as assert } from 'node:assert';
import { budgetFindings } from '../../src/engine/stages/budget';
import { computeStage } from '../../src/engine/stages/compute';
import { stageContext, type StageContext } from '../../src/engine/stages/context';
import { countStage } from '../../src/engine/stages/count';
import { hardwareStage } from '../../src/engine/stages/hardware';
import { inferenceStage } from '../../src/engine/stages/inference';
import { deviceCountFinding, memoryStage } from '../../src/engine/stages/memory';
import { positionFindings } from '../../src/engine/stages/positionFindings';
import { scalingStage } from '../../src/engine/stages/scaling';
import { memoryModelOf, timeStage } from '../../src/engine/stages/time';
import { assembleReport } from '../../src/engine/stages/assemble';
import { lifecycleStage } from '../../src/engine/stages/lifecycle';
import type { EngineOptions } from '../../src/engine/report';
import { emptyRun, type ModelShape, type RunDescription } from '../../src/engine/types';
import { assertNear, fixtureJson } from '../helpers';

interface Published { value?: number; tolerance?: number; source: string; [k: string]: unknown }
const F = fixtureJson<Record<string, Published>>('stages.json');
const CASES = fixtureJson<Array<{ id: string; inputs: { N?: number; D?: number; C?: number }; expected: Record<string, number>; tolerance_rel: number }>>('reference-cases.json');
const COUNTS = fixtureJson<{ models: Array<{ model: string; shape: ModelShape; total: number; nonEmbedding: number }> }>('published-param-counts.json').models;
const refCase = (id: string) => CASES.find((c) => c.id === id)!;

function run(edit: (r: RunDescription) => void): RunDescription {
  const r = emptyRun();
  edit(r);
  return r;
}
const ctxOf = (r: RunDescription, o: EngineOptions = {}): StageContext => stageContext(r, o);
const codes = (ctx: StageContext): string[] => ctx.findings.map((f) => f.code);

/** The stages up to the scaling position, for a run. */
function upToPosition(ctx: StageContext) {
  const counts = countStage(ctx);
  const compute = computeStage(ctx, counts);
  return { counts, compute, position: scalingStage(ctx, counts, compute) };
}

describe('analyze stages', () => {
  it('count: Pythia-1.4B from its shape, total and non-embedding as published', () => {
    const p = COUNTS.find((m) => m.model === 'Pythia-1.4B')!;
    const ctx = ctxOf(run((r) => (r.model.shape = p.shape)));
    const c = countStage(ctx);
    assert.equal(c.total, p.total);
    assert.equal(c.nonEmb, p.nonEmbedding);
    assert.equal(c.trainable, p.total);
  });

  it('count: a LoRA run without its adapters has no trainable count and says why', () => {
    const ctx = ctxOf(run((r) => ((r.model.params = 7e9), (r.training.finetune = 'lora'))));
    const c = countStage(ctx);
    assert.equal(c.trainable, null);
    const why = ctx.findings.find((f) => f.message.startsWith('Trainable parameters'));
    assert.equal(why?.field, 'model.params', 'the finding points at the count that is not a shape');
  });

  it('compute: GPT-3 175B on 300B tokens is 3.14e23 FLOPs (Brown et al. 2020, Table D.1)', () => {
    const g = F.gpt3;
    const ctx = ctxOf(run((r) => ((r.model.params = g.params as number), (r.data.tokens = g.tokens as number))));
    const d = computeStage(ctx, countStage(ctx));
    assertNear(d.flops!, g.trainingFlops as number, g.tolerance!, 'training FLOPs');
    assert.equal(d.flopsAttn, null, 'no attention term without a shape');
  });

  it('scaling position: Chinchilla 70B on 1.4T tokens under the Epoch refit (Besiroglu et al. 2024)', () => {
    const c = refCase('epoch_loss_chinchilla_70B_1.4T');
    const ctx = ctxOf(run((r) => ((r.model.params = c.inputs.N), (r.data.tokens = c.inputs.D), (r.law = 'epoch'))));
    const { position } = upToPosition(ctx);
    assertNear(position.loss!, c.expected.loss, c.tolerance_rel, 'loss');
  });

  it('scaling position: the compute-optimum at 1e21 FLOPs is 21.6 tokens per parameter (Epoch refit)', () => {
    const c = refCase('epoch_opt_C1e+21');
    const N = 1e9;
    const ctx = ctxOf(run((r) => ((r.model.params = N), (r.data.tokens = c.inputs.C! / (6 * N)), (r.law = 'epoch'))));
    const { position } = upToPosition(ctx);
    assertNear(position.opt!.params, c.expected.N_opt, 1e-4, 'N_opt');
    assertNear(position.opt!.tokens / position.opt!.params, c.expected.tokens_per_param, 1e-4, 'tokens per parameter');
  });

  it('scaling position: 4 epochs are worth 3.73 unique-token sets (Muennighoff et al. 2023)', () => {
    const e = F.fourEpochs;
    const unique = 1e11;
    const ctx = ctxOf(run((r) => ((r.model.params = 1e9), (r.data.tokens = (e.epochs as number) * unique), (r.data.uniqueTokens = unique))));
    const { position } = upToPosition(ctx);
    assert.equal(position.epochs, e.epochs);
    assertNear(position.effTokens! / unique, e.effectiveOverUnique as number, e.tolerance!, "D' / U");
    assert.ok(ctx.assumptions.some((a) => a.field === 'data.unique_tokens'));
  });

  it('position findings: 70B on 140B tokens is under-trained and over-sized; 10 epochs is repeated data', () => {
    const ctx = ctxOf(run((r) => ((r.model.params = 70e9), (r.data.tokens = 140e9), (r.data.uniqueTokens = 14e9))));
    const s = upToPosition(ctx);
    positionFindings(ctx, s.counts, s.compute, s.position);
    assert.deepEqual(codes(ctx).filter((c) => c !== 'missing-facts'), ['under-trained', 'over-sized', 'data-repeated']);
  });

  it('inference: lifetime FLOPs of the configured run are 6ND + 2N x inference tokens (Sardana et al. 2024)', () => {
    const ctx = ctxOf(run((r) => ((r.model.params = 13e9), (r.data.tokens = 260e9), (r.inference.tokens = 2e12))));
    const s = upToPosition(ctx);
    const ia = inferenceStage(ctx, s.compute, s.position)!;
    assert.equal(ia.configLifetimeFlops, 6 * 13e9 * 260e9 + 2 * 13e9 * 2e12);
    assert.ok(ia.params < 13e9 && ia.savingFraction > 0, 'a smaller model on more tokens saves lifetime compute');
  });

  it('hardware: H100 SXM bf16 peak is 989 TFLOP/s dense (NVIDIA datasheet); an unknown id is a finding', () => {
    const h = hardwareStage(ctxOf(run((r) => ((r.hardware.accelerator = 'H100-SXM'), (r.hardware.count = 8)))));
    assertNear(h.peak!, F.h100Bf16Peak.value!, F.h100Bf16Peak.tolerance!, 'peak');
    assert.equal(h.count, 8);
    const ctx = ctxOf(run((r) => (r.hardware.accelerator = 'no-such-chip')));
    assert.equal(hardwareStage(ctx).acc, undefined);
    assert.deepEqual(codes(ctx), ['unknown-accelerator']);
  });

  it('time: a stated MFU is used as stated and GPU-hours follow from FLOPs over delivered FLOP/s', () => {
    const g = F.gpt3;
    const ctx = ctxOf(run((r) => ((r.model.params = g.params as number), (r.data.tokens = g.tokens as number), (r.hardware.accelerator = 'A100-80GB'), (r.hardware.count = 1024), (r.hardware.mfu = 0.5))));
    const counts = countStage(ctx);
    const compute = computeStage(ctx, counts);
    const hw = hardwareStage(ctx);
    const t = timeStage(ctx, counts, compute, hw);
    assert.equal(t.tc.mfuSource, 'stated');
    assertNear(t.cost.gpuHours!, compute.flops! / (hw.peak! * 0.5) / 3600, 1e-9, 'GPU-hours');
    assert.equal(t.mm!.params, g.params);
  });

  it('memory: 7.5B parameters of mixed-precision Adam states (120 GB, ZeRO Sec. 3.1) do not fit one 80 GB device', () => {
    const z = F.zeroStates;
    const ctx = ctxOf(run((r) => ((r.model.params = z.params as number), (r.data.tokens = 1e9), (r.hardware.accelerator = 'A100-80GB'), (r.hardware.count = 1), (r.training.zeroStage = 0), (r.training.tensorParallel = 1), (r.training.pipelineParallel = 1), (r.training.precision = 'fp16'), (r.training.optimizer = 'adam'))));
    const counts = countStage(ctx);
    const compute = computeStage(ctx, counts);
    const hw = hardwareStage(ctx);
    assert.equal(memoryModelOf(ctx, counts, hw.precision)!.optimizer, 'adam');
    const t = timeStage(ctx, counts, compute, hw);
    const m = memoryStage(ctx, counts, hw, t);
    assertNear(m.memory.statesGb!, (z.bytes as number) / 2 ** 30, 0.01, 'model states (GiB)');
    assert.equal(m.memory.fits, false);
    assert.ok(codes(ctx).includes('memory-exceeded'));
  });

  it('findings: over budget and an unknown device count name what they need', () => {
    const ctx = ctxOf(run((r) => ((r.model.params = 7e9), (r.data.tokens = 2e12), (r.hardware.accelerator = 'A100-80GB'), (r.hardware.mfu = 0.4), (r.budget.usd = 1000))));
    const s = upToPosition(ctx);
    const hw = hardwareStage(ctx);
    const t = timeStage(ctx, s.counts, s.compute, hw);
    budgetFindings(ctx, s.compute, s.position, hw, t);
    const m = memoryStage(ctx, s.counts, hw, t);
    deviceCountFinding(ctx, hw, t, m);
    assert.ok(codes(ctx).includes('over-budget'));
    const last = ctx.findings[ctx.findings.length - 1];
    assert.equal(last.field, 'hardware.count', 'the unknown device count comes last');
    assert.match(last.message, /wall-clock days/);
  });

  it('assembly and lifecycle: the report carries every stage and no lifecycle section the run does not declare', () => {
    const ctx = ctxOf(run((r) => ((r.model.params = 1e9), (r.data.tokens = 20e9))), { suppress: ['missing-facts'] });
    const s = upToPosition(ctx);
    const hardware = hardwareStage(ctx);
    const time = timeStage(ctx, s.counts, s.compute, hardware);
    const memory = memoryStage(ctx, s.counts, hardware, time);
    const report = lifecycleStage(ctx, assembleReport(ctx, { ...s, inferenceAware: null, hardware, time, memory }), s.counts.shape);
    assert.equal(report.compute.flops, 6 * 1e9 * 20e9);
    assert.equal(report.findings.filter((f) => f.code === 'missing-facts').length, 0, 'suppressed codes left out');
    assert.equal(report.serve, null);
    assert.equal(report.distill, null);
  });
});
