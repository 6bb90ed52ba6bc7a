import { describe, expect, test } from 'vitest';
import { rng } from '../engine/rng.ts';
import { decide } from './decision.ts';
import { compare, oneSample, proportion, trend } from './predictions/index.ts';
import { metrics } from './metrics.ts';
import { combine } from './verdict.ts';

describe('the decision rule (its cases: decision.test.ts)', () => {
  test('should combine predictions as a conjunction', () => {
    expect(combine(['supported', 'supported'])).toBe('supported');
    expect(combine(['supported', 'inconclusive'])).toBe('inconclusive');
    expect(combine(['supported', 'refuted', 'inconclusive'])).toBe('refuted');
  });
});

/** Fake trajectories carrying only t_grok, for the statistical machinery. */
const runWith = (tGrok: number | null) => ({ evals: [], tMem: 10, tGrok, diverged: null, stopReason: 'budget' as const, steps: 0, msPerStep: 0, wallMs: 0 });

describe('calibration on simulated null data (identical arms)', () => {
  // Each simulated comparison: 10 vs 10 seeds from the same log-normal t_grok distribution, censored at a
  // budget that ~20% of runs exceed. The machinery must declare "supported" at most at rate α.
  const sims = 400, alpha = 0.05, limit = alpha + 2.5 * Math.sqrt((alpha * (1 - alpha)) / sims);
  const r = rng(99, 'calibration');
  const draw = () => { const t = Math.exp(6 + 0.6 * r.normal()); return t > 800 ? null : t; };
  const rate = (make: () => { p: ReturnType<typeof compare>; values: Record<string, number[]> }) => {
    let supported = 0;
    for (let s = 0; s < sims; s++) {
      const { p, values } = make();
      const o = p.test(values, { seed: s, B: 200 });
      if (decide(o, o.p, o.pOpposite, alpha) === 'supported') supported++;
    }
    return supported / sims;
  };
  const sample = () => Array.from({ length: 10 }, () => metrics.tGrok.of(runWith(draw())));

  test('Mann–Whitney comparison with no margin (minEffect ratio 1)', () => {
    const p = compare({ name: 'faster', arms: ['a', 'b'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 1 });
    expect(rate(() => ({ p, values: { a: sample(), b: sample() } }))).toBeLessThanOrEqual(limit);
  });
  test('paired Wilcoxon comparison', () => {
    const p = compare({ name: 'faster', arms: ['a', 'b'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 1, paired: true });
    expect(rate(() => ({ p, values: { a: sample(), b: sample() } }))).toBeLessThanOrEqual(limit);
  });
  test('one-sample test at the true median', () => {
    const p = oneSample({ name: 'above', arm: 'a', metric: metrics.custom('x', (t) => t.tGrok!), greaterThan: Math.exp(6) });
    expect(rate(() => ({ p: p as never, values: { a: Array.from({ length: 10 }, () => Math.exp(6 + 0.6 * r.normal())) } }))).toBeLessThanOrEqual(limit);
  });
  test('trend across three identical arms', () => {
    const p = trend({ name: 'rises', arms: ['a', 'b', 'c'], doses: [1, 2, 3], dose: 'dose', metric: metrics.tGrok, direction: 'increasing' });
    let supported = 0;
    for (let s = 0; s < 150; s++) {
      // untied draws: the exact null (with censored ties the test permutes, which a 150-fold loop cannot afford)
      const untied = () => Array.from({ length: 10 }, () => Math.exp(6 + 0.6 * r.normal()));
      const o = p.test({ a: untied(), b: untied(), c: untied() }, { seed: s, B: 100 });
      if (decide(o, o.p, o.pOpposite, alpha) === 'supported') supported++;
    }
    expect(supported / 150).toBeLessThanOrEqual(alpha + 2.5 * Math.sqrt((alpha * (1 - alpha)) / 150));
  });
  test('exact unconditional comparison of rates', () => {
    const p = proportion({ name: 'groks more', arms: ['a', 'b'], event: 'grokked', happened: (t) => t.tGrok !== null, direction: 'greater', minDifference: 0 });
    const events = () => Array.from({ length: 10 }, () => (r.next() < 0.5 ? 1 : 0));
    expect(rate(() => ({ p: p as never, values: { a: events(), b: events() } }))).toBeLessThanOrEqual(limit);
  });
});

describe('predictions on clear effects', () => {
  test('should support a large, consistent speed-up and refute a claimed 2× that is really ~1.1×', () => {
    const base = [400, 420, 390, 450, 500, 380, 410, 430, 470, 440];
    const twice = compare({ name: '2× faster', arms: ['new', 'old'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 0.5 });
    const o1 = twice.test({ new: base.map((x) => x / 3), old: base }, { seed: 1, B: 500 });
    expect(decide(o1, o1.p, o1.pOpposite, 0.05)).toBe('supported');
    const o2 = twice.test({ new: base.map((x) => x / 1.1), old: base }, { seed: 1, B: 500 });
    expect(decide(o2, o2.p, o2.pOpposite, 0.05)).toBe('refuted');
  });
  test('should treat censored runs as ties above every observed time', () => {
    const p = compare({ name: 'slower', arms: ['a', 'b'], metric: metrics.tGrok, direction: 'greater', effect: 'ratio', minEffect: 1 });
    const o = p.test({ a: Array(8).fill(Infinity), b: [100, 120, 90, 110, 130, 95, 105, 115] }, { seed: 1, B: 300 });
    expect(o.n).toEqual({ a: 8, b: 8 });
    expect(o.p).toBeLessThan(0.001);
  });
  test('should test against the margin itself, not against no difference (non-inferiority)', () => {
    // Arrange: the new arm is 1 point below the old in every seed; the margin is 2 points
    const acc = metrics.final('testAcc');
    const old = [0.96, 0.95, 0.97, 0.96, 0.98, 0.95, 0.96, 0.97];
    const ni = compare({ name: 'no worse', arms: ['new', 'old'], metric: acc, direction: 'greater', effect: 'difference', minEffect: -0.02, paired: true });
    const values = { new: old.map((x) => x - 0.01), old };

    // Act
    const shifted = ni.test(values, { seed: 1, B: 300 });

    // Assert: every difference moved by the margin is +0.01 (all tied: p near the exact 2⁻⁸), though every seed is worse
    expect(shifted.p).toBeLessThan(0.005);
    expect(decide(shifted, shifted.p, shifted.pOpposite, 0.05)).toBe('supported');
  });
});

describe('trajectory metrics', () => {
  const traj = (values: number[], tGrok: number | null) => ({
    evals: values.map((v, i) => ({ step: 10 * i, trainLoss: 0, trainAcc: 1, testLoss: 0, testAcc: 0, gradNorm: v })),
    tMem: 10, tGrok, diverged: null, stopReason: 'budget' as const, steps: 10 * values.length, msPerStep: 0, wallMs: 0,
  });
  test('windowRatio: medians after / before the marker, hand-computed', () => {
    // steps 0..90; t_grok = 50; window 30: before = steps 20, 30, 40 → (8, 8, 8); after = 60, 70, 80 → (2, 2, 4)
    const t = traj([9, 9, 8, 8, 8, 5, 2, 2, 4, 1], 50);
    expect(metrics.windowRatio('gradNorm', 'tGrok', 30).of(t)).toBeCloseTo(2 / 8, 12);
    expect(Number.isNaN(metrics.windowRatio('gradNorm', 'tGrok', 30).of(traj([1, 2], null)))).toBe(true);
  });
  test('largestDropOffset: the midpoint of the steepest fall of the log, relative to the marker', () => {
    // falls over 1 eval: log(8/8)=0 … the largest is 5 → 2 between steps 50 and 60 (midpoint 55); t_grok 50 → 0.1
    const t = traj([9, 9, 8, 8, 8, 5, 2, 2, 2, 2], 50);
    expect(metrics.largestDropOffset('gradNorm', 'tGrok', 1).of(t)).toBeCloseTo(0.1, 12);
  });
});
