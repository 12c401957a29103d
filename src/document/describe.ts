// Words for the editor surfaces: hover text for a field, inline hint labels, the field under a
// cursor. Pure; built only from the analysis and the engine's formatters.

import type { Report } from '../engine/analyze';
import { findAccelerator, SOURCES } from '../engine/hardware';
import { fmtCo2, fmtCount, fmtDays, fmtFlops, fmtMoney, fmtPercent, fmtRange, fmtSpan, USD, type Money } from '../engine/format';
import { layoutText } from '../engine/layout';
import { groupDigits } from '../engine/digits';
import type { DocumentAnalysis } from './analyzeDocument';
import { lifecycleHover } from './describeLifecycle';
import { fieldSpec } from '../engine/fields';
import type { FieldSource, SourceKey } from '../read/types';

/** The canonical field whose key or value covers an offset. */
export function fieldAt(a: DocumentAnalysis, offset: number): { field: string; source: FieldSource } | undefined {
  const sources = a.read?.sources ?? {};
  let best: { field: string; source: FieldSource; size: number } | undefined;
  for (const [field, source] of Object.entries(sources)) {
    for (const s of [source.span, source.keySpan, ...(source.inputs ?? []).map((i) => i.span)]) {
      if (s && offset >= s.start && offset <= s.end) {
        const size = s.end - s.start;
        if (!best || size < best.size) best = { field, source, size };
      }
    }
  }
  return best && { field: best.field, source: best.source };
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!<>|]/g, (c) => `\\${c}`);
}

