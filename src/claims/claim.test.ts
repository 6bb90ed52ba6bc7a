import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../runs/store.ts';
import { runIdsOf } from '../report/table.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { MAIN_ARM, defineClaim, resolveTuned } from './claim.ts';
import { metrics } from './metrics.ts';
import { oneSample } from './predictions/index.ts';
import { recipe } from './recipe.ts';
import { chooseTuning, tuningRuns } from './tune.ts';
import { NO_CONTROL, verdictOf, measure } from './verdict.ts';

const RECIPE = recipe({ task: { p: 11 }, model: { hidden: [16] }, steps: 20, evalEvery: 10 }, { 'optimizer.lr': 'a paper, §2' });
const spec = { id: 'X1', title: 't', quote: 'q', source: { seed: 's.txt', section: '§' }, topic: 'T', regime: 'r', recorded: null };
const run = (evals: Record<string, number>[], tGrok: number | null = null): Trajectory => ({
  evals: evals.map((e, i) => ({ step: 10 * i, trainLoss: 1, trainAcc: 1, testLoss: 1, testAcc: 0.5, ...e })), tMem: 0, tGrok,
  diverged: null, stopReason: 'budget', steps: 10 * evals.length, msPerStep: 1, wallMs: 1,
});

describe('defineClaim: the vocabulary carries the plumbing', () => {
  test('should default to 8 seeds and one arm, and bind a prediction without an arm to it', () => {
    const c = defineClaim({ ...spec, base: RECIPE, predictions: [oneSample({ name: 'p', metric: metrics.tGrok, lessThan: 10 })] });
    expect(c.seeds).toBe(8);
    expect(Object.keys(c.configs)).toEqual([MAIN_ARM]);
    expect(c.predictions[0].arms).toEqual([MAIN_ARM]);
  });

  test("should carry a recipe's citations, and keep them through .with()", () => {
    const c = defineClaim({ ...spec, base: RECIPE.with({ steps: 30 }, { steps: 'our budget' }), cite: { 'task.p': 'small' }, predictions: [oneSample({ name: 'p', metric: metrics.tGrok, lessThan: 10 })] });
    expect(c.cite).toEqual({ 'optimizer.lr': 'a paper, §2', steps: 'our budget', 'task.p': 'small' });
    expect(c.configs[MAIN_ARM].steps).toBe(30);
  });

  test('should add the probes a metric reads to the arms it is measured on, after those listed', () => {
    const c = defineClaim({
      ...spec, base: RECIPE.with({ probes: ['gradNorm'] }), arms: { a: {}, b: {} },
      predictions: [oneSample({ name: 'p', arm: 'a', metric: metrics.at('tMem', 'weightNorm:W2'), lessThan: 10 })],
    });
    expect(c.configs.a.probes).toEqual(['gradNorm', 'weightNorm']);
    expect(c.configs.b.probes).toEqual(['gradNorm']);
  });

  test('should resolve declared tuning: validated at the first grid value, then resolved at the chosen one', () => {
    // Arrange: an lr tuned on a grid of two; the arm uses the tuned value
    const c = defineClaim({
      ...spec, base: RECIPE, regime: (t) => `tuned: ${t.lr.text}`,
      tune: [{ key: 'lr', name: 'lr', grid: [1e-3, 1e-2], set: (lr: number) => ({ optimizer: { lr } }) }],
      arms: (best) => ({ tuned: { optimizer: { lr: best.lr as number } } }),
      predictions: [oneSample({ name: 'p', arm: 'tuned', metric: metrics.tGrok, lessThan: 10 })],
    });
    expect(c.configs.tuned.optimizer.lr).toBe(1e-3);
    expect(c.pendingTuning).toHaveLength(1);
    // Act: the second value groks sooner on both tuning seeds
    const runs = tuningRuns(c.pendingTuning[0], c.base, {});
    const t = chooseTuning(c.pendingTuning[0], runs.map((r) => run([{}], r.config.optimizer.lr === 1e-2 ? 10 : 100)));
    const tested = resolveTuned(c, [t]);
    // Assert
    expect(runs.map((r) => r.seed)).toEqual([100, 101, 100, 101]);
    expect(t.best).toBe(1e-2);
    expect(tested.configs.tuned.optimizer.lr).toBe(1e-2);
    expect(tested.regime).toMatch(/^tuned: lr tuned on seeds 100, 101 over 0.001, 0.01/);
    expect(tested.pendingTuning).toEqual([]);
  });

  test('should tune a further regime on its own grid, keeping its name and source mark once tuned', () => {
    // Arrange: an untuned top-level regime and a source regime (full scale only) that tunes its lr
    const declared = {
      ...spec, base: RECIPE, arms: { tuned: {} }, predictions: [oneSample({ name: 'p', arm: 'tuned', metric: metrics.tGrok, lessThan: 10 })],
      regimes: [{
        name: 'big', source: true, fullScaleOnly: true, base: RECIPE.with({ steps: 40 }), regime: (t: Record<string, { text: string }>) => `big: ${t.lr.text}`,
        tune: [{ key: 'lr', name: 'lr', grid: [1e-3, 1e-2], set: (lr: number) => ({ optimizer: { lr } }) }],
        arms: (best: Record<string, unknown>) => ({ tuned: { optimizer: { lr: best.lr as number } } }),
      }],
    };
    expect(defineClaim(declared, 'ci').regimes).toEqual([]);
    const big = defineClaim(declared, 'full').regimes[0];
    expect(big.pendingTuning).toHaveLength(1);
    expect(big.configs.tuned.optimizer.lr).toBe(1e-3);
    // Act
    const runs = tuningRuns(big.pendingTuning[0], big.base, {});
    const tested = resolveTuned(big, [chooseTuning(big.pendingTuning[0], runs.map((r) => run([{}], r.config.optimizer.lr === 1e-2 ? 10 : 100)))]);
    // Assert
    expect(runs.every((r) => r.config.steps === 40)).toBe(true);
    expect(tested.configs.tuned.optimizer.lr).toBe(1e-2);
    expect(tested.regime).toMatch(/^big: lr tuned on seeds 100, 101/);
    expect([tested.regimeName, tested.isSource]).toEqual(['big', true]);
  });

  test('should test a regime on fresh seeds firstSeed.., and refuse test seeds that overlap the tuning seeds', () => {
    const tune = [{ key: 'lr', name: 'lr', grid: [1e-3, 1e-2], set: (lr: number) => ({ optimizer: { lr } }) }];
    const declared = {
      ...spec, base: RECIPE, predictions: [oneSample({ name: 'p', metric: metrics.tGrok, lessThan: 10 })],
      regimes: [{ name: 'fresh', base: RECIPE, regime: () => 'r', tune, arms: () => ({ main: {} }), firstSeed: 8 }],
    };
    const c = defineClaim(declared, 'ci');
    expect([c.firstSeed, c.regimes[0].firstSeed]).toEqual([0, 8]);
    const ids = runIdsOf({ regimes: [{ claim: c.regimes[0] }] } as never);
    expect(ids).toEqual(Array.from({ length: 8 }, (_, i) => createHash('sha256').update(canonicalJson({ config: c.regimes[0].configs.main, seed: 8 + i })).digest('hex').slice(0, 16)));
    expect(() => defineClaim({ ...declared, regimes: [{ ...declared.regimes[0], firstSeed: 96 }] }, 'ci'))
      .toThrow(/X1 regime 'fresh': tune 'lr' seeds.*must be disjoint from the test seeds 96\.\.103/);
  });

  test('should name the regime when its arms read tuned values it does not tune', () => {
    const regimes = [{ name: 'big', base: RECIPE, regime: 'r', arms: () => ({ main: {} }) }];
    expect(() => defineClaim({ ...spec, base: RECIPE, predictions: [oneSample({ name: 'p', metric: metrics.tGrok, lessThan: 10 })], regimes }))
      .toThrow(/X1 regime 'big': arms/);
  });
});

