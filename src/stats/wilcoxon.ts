import stdlibWilcoxon from '@stdlib/stats-wilcoxon';
import type { Alternative } from './_internals/ranks.ts';
import { checkSample } from './_internals/ranks.ts';

/**
 * Wilcoxon signed-rank test of the differences d (median 0 under H₀), from @stdlib/stats-wilcoxon: exact
 * for fewer than 50 values without ties, normal approximation with continuity correction otherwise;
 * zero differences dropped (Wilcox's method). `greater`: d tends to be positive.
 * Note its p-value floor: n paired values cannot go below 2⁻ⁿ one-sided (5 pairs: 0.031, two-sided 0.0625).
 */
export function wilcoxonSignedRank(d: readonly number[], alternative: Alternative = 'two-sided'): { statistic: number; p: number } {
  checkSample('wilcoxonSignedRank', d);
  if (d.every((v) => v === 0)) return { statistic: 0, p: 1 };
  const finite = d.map((v) => (v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v));
  const out = stdlibWilcoxon(finite, { alternative });
  return { statistic: out.statistic, p: out.pValue };
}
