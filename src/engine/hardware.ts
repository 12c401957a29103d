// Accelerator catalog: dense peak throughput per precision (TFLOP/s, no 2:4 sparsity), memory,
// bandwidth, board power and dated per-GPU-hour prices. Keys of SOURCES are cited per row;
// docs/sources.md lists them in full.

import type { Precision } from './types';

export const CATALOG_DATE = '2026-11-09';

export const SOURCES = {
  S1: 'stas00/ml-engineering compute/accelerator/README.md @744d01e (2026-08-22), citing vendor product pages',
  S2: 'stas00/ml-engineering network/README.md @744d01e',
  S3: 'Google Cloud TPU docs (v4, v5e, v5p, v6e system architecture)',
  S3V3: 'Google Cloud TPU docs, v3 system architecture (123 bf16 TFLOP/s, 32 GiB HBM, 900 GB/s per chip); Gopher (arXiv:2112.11446) App. F: 16 GiB per TPUv3 core',
  S4: 'AWS Neuron docs: Trainium and Trainium2 architecture',
  S5: 'cli99/llm-analysis gpu_configs @d841e40 (2024-11-13)',
  S7: 'NVIDIA H100 SXM vs PCIe table (sparse figures halved)',
  S8: 'DeepSeek-V3 report (arXiv:2412.19437) Sec. 3.2.2',
  PALM: 'Chowdhery et al. 2022 (PaLM, arXiv:2204.02311) App. B: A100 312, TPU v4 275 TFLOP/s',
  SILY: 'tgarg01/silybench-data prices/gpu_hourly.yaml, checked 2026-09-25 (RunPod, Lambda, Nebius)',
  RECEIPTS: 'datareceipts/data-receipts 109-gpu-pricing hyperscalers.json, checked 2026-11-09 (AWS, Azure)',
  DSV3: 'DeepSeek-V3 report (arXiv:2412.19437, 2024-12): $2 per H800 GPU-hour rental assumption',
  CAPBLK: 'AWS EC2 Capacity Blocks (reserved) price page mirror, undated (trn1 $0.968 per accelerator-hour); not an on-demand price',
  L4: 'vendor sparse figures halved (reseller spec page); 72 W board power',
  RTX: 'waredb.com RTX 4090 page (FP32 accumulate); 450 W TBP',
  AWSP3: 'AWS EC2 on-demand pricing, us-east-1: p3.2xlarge (1 x V100 16GB) $3.06/h, p3dn.24xlarge (8 x V100 32GB) $31.212/h, as published in June 2020 (aws.amazon.com/ec2/instance-types/p3)',
  LAMBDA20: 'Lambda, "OpenAI\'s GPT-3 Language Model: A Technical Overview" (2020-06-03): V100 cloud instances at $1.50 per GPU-hour, the lowest price then found',
  GTPU: 'Google Cloud TPU pricing page (cloud.google.com/tpu/pricing), on-demand per chip-hour in us-central regions as published in January 2025: v4 $3.22, v5e $1.20, v5p $4.20, v6e $2.70; not re-checked for the catalog date',
  AWSTRN: 'AWS EC2 on-demand pricing, us-east-1: trn1.32xlarge (16 Trainium chips) $21.50/h = $1.344 per chip-hour, as published in January 2025',
  TOKENWATT: 'tokenwatt/gpu-cloud-prices, Hugging Face dataset (huggingface.co/datasets/tokenwatt/gpu-cloud-prices), snapshot collected 2026-10-07: DigitalOcean gpu-mi300x1-192gb (1 x MI300X) $2.59/h on demand, DigitalOcean API list price',
  CLIFF: 'Cliff Center research note "AMD inference economics" (cliffcenter.com/research/amd-inference-economics, 2026-05-18): MI300X on demand at TensorWave $1.50, Vultr $1.85, Azure and Oracle $6 per GPU-hour',
  USER: 'user setting (scalingPlanner.hardware.customAccelerators or hardware.prices)',
} as const;

/** Where one end of a price range comes from, when not the same snapshot as the default. */
export interface PriceEnd {
  provider: string;
  checked: string;
  source: keyof typeof SOURCES;
}

