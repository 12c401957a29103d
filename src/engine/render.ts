// The report as lines of text or Markdown: the CLI prints it, the editor copies and previews it.

import { lifecycleSections } from './renderLifecycle';
import type { Report } from './analyze';
import { layoutText } from './layout';
import { fmtCo2, fmtCount, fmtDays, fmtEnergy, fmtFlops, fmtMoney, fmtPercent, fmtRange, fmtSpan, USD, type Money } from './format';
import { groupDigits } from './digits';

export interface Row {
  label: string;
  value: string;
}

export interface Section {
  title: string;
  rows: Row[];
}

const dash = '—';

const MFU_SOURCE: Record<Report['hardware']['mfuSource'], string> = { stated: 'stated', setting: 'from settings', prior: 'predicted' };

/** Steady state and goodput beside the expected wall clock. */
function wallClockNote(r: Report): string {
  const c = r.cost;
  if (c.steadyWallClockDays === null || c.goodput === null || c.goodput >= 0.995) return '';
  return r.hardware.mfuSource === 'prior'
    ? `; steady state ${fmtDays(c.steadyWallClockDays)}, goodput ${fmtPercent(c.goodput)} (≈ ${fmtCount(Math.round(c.interruptions ?? 0))} interruptions)`
    : `; with interruptions ≈ ${fmtDays(c.expectedWallClockDays!)} (goodput ${fmtPercent(c.goodput)})`;
}
const n = (x: number | null, f: (v: number) => string): string => (x === null ? dash : f(x));

/** Headline: "1.41B params · 300B tokens · 2.5e21 FLOPs · 3.1 d on 64×H100-SXM · $12.4k". */
export function headline(r: Report, money: Money = USD): string {
  const fmtUsd = (x: number): string => fmtMoney(x, money);
  const parts: string[] = [];
  if (r.model.paramsTotal !== null) parts.push(`${fmtCount(r.model.paramsTotal)} params`);
  const trainable = r.model.paramsTrainable;
  if (r.model.paramsTotal !== null && trainable !== null && trainable < r.model.paramsTotal) parts.push(`${fmtCount(trainable)} trainable`);
  if (r.data.tokens !== null) parts.push(`${fmtCount(r.data.tokens)} tokens`);
  if (r.compute.flops !== null) parts.push(`${fmtFlops(r.compute.flops)} FLOPs`);
  const c = r.cost;
  if (c.wallClockDays !== null && r.hardware.accelerator) parts.push(`${fmtDays(c.wallClockDays)}${fmtRange(c.wallClockDaysRange, fmtDays)} on ${r.hardware.count}×${r.hardware.accelerator}`);
  else if (c.gpuHours !== null) parts.push(`${fmtCount(c.gpuHours)}${fmtRange(c.gpuHoursRange, fmtCount)} GPU-h`);
  if (c.usd !== null) parts.push(`${fmtUsd(c.usd)}${fmtRange(c.usdRange, fmtUsd)}`);
  // A fine-tune on a dataset of unknown size has no FLOPs, but its memory is worth a glance.
  const finetune = r.model.paramsTotal !== null && trainable !== null && trainable < r.model.paramsTotal;
  if (finetune && r.compute.flops === null) {
    if (r.memory.perDeviceGb !== null) parts.push(`${r.memory.perDeviceGb.toFixed(1)} GiB/device`);
    else if (r.memory.statesGb !== null && r.memory.statesGb !== undefined) parts.push(`${r.memory.statesGb.toFixed(1)} GiB/device + activations`);
  }
  return parts.join(' · ') || 'not enough facts for an estimate';
}

