import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, test } from 'vitest';
import { sweep } from './sweep.ts';
import { runParallel } from './pool.ts';
import { run } from './run.ts';
import { RunStore, runKey } from './store.ts';
import { engineVersion } from './version.ts';
import { resolveConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { QUEUE_NAME, type RunJobData, type RunJobResult, connectionFrom, queueExecutor, startWorker } from './queue.ts';
import { REDIS, freePort, kill, startRedis, startWorkerProcess, stopAll, until } from './_queue/harness.ts';

/**
 * The queue under faults (issue 18), against a real redis-server on 127.0.0.1 and real `grokcheck worker`
 * processes: Redis killed (and restarted empty, or not), a worker stopped with Redis gone or with a run in
 * hand, a worker that returns a tampered trajectory, a job over a worker's limits. Tiny runs (p = 11, width 16).
 */
const content = (t: Trajectory) => JSON.stringify({ ...t, wallMs: 0, msPerStep: 0 });
const tiny = (n: number, steps: number, seed0 = 0) => Array.from({ length: n }, (_, i) => ({
  config: resolveConfig({ task: { p: 11, trainFraction: 0.6 }, model: { hidden: [16] }, optimizer: { lr: 3e-3 }, steps, evalEvery: 100 }), seed: seed0 + i,
}));
const keyOf = (line: string) => line.split(' ')[3];
const newStore = () => new RunStore(mkdtempSync(join(tmpdir(), 'grokcheck-faults-')));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A throw-away CA and a server certificate for 127.0.0.1, made with openssl (as an operator would). */
function makeCerts(): { dir: string; ca: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'grokcheck-tls-')), o = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  try {
    o('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=grokcheck test CA');
    o('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'redis.key', '-out', 'redis.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'ext'), 'subjectAltName=IP:127.0.0.1');
    o('x509', '-req', '-in', 'redis.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'redis.crt', '-days', '1', '-extfile', 'ext');
  } catch { return null; }
  return { dir, ca: join(dir, 'ca.crt') };
}