/**
 * Prices per device-hour, USD, on demand (reference hardware-and-peers.md §1.3). The rule for the
 * default (DEFAULT_PRICE_RULE): the lowest on-demand price of data-centre capacity (RunPod Secure
 * Cloud, Lambda, Nebius, the hyperscalers). Peer-hosted marketplace tiers (RunPod Community,
 * Vast.ai) carry no availability guarantee, so they only set `low`; `high` is the dearest on-demand
 * price found (a hyperscaler where one was found). Reserved and spot prices are not used.
 */
export interface PriceRange {
  default: number;
  /** Who charges the default (absent for a user's own price), when it was checked and where it was read. */
  provider?: string;
  checked: string;
  source: keyof typeof SOURCES;
  low: number;
  high: number;
  /** Source of `low` / `high` when it is not the default's snapshot. */
  lowFrom?: PriceEnd;
  highFrom?: PriceEnd;
}

export const DEFAULT_PRICE_RULE =
  'the lowest on-demand price of data-centre capacity found (peer-hosted marketplace tiers such as RunPod Community only set the low end of the range)';

export interface Accelerator {
  id: string;
  name: string;
  vendor: 'NVIDIA' | 'AMD' | 'Google' | 'AWS' | 'Intel' | 'custom';
  aliases: string[];
  /** Dense peak TFLOP/s by precision; absent = not supported or not published. */
  peakTflops: Partial<Record<'fp32' | 'tf32' | 'bf16' | 'fp16' | 'fp8', number>>;
  /** Memory as the vendor prints it ("80 GB"), which for HBM parts is GiB; compared in GiB (memory.ts GIB). */
  memoryGb: number;
  bandwidthTBs: number;
  /** Board power (TDP) in watts; undefined when the vendor does not publish it. */
  powerW?: number;
  price?: PriceRange;
  sources: Array<keyof typeof SOURCES>;
  notes?: string;
}

