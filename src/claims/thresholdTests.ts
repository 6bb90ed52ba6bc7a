import { check } from '../engine/errors.ts';
import { hodgesLehmann, hodgesLehmannRatio, hodgesLehmannShift, pairedDifferences } from '../stats/hodgesLehmann.ts';
import { mannWhitney } from '../stats/mannWhitney.ts';
import { exactMedianCI } from '../stats/medianCI.ts';
import { senSlope } from '../stats/senSlope.ts';
import { signTest } from '../stats/signTest.ts';
import { wilcoxonSignedRank } from '../stats/wilcoxon.ts';

/*
 * Tests against the threshold itself, in both directions, for the symmetric decision rule (decision.ts).
 *
 * A prediction says "the effect θ lies beyond θ₀ on the claimed side" (θ > θ₀ for 'greater'). The current
 * predictions test H₀: θ = 0 ("no difference") for support when θ₀ ≠ 0, and take pOpposite from the same
 * test read the other way: that shows an effect in the reverse direction, not one short of the threshold.
 * Here both p-values come from ONE test of the data moved to the threshold (the non-inferiority
 * construction of compare.ts's `nonInferiority`), read each way:
 *   p        — H₀: θ ≤ θ₀ against θ > θ₀ (for 'greater'); p < α supports;
 *   pAgainst — H₀: θ ≥ θ₀ against θ < θ₀; p < α refutes ("the effect falls short of the threshold").
 * At θ = θ₀ each is a valid level-α test, so each error rate is ≤ α; the effect's CI is the inversion of
 * the same test (order statistics, Hodges–Lehmann, Sen slopes), so the CI and the p-values tell one story.
 *
 * How each prediction kind gets there:
 *   oneSample   sign test of x − θ₀ (log x − log θ₀ for log metrics) + exact order-statistic median CI
 *               (default: exact for any shape, skewed or censored); or, with location 'centre', Wilcoxon
 *               signed-rank + Hodges–Lehmann CI, which needs symmetry (it tests the pseudo-median).
 *   compare     Mann–Whitney of x − δ₀ (x/r₀ for ratios) vs y + Hodges–Lehmann shift/ratio CI; paired:
 *               Wilcoxon of dᵢ − δ₀ (log dᵢ − log r₀) + one-sample HL CI. Valid under a shift (scale) model.
 *   trend       threshold as a slope per unit dose β₀ (in log units for log metrics): Jonckheere–Terpstra
 *               on the residuals y − β₀·dose, exact (convolved Mann–Whitney pmfs) without ties, permutation
 *               with them; CI by inverting it over the between-group pairwise slopes (Sen 1968). τ itself
 *               has no distribution-free null away from 0, so a τ threshold cannot be tested both ways.
 *   proportion  difference of rates δ₀: an exact unconditional test (Chan 1998) of H₀: p_a − p_b = δ₀,
 *               maximizing the tail over the nuisance rate; proportionThreshold below.
 *   bimodal     no test can show unimodality (the dip's null distribution depends on the unknown shape
 *               and is least favourable at the uniform only for H₀: unimodal), so pAgainst = 1: a bimodal
 *               prediction can be supported or inconclusive, never refuted; the claim should declare
 *               the refuting half untestable, or refute through a different prediction.
 */

export type Direction = 'greater' | 'less';

/** Both one-sided tests of the data against the threshold, and the CI of the effect that inverts them. */
export interface ThresholdTest {
  test: string;
  statistic: number;
  /** H₀: the effect is at or short of the threshold; small p supports the claim. */
  p: number;
  /** H₀: the effect is at or beyond the threshold on the claimed side; small p refutes the claim. */
  pAgainst: number;
  effect: { estimate: number; ci: [number, number]; coverage: number };
  /** Values that entered the test, per sample (arm or group), and values dropped (undefined, NaN). */
  n: number[];
  excluded: number;
}

const opposite = (d: Direction): Direction => (d === 'greater' ? 'less' : 'greater');
const dropNaN = (xs: readonly number[]) => xs.filter((v) => !Number.isNaN(v));

