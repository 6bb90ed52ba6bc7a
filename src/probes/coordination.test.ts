import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fccSites } from '../models/ve.ts';
import { rng } from '../engine/rng.ts';
import { THRESHOLDS, cloudRows, coordinationNumbers, correlationDegrees, focal, plantGroups, principalPlane, shuffleColumns } from './coordination.ts';
import { plantedVeCloud } from './planted.ts';
import { median } from '../stats/median.ts';

const cloud = (pts: readonly (readonly number[])[]): Float32Array => Float32Array.from(pts.flat());

describe('coordination numbers of a point cloud', () => {
  test('should count 12 around every interior site of an FCC cluster (the vector equilibrium)', () => {
    // Arrange
    const sites = fccSites(300);
    const interior = sites.map((s) => sites.filter((t) => (s[0] - t[0]) ** 2 + (s[1] - t[1]) ** 2 + (s[2] - t[2]) ** 2 === 2).length === 12);

    // Act
    const c = coordinationNumbers(cloud(sites), sites.length, 3);

    // Assert
    expect(interior.filter(Boolean).length).toBeGreaterThan(50);
    sites.forEach((_, i) => { if (interior[i]) expect(c[i]).toBe(12); });
  });

  test('should count 6 around interior points of a simple cubic lattice', () => {
    const pts: number[][] = [];
    for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) for (let z = 0; z < 5; z++) pts.push([x, y, z]);
    const c = coordinationNumbers(cloud(pts), pts.length, 3);
    expect(c[pts.findIndex((p) => p.join() === '2,2,2')]).toBe(6);
    expect(c[0]).toBe(3);
  });
});