export const ACCELERATORS: readonly Accelerator[] = [
  { id: 'V100-32GB', name: 'NVIDIA V100 SXM2 32GB', vendor: 'NVIDIA', aliases: ['v100', 'v100-sxm2', 'v100-32g'],
    peakTflops: { fp32: 15.7, fp16: 125 }, memoryGb: 32, bandwidthTBs: 0.9, powerW: 300, sources: ['S5'],
    price: { default: 3.06, provider: 'AWS p3 (2020 on-demand)', checked: '2020-06', source: 'AWSP3', low: 1.5, high: 3.9, lowFrom: { provider: 'Lambda (2020)', checked: '2020-06', source: 'LAMBDA20' }, highFrom: { provider: 'AWS p3dn.24xlarge per GPU', checked: '2020-06', source: 'AWSP3' } },
    notes: 'No BF16; bf16 runs are costed at the FP16 tensor rate.' },
  { id: 'A100-40GB', name: 'NVIDIA A100 40GB SXM', vendor: 'NVIDIA', aliases: ['a100-40g', 'a100-sxm-40gb', 'a100-40'],
    peakTflops: { fp32: 19.5, tf32: 156, bf16: 312, fp16: 312 }, memoryGb: 40, bandwidthTBs: 1.555, powerW: 400,
    price: { default: 1.99, provider: 'Lambda 1x', checked: '2026-09-25', source: 'SILY', low: 1.99, high: 2.74, highFrom: { provider: 'AWS p4d', checked: '2026-11-09', source: 'RECEIPTS' } }, sources: ['S1', 'PALM'] },
  { id: 'A100-80GB', name: 'NVIDIA A100 80GB SXM', vendor: 'NVIDIA', aliases: ['a100', 'a100-80g', 'a100-sxm', 'a100-sxm-80gb', 'a100-80'],
    peakTflops: { fp32: 19.5, tf32: 156, bf16: 312, fp16: 312 }, memoryGb: 80, bandwidthTBs: 2.039, powerW: 400,
    price: { default: 1.59, provider: 'RunPod Secure', checked: '2026-09-25', source: 'SILY', low: 1.39, high: 3.43, highFrom: { provider: 'AWS p4de', checked: '2026-11-09', source: 'RECEIPTS' } }, sources: ['S1', 'PALM'] },
  { id: 'A10G', name: 'NVIDIA A10G 24GB', vendor: 'NVIDIA', aliases: ['a10g-24gb'],
    peakTflops: { bf16: 70, fp16: 70 }, memoryGb: 24, bandwidthTBs: 0.6, sources: ['S5'],
    notes: 'Tensor rate unconfirmed (no NVIDIA A10G sheet); power unpublished.' },
  { id: 'L4', name: 'NVIDIA L4', vendor: 'NVIDIA', aliases: ['l4-24gb'],
    peakTflops: { fp32: 30.3, tf32: 60, bf16: 121, fp16: 121, fp8: 242.5 }, memoryGb: 24, bandwidthTBs: 0.3, powerW: 72,
    sources: ['L4'] },
  { id: 'L40S', name: 'NVIDIA L40S', vendor: 'NVIDIA', aliases: ['l40s-48gb'],
    peakTflops: { fp32: 91.6, tf32: 183, bf16: 362, fp16: 362, fp8: 733 }, memoryGb: 48, bandwidthTBs: 0.864, powerW: 350,
    price: { default: 1.09, provider: 'RunPod Secure', checked: '2026-09-25', source: 'SILY', low: 0.79, high: 1.55 }, sources: ['S1'] },
  { id: 'RTX-4090', name: 'NVIDIA GeForce RTX 4090', vendor: 'NVIDIA', aliases: ['4090', 'rtx4090'],
    peakTflops: { fp32: 82.6, tf32: 82.6, bf16: 165.2, fp16: 165.2, fp8: 330.3 }, memoryGb: 24, bandwidthTBs: 1.008, powerW: 450,
    price: { default: 0.74, provider: 'RunPod Secure', checked: '2026-09-25', source: 'SILY', low: 0.34, high: 0.74 }, sources: ['RTX'] },
  { id: 'H100-SXM', name: 'NVIDIA H100 SXM 80GB', vendor: 'NVIDIA', aliases: ['h100', 'h100-80gb', 'h100-sxm5', 'h100-sxm-80gb'],
    peakTflops: { fp32: 67, tf32: 494.5, bf16: 989, fp16: 989, fp8: 1979 }, memoryGb: 80, bandwidthTBs: 3.35, powerW: 700,
    price: { default: 3.49, provider: 'RunPod Secure', checked: '2026-09-25', source: 'SILY', low: 2.69, high: 12.29, highFrom: { provider: 'Azure ND96isr H100 v5', checked: '2026-11-09', source: 'RECEIPTS' } }, sources: ['S1', 'S2', 'S7'] },
  { id: 'H100-PCIe', name: 'NVIDIA H100 PCIe 80GB', vendor: 'NVIDIA', aliases: ['h100-pcie-80gb'],
    peakTflops: { fp32: 51, tf32: 378, bf16: 756, fp16: 756, fp8: 1513 }, memoryGb: 80, bandwidthTBs: 2.0, powerW: 350,
    price: { default: 2.89, provider: 'RunPod Secure', checked: '2026-09-25', source: 'SILY', low: 1.99, high: 3.29 }, sources: ['S1', 'S7'] },
  { id: 'H200', name: 'NVIDIA H200 SXM 141GB', vendor: 'NVIDIA', aliases: ['h200-sxm', 'h200-141gb'],
    peakTflops: { fp32: 67, tf32: 494.5, bf16: 989, fp16: 989, fp8: 1979 }, memoryGb: 141, bandwidthTBs: 4.8, powerW: 700,
    price: { default: 4.5, provider: 'Nebius', checked: '2026-09-25', source: 'SILY', low: 3.59, high: 4.59 }, sources: ['S1'] },
  { id: 'H800', name: 'NVIDIA H800 SXM', vendor: 'NVIDIA', aliases: ['h800-sxm', 'h800-80gb'],
    peakTflops: { bf16: 989, fp16: 989, fp8: 1979 }, memoryGb: 80, bandwidthTBs: 3.35, powerW: 700,
    price: { default: 2.0, provider: 'DeepSeek-V3 rental assumption', checked: '2024-12', source: 'DSV3', low: 2.0, high: 2.0 }, sources: ['S8'],
    notes: 'Tensor rates as H100 SXM per public notes (unconfirmed); NVLink cut to 400 GB/s.' },
  { id: 'B200', name: 'NVIDIA B200 180GB', vendor: 'NVIDIA', aliases: ['b200-sxm', 'b200-180gb'],
    peakTflops: { fp32: 80, tf32: 1125, bf16: 2250, fp16: 2250, fp8: 4500 }, memoryGb: 180, bandwidthTBs: 8.0, powerW: 1000,
    price: { default: 6.79, provider: 'RunPod Secure', checked: '2026-09-25', source: 'SILY', low: 5.98, high: 7.15 }, sources: ['S1', 'S2'] },
  { id: 'GB200', name: 'NVIDIA GB200 (per GPU)', vendor: 'NVIDIA', aliases: ['gb200-nvl72'],
    peakTflops: { fp32: 80, tf32: 1250, bf16: 2500, fp16: 2500, fp8: 5000 }, memoryGb: 186, bandwidthTBs: 8.0, powerW: 1200,
    sources: ['S1'] },
  { id: 'MI250X', name: 'AMD Instinct MI250X', vendor: 'AMD', aliases: ['mi250'],
    peakTflops: { fp32: 47.9, bf16: 383, fp16: 383 }, memoryGb: 128, bandwidthTBs: 3.28, powerW: 500, sources: ['S1', 'S2'] },
  { id: 'MI300X', name: 'AMD Instinct MI300X', vendor: 'AMD', aliases: ['mi300'],
    peakTflops: { fp32: 163.4, tf32: 653.7, bf16: 1307.4, fp16: 1307.4, fp8: 2614.9 }, memoryGb: 192, bandwidthTBs: 5.3, powerW: 750,
    // The default is the latest dated list price found; the low and high ends come from an earlier, secondary note.
    price: { default: 2.59, provider: 'DigitalOcean GPU Droplet 1x', checked: '2026-10-07', source: 'TOKENWATT', low: 1.5, high: 6.0,
      lowFrom: { provider: 'TensorWave', checked: '2026-05-18', source: 'CLIFF' }, highFrom: { provider: 'Azure ND MI300X v5 / Oracle OCI', checked: '2026-05-18', source: 'CLIFF' } },
    sources: ['S1', 'S2'] },
  { id: 'MI325X', name: 'AMD Instinct MI325X', vendor: 'AMD', aliases: ['mi325'],
    peakTflops: { fp32: 163.4, tf32: 653.7, bf16: 1307.4, fp16: 1307.4, fp8: 2614.9 }, memoryGb: 256, bandwidthTBs: 6.0, powerW: 1000,
    sources: ['S1', 'S2'] },
  { id: 'TPU-v3', name: 'Google TPU v3', vendor: 'Google', aliases: ['tpuv3', 'tpu_v3', 'v3'],
    peakTflops: { bf16: 123 }, memoryGb: 32, bandwidthTBs: 0.9, sources: ['S3V3'],
    notes: 'Per chip (two cores of 16 GiB each); power unpublished.' },
  { id: 'TPU-v4', name: 'Google TPU v4', vendor: 'Google', aliases: ['tpuv4', 'tpu_v4', 'tpu-v4-chip', 'v4'],
    peakTflops: { bf16: 275 }, memoryGb: 32, bandwidthTBs: 1.2, powerW: 170, price: { default: 3.22, provider: 'Google Cloud on demand', checked: '2025-01', source: 'GTPU', low: 3.22, high: 3.22 },
    sources: ['S3', 'PALM'],
    notes: 'Power is the measured mean chip power (170 W; max 192 W).' },
  { id: 'TPU-v5e', name: 'Google TPU v5e', vendor: 'Google', aliases: ['tpuv5e', 'tpu_v5e', 'v5e', 'v5litepod'],
    peakTflops: { bf16: 197 }, memoryGb: 16, bandwidthTBs: 0.819, price: { default: 1.2, provider: 'Google Cloud on demand', checked: '2025-01', source: 'GTPU', low: 1.2, high: 1.2 },
    sources: ['S3'] },
  { id: 'TPU-v5p', name: 'Google TPU v5p', vendor: 'Google', aliases: ['tpuv5p', 'tpu_v5p', 'v5p'],
    peakTflops: { bf16: 459 }, memoryGb: 95, bandwidthTBs: 2.765, price: { default: 4.2, provider: 'Google Cloud on demand', checked: '2025-01', source: 'GTPU', low: 4.2, high: 4.2 },
    sources: ['S3'] },
  { id: 'TPU-v6e', name: 'Google TPU v6e (Trillium)', vendor: 'Google', aliases: ['tpuv6e', 'tpu_v6e', 'v6e', 'trillium'],
    peakTflops: { bf16: 918 }, memoryGb: 32, bandwidthTBs: 1.638, price: { default: 2.7, provider: 'Google Cloud on demand', checked: '2025-01', source: 'GTPU', low: 2.7, high: 2.7 },
    sources: ['S3'] },
  { id: 'Trainium', name: 'AWS Trainium (trn1)', vendor: 'AWS', aliases: ['trn1', 'trainium1'],
    peakTflops: { fp32: 47.5, tf32: 190, bf16: 190, fp16: 190, fp8: 190 }, memoryGb: 32, bandwidthTBs: 0.82,
    price: { default: 1.344, provider: 'AWS trn1.32xlarge on demand', checked: '2025-01', source: 'AWSTRN', low: 1.344, high: 1.344 },
    sources: ['S4', 'CAPBLK'],
    notes: 'AWS EC2 Capacity Blocks (reserved, not on demand) list trn1 at $0.968 per accelerator-hour on a page mirror with no check date; not used.' },
  { id: 'Trainium2', name: 'AWS Trainium2', vendor: 'AWS', aliases: ['trn2'],
    peakTflops: { fp32: 181, tf32: 667, bf16: 667, fp16: 667, fp8: 1299 }, memoryGb: 96, bandwidthTBs: 2.9, sources: ['S4', 'S1'] },
  { id: 'Gaudi2', name: 'Intel Gaudi 2', vendor: 'Intel', aliases: ['gaudi-2', 'hl-225'],
    peakTflops: { bf16: 432, fp16: 432, fp8: 865 }, memoryGb: 96, bandwidthTBs: 2.46, powerW: 600, sources: ['S1', 'S2'] },
  { id: 'Gaudi3', name: 'Intel Gaudi 3', vendor: 'Intel', aliases: ['gaudi-3', 'hl-325'],
    peakTflops: { fp32: 229, tf32: 459, bf16: 1677, fp8: 1677 }, memoryGb: 128, bandwidthTBs: 3.7, powerW: 900, sources: ['S1'],
    notes: 'BF16 at the 1,600 MHz clock seen in practice (1,835 at spec clock).' },
];

