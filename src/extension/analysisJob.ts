// The document analysis as the editor runs it, wherever it runs (worker thread or in process):
// the size check, then the pure analysis. No vscode and no Node APIs here.

import { analyzeText, type DocumentAnalysis } from '../document/analyzeDocument';
import { oversize } from '../document/display';
import { looksLikeConfigText } from '../read/read';
import type { AnalysisRequest, AnalysisResult, FromWorker, ToWorker } from './analysisProtocol';

const NO_DIRECTIVES: DocumentAnalysis['directives'] = { off: false, facts: [], fileSuppressions: new Set(), lineSuppressions: new Map() };

/** An analysis that shows only why there is none (the file was too large or too complex). */
function unanalysed(located: DocumentAnalysis['located']): DocumentAnalysis {
  return { kind: 'fatal', dialect: null, located, directives: NO_DIRECTIVES };
}

export function runAnalysis(req: AnalysisRequest): AnalysisResult {
  const t0 = Date.now();
  try {
    const tooLarge = oversize(req.text, req.maxFileSizeKb);
    if (tooLarge) {
      if (!looksLikeConfigText(req.text, req.fileName)) return { kind: 'not-config' };
      return { kind: 'done', analysis: unanalysed([]), tooLarge, ms: Date.now() - t0 };
    }
    const analysis = analyzeText(req.text, req.fileName, req.options);
    if (analysis.kind === 'none') return { kind: 'not-config' };
    return { kind: 'done', analysis, ms: Date.now() - t0 };
  } catch (e) {
    // The analysis is total on any input; this only guards against a bug.
    return { kind: 'failed', error: String((e as Error)?.stack ?? e) };
  }
}

/** What the editor shows for a file whose analysis was stopped at the deadline. */
export function tooComplexAnalysis(limitMs: number): DocumentAnalysis {
  const message = `Analysis stopped: the file is too complex to analyse in time (over ${limitMs / 1000} s). Nothing else is shown for it until it changes.`;
  return unanalysed([{ code: 'too-complex', severity: 'information', message, span: { start: 0, end: 0 }, related: [] }]);
}

/**
 * A worker's answer to one message from the extension host, either transport (worker thread or
 * web worker): the analysis as plain data, or `failed` when the result cannot be posted.
 */
export function answer(m: unknown, reply: (m: FromWorker) => void): void {
  const msg = m as ToWorker | undefined;
  if (msg?.type !== 'analyze') return;
  const result = runAnalysis(msg.request);
  try {
    reply({ type: 'result', id: msg.id, result });
  } catch (e) {
    // A result that cannot be cloned is a bug; report it rather than leave the host waiting.
    reply({ type: 'result', id: msg.id, result: { kind: 'failed', error: `result not transferable: ${(e as Error).message}` } });
  }
}