function implication(field: string, r: Report, money: Money): string[] {
  const fmtUsd = (x: number): string => fmtMoney(x, money);
  const sc = r.scaling;
  const out: string[] = [];
  if (field.startsWith('model.') || field === 'model') {
    if (r.model.paramsTotal !== null) {
      out.push(`**${fmtCount(r.model.paramsTotal)} parameters** (${groupDigits(r.model.paramsTotal)})` + (r.model.paramsActive !== r.model.paramsTotal && r.model.paramsActive !== null ? `, ${fmtCount(r.model.paramsActive)} active per token` : '') + (r.model.paramsNonEmbedding !== null ? `, ${fmtCount(r.model.paramsNonEmbedding)} non-embedding` : ''));
    }
    if (sc.optimalParams !== null) out.push(`Compute-optimal size at this compute: ${fmtCount(sc.optimalParams)} (${escapeMd(sc.lawName)}).`);
  }
  if (field.startsWith('data.')) {
    if (sc.tokensPerParam !== null) out.push(`**${sc.tokensPerParam.toFixed(1)} tokens per parameter**; the optimum for this size is ≈ ${sc.optimalTokensPerParamForSize?.toFixed(1) ?? '—'} (${fmtCount(sc.optimalTokensForParams ?? 0)} tokens) under ${escapeMd(lawWithCitation(sc.lawName, sc.citation))}.`);
    if (r.data.epochs !== null) out.push(`${r.data.epochs.toFixed(2)} epochs over the unique tokens${r.data.effectiveTokens !== null ? `, worth ≈ ${fmtCount(r.data.effectiveTokens)} fresh tokens` : ''}.`);
    if (r.compute.flops !== null) out.push(`Training compute ${fmtFlops(r.compute.flops)} FLOPs (6·N·D)${r.compute.flopsWithAttention !== null ? `, ${fmtFlops(r.compute.flopsWithAttention)} with attention` : ''}.`);
    if (sc.loss !== null) out.push(`Predicted loss ${sc.loss.toFixed(3)} vs ${sc.optimalLoss?.toFixed(3)} at the optimum; compute efficiency ${fmtPercent(sc.computeEfficiency ?? 0)}.`);
  }
  if (field.startsWith('hardware.') || field.startsWith('training.') || field.startsWith('budget.')) {
    const h = r.hardware;
    const acc = h.accelerator ? findAccelerator(h.accelerator) : undefined;
    if (field === 'hardware.accelerator' && h.accelerator) {
      out.push(`**${escapeMd(h.name ?? h.accelerator)}**: ${fmtCount((h.peakFlops ?? 0) / 1e12)} TFLOP/s dense ${h.precision}, ${r.memory?.capacityGb ?? acc?.memoryGb ?? '?'} GiB, ${h.powerW ?? '?'} W.`);
      if (h.pricePerHour !== null) {
        const span = h.priceRange && fmtSpan(h.priceRange.low, h.priceRange.high, (x) => fmtMoney(x, money));
        const range = h.priceRange ? `${span ? `range ${span}, ` : ''}checked ${h.priceRange.checked}` : '';
        const cited = acc?.price ? `; ${escapeMd(SOURCES[acc.price.source])}` : '';
        out.push(
          acc?.price && h.pricePerHour === acc.price.default
            ? `Catalog price ${fmtMoney(h.pricePerHour, money)}/h (${range}${cited}).`
            : `Price ${fmtMoney(h.pricePerHour, money)}/h, set in the config or settings${range ? ` (catalog ${range}${cited})` : ''}.`,
        );
      }
      if (acc) out.push(`Source: ${escapeMd(acc.sources.map((s) => SOURCES[s as keyof typeof SOURCES] ?? s).join('; '))}.${acc.notes ? ` ${escapeMd(acc.notes)}` : ''}`);
    }
    if (r.cost.gpuHours !== null) {
      const c = r.cost;
      const mfuFrom = h.mfuSource === 'prior' ? ' (predicted from published runs)' : h.mfuSource === 'setting' ? ' (from settings)' : '';
      out.push(`${fmtCount(c.gpuHours!)}${fmtRange(c.gpuHoursRange, fmtCount)} GPU-hours at ${fmtPercent(h.mfu)} MFU${mfuFrom}` + (c.wallClockDays !== null ? `, ${fmtDays(c.wallClockDays)}${fmtRange(c.wallClockDaysRange, fmtDays)} on ${groupDigits(h.count!)} devices` : '') + (c.usd !== null ? `, ${fmtUsd(c.usd)}${fmtRange(c.usdRange, fmtUsd)}` : '') + (c.co2Kg !== null ? `, ${fmtCo2(c.co2Kg)}` : '') + '.');
      if (c.gpuHoursRange) out.push('Ranges are P10–P90 of the prediction error on published runs (docs/calibration.md).');
      if (c.steadyWallClockDays !== null && c.expectedWallClockDays !== null && c.goodput !== null && c.goodput < 0.995) out.push(`Steady state ${fmtDays(c.steadyWallClockDays)}; with interruptions ≈ ${fmtDays(c.expectedWallClockDays)} (goodput ${fmtPercent(c.goodput)}).`);
      if (r.training.layout && (field.startsWith('training.') || field === 'hardware.count' || field === 'hardware.accelerator')) out.push(`Layout: ${layoutText(r.training.layout)}.`);
    }
    if (r.memory && (field.startsWith('training.') || field === 'hardware.count' || field === 'hardware.accelerator')) {
      const m = r.memory;
      const gb = (x: number | null): string => (x === null ? '?' : x.toFixed(1));
      if (m.weightsGb !== null) out.push(`Memory per device ≈ ${gb(m.perDeviceGb)} GiB of ${m.capacityGb ?? '?'} GiB (weights ${gb(m.weightsGb)}, gradients ${gb(m.gradientsGb)}, optimizer ${gb(m.optimizerGb)}, activations ${gb(m.activationsGb)}).`);
    }
    if (field.startsWith('budget.') && r.budget.usd !== null && r.cost.usd !== null) out.push(`Estimated ${fmtUsd(r.cost.usd)} of a ${fmtUsd(r.budget.usd)} budget.`);
  }
  if (field === 'law') out.push(`${escapeMd(sc.lawName)}. ${escapeMd(sc.citation)}.`);
  out.push(...lifecycleHover(field, r, money));
  return out;
}

