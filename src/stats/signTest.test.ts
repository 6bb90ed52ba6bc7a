import { describe, expect, test } from 'vitest';
import { ConfigError } from '../engine/errors.ts';
import { signTest } from './signTest.ts';

describe('sign test', () => {
  // SciPy 1.17: scipy.stats.binomtest(k, n, 0.5, alternative).pvalue for (greater, less, two-sided)
  test.each([
    [7, 8, 0.03515625, 0.99609375, 0.0703125], [6, 8, 0.14453125, 0.96484375, 0.2890625],
    [9, 12, 0.072998046875, 0.980712890625, 0.14599609375], [1, 10, 0.9990234375, 0.0107421875, 0.021484375],
  ])('should match SciPy binomtest for %i positives of %i', (k, n, greater, less, two) => {
    // Arrange: k positive values, n − k negative ones, plus zeros that must be dropped
    const d = [...Array(k).fill(1.5), ...Array(n - k).fill(-2), 0, 0];
    // Act / Assert
    expect(signTest(d, 'greater').p).toBeCloseTo(greater, 12);
    expect(signTest(d, 'less').p).toBeCloseTo(less, 12);
    expect(signTest(d).p).toBeCloseTo(two, 12);
    expect(signTest(d).n).toBe(n);
  });

  test('should read censored ±∞ as signs and return p = 1 when every value is zero', () => {
    expect(signTest([Infinity, Infinity, Infinity, 1, 2, 3, 4, 5], 'greater').p).toBeCloseTo(1 / 256, 12);
    expect(signTest([0, 0, 0], 'greater').p).toBe(1);
    expect(() => signTest([1, NaN])).toThrow(ConfigError);
  });
});
