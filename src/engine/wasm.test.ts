import { describe, expect, test } from 'vitest';
import { Arena, gemmScratch } from './wasm.ts';

describe('WebAssembly kernels', () => {
  test('should agree with the JS side on the scratch size gemm needs', () => {
    const arena = new Arena();
    arena.reserve(1);
    arena.commit();
    for (const n of [1, 7, 8, 97, 256, 1000]) expect(gemmScratch(n)).toBe(arena.kernels.packSize(n));
  });

  test('should multiply in all three layouts exactly as a float64 reference within float32 rounding', () => {
    // Arrange: odd sizes exercise the partial panels and leftover rows
    const M = 13, K = 300, N = 11, arena = new Arena();
    const hA = arena.reserve(M * K), hB = arena.reserve(K * N), hC = arena.reserve(M * N), hP = arena.reserve(gemmScratch(Math.max(N, M)));
    const v = arena.commit(), A = v.f32(hA), B = v.f32(hB), C = v.f32(hC), P = v.f32(hP);
    A.data.forEach((_, i) => { A.data[i] = Math.sin(i); });
    B.data.forEach((_, i) => { B.data[i] = Math.cos(3 * i); });
    const ref = (m: number, n: number, a: (m: number, k: number) => number, kk: number, b: (k: number, n: number) => number) => {
      let s = 0;
      for (let k = 0; k < kk; k++) s += a(m, k) * b(k, n);
      return s;
    };
    // Act / Assert: C = A·B
    arena.kernels.gemm(M, N, K, A.ptr, K, 1, B.ptr, N, C.ptr, N, 0, P.ptr);
    for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) expect(C.data[m * N + n]).toBeCloseTo(ref(m, n, (i, k) => A.data[i * K + k], K, (k, j) => B.data[k * N + j]), 3);
    // C += Aᵀ-layout: treat A as [K×M] read transposed (sam = 1, sak = M) with K' = 13 rows... C[M'×N]: here M' = K/… use a square slice
    arena.kernels.gemm(M, N, M, A.ptr, 1, M, B.ptr, N, C.ptr, N, 0, P.ptr);
    for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) expect(C.data[m * N + n]).toBeCloseTo(ref(m, n, (i, k) => A.data[k * M + i], M, (k, j) => B.data[k * N + j]), 4);
  });
});
