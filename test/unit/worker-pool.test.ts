// The worker pool both hosts share (worker threads in Node, web workers in the browser), driven
// through a fake transport: a request past the deadline ends as too-complex and its worker is
// replaced, a stale request is dropped, a killed worker is restarted, and a host where workers do
// not start analyses in process, saying so once.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysis } from '../../src/extension/analysisJob';
import type { ToWorker } from '../../src/extension/analysisProtocol';
import { WorkerPoolRunner, type StartWorker, type WorkerListener } from '../../src/extension/workerPool';
import { never, request, source } from '../helpers/analysis';

const ROOT = join(__dirname, '../../..');
const PLAN = readFileSync(join(ROOT, 'examples/llama-7b.plan.yaml'), 'utf8');

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

interface FakeWorker {
  listener: WorkerListener;
  received: ToWorker[];
  terminated: boolean;
}

/**
 * A transport whose workers answer like the real one after a macrotask, except that they never
 * answer for hang.plan.yaml (the slowest input there can be). `mode` makes starts fail.
 */
function fakeTransport(mode: 'ok' | 'throw' | 'silent' | 'load-error' = 'ok'): { start: StartWorker; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const start: StartWorker = (listener) => {
    if (mode === 'throw') throw new Error('no workers here');
    const w: FakeWorker = { listener, received: [], terminated: false };
    workers.push(w);
    setTimeout(() => {
      if (w.terminated) return;
      if (mode === 'ok') listener.message({ type: 'ready' });
      if (mode === 'load-error') listener.error('error: the worker script did not load');
    }, 0);
    return {
      postMessage(m) {
        w.received.push(m);
        if (m.request.fileName === 'hang.plan.yaml') return;
        setTimeout(() => w.terminated || listener.message({ type: 'result', id: m.id, result: runAnalysis(m.request) }), 0);
      },
      terminate: () => void (w.terminated = true),
    };
  };
  return { start, workers };
}

