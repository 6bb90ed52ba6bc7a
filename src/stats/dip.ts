import { rng } from '../engine/rng.ts';

type Pt = readonly [number, number];

/** Lower convex hull (greatest convex minorant) of points sorted by x, as the hull's vertices. */
function lowerHull(pts: readonly Pt[]): Pt[] {
  const h: Pt[] = [];
  for (const p of pts) {
    while (h.length >= 2) {
      const [a, b] = [h[h.length - 2], h[h.length - 1]];
      if ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) <= 0) h.pop(); else break;
    }
    h.push(p);
  }
  return h;
}

/** A piecewise-linear function through hull vertices, evaluated at x (inside their range). */
function at(h: readonly Pt[], x: number): number {
  let i = 1;
  while (i < h.length - 1 && h[i][0] < x) i++;
  if (h.length === 1) return h[0][1];
  const [a, b] = [h[i - 1], h[i]];
  return b[0] === a[0] ? Math.min(a[1], b[1]) : a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0]);
}

/**
 * Hartigan's dip statistic (Hartigan & Hartigan 1985, Ann. Statist. 13:70–84): the sup-distance from the
 * sample's empirical CDF F to the nearest unimodal CDF. A unimodal G is convex left of its mode and concave
 * right of it, and may jump at the mode. For a mode at the k-th distinct value v_k, a convex G within d of F
 * on the left exists iff F(v_j) − GCM(v_j) ≤ 2d for j < k, where GCM is the greatest convex minorant of the
 * left limits (v_j, F(v_j−)), j ≤ k; on the right, a concave G exists iff LCM(v_j) − F(v_j−) ≤ 2d for
 * j > k, LCM being the least concave majorant of (v_j, F(v_j)), j ≥ k. The dip is half the smallest such 2d
 * over the mode's position: 1/(2n) for any sample that looks unimodal, up to 1/4 for two far-apart halves.
 */
export function dip(sample: readonly number[]): number {
  const x = sample.filter(Number.isFinite).sort((a, b) => a - b), n = x.length;
  if (n === 0) return NaN;
  const v: number[] = [], c: number[] = []; // distinct values and cumulative counts
  for (const xi of x) { if (v.length && v[v.length - 1] === xi) c[c.length - 1]++; else { v.push(xi); c.push((c.at(-1) ?? 0) + 1); } }
  const F = (k: number) => c[k] / n, Fminus = (k: number) => (k > 0 ? c[k - 1] / n : 0);
  let best = Infinity;
  for (let m = 0; m < v.length; m++) {
    let worst = 0;
    const gcm = lowerHull(v.slice(0, m + 1).map((vk, k) => [vk, Fminus(k)] as Pt));
    for (let k = 0; k < m; k++) worst = Math.max(worst, F(k) - at(gcm, v[k]));
    // the least concave majorant of the right points is minus the lower hull of their reflection
    const lcm = lowerHull(v.slice(m).map((vk, i) => [vk, -F(m + i)] as Pt));
    for (let k = m + 1; k < v.length; k++) worst = Math.max(worst, -at(lcm, v[k]) - Fminus(k));
    best = Math.min(best, worst);
  }
  return Math.max(best / 2, 1 / (2 * n));
}

type Draw = (n: number, r: ReturnType<typeof rng>) => number[];
const references = new Map<string, Float64Array>();

/** `sims` dips of n draws from the seeded stream `stream` (which names n), sorted ascending (cached). */
function reference(stream: string, n: number, draw: Draw, sims: number, seed: number): Float64Array {
  const key = `${stream}:${sims}:${seed}`;
  let ref = references.get(key);
  if (!ref) {
    const r = rng(seed, stream);
    ref = Float64Array.from({ length: sims }, () => dip(draw(n, r))).sort();
    references.set(key, ref);
  }
  return ref;
}

/** How many entries of a sorted array are below v. */
function countBelow(sorted: Float64Array, v: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < v) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Both tails of a reference at the sample's dip d: P(reference ≥ d) and P(reference ≤ d), each with the +1 of a Monte Carlo p. */
function tails(ref: Float64Array, d: number): { upper: number; lower: number } {
  const m = ref.length;
  return { upper: (1 + m - countBelow(ref, d - 1e-12)) / (1 + m), lower: (1 + countBelow(ref, d + 1e-12)) / (1 + m) };
}

const uniformDraw: Draw = (n, r) => Array.from({ length: n }, () => r.next());
const uniformStream = (n: number) => `dip:${n}`;

/** p = P(reference dip ≥ the sample's dip) for the references of population dip δ (upperTail; δ = 0: the uniform). */
function referenceTest(sample: readonly number[], delta: number, opts: { sims?: number; seed?: number }): { dip: number; p: number } {
  const x = sample.filter(Number.isFinite), n = x.length, d = dip(x);
  if (n < 3) return { dip: d, p: 1 };
  return { dip: d, p: upperTail(n, d, delta, opts.sims ?? 2000, opts.seed ?? 1) };
}

/**
 * The dip test of unimodality: p = P(dip of n uniform draws ≥ the observed dip), the uniform being the
 * least favourable unimodal null (Hartigan & Hartigan 1985), estimated from `sims` seeded simulations
 * (cached per n). Small p: evidence of more than one mode.
 */
export function dipTest(sample: readonly number[], opts: { sims?: number; seed?: number } = {}): { dip: number; p: number } {
  return referenceTest(sample, 0, opts);
}

