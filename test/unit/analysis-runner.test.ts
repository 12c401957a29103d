// Where the editor's analysis runs: a worker thread gives the same result as the analysis in
// process, a request past the deadline ends as too-complex and the worker is replaced, stale
// requests are dropped, and a host where workers do not start still gets analyses.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis, tooComplexAnalysis } from '../../src/extension/analysisJob';
import { InProcessRunner } from '../../src/extension/analysisRunner';
import { WorkerRunner } from '../../src/extension/workerRunner';
import { never, request, source } from '../helpers/analysis';

const ROOT = join(__dirname, '../../..');
/** The worker entry as tsc emits it (the extension loads the esbuild bundle of the same file). */
const WORKER = join(__dirname, '../../src/extension/analysisWorker.js');


/** A stand-in worker that never answers for hang.plan.yaml (the slowest input there can be). */
function hangingWorker(dir: string): string {
  const file = join(dir, 'hanging-worker.js');
  writeFileSync(
    file,
    `const { parentPort } = require('node:worker_threads');
const real = require(${JSON.stringify(join(__dirname, '../../src/extension/analysisJob.js'))});
parentPort.on('message', (m) => {
  if (m.request.fileName === 'hang.plan.yaml') for (;;) {}
  parentPort.postMessage({ type: 'result', id: m.id, result: real.runAnalysis(m.request) });
});
parentPort.postMessage({ type: 'ready' });
`,
  );
  return file;
}

describe('analysis runners', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'sp-runner-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the worker thread returns what the analysis returns in process, for every example plan', async () => {
    const runner = new WorkerRunner(WORKER);
    try {
      for (const name of ['llama-7b.plan.yaml', 'mixtral-moe.plan.yaml', 'repeated-data.plan.yaml', 'under-trained-70b.plan.yaml']) {
        const req = request(readFileSync(join(ROOT, 'examples', name), 'utf8'), name);
        const fromWorker = await runner.analyze(req, never());
        const local = runAnalysis(req);
        assert.equal(fromWorker.kind, 'done', name);
        assert.equal(local.kind, 'done', name);
        if (fromWorker.kind !== 'done' || local.kind !== 'done') continue;
        assert.deepEqual(fromWorker.analysis, local.analysis, name);
      }
    } finally {
      runner.dispose();
    }
  });

  it('a file that is not a config, and a large one that does not look like one, are not-config', async () => {
    const runner = new WorkerRunner(WORKER);
    try {
      assert.equal((await runner.analyze(request('services:\n  web: {}\n', 'docker-compose.yml'), never())).kind, 'not-config');
      const big = `items:\n${'  - abc\n'.repeat(200_000)}`;
      assert.equal((await runner.analyze(request(big, 'data.yaml'), never())).kind, 'not-config');
      const plan = await runner.analyze(request(big, 'big.plan.yaml'), never());
      assert.equal(plan.kind, 'done');
      assert.deepEqual(plan.kind === 'done' && plan.tooLarge, { sizeKb: Math.round(big.length / 1024), limitKb: 1024 });
    } finally {
      runner.dispose();
    }
  });

  it('past the deadline: too-complex, the worker is replaced and answers the next request', async () => {
    const runner = new WorkerRunner(hangingWorker(dir), { deadlineMs: 300, maxWorkers: 1 });
    try {
      const t0 = Date.now();
      assert.deepEqual(await runner.analyze(request('x: 1\n', 'hang.plan.yaml'), never()), { kind: 'too-complex', limitMs: 300 });
      assert.ok(Date.now() - t0 < 5000);
      const next = await runner.analyze(request(readFileSync(join(ROOT, 'examples/llama-7b.plan.yaml'), 'utf8')), never());
      assert.equal(next.kind, 'done');
    } finally {
      runner.dispose();
    }
  });

  it('a second worker answers other files while one is stuck on a slow file', async () => {
    const runner = new WorkerRunner(hangingWorker(dir), { deadlineMs: 60_000, maxWorkers: 2 });
    let stuckDone = false;
    const stuck = runner.analyze(request('x: 1\n', 'hang.plan.yaml'), never()).then((r) => ((stuckDone = true), r));
    try {
      const other = await runner.analyze(request(readFileSync(join(ROOT, 'examples/llama-7b.plan.yaml'), 'utf8')), never());
      assert.equal(other.kind, 'done');
      assert.equal(stuckDone, false, 'the slow file is still running');
    } finally {
      runner.dispose();
    }
    assert.deepEqual(await stuck, { kind: 'cancelled' }, 'disposing ends it');
  });

  it('a request cancelled while queued or running resolves as cancelled', async () => {
    const runner = new WorkerRunner(hangingWorker(dir), { deadlineMs: 500, maxWorkers: 1 });
    try {
      const running = source();
      const first = runner.analyze(request('x: 1\n', 'hang.plan.yaml'), running.token);
      const queued = source();
      const second = runner.analyze(request('model:\n  params: 7B\n'), queued.token);
      queued.cancel();
      running.cancel();
      assert.deepEqual(await second, { kind: 'cancelled' });
      assert.deepEqual(await first, { kind: 'cancelled' });
      const already = source();
      already.cancel();
      assert.deepEqual(await runner.analyze(request('x: 1\n'), already.token), { kind: 'cancelled' });
    } finally {
      runner.dispose();
    }
  });

  it('when workers cannot start, analyses run in process', async () => {
    const runner = new WorkerRunner(join(dir, 'missing-worker.js'));
    try {
      const r = await runner.analyze(request(readFileSync(join(ROOT, 'examples/llama-7b.plan.yaml'), 'utf8')), never());
      assert.equal(r.kind, 'done');
      assert.match(runner.where, /in process/);
    } finally {
      runner.dispose();
    }
  });

  it('in process: runs after yielding, and not at all once cancelled', async () => {
    const runner = new InProcessRunner();
    let yielded = false;
    setTimeout(() => (yielded = true), 0);
    const r = await runner.analyze(request('model:\n  params: 7B\n'), never());
    assert.ok(yielded, 'a timer queued before the request ran first');
    assert.equal(r.kind, 'done');
    const s = source();
    const p = runner.analyze(request('model:\n  params: 7B\n'), s.token);
    s.cancel();
    assert.deepEqual(await p, { kind: 'cancelled' });
  });

  it('too-complex is one information finding at the top of the file', () => {
    const a = tooComplexAnalysis(2000);
    assert.equal(a.kind, 'fatal');
    assert.deepEqual(
      a.located.map((l) => [l.code, l.severity, l.span.start, l.span.end]),
      [['too-complex', 'information', 0, 0]],
    );
    assert.match(a.located[0].message, /too complex to analyse in time \(over 2 s\)/);
  });
});