function positive(name: string, xs: readonly number[]): void {
  check(xs.every((v) => v > 0), name, xs, 'must be positive (+Infinity allowed) for a log-scale or ratio threshold');
}

/**
 * "The metric lies beyond `threshold`": both one-sided tests of x against the threshold and the effect CI.
 * location 'median' (default): sign test + exact median CI, exact for any distribution; 'centre': Wilcoxon
 * signed-rank + Hodges–Lehmann, more power for symmetric data but, for skewed data, a test of the
 * pseudo-median (at a median exactly on the threshold it over-rejects: see decision.test.ts).
 */
export function oneSampleThreshold(values: readonly number[], o: {
  threshold: number; direction: Direction; log?: boolean; location?: 'median' | 'centre'; level?: number;
}): ThresholdTest {
  const x = dropNaN(values), level = o.level ?? 0.95, log = o.log ?? false;
  check(x.length > 0, 'oneSampleThreshold values', values, 'needs at least one defined value');
  if (log) { positive('oneSampleThreshold values', x); positive('oneSampleThreshold threshold', [o.threshold]); }
  const d = x.map((v) => (log ? Math.log(v) - Math.log(o.threshold) : v - o.threshold));
  if ((o.location ?? 'median') === 'median') {
    const s = signTest(d, o.direction), r = exactMedianCI(x, { level });
    return {
      test: `sign test of the median against ${o.threshold}${log ? ' (log scale)' : ''}, one-sided each way`,
      statistic: s.statistic, p: s.p, pAgainst: signTest(d, opposite(o.direction)).p,
      effect: { estimate: r.estimate, ci: r.ci, coverage: r.coverage }, n: [x.length], excluded: values.length - x.length,
    };
  }
  const w = wilcoxonSignedRank(d, o.direction), hl = hodgesLehmann(d, { level });
  const back = (v: number) => (log ? o.threshold * Math.exp(v) : o.threshold + v);
  return {
    test: `Wilcoxon signed-rank against ${o.threshold}${log ? ' (log scale)' : ''}, one-sided each way`,
    statistic: w.statistic, p: w.p, pAgainst: wilcoxonSignedRank(d, opposite(o.direction)).p,
    effect: { estimate: back(hl.estimate), ci: [back(hl.ci[0]), back(hl.ci[1])], coverage: hl.coverage },
    n: [x.length], excluded: values.length - x.length,
  };
}

/**
 * "Arm x exceeds (or falls below) arm y by at least `threshold`", as a difference (x − y) or a ratio (x / y):
 * both one-sided tests of x moved to the threshold against y (Mann–Whitney; with `paired`, Wilcoxon
 * signed-rank on the per-seed differences moved by it), and the Hodges–Lehmann effect with its CI.
 * Paired values align by index; a pair with either side undefined, or censored in both arms, is excluded.
 */
