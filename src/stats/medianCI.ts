import { check } from '../engine/errors.ts';
import { binomialPmf, coverageFromPmf, cutoffFromPmf } from './_internals/nullDistributions.ts';
import { median } from './median.ts';

/** A distribution-free interval: the estimate, the interval, and the coverage it actually achieves (≥ the level asked). */
export interface ExactInterval {
  estimate: number;
  ci: [number, number];
  /** The coverage guaranteed for continuous data (ties only raise it); 1 for the whole line. */
  coverage: number;
  /** 1-based ranks of the order statistics used (0 and n + 1 stand for −∞ and +∞). */
  ranks: [number, number];
}

function sortedSample(name: string, x: readonly number[]): number[] {
  check(Array.isArray(x) && x.length > 0, name, x, 'needs at least one value');
  check(!x.some(Number.isNaN), name, x, 'NaN in the sample: censored values enter as ±Infinity, undefined ones must be dropped by the caller');
  return [...x].sort((a, b) => a - b);
}

/** The sample q-quantile by order statistics (type 7 between neighbours; the two neighbours' value when they are equal, so ±∞ stay defined). */
function sampleQuantile(s: readonly number[], q: number): number {
  const h = (s.length - 1) * q, lo = Math.floor(h), hi = Math.ceil(h);
  return s[lo] === s[hi] ? s[lo] : s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/**
 * Exact distribution-free CI for the q-quantile ξ_q of any distribution (Thompson 1936; Hollander, Wolfe &
 * Chicken, Nonparametric Statistical Methods, 3rd ed., §3.6): [x₍ₗ₎, x₍ᵤ₎] from the sorted sample, since
 * #{xᵢ ≤ ξ_q} ~ Binomial(n, q). Equal tails: l is the largest rank with P(B ≤ l − 1) ≤ (1 − level)/2 and u
 * the smallest with P(B ≥ u) ≤ (1 − level)/2, so the coverage P(l ≤ B ≤ u − 1) is at least the level; the
 * achieved coverage is returned. When no rank qualifies on a side (small n), that side is ±∞: at level 0.95
 * a median needs n ≥ 6, and at n = 8 the only 95% pair is the extremes, [x₍₁₎, x₍₈₎] with 99.2%, because
 * [x₍₂₎, x₍₇₎] reaches only 92.97%.
 * Valid with ties (the closed interval only gains coverage) and with censored values entered as ±Infinity,
 * which sort to the ends: an endpoint that lands on one is honestly infinite.
 */
export function quantileCI(x: readonly number[], q: number, { level = 0.95 }: { level?: number } = {}): ExactInterval {
  check(q > 0 && q < 1, 'quantileCI q', q, 'must lie in (0, 1), e.g. 0.5 for the median');
  check(level > 0 && level < 1, 'quantileCI level', level, 'must lie in (0, 1), e.g. 0.95');
  const s = sortedSample('quantileCI x', x), n = s.length, pmf = binomialPmf(n, q), tail = (1 - level) / 2;
  if (q === 0.5) {
    // symmetric: the same k from both ends (cutoffFromPmf also caps it at the middle)
    const k = cutoffFromPmf(pmf, tail);
    return { estimate: median(s), ci: [k ? s[k - 1] : -Infinity, k ? s[n - k] : Infinity], coverage: coverageFromPmf(pmf, k), ranks: [k, k ? n + 1 - k : n + 1] };
  }
  let l = 0, below = 0;
  while (l < n && below + pmf[l] <= tail * (1 + 1e-12)) { below += pmf[l]; l++; }
  let u = n + 1, above = 0;
  while (u > 1 && above + pmf[u - 1] <= tail * (1 + 1e-12)) { above += pmf[u - 1]; u--; }
  if (u <= l) { u = l + 1; } // only for absurdly low levels: keep the interval non-empty
  const coverage = 1 - below - above;
  return { estimate: sampleQuantile(s, q), ci: [l ? s[l - 1] : -Infinity, u <= n ? s[u - 1] : Infinity], coverage, ranks: [l, u] };
}

/** The exact order-statistic CI of the median (quantileCI at q = ½), with the house median (src/stats/median.ts) as the estimate. */
export const exactMedianCI = (x: readonly number[], o: { level?: number } = {}): ExactInterval => quantileCI(x, 0.5, o);
