// Entry of the analysis web worker (bundled as dist/web/analysisWorker.js, a classic script): the
// browser counterpart of analysisWorker.ts, started by the web worker extension host
// (webWorkerRunner.ts). Same protocol, same analysis; no Node built-ins.

import { answer } from './analysisJob';
import type { FromWorker } from './analysisProtocol';

interface WorkerScope {
  onmessage: ((e: { data: unknown }) => void) | null;
  postMessage(m: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
const reply = (m: FromWorker): void => scope.postMessage(m);
scope.onmessage = (e) => answer(e.data, reply);
reply({ type: 'ready' });
