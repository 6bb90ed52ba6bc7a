// grokcheck's hot kernels, compiled to WebAssembly with SIMD (f32x4) by AssemblyScript.
//
// All pointers are byte offsets into this module's linear memory; the engine (src/models/_internals/wasm.ts)
// lays its buffers out there once per run and calls these functions on them. Nothing here allocates.
// Every loop adds in a fixed order, so one build gives bit-identical results on every run.

/** Rows of C a micro-kernel computes at once, and the K-chunk that keeps a panel of A and B in L2. */
const MR = 4;
const KC = 256;

/**
 * C[M×N] (+)= A · B, with A read through strides (A[m,k] = a[m·sam + k·sak]) so one kernel serves the
 * three layouts a dense layer needs: X·W (sam=K, sak=1), Xᵀ·dY (sam=1, sak=M) and, with B transposed by
 * the caller, dY·Wᵀ. B is row-major [K×ldb], C row-major [M×ldc]. accumulate=0 overwrites C.
 */
export function gemm(M: i32, N: i32, K: i32, a: usize, sam: i32, sak: i32, b: usize, ldb: i32,
                     c: usize, ldc: i32, accumulate: i32): void {
  if (!accumulate) {
    for (let m = 0; m < M; m++) memory.fill(c + ((<usize>(m * ldc)) << 2), 0, (<usize>N) << 2);
  }
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    const a0 = a + ((<usize>(k0 * sak)) << 2);
    const b0 = b + ((<usize>(k0 * ldb)) << 2);
    let m = 0;
    for (; m + MR <= M; m += MR) panel4(N, kc, a0 + ((<usize>(m * sam)) << 2), sam, sak, b0, ldb, c + ((<usize>(m * ldc)) << 2), ldc);
    for (; m < M; m++) panel1(N, kc, a0 + ((<usize>(m * sam)) << 2), sak, b0, ldb, c + ((<usize>(m * ldc)) << 2));
  }
}

/** Four rows of C += A·B over one K-chunk: 4×8 register tiles, then 4×4, then scalar columns. */
function panel4(N: i32, kc: i32, a: usize, sam: i32, sak: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
  const ra = (<usize>sam) << 2, ka = (<usize>sak) << 2, kb = (<usize>ldb) << 2, rc = (<usize>ldc) << 2;
  let n = 0;
  for (; n + 8 <= N; n += 8) {
    const cn = c + ((<usize>n) << 2);
    let c00 = v128.load(cn), c01 = v128.load(cn, 16);
    let c10 = v128.load(cn + rc), c11 = v128.load(cn + rc, 16);
    let c20 = v128.load(cn + 2 * rc), c21 = v128.load(cn + 2 * rc, 16);
    let c30 = v128.load(cn + 3 * rc), c31 = v128.load(cn + 3 * rc, 16);
    let ap = a, bp = b + ((<usize>n) << 2);
    for (let k = 0; k < kc; k++) {
      const b0 = v128.load(bp), b1 = v128.load(bp, 16);
      let x = f32x4.splat(load<f32>(ap));
      c00 = f32x4.add(c00, f32x4.mul(x, b0)); c01 = f32x4.add(c01, f32x4.mul(x, b1));
      x = f32x4.splat(load<f32>(ap + ra));
      c10 = f32x4.add(c10, f32x4.mul(x, b0)); c11 = f32x4.add(c11, f32x4.mul(x, b1));
      x = f32x4.splat(load<f32>(ap + 2 * ra));
      c20 = f32x4.add(c20, f32x4.mul(x, b0)); c21 = f32x4.add(c21, f32x4.mul(x, b1));
      x = f32x4.splat(load<f32>(ap + 3 * ra));
      c30 = f32x4.add(c30, f32x4.mul(x, b0)); c31 = f32x4.add(c31, f32x4.mul(x, b1));
      ap += ka; bp += kb;
    }
    v128.store(cn, c00); v128.store(cn, c01, 16);
    v128.store(cn + rc, c10); v128.store(cn + rc, c11, 16);
    v128.store(cn + 2 * rc, c20); v128.store(cn + 2 * rc, c21, 16);
    v128.store(cn + 3 * rc, c30); v128.store(cn + 3 * rc, c31, 16);
  }
  for (; n + 4 <= N; n += 4) {
    const cn = c + ((<usize>n) << 2);
    let c0 = v128.load(cn), c1 = v128.load(cn + rc), c2 = v128.load(cn + 2 * rc), c3 = v128.load(cn + 3 * rc);
    let ap = a, bp = b + ((<usize>n) << 2);
    for (let k = 0; k < kc; k++) {
      const b0 = v128.load(bp);
      c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(ap)), b0));
      c1 = f32x4.add(c1, f32x4.mul(f32x4.splat(load<f32>(ap + ra)), b0));
      c2 = f32x4.add(c2, f32x4.mul(f32x4.splat(load<f32>(ap + 2 * ra)), b0));
      c3 = f32x4.add(c3, f32x4.mul(f32x4.splat(load<f32>(ap + 3 * ra)), b0));
      ap += ka; bp += kb;
    }
    v128.store(cn, c0); v128.store(cn + rc, c1); v128.store(cn + 2 * rc, c2); v128.store(cn + 3 * rc, c3);
  }
  for (; n < N; n++) {
    for (let r = 0; r < MR; r++) panelScalar(kc, a + <usize>r * ra, ka, b + ((<usize>n) << 2), kb, c + <usize>r * rc + ((<usize>n) << 2));
  }
}

