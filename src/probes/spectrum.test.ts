import { describe, expect, test } from 'vitest';
import { rng } from '../engine/rng.ts';
import { bulkEdge, singularValues } from './spectrum.ts';

describe('spectrum probe', () => {
  test('should recover known singular values: a diagonal matrix in shuffled rows', () => {
    // rows of diag(5, 3, 1) permuted and one column negated: singular values are 5, 3, 1 exactly
    const W = Float32Array.from([0, 3, 0, 0, 0, -1, 5, 0, 0]);
    expect(singularValues(W, 3, 3).map((s) => +s.toFixed(6))).toEqual([5, 3, 1]);
  });

  test('should find no outlier in pure noise and one for a strong rank-one spike (BBP)', () => {
    const r = rng(1, 'spectrum'), rows = 120, cols = 80;
    const noise = Float32Array.from({ length: rows * cols }, () => r.normal());
    const sv = singularValues(noise, rows, cols);
    // Marchenko–Pastur: top singular value ≈ √120 + √80 = 19.9 for unit variance
    expect(bulkEdge(sv, rows, cols)).toBeCloseTo(Math.sqrt(rows) + Math.sqrt(cols), 0);
    expect(sv.filter((s) => s > bulkEdge(sv, rows, cols)).length).toBe(0);
    // θ·u vᵀ with θ = 3·(rows·cols)^¼ is far above the BBP threshold (rows·cols)^¼ ≈ 9.9
    const u = Array.from({ length: rows }, () => r.normal() / Math.sqrt(rows)), v = Array.from({ length: cols }, () => r.normal() / Math.sqrt(cols));
    const theta = 3 * (rows * cols) ** 0.25;
    const spiked = noise.map((x, i) => x + theta * u[Math.floor(i / cols)] * v[i % cols]);
    const sp = singularValues(spiked, rows, cols);
    expect(sp.filter((s) => s > bulkEdge(sp, rows, cols)).length).toBe(1);
  });
});

describe('Fourier alignment of the input-side weights', () => {
  test('should read 1 for weights whose top directions are single Fourier modes, and ≈ 0.2 for random weights', async () => {
    const { fourierAlignment } = await import('./fourier.ts');
    // Arrange: p = 31, 2p × 8 weights; columns: cos and sin at f = 3 on the a-block, at f = 7 on the b-block (distinct scales)
    const p = 31, h = 8, W = new Float32Array(2 * p * h);
    for (let a = 0; a < p; a++) {
      W[a * h + 0] = 4 * Math.cos((2 * Math.PI * 3 * a) / p); W[a * h + 1] = 3.5 * Math.sin((2 * Math.PI * 3 * a) / p);
      W[(p + a) * h + 2] = 3 * Math.cos((2 * Math.PI * 7 * a) / p); W[(p + a) * h + 3] = 2.5 * Math.sin((2 * Math.PI * 7 * a) / p);
    }
    const r = rng(2, 'align'), noise = Float32Array.from({ length: 2 * p * h }, () => r.normal());
    // Act and Assert
    expect(fourierAlignment(W, 2 * p, h, p, 4)).toBeCloseTo(1, 5);
    const random = fourierAlignment(noise, 2 * p, h, p, 4);
    expect(random).toBeGreaterThan(0.1);
    expect(random).toBeLessThan(0.4);
  });
});

describe('Fourier alignment of a hidden matrix, read through the activations that feed it', () => {
  const p = 31, w = (f: number, x: number) => (2 * Math.PI * f * x) / p;
  const onPairs = (g: (a: number, b: number) => number) => Float64Array.from({ length: p * p }, (_, e) => g(Math.floor(e / p), e % p));

  test('should give a function of one frequency share 1, two equal frequencies 1/2, and unstructured noise almost none', async () => {
    const { pairFourierShare } = await import('./spectrum.ts');
    // Arrange: cos(ω₃(a + b)) is the grokked feature at f = 3 (its power at (3, 3) and (28, 28)); cos(ω₃a) + cos(ω₅b) splits evenly
    const r = rng(3, 'pairFourier');
    // Act and Assert
    expect(pairFourierShare(onPairs((a, b) => 2 + Math.cos(w(3, a + b))), p)).toBeCloseTo(1, 6);
    expect(pairFourierShare(onPairs((a, b) => Math.cos(w(3, a)) * Math.sin(w(3, b)) + Math.cos(w(28, b))), p)).toBeCloseTo(1, 6);
    expect(pairFourierShare(onPairs((a, b) => Math.cos(w(3, a)) + Math.cos(w(5, b))), p)).toBeCloseTo(0.5, 6);
    // white noise: 8 of the 960 components per frequency, so ≈ 0.01 each and the largest of 15 about 0.02
    expect(pairFourierShare(onPairs(() => r.normal()), p)).toBeLessThan(0.05);
  });

  test("should read 1 when the matrix's top directions carry single-frequency units, and little for random activations", async () => {
    const { hiddenFourierAlignment } = await import('./spectrum.ts');
    // Arrange: 6 units on all p² pairs: cos and sin of ω₃(a + b), cos ω₇a, then noise; W2 (6 × 5) reads units 0 and 1 most strongly
    const r = rng(4, 'hiddenFourier'), width = 6, out = 5;
    const H = new Float32Array(p * p * width);
    for (let e = 0; e < p * p; e++) {
      const a = Math.floor(e / p), b = e % p;
      H.set([Math.cos(w(3, a + b)), Math.sin(w(3, a + b)), Math.cos(w(7, a)), r.normal(), r.normal(), r.normal()], e * width);
    }
    const W = new Float32Array(width * out);
    W[0 * out + 0] = 5; W[1 * out + 1] = 4; W[2 * out + 2] = 0.5; W[3 * out + 3] = 0.2; W[4 * out + 4] = 0.1;
    const noise = Float32Array.from({ length: p * p * width }, () => r.normal());
    // Act and Assert
    expect(hiddenFourierAlignment(H, W, width, out, p, 2)).toBeCloseTo(1, 5);
    expect(hiddenFourierAlignment(noise, W, width, out, p, 2)).toBeLessThan(0.05);
  });
});
