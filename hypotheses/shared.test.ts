import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { mirrorFreeSplit } from './shared.ts';

describe('mirrorFreeSplit', () => {
  test.prop([fc.integer({ min: 3, max: 40 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.nat(1000)])(
    'should keep every pair with its mirror, repeat none, and take the requested fraction to within one pair', (p, fraction, seed) => {
      const ids = mirrorFreeSplit(p, fraction, seed), inTrain = new Set(ids);
      expect(inTrain.size).toBe(ids.length);
      for (const id of ids) {
        const a = Math.floor(id / p), b = id % p;
        expect(id).toBeGreaterThanOrEqual(0);
        expect(id).toBeLessThan(p * p);
        expect(inTrain.has(b * p + a)).toBe(true);
      }
      expect(Math.abs(ids.length - Math.round(fraction * p * p))).toBeLessThanOrEqual(1);
    });

  test('should depend on the seed and be reproducible from it', () => {
    expect(mirrorFreeSplit(31, 0.8, 1)).toEqual(mirrorFreeSplit(31, 0.8, 1));
    expect(mirrorFreeSplit(31, 0.8, 1)).not.toEqual(mirrorFreeSplit(31, 0.8, 2));
  });
});
