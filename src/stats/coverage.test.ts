import { describe, expect, test } from 'vitest';
import { type Rng, rng } from '../engine/rng.ts';
import { hodgesLehmann, hodgesLehmannRatio, hodgesLehmannShift } from './hodgesLehmann.ts';
import { exactMedianCI, quantileCI } from './medianCI.ts';

/*
 * Coverage of the distribution-free 95% intervals at n = 8 (8 vs 8 for shifts), by seeded simulation:
 * the bar is ≥ 93%. Monte Carlo standard error at 4000 draws and 95% coverage: √(.95·.05/4000) ≈ 0.0034,
 * so 93% sits ~6 standard errors below the nominal level. Three shapes: normal, exponential (skewed), and
 * Cauchy (no mean, the heaviest tails one meets in practice). Exact values for continuous data: 99.22%
 * (median, n = 8), 96.09% (signed rank, n = 8, k = 4), 95.01% (Mann–Whitney 8 vs 8, k = 14). Measured with
 * these seeds (normal / exponential / Cauchy): median 99.25 / 99.15 / 99.15%; first quartile (n = 20)
 * 96.2 / 96.3 / 95.8%; one-sample HL 95.8 / 95.1 / 95.6%; paired HL 96.7 / 95.9 / 95.9%; shift HL 8 vs 8
 * 94.7 / 94.2 / 95.2%; ratio HL 8 vs 8 (lognormal / exponential / half-Cauchy) 94.8 / 95.2 / 94.8%;
 * median with ties and censoring 99.55%.
 */
const draws = 4000;
type Shape = { name: string; draw: (r: Rng) => number; median: number; pseudoMedian: number };
const shapes: Shape[] = [
  { name: 'normal', draw: (r) => r.normal(), median: 0, pseudoMedian: 0 },
  // Exp(1): median ln 2; pseudo-median = median of (X₁ + X₂)/2 = median of Gamma(2, 1) / 2 (SciPy: 0.8391734950)
  { name: 'exponential', draw: (r) => -Math.log(1 - r.next()), median: Math.LN2, pseudoMedian: 0.8391734950083306 },
  { name: 'Cauchy', draw: (r) => Math.tan(Math.PI * (r.next() - 0.5)), median: 0, pseudoMedian: 0 },
];
const sample = (r: Rng, s: Shape, n: number, f = (v: number) => v) => Array.from({ length: n }, () => f(s.draw(r)));

function coverage(seed: string, covers: (r: Rng) => boolean): number {
  const r = rng(7, seed);
  let hits = 0;
  for (let i = 0; i < draws; i++) if (covers(r)) hits++;
  return hits / draws;
}
const inside = (ci: [number, number], v: number) => ci[0] <= v && v <= ci[1];

describe('coverage of the distribution-free intervals at n = 8 (≥ 93%)', () => {
  test.each(shapes)('should cover the median with the exact order-statistic CI: $name', (s) => {
    // Act
    const c = coverage(`median:${s.name}`, (r) => inside(exactMedianCI(sample(r, s, 8)).ci, s.median));
    // Assert: exact 1 − 2/256 for any continuous shape
    expect(c).toBeGreaterThanOrEqual(0.93);
    expect(Math.abs(c - (1 - 2 / 256))).toBeLessThan(0.006);
  });

  test.each(shapes)('should cover the first quartile at n = 20 with its exact CI: $name', (s) => {
    const q1 = { normal: -0.6744897501960817, exponential: Math.log(4 / 3), Cauchy: -1 }[s.name]!;
    const c = coverage(`q1:${s.name}`, (r) => inside(quantileCI(sample(r, s, 20), 0.25).ci, q1));
    expect(c).toBeGreaterThanOrEqual(0.93);
  });

  test.each(shapes)('should cover the centre (pseudo-median for skewed data) with the one-sample Hodges–Lehmann CI: $name', (s) => {
    const c = coverage(`hl1:${s.name}`, (r) => inside(hodgesLehmann(sample(r, s, 8)).ci, s.pseudoMedian));
    expect(c).toBeGreaterThanOrEqual(0.93);
  });

  test.each(shapes)('should cover a paired shift of 1.5 with the paired Hodges–Lehmann CI: $name', (s) => {
    // per-seed differences of two draws of the same shape, shifted: symmetric about 1.5 whatever the shape
    const c = coverage(`hlp:${s.name}`, (r) => {
      const y = sample(r, s, 8), x = sample(r, s, 8, (v) => v + 1.5);
      return inside(hodgesLehmann(x.map((v, i) => v - y[i])).ci, 1.5);
    });
    expect(c).toBeGreaterThanOrEqual(0.93);
  });

  test.each(shapes)('should cover the shift at 8 vs 8 with the two-sample Hodges–Lehmann CI: $name', (s) => {
    const c = coverage(`hl2:${s.name}`, (r) => inside(hodgesLehmannShift(sample(r, s, 8, (v) => v + 2), sample(r, s, 8)).ci, 2));
    expect(c).toBeGreaterThanOrEqual(0.93);
  });

  // positive versions of the shapes for a scale family: lognormal, exponential, half-Cauchy
  const positive: Record<string, (v: number) => number> = { normal: Math.exp, exponential: (v) => v, Cauchy: Math.abs };
  test.each(shapes)('should cover a 10× ratio at 8 vs 8 with the Hodges–Lehmann ratio CI (lognormal / exponential / half-Cauchy): $name', (s) => {
    const f = positive[s.name];
    const c = coverage(`hlr:${s.name}`, (r) => inside(hodgesLehmannRatio(sample(r, s, 8, (v) => 10 * f(v)), sample(r, s, 8, f)).ci, 10));
    expect(c).toBeGreaterThanOrEqual(0.93);
  });

  test('should over-cover but still be valid with ties and censored runs (t_grok on a coarse eval grid, 2 of 8 censored at the budget)', () => {
    // t_grok read every 100 steps (ties), runs past 3000 steps censored to +∞; the true median is that of
    // the rounded-up lognormal, 100·⌈e^{7+0.5Z}/100⌉, i.e. 100·⌈e⁷/100⌉ = 1100
    const c = coverage('median:ties', (r) => {
      const x = Array.from({ length: 8 }, () => { const t = 100 * Math.ceil(Math.exp(7 + 0.5 * r.normal()) / 100); return t > 3000 ? Infinity : t; });
      return inside(exactMedianCI(x).ci, 1100);
    });
    expect(c).toBeGreaterThanOrEqual(0.99);
  });
});
