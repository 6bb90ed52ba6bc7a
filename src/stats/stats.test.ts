import { fc, test as prop } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { rng } from '../engine/rng.ts';
import { bootstrapCI, dip, dipTest, fisherExact, holm, jonckheere, logisticStep, mannWhitney, median, relaxationFits, spearman, stretchedExponential, tost, wilcoxonSignedRank, wilson } from './index.ts';

/** SciPy's values: fixtures/make-stats-reference.py. */
const REF = JSON.parse(readFileSync(new URL('../../fixtures/stats-reference.json', import.meta.url), 'utf8'));
const inf = (xs: (number | string)[]) => xs.map((v) => (v === 'inf' ? Infinity : Number(v)));

describe('statistics against SciPy reference values', () => {
  test.each<[any, any, any]>(REF.mannWhitney.map((c: any) => [c.method, c.alternative, c]))('Mann–Whitney %s %s', (_m, _a, c: any) => {
    const r = mannWhitney(inf(c.x), inf(c.y), c.alternative, c.method);
    expect(r.U).toBeCloseTo(c.U, 9);
    expect(r.p).toBeCloseTo(c.p, 9);
  });
  test.each<[any, any, any]>(REF.wilcoxon.map((c: any) => [c.d.length, c.alternative, c]))('Wilcoxon signed-rank n=%i %s', (_n, _a, c: any) => {
    expect(wilcoxonSignedRank(c.d, c.alternative).p).toBeCloseTo(c.p, 9);
  });
  test.each<[any, any, any]>(REF.fisher.map((c: any) => [c.table.join(','), c.alternative, c]))("Fisher's exact [%s] %s", (_t, _a, c: any) => {
    const [a, b, cc, d] = c.table;
    expect(fisherExact(a, b, cc, d, c.alternative).p).toBeCloseTo(c.p, 9);
  });
  test.each<[any, any, any]>(REF.spearman.map((c: any) => [c.x.length, c.alternative, c]))('Spearman n=%i %s', (_n, _a, c: any) => {
    const r = spearman(c.x, c.y, c.alternative);
    expect(r.rho).toBeCloseTo(c.rho, 9);
    expect(r.p).toBeCloseTo(c.p, 9);
  });
  test.each<[any, any]>(REF.jonckheere.map((c: any, i: number) => [i, c]))('Jonckheere–Terpstra case %i against full enumeration', (_i, c: any) => {
    const r = jonckheere(c.groups, c.direction, { permutations: 40000, seed: 3 });
    expect(r.J).toBe(c.J);
    expect(Math.abs(r.p - c.p)).toBeLessThan(0.006); // Monte Carlo error sd ≈ √(p(1−p)/40000) ≤ 0.0025
  });
  test.each<[any, any, any]>(REF.wilson.map((c: any) => [c.k, c.n, c]))('Wilson interval %i/%i', (_k, _n, c: any) => {
    const r = wilson(c.k, c.n);
    expect(r.ci[0]).toBeCloseTo(c.ci[0], 6);
    expect(r.ci[1]).toBeCloseTo(c.ci[1], 6);
  });
  test('Holm adjustment, hand-computed: p = (0.01, 0.04, 0.03, 0.005) → (0.03, 0.06, 0.06, 0.02)', () => {
    // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 → max(0.06, 0.04) = 0.06
    holm([0.01, 0.04, 0.03, 0.005]).forEach((p, i) => expect(p).toBeCloseTo([0.03, 0.06, 0.06, 0.02][i], 12));
  });
  test('the p-value floors the guide warns of: 5 vs 5 Mann–Whitney ≥ 0.004, 5-pair Wilcoxon two-sided ≥ 0.0625', () => {
    expect(mannWhitney([6, 7, 8, 9, 10], [1, 2, 3, 4, 5], 'two-sided').p).toBeCloseTo(2 / 252, 10);
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5], 'two-sided').p).toBeCloseTo(0.0625, 10);
  });
});

const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 15 });

