import { describe, expect, test } from 'vitest';
import type { Trajectory } from '../src/index.ts';
import { walksMix, windowInterior } from './glass.ts';

/** A sampler trajectory's lowest loss bin: S(E, A-bin k) and, driven, S(E, test-loss bin j). */
const walk = (sA: number[], sL: number[]): Trajectory => ({
  evals: [{ step: 0, trainLoss: 0.05, trainAcc: NaN, testLoss: NaN, testAcc: NaN, ...Object.fromEntries(sA.map((v, k) => [`wl:S@${k}`, v])), ...Object.fromEntries(sL.map((v, j) => [`wl:SL@${j}`, v])) }],
  tMem: null, tGrok: null, diverged: null, stopReason: 'budget', steps: 1, msPerStep: 0, wallMs: 0,
} as unknown as Trajectory);

describe("G1/G2's preconditions on the driven walks", () => {
  test('should hold when the test-loss density peaks inside the window, and name the walks that peak at its top', () => {
    // Arrange
    const inside = walk([-2, -1, 0, -1], [-3, -1, 0, -2]), edge = walk([-2, -1, 0, -1], [-3, -2, -1, 0]);
    const check = windowInterior(8).check;

    // Act / Assert
    expect(check({ 'from memorizing': [inside, inside], 'from generalizing': [inside, inside] })).toBeNull();
    expect(check({ 'from memorizing': [inside, edge], 'from generalizing': [inside, inside] })).toMatch(/1 walk\(s\) peak at the window's top bin \(from memorizing seed 9\)/);
  });

  test('should report the seed by number when two walks disagree on the generalizing fraction by more than 0.1', () => {
    // Arrange: a walk that saw the A < ½ basin only; two that agree; two with P(A ≥ ½ | E) 0.5 against 0.62, within 1 nat
    const stuck = walk([0, -Infinity], []), a = walk([-1, -1], []), b = walk([-1, -0.5], []);

    // Act / Assert
    expect(walksMix(8).check({ 'from memorizing': [stuck, a], 'from generalizing': [a, a] })).toMatch(/seed 8: the walk from the first start never visited the other basin/);
    expect(walksMix(8).check({ 'from memorizing': [a, a], 'from generalizing': [a, b] })).toMatch(/1\/2 seeds do not mix \(seed 9: .*by up to 0\.12 \(> 0\.1\)\)/);
    expect(walksMix(8).check({ 'from memorizing': [a, a], 'from generalizing': [a, a] })).toBeNull();
  });
});
