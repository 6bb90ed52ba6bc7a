
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
  const A = Float64Array.from(K);
  for (let i = 0; i < n; i++) A[i * n + i] += ridge;
  const alpha = choleskySolve(A, n, y);
  const out = new Float64Array(m);
  for (let t = 0; t < m; t++) { let v = 0; for (let i = 0; i < n; i++) v += Kstar[i * m + t] * alpha[i]; out[t] = v; }
  return out;
}

/**
 * Solves A x = b for a symmetric positive-definite A (row-major, n × n; overwritten by its Cholesky factor L in the
 * lower triangle). The Cholesky–Crout order: L[i][j] = (A[i][j] − L[i][0..j)·L[j][0..j)) / L[j][j], each entry a dot
 * product of two contiguous row prefixes, which keeps the O(n³/3) work on contiguous memory (several times faster
 * than a column-oriented factorization over arrays of rows). Then L y = b and Lᵀ x = y.
 */
export function choleskySolve(A: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      // four partial sums: the dot product's additions no longer wait on each other
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, k = 0;
      for (; k + 3 < j; k += 4) {
        s0 += A[ri + k] * A[rj + k]; s1 += A[ri + k + 1] * A[rj + k + 1];
        s2 += A[ri + k + 2] * A[rj + k + 2]; s3 += A[ri + k + 3] * A[rj + k + 3];
      }
      for (; k < j; k++) s0 += A[ri + k] * A[rj + k];
      const s = A[ri + j] - ((s0 + s1) + (s2 + s3));
      if (j < i) A[ri + j] = s / A[rj + j];
      else {
        if (!(s > 0)) throw new Error(`choleskySolve: the matrix is not positive definite (pivot ${i} is ${s})`);
        A[ri + i] = Math.sqrt(s);
      }
    }
  }
  const x = Float64Array.from(b as ArrayLike<number>);
  for (let i = 0; i < n; i++) { let s = x[i]; for (let k = 0; k < i; k++) s -= A[i * n + k] * x[k]; x[i] = s / A[i * n + i]; }
  for (let i = n - 1; i >= 0; i--) { let s = x[i]; for (let k = i + 1; k < n; k++) s -= A[k * n + i] * x[k]; x[i] = s / A[i * n + i]; }
  return x;
}
