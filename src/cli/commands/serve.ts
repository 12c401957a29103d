// scaling-planner serve: decode and prefill throughput, memory and $ per million output tokens of
// one replica, from the roofline of the scaling book's inference chapters.

import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { resolveModel } from '../../read/knownModels';
import { DEFAULT_MAX_BYTES, readConfig } from '../../read/read';
import {
  countParams,
  findAccelerator,
  fmtCount,
  kvCacheBytesPerToken,
  missingShapeFields,
  PRECISION_BYTES,
  serveDevice,
  serveSnapshot,
  type CompleteShape,
  type ModelShape,
  type ServePrecision,
} from '../../engine';
import { choice, need, num, type FlagValues } from '../args';
import { answerCommand } from '../answer';
import { CliUsageError, textLines } from '../command';

const PRECISIONS = ['bf16', 'fp8', 'int8', 'int4'] as const;

const HELP = `scaling-planner serve [FILE] [--model NAME] [--params N] [--active-params N] [--layers L --kv-heads K --head-dim H] --accelerator ID [--count N] --context T --batch B [--precision bf16|fp8|int8|int4] [--kv-precision P] [--price USD] [--json]

One serving replica of --count devices (default 1) holding the weights: the decode step at batch B
with T tokens of KV cache per sequence, step = B·KV/BW + max(2·B·N_active/peak, weights/BW), ideal
and at the achieved fractions (50% of peak and of bandwidth), prefill throughput, memory, and $ per
million output tokens at the device price. The model comes from FILE (any config the readers know,
a Hugging Face config.json included), a known --model name, or --params with the attention shape
(--layers, --kv-heads, --head-dim) for the KV cache. --precision sets the weights (int8/int4 use
bf16 math); --kv-precision the cache (default the same).`;

const FLAGS = ['model', 'params', 'active-params', 'layers', 'kv-heads', 'head-dim', 'accelerator', 'count', 'context', 'batch', 'precision', 'kv-precision', 'price', 'json'];

