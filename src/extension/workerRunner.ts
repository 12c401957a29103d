// Analyses in worker threads: a shared queue, a small set of workers, a deadline per analysis.
// A worker that passes the deadline (or runs out of memory) is terminated and replaced, and the
// request ends as `too-complex`; if workers cannot start at all, analyses run in process.

import type { Worker } from 'node:worker_threads';
import { ANALYSIS_DEADLINE_MS, isFromWorker, type AnalysisRequest, type AnalysisResult, type FromWorker, type ToWorker } from './analysisProtocol';
import { hasWorkerThreads, InProcessRunner, type AnalysisRunner, type CancelToken } from './analysisRunner';

export interface WorkerRunnerOptions {
  deadlineMs?: number;
  /** Heap limit of each worker: a runaway input ends its worker, not the extension host. */
  maxHeapMb?: number;
  /** A second worker serves other files while one is busy with a slow file. */
  maxWorkers?: number;
  log?: (message: string) => void;
}

interface Task {
  id: number;
  request: AnalysisRequest;
  token: CancelToken;
  resolve: (r: AnalysisResult) => void;
  settled: boolean;
  sub?: { dispose(): unknown };
}

const CANCELLED: AnalysisResult = { kind: 'cancelled' };
const MAX_FAILED_STARTS = 3;
const COLD_START_FACTOR = 2;

function settle(t: Task, r: AnalysisResult): void {
  if (t.settled) return;
  t.settled = true;
  t.sub?.dispose();
  t.resolve(r);
}

/** One worker thread and the task it runs; restarts its worker when it is lost. */
class WorkerSlot {
  private worker?: Worker;
  private ready = false;
  private timer?: ReturnType<typeof setTimeout>;
  private failedStarts = 0;
  private disposed = false;
  /** Analyses sent to the current worker. */
  private served = 0;
  task?: Task;

  constructor(
    private readonly script: string,
    private readonly opts: Required<WorkerRunnerOptions>,
    private readonly onIdle: () => void,
    private readonly onUnusable: (slot: WorkerSlot, reason: string) => void,
  ) {
    this.start();
  }

  get idle(): boolean {
    return this.ready && !this.task;
  }

