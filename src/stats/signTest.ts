import { check } from '../engine/errors.ts';
import type { Alternative } from './_internals/ranks.ts';
import { binomialPmf } from './_internals/nullDistributions.ts';

/**
 * The sign test of "the median of d is 0" (Arbuthnot 1710; Hollander, Wolfe & Chicken §3.4): the number of
 * positive values among the non-zero ones is Binomial(n', ½) under H₀, whatever the distribution's shape,
 * so it stays exact for skewed data (where the signed-rank test tests the pseudo-median instead) and for
 * censored values (±Infinity are just signs). Zeros are dropped (ties at the hypothesized median), as in
 * scipy.stats.binomtest applied to the counts. `greater`: the median of d is above 0. Two-sided: twice the
 * smaller tail, capped at 1. Its inversion is the order-statistic CI of src/stats/medianCI.ts.
 */
export function signTest(d: readonly number[], alternative: Alternative = 'two-sided'): { statistic: number; n: number; p: number } {
  check(Array.isArray(d) && d.length > 0, 'signTest d', d, 'needs at least one value');
  check(!d.some(Number.isNaN), 'signTest d', d, 'NaN in the sample: censored values enter as ±Infinity, undefined ones must be dropped by the caller');
  const pos = d.filter((v) => v > 0).length, n = pos + d.filter((v) => v < 0).length;
  if (n === 0) return { statistic: 0, n, p: 1 };
  const pmf = binomialPmf(n, 0.5);
  const upper = pmf.slice(pos).reduce((a, b) => a + b, 0), lower = pmf.slice(0, pos + 1).reduce((a, b) => a + b, 0);
  const p = alternative === 'greater' ? upper : alternative === 'less' ? lower : 2 * Math.min(upper, lower);
  return { statistic: pos, n, p: Math.min(1, p) };
}