describe('statistics: properties', () => {
  prop.prop([sample, sample])('Mann–Whitney: p in [0, 1], U₁ + U₂ = n₁n₂, greater/less mirror each other', (x, y) => {
    const a = mannWhitney(x, y, 'greater'), b = mannWhitney(y, x, 'less');
    expect(a.p).toBeGreaterThanOrEqual(0);
    expect(a.p).toBeLessThanOrEqual(1);
    expect(a.U + mannWhitney(y, x).U).toBeCloseTo(x.length * y.length, 9);
    expect(a.p).toBeCloseTo(b.p, 9);
    expect(mannWhitney(x, y).p).toBeCloseTo(mannWhitney(y, x).p, 9);
  });
  const ints = fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 2, maxLength: 15 });
  prop.prop([ints, ints])('Mann–Whitney: invariant to a strictly increasing transform of both samples', (x, y) => {
    const f = (v: number) => Math.exp(v / 50) * 3 + 1;
    expect(mannWhitney(x.map(f), y.map(f), 'greater').p).toBeCloseTo(mannWhitney(x, y, 'greater').p, 9);
  });
  prop.prop([sample])('Wilcoxon: p in [0, 1]; negating the data swaps greater and less', (d) => {
    const g = wilcoxonSignedRank(d, 'greater').p, l = wilcoxonSignedRank(d.map((v) => -v), 'less').p;
    expect(g).toBeGreaterThanOrEqual(0);
    expect(g).toBeLessThanOrEqual(1);
    expect(g).toBeCloseTo(l, 9);
  });
  prop.prop([fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 4, maxLength: 20 })])('Spearman: invariant to monotone transforms, symmetric in x and y', (x) => {
    const y = x.map((v, i) => v * ((i % 3) - 1) + i);
    const r = spearman(x, y), s = spearman(y.map((v) => v * v * v), x.map((v) => 2 * v - 7));
    if (Number.isNaN(r.rho)) return;
    expect(s.rho).toBeCloseTo(r.rho, 9);
    expect(r.p).toBeGreaterThanOrEqual(0);
    expect(r.p).toBeLessThanOrEqual(1);
  });
  prop.prop([fc.nat(12), fc.nat(12), fc.nat(12), fc.nat(12)])("Fisher: p in [0, 1]; transposing the table doesn't change it", (a, b, c, d) => {
    const p = fisherExact(a, b, c, d).p;
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1 + 1e-12);
    expect(fisherExact(a, c, b, d).p).toBeCloseTo(p, 9);
  });
  prop.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 })])('Holm: adjusted ≥ raw, ≤ 1, order preserved', (ps) => {
    const adj = holm(ps);
    adj.forEach((q, i) => { expect(q).toBeGreaterThanOrEqual(ps[i] - 1e-15); expect(q).toBeLessThanOrEqual(1); });
    for (let i = 0; i < ps.length; i++) for (let j = 0; j < ps.length; j++) if (ps[i] < ps[j]) expect(adj[i]).toBeLessThanOrEqual(adj[j] + 1e-15);
  });

  test('bootstrap: reproducible with a seed, CI contains the estimate, handles censored +∞', () => {
    const x = [3, 5, 8, 9, 12, 15, 20, 22];
    const medianCI = (o?: { seed: number }) => bootstrapCI([x], ([s]) => median(s), o);
    expect(medianCI({ seed: 4 })).toEqual(medianCI({ seed: 4 }));
    const { estimate, ci } = medianCI();
    expect(estimate).toBe(10.5);
    expect(ci[0]).toBeLessThanOrEqual(estimate);
    expect(ci[1]).toBeGreaterThanOrEqual(estimate);
    expect(median([1, 2, Infinity, Infinity, Infinity])).toBe(Infinity);
    expect(bootstrapCI([[1, Infinity, Infinity]], ([s]) => median(s)).ci[1]).toBe(Infinity);
  });

  test('TOST: equal samples are equivalent within a wide margin, shifted ones are not', () => {
    const x = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19], y = x.map((v) => v + 0.2);
    expect(tost(x, y, 10).p).toBeLessThan(0.05);
    expect(tost(x, x.map((v) => v + 20), 10).p).toBeGreaterThan(0.5);
  });

  test('Jonckheere–Terpstra: a strict increase is detected, its reverse is not', () => {
    const g = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    expect(jonckheere(g, 'increasing').p).toBeLessThan(0.01);
    expect(jonckheere(g, 'decreasing').p).toBeGreaterThan(0.9);
    expect(jonckheere(g, 'increasing').tau).toBe(1);
  });
});

describe("Hartigan's dip test", () => {
  test('should give 1/(2n) for evenly spaced points and 1/4 for two far-apart tight halves', () => {
    expect(dip([0, 1])).toBe(0.25);
    expect(dip([0, 1, 2, 3, 4])).toBeCloseTo(0.1, 12);
    expect(dip([0, 0.001, 0.002, 100, 100.001, 100.002])).toBeCloseTo(0.25, 4);
  });

  prop.prop([fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 40 }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })])(
    'should lie in [1/(2n), 1/4] and not change under x → a·x + b or x → −x', (x, a, b) => {
      const d = dip(x);
      expect(d).toBeGreaterThanOrEqual(1 / (2 * x.length) - 1e-12);
      expect(d).toBeLessThanOrEqual(0.25 + 1e-12);
      if (new Set(x).size === x.length && Math.min(...x.slice(1).map((v, i) => Math.abs(v - x[i]))) > 1e-6) {
        expect(dip(x.map((v) => a * v + b))).toBeCloseTo(d, 6);
        expect(dip(x.map((v) => -v))).toBeCloseTo(d, 6);
      }
    });

  test('should shrink like 1/√n on uniform samples (Hartigan & Hartigan 1985)', () => {
    const r = rng(5, 'dip-rate');
    const scaled = (n: number) => median(Array.from({ length: 40 }, () => Math.sqrt(n) * dip(Array.from({ length: n }, () => r.next()))));
    const [a, b] = [scaled(100), scaled(400)];
    expect(Math.abs(a / b - 1)).toBeLessThan(0.15);
  });

  test('should detect a two-component mixture and not a normal sample', () => {
    const r = rng(6, 'dip-power');
    const mixture = Array.from({ length: 60 }, (_, i) => r.normal() + (i % 2 ? 3 : -3));
    const normal = Array.from({ length: 60 }, () => r.normal());
    expect(dipTest(mixture, { sims: 1000 }).p).toBeLessThan(0.01);
    expect(dipTest(normal, { sims: 1000 }).p).toBeGreaterThan(0.2);
  });
});

describe('curve fits (Levenberg–Marquardt)', () => {
  test('should recover a stretched exponential and prefer it to a step, and the reverse for a step', () => {
    const t = Array.from({ length: 80 }, (_, i) => i * 25);
    const glassy = relaxationFits(t, t.map(stretchedExponential([0.9, 400, 0.6])));
    expect(glassy.stretched.params[1]).toBeCloseTo(400, 0);
    expect(glassy.stretched.params[2]).toBeCloseTo(0.6, 3);
    expect(glassy.stretched.sse).toBeLessThan(0.01 * glassy.step.sse);
    const jump = relaxationFits(t, t.map(logisticStep([0.95, 900, 60])));
    expect(jump.step.params[1]).toBeCloseTo(900, 0);
    expect(jump.step.sse).toBeLessThan(0.01 * jump.stretched.sse);
  });
});