/** One row of C += A·B over one K-chunk (the rows left over when M is not a multiple of 4). */
function panel1(N: i32, kc: i32, a: usize, sak: i32, b: usize, ldb: i32, c: usize): void {
  const ka = (<usize>sak) << 2, kb = (<usize>ldb) << 2;
  let n = 0;
  for (; n + 4 <= N; n += 4) {
    const cn = c + ((<usize>n) << 2);
    let c0 = v128.load(cn);
    let ap = a, bp = b + ((<usize>n) << 2);
    for (let k = 0; k < kc; k++) {
      c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(ap)), v128.load(bp)));
      ap += ka; bp += kb;
    }
    v128.store(cn, c0);
  }
  for (; n < N; n++) panelScalar(kc, a, ka, b + ((<usize>n) << 2), kb, c + ((<usize>n) << 2));
}

function panelScalar(kc: i32, a: usize, ka: usize, b: usize, kb: usize, c: usize): void {
  let s = load<f32>(c);
  for (let k = 0; k < kc; k++) { s += load<f32>(a) * load<f32>(b); a += ka; b += kb; }
  store<f32>(c, s);
}

/** out[r, :] = Σ_t E[tok[r·T + t], :] for r < R: the first layer as a sum of embedding rows. */
export function embedSum(R: i32, T: i32, tok: usize, e: usize, W: i32, out: usize): void {
  const rowBytes = (<usize>W) << 2;
  for (let r = 0; r < R; r++) {
    const o = out + <usize>r * rowBytes;
    const t0 = e + <usize>load<i32>(tok + ((<usize>(r * T)) << 2)) * rowBytes;
    memory.copy(o, t0, rowBytes);
    for (let t = 1; t < T; t++) {
      const et = e + <usize>load<i32>(tok + ((<usize>(r * T + t)) << 2)) * rowBytes;
      addRow(o, et, W);
    }
  }
}

/** dE[tok[r·T + t], :] += dOut[r, :]: the embedding gradient as a scatter-add (dE is not zeroed here). */
export function embedScatter(R: i32, T: i32, tok: usize, dOut: usize, W: i32, dE: usize): void {
  const rowBytes = (<usize>W) << 2;
  for (let r = 0; r < R; r++) {
    const g = dOut + <usize>r * rowBytes;
    for (let t = 0; t < T; t++) {
      addRow(dE + <usize>load<i32>(tok + ((<usize>(r * T + t)) << 2)) * rowBytes, g, W);
    }
  }
}

/** dst[0:W] += src[0:W]. */
function addRow(dst: usize, src: usize, W: i32): void {
  let j = 0;
  for (; j + 4 <= W; j += 4) {
    const o = (<usize>j) << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; j < W; j++) {
    const o = (<usize>j) << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}

/** dst[C×R] = srcᵀ for src row-major [R×C]. */
export function transpose(R: i32, C: i32, src: usize, dst: usize): void {
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) store<f32>(dst + ((<usize>(c * R + r)) << 2), load<f32>(src + ((<usize>(r * C + c)) << 2)));
  }
}

