import { check } from '../engine/errors.ts';
import { deepMerge } from '../engine/merge.ts';
import { median } from '../stats/median.ts';
import { type RunConfig, type RunConfigInput, resolveConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { type Metric, metrics } from './metrics.ts';

/**
 * A hyperparameter tuned per claim before its test (a fair baseline), declared in the spec: the value of `set`
 * on a pre-registered grid that minimizes the median objective over the tuning seeds (default t_grok, runs that
 * never reach it censored at +∞), with the claim's own budget and seeds disjoint from the test seeds. Steps run
 * in order, and `set` sees the values chosen by the steps before it (e.g. Muon's lr tuned at AdamW's tuned lr).
 * Tuning runs at the claim's scale.
 *
 * Ties (issue 13: never silently by grid order), in this order: the higher median final test accuracy; the lower
 * mean objective over the tuning seeds (∞ counts as larger than any finite value); the value nearest the grid's
 * centre (by position, summed over the axes of a product grid), since a flat objective gives no reason to prefer an
 * edge; and last, the smaller value (the first in grid order: lower learning rates, weaker decay). The report's text
 * names every value that tied on the median objective and the rule that broke the tie.
 *
 * Grid widening (issue 13's pre-registered rule): when the chosen value lies on an edge of a numeric grid (ascending,
 * positive, at least 3 values; per axis for a product grid), the grid is extended once by one more geometric step on
 * that side (the ratio of the two values at that edge) and the step is re-tuned on the widened grid. If the choice is
 * still on an edge, `atEdge` stays true and the claim is inconclusive (src/claims/verdict.ts, unmetPreconditions).
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
  /**
   * A product grid (e.g. weight decay × Muon's lr): the values of each axis, ascending; `grid` is then
   * productGrid(axes), records { axis: value }. Use `productTune` to build such a step.
   */
  axes?: Readonly<Record<string, readonly number[]>>;
  /** false: never widen this grid (the edge then only makes the claim inconclusive). Default: widen once. */
  widen?: boolean;
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
  /** Whether the chosen value is on an edge of the (final, possibly widened) grid: the optimum may lie outside it. */
  atEdge: boolean;
  /** Values added by the widening rule (empty when the first grid's choice was interior or widening is off). */
  widened: T[];
  /** The values that tied with the chosen one on the median objective (empty when none did). */
  ties: T[];
  /** The tuning in words, for the claim's report. */
  text: string;
}

export const TUNING_SEEDS = [100, 101];

/** The cartesian product of the axes, the first axis varying slowest: { wd: 0.1, muonLr: 0.01 }, { wd: 0.1, muonLr: 0.03 }, …. */
export function productGrid(axes: Readonly<Record<string, readonly number[]>>): Record<string, number>[] {
  return Object.entries(axes).reduce<Record<string, number>[]>(
    (acc, [k, vs]) => acc.flatMap((r) => vs.map((v) => ({ ...r, [k]: v }))), [{}]);
}

/** A tuning step over a product grid (see TuneSpec.axes). */
export function productTune(o: Omit<TuneSpec<Record<string, number>>, 'grid' | 'axes'> & { axes: Record<string, readonly number[]> }): TuneSpec<Record<string, number>> {
  for (const [k, vs] of Object.entries(o.axes)) check(vs.length > 0, `tune '${o.key}' axis '${k}'`, vs, 'must list at least one value');
  return { ...o, grid: productGrid(o.axes) };
}

/** The runs one tuning step needs: every grid value × tuning seed, resolved, in grid order. */
export function tuningRuns<T>(step: TuneSpec<T>, base: RunConfigInput, best: Readonly<Record<string, unknown>>): { config: RunConfig; seed: number }[] {
  const seeds = step.seeds ?? TUNING_SEEDS;
  return step.grid.flatMap((v) => {
    const config = resolveConfig(deepMerge(deepMerge(base, step.over ?? {}), step.set(v, best)));
    return seeds.map((seed) => ({ config, seed }));
  });
}

