import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sweep } from '../claims/sweep.ts';
import { runParallel } from '../engine/pool.ts';
import { RunStore, runKey } from '../engine/store.ts';
import { resolveConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { QUEUE_NAME, connectionFrom, queueExecutor } from './queue.ts';

/**
 * The queue executor against a real Redis (Debian's redis-server on 127.0.0.1, started and stopped here;
 * .ci/run installs it) and real worker processes (`grokcheck worker`). Skipped where redis-server is missing.
 */
const REDIS = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
const port = 20000 + Math.floor(Math.random() * 20000);
const url = `redis://127.0.0.1:${port}`;
let redis: ChildProcess | undefined;

interface WorkerProc { proc: ChildProcess; lines: string[] }
function startWorker(): Promise<WorkerProc> {
  const proc = spawn(process.execPath, [join(process.cwd(), 'bin', 'grokcheck.mjs'), 'worker', '--queue', url, '--lock-ms', '1500'],
    { env: { ...process.env, GROKCHECK_THREADS: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const w: WorkerProc = { proc, lines: [] };
  return new Promise((resolve, reject) => {
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        w.lines.push(line);
        if (line.includes('ready on')) resolve(w);
      }
    });
    proc.once('exit', (code) => reject(new Error(`worker exited early with code ${code}`)));
  });
}
const until = async (cond: () => boolean, ms = 60_000) => {
  for (const t0 = Date.now(); !cond(); await new Promise((r) => setTimeout(r, 50))) if (Date.now() - t0 > ms) throw new Error('timed out');
};
/** A trajectory without its timings (wall time differs between any two runs, locally too). */
const content = (t: Trajectory) => JSON.stringify({ ...t, wallMs: 0, msPerStep: 0 });

const runs = Array.from({ length: 6 }, (_, seed) => ({
  config: resolveConfig({ task: { p: 31, trainFraction: 0.6 }, model: { hidden: [96] }, optimizer: { lr: 3e-3 }, steps: 2500, evalEvery: 100 }), seed,
}));

describe.skipIf(!existsSync(REDIS))('sweeps on a BullMQ job queue (Redis)', () => {
  beforeAll(async () => {
    redis = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      redis!.stdout!.setEncoding('utf8').on('data', (d: string) => { if (d.includes('Ready to accept connections')) resolve(); });
      redis!.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}`)));
    });
  }, 20_000);
  afterAll(() => { redis?.kill('SIGTERM'); });

  test('should complete every run exactly once with two workers, one killed mid-run, bit-identical to local training', async () => {
    // Arrange: two workers, a producer with its own empty run store
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    const store = new RunStore(mkdtempSync(join(tmpdir(), 'grokcheck-queue-')));

    // Act: sweep; kill worker a (SIGKILL) once it is in the middle of a run
    const done = sweep(runs, { store, executor: queueExecutor(url, { pollMs: 500 }) });
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
    const queue = new Queue(QUEUE_NAME, { connection: connectionFrom(url) });
    expect(await Promise.all(keys.map(async (k) => (await queue.getJob(k))?.getState()))).toEqual(keys.map(() => 'completed'));

    // A restarted producer (nothing in its store) takes the finished results from the queue: no run is trained again
    const started = b.lines.filter((l) => l.includes(' start ')).length;
    const again = await sweep(runs, { store: new RunStore(mkdtempSync(join(tmpdir(), 'grokcheck-queue-'))), executor: queueExecutor(url, { pollMs: 500 }) });
    expect(again.trajectories.map(content)).toEqual(trajectories.map(content));
    expect(b.lines.filter((l) => l.includes(' start ')).length).toBe(started);

    // A run that fails deterministically (a mask naming no weight) fails once, is not retried, and surfaces its error
    const bad = { config: resolveConfig({ ...runs[0].config, model: { ...runs[0].config.model, masks: { W9: { kind: 'random', degree: 2 } } } }), seed: 0 };
    await expect(sweep([bad], { store, executor: queueExecutor(url, { pollMs: 500 }) })).rejects.toThrow(/model\.masks\.W9/);
    expect((await queue.getJob(runKey(bad.config, bad.seed)))!.attemptsMade).toBe(1);
    await queue.close();
    b.proc.kill('SIGTERM');
  }, 180_000);
});
