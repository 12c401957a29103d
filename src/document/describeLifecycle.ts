// Words for the lifecycle blocks in the editor: inline hints at `serve:` and `distill:`, hover
// lines for their fields and the lifetime CodeLens title. Pure; built from the report alone.

import type { Report } from '../engine/analyze';
import { fmtCount, fmtMoney, fmtPercent, USD, type Money } from '../engine/format';
import { PART_LABELS } from '../engine/lifecycleCharts';
import { meanContextWords, peakContextWords } from '../engine/serveWorkload';
import type { LifetimePartName } from '../engine/lifetime';
import type { DocumentAnalysis } from './analyzeDocument';
import type { SourceKey } from '../read/types';

export interface LifecycleHintLabels {
  serve?: string;
  distill?: string;
}

/** Replicas of the serving fleet: the deployed devices over the devices per replica. */
const replicas = (r: Report): number => Math.round(r.serve!.devices / r.serve!.devicesPerReplica);

export function lifecycleHintLabels(r: Report, money: Money = USD): LifecycleHintLabels {
  const out: LifecycleHintLabels = {};
  if (r.serve) {
    const perM = r.serve.snapshot.usdPerMillionOutputTokens;
    const n = replicas(r);
    const parts = [perM !== null ? `≈ ${fmtMoney(perM, money)}/M output tokens` : `≈ ${fmtCount(r.serve.snapshot.decode.tokensPerSecond)} tok/s per replica`, `${n} replica${n === 1 ? '' : 's'}`];
    if (r.serve.usdPerDay !== null) parts.push(`${fmtMoney(r.serve.usdPerDay, money)}/day`);
    out.serve = parts.join(' · ');
  }
  if (r.distill) {
    const d = r.distill;
    out.distill = `≈ student loss ${d.studentLoss.toFixed(3)} · supervised ${d.supervisedLoss.toFixed(3)}`;
  }
  return out;
}

/** Offsets of the `serve:` and `distill:` keys in the file. */
export function lifecycleAnchors(a: DocumentAnalysis): { serve?: number; distill?: number } {
  const s = a.read?.sources ?? {};
  const at = (f: SourceKey): number | undefined => {
    const src = s[f];
    return src?.span && src.origin === 'file' ? src.span.end : undefined;
  };
  return { serve: at('serve'), distill: at('distill') };
}

/** Hover lines for a field of the serve:, distill: or post_train: block. */
export function lifecycleHover(field: string, r: Report, money: Money = USD): string[] {
  const usd = (x: number | null): string => (x === null ? '—' : fmtMoney(x, money));
  const out: string[] = [];
  if (field.startsWith('serve') && r.serve) {
    const v = r.serve;
    const d = v.snapshot.decode;
    out.push(`**Serving** on ${v.devices} × ${v.accelerator} (${replicas(r)} replicas of ${v.devicesPerReplica}, ${v.replicasNeeded.toFixed(1)} needed): batch ${v.batch}, ${d.stepMs.toFixed(1)} ms per token (roofline ${d.stepMsIdeal.toFixed(1)} ms), bound by ${d.dominant}.`);
    out.push(`Decode at ${meanContextWords(v.context)}; the memory holds the batch with ${peakContextWords(v.peakContext)} per sequence (largest batch that fits ${v.snapshot.maxBatch}).`);
    out.push(`${usd(v.usdPerDay)} a day, ${usd(v.snapshot.usdPerMillionOutputTokens)} per million generated tokens; ${fmtCount(v.tokensPerDay.generated)} generated and ${fmtCount(v.tokensPerDay.prompt)} prompt tokens a day.`);
  }
  if (field.startsWith('distill') && r.distill) {
    const d = r.distill;
    out.push(`**Student loss ${d.studentLoss.toFixed(3)}** from a teacher at ${d.teacherLoss.toFixed(3)} on ${fmtCount(d.tokens)} tokens; supervised on the same tokens ${d.supervisedLoss.toFixed(3)} (Busbridge et al. 2025).`);
    out.push(d.finding);
  }
  if ((field.startsWith('serve') || field.startsWith('distill') || field.startsWith('post_train')) && r.lifetime) {
    const t = lifecycleLensTitle(r, money);
    if (t) out.push(t + '.');
  }
  return out;
}

/** "Lifetime ≈ $X over N days: pre-training 40% · serving 55%", or undefined without a lifetime budget. */
export function lifecycleLensTitle(r: Report, money: Money = USD): string | undefined {
  const l = r.lifetime;
  if (!l) return undefined;
  const total = l.total.usd !== null ? fmtMoney(l.total.usd, money) : l.total.gpuHours !== null ? `${fmtCount(l.total.gpuHours)} GPU-hours` : null;
  if (total === null) return undefined;
  const shares = (Object.entries(l.shares) as Array<[LifetimePartName, number]>).map(([k, v]) => `${PART_LABELS[k].replace(/^[A-Z][a-z]/, (c) => c.toLowerCase())} ${fmtPercent(v)}`);
  return `Lifetime ≈ ${total}${l.horizonDays !== null ? ` over ${l.horizonDays} days` : ''}${shares.length ? `: ${shares.join(' · ')}` : ''}`;
}
