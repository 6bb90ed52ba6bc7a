import { Worker } from 'node:worker_threads';
import { settings } from '../engine/settings.ts';
import type { RunConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';

export interface Job { config: RunConfig; seed: number }
export type JobResult = { trajectory: Trajectory; error?: undefined } | { trajectory?: undefined; error: string };

/**
 * What computes runs: given jobs (each with its run-store key), it reports each result through `onResult` as it
 * arrives. Two exist: the local thread pool (`localExecutor`, the default) and the job queue that spreads runs
 * over machines (`queueExecutor` in ./queue.ts). Both compute each job with run() from ./run.ts.
 */
export type Executor = (jobs: readonly (Job & { key: string })[], onResult: (index: number, result: JobResult) => void) => Promise<void>;

/** The embedded executor: worker threads on this machine (settings().threads, default every core). */
export const localExecutor = (threads?: number, plugins?: string[]): Executor => async (jobs, onResult) => {
  await runParallel(jobs, { threads, plugins, onResult });
};

/**
 * Runs independent jobs on a ThreadPool of `threads` (one run per thread at a time: each is single-threaded,
 * so n threads keep n cores busy; with fewer jobs than threads each run splits its products over its share). Results arrive through `onResult` as each run finishes, so a caller can
 * store them at once; an error in a run (bad config) is that run's result, not a crash.
 */
export async function runParallel(jobs: readonly Job[], opts: {
  threads?: number; plugins?: string[]; onResult?(index: number, result: JobResult): void;
} = {}): Promise<JobResult[]> {
  const results: JobResult[] = new Array(jobs.length);
  if (jobs.length === 0) return results;
  const threads = opts.threads ?? settings().threads, size = Math.min(threads, jobs.length);
  // fewer runs than threads: the spare cores compute each run's products with it (bit-identical results)
  const pool = new ThreadPool(size, opts.plugins, Math.max(1, Math.floor(threads / size)));
  try {
    await Promise.all(jobs.map(async (job, i) => {
      results[i] = await pool.run(job);
      opts.onResult?.(i, results[i]);
    }));
  } finally {
    await pool.close();
  }
  return results;
}

/**
 * Long-lived worker threads (thread.mjs → _thread.ts), each computing one run at a time: a thread is started
 * once and reused, so a run pays no thread start-up (about 0.3 s with the TypeScript loader). Jobs beyond the
 * pool's size wait for a free thread. A crashed thread yields that run's error and is replaced.
 */
export class ThreadPool {
  private idle: Worker[] = [];
  private waiters: ((w: Worker) => void)[] = [];
  private started = 0;
  private nextId = 0;

  /** `stepThreads`: threads each run's matrix products use (settings().stepThreads inside the run; 1 by default). */
  constructor(private readonly size: number, private readonly plugins: string[] = [], private readonly stepThreads = 1) {}

  async run(job: Job): Promise<JobResult> {
    const w = await this.acquire();
    const id = this.nextId++;
    return new Promise<JobResult>((resolve) => {
      const onMessage = (m: { id?: number; trajectory?: Trajectory; error?: string }) => {
        if (m.id !== id) return;
        w.off('message', onMessage); w.off('error', onError);
        this.release(w);
        resolve(m.error !== undefined ? { error: m.error } : { trajectory: m.trajectory! });
      };
      const onError = (e: Error) => {
        w.off('message', onMessage);
        this.started--;
        resolve({ error: `worker crashed: ${e.message}` });
        if (this.waiters.length) void this.acquire().then((fresh) => this.release(fresh)); // a waiting job gets a fresh thread
      };
      w.on('message', onMessage);
      w.once('error', onError);
      w.postMessage({ id, config: job.config, seed: job.seed, plugins: this.plugins, stepThreads: this.stepThreads });
    });
  }

  async close(): Promise<void> {
    const idle = this.idle;
    this.idle = [];
    await Promise.all(idle.map((w) => w.terminate()));
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.started < this.size) {
      this.started++;
      return new Promise((resolve) => {
        const fresh = new Worker(new URL('./thread.mjs', import.meta.url));
        fresh.once('message', () => resolve(fresh)); // { ready: true }
      });
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(w: Worker): void {
    const next = this.waiters.shift();
    if (next) next(w); else this.idle.push(w);
  }
}
