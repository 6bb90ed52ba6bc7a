import { deepMerge } from '../engine/merge.ts';
import { median } from '../stats/bootstrap.ts';
import { type RunConfigInput, resolveConfig } from '../train/config.ts';
import { type Metric, metrics } from './metrics.ts';
import { sweep } from './sweep.ts';

export interface Tuning<T> {
  /** What was tuned, e.g. 'AdamW lr'. */
  name: string;
  /** What was minimized: the objective metric's name (t_grok by default). */
  objective: string;
  /** The grid value chosen. */
  best: T;
  /** Every grid value with its median objective (∞: censored) and median final test accuracy over the tuning seeds. */
  table: { value: T; median: number; medianFinalTestAcc: number }[];
  /** The tuning in words, for the claim's report. */
  text: string;
}

/**
 * A fair baseline: picks the value of one hyperparameter from a pre-registered grid that minimizes the median
 * objective over `seeds` (default t_grok, runs that never grok censored at +∞; ties broken by the higher
 * median final test accuracy), with the same budget for every value and seeds disjoint from the test seeds
 * (the default 100, 101). Runs go through the run store, so a suite tunes once.
 */
export async function tune<T>(o: {
  name: string; base: RunConfigInput; grid: readonly T[]; set: (value: T) => RunConfigInput; seeds?: number[]; objective?: Metric;
}): Promise<Tuning<T>> {
  const seeds = o.seeds ?? [100, 101], objective = o.objective ?? metrics.tGrok;
  const configs = o.grid.map((v) => resolveConfig(deepMerge(o.base, o.set(v))));
  const { trajectories } = await sweep(configs.flatMap((config) => seeds.map((seed) => ({ config, seed }))));
  const table = o.grid.map((value, i) => {
    const ts = trajectories.slice(i * seeds.length, (i + 1) * seeds.length);
    return { value, median: median(ts.map((t) => objective.of(t))), medianFinalTestAcc: median(ts.map((t) => t.evals.at(-1)!.testAcc)) };
  });
  const best = [...table].sort((a, b) => a.median - b.median || b.medianFinalTestAcc - a.medianFinalTestAcc)[0];
  const text = `${o.name} tuned on seeds ${seeds.join(', ')} over ${o.grid.map(String).join(', ')}, minimizing the median ${objective.name}: ` +
    table.map((r) => `${String(r.value)} → ${r.median === Infinity ? '∞' : r.median} (final test acc ${r.medianFinalTestAcc.toFixed(2)})`).join('; ') +
    `; chosen ${String(best.value)}.`;
  return { name: o.name, objective: objective.name, best: best.value, table, text };
}
