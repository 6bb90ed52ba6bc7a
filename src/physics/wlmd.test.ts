import { describe, expect, test } from 'vitest';
import { rng } from '../engine/rng.ts';
import { FINITE_VALLEY, plantedReading, plantedSystem } from './plantedBarrier.ts';
import { resolveConfig } from '../train/config.ts';
import { mixingFailure, valleyDepth, wlmd } from './wlmd.ts';

describe('Wang–Landau molecular dynamics', () => {
  test('should recover the 2-D density of states of a 3-D harmonic energy, g(E, A) ∝ √E · A^(−1/2)', () => {
    // Arrange: E = |x|²/2 in ℝ³ (volume below E ∝ E^(3/2)), A = x₁²/|x|² = cos²θ, independent of |x| with
    // P(A < a) = √a (cos θ uniform, Archimedes): the bin integral of g is [E^(3/2)] × [√A] between the bin edges
    const x = Float64Array.from([0.5, 0.3, 0.2]), g = new Float64Array(3);
    const sys = {
      coords: [x], grads: [g],
      energyAndGrad: () => { g.set(x); return (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) / 2; },
      observable: () => (x[0] * x[0]) / (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]),
    };
    const eBins = 4, aBins = 4, eMax = 2;

    // Act
    const res = wlmd(sys, rng(3, 'wlmd-test'), { eMin: 0, eMax, eBins, aBins, step: 0.05, schedule: '1/t', lnf0: 0.1, lnfFinal: 2e-5, maxSteps: 4e6, flatness: 0.8, checkEvery: 10_000, require: 'all', maxSlope: 5 });

    // Assert: converged, and within 0.15 nats of the exact ln g over a range of e^4.5 (up to the fitted constant)
    expect(res.lnf).toBeLessThanOrEqual(2e-5);
    const exact = (i: number) => {
      const e = Math.floor(i / aBins), a = i % aBins, w = eMax / eBins;
      return Math.log(((e + 1) * w) ** 1.5 - (e * w) ** 1.5) + Math.log(Math.sqrt((a + 1) / aBins) - Math.sqrt(a / aBins));
    };
    const diff = Array.from(res.lnG, (v, i) => v - exact(i)), c = diff.reduce((s, v) => s + v, 0) / diff.length;
    expect(Math.max(...diff.map((v) => Math.abs(v - c)))).toBeLessThan(0.15);
  });

  test('should recover g(E, B) and g(E, A) when driven along a second coordinate B with a gradient', () => {
    // Arrange: (u, v) ∈ ℝ² × ℝ², E = (|u|² + |v|²)/2, B = |v|²/2: g(E, B) is constant on 0 ≤ B ≤ E (each half is a
    // 2-D Gaussian shell of constant area), so a bin below the diagonal holds twice a diagonal bin's volume and one
    // above it none; A = 0.75 where v₁ > 0, else 0.25: by symmetry g(E, A) is equal in both A bins, ∝ 2e + 1 over E bins
    const x = Float64Array.from([0.3, -0.2, 0.4, 0.1]), g = new Float64Array(4), gb = new Float64Array(4);
    const sys = {
      coords: [x], grads: [g],
      energyAndGrad: () => { g.set(x); return (x[0] ** 2 + x[1] ** 2 + x[2] ** 2 + x[3] ** 2) / 2; },
      drive: { grads: [gb], valueAndGrad: () => { gb.set([0, 0, x[2], x[3]]); return (x[2] ** 2 + x[3] ** 2) / 2; } },
      observable: () => (x[2] > 0 ? 0.75 : 0.25),
    };

    // Act
    const res = wlmd(sys, rng(5, 'wlmd-drive'), { eMin: 0, eMax: 2, eBins: 4, aBins: 2, step: 0.05, schedule: '1/t', lnf0: 0.1, lnfFinal: 2e-5, maxSteps: 4e6, flatness: 0.8, checkEvery: 10_000, require: 'visited', maxSlope: 5, drive: { max: 2, bins: 4 } });

    // Assert
    expect(res.lnf).toBeLessThanOrEqual(2e-5);
    const gEB = res.lnGDriven!, at = (e: number, b: number) => gEB[e * 4 + b];
    for (let e = 0; e < 4; e++) for (let b = e + 1; b < 4; b++) expect(at(e, b)).toBe(-Infinity);
    for (let e = 1; e < 4; e++) for (let b = 0; b < e; b++) expect(Math.abs(at(e, b) - at(e, e) - Math.log(2))).toBeLessThan(0.15);
    const diff = Array.from({ length: 8 }, (_, i) => res.lnG[i] - Math.log(2 * Math.floor(i / 2) + 1)), c = diff.reduce((s, v) => s + v, 0) / 8;
    expect(Math.max(...diff.map((v) => Math.abs(v - c)))).toBeLessThan(0.15);
  });

  test('should weight P(A | E, B) by g(E, B) when A depends on B', () => {
    // Arrange: the 4-D system above, A = 0.75 where B < E/4, else 0.25: g(E, B) is flat on [0, E], so at every E a
    // quarter of the states have A = 0.75 and S(E, 0.75) − S(E, 0.25) = ln(1/3) in every energy bin
    const x = Float64Array.from([0.3, -0.2, 0.4, 0.1]), g = new Float64Array(4), gb = new Float64Array(4);
    const energy = () => (x[0] ** 2 + x[1] ** 2 + x[2] ** 2 + x[3] ** 2) / 2, b = () => (x[2] ** 2 + x[3] ** 2) / 2;
    const sys = {
      coords: [x], grads: [g],
      energyAndGrad: () => { g.set(x); return energy(); },
      drive: { grads: [gb], valueAndGrad: () => { gb.set([0, 0, x[2], x[3]]); return b(); } },
      observable: () => (b() < energy() / 4 ? 0.75 : 0.25),
    };

    // Act
    const res = wlmd(sys, rng(6, 'wlmd-weights'), { eMin: 0, eMax: 2, eBins: 4, aBins: 2, step: 0.05, schedule: '1/t', lnf0: 0.1, lnfFinal: 2e-5, maxSteps: 4e6, flatness: 0.8, checkEvery: 10_000, require: 'visited', maxSlope: 5, drive: { max: 2, bins: 4 } });

    // Assert
    for (let e = 0; e < 4; e++) expect(Math.abs(res.lnG[e * 2 + 1] - res.lnG[e * 2] - Math.log(1 / 3))).toBeLessThan(0.1);
  });

  test.each([false, true])('should find a planted entropy barrier and no barrier where none is planted, with walks from both basins mixing (driven along B = 1 − A: %s)', (driven) => {
    // Arrange / Act
    const barrier = plantedReading(1, 'barrier', driven), flat = plantedReading(1, 'no barrier', driven);

    // Assert: the barrier reads a valley deeper than ln 2 (its middle is empty: infinite), the flat landscape none
    expect(barrier.mixing).toBeNull();
    expect(flat.mixing).toBeNull();
    expect(barrier.valley).toBeGreaterThan(Math.log(2));
    expect(flat.valley).toBeLessThan(Math.log(2));
    expect(flat.genFrac).toBeGreaterThan(0.35);
  });

  test('should read a finite planted barrier near its exact depth, driven or not', () => {
    for (const driven of [false, true]) {
      // Act
      const r = plantedReading(2, 'finite barrier', driven);

      // Assert: the exact valley (bin volumes by Monte Carlo) within WL's error
      expect(r.mixing).toBeNull();
      expect(Math.abs(r.valley - FINITE_VALLEY)).toBeLessThan(0.25);
    }
  });

  test('should name the window a walk starts outside of', () => {
    // Arrange: a start beyond the domain (infinite energy), and one above the driven window
    const x = Float64Array.from([1]), g = new Float64Array(1);
    const sys = (e: number) => ({ coords: [x], grads: [g], energyAndGrad: () => e, observable: () => 0.5, drive: { grads: [g], valueAndGrad: () => 3 } });
    const o = { eMin: 0, eMax: 1, eBins: 2, aBins: 2, step: 0.01, schedule: 'halving' as const, lnf0: 1, lnfFinal: 0.5, maxSteps: 10, flatness: 0.5, checkEvery: 5, require: 'visited' as const, maxSlope: 5, drive: { max: 2, bins: 2 } };

    // Act / Assert
    expect(() => wlmd(sys(Infinity), rng(1, 't'), o)).toThrow(/sampler.box = Infinity: .*outside the domain/);
    expect(() => wlmd(sys(5), rng(1, 't'), o)).toThrow(/sampler.eMin = 0: the walk starts at energy 5, outside \[0, 1\)/);
    expect(() => wlmd(sys(0.5), rng(1, 't'), o)).toThrow(/sampler.testLossMax = 2: the walk starts at the driven coordinate 3, outside \[0, 2\)/);
  });

  test('should count two walks that both find no state of a basin at an energy as agreeing there', () => {
    // Arrange: 2 energy bins × 2 A bins; at the lowest energy neither walk has a generalizing state
    const p = { aBins: 2, lnG: Float64Array.from([0, -Infinity, -1, -1]) }, q = { aBins: 2, lnG: Float64Array.from([0, -Infinity, -1.2, -0.9]) };

    // Act / Assert
    expect(mixingFailure(p, q, 0.5, 1)).toBeNull();
    expect(mixingFailure(p, { aBins: 2, lnG: Float64Array.from([0, -Infinity, -4, 0]) }, 0.5, 1)).toMatch(/by up to 3\.3\d nats \(> 1\)/);
    // within 1 nat, yet P(A ≥ ½ | E) 0.5 against 0.62: apart by more than a bound of 0.1 on P
    expect(mixingFailure(p, { aBins: 2, lnG: Float64Array.from([0, -Infinity, -1, -0.5]) }, 0.5, 1)).toBeNull();
    expect(mixingFailure(p, { aBins: 2, lnG: Float64Array.from([0, -Infinity, -1, -0.5]) }, 0.5, 1, 0.1)).toMatch(/generalizing fraction .* by up to 0\.12 \(> 0\.1\)/);
  });

  test('should report a walk that never leaves its basin as not mixing', () => {
    // Arrange: a window below the barrier top (h = 1), so neither walk can cross x₁ = 0
    const opts = { eMin: 0, eMax: 0.6, eBins: 2, aBins: 10, step: 0.02, schedule: 'halving' as const, lnf0: 0.1, lnfFinal: 1e-2, maxSteps: 100_000, flatness: 0.7, checkEvery: 10_000, require: 'visited' as const, maxSlope: 5 };

    // Act
    const p = wlmd(plantedSystem('barrier', -0.8), rng(2, 'a'), opts), q = wlmd(plantedSystem('barrier', 0.8), rng(2, 'b'), opts);

    // Assert
    expect(mixingFailure(p, q, 0.5, 1)).toMatch(/never visited the other basin/);
  });

  test('should measure a valley between two modes and none in a unimodal profile', () => {
    expect(valleyDepth([0, -3, -1])).toBeCloseTo(2);
    expect(valleyDepth([-2, -1, 0, -1])).toBe(0);
    expect(valleyDepth([0, -Infinity, 0])).toBe(Infinity);
  });
});

describe('the wlmd sampler config', () => {
  test('should reject an unknown ln f schedule, naming the field and the choices', () => {
    // Arrange
    const cfg = { task: { kind: 'modular' as const, p: 5, trainFraction: 0.7 }, sampler: { kind: 'wlmd' as const, schedule: 'geometric' as never } };

    // Act / Assert
    expect(() => resolveConfig(cfg)).toThrow(/sampler.schedule = 'geometric': must be 'halving' or '1\/t'/);
  });
});

describe('the wang-landau sampler config', () => {
  test("should refuse a 'wlmd'-only setting it would ignore", () => {
    // Arrange
    const cfg = { task: { kind: 'modular' as const, p: 5, trainFraction: 0.7 }, sampler: { kind: 'wang-landau' as const, fitAll: 100 } };

    // Act / Assert
    expect(() => resolveConfig(cfg)).toThrow(/sampler.fitAll = 100: is read by the 'wlmd' sampler only/);
  });
});
