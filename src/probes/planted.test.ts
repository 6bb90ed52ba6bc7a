import { describe, expect, test } from 'vitest';
import { plantedHessianError, plantedRankRatio, plantedSeed } from './planted.ts';

describe('planted controls for the probes (claims E3, E5)', () => {
  test('should read the known top eigenvalue of a quadratic loss within 2% through the hessian probe', () => {
    for (const seed of [0, 1, 2]) expect(plantedHessianError(seed)).toBeLessThan(0.02);
  });

  test('should see a planted rank fall (8 directions out of 94) as an effective-rank ratio far below 0.9', () => {
    const ratio = plantedRankRatio(3);
    expect(ratio).toBeLessThan(0.5);
    expect(ratio).toBeGreaterThan(0.02);
  });

  test('should seed each run differently from its step-0 losses, and the same run the same', () => {
    const t = (a: number, b: number) => ({ evals: [{ step: 0, trainLoss: a, trainAcc: 0, testLoss: b, testAcc: 0 }], tMem: null, tGrok: null, diverged: null, stopReason: 'budget' as const, steps: 0, msPerStep: 0, wallMs: 0 });
    expect(plantedSeed(t(3.85, 3.86))).toBe(plantedSeed(t(3.85, 3.86)));
    expect(plantedSeed(t(3.85, 3.86))).not.toBe(plantedSeed(t(3.851, 3.86)));
  });
});
