// Analyses in workers, whatever starts them: a shared queue, a small set of workers, a deadline per
// analysis. A worker that passes the deadline (or runs out of memory) is terminated and replaced,
// and the request ends as `too-complex`; if workers cannot start at all, analyses run in process.
// Only the transport differs between hosts (Node worker threads, browser web workers): it comes in
// as a StartWorker. No vscode and no Node APIs here.

import { ANALYSIS_DEADLINE_MS, isFromWorker, type AnalysisRequest, type AnalysisResult, type FromWorker, type ToWorker } from './analysisProtocol';
import { InProcessRunner, type AnalysisRunner, type CancelToken } from './analysisRunner';

/** What the pool hears from one worker. */
export interface WorkerListener {
  message(m: unknown): void;
  /** The worker failed (its script did not load, it crashed, or it ran out of memory). */
  error(reason: string, outOfMemory?: boolean): void;
  exit(reason: string): void;
}

/** One started worker, as the pool drives it. */
export interface WorkerHandle {
  postMessage(message: ToWorker): void;
  terminate(): void;
}

/** Starts one worker; may throw, or report a failed start later through the listener. */
export type StartWorker = (listener: WorkerListener) => WorkerHandle;

export interface PoolOptions {
  deadlineMs?: number;
  /** A second worker serves other files while one is busy with a slow file. */
  maxWorkers?: number;
  /** A worker that has not said `ready` by then will not: analyses run in process. */
  startTimeoutMs?: number;
  /** Warnings (a worker restarted, workers do not start). */
  log?: (message: string) => void;
  /** Said once, when the first worker is ready: where analyses run. */
  info?: (message: string) => void;
}

/** What the workers are called in `where` and the log ('worker thread', 'web worker'). */
export type WorkerKind = string;

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

interface SlotHooks {
  opts: Required<PoolOptions>;
  onReady(): void;
  onIdle(): void;
  onUnusable(slot: WorkerSlot, reason: string): void;
}

/** One worker and the task it runs; restarts its worker when it is lost. */
class WorkerSlot {
  private worker?: WorkerHandle;
  /** Bumped on every start: events of an earlier worker are ignored. */
  private generation = 0;
  private ready = false;
  private timer?: ReturnType<typeof setTimeout>;
  private failedStarts = 0;
  private disposed = false;
  /** Analyses sent to the current worker. */
  private served = 0;
  task?: Task;

  constructor(
    private readonly startWorker: StartWorker,
    private readonly hooks: SlotHooks,
  ) {
    this.start();
  }

  get idle(): boolean {
    return this.ready && !this.task;
  }

  private start(): void {
    const gen = ++this.generation;
    const mine = (): boolean => gen === this.generation && !this.disposed;
    this.ready = false;
    this.served = 0;
    let w: WorkerHandle;
    try {
      w = this.startWorker({
        message: (m) => {
          if (mine() && isFromWorker(m)) this.message(m);
        },
        error: (reason, oom) => {
          if (mine()) this.lost(oom ? 'out of memory' : reason, !!oom);
        },
        exit: (reason) => {
          if (mine()) this.lost(reason, false);
        },
      });
    } catch (e) {
      this.generation++;
      this.startFailed(String(e));
      return;
    }
    if (!mine()) {
      w.terminate(); // it failed while starting
      return;
    }
    this.worker = w;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!mine() || this.ready) return;
      this.failedStarts = MAX_FAILED_STARTS - 1; // silent for this long: it will not start
      this.lost(`did not start within ${this.hooks.opts.startTimeoutMs} ms`, false);
    }, this.hooks.opts.startTimeoutMs);
  }

  private message(m: FromWorker): void {
    if (m.type === 'ready') {
      if (this.ready) return;
      clearTimeout(this.timer);
      this.ready = true;
      this.failedStarts = 0;
      this.hooks.onReady();
    } else {
      const t = this.task;
      if (!t || t.id !== m.id) return;
      clearTimeout(this.timer);
      this.task = undefined;
      settle(t, m.result);
    }
    this.hooks.onIdle();
  }

  run(task: Task): void {
    this.task = task;
    try {
      this.worker!.postMessage({ type: 'analyze', id: task.id, request: task.request });
    } catch (e) {
      this.task = undefined;
      settle(task, { kind: 'failed', error: `request not transferable: ${(e as Error).message}` });
      return;
    }
    // A fresh worker's first analysis runs unoptimised code (3-5x slower on a 5,000-line config).
    const { deadlineMs, log } = this.hooks.opts;
    const limit = this.served++ === 0 ? COLD_START_FACTOR * deadlineMs : deadlineMs;
    this.timer = setTimeout(() => {
      log(`analysis of ${task.request.fileName} passed ${limit} ms: worker restarted`);
      this.lost('deadline', true);
    }, limit);
  }

  /** The worker is gone (deadline, crash, out of memory): end its task and start a new one. */
  private lost(reason: string, tooComplex: boolean): void {
    const wasReady = this.ready;
    const w = this.worker;
    this.worker = undefined;
    this.generation++;
    this.ready = false;
    clearTimeout(this.timer);
    w?.terminate();
    const t = this.task;
    this.task = undefined;
    if (t) settle(t, tooComplex ? { kind: 'too-complex', limitMs: this.hooks.opts.deadlineMs } : { kind: 'failed', error: `analysis worker ${reason}` });
    if (this.disposed) return;
    if (!wasReady) this.startFailed(reason);
    else {
      if (!tooComplex) this.hooks.opts.log(`analysis worker ${reason}: restarted`);
      this.start();
    }
  }

  private startFailed(reason: string): void {
    this.failedStarts++;
    if (this.failedStarts >= MAX_FAILED_STARTS) this.hooks.onUnusable(this, reason);
    else setTimeout(() => this.disposed || this.start(), 50 * this.failedStarts);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    const t = this.task;
    this.task = undefined;
    if (t) settle(t, CANCELLED);
    this.worker?.terminate();
    this.worker = undefined;
  }
}

export class WorkerPoolRunner implements AnalysisRunner {
  private readonly opts: Required<PoolOptions>;
  private readonly queue: Task[] = [];
  private readonly slots: WorkerSlot[] = [];
  private fallback?: InProcessRunner;
  private announced = false;
  private nextId = 1;

  constructor(
    private readonly startWorker: StartWorker,
    private readonly kind: WorkerKind,
    options: PoolOptions = {},
  ) {
    this.opts = { deadlineMs: ANALYSIS_DEADLINE_MS, maxWorkers: 2, startTimeoutMs: 15_000, log: () => undefined, info: () => undefined, ...options };
    this.addSlot();
  }

  get where(): string {
    return this.fallback ? `in process (${this.kind}s did not start)` : this.kind;
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
    this.slots.push(
      new WorkerSlot(this.startWorker, {
        opts: this.opts,
        onReady: () => {
          if (!this.announced) this.opts.info(`analyses run in a ${this.kind}`);
          this.announced = true;
        },
        onIdle: () => this.pump(),
        onUnusable: (slot, reason) => this.unusable(slot, reason),
      }),
    );
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
    this.opts.log(`analysis ${this.kind} does not start (${reason}): analysing in process`);
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