describe('measure: a metric value is a number the run recorded', () => {
  test('should name the claim, metric, arm and seed when a key was never recorded (a misspelt probe key)', () => {
    const m = metrics.final('gradnorm');
    expect(() => measure('X1', m, run([{ gradNorm: 1 }]), 'a', 3)).toThrow(/X1: metric 'final gradnorm', arm 'a', seed 3: reads 'gradnorm', which the run did not record/);
  });

  test('should reject a value that is not a number, and keep NaN and ∞ (undefined, censored)', () => {
    const bad = metrics.custom('bad', () => undefined as unknown as number);
    expect(() => measure('X1', bad, run([{}]), 'a', 0)).toThrow(/gave undefined/);
    expect(measure('X1', metrics.tGrok, run([{}]), 'a', 0)).toBe(Infinity);
    expect(Number.isNaN(measure('X1', metrics.custom('nan', () => NaN), run([{}]), 'a', 0))).toBe(true);
  });

  test('should make verdictOf throw rather than test a silently missing value', () => {
    const c = defineClaim({ ...spec, base: RECIPE, predictions: [oneSample({ name: 'p', metric: metrics.custom('x', (t) => t.evals[0]['typo:W1']), lessThan: 1 })] });
    expect(() => verdictOf(c, { [MAIN_ARM]: [run([{}]), run([{}])] })).toThrow(/reads 'typo:W1'/);
  });
});