export function sections(r: Report, dialect?: string | null, money: Money = USD): Section[] {
  const fmtUsd = (x: number): string => fmtMoney(x, money);
  const s: Section[] = [];
  s.push({
    title: 'Model',
    rows: [
      ...(r.name ? [{ label: 'Name', value: r.name }] : []),
      ...(dialect ? [{ label: 'Dialect', value: dialect }] : []),
      { label: 'Parameters', value: n(r.model.paramsTotal, (v) => `${fmtCount(v)} (${groupDigits(v)})`) },
      { label: 'Active per token', value: n(r.model.paramsActive, fmtCount) },
      { label: 'Non-embedding', value: n(r.model.paramsNonEmbedding, fmtCount) },
      ...(r.model.paramsMtp ? [{ label: 'MTP modules (not in total)', value: `${fmtCount(r.model.paramsMtp)}; total with them ${r.model.paramsTotal === null ? '—' : fmtCount(r.model.paramsTotal + r.model.paramsMtp)}` }] : []),
      ...(r.training.finetune ? [{ label: 'Trainable', value: n(r.model.paramsTrainable, fmtCount) }] : []),
    ],
  });
  s.push({
    title: 'Data and compute',
    rows: [
      { label: 'Tokens', value: n(r.data.tokens, fmtCount) },
      ...(r.data.uniqueTokens !== null ? [{ label: 'Unique tokens', value: `${fmtCount(r.data.uniqueTokens)} (${n(r.data.epochs, (e) => e.toFixed(2))} epochs)` }] : []),
      ...(r.data.effectiveTokens !== null ? [{ label: 'Effective tokens', value: fmtCount(r.data.effectiveTokens) }] : []),
      ...(r.training.steps !== null ? [{ label: 'Steps', value: groupDigits(r.training.steps) }] : []),
      { label: r.training.finetune === 'lora' || r.training.finetune === 'qlora' ? 'Training FLOPs (frozen base + adapters)' : 'Training FLOPs (6ND)', value: n(r.compute.flops, fmtFlops) },
      { label: 'With attention', value: n(r.compute.flopsWithAttention, fmtFlops) },
      { label: 'PF-days', value: n(r.compute.pfDays, (v) => (v >= 1000 ? groupDigits(Math.round(v)) : v.toFixed(1))) },
    ],
  });
  const sc = r.scaling;
  s.push({
    title: `Scaling (${sc.lawName})`,
    rows: [
      { label: 'Predicted loss', value: n(sc.loss, (v) => v.toFixed(3)) },
      { label: 'Tokens per parameter', value: `${n(sc.tokensPerParam, (v) => v.toFixed(1))} (optimum for this size ≈ ${n(sc.optimalTokensPerParamForSize, (v) => v.toFixed(1))})` },
      { label: 'Optimum at this compute', value: sc.optimalParams === null ? dash : `${fmtCount(sc.optimalParams)} params on ${fmtCount(sc.optimalTokens!)} tokens, loss ${sc.optimalLoss!.toFixed(3)}` },
      { label: 'Compute efficiency', value: n(sc.computeEfficiency, fmtPercent) },
      ...(r.inferenceAware
        ? [{ label: 'Inference-aware', value: `${fmtCount(r.inferenceAware.params)} params on ${fmtCount(r.inferenceAware.tokens)} tokens (${fmtPercent(r.inferenceAware.savingFraction)} fewer lifetime FLOPs)` }]
        : []),
    ],
  });
  const h = r.hardware;
  s.push({
    title: 'Hardware and cost',
    rows: [
      { label: 'Accelerator', value: h.accelerator ? `${h.count ?? '?'} × ${h.name} (${fmtCount((h.peakFlops ?? 0) / 1e12)} TFLOP/s ${h.precision}, MFU ${fmtPercent(h.mfu)} ${MFU_SOURCE[h.mfuSource]})` : dash },
      ...(r.training.layout ? [{ label: 'Layout', value: layoutText(r.training.layout) }] : []),
      { label: 'GPU-hours', value: n(r.cost.gpuHours, (v) => `${fmtCount(v)}${fmtRange(r.cost.gpuHoursRange, fmtCount)}`) },
      { label: 'Wall clock', value: n(r.cost.wallClockDays, (v) => `${fmtDays(v)}${fmtRange(r.cost.wallClockDaysRange, fmtDays)}${wallClockNote(r)}`) },
      { label: 'Cost', value: r.cost.usd === null ? dash : `${fmtUsd(r.cost.usd)} at ${fmtMoney(h.pricePerHour!, money)}/h${h.priceRange ? ` (${priceSpan(r.cost.gpuHours!, h.priceRange, fmtUsd)}prices of ${h.priceRange.checked})` : ''}` },
      ...(r.cost.usdRange ? [{ label: 'Cost P10–P90', value: `${fmtUsd(r.cost.usdRange[0])}–${fmtUsd(r.cost.usdRange[1])} (spread of the MFU prior on published runs)` }] : []),
      { label: 'Energy', value: n(r.cost.energyKwh, (v) => `${fmtEnergy(v)}${fmtRange(r.cost.energyKwhRange, fmtEnergy)} (PUE ${h.pue})`) },
      { label: 'CO2', value: n(r.cost.co2Kg, (v) => `${fmtCo2(v)}${fmtRange(r.cost.co2KgRange, fmtCo2)} (${h.gridGco2PerKwh} g/kWh)`) },
    ],
  });
  const m = r.memory;
  if (r.model.paramsTotal !== null) {
    // GiB (vendors' "80 GB" is 80 GiB); "sharded" = divided over a device count that is not known.
    const gib = (x: number | null, unknown = 'sharded'): string => (x === null ? unknown : x.toFixed(1));
    const fit = m.fits === null ? ' — fit unknown' : m.fits ? ' — fits' : ' — does not fit';
    s.push({
      title: 'Memory per device (GiB)',
      rows: [
        { label: 'Weights / grads / optimizer', value: `${gib(m.weightsGb)} / ${gib(m.gradientsGb)} / ${gib(m.optimizerGb)} GiB` },
        { label: 'Activations', value: m.activationsGb === null ? `unknown (needs ${r.model.fromShape ? 'the training seq_len' : 'the shape and seq_len'})` : `${m.activationsGb.toFixed(1)} GiB` },
        { label: 'Total', value: `${m.perDeviceGb === null ? dash : `${m.perDeviceGb.toFixed(1)} GiB`} of ${m.capacityGb ?? '?'} GiB${fit}${m.minDevices !== null && r.hardware.count === null ? ` (fits on ${m.minDevices} or more devices)` : ''}` },
      ],
    });
  }
  s.push(...lifecycleSections(r, money));
  return s;
}

