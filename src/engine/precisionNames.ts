// The spellings of each training precision across the frameworks: one table for the readers'
// parser (read/values.ts precisionOf) and the field registry's words (the plan schema and docs).

import type { Precision } from './types';

/**
 * Precision spellings by canonical precision: the plan format's, Lightning Trainer's `precision`
 * ("16-mixed", "bf16-mixed", "bf16-true", "32-true", "64-true", and 16/32/64/"bf16"), Composer's
 * ("fp32", "amp_fp16", "amp_bf16", "amp_fp8"), GPT-NeoX's "fp16"/"bfloat16", torch dtypes
 * ("float32", "bfloat16", "half"). 64-bit training is counted as fp32, the widest the engine
 * models. "bf16-true" keeps weights and optimizer states in bf16 with no fp32 master copy.
 */
export const PRECISION_NAMES: Record<Precision, readonly string[]> = {
  fp32: ['fp32', 'float32', '32', '32-true', '64', '64-true'],
  tf32: ['tf32'],
  bf16: ['bf16', 'bfloat16', 'bf16-mixed', 'amp_bf16'],
  fp16: ['fp16', 'float16', 'half', '16', '16-mixed', '16-true', 'amp_fp16'],
  fp8: ['fp8', 'amp_fp8'],
  'bf16-pure': ['bf16-pure', 'bf16-true', 'pure_bf16'],
};