describe('preconditions', () => {
  test('should make a verdict inconclusive when a tuned value lies on the edge of its grid, whatever the tests say', () => {
    // Arrange: a claim whose test clearly passes (t_grok 5 < 10 in every seed), tuned once inside and once at the edge
    const c = defineClaim({
      ...spec, base: RECIPE,
      tune: [{ key: 'lr', name: 'lr', grid: [1e-3, 3e-3, 1e-2], set: (lr: number) => ({ optimizer: { lr } }) }],
      arms: (best) => ({ [MAIN_ARM]: { optimizer: { lr: best.lr as number } } }),
      predictions: [oneSample({ name: 'p', metric: metrics.tGrok, lessThan: 10 })],
    });
    const tuned = (fastest: number) => chooseTuning(c.pendingTuning[0], tuningRuns(c.pendingTuning[0], c.base, {}).map((r) => run([{}], r.config.optimizer.lr === fastest ? 10 : 100)));
    const runs = { [MAIN_ARM]: Array.from({ length: 8 }, () => run([{}], 5)) };
    // Act
    const interior = verdictOf(resolveTuned(c, [tuned(3e-3)]), runs), edge = verdictOf(resolveTuned(c, [tuned(1e-2)]), runs);
    // Assert
    expect(interior.status).toBe('supported');
    expect(edge.status).toBe('inconclusive');
    expect(edge.unmet).toEqual(['lr: the tuned value 0.01 is at the edge of its grid (0.001, 0.003, 0.01), so the optimum may lie outside it']);
    expect(edge.evidence[0].status).toBe('supported'); // the test itself is kept and shown
  });

  test('should estimate the seeds a decision needs only for a verdict that stays inconclusive', () => {
    // Arrange: two predictions on the same runs, one undecided (t_grok 5–14 around 10), one clearly refuted (t_grok ≥ 5 > 1); no control
    const undecided = oneSample({ name: 'undecided', metric: metrics.tGrok, lessThan: 10 });
    const runs = { [MAIN_ARM]: Array.from({ length: 8 }, (_, i) => run([{}], 5 + (i * 9) / 7)) };
    const only = defineClaim({ ...spec, base: RECIPE, predictions: [undecided] });
    const withRefuted = defineClaim({ ...spec, base: RECIPE, predictions: [undecided, oneSample({ name: 'refuted', metric: metrics.tGrok, lessThan: 1 })] });
    // Act
    const open = verdictOf(only, runs), noControl = verdictOf(withRefuted, runs);
    // Assert: alone it is inconclusive and estimated; beside a refutation without a control nothing reads the estimate
    expect(open.status === 'inconclusive' && open.evidence[0].seedsNeeded !== undefined).toBe(true);
    expect(noControl.status).toBe('inconclusive');
    expect(noControl.unmet).toContain(NO_CONTROL);
    expect(noControl.evidence[0].status).toBe('inconclusive');
    expect(noControl.evidence[0].seedsNeeded).toBeUndefined();
  });
});