// ---- elementwise kernels (activations, biases, masks) -------------------------------------------------

/** a = max(z, 0). */
export function reluForward(n: i32, z: usize, a: usize): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) { const o = (<usize>i) << 2; v128.store(a + o, f32x4.max(v128.load(z + o), zero)); }
  for (; i < n; i++) { const o = (<usize>i) << 2; store<f32>(a + o, max(load<f32>(z + o), 0)); }
}

/** g = g · [z > 0]. */
export function reluBackward(n: i32, z: usize, g: usize): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(g + o, v128.and(v128.load(g + o), f32x4.gt(v128.load(z + o), zero)));
  }
  for (; i < n; i++) { const o = (<usize>i) << 2; if (!(load<f32>(z + o) > 0)) store<f32>(g + o, 0); }
}

/** a = z². */
export function squareForward(n: i32, z: usize, a: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) { const o = (<usize>i) << 2; const x = v128.load(z + o); v128.store(a + o, f32x4.mul(x, x)); }
  for (; i < n; i++) { const o = (<usize>i) << 2; const x = load<f32>(z + o); store<f32>(a + o, x * x); }
}

/** g = 2·z·g. */
export function squareBackward(n: i32, z: usize, g: usize): void {
  const two = f32x4.splat(2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(g + o, f32x4.mul(f32x4.mul(two, v128.load(z + o)), v128.load(g + o)));
  }
  for (; i < n; i++) { const o = (<usize>i) << 2; store<f32>(g + o, 2 * load<f32>(z + o) * load<f32>(g + o)); }
}

/** z[r, :] += b for every row r < R. */
export function addBias(R: i32, C: i32, z: usize, b: usize): void {
  for (let r = 0; r < R; r++) addRow(z + ((<usize>(r * C)) << 2), b, C);
}

/** out[c] = Σ_r x[r, c]. */
export function columnSums(R: i32, C: i32, x: usize, out: usize): void {
  memory.fill(out, 0, (<usize>C) << 2);
  for (let r = 0; r < R; r++) addRow(out, x + ((<usize>(r * C)) << 2), C);
}

/** x *= m, elementwise. */
export function multiply(n: i32, x: usize, m: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) { const o = (<usize>i) << 2; v128.store(x + o, f32x4.mul(v128.load(x + o), v128.load(m + o))); }
  for (; i < n; i++) { const o = (<usize>i) << 2; store<f32>(x + o, load<f32>(x + o) * load<f32>(m + o)); }
}

/** Correct predictions of the last softmaxCrossEntropy call. */
let lastCorrect: i32 = 0;
export function correct(): i32 { return lastCorrect; }

/**
 * Σ_r −log softmax(x_r)[y_r] over R rows of C logits (log-sum-exp with the row max subtracted, sums in f64),
 * counting argmax hits; with grad ≠ 0 also writes dL/dx = (softmax − onehot)·scale.
 */
export function softmaxCrossEntropy(R: i32, C: i32, x: usize, y: usize, grad: usize, scale: f32): f64 {
  let sum: f64 = 0;
  let hits = 0;
  for (let r = 0; r < R; r++) {
    const row = x + ((<usize>(r * C)) << 2);
    const label = load<i32>(y + ((<usize>r) << 2));
    let best = 0;
    let mx = load<f32>(row);
    for (let c = 1; c < C; c++) { const v = load<f32>(row + ((<usize>c) << 2)); if (v > mx) { mx = v; best = c; } }
    if (best == label) hits++;
    const g = grad + ((<usize>(r * C)) << 2);
    let z: f32 = 0;
    for (let c = 0; c < C; c++) {
      const e = Mathf.exp(load<f32>(row + ((<usize>c) << 2)) - mx);
      z += e;
      if (grad) store<f32>(g + ((<usize>c) << 2), e);
    }
    sum += <f64>(Mathf.log(z) - (load<f32>(row + ((<usize>label) << 2)) - mx));
    if (grad) {
      const s = scale / z;
      for (let c = 0; c < C; c++) { const o = g + ((<usize>c) << 2); store<f32>(o, load<f32>(o) * s); }
      const o = g + ((<usize>label) << 2);
      store<f32>(o, load<f32>(o) - scale);
    }
  }
  lastCorrect = hits;
  return sum;
}
