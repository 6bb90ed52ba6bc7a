import { settings } from '../engine/settings.ts';
import { type Executor, localExecutor } from './pool.ts';
import { RunStore, runKey } from './store.ts';
import type { RunConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';

export interface SweepProgress { done: number; total: number; cached: number; trained: number }

/** The job queue of the settings' `queue` (redis://host:port) when set, else the local thread pool. */
export async function defaultExecutor(threads?: number): Promise<Executor> {
  const url = settings().queue;
  if (!url) return localExecutor(threads);
  return (await import('./queue.ts')).queueExecutor(url);
}

/**
 * Trains every (config, seed) pair not already in the run store, in parallel on all cores, storing each
 * run the moment it finishes (so an interrupted sweep loses no finished run), and returns the trajectories
 * in the order asked. Pairs asked twice (a baseline shared by arms or claims) are trained once. Training runs
 * on the executor given, else on the settings' job queue, else on this machine's threads.
 */
export async function sweep(runs: readonly { config: RunConfig; seed: number }[], opts: {
  store?: RunStore; threads?: number; executor?: Executor; onProgress?(p: SweepProgress): void;
} = {}): Promise<{ trajectories: Trajectory[]; trainMs: number }> {
  const store = opts.store ?? new RunStore();
  const keys = runs.map((r) => runKey(r.config, r.seed));
  const byKey = new Map<string, Trajectory>();
  const todo: { key: string; config: RunConfig; seed: number }[] = [];
  runs.forEach((r, i) => {
    if (byKey.has(keys[i]) || todo.some((t) => t.key === keys[i])) return;
    const hit = store.get(r.config, r.seed);
    if (hit) byKey.set(keys[i], hit);
    else todo.push({ key: keys[i], ...r });
  });
  const cached = byKey.size, total = cached + todo.length;
  let trainMs = 0;
  opts.onProgress?.({ done: cached, total, cached, trained: 0 });
  const errors: string[] = [];
  const execute = opts.executor ?? await defaultExecutor(opts.threads);
  if (todo.length) {
    await execute(todo, (i, r) => {
      if (r.error !== undefined) { errors.push(`seed ${todo[i].seed}: ${r.error}`); return; }
      store.put(todo[i].config, todo[i].seed, r.trajectory);
      byKey.set(todo[i].key, r.trajectory);
      trainMs += r.trajectory.wallMs;
      opts.onProgress?.({ done: byKey.size, total, cached, trained: byKey.size - cached });
    });
  }
  if (errors.length) throw new Error(`${errors.length} run(s) failed: ${errors.slice(0, 3).join('; ')}`);
  return { trajectories: keys.map((k) => byKey.get(k)!), trainMs };
}
