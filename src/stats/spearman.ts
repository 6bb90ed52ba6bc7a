import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { sampleCorrelation } from 'simple-statistics';
import { type Alternative, checkSample, midranks } from './_internals/ranks.ts';

/**
 * Spearman's ρ (Pearson's r of mid-ranks) with the p-value of t = ρ√((n−2)/(1−ρ²)) on n−2 degrees of
 * freedom, as scipy.stats.spearmanr. `greater`: a positive association.
 */
export function spearman(x: readonly number[], y: readonly number[], alternative: Alternative = 'two-sided'): { rho: number; p: number } {
  checkSample('spearman x', x, 3);
  checkSample('spearman y', y, 3);
  if (x.length !== y.length) throw new Error(`spearman: x and y must have the same length (${x.length} vs ${y.length})`);
  const rx = midranks(x).ranks, ry = midranks(y).ranks;
  if (new Set(rx).size === 1 || new Set(ry).size === 1) return { rho: NaN, p: NaN };
  const rho = Math.max(-1, Math.min(1, sampleCorrelation(rx, ry)));
  const df = x.length - 2;
  const t = Math.abs(rho) === 1 ? Math.sign(rho) * Infinity : rho * Math.sqrt(df / (1 - rho * rho));
  const p = alternative === 'greater' ? 1 - tCdf(t, df) : alternative === 'less' ? tCdf(t, df) : 2 * (1 - tCdf(Math.abs(t), df));
  return { rho, p: Math.min(1, Math.max(0, p)) };
}