  private start(): void {
    let w: Worker;
    try {
      // Loaded here, not at the top: a host without worker threads falls back instead of failing to load.
      const threads = require('node:worker_threads') as typeof import('node:worker_threads');
      w = new threads.Worker(this.script, { name: 'scaling-planner-analysis', resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb } });
    } catch (e) {
      this.startFailed(String(e));
      return;
    }
    this.worker = w;
    this.ready = false;
    this.served = 0;
    w.on('message', (m: unknown) => {
      if (w === this.worker && isFromWorker(m)) this.message(m);
    });
    w.on('error', (e: Error & { code?: string }) => {
      if (w === this.worker) this.lost(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : `error: ${e.message}`, e.code === 'ERR_WORKER_OUT_OF_MEMORY');
    });
    w.on('exit', (code: number) => {
      if (w === this.worker) this.lost(`exited with code ${code}`, false);
    });
  }

  private message(m: FromWorker): void {
    if (m.type === 'ready') {
      this.ready = true;
      this.failedStarts = 0;
    } else {
      const t = this.task;
      if (!t || t.id !== m.id) return;
      clearTimeout(this.timer);
      this.task = undefined;
      settle(t, m.result);
    }
    this.onIdle();
  }

  run(task: Task): void {
    this.task = task;
    try {
      this.worker!.postMessage({ type: 'analyze', id: task.id, request: task.request } satisfies ToWorker);
    } catch (e) {
      this.task = undefined;
      settle(task, { kind: 'failed', error: `request not transferable: ${(e as Error).message}` });
      return;
    }
    // A fresh worker's first analysis runs unoptimised code (3-5x slower on a 5,000-line config).
    const limit = this.served++ === 0 ? COLD_START_FACTOR * this.opts.deadlineMs : this.opts.deadlineMs;
    this.timer = setTimeout(() => {
      const w = this.worker;
      this.opts.log(`analysis of ${task.request.fileName} passed ${limit} ms: worker restarted`);
      this.lost('deadline', true);
      void w?.terminate();
    }, limit);
  }

  /** The worker is gone (deadline, crash, out of memory): end its task and start a new one. */
  private lost(reason: string, tooComplex: boolean): void {
    const wasReady = this.ready;
    this.worker = undefined;
    this.ready = false;
    clearTimeout(this.timer);
    const t = this.task;
    this.task = undefined;
    if (t) settle(t, tooComplex ? { kind: 'too-complex', limitMs: this.opts.deadlineMs } : { kind: 'failed', error: `analysis worker ${reason}` });
    if (this.disposed) return;
    if (!wasReady) this.startFailed(reason);
    else {
      if (!tooComplex) this.opts.log(`analysis worker ${reason}: restarted`);
      this.start();
    }
  }

  private startFailed(reason: string): void {
    this.failedStarts++;
    if (this.failedStarts >= MAX_FAILED_STARTS) this.onUnusable(this, reason);
    else setTimeout(() => this.disposed || this.start(), 50 * this.failedStarts);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    const t = this.task;
    this.task = undefined;
    if (t) settle(t, CANCELLED);
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

export class WorkerRunner implements AnalysisRunner {
  private readonly opts: Required<WorkerRunnerOptions>;
  private readonly queue: Task[] = [];
  private readonly slots: WorkerSlot[] = [];
  private fallback?: InProcessRunner;
  private nextId = 1;

  constructor(
    private readonly script: string,
    options: WorkerRunnerOptions = {},
  ) {
    this.opts = { deadlineMs: ANALYSIS_DEADLINE_MS, maxHeapMb: 1024, maxWorkers: 2, log: () => undefined, ...options };
    this.addSlot();
  }

  get where(): string {
    return this.fallback ? 'in process (worker threads did not start)' : 'worker thread';
  }

  analyze(request: AnalysisRequest, token: CancelToken): Promise<AnalysisResult> {
    if (this.fallback) return this.fallback.analyze(request, token);
    if (token.isCancellationRequested) return Promise.resolve(CANCELLED);
    return new Promise((resolve) => {
      const task: Task = { id: this.nextId++, request, token, resolve, settled: false };
      // A queued task leaves the queue; a running one is let finish (or hit the deadline), unread.
      task.sub = token.onCancellationRequested(() => {
        settle(task, CANCELLED);
        const i = this.queue.indexOf(task);
        if (i >= 0) this.queue.splice(i, 1);
      });
      this.queue.push(task);
      this.pump();
    });
  }

  private addSlot(): void {
    this.slots.push(new WorkerSlot(this.script, this.opts, () => this.pump(), (slot, reason) => this.unusable(slot, reason)));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.slots.find((s) => s.idle);
      if (!slot) {
        if (this.slots.length < this.opts.maxWorkers && this.slots.every((s) => s.task)) this.addSlot();
        return;
      }
      const task = this.queue.shift()!;
      if (!task.settled) slot.run(task);
    }
  }

  private unusable(slot: WorkerSlot, reason: string): void {
    slot.dispose();
    this.slots.splice(this.slots.indexOf(slot), 1);
    if (this.slots.length) return this.pump();
    this.opts.log(`analysis worker does not start (${reason}): analysing in process`);
    this.fallback = new InProcessRunner();
    for (const t of this.queue.splice(0)) {
      if (!t.settled) void this.fallback.analyze(t.request, t.token).then((r) => settle(t, r));
    }
  }

  dispose(): void {
    for (const t of this.queue.splice(0)) settle(t, CANCELLED);
    this.slots.splice(0).forEach((s) => s.dispose());
  }
}

/** A worker-thread runner where the host has worker threads, else the in-process one. */
export function createRunner(workerScript: string, options: WorkerRunnerOptions = {}): AnalysisRunner {
  return hasWorkerThreads() ? new WorkerRunner(workerScript, options) : new InProcessRunner();
}
