import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Probe } from './probe.ts';

/**
 * Fourier sparsity of the first layer over Z_p (Nanda et al. 2023: the grokked circuit uses a few key
 * frequencies). For the a-embedding (rows 0..p−1 of W1) and each hidden unit, the DFT over a gives a power
 * spectrum; powers are summed over units, the conjugate frequencies f and p−f merged, and f = 0 (the mean)
 * left out. `fourier:top5` is the fraction of the remaining power in the 5 strongest frequencies: about
 * 5/((p−1)/2) for a random embedding, near 1 for a sparse Fourier circuit. Modular tasks only.
 */
export const fourier: Probe = {
  name: 'fourier',
  measure({ model, task }): Record<string, number> {
    const W1 = model.params.find((q) => q.name === 'W1') ?? model.params.find((q) => q.name === 'W_E'); // the transformer's token embedding: rows 0..p−1 are a and b
    if (!W1 || task.tokensPerExample !== 2) return {};
    const p = task.classes, h = W1.shape[1], half = Math.floor(p / 2);
    const power = new Float64Array(half + 1);
    for (let f = 1; f <= half; f++) {
      let s = 0;
      for (let j = 0; j < h; j++) {
        let re = 0, im = 0;
        for (let a = 0; a < p; a++) {
          const w = W1.data[a * h + j], th = (2 * Math.PI * f * a) / p;
          re += w * Math.cos(th); im -= w * Math.sin(th);
        }
        s += re * re + im * im;
      }
      power[f] = s;
    }
    const sorted = Array.from(power.subarray(1)).sort((x, y) => y - x);
    const total = sorted.reduce((x, y) => x + y, 0);
    return { 'fourier:top5': total > 0 ? sorted.slice(0, 5).reduce((x, y) => x + y, 0) / total : 0 };
  },
};

/**
 * The alignment of a modular task's input-side weights with the task's Fourier directions. W is [2p × h] (rows
 * 0..p−1 the one-hot of a, p..2p−1 of b). For each of W's top `k` left singular directions u (unit vectors over
 * the 2p inputs), its power at frequency f is |DFT_f(u_a)|² + |DFT_f(u_b)|² with f and p−f merged, f = 0 (the
 * mean over tokens, no Fourier direction of the task) left out; the alignment of u is the largest share of its
 * remaining power at one frequency. The result is the mean over the k directions: 1 when every top direction is
 * a cos/sin pair of a single key frequency (the grokked circuit of Nanda et al. 2023, arXiv 2301.05217), about
 * 0.2 for random directions at p = 31 (15 frequencies; the largest of 15 shares).
 */
export function fourierAlignment(W: Float32Array, rows: number, cols: number, p: number, k: number): number {
  if (rows !== 2 * p) throw new Error(`fourierAlignment: W has ${rows} rows; a two-operand task mod ${p} needs ${2 * p}`);
  const m = new Matrix(rows, cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) m.set(r, c, W[r * cols + c]);
  const U = new SingularValueDecomposition(m, { computeLeftSingularVectors: true, computeRightSingularVectors: false, autoTranspose: true }).leftSingularVectors;
  const half = Math.floor(p / 2), top = Math.min(k, U.columns);
  let sum = 0;
  for (let i = 0; i < top; i++) {
    const power = new Float64Array(half + 1);
    for (const off of [0, p]) {
      for (let f = 1; f <= half; f++) {
        let re = 0, im = 0;
        for (let a = 0; a < p; a++) {
          const th = (2 * Math.PI * f * a) / p, v = U.get(off + a, i);
          re += v * Math.cos(th); im -= v * Math.sin(th);
        }
        power[f] += re * re + im * im;
      }
    }
    let total = 0, best = 0;
    for (let f = 1; f <= half; f++) { total += power[f]; best = Math.max(best, power[f]); }
    sum += total > 0 ? best / total : 0;
  }
  return sum / top;
}
