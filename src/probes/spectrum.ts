import { SingularValueDecomposition, Matrix } from 'ml-matrix';
import { fourierAlignment } from './fourier.ts';
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

/** How many of W1's top singular directions `spectrum:W1:fourierAlign` averages over (two key frequencies' cos and sin). */
export const ALIGN_TOP = 4;

/**
 * `spectrum`: for every weight matrix, its top three singular values (`spectrum:W2:s1` …), the bulk edge
 * (`spectrum:W2:edge`) and the number of singular values above it (`spectrum:W2:outliers`); on a two-operand
 * modular task, also the alignment of W1's top ALIGN_TOP input-side singular directions with the task's
 * Fourier directions (`spectrum:W1:fourierAlign`, src/probes/fourier.ts fourierAlignment).
 */
export const spectrum: Probe = {
  name: 'spectrum',
  measure({ model, task }) {
    const out: Record<string, number> = {};
    for (const p of model.params) {
      if (p.shape.length !== 2) continue;
      const [rows, cols] = p.shape, sv = singularValues(p.data, rows, cols), edge = bulkEdge(sv, rows, cols);
      sv.slice(0, 3).forEach((s, i) => { out[`spectrum:${p.name}:s${i + 1}`] = s; });
      out[`spectrum:${p.name}:edge`] = edge;
      out[`spectrum:${p.name}:outliers`] = sv.filter((s) => s > edge).length;
    }
    const W1 = model.params.find((q) => q.name === 'W1');
    if (W1 && task.tokensPerExample === 2 && W1.shape[0] === 2 * task.classes) {
      out['spectrum:W1:fourierAlign'] = fourierAlignment(W1.data, W1.shape[0], W1.shape[1], task.classes, ALIGN_TOP);
    }
    return out;
  },
};