/** Normalise an id: case-insensitive, spaces and underscores as hyphens. */
function norm(id: string): string {
  return id.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

export function acceleratorKey(id: string): string {
  return norm(id).replace(/-/g, '');
}

/** Find an accelerator by id or alias (case-insensitive, "-", "_" and spaces ignored). */
export function findAccelerator(id: string, extra: readonly Accelerator[] = []): Accelerator | undefined {
  const key = acceleratorKey(id);
  for (const a of extra) {
    if (acceleratorKey(a.id) === key || a.aliases.some((x) => acceleratorKey(x) === key)) return a;
  }
  return builtInByKey().get(key);
}

// The table's ids and aliases by key, the first entry winning (as a scan in table order would).
let byKey: { size: number; map: Map<string, Accelerator> } | undefined;
function builtInByKey(): Map<string, Accelerator> {
  if (byKey?.size === ACCELERATORS.length) return byKey.map;
  const map = new Map<string, Accelerator>();
  for (const a of ACCELERATORS) {
    for (const k of [a.id, ...a.aliases].map(acceleratorKey)) if (!map.has(k)) map.set(k, a);
  }
  byKey = { size: ACCELERATORS.length, map };
  return map;
}

/** Peak for a training precision; FP16 stands in where BF16 is missing (V100). */
export function peakFlops(a: Accelerator, precision: Precision = 'bf16'): number | undefined {
  const p = a.peakTflops;
  let t: number | undefined;
  switch (precision) {
    case 'fp32':
      t = p.fp32;
      break;
    case 'tf32':
      t = p.tf32 ?? p.fp32;
      break;
    case 'fp8':
      t = p.fp8 ?? p.bf16 ?? p.fp16;
      break;
    case 'fp16':
      t = p.fp16 ?? p.bf16;
      break;
    default:
      t = p.bf16 ?? p.fp16;
  }
  return t === undefined ? undefined : t * 1e12;
}

/** Default MFU: 40%, the middle of Llama 3 405B's 38-43% (arXiv:2407.21783 Table 4) and MPT-70B's 41% on H100. */
export const DEFAULT_MFU = 0.4;
/** Google fleet-wide PUE 2023 (Google 2024 Environmental Report). */
export const DEFAULT_PUE = 1.1;
/** United States 2023 grid average, gCO2e/kWh (codecarbon global_energy_mix.json @b05965e, OWID/Ember). */
export const DEFAULT_GRID_GCO2_PER_KWH = 369.5;
export const DEFAULT_ACCELERATOR = 'H100-SXM';
