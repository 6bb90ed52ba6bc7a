import { deepMerge } from '../engine/merge.ts';
import { median } from '../stats/median.ts';
import { type RunConfig, type RunConfigInput, resolveConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { type Metric, metrics } from './metrics.ts';

/**
 * A hyperparameter tuned per claim before its test (a fair baseline), declared in the spec: the value of `set`
 * on a pre-registered grid that minimizes the median objective over the tuning seeds (default t_grok, runs that
 * never reach it censored at +∞; ties broken by the higher median final test accuracy), with the claim's own
 * budget and seeds disjoint from the test seeds. Steps run in order, and `set` sees the values chosen by the
 * steps before it (e.g. Muon's lr tuned at AdamW's tuned lr). Tuning runs at the claim's scale.
 */
export interface TuneSpec<T = unknown> {
  /** The key the chosen value goes under in `best` (the arms and regime functions receive it). */
  key: string;
  /** What is tuned, in words, e.g. 'AdamW lr'. */
  name: string;
  grid: readonly T[];
  /** The config change for a grid value, given the values chosen so far. */
  set(value: T, best: Readonly<Record<string, unknown>>): RunConfigInput;
  /** Merged over the claim's base for tuning only (e.g. { probes: [] } to tune without probes). */
  over?: RunConfigInput;
  /** Default [100, 101]: disjoint from the test seeds 0..n−1. */
  seeds?: number[];
  /** Default t_grok. */
  objective?: Metric;
}

export interface Tuning<T = unknown> {
  /** What was tuned, e.g. 'AdamW lr'. */
  name: string;
  /** What was minimized: the objective metric's name (t_grok by default). */
  objective: string;
  /** The grid value chosen. */
  best: T;
  /** Every grid value with its median objective (∞: censored) and median final test accuracy over the tuning seeds. */
  table: { value: T; median: number; medianFinalTestAcc: number }[];
  /** Whether the chosen value is the grid's first or last: the optimum may lie outside the grid. */
  atEdge: boolean;
  /** The tuning in words, for the claim's report. */
  text: string;
}

export const TUNING_SEEDS = [100, 101];

/** The runs one tuning step needs: every grid value × tuning seed, resolved, in grid order. */
export function tuningRuns<T>(step: TuneSpec<T>, base: RunConfigInput, best: Readonly<Record<string, unknown>>): { config: RunConfig; seed: number }[] {
  const seeds = step.seeds ?? TUNING_SEEDS;
  return step.grid.flatMap((v) => {
    const config = resolveConfig(deepMerge(deepMerge(base, step.over ?? {}), step.set(v, best)));
    return seeds.map((seed) => ({ config, seed }));
  });
}

/** Chooses a tuning step's value from its runs (in the order tuningRuns gave them). */
export function chooseTuning<T>(step: TuneSpec<T>, runs: readonly Trajectory[]): Tuning<T> {
  const seeds = step.seeds ?? TUNING_SEEDS, objective = step.objective ?? metrics.tGrok;
  const table = step.grid.map((value, i) => {
    const ts = runs.slice(i * seeds.length, (i + 1) * seeds.length);
    return { value, median: median(ts.map((t) => objective.of(t))), medianFinalTestAcc: median(ts.map((t) => t.evals.at(-1)!.testAcc)) };
  });
  const best = [...table].sort((a, b) => a.median - b.median || b.medianFinalTestAcc - a.medianFinalTestAcc)[0];
  const at = table.indexOf(best), atEdge = step.grid.length > 2 && (at === 0 || at === table.length - 1);
  const text = `${step.name} tuned on seeds ${seeds.join(', ')} over ${step.grid.map(String).join(', ')}, minimizing the median ${objective.name}: ` +
    table.map((r) => `${String(r.value)} → ${r.median === Infinity ? '∞' : r.median} (final test acc ${r.medianFinalTestAcc.toFixed(2)})`).join('; ') +
    `; chosen ${String(best.value)}.`;
  return { name: step.name, objective: objective.name, best: best.value, table, atEdge, text };
}
