// grokcheck's hot kernels, compiled to WebAssembly with SIMD (f32x4) by AssemblyScript.
//
// All pointers are byte offsets into this module's linear memory; the engine (src/engine/wasm.ts)
// lays its buffers out there once per run and calls these functions on them. Nothing here allocates.
// Every loop adds in a fixed order, so one build gives bit-identical results on every run.

/**
 * c + a·b per lane. Built twice (scripts/build-wasm.mjs): with relaxed SIMD it is one fused multiply-add
 * (f32x4.relaxed_madd, an FMA instruction on x86-64 and ARM64, rounded once), otherwise a multiply then an
 * add. The engine uses the FMA build where the runtime accepts it and records which one ran.
 */
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Rows of C a micro-kernel computes at once, and the K-chunk that keeps a panel of A and B in L2. */
const MR = 4;
const KC = 256;

/** Floats of scratch the caller must provide at `pack` for gemm with N columns: packed B panels plus a tile. */
export function packSize(N: i32): i32 { return KC * ((N + 7) & ~7) + 64; }

/**
 * C[M×N] (+)= A · B, with A read through strides (A[m,k] = a[m·sam + k·sak]) so one kernel serves the
 * three layouts a dense layer needs: X·W (sam=K, sak=1), Xᵀ·dY (sam=1, sak=M) and, with B transposed by
 * the caller, dY·Wᵀ. B is row-major [K×ldb], C row-major [M×ldc]. accumulate=0 overwrites C.
 * B is packed per K-chunk into aligned panels of 8 columns (zero-padded), as BLAS libraries do, so the
 * micro-kernel's loads are aligned whatever N is (an output layer of 97 classes has an odd row stride).
 */
export function gemm(M: i32, N: i32, K: i32, a: usize, sam: i32, sak: i32, b: usize, ldb: i32,
                     c: usize, ldc: i32, accumulate: i32, pack: usize): void {
  if (!accumulate) {
    for (let m = 0; m < M; m++) memory.fill(c + ((<usize>(m * ldc)) << 2), 0, (<usize>N) << 2);
  }
  const panels = (N + 7) >> 3;
  const tile = pack + (<usize>(KC * panels * 8) << 2);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    packB(N, kc, b + ((<usize>(k0 * ldb)) << 2), ldb, pack);
    const a0 = a + ((<usize>(k0 * sak)) << 2);
    // rows outer, panels inner: a 4-row strip of A stays in L1 while the packed B (in L2) streams by
    let m = 0;
    for (; m + MR <= M; m += MR) {
      const am = a0 + ((<usize>(m * sam)) << 2);
      for (let p = 0; p < panels; p++) {
        if (sam == 1) tile4t(kc, am, sak, pack + (<usize>(p * kc * 8) << 2), tile);
        else tile4(kc, am, sam, sak, pack + (<usize>(p * kc * 8) << 2), tile);
        addTile(MR, min(8, N - (p << 3)), tile, c + ((<usize>(m * ldc + (p << 3))) << 2), ldc);
      }
    }
    for (; m < M; m++) {
      const am = a0 + ((<usize>(m * sam)) << 2);
      for (let p = 0; p < panels; p++) {
        tile1(kc, am, sak, pack + (<usize>(p * kc * 8) << 2), tile);
        addTile(1, min(8, N - (p << 3)), tile, c + ((<usize>(m * ldc + (p << 3))) << 2), ldc);
      }
    }
  }
}

/** Copies B[0:kc, 0:N] into panels of 8 columns: panel p holds rows of B[k, 8p:8p+8], zero-padded. */
function packB(N: i32, kc: i32, b: usize, ldb: i32, pack: usize): void {
  const panels = (N + 7) >> 3;
  for (let p = 0; p < panels; p++) {
    const n0 = p << 3, nv = min(8, N - n0);
    let dst = pack + (<usize>(p * kc * 8) << 2);
    let src = b + ((<usize>n0) << 2);
    const kb = (<usize>ldb) << 2;
    if (nv == 8) {
      for (let k = 0; k < kc; k++) { v128.store(dst, v128.load(src)); v128.store(dst, v128.load(src, 16), 16); dst += 32; src += kb; }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let j = 0; j < 8; j++) store<f32>(dst + ((<usize>j) << 2), j < nv ? load<f32>(src + ((<usize>j) << 2)) : 0);
        dst += 32; src += kb;
      }
    }
  }
}

/** tile[4×8] = A[4 rows, 0:kc] · panel: the 4×8 register-blocked micro-kernel. */
function tile4(kc: i32, a: usize, sam: i32, sak: i32, bp: usize, tile: usize): void {
  const ra = (<usize>sam) << 2, ka = (<usize>sak) << 2;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let ap = a, bq = bp;
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(bq), b1 = v128.load(bq, 16);
    let x = f32x4.splat(load<f32>(ap));
    c00 = madd(x, b0, c00); c01 = madd(x, b1, c01);
    x = f32x4.splat(load<f32>(ap + ra));
    c10 = madd(x, b0, c10); c11 = madd(x, b1, c11);
    x = f32x4.splat(load<f32>(ap + 2 * ra));
    c20 = madd(x, b0, c20); c21 = madd(x, b1, c21);
    x = f32x4.splat(load<f32>(ap + 3 * ra));
    c30 = madd(x, b0, c30); c31 = madd(x, b1, c31);
    ap += ka; bq += 32;
  }
  v128.store(tile, c00); v128.store(tile, c01, 16); v128.store(tile, c10, 32); v128.store(tile, c11, 48);
  v128.store(tile, c20, 64); v128.store(tile, c21, 80); v128.store(tile, c30, 96); v128.store(tile, c31, 112);
}

