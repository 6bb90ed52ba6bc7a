import { type Kernels, gemmScratch, instantiate } from './wasm.ts';

const BASE = 65536; // the kernels' static data lives in the first page

/**
 * Dense float32 matrix products on the WebAssembly kernels, for optimizer transforms and probes that work on
 * whole weight matrices (Newton–Schulz orthogonalization, polar retraction). Row-major; inputs are copied
 * into a private memory that grows as needed, so callers pass and get plain Float32Arrays.
 */
export class Linalg {
  private memory = new WebAssembly.Memory({ initial: 4 });
  private k: Kernels = instantiate(this.memory);

  /** C[m×n] = op(A)·op(B) with op(A) m×k and op(B) k×n; transA/transB read A as [k×m] / B as [n×k]. */
  matmul(A: Float32Array, B: Float32Array, m: number, k: number, n: number, transA = false, transB = false): Float32Array {
    const a = BASE, b = align(a + 4 * m * k), bt = align(b + 4 * k * n), c = align(bt + 4 * k * n), pack = align(c + 4 * m * n);
    this.ensure(pack + 4 * gemmScratch(Math.max(n, 8)));
    const f = new Float32Array(this.memory.buffer);
    f.set(A.subarray(0, m * k), a / 4);
    f.set(B.subarray(0, k * n), b / 4);
    if (transB) this.k.transpose(n, k, b, bt);
    this.k.gemm(m, n, k, a, transA ? 1 : k, transA ? m : 1, transB ? bt : b, n, c, n, 0, pack);
    return new Float32Array(this.memory.buffer, c, m * n).slice();
  }

  /**
   * Muon's quintic Newton–Schulz iteration on X (r×n, r ≤ n, already normalized) entirely inside this memory:
   * A = XXᵀ, B = bA + cA², X ← aX + BX, `steps` times; no allocation per step.
   */
  quinticNS(X0: Float32Array, r: number, n: number, steps: number, [a, b, c]: readonly number[]): Float32Array {
    const x = BASE, xt = align(x + 4 * r * n), A = align(xt + 4 * r * n), A2 = align(A + 4 * r * r), bx = align(A2 + 4 * r * r), pack = align(bx + 4 * r * n);
    this.ensure(pack + 4 * gemmScratch(Math.max(n, r, 8)));
    const mem = this.memory.buffer, X = new Float32Array(mem, x, r * n), Av = new Float32Array(mem, A, r * r), A2v = new Float32Array(mem, A2, r * r), BX = new Float32Array(mem, bx, r * n);
    X.set(X0);
    for (let s = 0; s < steps; s++) {
      this.k.transpose(r, n, x, xt);
      this.k.gemm(r, r, n, x, n, 1, xt, r, A, r, 0, pack);
      this.k.gemm(r, r, r, A, r, 1, A, r, A2, r, 0, pack);
      for (let i = 0; i < r * r; i++) Av[i] = b * Av[i] + c * A2v[i];
      this.k.gemm(r, n, r, A, r, 1, x, n, bx, n, 0, pack);
      for (let i = 0; i < r * n; i++) X[i] = a * X[i] + BX[i];
    }
    return X.slice();
  }

  private ensure(bytes: number): void {
    const need = Math.ceil(bytes / 65536) - this.memory.buffer.byteLength / 65536;
    if (need > 0) this.memory.grow(need);
  }
}

const align = (x: number) => (x + 63) & ~63;

let shared: Linalg | null = null;
/** The process's Linalg (one wasm memory reused by every caller on this thread). */
export const linalg = (): Linalg => (shared ??= new Linalg());

export function transpose(X: Float32Array, rows: number, cols: number): Float32Array {
  const T = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) T[c * rows + r] = X[r * cols + c];
  return T;
}

const frobenius = (X: Float32Array): number => { let s = 0; for (let i = 0; i < X.length; i++) s += X[i] * X[i]; return Math.sqrt(s); };

/** G/(‖G‖_F + eps) in its wide orientation (r ≤ n rows), which both iterations work on. */
function wideNormalized(G: Float32Array, rows: number, cols: number, eps: number) {
  const wide = rows <= cols, norm = frobenius(G) + eps;
  return { X: (wide ? G : transpose(G, rows, cols)).map((v) => v / norm), wide, r: wide ? rows : cols, n: wide ? cols : rows };
}

/**
 * Muon's quintic Newton–Schulz iteration (Jordan et al. 2024, github.com/KellerJordan/Muon): X = G/‖G‖_F, then
 * `steps` times X ← aX + (bA + cA²)X with A = XXᵀ and (a, b, c) = (3.4445, −4.7750, 2.0315), on the wide
 * orientation. It pushes every singular value towards 1 without converging exactly: the coefficients trade
 * exactness for speed, leaving the singular values in a band around 1 (see linalg.test.ts for the band).
 */
export function newtonSchulz5(G: Float32Array, rows: number, cols: number, steps = 5): Float32Array {
  const { X, wide, r, n } = wideNormalized(G, rows, cols, 1e-7);
  const out = linalg().quinticNS(X, r, n, steps, [3.4445, -4.775, 2.0315]);
  return wide ? out : transpose(out, r, n);
}

/**
 * The polar factor UVᵀ of W = UΣVᵀ (the nearest semi-orthogonal matrix in Frobenius norm), by the cubic
 * Newton–Schulz iteration X ← 1.5X − 0.5XXᵀX from X = W/‖W‖_F, until ‖XXᵀ − I‖_max < tol (wide orientation)
 * or it stops improving (float32 rounding floors the residual near 1e-6·n). Converges for full-rank W; a zero
 * singular value stays zero (the factor is then not unique). From a nearly orthogonal W it takes 2–3 steps.
 */
export function polar(W: Float32Array, rows: number, cols: number, { tol = 1e-5, maxIter = 100 } = {}): Float32Array {
  let { X, wide, r, n } = wideNormalized(W, rows, cols, 1e-12);
  const L = linalg();
  let last = Infinity;
  for (let it = 0; it < maxIter; it++) {
    const A = L.matmul(X, X, r, n, r, false, true);
    let off = 0;
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) off = Math.max(off, Math.abs(A[i * r + j] - (i === j ? 1 : 0)));
    if (off < tol || (off < 1e-2 && off >= last)) break;
    last = off;
    const AX = L.matmul(A, X, r, r, n);
    X = X.map((v, i) => 1.5 * v - 0.5 * AX[i]);
  }
  return wide ? X : transpose(X, r, n);
}
