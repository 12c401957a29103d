// Entry of the analysis worker thread (bundled as dist/analysisWorker.js): runs the document
// analysis off the extension host's thread, one request at a time, and answers with plain data.

import { parentPort } from 'node:worker_threads';
import { answer } from './analysisJob';
import type { FromWorker } from './analysisProtocol';

const port = parentPort;
if (port) {
  // The yaml library, which reads what the compact reader declines (a file with a syntax error while
  // it is typed), reads process.env on every token (about 0.2 µs each); a plain copy of this
  // thread's environment reads in nanoseconds.
  process.env = { ...process.env };
  const reply = (m: FromWorker): void => port.postMessage(m);
  port.on('message', (m: unknown) => answer(m, reply));
  reply({ type: 'ready' });
}