describe('worker pool (shared by the worker-thread and web-worker runners)', () => {
  it('answers with what the analysis returns in process, and says once where analyses run', async () => {
    const { start } = fakeTransport();
    const info: string[] = [];
    const runner = new WorkerPoolRunner(start, 'web worker', { info: (m) => info.push(m) });
    try {
      const r = await runner.analyze(request(PLAN, 'llama-7b.plan.yaml'), never());
      const local = runAnalysis(request(PLAN, 'llama-7b.plan.yaml'));
      assert.equal(r.kind, 'done');
      assert.deepEqual(r.kind === 'done' && r.analysis, local.kind === 'done' && local.analysis);
      assert.equal(runner.where, 'web worker');
      await runner.analyze(request(PLAN), never());
      assert.deepEqual(info, ['analyses run in a web worker']);
    } finally {
      runner.dispose();
    }
  });

  it('past the deadline: too-complex, the worker is terminated and a new one answers the next request', async () => {
    const { start, workers } = fakeTransport();
    const warnings: string[] = [];
    const info: string[] = [];
    const runner = new WorkerPoolRunner(start, 'web worker', { deadlineMs: 40, maxWorkers: 1, log: (m) => warnings.push(m), info: (m) => info.push(m) });
    try {
      const t0 = Date.now();
      assert.deepEqual(await runner.analyze(request('x: 1\n', 'hang.plan.yaml'), never()), { kind: 'too-complex', limitMs: 40 });
      // A fresh worker's first analysis gets twice the deadline.
      assert.ok(Date.now() - t0 >= 75, `stopped after ${Date.now() - t0} ms`);
      assert.deepEqual(warnings, ['analysis of hang.plan.yaml passed 80 ms: worker restarted']);
      assert.equal(workers[0].terminated, true);
      assert.equal((await runner.analyze(request(PLAN), never())).kind, 'done');
      assert.equal(workers.length, 2);
      assert.equal(workers[1].terminated, false);
      assert.deepEqual(info, ['analyses run in a web worker'], 'said once, not again after the restart');
      // The second analysis of a worker gets the plain deadline.
      assert.deepEqual(await runner.analyze(request('x: 1\n', 'hang.plan.yaml'), never()), { kind: 'too-complex', limitMs: 40 });
      assert.equal(warnings[1], 'analysis of hang.plan.yaml passed 40 ms: worker restarted');
    } finally {
      runner.dispose();
    }
  });

  it('a stale request is dropped: one cancelled while queued is never sent, a running one resolves cancelled at once', async () => {
    const { start, workers } = fakeTransport();
    const runner = new WorkerPoolRunner(start, 'worker thread', { deadlineMs: 60_000, maxWorkers: 1 });
    try {
      const v1 = source();
      const first = runner.analyze(request('x: 1\n', 'hang.plan.yaml'), v1.token);
      const v2 = source();
      const second = runner.analyze(request('model:\n  params: 7B\n', 'queued.plan.yaml'), v2.token);
      await tick(5);
      v2.cancel();
      v1.cancel();
      assert.deepEqual(await second, { kind: 'cancelled' });
      assert.deepEqual(await first, { kind: 'cancelled' });
      assert.deepEqual(
        workers.flatMap((w) => w.received.map((m) => m.request.fileName)),
        ['hang.plan.yaml'],
        'the queued request never reached a worker',
      );
      const already = source();
      already.cancel();
      assert.deepEqual(await runner.analyze(request(PLAN), already.token), { kind: 'cancelled' });
    } finally {
      runner.dispose();
    }
  });

  it('a late answer for a dropped request does not settle the next one', async () => {
    const workers: FakeWorker[] = [];
    const start: StartWorker = (listener) => {
      const w: FakeWorker = { listener, received: [], terminated: false };
      workers.push(w);
      setTimeout(() => listener.message({ type: 'ready' }), 0);
      return { postMessage: (m) => void w.received.push(m), terminate: () => void (w.terminated = true) };
    };
    const runner = new WorkerPoolRunner(start, 'web worker', { deadlineMs: 60_000, maxWorkers: 2 });
    try {
      const old = source();
      const stale = runner.analyze(request('model:\n  params: 1B\n'), old.token);
      await tick(5);
      old.cancel();
      assert.deepEqual(await stale, { kind: 'cancelled' });
      const fresh = runner.analyze(request(PLAN), never());
      await tick(5);
      const w = workers.find((x) => x.received.length)!;
      const [staleMsg] = w.received;
      // The old request's result arrives: ignored (its task is settled), the fresh one still waits.
      w.listener.message({ type: 'result', id: staleMsg.id, result: runAnalysis(staleMsg.request) });
      await tick(5);
      const freshMsg = workers.flatMap((x) => x.received).find((m) => m.id !== staleMsg.id)!;
      assert.equal(freshMsg.request.text, PLAN);
      let settled = false;
      void fresh.then(() => (settled = true));
      await tick(5);
      assert.equal(settled, false, 'not settled by the stale answer');
      workers.find((x) => x.received.includes(freshMsg))!.listener.message({ type: 'result', id: freshMsg.id, result: runAnalysis(freshMsg.request) });
      assert.equal((await fresh).kind, 'done');
    } finally {
      runner.dispose();
    }
  });

  it('a worker that dies mid-analysis (killed, crashed) ends its request as failed and is restarted', async () => {
    const { start, workers } = fakeTransport();
    const warnings: string[] = [];
    const runner = new WorkerPoolRunner(start, 'worker thread', { deadlineMs: 60_000, maxWorkers: 1, log: (m) => warnings.push(m) });
    try {
      const stuck = runner.analyze(request('x: 1\n', 'hang.plan.yaml'), never());
      await tick(5);
      workers[0].listener.exit('exited with code 1');
      assert.deepEqual(await stuck, { kind: 'failed', error: 'analysis worker exited with code 1' });
      assert.deepEqual(warnings, ['analysis worker exited with code 1: restarted']);
      assert.equal((await runner.analyze(request(PLAN), never())).kind, 'done');
      assert.equal(workers.length, 2);
      // Out of memory counts as too complex, like the deadline.
      const oom = runner.analyze(request('x: 1\n', 'hang.plan.yaml'), never());
      await tick(5);
      workers[1].listener.error('error: heap', true);
      assert.deepEqual(await oom, { kind: 'too-complex', limitMs: 60_000 });
      assert.equal(workers[1].terminated, true);
      assert.equal((await runner.analyze(request(PLAN), never())).kind, 'done');
      assert.equal(workers.length, 3);
      assert.equal(runner.where, 'worker thread');
    } finally {
      runner.dispose();
    }
  });

  for (const mode of ['throw', 'load-error', 'silent'] as const) {
    it(`workers that do not start (${mode}): analyses run in process, and the log says so once`, async () => {
      const { start } = fakeTransport(mode);
      const warnings: string[] = [];
      const info: string[] = [];
      const runner = new WorkerPoolRunner(start, 'web worker', { startTimeoutMs: 100, log: (m) => warnings.push(m), info: (m) => info.push(m) });
      try {
        const r = await runner.analyze(request(PLAN), never());
        assert.equal(r.kind, 'done');
        assert.equal(runner.where, 'in process (web workers did not start)');
        assert.equal((await runner.analyze(request(PLAN), never())).kind, 'done');
        assert.equal(warnings.length, 1, warnings.join('\n'));
        assert.match(warnings[0], /^analysis web worker does not start \(.+\): analysing in process$/);
        assert.deepEqual(info, []);
      } finally {
        runner.dispose();
      }
    });
  }

  it('dispose ends queued and running requests as cancelled and terminates the workers', async () => {
    const { start, workers } = fakeTransport();
    const runner = new WorkerPoolRunner(start, 'web worker', { deadlineMs: 60_000, maxWorkers: 1 });
    const running = runner.analyze(request('x: 1\n', 'hang.plan.yaml'), never());
    const queued = runner.analyze(request(PLAN), never());
    await tick(5);
    runner.dispose();
    assert.deepEqual(await running, { kind: 'cancelled' });
    assert.deepEqual(await queued, { kind: 'cancelled' });
    assert.ok(workers.every((w) => w.terminated));
  });
});