export function renderText(r: Report, dialect?: string | null, money: Money = USD): string {
  const out: string[] = [headline(r, money), ''];
  for (const sec of sections(r, dialect, money)) {
    out.push(sec.title);
    const w = Math.max(...sec.rows.map((x) => x.label.length));
    for (const row of sec.rows) out.push(`  ${row.label.padEnd(w)}  ${row.value}`);
    out.push('');
  }
  if (r.findings.length) {
    out.push('Findings');
    for (const f of r.findings) out.push(`  ${f.severity.padEnd(11)} ${f.code}: ${f.message}`);
    out.push('');
  }
  if (r.assumptions.length) {
    out.push('Assumptions');
    for (const a of r.assumptions) out.push(`  ${a.field} = ${assumedValue(a)} (${a.source}${a.note ? `; ${a.note}` : ''})`);
    out.push('');
  }
  const src = provenanceLines(r);
  if (src.length) {
    out.push('Where facts came from');
    for (const l of src) out.push(`  ${l}`);
  }
  return out.join('\n').trimEnd() + '\n';
}

/** The cost at the catalog's lowest and highest price, "range $3.7M–$6.9M, ", or nothing for a single price. */
function priceSpan(gpuHours: number, p: { low: number; high: number }, fmtUsd: (usd: number) => string): string {
  const span = fmtSpan(gpuHours * p.low, gpuHours * p.high, fmtUsd);
  return span ? `range ${span}, ` : '';
}

/** An assumed value as a reader takes it in: an MFU as a percentage, other fractions to four digits. */
function assumedValue(a: Report['assumptions'][number]): string {
  if (typeof a.value !== 'number' || Number.isInteger(a.value)) return String(a.value);
  return a.field === 'hardware.mfu' ? fmtPercent(a.value) : String(+a.value.toPrecision(4));
}

/** "model.layers: lookup — Llama-3-8B, from the built-in model table (…)" for each fact not in the file. */
function provenanceLines(r: Report): string[] {
  return Object.entries(r.sources ?? {}).map(([field, s]) => `${field}: ${s.origin}${s.note ? ` — ${s.note}` : ''}`);
}

function mdEscape(s: string): string {
  return s.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);
}

export function renderMarkdown(r: Report, dialect?: string | null, money: Money = USD): string {
  const out: string[] = [`### ${mdEscape(r.name ?? 'Training run')}`, '', `**${mdEscape(headline(r, money))}**`, ''];
  for (const sec of sections(r, dialect, money)) {
    out.push(`| ${mdEscape(sec.title)} | |`, '|---|---|');
    for (const row of sec.rows) out.push(`| ${mdEscape(row.label)} | ${mdEscape(row.value)} |`);
    out.push('');
  }
  if (r.findings.length) {
    out.push('**Findings**', '');
    for (const f of r.findings) out.push(`- *${f.severity}* \`${f.code}\`: ${mdEscape(f.message)}`);
    out.push('');
  }
  if (r.assumptions.length) {
    out.push('**Assumptions**', '');
    for (const a of r.assumptions) out.push(`- ${mdEscape(`${a.field} = ${assumedValue(a)} (${a.source}${a.note ? `; ${a.note}` : ''})`)}`);
    out.push('');
  }
  const src = provenanceLines(r);
  if (src.length) {
    out.push('**Where facts came from**', '');
    for (const l of src) out.push(`- ${mdEscape(l)}`);
    out.push('');
  }
  return out.join('\n');
}