export function compareThreshold(xValues: readonly number[], yValues: readonly number[], o: {
  threshold: number; direction: Direction; effect: 'ratio' | 'difference'; paired?: boolean; level?: number;
}): ThresholdTest {
  const ratio = o.effect === 'ratio', level = o.level ?? 0.95;
  const label = `${ratio ? 'ratio' : 'difference'} ${o.threshold}`;
  if (o.paired) {
    const keep = xValues.map((v, i) => !Number.isNaN(v) && !Number.isNaN(yValues[i]));
    const x = xValues.filter((_, i) => keep[i]), y = yValues.filter((_, i) => keep[i]);
    if (ratio) { positive('compareThreshold x', x); positive('compareThreshold y', y); positive('compareThreshold threshold', [o.threshold]); }
    const d = ratio ? pairedDifferences(x.map(Math.log), y.map(Math.log)) : pairedDifferences(x, y);
    check(d.length > 0, 'compareThreshold pairs', `${xValues.length} vs ${yValues.length}`, 'needs at least one pair defined in both arms and not censored in both');
    const dt = d.map((v) => v - (ratio ? Math.log(o.threshold) : o.threshold));
    const w = wilcoxonSignedRank(dt, o.direction), hl = hodgesLehmann(d, { level });
    const back = (v: number) => (ratio ? Math.exp(v) : v);
    return {
      test: `Wilcoxon signed-rank on per-seed ${ratio ? 'log ratios' : 'differences'} against the ${label}, one-sided each way`,
      statistic: w.statistic, p: w.p, pAgainst: wilcoxonSignedRank(dt, opposite(o.direction)).p,
      effect: { estimate: back(hl.estimate), ci: [back(hl.ci[0]), back(hl.ci[1])], coverage: hl.coverage },
      n: [d.length, d.length], excluded: xValues.length + yValues.length - 2 * d.length,
    };
  }
  const x = dropNaN(xValues), y = dropNaN(yValues);
  check(x.length > 0 && y.length > 0, 'compareThreshold values', `${x.length} vs ${y.length} defined`, 'each arm needs at least one defined value');
  if (ratio) { positive('compareThreshold x', x); positive('compareThreshold y', y); positive('compareThreshold threshold', [o.threshold]); }
  // rank tests are invariant to monotone maps, so x/r₀ against y is the log-scale shift test
  const xs = x.map((v) => (ratio ? v / o.threshold : v - o.threshold));
  const mw = mannWhitney(xs, y, o.direction);
  const hl = ratio ? hodgesLehmannRatio(x, y, { level }) : hodgesLehmannShift(x, y, { level });
  return {
    test: `Mann–Whitney U of '${ratio ? 'x / threshold' : 'x − threshold'}' vs y against the ${label}, one-sided each way`,
    statistic: mw.U, p: mw.p, pAgainst: mannWhitney(xs, y, opposite(o.direction)).p,
    effect: { estimate: hl.estimate, ci: hl.ci, coverage: hl.coverage }, n: [x.length, y.length],
    excluded: xValues.length + yValues.length - x.length - y.length,
  };
}

/**
 * "The metric rises (falls) along the doses by at least `threshold` per unit dose": Jonckheere–Terpstra of
 * the residuals y − threshold·dose, one-sided each way (exact when untied, else 20000 permutations), with a
 * Sen-type slope (median of the between-group pairwise slopes) and the CI that inverts the same test.
 * Use log values (and log doses) for a power law. Valid under a linear shift model y = β·dose + ε.
 */
export function trendThreshold(groupValues: readonly (readonly number[])[], doses: readonly number[], o: {
  threshold: number; direction: Direction; level?: number; seed?: number;
  /** Permutations for tied data (default 20000; a power simulation that repeats the test passes fewer). */
  permutations?: number;
}): ThresholdTest {
  const groups = groupValues.map(dropNaN);
  const t = senSlope(groups, doses, o.threshold, { level: o.level ?? 0.95, seed: o.seed ?? 1, permutations: o.permutations });
  const [p, pAgainst] = o.direction === 'greater' ? [t.pUp, t.pDown] : [t.pDown, t.pUp];
  return {
    test: `Jonckheere–Terpstra of y − ${o.threshold}·dose (${t.method}), one-sided each way`,
    statistic: t.J, p, pAgainst, effect: { estimate: t.estimate, ci: t.ci, coverage: t.coverage },
    n: groups.map((g) => g.length), excluded: groupValues.reduce((s, g, i) => s + g.length - groups[i].length, 0),
  };
}

/**
 * "The event is more (less) frequent in arm a than in arm b by at least `threshold`" (a difference of rates
 * δ₀): an exact unconditional test (Barnard's construction, as in Chan 1998) of H₀: p_a − p_b = δ₀, the
 * tables ordered by their difference of observed rates, the tail probability maximized over the nuisance
 * rate p_b (a 200-point grid refined locally). The rejection region grows with p_a, so the supremum over the
 * composite H₀ (δ ≤ δ₀, or δ ≥ δ₀) lies on δ = δ₀. Exact, so valid at n = 8; Chan's score ordering would
 * have somewhat more power. The CI inverts the same test (bisection on δ₀), so it agrees with both p's.
 */
