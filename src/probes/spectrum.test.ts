import { describe, expect, test } from 'vitest';
import { rng } from '../engine/rng.ts';
import { bulkEdge, singularValues } from './spectrum.ts';

describe('spectrum probe', () => {
  test('should recover known singular values: a diagonal matrix in shuffled rows', () => {
    // rows of diag(5, 3, 1) permuted and one column negated: singular values are 5, 3, 1 exactly
    const W = Float32Array.from([0, 3, 0, 0, 0, -1, 5, 0, 0]);
    expect(singularValues(W, 3, 3).map((s) => +s.toFixed(6))).toEqual([5, 3, 1]);
  });

  test('should find no outlier in pure noise and one for a strong rank-one spike (BBP)', () => {
    const r = rng(1, 'spectrum'), rows = 120, cols = 80;
    const noise = Float32Array.from({ length: rows * cols }, () => r.normal());
    const sv = singularValues(noise, rows, cols);
    // Marchenko–Pastur: top singular value ≈ √120 + √80 = 19.9 for unit variance
    expect(bulkEdge(sv, rows, cols)).toBeCloseTo(Math.sqrt(rows) + Math.sqrt(cols), 0);
    expect(sv.filter((s) => s > bulkEdge(sv, rows, cols)).length).toBe(0);
    // θ·u vᵀ with θ = 3·(rows·cols)^¼ is far above the BBP threshold (rows·cols)^¼ ≈ 9.9
    const u = Array.from({ length: rows }, () => r.normal() / Math.sqrt(rows)), v = Array.from({ length: cols }, () => r.normal() / Math.sqrt(cols));
    const theta = 3 * (rows * cols) ** 0.25;
    const spiked = noise.map((x, i) => x + theta * u[Math.floor(i / cols)] * v[i % cols]);
    const sp = singularValues(spiked, rows, cols);
    expect(sp.filter((s) => s > bulkEdge(sp, rows, cols)).length).toBe(1);
  });
});
