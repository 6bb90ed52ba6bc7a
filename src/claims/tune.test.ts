import { describe, expect, test } from 'vitest';
import type { RunConfig } from '../train/config.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { recipe } from './recipe.ts';
import { type TuneSpec, chooseTuning, productGrid, productTune, tuneStep, tuningRuns, widenedStep } from './tune.ts';

const BASE = recipe({ task: { p: 11 }, model: { hidden: [16] }, steps: 20, evalEvery: 10 }, {}).config;
const run = (tGrok: number | null, testAcc = 0.5): Trajectory => ({
  evals: [{ step: 0, trainLoss: 1, trainAcc: 1, testLoss: 1, testAcc }], tMem: 0, tGrok,
  diverged: null, stopReason: 'budget', steps: 10, msPerStep: 1, wallMs: 1,
});
const lrStep: TuneSpec<number> = { key: 'lr', name: 'lr', grid: [1e-3, 3e-3, 1e-2], set: (lr) => ({ optimizer: { lr } }) };
/** A fake trainer: t_grok is a function of the run's config. */
const trainer = (tOf: (c: RunConfig) => number | null) => async (jobs: { config: RunConfig; seed: number }[]) =>
  ({ trajectories: jobs.map((j) => run(tOf(j.config))), trainMs: 0 });

describe('tuning: ties and the grid-edge rule', () => {
  test('should break a tie on the objective by the final test accuracy, then the centre of the grid, and say so', () => {
    // Arrange: all three values reach t_grok at 100; equal final test accuracy
    const runs = [run(100), run(100), run(100), run(100), run(100), run(100)];
    // Act
    const t = chooseTuning(lrStep, runs);
    // Assert: the centre, not the first in grid order
    expect(t.best).toBe(3e-3);
    expect(t.ties).toEqual([1e-3, 1e-2]);
    expect(t.atEdge).toBe(false);
    expect(t.text).toMatch(/tied on the median with 0\.001, 0\.01; broken by all else equal, the value nearest the grid centre/);
  });

  test('should prefer the higher final test accuracy among tied values, even at an edge', () => {
    const runs = [run(null, 0.9), run(null, 0.9), run(null, 0.5), run(null, 0.5), run(null, 0.4), run(null, 0.4)];
    const t = chooseTuning(lrStep, runs);
    expect(t.best).toBe(1e-3);
    expect(t.atEdge).toBe(true);
    expect(t.text).toMatch(/broken by the higher median final test accuracy/);
  });

  test('should widen a numeric grid by one geometric step on the side of the edge', () => {
    const t = chooseTuning(lrStep, [run(100), run(100), run(50), run(50), run(10), run(10)]);
    const w = widenedStep(lrStep, t)!;
    expect(w.step.grid).toEqual([1e-3, 3e-3, 1e-2, 0.0333333]); // 1e-2 · (1e-2 / 3e-3)
    expect(w.added).toEqual([0.0333333]);
    expect(widenedStep(lrStep, chooseTuning(lrStep, [run(100), run(100), run(5), run(5), run(10), run(10)]))).toBeNull();
  });

  test('should clear the edge when the widened grid puts the optimum inside, and keep it when it does not', async () => {
    // Arrange: t_grok falls with lr up to 0.0333, then (second case) keeps falling
    const valley = trainer((c) => ({ 0.001: 400, 0.003: 200, 0.01: 100, 0.0333333: 150 } as Record<number, number>)[c.optimizer.lr]);
    const slope = trainer((c) => Math.round(1 / c.optimizer.lr));
    // Act
    const a = await tuneStep(lrStep, BASE, {}, valley), b = await tuneStep(lrStep, BASE, {}, slope);
    // Assert
    expect(a.tuning.best).toBe(1e-2);
    expect(a.tuning.atEdge).toBe(false);
    expect(a.tuning.widened).toEqual([0.0333333]);
    expect(a.tuning.text).toMatch(/widened by 0\.0333333 under the grid-edge rule/);
    expect(b.tuning.best).toBe(0.0333333);
    expect(b.tuning.atEdge).toBe(true);
  });

  test('should not widen when the step says widen: false', async () => {
    const r = await tuneStep({ ...lrStep, widen: false }, BASE, {}, trainer((c) => Math.round(1 / c.optimizer.lr)));
    expect(r.tuning.widened).toEqual([]);
    expect(r.tuning.atEdge).toBe(true);
  });

  test('should tune a product grid, find edges per axis, and widen only the axis at its edge', async () => {
    // Arrange: wd × lr; the objective is best at wd 1 (interior) and the largest lr (edge) until lr 0.1
    const step = productTune({ key: 'g', name: 'wd × lr', axes: { wd: [0.3, 1, 3], lr: [0.003, 0.01, 0.03] },
      set: (v) => ({ optimizer: { wd: v.wd, lr: v.lr } }) });
    const t = (c: RunConfig) => 100 * Math.abs(Math.log10(c.optimizer.wd)) + Math.round(1000 * Math.abs(c.optimizer.lr - 0.05));
    expect(productGrid({ a: [1, 2], b: [3] })).toEqual([{ a: 1, b: 3 }, { a: 2, b: 3 }]);
    expect(tuningRuns(step, BASE, {})).toHaveLength(18);
    // Act
    const r = await tuneStep(step, BASE, {}, trainer(t));
    // Assert
    expect(r.tuning.widened).toEqual([{ wd: 0.3, lr: 0.09 }, { wd: 1, lr: 0.09 }, { wd: 3, lr: 0.09 }]);
    expect(r.tuning.best).toEqual({ wd: 1, lr: 0.03 });
    expect(r.tuning.atEdge).toBe(false);
  });
});
