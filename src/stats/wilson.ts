import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** Wilson score interval (Wilson 1927) for k successes in n trials: a success rate with a CI that behaves at 0 and n. */
export function wilson(k: number, n: number, level = 0.95): { rate: number; ci: [number, number] } {
  if (n === 0) return { rate: NaN, ci: [0, 1] };
  let lo = 0, hi = 10;
  for (let i = 0; i < 100; i++) { const m = (lo + hi) / 2; if (normalCdf(m, 0, 1) < 1 - (1 - level) / 2) lo = m; else hi = m; }
  const z = lo, p = k / n, z2 = z * z;
  const center = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { rate: p, ci: [Math.max(0, center - half), Math.min(1, center + half)] };
}
