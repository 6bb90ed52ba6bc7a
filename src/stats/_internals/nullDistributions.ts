import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/**
 * Null distributions of the three counting statistics behind the distribution-free intervals: the
 * binomial count (order-statistic CIs of quantiles), Wilcoxon's signed-rank T⁺ (Hodges–Lehmann one-sample)
 * and Mann–Whitney's U (Hodges–Lehmann shift). Each is kept as probabilities, never as counts, so nothing
 * overflows at n > 53 where 2ⁿ stops being an exact double.
 */

/** P(B = k), k = 0..n, for B ~ Binomial(n, q), in log space (exact to rounding up to n in the thousands). */
export function binomialPmf(n: number, q: number): number[] {
  if (q <= 0 || q >= 1) return Array.from({ length: n + 1 }, (_, k) => (q <= 0 ? +(k === 0) : +(k === n)));
  const lf = [0];
  for (let i = 1; i <= n; i++) lf.push(lf[i - 1] + Math.log(i));
  return Array.from({ length: n + 1 }, (_, k) => Math.exp(lf[n] - lf[k] - lf[n - k] + k * Math.log(q) + (n - k) * Math.log1p(-q)));
}

const signedRankCache = new Map<number, number[]>();

/**
 * P(T⁺ = t), t = 0..n(n+1)/2, for the signed-rank sum of n untied, non-zero values under H₀ (each sign a
 * fair coin): adding rank i halves each path, p_i(t) = (p_{i−1}(t) + p_{i−1}(t − i)) / 2.
 */
export function signedRankPmf(n: number): number[] {
  let pmf = signedRankCache.get(n);
  if (pmf) return pmf;
  pmf = [1];
  for (let i = 1; i <= n; i++) {
    const next = new Array<number>(pmf.length + i).fill(0);
    for (let t = 0; t < pmf.length; t++) { next[t] += pmf[t] / 2; next[t + i] += pmf[t] / 2; }
    pmf = next;
  }
  signedRankCache.set(n, pmf);
  return pmf;
}

const mannWhitneyCache = new Map<string, number[]>();

/**
 * P(U = u), u = 0..n₁n₂, for Mann–Whitney's U of two untied samples under H₀, by the recurrence on the
 * largest value (it is an x with probability n₁/(n₁+n₂), and then adds n₂ to U):
 * P_{i,j}(u) = i/(i+j)·P_{i−1,j}(u − j) + j/(i+j)·P_{i,j−1}(u).
 */
export function mannWhitneyPmf(n1: number, n2: number): number[] {
  const key = `${n1},${n2}`;
  let pmf = mannWhitneyCache.get(key);
  if (pmf) return pmf;
  // row[j]: the pmf for i x's and j y's, for the current i
  let row: number[][] = Array.from({ length: n2 + 1 }, () => [1]);
  for (let i = 1; i <= n1; i++) {
    const cur: number[][] = [[1]];
    for (let j = 1; j <= n2; j++) {
      const p = new Array<number>(i * j + 1).fill(0), a = i / (i + j), b = j / (i + j);
      row[j].forEach((v, u) => { p[u + j] += a * v; });
      cur[j - 1].forEach((v, u) => { p[u] += b * v; });
      cur.push(p);
    }
    row = cur;
  }
  pmf = row[n2];
  mannWhitneyCache.set(key, pmf);
  return pmf;
}

/**
 * The largest k (0..⌊M/2⌋) with P(S ≤ k − 1) ≤ tail, for a statistic S on 0..M given its pmf: the k-th
 * smallest and k-th largest of the M ordered candidates then bound an interval whose two tails are each at
 * most `tail`. k = 0 means no pair of candidates reaches the level: the interval is the whole line.
 */
export function cutoffFromPmf(pmf: readonly number[], tail: number): number {
  let k = 0, below = 0; // below = P(S ≤ k − 1) for the next k
  const half = Math.floor((pmf.length - 1) / 2);
  // 1e-12 absorbs rounding in the summed probabilities, so an exact tail such as 9/256 is not lost
  while (k < half + 1 && below + pmf[k] <= tail * (1 + 1e-12)) { below += pmf[k]; k++; }
  return Math.min(k, half);
}

