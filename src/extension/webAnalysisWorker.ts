// Entry of the analysis web worker (bundled as dist/web/analysisWorker.js, a classic script): the
// browser counterpart of analysisWorker.ts, started by the web worker extension host
// (webWorkerRunner.ts). Same protocol, same analysis; no Node built-ins.

import { answer } from './analysisJob';
import type { FromWorker } from './analysisProtocol';

interface WorkerScope {
  onmessage: ((e: { data: unknown }) => void) | null;
  postMessage(m: unknown): void;
  /** What this worker has analysed, readable from the browser's devtools (and the e2e test). */
  scalingPlannerWorker?: { analyses: number; lastFile: string };
}

const scope = globalThis as unknown as WorkerScope;
const served = (scope.scalingPlannerWorker = { analyses: 0, lastFile: '' });
const reply = (m: FromWorker): void => scope.postMessage(m);
scope.onmessage = (e) => {
  const file = (e.data as { request?: { fileName?: unknown } } | null)?.request?.fileName;
  if (typeof file === 'string') {
    served.analyses++;
    served.lastFile = file;
  }
  answer(e.data, reply);
};
reply({ type: 'ready' });
