import { Worker } from 'node:worker_threads';
import { mlpLayers } from '../../models/index.ts';
import { asTransformer, transformerShapes } from '../../models/transformer.ts';
import type { Task } from '../../tasks/task.ts';
import type { RunConfig } from '../../train/config.ts';
import type { Job, JobResult } from '../pool.ts';

/** What one worker lets one job use. */
export interface JobLimits {
  /** Parameters × steps (or × sampler moves): the work of a run, bounded so one job cannot hold a machine for days. */
  maxWork: number;
  /** Memory of one run, in MB: the training thread's heap limit, and the worker process's RSS (per run in hand). */
  maxMemoryMb: number;
}

/** Defaults: 10¹¹ parameter-steps (the papers' p = 97 MLP for 30 000 steps is ~2·10⁹) and 4 GB. */
export const DEFAULT_LIMITS: JobLimits = { maxWork: 1e11, maxMemoryMb: 4096 };

/** A job's parameter count (null for a model kind a plugin registers: only the memory limit applies) and steps. */
export function jobSize(cfg: RunConfig): { params: number | null; steps: number } {
  const steps = cfg.sampler ? cfg.sampler.startSteps + cfg.sampler.moves : cfg.steps;
  // the task's sizes without building it (its examples alone can be large)
  const t = cfg.task;
  const task = (t.kind === 'modular' ? { vocab: 2 * t.p, classes: t.p } : t.kind === 'parity' ? { vocab: 2 * t.bits, classes: 2 }
    : t.kind === 'mnist' ? { vocab: 2 * (28 / t.pool) ** 2, classes: 10 } : { vocab: t.d, classes: 1 }) as Task;
  if (cfg.model.kind === 'transformer') {
    const p = (t as { p: number }).p;
    return { params: transformerShapes(asTransformer(cfg.model), p).reduce((s, x) => s + x.shape.reduce((a, b) => a * b, 1), 0), steps };
  }
  if (!Array.isArray(cfg.model.hidden)) return { params: null, steps };
  return { params: mlpLayers(cfg.model, task).reduce((s, L) => s + L.rows * L.cols + (cfg.model.bias ? L.cols : 0), 0), steps };
}

/** Why a job is over the limits, or null. */
export function overLimit(cfg: RunConfig, limits: JobLimits): string | null {
  const { params, steps } = jobSize(cfg);
  if (params === null || params * steps <= limits.maxWork) return null;
  return `over this worker's limit on parameters × steps: ${params} × ${steps} = ${(params * steps).toExponential(2)} > ${limits.maxWork.toExponential(2)} (grokcheck worker --max-work)`;
}

/**
 * Training threads (the pool's thread.mjs) with a heap limit each, and a watchdog on the process's resident
 * memory: typed arrays and WebAssembly memory live outside the V8 heap that `resourceLimits` bounds, so the
 * watchdog stops the runs in hand when the process holds more than it did as they started plus `maxMemoryMb` per run.
 * At most one run per thread; the BullMQ worker's concurrency bounds how many run at once.
 */
export class LimitedThreads {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, (r: JobResult) => void>();
  /** The process's resident memory as each run in hand started (its thread already up): what the run adds is measured from there. */
  private readonly startRss = new Map<Worker, number>();
  private readonly watchdog: NodeJS.Timeout;
  private starting = 0;
  private closed = false;

  constructor(private readonly limits: JobLimits, private readonly plugins: string[] = []) {
    this.watchdog = setInterval(() => {
      if (!this.busy.size) return;
      const rss = process.memoryUsage.rss(), cap = Math.min(...this.startRss.values()) + this.busy.size * limits.maxMemoryMb * 2 ** 20;
      if (rss > cap) this.stopAll(`over this worker's memory limit: the process held ${(rss / 2 ** 20).toFixed(0)} MB, more than ${limits.maxMemoryMb} MB per run in hand (grokcheck worker --max-memory-mb)`);
    }, 250);
    this.watchdog.unref();
  }

  /** Runs in hand, counting those whose thread is still starting. */
  get inHand(): number { return this.busy.size + this.starting; }

  async run(job: Job): Promise<JobResult & { limit?: boolean }> {
    const w = this.idle.pop() ?? await this.spawn();
    if (this.closed) { void w.terminate(); return new Promise(() => {}); } // stopped meanwhile: abandoned, as a run in hand
    return new Promise((resolve) => {
      const finish = (r: JobResult & { limit?: boolean }) => {
        if (!this.busy.has(w)) return;
        this.busy.delete(w);
        this.startRss.delete(w);
        w.off('message', onMessage);
        resolve(r);
      };
      const onMessage = (m: { trajectory?: JobResult['trajectory']; error?: string }) => {
        finish(m.error !== undefined ? { error: m.error } : { trajectory: m.trajectory! });
        this.idle.push(w);
      };
      w.once('error', (e: Error & { code?: string }) => finish(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? { error: `over this worker's memory limit: the run's heap passed ${this.limits.maxMemoryMb} MB (grokcheck worker --max-memory-mb)`, limit: true }
        : { error: `worker crashed: ${e.message}` }));
      this.busy.set(w, finish as (r: JobResult) => void);
      this.startRss.set(w, process.memoryUsage.rss());
      w.on('message', onMessage);
      w.postMessage({ id: 0, config: job.config, seed: job.seed, plugins: this.plugins });
    });
  }

  /** Ends the runs in hand now, each with `reason` as its error (a limit, or the shutdown deadline). */
  stopAll(reason: string): void {
    for (const [w, finish] of [...this.busy]) { (finish as (r: JobResult & { limit?: boolean }) => void)({ error: reason, limit: true }); void w.terminate(); }
  }

  /** Stops the threads; runs still in hand end with an error, or with `abandon` never settle (their jobs lose their lock). */
  async close(opts: { abandon?: boolean } = {}): Promise<void> {
    clearInterval(this.watchdog);
    this.closed = true;
    if (opts.abandon) for (const w of this.busy.keys()) void w.terminate();
    else this.stopAll('the worker stopped');
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private async spawn(): Promise<Worker> {
    this.starting++;
    try { return await this.startThread(); } finally { this.starting--; }
  }

  private startThread(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const w = new Worker(new URL('../thread.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb } });
      w.once('message', () => resolve(w)); // { ready: true }
      w.once('error', reject);
    });
  }
}