/** The same cutoff for a statistic on 0..M with mean M/2 and standard deviation sd, by the normal approximation with continuity correction. */
export function cutoffFromNormal(M: number, sd: number, tail: number): number {
  // P(S ≤ k − 1) ≈ Φ((k − 1 + ½ − M/2)/sd) ≤ tail  ⇔  k ≤ M/2 + ½ + sd·z_tail
  const z = normalQuantile(tail);
  return Math.max(0, Math.min(Math.floor(M / 2), Math.floor(M / 2 + 0.5 + sd * z)));
}

/** Φ⁻¹(p) by bisection on Φ (fast enough for a few calls per interval, and exact to 1e-12). */
export function normalQuantile(p: number): number {
  let lo = -40, hi = 40;
  for (let i = 0; i < 100; i++) { const m = (lo + hi) / 2; if (normalCdf(m, 0, 1) < p) lo = m; else hi = m; }
  return (lo + hi) / 2;
}

/** The achieved coverage 1 − 2·P(S ≤ k − 1) of the interval from cutoff k (1 for k = 0: the whole line). */
export const coverageFromPmf = (pmf: readonly number[], k: number): number =>
  k === 0 ? 1 : 1 - 2 * pmf.slice(0, k).reduce((a, b) => a + b, 0);

export const coverageFromNormal = (M: number, sd: number, k: number): number =>
  k === 0 ? 1 : 1 - 2 * normalCdf((k - 1 + 0.5 - M / 2) / sd, 0, 1);

/**
 * Estimate and CI from M ordered candidates (Walsh averages, pairwise differences or slopes) and cutoff k.
 * Censored values (±Infinity). A Walsh average or a difference with one infinite term is that infinity:
 * the run that never grokked is slower than any finite one, by more than any finite amount. Two infinities
 * of the same sign in a difference (+∞ − +∞: both arms censored), or of opposite signs in a Walsh average,
 * are undetermined: the data do not say on which side of any θ they fall. The interval then takes the
 * union over both resolutions (its lower end with all of them at −∞, its upper end with all at +∞), so it
 * covers whatever their true values are, and the estimate puts half of them at each end. Nothing is
 * dropped, so n and the critical values stay those of the design.
 */
export function intervalFromCandidates(vals: number[], undetermined: number, k: number): { estimate: number; ci: [number, number] } {
  const M = vals.length + undetermined;
  const low = [...Array<number>(undetermined).fill(-Infinity), ...vals].sort((a, b) => a - b);
  const high = [...vals, ...Array<number>(undetermined).fill(Infinity)].sort((a, b) => a - b);
  const h = Math.floor(undetermined / 2);
  const mid = [...Array<number>(h).fill(-Infinity), ...vals, ...Array<number>(h).fill(Infinity)].sort((a, b) => a - b);
  const m = mid.length >> 1;
  const estimate = mid.length % 2 ? mid[m] : mid[m - 1] === mid[m] ? mid[m] : mid[m - 1] / 2 + mid[m] / 2;
  return { estimate, ci: [k ? low[k - 1] : -Infinity, k ? high[M - k] : Infinity] };
}

/**
 * P(J = j) for the Jonckheere–Terpstra statistic of untied groups of these sizes under H₀: J is the sum over
 * k of the Mann–Whitney count of group k against the union of the groups before it, and these are
 * independent (the order within the earlier groups does not affect where group k's values fall among them),
 * so the pmf is the convolution of the Mann–Whitney pmfs (Jonckheere 1954).
 */
export function jonckheerePmf(sizes: readonly number[]): number[] {
  let pmf = [1], before = sizes[0];
  for (const n of sizes.slice(1)) {
    const u = mannWhitneyPmf(n, before), next = new Array<number>(pmf.length + u.length - 1).fill(0);
    pmf.forEach((a, i) => { if (a) u.forEach((b, j) => { next[i + j] += a * b; }); });
    pmf = next;
    before += n;
  }
  return pmf;
}
