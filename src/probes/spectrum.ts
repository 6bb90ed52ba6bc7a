import { SingularValueDecomposition, Matrix } from 'ml-matrix';
import { newtonSchulz5 } from '../engine/linalg.ts';
import { isHiddenMatrix } from '../models/init.ts';
import type { Probe } from './probe.ts';

/** Singular values of a row-major [rows × cols] matrix, largest first (ml-matrix's SVD). */
export function singularValues(W: Float32Array, rows: number, cols: number): number[] {
  const m = new Matrix(rows, cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) m.set(r, c, W[r * cols + c]);
  return new SingularValueDecomposition(m, { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true }).diagonal;
}

/**
 * The Marchenko–Pastur bulk edge of a rows × cols matrix with i.i.d. entries of standard deviation s: the
 * largest singular value of pure noise tends to s(√rows + √cols) (Marchenko & Pastur 1967; Bai & Yin 1993).
 * s is estimated as ‖W‖_F/√(rows·cols), which outliers inflate a little, so the count of singular values
 * above the edge errs low (a conservative count of BBP outliers; Baik, Ben Arous & Péché 2005).
 */
export function bulkEdge(sv: readonly number[], rows: number, cols: number): number {
  const s = Math.sqrt(sv.reduce((a, x) => a + x * x, 0) / (rows * cols));
  return s * (Math.sqrt(rows) + Math.sqrt(cols));
}

/**
 * `spectrum`: for every weight matrix, its top three singular values (`spectrum:W2:s1` …), the bulk edge
 * (`spectrum:W2:edge`) and the number of singular values above it (`spectrum:W2:outliers`).
 */
export const spectrum: Probe = {
  name: 'spectrum',
  measure({ model }) {
    const out: Record<string, number> = {};
    for (const p of model.params) {
      if (p.shape.length !== 2) continue;
      const [rows, cols] = p.shape, sv = singularValues(p.data, rows, cols), edge = bulkEdge(sv, rows, cols);
      sv.slice(0, 3).forEach((s, i) => { out[`spectrum:${p.name}:s${i + 1}`] = s; });
      out[`spectrum:${p.name}:edge`] = edge;
      out[`spectrum:${p.name}:outliers`] = sv.filter((s) => s > edge).length;
    }
    return out;
  },
};

/**
 * `muonUpdate`: what Muon would do with the current gradient of each hidden matrix: the largest and smallest
 * singular values of its Newton–Schulz orthogonalization (`muonUpdate:W2:max`, `muonUpdate:W2:min`). For an
 * exact UVᵀ both would be 1.
 */
export const muonUpdate: Probe = {
  name: 'muonUpdate',
  measure({ model }) {
    const out: Record<string, number> = {};
    model.params.forEach((p, i) => {
      if (!isHiddenMatrix(p, model.params)) return;
      const [rows, cols] = p.shape, sv = singularValues(newtonSchulz5(model.grads[i], rows, cols), rows, cols);
      out[`muonUpdate:${p.name}:max`] = sv[0];
      out[`muonUpdate:${p.name}:min`] = sv[sv.length - 1];
    });
    return out;
  },
};
