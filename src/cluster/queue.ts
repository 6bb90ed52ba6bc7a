import { Queue, QueueEvents, UnrecoverableError, Worker, type ConnectionOptions, type Job as QueueJob } from 'bullmq';
import { ConfigError } from '../engine/errors.ts';
import { type Executor, type JobResult, ThreadPool } from '../engine/pool.ts';
import { runKey } from '../engine/store.ts';
import { engineVersion } from '../engine/version.ts';
import type { RunConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';

/**
 * Sweeps on a job queue: BullMQ on Redis. The producer (`grokcheck verify --queue URL`, or GROKCHECK_QUEUE)
 * adds each run not in its run store as a job whose id is the run's key (hash of engine, kernels, config and
 * seed), so a run is queued once however often it is asked for; workers (`grokcheck worker --queue URL`) on
 * any machine train what they pull and return the trajectory with the key they computed; the producer checks
 * that key and stores the result, so a run done on the cluster is never redone locally, and vice versa.
 */
export const QUEUE_NAME = 'grokcheck-runs';

export interface RunJobData { key: string; config: RunConfig; seed: number }
export interface RunJobResult { key: string; engine: string; trajectory: Trajectory }

/** Connection options from redis://host:port (a ConfigError naming the flag otherwise). */
export function connectionFrom(url: string, field = '--queue'): ConnectionOptions {
  let u: URL;
  try { u = new URL(url); } catch { throw new ConfigError(field, url, 'must be a Redis URL, e.g. redis://127.0.0.1:6379'); }
  if (u.protocol !== 'redis:' || !u.hostname) throw new ConfigError(field, url, 'must be a Redis URL, e.g. redis://127.0.0.1:6379');
  return {
    host: u.hostname, port: Number(u.port || 6379), ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    maxRetriesPerRequest: null,
  };
}

/** Job options: infrastructure failures retried (3 attempts), finished jobs kept a week so a restarted producer finds them. */
const JOB_OPTIONS = { attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: 7 * 86400 }, removeOnFail: { age: 7 * 86400 } } as const;

/**
 * The producer side: an Executor that queues the runs and resolves as their results come back. A run that
 * finished earlier (the producer was interrupted and restarted) is taken from the queue, not re-queued, and
 * one still queued or running is waited for; a run that failed for good reports its error (a later session
 * tries it once more); a result whose key does not match is rejected.
 */
export function queueExecutor(url: string, opts: { pollMs?: number } = {}): Executor {
  const connection = connectionFrom(url, 'GROKCHECK_QUEUE');
  return async (jobs, onResult) => {
    const queue = new Queue<RunJobData, RunJobResult>(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    const pending = new Map<string, number[]>();
    jobs.forEach((j, i) => pending.set(j.key, [...(pending.get(j.key) ?? []), i]));
    let wake = () => {};
    const settle = (key: string, r: JobResult) => {
      const idx = pending.get(key);
      if (!idx) return;
      pending.delete(key);
      for (const i of idx) onResult(i, r);
      wake();
    };
    /** Looks a job up and settles it if it has finished (completed, or failed for good). */
    const inspect = async (key: string): Promise<void> => {
      const job = await queue.getJob(key);
      const state = job ? await job.getState() : 'unknown';
      if (state === 'completed') settle(key, accept(key, job!.returnvalue));
      else if (state === 'failed') settle(key, { error: `run failed on the cluster after ${job!.attemptsMade} attempt(s): ${job!.failedReason}` });
    };
    try {
      await events.waitUntilReady();
      events.on('completed', ({ jobId }) => { void inspect(jobId); });
      events.on('failed', ({ jobId }) => { void inspect(jobId); });
      for (const [key, idx] of [...pending]) {
        const old = await queue.getJob(key);
        const state = old ? await old.getState() : 'unknown';
        if (state === 'completed') { settle(key, accept(key, old!.returnvalue)); continue; }
        if (state !== 'unknown' && state !== 'failed') continue; // queued or running: wait for it
        await old?.remove(); // failed in an earlier session: this session tries it once more
        const { config, seed } = jobs[idx[0]];
        await queue.add('run', { key, config, seed }, { ...JOB_OPTIONS, jobId: key });
      }
      // events bring results at once; a slow poll covers events missed while reconnecting
      while (pending.size) {
        await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, opts.pollMs ?? 5000); });
        for (const key of [...pending.keys()]) await inspect(key);
      }
    } finally {
      await events.close();
      await queue.close();
    }
  };
}

/** Verifies a worker's result: the key it computed from the config and seed it trained must be the one asked for. */
function accept(key: string, r: RunJobResult | undefined): JobResult {
  if (!r || r.key !== key || !Array.isArray(r.trajectory?.evals)) {
    return { error: `result rejected: the worker returned key ${r?.key ?? 'none'} for run ${key} (engine ${r?.engine ?? '?'}, here ${engineVersion()})` };
  }
  return { trajectory: r.trajectory };
}

/**
 * The worker side: pulls runs and trains each in a long-lived worker thread (one per unit of concurrency),
 * so the event loop stays free to renew the job's lock. A worker whose engine or kernels differ computes a different key and refuses the job (no
 * retry: the versions must be fixed); an error from training is deterministic (bad config) and fails the job
 * at once; a crashed thread is retried. A worker killed mid-run loses its lock after `lockMs`, and the job
 * goes back to the queue for another worker.
 */
export function startWorker(url: string, opts: { concurrency?: number; lockMs?: number; plugins?: string[]; log?(line: string): void } = {}): Worker<RunJobData, RunJobResult> {
  const connection = connectionFrom(url);
  const log = opts.log ?? (() => {});
  const lockMs = opts.lockMs ?? 30_000;
  const threads = new ThreadPool(opts.concurrency ?? 1, opts.plugins);
  const worker = new Worker<RunJobData, RunJobResult>(QUEUE_NAME, async (job: QueueJob<RunJobData, RunJobResult>) => {
    const { key, config, seed } = job.data;
    const mine = runKey(config, seed);
    if (mine !== key) throw new UnrecoverableError(`key mismatch: this worker computes ${mine} for run ${key}; its engine (${engineVersion()}) or kernels differ from the producer's`);
    log(`start ${key} seed ${seed}`);
    const r = await threads.run({ config, seed });
    if (r.error !== undefined) {
      log(`error ${key}: ${r.error}`);
      throw r.error.startsWith('worker crashed') ? new Error(r.error) : new UnrecoverableError(r.error);
    }
    log(`done ${key} seed ${seed}`);
    return { key, engine: engineVersion(), trajectory: r.trajectory };
  }, { connection, concurrency: opts.concurrency ?? 1, lockDuration: lockMs, stalledInterval: Math.max(500, lockMs / 2), maxStalledCount: 3 });
  worker.on('closed', () => { void threads.close(); });
  return worker;
}
