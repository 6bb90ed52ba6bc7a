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

const references = new Map<string, number[]>();

/** p = P(reference dip ≥ the sample's dip), the reference being `sims` dips of n draws from the seeded stream `stream(n)` (cached). */
function referenceTest(sample: readonly number[], stream: (n: number) => string, draw: (n: number, r: ReturnType<typeof rng>) => number[], opts: { sims?: number; seed?: number }): { dip: number; p: number } {
  const x = sample.filter(Number.isFinite), n = x.length, sims = opts.sims ?? 2000, seed = opts.seed ?? 1;
  const d = dip(x);
  if (n < 3) return { dip: d, p: 1 };
  const key = `${stream(n)}:${sims}:${seed}`;
  let ref = references.get(key);
  if (!ref) {
    const r = rng(seed, stream(n));
    ref = Array.from({ length: sims }, () => dip(draw(n, r)));
    references.set(key, ref);
  }
  return { dip: d, p: (1 + ref.filter((s) => s >= d - 1e-12).length) / (1 + sims) };
}

/**
 * The dip test of unimodality: p = P(dip of n uniform draws ≥ the observed dip), the uniform being the
 * least favourable unimodal null (Hartigan & Hartigan 1985), estimated from `sims` seeded simulations
 * (cached per n). Small p: evidence of more than one mode.
 */
export function dipTest(sample: readonly number[], opts: { sims?: number; seed?: number } = {}): { dip: number; p: number } {
  return referenceTest(sample, (n) => `dip:${n}`, (n, r) => Array.from({ length: n }, () => r.next()), opts);
}

/**
 * Draws from a two-block mixture whose population dip is `d` (≤ 0.225): weight w on U(0, ε) and 1 − w on
 * U(1, 1 + ε), ε = 0.1, whose nearest unimodal CDF is convex up to the larger block, so its dip is
 * min(w, 1 − w)·(1 − ε)/2 (a closed form; src/stats/coverage.test.ts checks intervals against it).
 */
export function twoBlockSample(d: number, n: number, r: { next(): number }): number[] {
  const eps = 0.1, w = (2 * d) / (1 - eps);
  if (!(d > 0 && w <= 0.5)) throw new RangeError(`twoBlockSample: a dip of ${d} is outside (0, 0.225]`);
  return Array.from({ length: n }, () => (r.next() < w ? 0 : 1) + eps * r.next());
}

/**
 * The dip test against a smallest effect: p = P(dip of n draws ≥ the observed dip) for the two-block mixture whose
 * population dip is `minDip` (twoBlockSample), from `sims` seeded simulations (cached). Small p: the population's
 * dip exceeds minDip, not merely 0. At small n the sample dip is biased (its floor 1/(2n), and ties), so a
 * bootstrap interval cannot enforce minDip; this reference can. It is a calibrated reference, not a proven least
 * favourable one: other shapes with the same dip may spread their sample dips differently.
 */
export function dipThresholdTest(sample: readonly number[], minDip: number, opts: { sims?: number; seed?: number } = {}): { dip: number; p: number } {
  return referenceTest(sample, (n) => `dip-threshold:${n}:${minDip}`, (n, r) => twoBlockSample(minDip, n, r), opts);
}
