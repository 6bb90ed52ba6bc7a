import type { Alternative } from './_internals/ranks.ts';

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/**
 * Fisher's exact test of a 2×2 table [[a, b], [c, d]] (rows: arms; columns: event, no event).
 * `greater`: the first row has the higher event odds. Two-sided sums the tables no more probable than
 * the observed one (relative tolerance 1e-7, as scipy.stats.fisher_exact).
 */
export function fisherExact(a: number, b: number, c: number, d: number, alternative: Alternative = 'two-sided'): { p: number; oddsRatio: number } {
  for (const [k, v] of Object.entries({ a, b, c, d })) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`fisherExact: ${k} = ${v} must be a non-negative integer count`);
  }
  const r1 = a + b, c1 = a + c, n = a + b + c + d;
  const lo = Math.max(0, r1 + c1 - n), hi = Math.min(r1, c1);
  const base = logFactorial(r1) + logFactorial(n - r1) + logFactorial(c1) + logFactorial(n - c1) - logFactorial(n);
  const prob = (x: number) => Math.exp(base - logFactorial(x) - logFactorial(r1 - x) - logFactorial(c1 - x) - logFactorial(n - r1 - c1 + x));
  let p = 0;
  if (alternative === 'greater') for (let x = a; x <= hi; x++) p += prob(x);
  else if (alternative === 'less') for (let x = lo; x <= a; x++) p += prob(x);
  else {
    const p0 = prob(a);
    for (let x = lo; x <= hi; x++) { const q = prob(x); if (q <= p0 * (1 + 1e-7)) p += q; }
  }
  const oddsRatio = b * c === 0 ? (a * d === 0 ? NaN : Infinity) : (a * d) / (b * c);
  return { p: Math.min(1, p), oddsRatio };
}
