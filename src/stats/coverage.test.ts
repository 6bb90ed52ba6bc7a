import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { type Rng, rng } from '../engine/rng.ts';
import { bimodal } from '../claims/predictions/bimodal.ts';
import { metrics } from '../claims/metrics.ts';
import { bootstrapCI } from './bootstrap.ts';
import { dipCI, twoBlockSample } from './dip.ts';
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

/*
 * The dip (the bimodal prediction, P3). Its p is the larger over two reference families of known dip (two-block
 * mixtures of width 0.1 and two point masses, twoBlockSample with ε = 0.1 and 0: dip min(w, 1 − w)·(1 − ε)/2 in
 * closed form), and its interval [L, 0.25] inverts that test (dipCI), so within the families the lower limit L is
 * exact up to the 0.005 grid and the simulation. Outside them it is an approximation, checked here on blocks of
 * width 0.5, an off-grid dip, point masses (ties) and unimodal data. Measured with these seeds (2000 references; the
 * normal case 400), the rate of L above the truth: 0.0 / 0.0 / 0.3 / 1.3 / 2.0 / 1.0% for (shape, n, dip) = (blocks,
 * 10, 0.135), (point masses, 10, 0.15), (blocks of width 0.5, 10, 0.08), (blocks, 10, 0.0725, off the grid),
 * (uniform, 10, 0), (normal, 30, 0); nominal ≤ 2.5%. The false-support rate at minDip 0.08: 0 / 1.0 / 0.7 / 0% on
 * uniform data and on the three shapes whose dip is exactly 0.08; with the block reference alone, point masses had
 * read 8.5% (an independent referee's simulation, 2026-11-24), which is why the point-mass family is in. The price is
 * power: a clear split (dip 0.225, n = 10) is supported in 22% of samples. The percentile bootstrap used before
 * 2026-11-24 could exclude its own estimate (P3: 0.0786 [0.0885, 0.152]) and for unimodal data put its lower limit
 * above 0.08 in 94% of samples at n = 10.
 */
describe("the dip's lower confidence bound (inverting the dip test), and the bimodal prediction's false support", () => {
  const draw = (n: number, dip: number, eps = 0.1) => (r: Rng) => twoBlockSample(dip, n, r, eps);
  test.each([
    ['blocks', 10, 0.135, draw(10, 0.135), 300, 2000],
    ['point masses', 10, 0.15, draw(10, 0.15, 0), 300, 2000],
    ['blocks of width 0.5', 10, 0.08, draw(10, 0.08, 0.5), 300, 2000],
    ['blocks, off the grid', 10, 0.0725, draw(10, 0.0725), 300, 2000],
    ['uniform', 10, 0, (r: Rng) => Array.from({ length: 10 }, () => r.next()), 300, 2000],
    ['normal', 30, 0, (r: Rng) => Array.from({ length: 30 }, () => r.normal()), 200, 400],
  ] as const)('should keep the lower limit at or below the population dip: %s, n = %i, dip %f', (name, n, truth, sample, draws, sims) => {
    const r = rng(7, `dipci:${name}:${n}`);
    let above = 0;
    for (let i = 0; i < draws; i++) if (dipCI(sample(r), { seed: 1, sims }).ci[0] > truth) above++;
    expect(above / draws).toBeLessThanOrEqual(0.025 + 2 * Math.sqrt((0.025 * 0.975) / draws));
  });

  prop.prop([fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 12 })], { numRuns: 200 })('should hold its estimate inside its interval, for any sample', (x) => {
    const { estimate, ci } = dipCI(x, { seed: 1, sims: 200 });
    expect(ci[0]).toBeLessThanOrEqual(estimate);
    expect(estimate).toBeLessThanOrEqual(ci[1]);
  });

  const supportRate = (draw: (r: ReturnType<typeof rng>) => number[], name: string, draws: number) => {
    const prediction = bimodal({ name: 'split', arm: 'a', metric: metrics.final('testAcc'), minDip: 0.08 }), r = rng(7, name);
    let supported = 0;
    for (let i = 0; i < draws; i++) {
      const res = prediction.test({ a: draw(r) }, { seed: 1, B: 100 }); // one seed: the references are simulated once
      if (res.p < 0.05 && res.effect.ci[0] > res.threshold) supported++;
    }
    return supported / draws;
  };
  const bar = (draws: number) => 0.05 + 2 * Math.sqrt((0.05 * 0.95) / draws);

  test('should support a mode split on uniform data (the dip test\'s least favourable unimodal null) at most at rate α, n = 10', () => {
    expect(supportRate((r) => Array.from({ length: 10 }, () => r.next()), 'dip:null:uniform', 200)).toBeLessThanOrEqual(bar(200));
  });

  test.each([['blocks', 0.1, 200], ['point masses (ties)', 0, 400], ['blocks of width 0.5', 0.5, 200]] as const)('should support a mode split at most at rate α when the population dip is exactly the smallest that matters (0.08): %s, n = 10', (name, eps, draws) => {
    expect(supportRate((r) => twoBlockSample(0.08, 10, r, eps), `dip:null:at-threshold:${name}`, draws)).toBeLessThanOrEqual(bar(draws));
  });

  test('should detect a clear split (dip 0.225, two equal blocks) at n = 10 in some samples (22% measured: the price of calibration under ties)', () => {
    expect(supportRate((r) => twoBlockSample(0.225, 10, r), 'dip:power', 100)).toBeGreaterThan(0.1);
  });
});
