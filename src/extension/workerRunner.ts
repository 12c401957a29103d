// Analyses in Node worker threads (the Node extension host): the worker-thread transport of the
// shared worker pool (workerPool.ts), which owns the queue, deadline, restart and fallback.

import type { Worker } from 'node:worker_threads';
import { hasWorkerThreads, InProcessRunner, type AnalysisRunner } from './analysisRunner';
import { WorkerPoolRunner, type PoolOptions, type StartWorker } from './workerPool';

export interface WorkerRunnerOptions extends PoolOptions {
  /** Heap limit of each worker: a runaway input ends its worker, not the extension host. */
  maxHeapMb?: number;
}

/** Starts `script` as a worker thread with a heap limit. */
export function threadStarter(script: string, maxHeapMb: number): StartWorker {
  return (listener) => {
    // Loaded here, not at the top: a host without worker threads falls back instead of failing to load.
    const threads = require('node:worker_threads') as typeof import('node:worker_threads');
    const w: Worker = new threads.Worker(script, { name: 'scaling-planner-analysis', resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    w.on('message', (m: unknown) => listener.message(m));
    w.on('error', (e: Error & { code?: string }) => listener.error(`error: ${e.message}`, e.code === 'ERR_WORKER_OUT_OF_MEMORY'));
    w.on('exit', (code: number) => listener.exit(`exited with code ${code}`));
    return {
      postMessage: (m) => w.postMessage(m),
      terminate: () => void w.terminate(),
    };
  };
}

export class WorkerRunner extends WorkerPoolRunner {
  constructor(script: string, options: WorkerRunnerOptions = {}) {
    super(threadStarter(script, options.maxHeapMb ?? 1024), 'worker thread', options);
  }
}

/** A worker-thread runner where the host has worker threads, else the in-process one. */
export function createRunner(workerScript: string, options: WorkerRunnerOptions = {}): AnalysisRunner {
  return hasWorkerThreads() ? new WorkerRunner(workerScript, options) : new InProcessRunner();
}
