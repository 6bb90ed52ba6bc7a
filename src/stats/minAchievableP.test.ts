import { describe, expect, test } from 'vitest';
import { ConfigError } from '../engine/errors.ts';
import { fisherExact } from './fisherExact.ts';
import { mannWhitney } from './mannWhitney.ts';
import { minAchievableP } from './minAchievableP.ts';
import { wilcoxonSignedRank } from './wilcoxon.ts';

describe('minAchievableP: the p-value floors of rank and count tests', () => {
  test('should give 1/252 (one-sided) and 2/252 (two-sided) for 5 vs 5 Mann–Whitney, as the test itself reaches', () => {
    // C(10, 5) = 252 equally likely arrangements; the fully separated one is the only one as extreme
    expect(minAchievableP('mannWhitney', [5, 5])).toBeCloseTo(1 / 252, 14);
    expect(minAchievableP('mannWhitney', [5, 5], { sides: 2 })).toBeCloseTo(2 / 252, 14);
    expect(mannWhitney([6, 7, 8, 9, 10], [1, 2, 3, 4, 5], 'greater').p).toBeCloseTo(minAchievableP('mannWhitney', [5, 5]), 12);
    expect(minAchievableP('mannWhitney', [8, 8])).toBeCloseTo(1 / 12870, 14);
  });

  test('should show that 5 Wilcoxon pairs cannot reach two-sided 0.05 (floor 0.0625), and 8 pairs reach 1/256', () => {
    expect(minAchievableP('wilcoxon', 5, { sides: 2 })).toBe(0.0625);
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5]).p).toBeCloseTo(0.0625, 12);
    expect(minAchievableP('wilcoxon', 8)).toBe(1 / 256);
    expect(minAchievableP('sign', 4)).toBe(1 / 16);
  });

  test("should find Fisher's floor at the most extreme table (8 vs 8: 1/12870 one-sided)", () => {
    expect(minAchievableP('fisher', [8, 8])).toBeCloseTo(1 / 12870, 14);
    expect(minAchievableP('fisher', [8, 8])).toBeCloseTo(fisherExact(8, 0, 0, 8, 'greater').p, 14);
    expect(minAchievableP('fisher', [3, 3], { sides: 2 })).toBeCloseTo(0.1, 12); // 2/C(6, 3)
  });

  test('should take the larger of the exact and the Monte Carlo floor for Jonckheere–Terpstra and the dip test', () => {
    // 3 groups of 2: 6!/(2!2!2!) = 90 labellings, one fully ordered → 1/90 > 1/4001
    expect(minAchievableP('jonckheere', [2, 2, 2])).toBeCloseTo(1 / 90, 12);
    expect(minAchievableP('jonckheere', [8, 8, 8, 8])).toBeCloseTo(1 / 4001, 12);
    expect(minAchievableP('dip', 8, { draws: 999 })).toBe(1 / 1000);
  });

  test('should flag a protocol Holm can never decide: 3 predictions at α = 0.05 on 4-pair Wilcoxon tests', () => {
    // the smallest Holm-adjusted p is at least m × the smallest raw p = 3/16 > 0.05
    expect(3 * minAchievableP('wilcoxon', 4)).toBeGreaterThan(0.05);
    expect(3 * minAchievableP('wilcoxon', 8)).toBeLessThan(0.05);
  });

  test('should throw a ConfigError naming the test for the wrong number of sizes', () => {
    expect(() => minAchievableP('mannWhitney', 5)).toThrow(ConfigError);
    expect(() => minAchievableP('wilcoxon', 2.5)).toThrow(/positive integers/);
  });
});
