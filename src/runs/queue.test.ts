import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sweep } from './sweep.ts';
import { runParallel } from './pool.ts';
import { RunStore, runKey } from './store.ts';
import { resolveConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { QUEUE_NAME, connectionFrom, queueExecutor } from './queue.ts';
import { REDIS, freePort, startRedis, startWorkerProcess, stopAll, until } from './_queue/harness.ts';

/**
 * The queue executor against a real Redis (Debian's redis-server on 127.0.0.1, started and stopped here;
 * .ci/run installs it) and real worker processes (`grokcheck worker`). Skipped where redis-server is missing.
 * The faults of issue 18 (Redis lost, shutdown, trust) are in queue-faults.test.ts.
 */
let url = '';
const startWorker = () => startWorkerProcess(url, ['--lock-ms', '1500']);
/** A trajectory without its timings (wall time differs between any two runs, locally too). */
const content = (t: Trajectory) => JSON.stringify({ ...t, wallMs: 0, msPerStep: 0 });

/** Tiny runs (~0.7 s each here): long enough to kill a worker in the middle of one. */
const runs = Array.from({ length: 6 }, (_, seed) => ({
  config: resolveConfig({ task: { p: 11, trainFraction: 0.6 }, model: { hidden: [16] }, optimizer: { lr: 3e-3 }, steps: 8000, evalEvery: 100 }), seed,
}));

describe.skipIf(!existsSync(REDIS))('sweeps on a BullMQ job queue (Redis)', () => {
  beforeAll(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    await startRedis(port);
  }, 20_000);
  afterAll(stopAll);

  test('should complete every run exactly once with two workers, one killed mid-run, bit-identical to local training', async () => {
    // Arrange: two workers, a producer with its own empty run store
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    const store = new RunStore(mkdtempSync(join(tmpdir(), 'grokcheck-queue-')));

    // Act: sweep; kill worker a (SIGKILL) once it is in the middle of a run
    const logs: string[] = [];
    const done = sweep(runs, { store, executor: queueExecutor(url, { pollMs: 500, log: (l) => logs.push(l) }) });
    await until(() => a.lines.some((l) => l.includes(' start ')));
    await new Promise((r) => setTimeout(r, 300));
    const killedKey = a.lines.filter((l) => l.includes(' start ')).at(-1)!.split(' ')[3];
    a.proc.kill('SIGKILL');
    const { trajectories } = await done;
    const local = await runParallel(runs);

    // Assert: every key finished exactly once, the killed run on the surviving worker; same results as local
    const finished = [...a.lines, ...b.lines].filter((l) => l.includes(' done ')).map((l) => l.split(' ')[3]);
    const keys = runs.map((r) => runKey(r.config, r.seed));
    expect(finished.sort()).toEqual([...keys].sort());
    expect(a.lines.some((l) => l.includes(`done ${killedKey}`))).toBe(false);
    expect(b.lines.some((l) => l.includes(`done ${killedKey}`))).toBe(true);
    trajectories.forEach((t, i) => expect(content(t)).toBe(content(local[i].trajectory!)));
    expect(logs.filter((l) => l.startsWith('audit passed')).length).toBeGreaterThanOrEqual(1); // each worker's first result re-trained here
    const queue = new Queue(QUEUE_NAME, { connection: connectionFrom(url) });
    expect(await Promise.all(keys.map(async (k) => (await queue.getJob(k))?.getState()))).toEqual(keys.map(() => 'completed'));

    // A restarted producer (nothing in its store) takes the finished results from the queue: no run is trained again
    const started = b.lines.filter((l) => l.includes(' start ')).length;
    const again = await sweep(runs, { store: new RunStore(mkdtempSync(join(tmpdir(), 'grokcheck-queue-'))), executor: queueExecutor(url, { pollMs: 500, log: () => {} }) });
    expect(again.trajectories.map(content)).toEqual(trajectories.map(content));
    expect(b.lines.filter((l) => l.includes(' start ')).length).toBe(started);

    // A run that fails deterministically (a mask naming no weight) fails once, is not retried, and surfaces its error
    const bad = { config: resolveConfig({ ...runs[0].config, model: { ...runs[0].config.model, masks: { W9: { kind: 'random', degree: 2 } } } }), seed: 0 };
    await expect(sweep([bad], { store, executor: queueExecutor(url, { pollMs: 500, log: () => {} }) })).rejects.toThrow(/model\.masks\.W9/);
    expect((await queue.getJob(runKey(bad.config, bad.seed)))!.attemptsMade).toBe(1);
    await queue.close();
    b.proc.kill('SIGTERM');
  }, 180_000);
});
