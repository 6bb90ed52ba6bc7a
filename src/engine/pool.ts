import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';

export interface Job { config: RunConfig; seed: number }
export type JobResult = { trajectory: Trajectory; error?: undefined } | { trajectory?: undefined; error: string };

/**
 * What trains runs: given jobs (each with its run-store key), it reports each result through `onResult` as it
 * arrives. The local thread pool is the default; a job queue (src/cluster/queue.ts) spreads runs over machines.
 */
export type Executor = (jobs: readonly (Job & { key: string })[], onResult: (index: number, result: JobResult) => void) => Promise<void>;

/** The embedded executor: worker threads on this machine. */
export const localExecutor = (threads?: number): Executor => async (jobs, onResult) => { await runParallel(jobs, { threads, onResult }); };

/** Worker threads to use: GROKCHECK_THREADS, or every core. */
export function defaultThreads(): number {
  const env = Number(process.env.GROKCHECK_THREADS);
  return Number.isInteger(env) && env > 0 ? env : availableParallelism();
}

/**
 * Trains independent runs in parallel worker threads (one run per thread at a time: each is single-
 * threaded, so n threads keep n cores busy). Results arrive through `onResult` as each run finishes, so a
 * caller can store them at once; an error in a run (bad config) is that run's result, not a crash.
 * `plugins` are module URLs each worker imports first (custom probes, models or optimizers).
 */
export async function runParallel(jobs: readonly Job[], opts: {
  threads?: number; plugins?: string[]; onResult?(index: number, result: JobResult): void;
} = {}): Promise<JobResult[]> {
  const results: JobResult[] = new Array(jobs.length);
  if (jobs.length === 0) return results;
  const n = Math.min(opts.threads ?? defaultThreads(), jobs.length);
  let next = 0;
  const url = new URL('./worker.mjs', import.meta.url);
  const serve = (): Promise<void> => new Promise((resolve) => {
    const w = new Worker(url);
    let current = -1;
    const give = () => {
      if (next >= jobs.length) { void w.terminate(); resolve(); return; }
      current = next++;
      w.postMessage({ id: current, config: jobs[current].config, seed: jobs[current].seed, plugins: opts.plugins ?? [] });
    };
    const finish = (r: JobResult) => {
      results[current] = r;
      opts.onResult?.(current, r);
      give();
    };
    w.on('message', (m: { ready?: boolean; id: number; trajectory?: Trajectory; error?: string }) => {
      if (m.ready) { give(); return; }
      finish(m.error !== undefined ? { error: m.error } : { trajectory: m.trajectory! });
    });
    w.on('error', (e) => {
      if (current >= 0 && results[current] === undefined) {
        results[current] = { error: `worker crashed: ${e.message}` };
        opts.onResult?.(current, results[current]);
      }
      resolve(serve());
    });
  });
  await Promise.all(Array.from({ length: n }, serve));
  return results;
}

/**
 * Long-lived worker threads for a stream of single runs (a queue worker pulling jobs one by one): a thread is
 * started once and reused, so a run pays no thread start-up (about 0.3 s with the TypeScript loader). A crashed
 * thread yields that run's error and is replaced.
 */
export class ThreadPool {
  private idle: Worker[] = [];
  private waiters: ((w: Worker) => void)[] = [];
  private started = 0;
  private nextId = 0;

  constructor(private readonly size: number, private readonly plugins: string[] = []) {}

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
        void this.acquire().then((fresh) => this.release(fresh)).catch(() => {}); // keep the pool at size
      };
      w.on('message', onMessage);
      w.once('error', onError);
      w.postMessage({ id, config: job.config, seed: job.seed, plugins: this.plugins });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.map((w) => w.terminate()));
    this.idle = [];
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.started < this.size) {
      this.started++;
      return new Promise((resolve) => {
        const fresh = new Worker(new URL('./worker.mjs', import.meta.url));
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
