import { parentPort } from 'node:worker_threads';
import type { RunConfig } from '../train/config.ts';
import { run } from './run.ts';

/** A pool thread: serves {id, config, seed, plugins} jobs: imports the plugins (modules that register probes, models, optimizers), runs, posts the trajectory back. */
const loaded = new Set<string>();
parentPort!.on('message', async (job: { id: number; config: RunConfig; seed: number; plugins: string[] }) => {
  try {
    for (const p of job.plugins) if (!loaded.has(p)) { await import(p); loaded.add(p); }
    parentPort!.postMessage({ id: job.id, trajectory: run(job.config, job.seed) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message ?? String(e) });
  }
});
parentPort!.postMessage({ ready: true });
