import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../engine/errors.ts';
import { hodgesLehmann, hodgesLehmannRatio, hodgesLehmannShift } from './hodgesLehmann.ts';

/*
 * Reference intervals by an independent route: inverting SciPy 1.17's exact tests on a grid. θ is in the
 * CI iff the two-sided exact p-value of the shifted data exceeds 1 − level:
 *   walsh = sorted((x[i]+x[j])/2 for i ≤ j); grid = midpoints between distinct candidates (and beyond);
 *   accepted = [t for t in grid if stats.wilcoxon(x - t, method='exact').pvalue > 1 - level]
 *   (two-sample: stats.mannwhitneyu(x - t, y, method='exact')); the CI ends at the candidates bracketing them.
 * 'depression' is R's ?wilcox.test paired example (Hollander & Wolfe 1973, p. 29: x − y); 'chorioamnion'
 * its two-sample example (p. 69), whose shift R reports as 0.305.
 */
const depression = [0.952, -0.147, 1.022, 0.43, 0.62, 0.59, 0.49, -0.08, 0.01];
const n8 = [-1.2, 0.3, 0.8, 1.1, 1.9, 2.4, 3.7, 5.0];
const n12 = [2.1, -0.4, 3.3, 1.7, 0.9, 4.8, 2.6, -1.5, 3.9, 1.2, 0.5, 2.95];
const chorioX = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], chorioY = [1.15, 0.88, 0.90, 0.74, 1.21];
const a8 = [3.1, 4.7, 2.2, 5.9, 6.3, 4.0, 7.8, 5.1], b8 = [1.0, 2.5, 0.7, 3.3, 1.9, 4.4, 2.8, 0.2];

describe('Hodges–Lehmann one-sample / paired', () => {
  test.each([
    ['depression', depression, 0.95, 0.46, 0.01, 0.786], ['depression', depression, 0.9, 0.46, 0.175, 0.726],
    ['n8', n8, 0.95, 1.675, -0.05, 3.7], ['n8', n8, 0.9, 1.675, 0.35, 3.05],
    ['n12', n12, 0.95, 1.9, 0.65, 3.0], ['n12', n12, 0.9, 1.9, 0.85, 2.85],
  ] as const)('should match the inverted SciPy signed-rank test: %s at %f', (_name, x, level, est, lo, hi) => {
    // Act
    const r = hodgesLehmann(x, { level });
    // Assert
    expect(r.method).toBe('exact');
    expect(r.estimate).toBeCloseTo(est, 10);
    expect(r.ci[0]).toBeCloseTo(lo, 10);
    expect(r.ci[1]).toBeCloseTo(hi, 10);
    expect(r.coverage).toBeGreaterThanOrEqual(level);
  });

  test('should use the 4th Walsh average from each end at n = 8, 95% (hand-computed from the signed-rank table)', () => {
    // T⁺ for n = 8 has 256 equally likely sign patterns; #{T⁺ ≤ 3} = 1 + 1 + 1 + 2 = 5, #{T⁺ ≤ 4} = 7:
    // 5/256 = 0.0195 ≤ 0.025 < 7/256, so k = 4 and coverage 1 − 10/256 = 96.1%
    const r = hodgesLehmann([1, 2, 3, 4, 5, 6, 7, 8]); // Walsh averages 1, 1.5, 2, 2, 2.5, … ; the 4th is 2
    expect(r.ci[0]).toBe(2);
    expect(r.ci[1]).toBe(7);
    expect(r.coverage).toBeCloseTo(1 - 10 / 256, 12);
  });

  test('should agree with the normal approximation at large n (exact vs normal cut-off within one rank)', () => {
    const x = Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) * 3 + i / 20);
    const e = hodgesLehmann(x), a = hodgesLehmann(x, { exactUpTo: 10 });
    expect(a.method).toBe('normal');
    expect(a.estimate).toBe(e.estimate);
    expect(Math.abs(a.coverage - e.coverage)).toBeLessThan(0.003);
  });

  test('should treat +∞ as larger than anything and +∞ with −∞ as undetermined (the CI widens to cover both)', () => {
    const up = hodgesLehmann([1, 2, 3, 4, 5, 6, Infinity, Infinity]);
    expect(up.undetermined).toBe(0);
    expect(up.ci[1]).toBe(Infinity);
    expect(Number.isFinite(up.ci[0])).toBe(true);
    const both = hodgesLehmann([-Infinity, 1, 2, 3, 4, 5, 6, Infinity]);
    expect(both.undetermined).toBe(1);
    expect(both.ci[0]).toBeLessThanOrEqual(hodgesLehmann([-1e300, 1, 2, 3, 4, 5, 6, 1e300 * 1.5]).ci[0]);
  });

  prop.prop([fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.double({ min: -50, max: 50, noNaN: true })])(
    'should be shift-equivariant and contain its estimate', (x, c) => {
      const r = hodgesLehmann(x), s = hodgesLehmann(x.map((v) => v + c));
      expect(r.ci[0]).toBeLessThanOrEqual(r.estimate);
      expect(r.ci[1]).toBeGreaterThanOrEqual(r.estimate);
      expect(s.estimate).toBeCloseTo(r.estimate + c, 6);
      if (Number.isFinite(r.ci[0])) expect(s.ci[0]).toBeCloseTo(r.ci[0] + c, 6);
    });
});

