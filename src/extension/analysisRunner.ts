// Where the document analysis runs. The extension host asks an AnalysisRunner and never runs the
// analysis on its own thread during a request: a worker thread in the Node host, and in process
// (after yielding, so typing is not blocked) where worker threads do not exist or fail to start.

import { runAnalysis } from './analysisJob';
import type { AnalysisRequest, AnalysisResult } from './analysisProtocol';

/** The part of vscode.CancellationToken a runner needs (vscode's token satisfies it). */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

export interface AnalysisRunner {
  /** Resolves with the result, `cancelled` once the token fires, never rejects. */
  analyze(request: AnalysisRequest, token: CancelToken): Promise<AnalysisResult>;
  /** Where analyses run, for the log. */
  readonly where: string;
  dispose(): void;
}

const CANCELLED: AnalysisResult = { kind: 'cancelled' };

/** Runs the analysis on the calling thread after a macrotask, so pending input is handled first. */
export class InProcessRunner implements AnalysisRunner {
  readonly where = 'in process';

  async analyze(request: AnalysisRequest, token: CancelToken): Promise<AnalysisResult> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (token.isCancellationRequested) return CANCELLED;
    const result = runAnalysis(request);
    return token.isCancellationRequested ? CANCELLED : result;
  }

  dispose(): void {}
}

/** Whether this host has Node's worker threads (the browser extension host does not). */
export function hasWorkerThreads(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}