/** tile4 for A read transposed (sam = 1): the four A values of a step are adjacent, one load and four lane splats. */
function tile4t(kc: i32, a: usize, sak: i32, bp: usize, tile: usize): void {
  const ka = (<usize>sak) << 2;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let ap = a, bq = bp;
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(bq), b1 = v128.load(bq, 16), xs = v128.load(ap);
    let x = v128.shuffle<f32>(xs, xs, 0, 0, 0, 0);
    c00 = madd(x, b0, c00); c01 = madd(x, b1, c01);
    x = v128.shuffle<f32>(xs, xs, 1, 1, 1, 1);
    c10 = madd(x, b0, c10); c11 = madd(x, b1, c11);
    x = v128.shuffle<f32>(xs, xs, 2, 2, 2, 2);
    c20 = madd(x, b0, c20); c21 = madd(x, b1, c21);
    x = v128.shuffle<f32>(xs, xs, 3, 3, 3, 3);
    c30 = madd(x, b0, c30); c31 = madd(x, b1, c31);
    ap += ka; bq += 32;
  }
  v128.store(tile, c00); v128.store(tile, c01, 16); v128.store(tile, c10, 32); v128.store(tile, c11, 48);
  v128.store(tile, c20, 64); v128.store(tile, c21, 80); v128.store(tile, c30, 96); v128.store(tile, c31, 112);
}

/** tile[1×8] = A[1 row, 0:kc] · panel (the rows left over when M is not a multiple of 4). */
function tile1(kc: i32, a: usize, sak: i32, bp: usize, tile: usize): void {
  const ka = (<usize>sak) << 2;
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  let ap = a, bq = bp;
  for (let k = 0; k < kc; k++) {
    const x = f32x4.splat(load<f32>(ap));
    c0 = madd(x, v128.load(bq), c0);
    c1 = madd(x, v128.load(bq, 16), c1);
    ap += ka; bq += 32;
  }
  v128.store(tile, c0); v128.store(tile, c1, 16);
}

/** C[r, 0:nv] += tile[r, 0:nv] for the tile's rows. */
function addTile(rows: i32, nv: i32, tile: usize, c: usize, ldc: i32): void {
  const rc = (<usize>ldc) << 2;
  for (let r = 0; r < rows; r++) {
    const t = tile + (<usize>(r * 32)), cr = c + <usize>r * rc;
    if (nv == 8) {
      v128.store(cr, f32x4.add(v128.load(cr), v128.load(t)));
      v128.store(cr, f32x4.add(v128.load(cr, 16), v128.load(t, 16)), 16);
    } else {
      for (let j = 0; j < nv; j++) { const o = (<usize>j) << 2; store<f32>(cr + o, load<f32>(cr + o) + load<f32>(t + o)); }
    }
  }
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

/** Whether the last ceRow's argmax was its label. */
let rowHit: i32 = 0;

/**
 * One row's −log softmax(x)[label] as a float32 (log-sum-exp with the row max subtracted), setting rowHit; with
 * grad ≠ 0 also writes the row's dL/dx = (softmax − onehot)·scale at g.
 */
// @ts-ignore: decorator
@inline function ceRow(row: usize, label: i32, C: i32, grad: usize, g: usize, scale: f32): f32 {
  let best = 0;
  let mx = load<f32>(row);
  for (let c = 1; c < C; c++) { const v = load<f32>(row + ((<usize>c) << 2)); if (v > mx) { mx = v; best = c; } }
  rowHit = best == label ? 1 : 0;
  let z: f32 = 0;
  for (let c = 0; c < C; c++) {
    const e = Mathf.exp(load<f32>(row + ((<usize>c) << 2)) - mx);
    z += e;
    if (grad) store<f32>(g + ((<usize>c) << 2), e);
  }
  const term = Mathf.log(z) - (load<f32>(row + ((<usize>label) << 2)) - mx);
  if (grad) {
    const s = scale / z;
    for (let c = 0; c < C; c++) { const o = g + ((<usize>c) << 2); store<f32>(o, load<f32>(o) * s); }
    const o = g + ((<usize>label) << 2);
    store<f32>(o, load<f32>(o) - scale);
  }
  return term;
}

/**
 * Σ_r −log softmax(x_r)[y_r] over R rows of C logits (each row's term in f32, summed in f64 in row order),
 * counting argmax hits; with grad ≠ 0 also writes dL/dx = (softmax − onehot)·scale.
 */
export function softmaxCrossEntropy(R: i32, C: i32, x: usize, y: usize, grad: usize, scale: f32): f64 {
  let sum: f64 = 0;
  let hits = 0;
  for (let r = 0; r < R; r++) {
    const o = (<usize>(r * C)) << 2;
    sum += <f64>ceRow(x + o, load<i32>(y + ((<usize>r) << 2)), C, grad, grad + o, scale);
    hits += rowHit;
  }
  lastCorrect = hits;
  return sum;
}

/**
 * softmaxCrossEntropy's rows without the sum: row r's f32 term goes to losses[r] (a caller that splits the rows
 * over threads sums them in row order itself, the same f64 additions); returns the hits.
 */
export function softmaxCrossEntropyRows(R: i32, C: i32, x: usize, y: usize, grad: usize, scale: f32, losses: usize): i32 {
  let hits = 0;
  for (let r = 0; r < R; r++) {
    const o = (<usize>(r * C)) << 2;
    store<f32>(losses + ((<usize>r) << 2), ceRow(x + o, load<i32>(y + ((<usize>r) << 2)), C, grad, grad + o, scale));
    hits += rowHit;
  }
  return hits;
}