/** Markdown for a hover on a field. */
export function describeField(a: DocumentAnalysis, field: string, source: FieldSource, money: Money = USD): string {
  const info = fieldSpec(field);
  const lines: string[] = [`**Scaling Planner** · \`${field}\`${info?.hover ? ` — ${info.title}` : ''}`, ''];
  if (info?.hover) lines.push(escapeMd(info.hover), '');
  if (source.origin !== 'file') lines.push(`*From ${source.origin}${source.note ? `: ${escapeMd(source.note)}` : ''}.*`, '');
  else if (source.note) lines.push(`*${escapeMd(source.note)}*`, '');
  if (a.report) for (const l of implication(field, a.report, money)) lines.push(`- ${l}`);
  return lines.join('\n');
}

export interface HintLabels {
  model?: string;
  tokens?: string;
  hardware?: string;
}

export function hintLabels(r: Report, money: Money = USD): HintLabels {
  const fmtUsd = (x: number): string => fmtMoney(x, money);
  const out: HintLabels = {};
  if (r.model.paramsTotal !== null) {
    const parts = [`≈ ${fmtCount(r.model.paramsTotal)} params`];
    if (r.model.paramsActive !== null && r.model.paramsActive !== r.model.paramsTotal) parts.push(`${fmtCount(r.model.paramsActive)} active`);
    // A fine-tune's trainable count says more than the non-embedding one.
    const trainable = r.model.paramsTrainable;
    if (trainable !== null && trainable !== undefined && trainable < r.model.paramsTotal) parts.push(`${fmtCount(trainable)} trainable`);
    else if (r.model.paramsNonEmbedding !== null) parts.push(`${fmtCount(r.model.paramsNonEmbedding)} non-emb`);
    out.model = parts.length > 1 ? `${parts[0]} (${parts.slice(1).join(', ')})` : parts[0];
  }
  if (r.scaling.tokensPerParam !== null && r.scaling.optimalTokensPerParamForSize !== null) {
    out.tokens = `≈ ${r.scaling.tokensPerParam < 10 ? r.scaling.tokensPerParam.toFixed(1) : r.scaling.tokensPerParam.toFixed(0)} tok/param · optimum ≈ ${r.scaling.optimalTokensPerParamForSize.toFixed(0)}`;
  }
  if (r.cost.gpuHours !== null && r.hardware.accelerator) {
    const parts: string[] = [];
    const c = r.cost;
    parts.push(c.wallClockDays !== null ? `≈ ${fmtDays(c.wallClockDays)}${fmtRange(c.wallClockDaysRange, fmtDays)} on ${r.hardware.count}×${r.hardware.accelerator}` : `≈ ${fmtCount(c.gpuHours!)}${fmtRange(c.gpuHoursRange, fmtCount)} GPU-h on ${r.hardware.accelerator}`);
    if (r.cost.usd !== null) parts.push(fmtUsd(r.cost.usd)); // the hint's leading ≈ covers every part
    if (r.cost.co2Kg !== null) parts.push(fmtCo2(r.cost.co2Kg));
    out.hardware = parts.join(' · ');
  }
  return out;
}

/**
 * VS Code cuts the inlay hints of a line at `editor.inlayHints.maximumLength` characters in all
 * (43 by default), so a label keeps as many of its leading " · " parts as fit; the hover has the rest.
 */
export function fitHint(label: string, max: number): string {
  if (max <= 0) return label;
  const parts = label.split(' · ');
  while (parts.length > 1 && parts.join(' · ').length > max) parts.pop();
  return parts.join(' · ');
}

/** Where each hint goes: the block key if the dialect has one, else the first field of that kind. */
export function hintAnchors(a: DocumentAnalysis): { model?: number; tokens?: number; hardware?: number } {
  const s = a.read?.sources ?? {};
  const first = (fields: SourceKey[]): number | undefined => {
    for (const f of fields) {
      const src = s[f];
      if (src?.span && (src.origin === 'file' || src.origin === 'derived')) return src.span.end;
    }
    return undefined;
  };
  return {
    model: first(['model', 'model.params', 'model.layers', 'model.d_model', 'model.name']),
    tokens: first(['data.tokens']),
    hardware: first(['hardware', 'hardware.accelerator', 'hardware.count']),
  };
}

/** A law's name with its full citation, without a second pair of brackets when the name ends in its short one. */
function lawWithCitation(name: string, citation: string): string {
  return `${name.replace(/\s*\([^()]*\)$/, '')} (${citation})`;
}
