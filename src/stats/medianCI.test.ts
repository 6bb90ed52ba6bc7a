import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../engine/errors.ts';
import { exactMedianCI, quantileCI } from './medianCI.ts';

// The first 20 values are those of the SciPy check below; x20 sorted: 0.3 0.9 1.1 1.8 2.2 2.5 2.9 3.0 3.3 3.7 4.1 4.8 5.0 5.5 6.1 6.6 7.0 7.7 8.4 9.7
const x20 = [4.1, 0.3, 2.2, 9.7, 5.5, 1.8, 3.3, 7.0, 6.1, 2.9, 8.4, 0.9, 4.8, 3.7, 5.0, 1.1, 6.6, 2.5, 7.7, 3.0];

describe('exact order-statistic CI of a median or quantile', () => {
  test('should give [x(1), x(8)] at 95% for n = 8, with coverage 1 − 2/256 (hand-computed)', () => {
    // Arrange: P(B ≤ 0) = 1/256 ≤ 0.025 but P(B ≤ 1) = 9/256 = 0.035 > 0.025, B ~ Binomial(8, ½)
    const x = [5, 1, 7, 3, 8, 2, 6, 4];
    // Act
    const r = exactMedianCI(x);
    // Assert
    expect(r.ci).toEqual([1, 8]);
    expect(r.ranks).toEqual([1, 8]);
    expect(r.coverage).toBeCloseTo(1 - 2 / 256, 12);
    expect(r.estimate).toBe(4.5);
  });

  test('should give [x(2), x(7)] at 90% for n = 8, with coverage 1 − 18/256 = 92.97%', () => {
    const r = exactMedianCI([5, 1, 7, 3, 8, 2, 6, 4], { level: 0.9 });
    expect(r.ci).toEqual([2, 7]);
    expect(r.coverage).toBeCloseTo(1 - 18 / 256, 12);
  });

  test('should be the whole line when no pair reaches the level (n = 5 at 95%: the extremes give only 93.75%)', () => {
    const r = exactMedianCI([3, 1, 4, 1.5, 9]);
    expect(r.ci).toEqual([-Infinity, Infinity]);
    expect(r.coverage).toBe(1);
  });

  // SciPy 1.17: scipy.stats.quantile_test(x[:n], q=…, p=q).confidence_interval(confidence_level=cl); nan there is ∓∞ here
  test.each([
    [20, 0.5, 0.95, 2.5, 6.1], [20, 0.5, 0.9, 2.5, 6.1], [20, 0.25, 0.95, 0.9, 3.7], [20, 0.25, 0.9, 0.9, 3.3],
    [20, 0.9, 0.95, 6.1, Infinity], [20, 0.9, 0.9, 6.6, Infinity], [8, 0.5, 0.95, 0.3, 9.7], [8, 0.5, 0.9, 1.8, 7.0],
    [8, 0.25, 0.95, -Infinity, 5.5], [8, 0.25, 0.9, -Infinity, 4.1], [8, 0.9, 0.95, 4.1, Infinity], [8, 0.9, 0.9, 5.5, Infinity],
  ])('should match SciPy quantile_test: n = %i, q = %f, level %f → [%f, %f]', (n, q, level, lo, hi) => {
    const r = quantileCI(x20.slice(0, n), q, { level });
    expect(r.ci).toEqual([lo, hi]);
    expect(r.coverage).toBeGreaterThanOrEqual(level);
  });

  test('should keep censored +∞ values: an endpoint on one is infinite, the other stays finite', () => {
    // 3 of 8 runs censored: x(1) = 10 is finite, x(8) = +∞
    const r = exactMedianCI([10, 40, Infinity, 20, Infinity, 30, 50, Infinity]);
    expect(r.ci).toEqual([10, Infinity]);
    expect(r.estimate).toBe(45); // sorted 10 20 30 40 50 ∞ ∞ ∞: the middle pair is 40, 50
  });

  test('should throw a ConfigError for NaN, an empty sample, or q outside (0, 1)', () => {
    expect(() => exactMedianCI([1, NaN])).toThrow(ConfigError);
    expect(() => exactMedianCI([])).toThrow(ConfigError);
    expect(() => quantileCI([1, 2], 1)).toThrow(/q = 1/);
  });

  prop.prop([fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 }), fc.double({ min: 0.5, max: 0.99, noNaN: true })])(
    'should contain the sample median, reach its level, and be equivariant under an increasing map (ties allowed)', (x, level) => {
      const r = exactMedianCI(x, { level });
      expect(r.ci[0]).toBeLessThanOrEqual(r.estimate);
      expect(r.ci[1]).toBeGreaterThanOrEqual(r.estimate);
      expect(r.coverage).toBeGreaterThanOrEqual(level - 1e-12);
      const f = (v: number) => v ** 3 + 2 * v, g = exactMedianCI(x.map(f), { level });
      expect(g.ci).toEqual(r.ci.map(f));
    });
});
