// Mamba-2 mixer parameters as modeling_nemotron_h.py (and modeling_mamba2.py) builds them:
// in_proj to [z, x, B, C, dt], a depthwise conv over [x, B, C], dt_bias, A_log, D, a gated
// RMSNorm over the inner width, out_proj back to d_model.

import type { MambaShape } from '../types';
import type { Block } from './attention';

export function mambaDims(m: MambaShape): { inner: number; convDim: number } {
  const inner = m.heads * m.headDim;
  return { inner, convDim: inner + 2 * m.groups * m.stateSize };
}

export function mambaBlock(m: MambaShape, dModel: number): Block {
  const { inner, convDim } = mambaDims(m);
  const inProj = dModel * (inner + convDim + m.heads);
  const outProj = inner * dModel;
  const conv = convDim * m.convKernel + (m.convBias ?? true ? convDim : 0);
  const projBias = m.projBias ? inner + convDim + m.heads + dModel : 0;
  return { params: inProj + outProj + conv + projBias + 3 * m.heads + inner, linear: inProj + outProj };
}

/** Recurrent state per sequence, in values: conv state (kernel - 1) x conv_dim plus SSM state heads x head_dim x state. */
export function mambaStateValues(m: MambaShape): number {
  const { convDim } = mambaDims(m);
  return (m.convKernel - 1) * convDim + m.heads * m.headDim * m.stateSize;
}
