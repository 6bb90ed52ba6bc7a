import { describe, expect, test } from 'vitest';
import { copulaNormalize, copulaOInfo, gaussianOInfo, logDet } from './oinfo.ts';
import { plantedOInfo } from './planted.ts';

describe('Gaussian-copula O-information (claim E6)', () => {
  test('should give the hand-computed Ω and TC of a Gaussian sum triplet (synergy) and of three noisy copies (redundancy)', () => {
    // Arrange: Z = X + Y + ε with unit X, Y, ε: corr(X, Z) = corr(Y, Z) = 1/√3, corr(X, Y) = 0, det R = 1/3,
    // det R₋z = 1, det R₋x = det R₋y = 2/3 → Ω = ½[ln(1/3) − 2 ln(2/3)] = −0.143841; TC = −½ ln(1/3) = 0.549306.
    const a = 1 / Math.sqrt(3), sum = Float64Array.of(1, 0, a, 0, 1, a, a, a, 1);
    // Xᵢ = S + εᵢ: every correlation ½, det R = ½, each pair ¾ → Ω = ½[ln ½ − 3 ln ¾] = +0.084950.
    const copies = Float64Array.of(1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1);
    // Act
    const syn = gaussianOInfo(sum, 3, [0, 1, 2]), red = gaussianOInfo(copies, 3, [0, 1, 2]);
    // Assert
    expect(syn.omega).toBeCloseTo(0.5 * (Math.log(1 / 3) - 2 * Math.log(2 / 3)), 10);
    expect(syn.omega).toBeCloseTo(-0.143841, 5);
    expect(syn.tc).toBeCloseTo(0.549306, 5);
    expect(red.omega).toBeCloseTo(0.08495, 5);
  });

  test('should give Ω = 0 and TC = 0 for independent variables, and log det of a known matrix', () => {
    expect(gaussianOInfo(Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), 3, [0, 1, 2])).toEqual({ omega: 0, tc: -0 });
    expect(logDet(Float64Array.of(4, 2, 2, 3), 2)).toBeCloseTo(Math.log(8), 12);
    expect(logDet(Float64Array.of(1, 1, 1, 1), 2)).toBe(-Infinity);
  });

  test('should map ranks to normal scores, give ties one mid-rank score, and be blind to monotone distortions', () => {
    // Arrange: n = 3, ranks 0, 1, 2 → Φ⁻¹(1/4), Φ⁻¹(2/4), Φ⁻¹(3/4) = −0.674490, 0, 0.674490
    const z = copulaNormalize([5, -1, 7]);
    [0, -0.67449, 0.67449].forEach((v, i) => expect(z[i]).toBeCloseTo(v, 5));
    // ties: [2, 2, 9] → mid-rank ½ for both 2s → Φ⁻¹(1.5/4) = −0.318639
    expect(copulaNormalize([2, 2, 9])[0]).toBeCloseTo(-0.318639, 5);
    // Act: the same planted data, raw and distorted by monotone maps
    const x = [0.3, -1.2, 2.2, 0.1, -0.5, 1.7, -2.0, 0.9], y = [1.1, 0.2, -0.7, 0.4, 2.5, -1.3, 0.0, -0.2];
    const w = x.map((v, i) => v + y[i] + 0.3 * Math.sin(7 * i));
    const raw = copulaOInfo([x, y, w]), bent = copulaOInfo([x.map((v) => v ** 3), y.map(Math.exp), w.map((v) => 2 * v - 5)]);
    // Assert
    expect(bent.omega).toBeCloseTo(raw.omega, 12);
  });

  test('should detect the planted synergistic triplet (Ω < 0) and the planted redundant one (Ω > 0) at n = 47²', () => {
    for (const seed of [1, 2, 3]) {
      expect(plantedOInfo(seed, 'synergy')).toBeLessThan(-0.08);
      expect(plantedOInfo(seed, 'synergy')).toBeGreaterThan(-0.2);
      expect(plantedOInfo(seed, 'redundancy')).toBeGreaterThan(0.04);
      expect(plantedOInfo(seed, 'redundancy')).toBeLessThan(0.13);
    }
  });
});
