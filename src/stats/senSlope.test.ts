import { describe, expect, test } from 'vitest';
import { ConfigError } from '../engine/errors.ts';
import { jonckheere } from './jonckheere.ts';
import { senSlope } from './senSlope.ts';

describe('Sen slope with the Jonckheere–Terpstra test of a slope', () => {
  test.each([
    // SciPy 1.17: scipy.stats.theilslopes(y, x).slope (one value per dose: Sen's slope is Theil's)
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2.1, 3.9, 6.2, 7.8, 10.5, 11.9, 14.2, 15.8, 18.4, 19.7], 1.9833333333333332],
    [[0, 1, 2, 3, 4, 5, 6, 7], [1.0, 0.4, 2.9, 2.2, 5.1, 3.3, 6.8, 5.0], 0.8083333333333333],
  ])('should give SciPy theilslopes\' estimate with one value per dose (case %#)', (x, y, slope) => {
    expect(senSlope(y.map((v) => [v]), x).estimate).toBeCloseTo(slope, 12);
  });

  test('should give 1/90 for three ordered pairs (hand-computed: 6!/(2!2!2!) = 90 labellings, one fully ordered)', () => {
    const r = senSlope([[1, 2], [3, 4], [5, 6]], [0, 1, 2]);
    expect(r.J).toBe(12);
    expect(r.pUp).toBeCloseTo(1 / 90, 12);
    expect(r.method).toBe('exact');
  });

  test('should fall back to the permutation test with ties (censored runs) and agree with jonckheere()', () => {
    const g = [[1, 2, 3], [2, 4, Infinity], [5, Infinity, Infinity]];
    const r = senSlope(g, [0, 1, 2], 0, { permutations: 4000, seed: 2 });
    expect(r.method).toBe('permutation');
    expect(r.pUp).toBe(jonckheere(g, 'increasing', { permutations: 4000, seed: 2 }).p);
    expect(r.ci[1]).toBe(Infinity);
  });

  test('should throw a ConfigError for unordered doses or NaN', () => {
    expect(() => senSlope([[1], [2]], [2, 1])).toThrow(ConfigError);
    expect(() => senSlope([[1], [NaN]], [1, 2])).toThrow(/NaN/);
  });
});
