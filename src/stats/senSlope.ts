import { check } from '../engine/errors.ts';
import { coverageFromPmf, cutoffFromPmf, intervalFromCandidates, jonckheerePmf } from './_internals/nullDistributions.ts';
import { jonckheere } from './jonckheere.ts';

export interface SlopeTrend {
  /** Jonckheere–Terpstra J of the residuals y − β₀·dose (pairs (earlier, later) with the later one larger; ties ½). */
  J: number;
  /** P(J ≥ observed) and P(J ≤ observed) under H₀: slope = β₀: small pUp shows a slope above β₀. */
  pUp: number;
  pDown: number;
  method: 'exact' | 'permutation';
  /** Median of the between-group pairwise slopes (Sen 1968), its CI inverting the same test, the CI's exact coverage. */
  estimate: number;
  ci: [number, number];
  coverage: number;
}

/**
 * A dose–response slope with a distribution-free test and CI (Sen 1968; Hollander, Wolfe & Chicken §9.4
 * for the single-value-per-dose case, extended to groups): under y = β·dose + ε with iid ε, the residuals
 * y − β₀·dose are exchangeable across groups when β = β₀, so Jonckheere–Terpstra's J on them is an exact
 * test of β = β₀ — from its null pmf (convolved Mann–Whitney pmfs) when untied, by permutation otherwise.
 * J(β) = #{between-group pairwise slopes > β}, so the CI is [S₍ₖ₎, S₍M+1−ₖ₎] of the M sorted slopes, as for
 * Hodges–Lehmann. Infinite values follow intervalFromCandidates' rule (∞ − ∞ undetermined). Groups in dose order.
 */
export function senSlope(groups: readonly (readonly number[])[], doses: readonly number[], beta0 = 0,
                         { level = 0.95, permutations = 20000, seed = 1 }: { level?: number; permutations?: number; seed?: number } = {}): SlopeTrend {
  check(groups.length >= 2 && doses.length === groups.length, 'senSlope doses', doses, 'give one dose per group, at least two groups');
  check(doses.every((d, i) => i === 0 || d > doses[i - 1]), 'senSlope doses', doses, 'must be strictly increasing (order the groups by dose)');
  check(groups.every((g) => g.length > 0 && !g.some(Number.isNaN)), 'senSlope groups', groups.map((g) => g.length), 'every group needs a value and no NaN (drop undefined runs first)');
  const resid = groups.map((g, i) => g.map((v) => v - beta0 * doses[i])), flat = resid.flat();
  let J = 0, undetermined = 0;
  const slopes: number[] = [];
  for (let a = 0; a < groups.length; a++) {
    for (let b = a + 1; b < groups.length; b++) {
      for (let i = 0; i < groups[a].length; i++) {
        for (let j = 0; j < groups[b].length; j++) {
          const ra = resid[a][i], rb = resid[b][j];
          J += rb > ra ? 1 : rb === ra ? 0.5 : 0;
          const s = (groups[b][j] - groups[a][i]) / (doses[b] - doses[a]);
          if (Number.isNaN(s)) undetermined++; else slopes.push(s);
        }
      }
    }
  }
  const pmf = jonckheerePmf(groups.map((g) => g.length));
  const tied = new Set(flat).size < flat.length;
  const sum = (xs: number[]) => Math.min(1, xs.reduce((s, v) => s + v, 0));
  const pUp = tied ? jonckheere(resid, 'increasing', { permutations, seed }).p : sum(pmf.slice(Math.ceil(J)));
  const pDown = tied ? jonckheere(resid, 'decreasing', { permutations, seed }).p : sum(pmf.slice(0, Math.floor(J) + 1));
  const k = cutoffFromPmf(pmf, (1 - level) / 2);
  return { J, pUp, pDown, method: tied ? 'permutation' : 'exact', ...intervalFromCandidates(slopes, undetermined, k), coverage: coverageFromPmf(pmf, k) };
}