/** A grid value in words: '0.01', or '(wd 0.3, muonLr 0.9)' for a product grid's record (for tables, plots, messages). */
export const tuneValueLabel = (v: unknown): string => (typeof v === 'object' && v !== null
  ? `(${Object.entries(v).map(([k, x]) => `${k} ${String(x)}`).join(', ')})` : String(v));
const fmt = tuneValueLabel;

/** Numeric axes of a step: its product axes, or the grid itself when it is a list of numbers. */
function axesOf<T>(step: TuneSpec<T>): Record<string, readonly number[]> | null {
  if (step.axes) return step.axes;
  return step.grid.every((v) => typeof v === 'number') ? { '': step.grid as unknown as number[] } : null;
}
const coord = (v: unknown, axis: string): number => (axis === '' ? (v as number) : (v as Record<string, number>)[axis]);

/** For each axis with ≥ 3 values: whether the value sits at its low or high end (null: inside). */
function edges<T>(step: TuneSpec<T>, value: T): { axis: string; side: 'low' | 'high' }[] {
  const axes = axesOf(step);
  if (!axes) return step.grid.length > 2 && (step.grid.indexOf(value) === 0 || step.grid.indexOf(value) === step.grid.length - 1)
    ? [{ axis: '', side: step.grid.indexOf(value) === 0 ? 'low' : 'high' }] : [];
  return Object.entries(axes).flatMap(([axis, vs]): { axis: string; side: 'low' | 'high' }[] => {
    if (vs.length < 3) return [];
    const x = coord(value, axis), lo = Math.min(...vs), hi = Math.max(...vs);
    return x === lo ? [{ axis, side: 'low' }] : x === hi ? [{ axis, side: 'high' }] : [];
  });
}

/** Distance of a value from the grid's centre, by position along each axis (the tie-break before grid order). */
function offCentre<T>(step: TuneSpec<T>, value: T): number {
  const axes = axesOf(step);
  if (!axes) return Math.abs(step.grid.indexOf(value) - (step.grid.length - 1) / 2);
  return Object.entries(axes).reduce((s, [axis, vs]) => {
    const sorted = [...vs].sort((a, b) => a - b);
    return s + Math.abs(sorted.indexOf(coord(value, axis)) - (sorted.length - 1) / 2);
  }, 0);
}