describe.skipIf(!existsSync(REDIS))('the job queue under faults (Redis)', () => {
  afterAll(stopAll);

  test('should train every run exactly once, bit-identical to local training, when Redis is killed and restarted empty mid-sweep', async () => {
    // Arrange: Redis without persistence, one worker, a producer with an empty store
    const port = await freePort(), url = `redis://127.0.0.1:${port}`;
    let redis = await startRedis(port);
    const w = await startWorkerProcess(url, ['--lock-ms', '1500']);
    const runs = tiny(8, 3000), keys = runs.map((r) => runKey(r.config, r.seed));
    const logs: string[] = [];

    // Act: kill Redis once two runs are done; start an empty one on the same port half a second later
    const done = sweep(runs, { store: newStore(), executor: queueExecutor(url, { pollMs: 300, reconnectTimeoutMs: 30_000, auditShare: 0, log: (l) => logs.push(l) }) });
    await until(() => w.lines.filter((l) => l.includes(' done ')).length >= 2);
    await kill(redis);
    await until(() => logs.some((l) => l.includes('lost the connection')));
    await sleep(500);
    redis = await startRedis(port);
    const { trajectories } = await done;
    const local = await runParallel(runs);

    // Assert: trained once each (a run finished while Redis was gone is resent, not retrained), same results as local
    expect(w.lines.filter((l) => l.includes(' done ')).map(keyOf).sort()).toEqual([...keys].sort());
    trajectories.forEach((t, i) => expect(content(t)).toBe(content(local[i].trajectory!)));
    expect(logs.join('\n')).toContain(`lost the connection to the queue at 127.0.0.1:${port}`);
    expect(logs.join('\n')).toContain(`reconnected to the queue at 127.0.0.1:${port}`);
    expect(logs.join('\n')).toMatch(/came back without \d+ of the runs .* queued them again/);
    expect(w.lines.join('\n')).toContain(`lost the connection to the queue at 127.0.0.1:${port}`);
    await kill(w.proc, 'SIGTERM');
  }, 90_000);

  test('should stop with an error that counts the runs safe in the store when Redis does not come back', async () => {
    // Arrange: the repro: a sweep on one worker, Redis stopped after two runs and never restarted
    const port = await freePort(), url = `redis://127.0.0.1:${port}`;
    const redis = await startRedis(port);
    const w = await startWorkerProcess(url, ['--lock-ms', '1500']);
    const store = newStore();
    const done = sweep(tiny(8, 3000, 100), { store, executor: queueExecutor(url, { pollMs: 300, reconnectTimeoutMs: 1500, auditShare: 0, log: () => {} }) });
    const failed = done.then(() => null, (e: Error) => e);
    await until(() => w.lines.filter((l) => l.includes(' done ')).length >= 2);

    // Act
    await kill(redis);
    const t0 = Date.now();
    const error = await failed;

    // Assert: a bounded wait, then an error naming the queue, the runs safe (exactly those in the store), how to resume
    expect(Date.now() - t0).toBeLessThan(6000);
    expect(error?.message).toMatch(new RegExp(`queue at 127\\.0\\.0\\.1:${port} has been unreachable for [\\d.]+ s`));
    expect(error?.message).toMatch(/Re-run the same command to resume/);
    const safe = Number(/(\d+) of the 8 runs sent to the cluster are safe in the run store/.exec(error!.message)![1]);
    expect(safe).toBeGreaterThanOrEqual(1); // the first worker's first result waits for its audit; the rest follow
    expect(readdirSync(store.dir).filter((f) => f.endsWith('.json'))).toHaveLength(safe);
    await kill(w.proc, 'SIGTERM');
  }, 60_000);

  test('should exit within the shutdown deadline on SIGTERM when Redis is gone, logging the lost connection', async () => {
    // Arrange
    const port = await freePort(), url = `redis://127.0.0.1:${port}`;
    const redis = await startRedis(port);
    const w = await startWorkerProcess(url, ['--shutdown-timeout', '3']);
    await kill(redis);
    await until(() => w.lines.some((l) => l.includes('lost the connection')), 10_000);

    // Act
    const t0 = Date.now();
    w.proc.kill('SIGTERM');
    await w.exited;

    // Assert
    expect(Date.now() - t0).toBeLessThan(3000 + 1500);
    expect(w.lines.join('\n')).toContain(`lost the connection to the queue at 127.0.0.1:${port}`);
  }, 30_000);

  test('should abandon the run in hand at the shutdown deadline, and stop at once on a second Ctrl-C', async () => {
    // Arrange: two workers, each in the middle of a long run
    const port = await freePort(), url = `redis://127.0.0.1:${port}`;
    await startRedis(port);
    const [a, b] = await Promise.all([startWorkerProcess(url, ['--shutdown-timeout', '1']), startWorkerProcess(url, ['--shutdown-timeout', '60'])]);
    const queue = new Queue<RunJobData, RunJobResult>(QUEUE_NAME, { connection: connectionFrom(url) });
    for (const { config, seed } of tiny(2, 400_000, 200)) await queue.add('run', { key: runKey(config, seed), config, seed }, { jobId: runKey(config, seed) });
    await until(() => a.lines.some((l) => l.includes(' start ')) && b.lines.some((l) => l.includes(' start ')), 20_000);

    // Act: SIGTERM to a (1 s deadline); SIGINT twice to b
    const t0 = Date.now();
    a.proc.kill('SIGTERM');
    b.proc.kill('SIGINT');
    await sleep(200);
    b.proc.kill('SIGINT');
    const [codeA, codeB] = await Promise.all([a.exited, b.exited]);

    // Assert: both gone well before the runs could finish; a says what it abandoned; the job is still active (its lock will expire)
    expect(Date.now() - t0).toBeLessThan(1000 + 2000);
    expect(a.lines.join('\n')).toMatch(/abandoning 1 run\(s\) in hand/);
    expect([codeA, codeB]).toEqual([1, 130]);
    const states = await Promise.all((await queue.getJobs(['active', 'wait'])).map((j) => j.getState()));
    expect(states).toHaveLength(2);
    await queue.close();
  }, 60_000);

  describe('trust', () => {
    test('should reject every result of a worker whose trajectory fails the audit, name it, and store none of them', async () => {
      // Arrange: a fake worker (BullMQ's Worker) that trains honestly, then nudges one number
      const port = await freePort(), url = `redis://127.0.0.1:${port}`;
      await startRedis(port);
      const fake = new Worker<RunJobData, RunJobResult>(QUEUE_NAME, async (job) => {
        const t = run(job.data.config, job.data.seed);
        t.evals[t.evals.length - 1].testLoss += 1e-6;
        return { key: job.data.key, engine: engineVersion(), worker: 'tamper-host:666', trajectory: t };
      }, { connection: connectionFrom(url) });
      const runs = tiny(4, 300, 300), store = newStore(), logs: string[] = [];

      // Act
      const error = await sweep(runs, { store, executor: queueExecutor(url, { pollMs: 300, auditShare: 0, log: (l) => logs.push(l) }) }).then(() => null, (e: Error) => e);
      await fake.close();

      // Assert: the sweep fails naming the worker and the difference; nothing it computed is stored (the audited run
      // holds this machine's own trajectory), and its jobs left the queue so that the next session retrains them
      expect(error?.message).toMatch(/worker tamper-host:666 failed the audit .*evals\[\d+\]\.testLoss/);
      const local = await runParallel(runs, { threads: 1 });
      const stored = runs.map((r) => store.get(r.config, r.seed));
      expect(stored.filter(Boolean).length).toBeLessThanOrEqual(1);
      stored.forEach((t, i) => { if (t) expect(content(t)).toBe(content(local[i].trajectory!)); });
      expect(logs.join('\n')).toContain('tamper-host:666');
      const queue = new Queue(QUEUE_NAME, { connection: connectionFrom(url) });
      await sleep(300);
      expect(await Promise.all(runs.map(async (r) => (await queue.getJob(runKey(r.config, r.seed))) ?? null))).toEqual(runs.map(() => null));
      await queue.close();
    }, 60_000);

    test('should train over TLS with the password from the URL or the environment, and never print the password', async () => {
      // Arrange: Redis on TLS only, with a password; the worker has it in its URL, the producer in GROKCHECK_QUEUE_PASSWORD
      const certs = makeCerts();
      if (!certs) return; // no openssl here
      const port = await freePort(), password = 'pw-Zq81-secret', url = `rediss://127.0.0.1:${port}`;
      const redis = await startRedis(port, ['--port', '0', '--tls-port', String(port), '--tls-cert-file', join(certs.dir, 'redis.crt'), '--tls-key-file', join(certs.dir, 'redis.key'),
        '--tls-ca-cert-file', certs.ca, '--tls-auth-clients', 'no', '--requirepass', password]);
      const w = await startWorkerProcess(`rediss://default:${password}@127.0.0.1:${port}`, [], { GROKCHECK_QUEUE_CA: certs.ca });
      const logs: string[] = [], runs = tiny(2, 300, 500);

      // Act: a sweep; then Redis goes away, so that the worker logs its connection errors
      const { trajectories } = await sweep(runs, { store: newStore(), executor: queueExecutor(url, { pollMs: 300, log: (l) => logs.push(l), env: { GROKCHECK_QUEUE_PASSWORD: password, GROKCHECK_QUEUE_CA: certs.ca } }) });
      await kill(redis);
      await until(() => w.lines.some((l) => l.includes('lost the connection')), 10_000);
      w.proc.kill('SIGTERM');
      await w.exited;

      // Assert
      const local = await runParallel(runs, { threads: 1 });
      trajectories.forEach((t, i) => expect(content(t)).toBe(content(local[i].trajectory!)));
      expect(w.lines.join('\n')).toContain(`ready on rediss://127.0.0.1:${port}`);
      expect(w.lines.join('\n')).toContain(`lost the connection to the queue at rediss://127.0.0.1:${port}`);
      expect([...w.lines, ...logs].join('\n')).not.toContain(password);
    }, 60_000);

    test('should fail a job over the worker\'s parameters × steps limit at once, naming the limit', async () => {
      // Arrange: a worker that takes runs of at most 10⁶ parameter-steps (this one has 11·2·16 + 16·11 = 528 parameters × 3000 steps)
      const port = await freePort(), url = `redis://127.0.0.1:${port}`;
      await startRedis(port);
      const worker = startWorker(url, { maxWork: 1e6 });
      await worker.ready;
      const runs = tiny(1, 3000, 400);

      // Act
      const error = await sweep(runs, { store: newStore(), executor: queueExecutor(url, { pollMs: 300, log: () => {} }) }).then(() => null, (e: Error) => e);
      await worker.stop(1000);

      // Assert
      expect(error?.message).toMatch(/parameters × steps: 528 × 3000 = 1\.58e\+6 > 1\.00e\+6 \(grokcheck worker --max-work\)/);
      const queue = new Queue(QUEUE_NAME, { connection: connectionFrom(url) });
      expect((await queue.getJob(runKey(runs[0].config, runs[0].seed)))!.attemptsMade).toBe(1);
      await queue.close();
    }, 30_000);

    test('should stop a run over the worker\'s memory limit and fail its job at once, naming the limit', async () => {
      // Arrange: a 64 MB limit, and a run whose hidden activations alone take ~80 MB (4753 training pairs × 4096 units × 4 bytes)
      const port = await freePort(), url = `redis://127.0.0.1:${port}`;
      await startRedis(port);
      const worker = startWorker(url, { maxMemoryMb: 64 });
      await worker.ready;
      const big = [{ config: resolveConfig({ task: { p: 97 }, model: { hidden: [4096] }, steps: 50, evalEvery: 50 }), seed: 0 }];

      // Act: a small run first (it must pass: the limit counts what a run adds, not the thread's own start-up), then the big one
      const { trajectories } = await sweep(tiny(1, 300, 700), { store: newStore(), executor: queueExecutor(url, { pollMs: 300, log: () => {} }) });
      const error = await sweep(big, { store: newStore(), executor: queueExecutor(url, { pollMs: 300, log: () => {} }) }).then(() => null, (e: Error) => e);
      await worker.stop(1000);

      // Assert
      expect(trajectories).toHaveLength(1);
      expect(error?.message).toMatch(/over this worker's memory limit: .*64 MB.*--max-memory-mb/);
    }, 60_000);
  });
});
