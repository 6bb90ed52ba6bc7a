import { cloudRows, coordinationNumbers, correlationDegrees, histogram, principalPlane, replay, scatter, shuffleColumns } from '../src/index.ts';
import type { Control, Figure, Precondition, RunConfig, RunConfigInput, Trajectory, TuneSpec } from '../src/index.ts';
import { QUADRATIC_ADD_47, VE_ADD_31 } from './shared.ts';

/*
 * What the VE essay's claims (E1, E2, E7–E11) share: the runs they read, and how they read the transition.
 */

/**
 * D1's x² MLP on a+b mod 47 as shared.ts trains it, on to a multiple of t_grok (stop.afterGrok) so that the window
 * after the rise of test accuracy is inside every run: E1 and E11 read these runs, trained once with D1's.
 */
export const QUADRATIC_47_PAST_GROK = QUADRATIC_ADD_47;
/** That multiple, for the regime texts. */
export const PAST_GROK_47 = QUADRATIC_ADD_47.config.stop?.afterGrok ?? 1;
/** The budget of the no-decay arm: D1's runs grok by ≈ 1450 steps; a pilot (seed 0) without decay reached training loss 6·10⁻⁴ by 800 and test accuracy 0.44 at 8000. */
export const NO_DECAY_47_STEPS = 2000;
/**
 * D1's recipe without weight decay (an arm over QUADRATIC_ADD_47, same splits and inits): it memorizes and does not
 * grok. E1's negative control at matched training loss and S3's positive control (decay is what leaves memorization)
 * read the same runs.
 */
export const NO_DECAY_47: RunConfigInput = { optimizer: { name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.98, wd: 0 }, steps: NO_DECAY_47_STEPS };

/**
 * E7's and E9's network (VE_ADD_31: embedding → 100 → 50 → 31, ReLU, a+b mod 31), with a 2000-step budget and
 * trained on to 2 × t_grok (stop.afterGrok 2), so that "final accuracy" is read after grokking, not at it.
 */
export const VE_31_PAST_GROK = VE_ADD_31.with({ steps: 2000, stop: { testAcc: 0.95, hold: 2, afterGrok: 2 } });
/**
 * The learning-rate grid every VE-architecture arm is tuned on. Pilots (seeds 100, 101) put dense's optimum at 0.1
 * and found VE still faster at 0.3 than at 0.1 (t_grok 275 vs 537), so the grid reaches 1 to keep every optimum inside.
 */
export const VE_LR_GRID = [1e-2, 3e-2, 1e-1, 3e-1, 1];
/**
 * One tuning step per arm: the arm's own AdamW lr on VE_LR_GRID (seeds 100, 101; t_grok without the probes, stopped
 * at grokking): a masked W2 starts at a different scale, so Adam's relative step differs and no arm gets the
 * others' lr. Identical arms in E7 and E9 give identical tuning runs, trained once.
 */
export const tunePerArm = (arms: Record<string, RunConfigInput>): TuneSpec<number>[] => Object.entries(arms).map(([arm, over]) => ({
  key: arm, name: `AdamW lr of '${arm}'`, grid: VE_LR_GRID,
  over: { probes: [], stop: { testAcc: 0.95, hold: 2, afterGrok: 1 } },
  set: (lr: number) => ({ ...over, optimizer: { lr } }),
}));
/** The arms at their tuned learning rates. */
export const atTunedLr = (arms: Record<string, RunConfigInput>) => (best: Readonly<Record<string, unknown>>): Record<string, RunConfigInput> =>
  Object.fromEntries(Object.entries(arms).map(([arm, over]) => [arm, { ...over, optimizer: { lr: best[arm] as number } }]));
/** The tuned values in words, for a regime text. */
export const tunedLrs = (t: Readonly<Record<string, { best: unknown; atEdge: boolean }>>): string =>
  Object.entries(t).map(([arm, x]) => `'${arm}' ${String(x.best)}${x.atEdge ? ' (grid edge)' : ''}`).join(', ');

/** The first evaluated step with test accuracy ≥ level (undefined if never). */
export const firstAt = (t: Trajectory, level: number): number | undefined => t.evals.find((e) => e.testAcc >= level)?.step;

/**
 * The rise of test accuracy: from its first evaluation ≥ 10% (t₁₀) to its first ≥ 90% (t₉₀), with its width
 * w = t₉₀ − t₁₀; null when the run never got there.
 */
export function rise(t: Trajectory): { t10: number; t90: number; width: number } | null {
  const t10 = firstAt(t, 0.1), t90 = firstAt(t, 0.9);
  return t10 === undefined || t90 === undefined ? null : { t10, t90, width: Math.max(t90 - t10, 1) };
}

/** A probe value at a given step's evaluation (NaN if none). */
export const valueAt = (t: Trajectory, step: number | null, key: string): number => (step === null ? NaN : t.evals.find((e) => e.step === step)?.[key] ?? NaN);

