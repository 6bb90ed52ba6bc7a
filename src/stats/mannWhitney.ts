import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { type Alternative, checkSample, midranks } from './_internals/ranks.ts';

export interface MannWhitneyResult {
  /** U of the first sample: #{(x, y): x > y} + ½#{x = y}. */
  U: number;
  p: number;
  method: 'exact' | 'normal';
  /** Rank-biserial correlation 2U/(n₁n₂) − 1, in [−1, 1]: the effect size. */
  rankBiserial: number;
}

/**
 * Mann–Whitney U test (Mann & Whitney 1947). `greater`: x tends to exceed y. Exact null distribution
 * (by the counting recurrence) when there are no ties and n₁·n₂ ≤ 2500; otherwise the normal
 * approximation with tie-corrected variance and a 0.5 continuity correction (scipy.stats.mannwhitneyu's
 * 'asymptotic' method). Censored values enter as ±Infinity and tie with each other.
 */
export function mannWhitney(x: readonly number[], y: readonly number[], alternative: Alternative = 'two-sided',
                            method: 'auto' | 'exact' | 'normal' = 'auto'): MannWhitneyResult {
  checkSample('mannWhitney x', x);
  checkSample('mannWhitney y', y);
  const n1 = x.length, n2 = y.length, n = n1 + n2;
  const { ranks, ties } = midranks([...x, ...y]);
  const R1 = ranks.slice(0, n1).reduce((a, b) => a + b, 0);
  const U = R1 - (n1 * (n1 + 1)) / 2;
  const rankBiserial = (2 * U) / (n1 * n2) - 1;
  const exact = method === 'exact' || (method === 'auto' && ties.length === 0 && n1 * n2 <= 2500);
  if (exact) {
    const pmf = exactPmf(n1, n2);
    const cdf = (u: number) => pmf.slice(0, Math.floor(u) + 1).reduce((a, b) => a + b, 0);
    const sf = (u: number) => 1 - cdf(Math.ceil(u) - 1);
    const p = alternative === 'greater' ? sf(U) : alternative === 'less' ? cdf(U) : Math.min(1, 2 * Math.min(sf(U), cdf(U)));
    return { U, p: clamp(p), method: 'exact', rankBiserial };
  }
  const mu = (n1 * n2) / 2;
  const tieTerm = ties.reduce((a, t) => a + t * t * t - t, 0);
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (sd === 0) return { U, p: 1, method: 'normal', rankBiserial };
  let p: number;
  if (alternative === 'greater') p = 1 - normalCdf((U - mu - 0.5) / sd, 0, 1);
  else if (alternative === 'less') p = normalCdf((U - mu + 0.5) / sd, 0, 1);
  else p = 2 * (1 - normalCdf((Math.abs(U - mu) - 0.5) / sd, 0, 1));
  return { U, p: clamp(p), method: 'normal', rankBiserial };
}

const clamp = (p: number) => Math.min(1, Math.max(0, p));

/** P(U = u) for u = 0..n₁n₂ under H₀, by f(i, j, u) = f(i−1, j, u−j) + f(i, j−1, u), normalized. */
function exactPmf(n1: number, n2: number): number[] {
  // prev[j][u]: arrangements of i x's and j y's with U = u
  let prev: number[][] = Array.from({ length: n2 + 1 }, () => [1]);
  for (let i = 1; i <= n1; i++) {
    const cur: number[][] = [];
    for (let j = 0; j <= n2; j++) {
      const len = i * j + 1, row = new Array<number>(len).fill(0);
      for (let u = 0; u < len; u++) {
        const a = u - j >= 0 && u - j < prev[j].length ? prev[j][u - j] : 0;
        const b = j > 0 && u < cur[j - 1].length ? cur[j - 1][u] : 0;
        row[u] = a + b;
      }
      cur.push(row);
    }
    prev = cur;
  }
  const counts = prev[n2], total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => c / total);
}