describe('Hodges–Lehmann two-sample shift and ratio', () => {
  test.each([
    ['chorioamnion', chorioX, chorioY, 0.95, 0.305, -0.15, 0.76], ['chorioamnion', chorioX, chorioY, 0.9, 0.305, -0.08, 0.72],
    ['8 vs 8', a8, b8, 0.95, 2.85, 1.2, 4.5], ['8 vs 8', a8, b8, 0.9, 2.85, 1.2, 4.4],
  ] as const)('should match the inverted SciPy Mann–Whitney test: %s at %f', (_name, x, y, level, est, lo, hi) => {
    const r = hodgesLehmannShift(x, y, { level });
    expect(r.estimate).toBeCloseTo(est, 10);
    expect(r.ci[0]).toBeCloseTo(lo, 10);
    expect(r.ci[1]).toBeCloseTo(hi, 10);
  });

  test('should reach 95.01% at 8 vs 8: k = 14, since P(U ≤ 13) = 0.024942 (SciPy mannwhitneyu exact, less, U = 13)', () => {
    // SciPy: mannwhitneyu([1,2,3,4,5,6,14.5,17.5], [10,…,17], alternative='less', method='exact').pvalue = 0.02494172494172494
    expect(hodgesLehmannShift(a8, b8).coverage).toBeCloseTo(1 - 2 * 0.02494172494172494, 12);
  });

  test('should give the shift of the logs, exponentiated, as the ratio (x = 3·y exactly → 3, CI tight around 3)', () => {
    const y = [10, 20, 40, 80, 160, 320, 640, 1280], x = y.map((v) => 3 * v);
    const r = hodgesLehmannRatio(x, y, { paired: true });
    expect(r.estimate).toBeCloseTo(3, 12);
    expect(r.ci[0]).toBeCloseTo(3, 12);
    const u = hodgesLehmannRatio(x, y);
    expect(u.estimate).toBeCloseTo(3, 12);
    expect(u.ci[0]).toBeLessThan(3);
    expect(u.ci[1]).toBeGreaterThan(3);
  });

  test('should count +∞ − +∞ (both runs censored) as undetermined and keep +∞ − finite infinite', () => {
    const r = hodgesLehmannShift([1, 2, Infinity], [0, Infinity]);
    expect(r.undetermined).toBe(1);
    expect(r.ci).toEqual([-Infinity, Infinity]); // n = 3 vs 2: no pair of differences reaches 95%
  });

  test('should throw a ConfigError on non-positive values in the ratio form and on unequal paired lengths', () => {
    expect(() => hodgesLehmannRatio([1, 0], [1, 2])).toThrow(ConfigError);
    expect(() => hodgesLehmannRatio([1, 2, 3], [1, 2], { paired: true })).toThrow(/paired/);
  });

  prop.prop([fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 12 })])(
    'should be antisymmetric: swapping the samples negates the estimate and mirrors the CI', (x, y) => {
      const r = hodgesLehmannShift(x, y), s = hodgesLehmannShift(y, x);
      expect(s.estimate + r.estimate).toBeCloseTo(0, 9);
      expect(s.ci[0] + 0).toBe(-r.ci[1] + 0); // + 0 folds −0 into 0
      expect(s.ci[1] + 0).toBe(-r.ci[0] + 0);
    });
});
