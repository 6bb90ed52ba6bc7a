import { describe, expect, test } from 'vitest';
import { newtonSchulz5 } from '../engine/linalg.ts';
import { rng } from '../engine/rng.ts';
import type { Param } from '../models/model.ts';
import { lastMuonStep, scaleByMuon } from '../optim/scaleByMuon.ts';
import { muonUpdateSpectrum, updateSpectrum } from './muonUpdate.ts';

const gaussian = (seed: number, n: number) => { const r = rng(seed, 'muon-probe'); return Float32Array.from({ length: n }, () => r.normal()); };

describe('muonUpdate probe: the applied update against the exact polar factor', () => {
  test('should read σ_max = σ_min = 1 (within 1e-3) for the exact polar factor of a full-rank matrix: the positive control', () => {
    // Arrange: a Gaussian 24 × 16 matrix is full rank with σ_min/σ_max ≈ 0.2
    const G = gaussian(1, 24 * 16);
    // Act
    const s = updateSpectrum(G, newtonSchulz5(G, 24, 16), 24, 16, true);
    // Assert: UVᵀ has every singular value 1; the Newton–Schulz output sits in its known band around 1
    expect(Math.abs(s.polarMax - 1)).toBeLessThan(1e-3);
    expect(Math.abs(s.polarMin - 1)).toBeLessThan(1e-3);
    expect(s.max).toBeGreaterThan(0.68);
    expect(s.max).toBeLessThan(1.21);
  });

  test('should read σ_max = 1 but σ_min = 0 for the polar factor of a rank-deficient matrix', () => {
    // Arrange: rank 6 exactly: 6 Gaussian rows over 10 zero rows (a low-rank product would not do: float32 rounding
    // leaves singular values near 1e-7·σ_max, which the polar iteration, like any UVᵀ, lifts to 1)
    const top = gaussian(2, 6 * 12), G = new Float32Array(16 * 12);
    G.set(top);
    // Act
    const s = updateSpectrum(G, newtonSchulz5(G, 16, 12), 16, 12, true);
    // Assert: UVᵀ keeps the zero singular values zero
    expect(Math.abs(s.polarMax - 1)).toBeLessThan(1e-3);
    expect(s.polarMin).toBeLessThan(1e-3);
  });

  test("should measure the Nesterov momentum Muon orthogonalized at its latest step, not the gradient", () => {
    // Arrange: μ = 0.5, gradients g1 then g2. b1 = 0.5 g1; b2 = 0.25 g1 + 0.5 g2; u2 = 0.5 g2 + 0.5 b2 = 0.125 g1 + 0.75 g2
    const g1 = gaussian(6, 8 * 6), g2 = gaussian(7, 8 * 6);
    const params: Param[] = [{ name: 'W2', shape: [8, 6], data: new Float32Array(48) }];
    const t = scaleByMuon({ momentum: 0.5 }), state = t.init(params);
    // Act
    t.update([g1.slice()], state, params, 1);
    t.update([g2.slice()], state, params, 2);
    const s = lastMuonStep(params[0].data)!;
    // Assert
    expect(s.step).toBe(2);
    s.input.forEach((v, i) => expect(v).toBeCloseTo(0.125 * g1[i] + 0.75 * g2[i], 5));
    expect(Array.from(s.output)).toEqual(Array.from(newtonSchulz5(s.input, 8, 6)));
    expect(muonUpdateSpectrum(params[0].data, g2, 8, 6).applied).toBe(1);
    expect(muonUpdateSpectrum(new Float32Array(48), g2, 8, 6).applied).toBe(0); // a matrix Muon never stepped: the gradient
  });
});
