// Analysis requests and cancellation tokens for the tests of where the editor's analysis runs.

import type { AnalysisRequest } from '../../src/extension/analysisProtocol';
import type { CancelToken } from '../../src/extension/analysisRunner';

/** A request as the editor sends it, with the default size limits. */
export function request(text: string, fileName = 'run.plan.yaml'): AnalysisRequest {
  return { text, fileName, maxFileSizeKb: 1024, options: { law: 'epoch', maxBytes: 1024 * 1024 } };
}

/** A cancellation token and the switch that cancels it. */
export function source(): { token: CancelToken; cancel(): void } {
  let cancelled = false;
  const listeners = new Set<() => unknown>();
  return {
    token: {
      get isCancellationRequested() {
        return cancelled;
      },
      onCancellationRequested(l) {
        listeners.add(l);
        return { dispose: () => listeners.delete(l) };
      },
    },
    cancel() {
      cancelled = true;
      listeners.forEach((l) => l());
    },
  };
}
/** A token that is never cancelled. */
export const never = (): CancelToken => source().token;
