import { describe, expect, test } from 'vitest';
import { rng } from '../engine/rng.ts';
import { ConfigError } from '../engine/errors.ts';
import { jonckheere } from '../stats/jonckheere.ts';
import { mannWhitney } from '../stats/mannWhitney.ts';
import { exactMedianCI } from '../stats/medianCI.ts';
import { signTest } from '../stats/signTest.ts';
import { wilcoxonSignedRank } from '../stats/wilcoxon.ts';
import { compareThreshold, oneSampleThreshold, proportionThreshold, trendThreshold } from './thresholdTests.ts';

describe('tests against the threshold itself', () => {
  test('oneSample: should be the sign test of log(x/threshold) both ways, with the exact median CI, dropping NaN', () => {
    // Arrange: 7 of 8 defined values above 10 → p = 9/256 (SciPy binomtest(7, 8, ½, 'greater'))
    const x = [12, 15, 30, 9, 11, 50, Infinity, 14, NaN];
    // Act
    const t = oneSampleThreshold(x, { threshold: 10, direction: 'greater', log: true });
    // Assert
    expect(t.p).toBeCloseTo(9 / 256, 12);
    expect(t.pAgainst).toBeCloseTo(signTest([1, 1, 1, 1, 1, 1, 1, -1], 'less').p, 12);
    expect(t.effect.ci).toEqual(exactMedianCI(x.slice(0, 8)).ci);
    expect(t.excluded).toBe(1);
  });

  test("oneSample 'centre': should be the Wilcoxon test of x − threshold with a Hodges–Lehmann CI moved back", () => {
    const x = [3.1, 4.7, 2.2, 5.9, 6.3, 4.0, 7.8, 5.1];
    const t = oneSampleThreshold(x, { threshold: 4, direction: 'less', location: 'centre' });
    expect(t.p).toBeCloseTo(wilcoxonSignedRank(x.map((v) => v - 4), 'less').p, 12);
    expect(t.pAgainst).toBeCloseTo(wilcoxonSignedRank(x.map((v) => v - 4), 'greater').p, 12);
    expect(t.effect.ci[0]).toBeLessThan(t.effect.estimate);
  });

  test('compare: should give the Mann–Whitney p of x moved to the threshold against y, and read it the other way for pAgainst', () => {
    // Arrange
    const a = [210, 340, 170, 460, 290, 520, 380, 250], b = [20, 31, 18, 44, 35, 27, 50, 22];
    // Act
    const t = compareThreshold(a, b, { threshold: 10, direction: 'greater', effect: 'ratio' });
    // Assert
    expect(t.p).toBeCloseTo(mannWhitney(a.map((v) => v / 10), b, 'greater').p, 12);
    expect(t.pAgainst).toBeCloseTo(mannWhitney(a.map((v) => v / 10), b, 'less').p, 12);
    expect(t.effect.estimate).toBeGreaterThan(8);
    expect(t.effect.estimate).toBeLessThan(12);
  });

  test('compare paired: should drop pairs undefined in either arm or censored in both, and count them excluded', () => {
    const a = [5, 6, Infinity, 8, NaN, 7, 9, 6.5], b = [3, 3.5, Infinity, 4, 2, 4.5, 5, 4];
    const t = compareThreshold(a, b, { threshold: 1, direction: 'greater', effect: 'difference', paired: true });
    expect(t.n).toEqual([6, 6]);
    expect(t.excluded).toBe(4);
    expect(t.p).toBeCloseTo(wilcoxonSignedRank([1, 1.5, 3, 1.5, 3, 1.5], 'greater').p, 12);
  });

  test('trend: should give 1/6 for three single values in order (hand-computed: 3! orderings, one increasing)', () => {
    const t = trendThreshold([[1], [3], [5]], [0, 1, 2], { threshold: 0, direction: 'greater' });
    expect(t.statistic).toBe(3);
    expect(t.p).toBeCloseTo(1 / 6, 12);
    expect(t.pAgainst).toBeCloseTo(1, 12);
    expect(t.effect.estimate).toBe(2); // slopes (3−1)/1, (5−1)/2, (5−3)/1
  });

  test('trend: should match the permutation Jonckheere–Terpstra test of the residuals, and cover the true slope', () => {
    // Arrange: slope 2 per dose unit plus noise, 4 doses × 6 seeds; threshold slope 1
    const r = rng(3, 'trend'), doses = [0, 1, 2, 3];
    const groups = doses.map((d) => Array.from({ length: 6 }, () => 2 * d + r.normal()));
    // Act
    const t = trendThreshold(groups, doses, { threshold: 1, direction: 'greater' });
    const perm = jonckheere(groups.map((g, i) => g.map((v) => v - doses[i])), 'increasing', { permutations: 40000, seed: 5 });
    // Assert: exact vs Monte Carlo (sd ≤ 0.0025)
    expect(Math.abs(t.p - perm.p)).toBeLessThan(0.006);
    expect(t.effect.ci[0]).toBeLessThan(2);
    expect(t.effect.ci[1]).toBeGreaterThan(2);
  });

  test('proportion: should give hand-computed suprema for 1 of 1 vs 0 of 1', () => {
    // region {(1, 0)}: P = p_a(1 − p_b), p_a = p_b + δ₀; δ₀ = 0 → max p(1 − p) = 1/4; δ₀ = ½ → max (p + ½)(1 − p) = 9/16 at p = ¼
    expect(proportionThreshold(1, 1, 0, 1, { threshold: 0, direction: 'greater' }).p).toBeCloseTo(0.25, 6);
    expect(proportionThreshold(1, 1, 0, 1, { threshold: 0.5, direction: 'greater' }).p).toBeCloseTo(0.5625, 6);
  });

  test('proportion: should reject 8/8 vs 0/8 against a difference of 0.5 and give a CI inside (0.5, 1]', () => {
    const t = proportionThreshold(8, 8, 0, 8, { threshold: 0.5, direction: 'greater' });
    expect(t.p).toBeLessThan(0.05);
    expect(t.pAgainst).toBe(1);
    expect(t.effect.ci[0]).toBeGreaterThan(0.5);
    expect(t.effect.ci[1]).toBe(1);
  });

  test.each([[0.55, 0.3], [0.75, 0.5]])('proportion: should keep both sizes ≤ α at δ = δ₀ = 0.25, 8 vs 8 (p_a = %f, p_b = %f)', (pa, pb) => {
    // measured (2000 draws): 0.030 / 0.039 at (0.55, 0.3); 0.024 / 0.029 at (0.75, 0.5); at the edges (0.25, 0) and (1, 0.75): ≤ 0.006
    const r = rng(29, 'prop'), sims = 1000;
    let up = 0, down = 0;
    for (let i = 0; i < sims; i++) {
      const ka = Array.from({ length: 8 }, () => r.next() < pa).filter(Boolean).length, kb = Array.from({ length: 8 }, () => r.next() < pb).filter(Boolean).length;
      const t = proportionThreshold(ka, 8, kb, 8, { threshold: 0.25, direction: 'greater', ci: false });
      if (t.p < 0.05) up++;
      if (t.pAgainst < 0.05) down++;
    }
    expect(up / sims).toBeLessThanOrEqual(0.05);
    expect(down / sims).toBeLessThanOrEqual(0.05);
  });

  test('should throw a ConfigError for non-positive values on a log scale and unordered doses', () => {
    expect(() => oneSampleThreshold([1, 0], { threshold: 1, direction: 'greater', log: true })).toThrow(ConfigError);
    expect(() => trendThreshold([[1], [2]], [1, 0], { threshold: 0, direction: 'greater' })).toThrow(/strictly increasing/);
  });
});