function shapeFromFile(file: string): Partial<ModelShape> & { params?: number; activeParams?: number } {
  let text: string;
  try {
    if (statSync(file).size > DEFAULT_MAX_BYTES) throw new CliUsageError(`${file} is above the ${DEFAULT_MAX_BYTES / 1024} KB limit`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof CliUsageError) throw e;
    throw new CliUsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const r = readConfig(text, basename(file), { anySyntaxError: true });
  if (r.fatal) throw new CliUsageError(`${file}: ${r.fatal.message}`);
  if (!r.result) throw new CliUsageError(`${file} is not a config this tool reads`);
  return { ...(r.result.run.model.shape ?? {}), params: r.result.run.model.params, activeParams: r.result.run.model.activeParams };
}

interface ServeModelFacts {
  params: number;
  active: number;
  shape?: CompleteShape;
  kv?: { layers: number; kvHeads: number; headDim: number };
}

function modelFacts(v: FlagValues, file: string | undefined): ServeModelFacts {
  let base: Partial<ModelShape> & { params?: number; activeParams?: number } = {};
  if (file) base = shapeFromFile(file);
  else if (typeof v.model === 'string') {
    const k = resolveModel(v.model);
    if (!k) throw new CliUsageError(`unknown model "${v.model}"`);
    base = { ...(k.shape ?? {}), params: k.params, activeParams: k.activeParams };
  }
  const full = missingShapeFields(base).length === 0 ? ({ architecture: 'llama', ...base } as CompleteShape) : undefined;
  const counted = full ? countParams(full) : undefined;
  const params = num(v, 'params') ?? counted?.total ?? base.params;
  if (params === undefined) throw new CliUsageError('give the model: FILE, --model NAME, or --params N');
  const active = num(v, 'active-params') ?? counted?.active ?? base.activeParams ?? params;
  const layers = num(v, 'layers');
  const kvHeads = num(v, 'kv-heads');
  const headDim = num(v, 'head-dim');
  const kv = layers !== undefined && kvHeads !== undefined && headDim !== undefined ? { layers, kvHeads, headDim } : undefined;
  if (!kv && !full) throw new CliUsageError('the KV cache needs the attention shape: give --layers, --kv-heads and --head-dim (or FILE / --model)');
  return { params, active, shape: full, kv };
}

function serveAnswer(v: FlagValues, positionals: string[]): { json: unknown; text: string } {
  const m = modelFacts(v, positionals[0]);
  if (typeof v.accelerator !== 'string') throw new CliUsageError('--accelerator is required');
  const acc = findAccelerator(v.accelerator);
  if (!acc) throw new CliUsageError(`unknown accelerator "${v.accelerator}"`);
  const count = num(v, 'count') ?? 1;
  const context = need(v, 'context');
  const batch = need(v, 'batch');
  const precision: ServePrecision = choice(v, 'precision', PRECISIONS) ?? 'bf16';
  const kvPrecision: ServePrecision = choice(v, 'kv-precision', PRECISIONS) ?? precision;
  const price = num(v, 'price');
  const bytes = PRECISION_BYTES[kvPrecision];
  const kvBytes = m.kv ? 2 * m.kv.layers * m.kv.kvHeads * m.kv.headDim * bytes : kvCacheBytesPerToken(m.shape!, bytes, context);
  const s = m.shape;
  const attn = s ? 2 * s.layers * s.heads * (s.headDim ?? s.dModel / s.heads) : undefined;
  const device = serveDevice(acc, count, precision, price);
  const snap = serveSnapshot({ model: { params: m.params, activeParams: m.active, kvBytesPerToken: kvBytes, attentionFlopsPerContextToken: attn }, device, weightPrecision: precision, batch, context });
  const out = {
    accelerator: acc.id, count, precision, kvPrecision, batch, context,
    kvCacheBytesPerToken: snap.kvCacheBytesPerToken,
    decode: { ...snap.decode },
    prefill: snap.prefill,
    memory: snap.memory,
    criticalBatch: snap.criticalBatch,
    maxBatch: snap.maxBatch,
    usdPerMillionOutputTokens: snap.usdPerMillionOutputTokens,
    achieved: snap.achieved,
  };
  const d = snap.decode;
  const text = textLines([
    `Serving ${fmtCount(m.params)} params (${fmtCount(m.active)} active) on ${count} × ${acc.id}, ${precision} weights, ${kvPrecision} KV cache`,
    `  KV cache       ${fmtCount(kvBytes)} bytes per token; ${snap.memory.kvCacheGb.toFixed(1)} GiB at batch ${batch} × ${fmtCount(context)} tokens`,
    `  memory         weights ${snap.memory.weightsGb.toFixed(1)} + KV ${snap.memory.kvCacheGb.toFixed(1)} of ${snap.memory.availableGb.toFixed(1)} GiB: ${snap.memory.fits ? 'fits' : 'does not fit'} (largest batch that fits: ${snap.maxBatch})`,
    `  decode step    ${d.stepMsIdeal.toFixed(2)} ms ideal, ${d.stepMs.toFixed(2)} ms at ${(snap.achieved.bandwidth * 100).toFixed(0)}% of bandwidth and ${(snap.achieved.flops * 100).toFixed(0)}% of peak; bound by ${d.dominant}`,
    `  decode         ${fmtCount(d.tokensPerSecondIdeal)} tok/s ideal, ${fmtCount(d.tokensPerSecond)} tok/s realistic (critical batch ${snap.criticalBatch.toFixed(0)})`,
    `  prefill        ${fmtCount(snap.prefill.tokensPerSecondIdeal)} tok/s ideal, ${fmtCount(snap.prefill.tokensPerSecond)} tok/s realistic`,
    `  cost           ${snap.usdPerMillionOutputTokens === null ? `no price for ${acc.id}; give --price` : `$${snap.usdPerMillionOutputTokens.toFixed(3)} per million output tokens`}`,
  ]);
  return { json: out, text };
}

export const SERVE_COMMAND = answerCommand({
  name: 'serve',
  summary: 'decode and prefill roofline, memory and USD per million tokens of one serving replica',
  help: HELP,
  flags: FLAGS,
  positionals: 1,
  answer: serveAnswer,
});