export function proportionThreshold(ka: number, na: number, kb: number, nb: number, o: {
  threshold: number; direction: Direction; level?: number;
  /** Compute the CI (two bisections, ~40 tail maximizations); false leaves it [NaN, NaN], for simulations. Default true. */
  ci?: boolean;
}): ThresholdTest {
  for (const [f, v, lo, hi] of [['ka', ka, 0, na], ['kb', kb, 0, nb], ['na', na, 1, Infinity], ['nb', nb, 1, Infinity]] as const) {
    check(Number.isInteger(v) && v >= lo && v <= hi, `proportionThreshold ${f}`, v, `must be an integer count in [${lo}, ${hi}]`);
  }
  check(o.threshold > -1 && o.threshold < 1, 'proportionThreshold threshold', o.threshold, 'a difference of rates in (−1, 1)');
  const D = ka / na - kb / nb, level = o.level ?? 0.95, tail = (1 - level) / 2;
  const pUp = (d0: number) => unconditionalTail(ka, na, kb, nb, d0, (a, b) => a / na - b / nb >= D - 1e-12);
  const pDown = (d0: number) => unconditionalTail(ka, na, kb, nb, d0, (a, b) => a / na - b / nb <= D + 1e-12);
  // lower end: the smallest δ₀ still compatible with the data, where the "greater" p rises above the tail
  const bisect = (f: (d: number) => boolean) => { let lo = -1, hi = 1; for (let i = 0; i < 20; i++) { const m = (lo + hi) / 2; if (f(m)) hi = m; else lo = m; } return (lo + hi) / 2; };
  const withCI = o.ci ?? true;
  const lower = !withCI ? NaN : pUp(-0.999999) > tail ? -1 : bisect((d) => pUp(d) > tail);
  const upper = !withCI ? NaN : pDown(0.999999) > tail ? 1 : bisect((d) => pDown(d) <= tail);
  const [p, pAgainst] = o.direction === 'greater' ? [pUp(o.threshold), pDown(o.threshold)] : [pDown(o.threshold), pUp(o.threshold)];
  return {
    test: `exact unconditional test of the difference of rates against ${o.threshold}, one-sided each way`,
    statistic: D, p, pAgainst, effect: { estimate: D, ci: [lower, upper], coverage: level }, n: [na, nb], excluded: 0,
  };
}

/** sup over p_b of P(region) for independent Binomial(na, p_b + δ₀) and Binomial(nb, p_b). */
function unconditionalTail(_ka: number, na: number, _kb: number, nb: number, d0: number, region: (a: number, b: number) => boolean): number {
  const lo = Math.max(0, -d0), hi = Math.min(1, 1 - d0);
  if (hi < lo) return 1;
  const cells: [number, number][] = [];
  for (let a = 0; a <= na; a++) for (let b = 0; b <= nb; b++) if (region(a, b)) cells.push([a, b]);
  const prob = (pb: number) => {
    const fa = binom(na, pb + d0), fb = binom(nb, pb);
    return cells.reduce((s, [a, b]) => s + fa[a] * fb[b], 0);
  };
  const G = 200;
  let best = 0, at = lo;
  for (let i = 0; i <= G; i++) { const pb = lo + ((hi - lo) * i) / G, v = prob(pb); if (v > best) { best = v; at = pb; } }
  const step = (hi - lo) / G;
  for (let i = -20; i <= 20; i++) { const pb = Math.min(hi, Math.max(lo, at + (step * i) / 20)); best = Math.max(best, prob(pb)); }
  return Math.min(1, best);
}

function binom(n: number, p: number): number[] {
  const q = Math.min(1, Math.max(0, p)), out = new Array<number>(n + 1).fill(0);
  if (q === 0 || q === 1) { out[q === 0 ? 0 : n] = 1; return out; }
  // P(k + 1) = P(k)·(n − k)/(k + 1)·q/(1 − q), from P(0) = (1 − q)ⁿ; fine for the n ≤ ~500 of a claim's arms
  out[0] = (1 - q) ** n;
  for (let k = 0; k < n; k++) out[k + 1] = (out[k] * (n - k) * q) / ((k + 1) * (1 - q));
  return out;
}