/** The multiple of t_grok at which E2 and E10 read the state after grokking (pre-registered; stop.afterGrok). */
export const READ_AFTER_GROK = 3;
/**
 * A probe value at the first evaluation at or after READ_AFTER_GROK × t_grok, for a run that grokked (NaN
 * otherwise): a pre-registered point of the run, not wherever the stop rule happened to end it.
 */
export const valueAfterGrok = (t: Trajectory, key: string): number => {
  if (t.tGrok === null) return NaN;
  return t.evals.find((e) => e.step >= READ_AFTER_GROK * t.tGrok!)?.[key] ?? NaN;
};

/**
 * E2's and E10's runs: an x² MLP on a+b mod 31 (60% of the pairs, AdamW lr 3e-3, wd 1), trained to 3 × t_grok,
 * the coordination probe every 100 steps (its activation cloud is all 961 inputs, an O(961²·width) reading).
 * p = 31 rather than D1's 47 because the cloud of all p² inputs costs p⁴: 47 would cost 5× more per reading.
 */
export const COORDINATION_31 = QUADRATIC_ADD_47.with({
  task: { p: 31, trainFraction: 0.6 }, optimizer: { lr: 3e-3 },
  evalEvery: 100, probes: ['coordination'], stop: { testAcc: 0.99, hold: 3, afterGrok: READ_AFTER_GROK },
}, {
  'optimizer.lr': 'pilot (seed 0, width 128, p = 31): t_grok 400 at lr 3e-3 with 60% of the pairs, 2000 at 1e-3 with half of them; Nanda et al. (arXiv 2301.05217) use 1e-3 on a transformer',
  'task.trainFraction': 'the same pilot; Power et al. (2022), arXiv 2201.02177: grokking at training fractions from about 0.3 up',
});
/** The widths E2 and E10 sweep (the focal degree of a fixed threshold scales with width / p). */
export const COORDINATION_WIDTHS = [64, 128, 256] as const;
/** The sweep as further regimes of a claim whose own regime is width 128, each with the claim's controls and preconditions. */
export const coordinationRegimes = (what: string, checks: { controls: Control[]; preconditions: Precondition[] }) =>
  COORDINATION_WIDTHS.filter((w) => w !== 128).map((w) => ({
    name: `x² MLP, width ${w}`,
    regime: `As the claim's own regime (width 128), with ${w} first-layer neurons: ${what}.`,
    base: COORDINATION_31.with({ model: { hidden: [w] } }),
    arms: { 'a+b': {} },
    ...checks,
  }));

/**
 * Pictures for E2 and E10, from seed 0's weights at t_mem and at the end of its run (recovered by replay): the
 * weight-correlation degree histogram, the activation cloud's coordination numbers, and the cloud on its
 * first two principal components, each against the shuffled baseline.
 */
export function coordinationFigures(what: 'graph' | 'cloud') {
  return (runs: Record<string, Trajectory[]>, configs: Record<string, RunConfig>): Figure[] => {
    const [arm] = Object.keys(runs), t = runs[arm][0];
    if (t.tMem === null) return [];
    const when = { [t.tMem]: 'at t_mem', [t.steps]: `at the end (step ${t.steps}, ≥ ${READ_AFTER_GROK} × t_grok)` };
    const series: Record<string, number[]> = {}, clouds: Record<string, [number, number][]> = {};
    replay(configs[arm], 0, [t.tMem, t.steps], (step, model, task) => {
      const label = when[step];
      if (what === 'graph') {
        const W1 = model.params.find((q) => q.name === 'W1')!, [rows, cols] = W1.shape;
        series[label] = correlationDegrees(W1.data, rows, cols);
        if (step === t.steps) series['shuffled baseline (end)'] = correlationDegrees(shuffleColumns(W1.data, rows, cols, 'coordination:W1'), rows, cols);
      } else {
        const pts = cloudRows(task.labels.length), A = model.hidden(pts, 1), width = A.length / pts.length;
        series[label] = coordinationNumbers(A, pts.length, width);
        if (step === t.steps) series['shuffled baseline (end)'] = coordinationNumbers(shuffleColumns(A, pts.length, width, 'coordination:cloud'), pts.length, width);
        clouds[label] = principalPlane(A, pts.length, width);
      }
    });
    const twelve = { x: 12, label: 'VE: 12' };
    return what === 'graph'
      ? [{ title: 'seed 0: degrees of the W1 weight-correlation graph (|r| ≥ 0.5)', png: histogram('seed 0: degree of each first-layer neuron in the weight-correlation graph', 'degree', series, twelve) }]
      : [
        { title: 'seed 0: coordination numbers of the activation cloud', png: histogram('seed 0: coordination number of each point of the activation cloud (all inputs)', 'neighbours within 1.1 × nearest distance', series, twelve) },
        { title: 'seed 0: activation cloud, first two principal components', png: scatter('seed 0: first-layer activations of all inputs on their first two principal components', clouds) },
      ];
  };
}
