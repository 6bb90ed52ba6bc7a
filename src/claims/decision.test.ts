import { describe, expect, test } from 'vitest';
import { type Rng, rng } from '../engine/rng.ts';
import { holm } from '../stats/holm.ts';
import { decide } from './decision.ts';
import type { Status, TestOutcome } from './evidence.ts';
import { type ThresholdTest, compareThreshold, oneSampleThreshold } from './thresholdTests.ts';
import { combine } from './verdict.ts';

const alpha = 0.05;
const outcome = (ci: [number, number], o: Partial<TestOutcome> = {}): TestOutcome => ({
  test: 't', statistic: 0, p: 1, pOpposite: 1, effect: { name: 'ratio', estimate: (ci[0] + ci[1]) / 2, ci },
  threshold: 10, direction: 'greater', n: { a: 8 }, excluded: 0, ...o,
});

describe('decide: the rule', () => {
  test('should support only with a significant test AND a CI wholly beyond the threshold', () => {
    expect(decide(outcome([12, 30]), 0.01, 1, alpha)).toBe('supported');
    expect(decide(outcome([9, 30]), 0.01, 1, alpha)).toBe('inconclusive');
    expect(decide(outcome([12, 30]), 0.06, 1, alpha)).toBe('inconclusive');
  });

  test('should refuse to refute on the CI alone, as the rule before issue 13 did', () => {
    // Arrange: the CI lies below the claimed 10× but the test against the threshold is not significant
    const o = outcome([4, 9]);
    // Act / Assert
    expect(decide(o, 1, 0.3, alpha)).toBe('inconclusive');
    expect(decide(o, 1, 0.01, alpha)).toBe('refuted');
  });

  test('should mirror for a claimed decrease, and stay inconclusive on a CI touching the threshold or NaN', () => {
    const less = { direction: 'less' as const, threshold: 0.5 };
    expect(decide(outcome([0.1, 0.4], less), 0.01, 1, alpha)).toBe('supported');
    expect(decide(outcome([0.6, 0.9], less), 1, 0.01, alpha)).toBe('refuted');
    expect(decide(outcome([0.5, 0.9], less), 1, 0.01, alpha)).toBe('inconclusive');
    expect(decide(outcome([NaN, NaN]), 0, 0, alpha)).toBe('inconclusive');
  });
});

/*
 * Error rates on simulated null data: the true effect exactly at the threshold, n = 8 per arm, 2000 claims
 * per case, three shapes on the log scale (normal, exponential = skewed, Student t₂ = heavy-tailed).
 * A false support or a false refutation is then any decision at all. Measured with these seeds: rates at
 * the null (support / refutation), and power at 1.5 log units beyond / short of the threshold (supported
 * when beyond / refuted when short):
 *                            normal                  exponential             t₂
 *   one-sample (sign+median) .005/.004  .57/.58      .005/.003  1.00/.40     .003/.003  .31/.31
 *   two-sample ratio 8 vs 8  .022/.028  .78/.79      .031/.029  .85/.85      .022/.024  .47/.46
 *   paired difference        .014/.019  .64/.67      .018/.019  .70/.72      .022/.020  .30/.30
 * Claim level, Holm over 3 predictions at the null: 0 supported, .033 refuted. Both rates sit below α
 * because the rule also asks the 95% CI (2.5% per end) to clear the threshold; with a 90% CI (level 0.9)
 * the rule's rates equal the tests' own (≈ .035–.045, measured separately) and the power rises (one-sample
 * normal .91, ratio .85), but a 90% median CI at n = 8 covers only 92.97%, under the issue's 93% bar.
 * Wilcoxon + Hodges–Lehmann ('centre') has more power for symmetric data (one-sample normal .93) but is
 * not valid at a skewed median: see the last test.
 */
const N = 2000;
type Shape = (r: Rng) => number;
const shapes: Record<string, Shape> = {
  normal: (r) => r.normal(),
  exponential: (r) => -Math.log(1 - r.next()) - Math.LN2, // median 0: the threshold is the median
  t2: (r) => r.normal() / Math.sqrt(-Math.log(1 - r.next())), // Student t, 2 df: Z / √(χ²₂/2)
};
const draw = (r: Rng, s: Shape, n: number, shift: number, scale: number) => Array.from({ length: n }, () => scale * Math.exp(s(r) + shift));
const asOutcome = (t: ThresholdTest, threshold: number): TestOutcome => ({
  test: t.test, statistic: t.statistic, p: t.p, pOpposite: t.pAgainst,
  effect: { name: 'effect', estimate: t.effect.estimate, ci: t.effect.ci }, threshold, direction: 'greater', n: {}, excluded: t.excluded,
});

/** The three prediction kinds under test, each with its true effect `shift` (log units) beyond the threshold. */
const cases: Record<string, (r: Rng, s: Shape, shift: number) => [ThresholdTest, number]> = {
  // "median t_grok/t_mem ≥ 10": values 10·e^{ε + shift}
  'one-sample': (r, s, shift) => [oneSampleThreshold(draw(r, s, 8, shift, 10), { threshold: 10, direction: 'greater', log: true }), 10],
  // "arm a is ≥ 10× arm b": a scale family
  'two-sample ratio': (r, s, shift) => [compareThreshold(draw(r, s, 8, shift, 1000), draw(r, s, 8, 0, 100), { threshold: 10, direction: 'greater', effect: 'ratio' }), 10],
  // "a exceeds b by ≥ 2, per seed": differences of log-scale draws
  'paired difference': (r, s, shift) => {
    const y = Array.from({ length: 8 }, () => s(r)), x = Array.from({ length: 8 }, () => s(r) + 2 + shift);
    return [compareThreshold(x, y, { threshold: 2, direction: 'greater', effect: 'difference', paired: true }), 2];
  },
};

