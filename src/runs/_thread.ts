import { parentPort } from 'node:worker_threads';
import type { RunConfig } from '../train/config.ts';
import { run } from './run.ts';

/** A pool thread: serves {id, config, seed, plugins, stepThreads} jobs: imports the plugins (modules that register probes, models, optimizers), runs, posts the trajectory back. */
const loaded = new Set<string>();
/** GROKCHECK_STEP_THREADS as the process set it (an explicit count wins over the pool's share). */
const explicitStepThreads = process.env.GROKCHECK_STEP_THREADS;
parentPort!.on('message', async (job: { id: number; config: RunConfig; seed: number; plugins: string[]; stepThreads?: number }) => {
  try {
    for (const p of job.plugins) if (!loaded.has(p)) { await import(p); loaded.add(p); }
    // this thread's own copy of the environment: the run's arena reads it (settings().stepThreads)
    process.env.GROKCHECK_STEP_THREADS = explicitStepThreads ?? String(job.stepThreads ?? 1);
    parentPort!.postMessage({ id: job.id, trajectory: run(job.config, job.seed) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message ?? String(e) });
  }
});
parentPort!.postMessage({ ready: true });
