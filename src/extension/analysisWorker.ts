// Entry of the analysis worker thread (bundled as dist/analysisWorker.js): runs the document
// analysis off the extension host's thread, one request at a time, and answers with plain data.

import { parentPort } from 'node:worker_threads';
import { runAnalysis } from './analysisJob';
import type { AnalysisResult, FromWorker, ToWorker } from './analysisProtocol';

const port = parentPort;
if (port) {
  const reply = (m: FromWorker): void => port.postMessage(m);
  port.on('message', (m: ToWorker) => {
    if (m?.type !== 'analyze') return;
    const result = runAnalysis(m.request);
    try {
      reply({ type: 'result', id: m.id, result });
    } catch (e) {
      // A result that cannot be cloned is a bug; report it rather than leave the host waiting.
      const failed: AnalysisResult = { kind: 'failed', error: `result not transferable: ${(e as Error).message}` };
      reply({ type: 'result', id: m.id, result: failed });
    }
  });
  reply({ type: 'ready' });
}
