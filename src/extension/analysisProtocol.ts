// Messages between the extension host and the analysis worker, and what a run of the document
// analysis can end with. Plain data only: everything here crosses a structured clone.

import type { AnalyzeOptions, DocumentAnalysis } from '../document/analyzeDocument';

/** How long one analysis may take before it is stopped and the file is called too complex. */
export const ANALYSIS_DEADLINE_MS = 2000;

export interface AnalysisRequest {
  text: string;
  /** Base name of the file (dialect detection reads it). */
  fileName: string;
  maxFileSizeKb: number;
  options: AnalyzeOptions;
}

export type AnalysisResult =
  | { kind: 'done'; analysis: DocumentAnalysis; tooLarge?: { sizeKb: number; limitKb: number }; ms: number }
  /** Not a training config (or a large file that does not look like one): nothing to show. */
  | { kind: 'not-config' }
  /** Stopped at the deadline, or the analysis ran out of memory. */
  | { kind: 'too-complex'; limitMs: number }
  /** A newer version replaced the request before it finished. */
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: string };

export type ToWorker = { type: 'analyze'; id: number; request: AnalysisRequest };

export type FromWorker = { type: 'ready' } | { type: 'result'; id: number; result: AnalysisResult };

export function isFromWorker(m: unknown): m is FromWorker {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  return t === 'ready' || (t === 'result' && typeof (m as { id?: unknown }).id === 'number');
}
