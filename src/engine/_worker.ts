import { parentPort } from 'node:worker_threads';
import { train } from '../train/train.ts';
import type { RunConfig } from '../train/config.ts';

/** Serves {id, config, seed, plugins} jobs: imports the plugins (modules that register probes, models, optimizers), trains, posts the trajectory back. */
const loaded = new Set<string>();
parentPort!.on('message', async (job: { id: number; config: RunConfig; seed: number; plugins: string[] }) => {
  try {
    for (const p of job.plugins) if (!loaded.has(p)) { await import(p); loaded.add(p); }
    const trajectory = train(job.config, job.seed);
    parentPort!.postMessage({ id: job.id, trajectory });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message ?? String(e) });
  }
});
parentPort!.postMessage({ ready: true });
