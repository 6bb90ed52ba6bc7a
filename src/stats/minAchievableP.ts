import { check, isInt } from '../engine/errors.ts';
import { fisherExact } from './fisherExact.ts';

export type FlooredTest = 'mannWhitney' | 'wilcoxon' | 'sign' | 'fisher' | 'jonckheere' | 'dip';

export interface MinPOptions {
  /** 1: one-sided (the claims' tests); 2: two-sided. Default 1. */
  sides?: 1 | 2;
  /** Monte Carlo draws of a simulated p-value (jonckheere's permutations, the dip test's reference samples): p ≥ 1/(1 + draws). Defaults 4000 / 2000, as in src/claims/predictions. */
  draws?: number;
}

const logChoose = (n: number, k: number) => {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
};

/**
 * The smallest p-value a test can return at these sample sizes, whatever the data: rank and count tests
 * have a floor. 5 vs 5 Mann–Whitney cannot go below 1/C(10, 5) = 1/252 ≈ 0.004 one-sided; n signed-rank
 * (or sign-test) pairs cannot go below 2⁻ⁿ one-sided, so 5 pairs never reach two-sided 0.05 (0.0625);
 * Fisher's exact test is floored at its most extreme table; a simulated p at 1/(1 + draws).
 * Use: under Holm's step-down across m predictions every adjusted p is at least m × the smallest raw p,
 * so a protocol whose floor is ≥ α/m can never be decided in either direction; flag it before running.
 * `n`: the sample sizes (one for wilcoxon/sign/dip, two for mannWhitney/fisher, one per group for jonckheere).
 */
export function minAchievableP(test: FlooredTest, n: number | readonly number[], { sides = 1, draws }: MinPOptions = {}): number {
  const ns = typeof n === 'number' ? [n] : [...n];
  const need = { mannWhitney: 2, wilcoxon: 1, sign: 1, fisher: 2, dip: 1 } as Record<string, number>;
  check(ns.every((v) => isInt(v, 1)), `minAchievableP(${test}) n`, n, 'sample sizes must be positive integers');
  check(test === 'jonckheere' ? ns.length >= 2 : ns.length === need[test], `minAchievableP(${test}) n`, n,
    test === 'jonckheere' ? 'give one size per ordered group (at least two)' : `give ${need[test]} sample size(s)`);
  check(sides === 1 || sides === 2, 'minAchievableP sides', sides, 'must be 1 (one-sided) or 2 (two-sided)');
  const twice = (p: number) => Math.min(1, sides * p);
  switch (test) {
    // the most extreme arrangement is one of C(n₁+n₂, n₁) equally likely ones (no ties)
    case 'mannWhitney': return twice(Math.exp(-logChoose(ns[0] + ns[1], ns[0])));
    // all n signs (and so all ranks) on one side: 2⁻ⁿ
    case 'wilcoxon': case 'sign': return twice(2 ** -ns[0]);
    case 'fisher': {
      // enumerate every table the two arms can produce; the floor is a table's p, which fisherExact gives exactly
      let best = 1;
      for (let a = 0; a <= ns[0]; a++) {
        for (let c = 0; c <= ns[1]; c++) {
          const alts = sides === 2 ? ['two-sided'] as const : ['greater', 'less'] as const;
          for (const alt of alts) best = Math.min(best, fisherExact(a, ns[0] - a, c, ns[1] - c, alt).p);
        }
      }
      return best;
    }
    case 'jonckheere': {
      // exact floor: the one fully ordered arrangement among N!/∏nᵢ! group labellings; the permutation
      // p-value (1 + hits)/(1 + draws) adds its own floor
      let logCount = 0, total = 0;
      for (const g of ns) { total += g; logCount += logChoose(total, g); }
      return Math.max(twice(Math.exp(-logCount)), 1 / (1 + (draws ?? 4000)));
    }
    case 'dip': return 1 / (1 + (draws ?? 2000));
  }
}
