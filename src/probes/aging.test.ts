import { describe, expect, test } from 'vitest';
import { agingExponent, decorrelationTime, decorrelationTimes, twoTimeCorrelation } from './aging.ts';
import { plantedAgingExponent } from './planted.ts';

describe('two-time correlations and the aging exponent (claim G4)', () => {
  test('should give the cosine of two weight vectors: 1 for a multiple, 0 for orthogonal, 1/√2 at 45°', () => {
    expect(twoTimeCorrelation([2, 0, 0], [5, 0, 0])).toBeCloseTo(1, 12);
    expect(twoTimeCorrelation([0, 1], [1, 0])).toBe(0);
    expect(twoTimeCorrelation([1, 1], [1, 0])).toBeCloseTo(Math.SQRT1_2, 12);
  });

  test('should interpolate the lag at which C reaches the level, and censor (∞) when it never does', () => {
    // C: 1 at t_w = 100, 0.95 at 150, 0.85 at 200 → 0.9 reached halfway between 150 and 200: τ = 75
    expect(decorrelationTime(100, [[150, 0.95], [200, 0.85]], 0.9)).toBeCloseTo(75, 12);
    expect(decorrelationTime(100, [[150, 0.95], [200, 0.92]], 0.9)).toBe(Infinity);
  });

  test('should give μ = 1 for τ ∝ t_w, μ = 0 for τ constant, and leave censored waiting times out', () => {
    const m = (taus: [number, number, number][]) => new Map(taus.map(([tw, tau, span]) => [tw, { tau, span }]));
    expect(agingExponent(m([[100, 20, 1e4], [200, 40, 1e4], [400, 80, 1e4]]))).toBeCloseTo(1, 12);
    expect(agingExponent(m([[100, 50, 1e4], [200, 50, 1e4], [400, 50, 1e4]]))).toBeCloseTo(0, 12);
    // the censored t_w = 800 is left out: the slope of the other three, ln τ = ln 10 + ln t_w
    expect(agingExponent(m([[100, 10, 1e4], [200, 20, 1e4], [400, 40, 1e4], [800, Infinity, 300]]))).toBeCloseTo(1, 12);
    // a converging system (C levels off above the level) has its τ_c censored: no reading, not aging
    expect(agingExponent(m([[100, 100, 1e4], [200, Infinity, 1e4], [400, Infinity, 1e4]]))).toBeNaN();
  });

  test('should read τ_c per waiting time from evaluations keyed aging:C<t_w>', () => {
    const evals: Record<string, number>[] = [
      { step: 100, 'aging:C100': 1 }, { step: 150, 'aging:C100': 0.95 }, { step: 200, 'aging:C100': 0.85, 'aging:C200': 1 },
      { step: 250, 'aging:C100': 0.8, 'aging:C200': 0.97 },
    ];
    const taus = decorrelationTimes(evals, 0.9, [100, 200, 400]);
    expect(taus.get(100)!.tau).toBeCloseTo(75, 10);
    expect(taus.get(100)!.span).toBe(150);
    expect(taus.get(200)).toEqual({ tau: Infinity, span: 50 });
    expect(taus.has(400)).toBe(false);
  });

  test('should find the planted random walk aging (μ ≈ 1) and the stationary process not (μ ≈ 0)', () => {
    for (const seed of [1, 2]) {
      const walk = plantedAgingExponent(seed, 'random walk', { level: 0.9 });
      const ou = plantedAgingExponent(seed, 'stationary', { level: 0.9 });
      expect(walk).toBeGreaterThan(0.8);
      expect(walk).toBeLessThan(1.2);
      expect(Math.abs(ou)).toBeLessThan(0.15);
    }
  });
});