function rates(name: string, shape: string, shift: number): Record<Exclude<Status, 'untestable'>, number> {
  const r = rng(13, `${name}:${shape}:${shift}`), count: Record<Status, number> = { supported: 0, refuted: 0, inconclusive: 0, untestable: 0 };
  for (let i = 0; i < N; i++) {
    const [t, threshold] = cases[name](r, shapes[shape], shift);
    count[decide(asOutcome(t, threshold), t.p, t.pAgainst, alpha)]++;
  }
  return { supported: count.supported / N, refuted: count.refuted / N, inconclusive: count.inconclusive / N };
}

const grid = Object.keys(cases).flatMap((c) => Object.keys(shapes).map((s) => [c, s] as const));

describe('decide: error rates at the threshold and power, n = 8 per arm', () => {
  test.each(grid)('should keep false support and false refutation ≤ α with the true effect on the threshold: %s, %s', (name, shape) => {
    const r = rates(name, shape, 0);
    expect(r.supported).toBeLessThanOrEqual(alpha);
    expect(r.refuted).toBeLessThanOrEqual(alpha);
  });

  test.each(grid)('should detect a clear effect (1.5 units) in both directions: %s, %s', (name, shape) => {
    // floors well under the measured power (table above), so the test guards against a collapse, not noise
    const floor = { 'one-sample': 0.25, 'two-sample ratio': 0.35, 'paired difference': 0.25 }[name]!;
    const up = rates(name, shape, 1.5), down = rates(name, shape, -1.5);
    expect(up.supported).toBeGreaterThanOrEqual(floor);
    expect(up.refuted).toBeLessThanOrEqual(alpha); // a wrong-direction decision is rarer than a null error
    expect(down.refuted).toBeGreaterThanOrEqual(floor);
    expect(down.supported).toBeLessThanOrEqual(alpha);
  });

  test('should keep claim-level error rates ≤ α with Holm over 3 predictions at the threshold', () => {
    // Arrange: each claim has one prediction of each kind, all three exactly on their thresholds
    const r = rng(17, 'holm'), count = { supported: 0, refuted: 0 };
    const kinds = [['one-sample', 'normal'], ['two-sample ratio', 'exponential'], ['paired difference', 't2']] as const;
    for (let i = 0; i < N; i++) {
      const ts = kinds.map(([k, s]) => cases[k](r, shapes[s], 0));
      // Act: Holm separately over the support p's and the refutation p's, as src/claims/verdict.ts does
      const adj = holm(ts.map(([t]) => t.p)), adjAgainst = holm(ts.map(([t]) => t.pAgainst));
      const status = combine(ts.map(([t, th], j) => decide(asOutcome(t, th), adj[j], adjAgainst[j], alpha)));
      if (status === 'supported' || status === 'refuted') count[status]++;
    }
    // Assert (measured: 0 supported, 0.0325 refuted, of 2000 claims)
    expect(count.supported / N).toBeLessThanOrEqual(alpha);
    expect(count.refuted / N).toBeLessThanOrEqual(alpha);
  });

  test('should keep the false refutation of a true-null prediction ≤ α when its siblings are rightly refuted (Holm)', () => {
    // Arrange: prediction 0 sits on its threshold; 1 and 2 fall clearly short (their refutations are correct)
    const r = rng(19, 'holm-mixed');
    let wrong = 0, rightly = 0;
    for (let i = 0; i < N; i++) {
      const ts = [cases['two-sample ratio'](r, shapes.normal, 0), cases['one-sample'](r, shapes.normal, -1.5), cases['two-sample ratio'](r, shapes.exponential, -1.5)];
      const adj = holm(ts.map(([t]) => t.p)), adjAgainst = holm(ts.map(([t]) => t.pAgainst));
      const s = ts.map(([t, th], j) => decide(asOutcome(t, th), adj[j], adjAgainst[j], alpha));
      if (s[0] === 'refuted') wrong++;
      if (s[1] === 'refuted') rightly++;
    }
    // Assert (measured: 0.023 false; 0.569 of the short one-sample predictions rightly refuted)
    expect(wrong / N).toBeLessThanOrEqual(alpha);
    expect(rightly / N).toBeGreaterThan(0.2);
  });

  test("should show why oneSample's default is the sign test: the signed-rank test over-rejects at a skewed median", () => {
    // Arrange: log-exponential values whose median is exactly the threshold; their pseudo-median lies above it
    const r = rng(23, 'skew');
    let signRejects = 0, wilcoxonRejects = 0;
    for (let i = 0; i < N; i++) {
      const x = draw(r, shapes.exponential, 8, 0, 10);
      if (oneSampleThreshold(x, { threshold: 10, direction: 'greater', log: true }).p < alpha) signRejects++;
      if (oneSampleThreshold(x, { threshold: 10, direction: 'greater', log: true, location: 'centre' }).p < alpha) wilcoxonRejects++;
    }
    // Assert (measured: sign 0.0315, signed rank 0.0625; Monte Carlo SE ≈ 0.005)
    expect(signRejects / N).toBeLessThanOrEqual(alpha);
    expect(wilcoxonRejects / N).toBeGreaterThan(alpha);
  });
});
