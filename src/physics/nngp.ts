import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * The NNGP kernel of a one-hidden-layer erf network with input weights w ~ N(0, σ²·I/d) (Williams 1997,
 * "Computing with infinite networks"): K(x, x') = (2/π)·arcsin(2x·Σx' / √((1 + 2x·Σx)(1 + 2x'·Σx'))), Σ = σ²I/d.
 * It is E_w[erf(w·x)·erf(w·x')], the covariance of one hidden unit; an infinitely wide network's output is
 * a GP with this kernel (times the readout variance, which the ridge absorbs).
 */
export function erfKernel(X1: Float32Array, n1: number, X2: Float32Array, n2: number, d: number, sigma2 = 1): Float64Array {
  const s = (2 * sigma2) / d;
  const dot = (A: Float32Array, i: number, B: Float32Array, j: number) => { let v = 0; for (let k = 0; k < d; k++) v += A[i * d + k] * B[j * d + k]; return v; };
  const n1s = Array.from({ length: n1 }, (_, i) => 1 + s * dot(X1, i, X1, i)), n2s = Array.from({ length: n2 }, (_, j) => 1 + s * dot(X2, j, X2, j));
  const K = new Float64Array(n1 * n2);
  for (let i = 0; i < n1; i++) for (let j = 0; j < n2; j++) K[i * n2 + j] = (2 / Math.PI) * Math.asin((s * dot(X1, i, X2, j)) / Math.sqrt(n1s[i] * n2s[j]));
  return K;
}

/** Kernel ridge regression (the GP posterior mean): predictions at the test points, f* = K*ᵀ(K + ridge·I)⁻¹y. */
export function kernelRegression(K: Float64Array, n: number, Kstar: Float64Array, m: number, y: ArrayLike<number>, ridge: number): Float64Array {
  const A = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.set(i, j, K[i * n + j] + (i === j ? ridge : 0));
  const alpha = new CholeskyDecomposition(A).solve(Matrix.columnVector(Array.from(y))).getColumn(0);
  const out = new Float64Array(m);
  for (let t = 0; t < m; t++) { let v = 0; for (let i = 0; i < n; i++) v += Kstar[i * m + t] * alpha[i]; out[t] = v; }
  return out;
}