const meanOf = (xs: number[]): number => (xs.some((x) => x === Infinity) ? Infinity : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Chooses a tuning step's value from its runs (in the order tuningRuns gave them). `widened`: values the widening rule added. */
export function chooseTuning<T>(step: TuneSpec<T>, runs: readonly Trajectory[], widened: readonly T[] = []): Tuning<T> {
  const seeds = step.seeds ?? TUNING_SEEDS, objective = step.objective ?? metrics.tGrok;
  check(runs.length === step.grid.length * seeds.length, `tune '${step.key}' runs`, runs.length, `must be grid × seeds = ${step.grid.length * seeds.length}, in the order tuningRuns gives`);
  const rows = step.grid.map((value, i) => {
    const vals = runs.slice(i * seeds.length, (i + 1) * seeds.length).map((t) => objective.of(t));
    const ts = runs.slice(i * seeds.length, (i + 1) * seeds.length);
    return { value, median: median(vals), medianFinalTestAcc: median(ts.map((t) => t.evals.at(-1)!.testAcc)), mean: meanOf(vals), centre: offCentre(step, value), i };
  });
  const order = [...rows].sort((a, b) => a.median - b.median || b.medianFinalTestAcc - a.medianFinalTestAcc
    || (a.mean === b.mean ? 0 : a.mean < b.mean ? -1 : 1) || a.centre - b.centre || a.i - b.i);
  const best = order[0];
  const tied = rows.filter((r) => r !== best && r.median === best.median);
  const broke = (() => {
    if (!tied.length) return '';
    const rest = tied.filter((r) => r.medianFinalTestAcc === best.medianFinalTestAcc);
    if (rest.length < tied.length && !rest.length) return 'the higher median final test accuracy';
    const rest2 = rest.filter((r) => r.mean === best.mean);
    if (!rest2.length) return rest.length < tied.length ? 'the final test accuracy, then the lower mean objective' : 'the lower mean objective';
    const rest3 = rest2.filter((r) => r.centre === best.centre);
    return rest3.length ? 'all else equal, the first in grid order (the smaller value)' : 'all else equal, the value nearest the grid centre';
  })();
  const table = rows.map(({ value, median: m, medianFinalTestAcc }) => ({ value, median: m, medianFinalTestAcc }));
  const atEdge = edges(step, best.value).length > 0;
  const shown = (x: number) => (x === Infinity ? '∞' : String(x));
  const text = `${step.name} tuned on seeds ${seeds.join(', ')} over ${step.grid.map(fmt).join(', ')}${widened.length ? ` (widened by ${widened.map(fmt).join(', ')} under the grid-edge rule)` : ''}, minimizing the median ${objective.name}: ` +
    table.map((r) => `${fmt(r.value)} → ${shown(r.median)} (final test acc ${r.medianFinalTestAcc.toFixed(2)})`).join('; ') +
    `; chosen ${fmt(best.value)}${tied.length ? ` (tied on the median with ${tied.map((r) => fmt(r.value)).join(', ')}; broken by ${broke})` : ''}${atEdge ? '; at the edge of the grid' : ''}.`;
  return { name: step.name, objective: objective.name, best: best.value, table, atEdge, widened: [...widened], ties: tied.map((r) => r.value), text };
}

/**
 * The widening rule: the step with its grid extended by one geometric step on each side where `tuning` chose an
 * edge value (per axis for a product grid), or null when no widening applies (an interior choice, widening off,
 * or a grid that is not ascending positive numbers).
 */
export function widenedStep<T>(step: TuneSpec<T>, tuning: Tuning<T>): { step: TuneSpec<T>; added: T[] } | null {
  if (step.widen === false || !tuning.atEdge) return null;
  const axes = axesOf(step);
  if (!axes) return null;
  const grown: Record<string, number[]> = Object.fromEntries(Object.entries(axes).map(([k, vs]) => [k, [...vs]]));
  for (const { axis, side } of edges(step, tuning.best)) {
    const vs = axes[axis];
    if (!vs.every((v, i) => v > 0 && (i === 0 || v > vs[i - 1]))) return null; // the geometric step needs ascending positive values
    const n = vs.length;
    if (side === 'low') grown[axis].unshift(vs[0] * (vs[0] / vs[1]));
    else grown[axis].push(vs[n - 1] * (vs[n - 1] / vs[n - 2]));
  }
  const round = (x: number) => Number(x.toPrecision(6)); // 0.01·(0.01/0.003) prints as 0.0333333, not 0.03333333333333333
  if (!step.axes) {
    const grid = grown[''].map(round) as unknown as T[];
    return { step: { ...step, grid }, added: grid.filter((v) => !step.grid.includes(v)) };
  }
  const roundedAxes = Object.fromEntries(Object.entries(grown).map(([k, vs]) => [k, vs.map(round)]));
  const grid = productGrid(roundedAxes) as unknown as T[];
  const key = (v: T) => JSON.stringify(v);
  const had = new Set(step.grid.map(key));
  return { step: { ...step, axes: roundedAxes, grid }, added: grid.filter((v) => !had.has(key(v))) };
}

/**
 * Runs one tuning step with the widening rule: the grid, then (if the choice is on an edge) the widened grid once.
 * `runAll` trains the given runs and returns their trajectories in order (through the run store, so the values
 * already run cost nothing the second time).
 */
export async function tuneStep<T>(step: TuneSpec<T>, base: RunConfigInput, best: Readonly<Record<string, unknown>>,
  runAll: (jobs: { config: RunConfig; seed: number }[]) => Promise<{ trajectories: Trajectory[]; trainMs: number }>): Promise<{ tuning: Tuning<T>; trainMs: number }> {
  const first = await runAll(tuningRuns(step, base, best));
  const t = chooseTuning(step, first.trajectories);
  const w = widenedStep(step, t);
  if (!w) return { tuning: t, trainMs: first.trainMs };
  const second = await runAll(tuningRuns(w.step, base, best));
  return { tuning: chooseTuning(w.step, second.trajectories, w.added), trainMs: first.trainMs + second.trainMs };
}