describe('coordination numbers: the Gram-matrix distances', () => {
  test.prop([fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1000 })])('should agree with counting by direct distances', (n, dim, seed) => {
    // Arrange: a random cloud, and the reference count from distances computed one coordinate at a time
    const r = rng(seed, 'test'), X = Float32Array.from({ length: n * dim }, () => r.normal());
    const dist = (i: number, j: number) => Math.hypot(...Array.from({ length: dim }, (_, k) => X[i * dim + k] - X[j * dim + k]));
    const expected = Array.from({ length: n }, (_, i) => {
      const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i).map((j) => dist(i, j));
      const nn = Math.min(...others);
      return others.filter((d) => d <= 1.1 * nn * (1 + 1e-9)).length;
    });

    // Act / Assert
    expect(coordinationNumbers(X, n, dim)).toEqual(expected);
  });

  test('should read a planted VE cloud of 961 points (the inputs of a+b mod 31) in the layer\'s own space as 12, but a 12% subsample far lower', () => {
    // Arrange: activations of widths 64, 128, 256 (one with a large offset, as x² activations have), and a random 12% of the FCC sites
    const sites = fccSites(961), r = rng(0, 'test');
    const sub = sites.filter(() => r.next() < 0.12);
    const activations = (dim: number, offset: number) => Float32Array.from({ length: 961 * dim }, () => offset + 0.3 * r.normal());

    // Act: the planted cloud (10% jitter in every direction) at each width, through the probe's reading
    const read = ([dim, offset]: [number, number]) => median(coordinationNumbers(plantedVeCloud(activations(dim, offset), 961, dim), 961, dim));
    const few = coordinationNumbers(cloud(sub), sub.length, 3).sort((a, b) => a - b)[sub.length >> 1];

    // Assert
    expect(([[64, 100], [128, 0], [256, 100]] as [number, number][]).map(read)).toEqual([12, 12, 12]);
    expect(few).toBeLessThan(6);
  });

  test('should plant the VE cloud at the activations\' centre and RMS radius, as an isometric copy of the lattice when unjittered', () => {
    // Arrange
    const dim = 64, n = 55, r = rng(1, 'test'), A = Float32Array.from({ length: n * dim }, (_, i) => 5 + (i % dim) * 0.01 + r.normal());
    const centre = (X: Float32Array) => Array.from({ length: dim }, (_, k) => Array.from({ length: n }, (_, i) => X[i * dim + k]).reduce((a, b) => a + b, 0) / n);
    const rms = (X: Float32Array, c: number[]) => Math.sqrt(Array.from({ length: n * dim }, (_, j) => (X[j] - c[j % dim]) ** 2).reduce((a, b) => a + b, 0) / n);
    const dist = (X: Float32Array, i: number, j: number) => Math.sqrt(Array.from({ length: dim }, (_, k) => (X[i * dim + k] - X[j * dim + k]) ** 2).reduce((a, b) => a + b, 0));
    const sites = fccSites(n), siteDist = (i: number, j: number) => Math.hypot(...sites[i].map((x, c) => x - sites[j][c]));

    // Act
    const P = plantedVeCloud(A, n, dim, 0);

    // Assert: same centre and radius; every distance the lattice's, times one scale
    const cA = centre(A), cP = centre(P);
    cA.forEach((x, k) => expect(cP[k]).toBeCloseTo(x, 4));
    expect(rms(P, cP)).toBeCloseTo(rms(A, cA), 3);
    const scale = dist(P, 0, 1) / siteDist(0, 1);
    for (const [i, j] of [[0, 2], [3, 17], [5, 54], [20, 40]]) expect(dist(P, i, j)).toBeCloseTo(scale * siteDist(i, j), 3);
  });

  test('should take every input, in order, as the cloud', () => {
    expect(Array.from(cloudRows(5))).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('planted 12-neighbour groups in a weight matrix', () => {
  test.prop([fc.integer({ min: 26, max: 200 }), fc.constantFrom(62, 94)], { numRuns: 20 })('should read 12 at every threshold, whatever the weights underneath', (cols, rows) => {
    // Arrange: unstructured weights
    const r = rng(cols, 'test'), W = Float32Array.from({ length: rows * cols }, () => r.normal());

    // Act
    const P = plantGroups(W, rows, cols);

    // Assert: each planted neuron has its 12 group-mates, and the focal degree is 12
    for (const t of THRESHOLDS) expect(focal(correlationDegrees(P, rows, cols, t))).toBe(12);
    expect(correlationDegrees(P, rows, cols).slice(0, 13)).toEqual(Array(13).fill(12));
  });
});

describe('weight-correlation graph', () => {
  test('should join columns that correlate with |r| ≥ 0.5, sign ignored', () => {
    // Arrange: columns 0–2 are ±scaled copies of one vector, column 3 is orthogonal to it
    const rows = 4, a = [1, -1, 2, -2], b = [1, 1, -1, -1];
    const W = new Float32Array(rows * 4);
    for (let r = 0; r < rows; r++) W.set([a[r], -3 * a[r], 0.5 * a[r], b[r]], r * 4);

    // Act / Assert
    expect(correlationDegrees(W, rows, 4)).toEqual([2, 2, 2, 0]);
  });

  test('should take the median of the top tenth as the focal value', () => {
    expect(focal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])).toBe(20);
    expect(focal(Array.from({ length: 30 }, (_, i) => i))).toBe(28);
  });

  test.prop([fc.integer({ min: 2, max: 20 }), fc.integer({ min: 1, max: 6 })])('should shuffle within columns only', (rows, cols) => {
    const X = Float32Array.from({ length: rows * cols }, (_, i) => i);
    const S = shuffleColumns(X, rows, cols, 'test');
    for (let j = 0; j < cols; j++) {
      const col = (M: Float32Array) => Array.from({ length: rows }, (_, i) => M[i * cols + j]).sort((x, y) => x - y);
      expect(col(S)).toEqual(col(X));
    }
  });

  test('should project a cloud onto its two main directions, keeping distances within that plane', () => {
    // Arrange: points spread along (1,1,0) and (1,−1,0), flat in z
    const pts = Array.from({ length: 40 }, (_, i) => { const a = 3 * Math.sin(i), b = Math.cos(3 * i); return [a + b, a - b, 0]; });

    // Act
    const proj = principalPlane(cloud(pts), pts.length, 3);

    // Assert: a rotation of the plane: pairwise distances are preserved
    const d = (p: number[], q: number[]) => Math.hypot(...p.map((x, k) => x - q[k]));
    for (let i = 1; i < pts.length; i++) expect(d(proj[i], proj[0])).toBeCloseTo(d(pts[i], pts[0]), 4);
  });
});
