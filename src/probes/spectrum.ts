import { SingularValueDecomposition, Matrix } from 'ml-matrix';
import { fourierAlignment } from './fourier.ts';
import type { Probe, ProbeContext } from './probe.ts';

/** A row-major [rows × cols] array as an ml-matrix Matrix. */
function toMatrix(W: Float32Array, rows: number, cols: number): Matrix {
  const m = new Matrix(rows, cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) m.set(r, c, W[r * cols + c]);
  return m;
}

/** Singular values of a row-major [rows × cols] matrix, largest first (ml-matrix's SVD). */
export function singularValues(W: Float32Array, rows: number, cols: number): number[] {
  return new SingularValueDecomposition(toMatrix(W, rows, cols), { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true }).diagonal;
}

/**
 * How much of a function g on Z_p × Z_p (g[a·p + b]) lives at one frequency of the task: its 2-D DFT power,
 * the constant (0, 0) left out, grouped by frequency f = 1..⌊p/2⌋, where f collects every component (k_a, k_b)
 * with k_a, k_b ∈ {0, f, p − f}: the one-operand modes cos(ωa), cos(ωb) and the products cos(ωa)cos(ωb) whose
 * sum cos(ω(a + b)) is the grokked circuit's feature (Nanda et al. 2023, arXiv 2301.05217), ω = 2πf/p. The
 * result is the largest group's share of the power: 1 for any function of a single frequency, about 0.1 for a
 * random additive function at p = 31, less for an unstructured one (its power spread over p² − 1 components).
 */
export function pairFourierShare(g: ArrayLike<number>, p: number): number {
  // separable DFT: along b for every a, then along a
  const re1 = new Float64Array(p * p), im1 = new Float64Array(p * p), power = new Float64Array(p * p);
  const cos = Float64Array.from({ length: p }, (_, j) => Math.cos((2 * Math.PI * j) / p)), sin = cos.map((_, j) => Math.sin((2 * Math.PI * j) / p));
  for (let a = 0; a < p; a++) for (let k = 0; k < p; k++) {
    let re = 0, im = 0;
    for (let b = 0; b < p; b++) { const j = (k * b) % p; re += g[a * p + b] * cos[j]; im -= g[a * p + b] * sin[j]; }
    re1[a * p + k] = re; im1[a * p + k] = im;
  }
  for (let ka = 0; ka < p; ka++) for (let kb = 0; kb < p; kb++) {
    let re = 0, im = 0;
    for (let a = 0; a < p; a++) {
      const j = (ka * a) % p, x = re1[a * p + kb], y = im1[a * p + kb];
      re += x * cos[j] + y * sin[j]; im += y * cos[j] - x * sin[j];
    }
    power[ka * p + kb] = re * re + im * im;
  }
  let total = 0;
  for (let i = 1; i < p * p; i++) total += power[i];
  if (!(total > 0)) return 0;
  let best = 0;
  for (let f = 1; f <= Math.floor(p / 2); f++) {
    let s = 0;
    for (const ka of [0, f, p - f]) for (const kb of [0, f, p - f]) s += power[ka * p + kb];
    best = Math.max(best, (s - power[0]) / total);
  }
  return best;
}

/**
 * The alignment of a hidden matrix's top singular directions with the task's Fourier directions, read through
 * the activations that feed it. W is [width × out] (W2 of an MLP): its top `k` left singular directions u are
 * directions over the previous layer's units; H is that layer's activations on every pair (a, b) of the task,
 * [p² × width], row a·p + b. Each direction becomes the function g(a, b) = H(a, b)·u it passes on, and its
 * alignment is pairFourierShare(g); the result is the mean over the k directions.
 */
export function hiddenFourierAlignment(H: Float32Array, W: Float32Array, width: number, out: number, p: number, k: number): number {
  const U = new SingularValueDecomposition(toMatrix(W, width, out), { computeLeftSingularVectors: true, computeRightSingularVectors: false, autoTranspose: true }).leftSingularVectors;
  const top = Math.min(k, U.columns), g = new Float64Array(p * p);
  let sum = 0;
  for (let i = 0; i < top; i++) {
    for (let e = 0; e < p * p; e++) { let x = 0; for (let j = 0; j < width; j++) x += H[e * width + j] * U.get(j, i); g[e] = x; }
    sum += pairFourierShare(g, p);
  }
  return sum / top;
}

/** The first hidden layer's activations on every pair of a two-operand modular task, row a·p + b. */
function pairActivations(model: ProbeContext['model'], task: ProbeContext['task'], width: number): Float32Array {
  const p = task.classes, n = task.labels.length, H = new Float32Array(p * p * width);
  const A = model.hidden(Int32Array.from({ length: n }, (_, i) => i), 1);
  for (let e = 0; e < n; e++) {
    const row = task.tokens[2 * e] * p + (task.tokens[2 * e + 1] - p);
    H.set(A.subarray(e * width, (e + 1) * width), row * width);
  }
  return H;
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
 * Fourier directions (`spectrum:W1:fourierAlign`, src/probes/fourier.ts fourierAlignment), and the same for W2, the
 * first hidden matrix (the one Muon updates), read through the first layer's activations on every pair
 * (`spectrum:W2:fourierAlign`, hiddenFourierAlignment).
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
      const W2 = model.params.find((q) => q.name === 'W2');
      if (W2 && task.labels.length === task.classes ** 2 && W2.shape[0] === W1.shape[1]) {
        out['spectrum:W2:fourierAlign'] = hiddenFourierAlignment(pairActivations(model, task, W1.shape[1]), W2.data, W2.shape[0], W2.shape[1], task.classes, ALIGN_TOP);
      }
    }
    return out;
  },
};