/**
 * Draws from a two-block mixture whose population dip is `d`: weight w on U(0, ε) and 1 − w on U(1, 1 + ε)
 * (ε = 0.1 by default; ε = 0 gives two point masses, tied values), whose nearest unimodal CDF is convex up to the
 * larger block, so its dip is min(w, 1 − w)·(1 − ε)/2 (a closed form; src/stats/coverage.test.ts checks intervals
 * against it). d ≤ (1 − ε)/4: 0.225 at ε = 0.1.
 */
export function twoBlockSample(d: number, n: number, r: { next(): number }, eps = 0.1): number[] {
  const w = (2 * d) / (1 - eps);
  if (!(d > 0 && w <= 0.5 && eps >= 0 && eps < 1)) throw new RangeError(`twoBlockSample: a dip of ${d} is outside (0, ${(1 - eps) / 4}] at ε = ${eps}`);
  return Array.from({ length: n }, () => (r.next() < w ? 0 : 1) + eps * r.next());
}

/**
 * The two reference families of known dip δ: two blocks of width 0.1, and two point masses (the ε → 0 limit, whose
 * sample dips are spread differently: tied values, such as runs that all reach accuracy 1). A test against δ takes
 * the larger p of the two, so that neither shape is favoured.
 */
const FAMILIES = [
  { stream: (d: number) => (n: number) => `dip-threshold:${n}:${d}`, draw: (d: number): Draw => (n, r) => twoBlockSample(d, n, r) },
  { stream: (d: number) => (n: number) => `dip-points:${n}:${d}`, draw: (d: number): Draw => (n, r) => twoBlockSample(d, n, r, 0) },
];

/** P(reference dip ≥ the sample's dip d) at population dip δ, the larger over the families (δ = 0: the uniform's). */
function upperTail(n: number, d: number, delta: number, sims: number, seed: number): number {
  if (delta === 0) return tails(reference(uniformStream(n), n, uniformDraw, sims, seed), d).upper;
  return Math.max(...FAMILIES.map((f) => tails(reference(f.stream(delta)(n), n, f.draw(delta), sims, seed), d).upper));
}

/**
 * The dip test against a smallest effect: p = P(dip of n draws ≥ the observed dip) for two-block mixtures whose
 * population dip is `minDip` (twoBlockSample, blocks of width 0.1 and point masses: the larger p), from `sims`
 * seeded simulations each (cached). Small p: the population's dip exceeds minDip, not merely 0. At small n the sample
 * dip is biased (its floor 1/(2n), and ties), so a bootstrap interval cannot enforce minDip; this reference can (and
 * dipCI inverts it). It is a calibrated reference, not a proven least favourable one: other shapes with the same dip
 * may spread their sample dips differently.
 */
export function dipThresholdTest(sample: readonly number[], minDip: number, opts: { sims?: number; seed?: number } = {}): { dip: number; p: number } {
  return referenceTest(sample, minDip, opts);
}

/** The population dips over which dipCI inverts the test: 0 (the uniform) and 0.005, 0.010, …, 0.225 (two-block mixtures). */
export const DIP_GRID: readonly number[] = Array.from({ length: 46 }, (_, k) => k / 200);

/**
 * A lower confidence bound for the population dip, by inverting dipThresholdTest over DIP_GRID: the interval is
 * [L, 0.25], L the smallest δ whose test does not reject at (1 − level)/2 (so the lower limit of a two-sided `level`
 * interval), 0.25 the largest dip of any distribution. One-sided because only the lower limit is calibrated: a small
 * sample dip (at its 1/(2n) floor, or from ties) fits unimodal shapes and small dips alike, so no δ can be rejected
 * from below, and the upper tail of a two-block reference says nothing about other shapes. The estimate is the
 * δ ≥ L in which the sample's dip is most central (the smaller of its two tails is largest, over the families; for
 * dip 0 the uniform, whose dips bound those of unimodal shapes from above, asymptotically: Hartigan & Hartigan 1985):
 * within the families and up to the grid, a median-unbiased estimate, unlike the sample dip itself, which is biased
 * upward at small n. A dip beyond every reference reads [0.225, 0.25].
 */
export function dipCI(sample: readonly number[], opts: { level?: number; sims?: number; seed?: number } = {}): { dip: number; estimate: number; ci: [number, number] } {
  const x = sample.filter(Number.isFinite), n = x.length, d = dip(x), level = opts.level ?? 0.95, sims = opts.sims ?? 2000, seed = opts.seed ?? 1;
  if (n < 3) return { dip: d, estimate: Math.min(d, 0.25), ci: [0, 0.25] };
  const kept = DIP_GRID.filter((delta) => upperTail(n, d, delta, sims, seed) > (1 - level) / 2);
  if (kept.length === 0) return { dip: d, estimate: 0.225, ci: [0.225, 0.25] };
  const centrality = (delta: number) => (delta === 0 ? upperTail(n, d, 0, sims, seed) : Math.max(...FAMILIES.map((f) => {
    const t = tails(reference(f.stream(delta)(n), n, f.draw(delta), sims, seed), d);
    return Math.min(t.upper, t.lower);
  })));
  const estimate = kept.reduce((b, delta) => (centrality(delta) > centrality(b) ? delta : b));
  return { dip: d, estimate, ci: [kept[0], 0.25] };
}
