import { check } from '../engine/errors.ts';
import {
  coverageFromNormal, coverageFromPmf, cutoffFromNormal, cutoffFromPmf, intervalFromCandidates, mannWhitneyPmf, signedRankPmf,
} from './_internals/nullDistributions.ts';
import type { ExactInterval } from './medianCI.ts';

/** A Hodges–Lehmann estimate with its CI, the coverage the CI achieves, and how its critical value was found. */
export interface HLInterval extends Omit<ExactInterval, 'ranks'> {
  method: 'exact' | 'normal';
  /**
   * Candidates (Walsh averages or pairwise differences) that are ∞ − ∞. The censoring rule (documented at
   * intervalFromCandidates): a candidate with one infinite term is that infinity; an undetermined one is put
   * at −∞ for the lower end and at +∞ for the upper end, so the CI covers it either way.
   */
  undetermined: number;
}

export interface HLOptions {
  /** Two-sided confidence level. Default 0.95. */
  level?: number;
  /** Largest n (one-sample) or n₁·n₂ (two-sample) for the exact null distribution; beyond it, the normal approximation. Default 200 / 2500. */
  exactUpTo?: number;
}

function validate(name: string, x: readonly number[], level: number): void {
  check(Array.isArray(x) && x.length > 0, name, x, 'needs at least one value');
  check(!x.some(Number.isNaN), name, x, 'NaN in the sample: censored values enter as ±Infinity, undefined ones must be dropped by the caller');
  check(level > 0 && level < 1, 'hodgesLehmann level', level, 'must lie in (0, 1), e.g. 0.95');
}

/**
 * One-sample (or paired, on the differences) Hodges–Lehmann estimate (Hodges & Lehmann 1963): the median
 * of the n(n+1)/2 Walsh averages (xᵢ + xⱼ)/2, i ≤ j, with the CI that inverts Wilcoxon's signed-rank test
 * (Tukey 1949; Hollander, Wolfe & Chicken §3.3): [W₍ₖ₎, W₍M+1−ₖ₎] of the sorted Walsh averages, k the
 * largest with P(T⁺ ≤ k − 1) ≤ (1 − level)/2, T⁺ exact for n ≤ exactUpTo, else normal (continuity-corrected).
 * It estimates the centre of symmetry; for skewed data it is the pseudo-median, not the median (use
 * exactMedianCI there). R's wilcox.test(x, conf.int = TRUE) should agree on untied data where n reaches the
 * level (the tests check against inverted SciPy tests, not R; R returns the extremes, not ±∞, below that n).
 */
export function hodgesLehmann(x: readonly number[], { level = 0.95, exactUpTo = 200 }: HLOptions = {}): HLInterval {
  validate('hodgesLehmann x', x, level);
  const n = x.length, M = (n * (n + 1)) / 2, tail = (1 - level) / 2, vals: number[] = [];
  let undetermined = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const a = x[i], b = x[j];
      if (a === -b && !Number.isFinite(a)) undetermined++;
      else vals.push(a / 2 + b / 2); // halves first: no overflow near ±MAX_VALUE
    }
  }
  const exact = n <= exactUpTo, sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
  const pmf = exact ? signedRankPmf(n) : [];
  const k = exact ? cutoffFromPmf(pmf, tail) : cutoffFromNormal(M, sd, tail);
  const coverage = exact ? coverageFromPmf(pmf, k) : coverageFromNormal(M, sd, k);
  return { ...intervalFromCandidates(vals, undetermined, k), coverage, method: exact ? 'exact' : 'normal', undetermined };
}

/**
 * Two-sample Hodges–Lehmann shift (x minus y): the median of the n₁n₂ differences xᵢ − yⱼ, with the CI that
 * inverts the Mann–Whitney test (Moses 1965; Hollander, Wolfe & Chicken §4.3): [D₍ₖ₎, D₍N+1−ₖ₎], k the
 * largest with P(U ≤ k − 1) ≤ (1 − level)/2, U exact for n₁n₂ ≤ exactUpTo, else normal. Under a pure shift
 * model (y's distribution moved by δ gives x's) it covers δ with the stated coverage whatever the shape.
 */
export function hodgesLehmannShift(x: readonly number[], y: readonly number[], { level = 0.95, exactUpTo = 2500 }: HLOptions = {}): HLInterval {
  validate('hodgesLehmannShift x', x, level);
  validate('hodgesLehmannShift y', y, level);
  const n1 = x.length, n2 = y.length, N = n1 * n2, tail = (1 - level) / 2, vals: number[] = [];
  let undetermined = 0;
  for (const a of x) {
    for (const b of y) {
      if (a === b && !Number.isFinite(a)) undetermined++;
      else vals.push(a - b);
    }
  }
  const exact = N <= exactUpTo, sd = Math.sqrt((N * (n1 + n2 + 1)) / 12);
  const pmf = exact ? mannWhitneyPmf(n1, n2) : [];
  const k = exact ? cutoffFromPmf(pmf, tail) : cutoffFromNormal(N, sd, tail);
  const coverage = exact ? coverageFromPmf(pmf, k) : coverageFromNormal(N, sd, k);
  return { ...intervalFromCandidates(vals, undetermined, k), coverage, method: exact ? 'exact' : 'normal', undetermined };
}

/**
 * Hodges–Lehmann ratio for positive data (times, norms): the estimate and CI of the shift of log x against
 * log y (two-sample, or of the per-pair log ratios with `paired`), exponentiated back, so "x is r times y"
 * under a scale model. +Infinity (censored) is allowed; zero and negatives are not.
 */
export function hodgesLehmannRatio(x: readonly number[], y: readonly number[], { paired = false, ...o }: HLOptions & { paired?: boolean } = {}): HLInterval {
  for (const [name, s] of [['x', x], ['y', y]] as const) {
    check(s.every((v) => v > 0), `hodgesLehmannRatio ${name}`, s, 'must be positive (+Infinity allowed for censored values): the ratio form works on logarithms');
  }
  if (paired) check(x.length === y.length, 'hodgesLehmannRatio paired', `${x.length} vs ${y.length}`, 'paired samples must have the same length (drop undefined pairs first)');
  const lx = x.map(Math.log), ly = y.map(Math.log);
  const r = paired ? hodgesLehmann(logRatios(lx, ly), o) : hodgesLehmannShift(lx, ly, o);
  return { ...r, estimate: Math.exp(r.estimate), ci: [Math.exp(r.ci[0]), Math.exp(r.ci[1])] };
}

/**
 * Per-pair differences a − b for the paired forms; a pair censored in both arms (+∞ − +∞) carries no
 * information on the difference and is dropped here (the caller reports it as excluded).
 */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  const d: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const v = a[i] - b[i];
    if (!Number.isNaN(v)) d.push(v);
  }
  return d;
}
const logRatios = pairedDifferences;
