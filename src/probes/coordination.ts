import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { rng, shuffle } from '../engine/rng.ts';
import { median } from '../stats/median.ts';
import type { Probe } from './probe.ts';

/** The edge threshold of the weight-correlation graph, fixed before any run: |r| ≥ 0.5, five null SDs for 94-long vectors. */
export const CORRELATION_THRESHOLD = 0.5;
/** Focal neurons: the top tenth of the graph by degree (the seed's "high connectivity"). */
export const FOCAL_FRACTION = 0.1;
/** A point's coordination shell: its neighbours within (1 + 0.1) × its nearest-neighbour distance. */
export const SHELL = 1.1;
/** Points of the activation cloud: a fixed random subset of the task's inputs. */
export const CLOUD_POINTS = 256;

/**
 * Degrees of the correlation graph of the columns of a [rows × cols] row-major matrix: column j is a node,
 * and j ~ k when the Pearson correlation of columns j and k has |r| ≥ threshold.
 */
export function correlationDegrees(W: Float32Array, rows: number, cols: number, threshold = CORRELATION_THRESHOLD): number[] {
  const z = Array.from({ length: cols }, (_, j) => {
    const v = new Float64Array(rows);
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += (v[r] = W[r * cols + j]);
    mean /= rows;
    let ss = 0;
    for (let r = 0; r < rows; r++) { v[r] -= mean; ss += v[r] * v[r]; }
    const s = Math.sqrt(ss) || 1;
    for (let r = 0; r < rows; r++) v[r] /= s;
    return v;
  });
  const deg = new Array<number>(cols).fill(0);
  for (let j = 0; j < cols; j++) for (let k = j + 1; k < cols; k++) {
    let r = 0;
    for (let i = 0; i < rows; i++) r += z[j][i] * z[k][i];
    if (Math.abs(r) >= threshold) { deg[j]++; deg[k]++; }
  }
  return deg;
}

/**
 * Coordination numbers of a point cloud ([n × dim] row-major): for each point, how many others lie within
 * SHELL × its nearest-neighbour distance. Every site of an FCC lattice (the vector equilibrium) has 12.
 */
export function coordinationNumbers(X: Float32Array, n: number, dim: number, shell = SHELL): number[] {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    let s = 0;
    for (let k = 0; k < dim; k++) { const t = X[i * dim + k] - X[j * dim + k]; s += t * t; }
    d[i * n + j] = d[j * n + i] = Math.sqrt(s);
  }
  return Array.from({ length: n }, (_, i) => {
    let nn = Infinity;
    for (let j = 0; j < n; j++) if (j !== i && d[i * n + j] < nn) nn = d[i * n + j];
    let c = 0;
    for (let j = 0; j < n; j++) if (j !== i && d[i * n + j] <= shell * nn) c++;
    return c;
  });
}

/** The median of the top `fraction` of values (at least one). */
export function focal(values: readonly number[], fraction = FOCAL_FRACTION): number {
  const top = [...values].sort((a, b) => b - a).slice(0, Math.max(1, Math.round(values.length * fraction)));
  return top[(top.length - 1) >> 1];
}


/**
 * The shuffled baseline: each column permuted independently (fixed seed). It keeps every neuron's own
 * distribution of values and destroys the relations between neurons (or, for a cloud, between points).
 */
export function shuffleColumns(X: Float32Array, rows: number, cols: number, stream: string): Float32Array {
  const r = rng(0, stream), out = new Float32Array(X.length), order = Int32Array.from({ length: rows }, (_, i) => i);
  for (let j = 0; j < cols; j++) {
    shuffle(order, r);
    for (let i = 0; i < rows; i++) out[i * cols + j] = X[order[i] * cols + j];
  }
  return out;
}

/**
 * `coordination` (claims E2 and E10 of the VE seed). Weight graph: first-layer neurons are nodes, joined when
 * their incoming weight vectors (columns of W1) correlate with |r| ≥ 0.5; `coordination:focal` is the median
 * degree of the focal neurons (top 10% by degree), `coordination:mean` the mean degree. Activation cloud: the
 * first hidden layer's activations on a fixed subset of 256 inputs; `coordination:cloud` is the median
 * coordination number. Each has a `…Shuffled` twin measured on the column-shuffled baseline.
 */
export const coordination: Probe = {
  name: 'coordination',
  measure({ model, task }): Record<string, number> {
    const W1 = model.params.find((q) => q.name === 'W1');
    if (!W1 || !model.params.some((q) => q.name === 'W2')) return {};
    const [rows, width] = W1.shape;
    const deg = correlationDegrees(W1.data, rows, width), degS = correlationDegrees(shuffleColumns(W1.data, rows, width, 'coordination:W1'), rows, width);
    const pts = cloudRows(task.labels.length);
    const A = model.hidden(pts, 1);
    return {
      'coordination:focal': focal(deg), 'coordination:focalShuffled': focal(degS),
      'coordination:mean': deg.reduce((a, b) => a + b, 0) / width,
      'coordination:cloud': median(coordinationNumbers(A, pts.length, width)),
      'coordination:cloudShuffled': median(coordinationNumbers(shuffleColumns(A, pts.length, width, 'coordination:cloud'), pts.length, width)),
    };
  },
};

/** Coordinates of the rows of X ([n × dim], row-major) on its first two principal components (for pictures). */
export function principalPlane(X: Float32Array, n: number, dim: number): [number, number][] {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k] += X[i * dim + k] / n;
  const C = new Matrix(dim, dim);
  for (let a = 0; a < dim; a++) for (let b = a; b < dim; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (X[i * dim + a] - mean[a]) * (X[i * dim + b] - mean[b]);
    C.set(a, b, s); C.set(b, a, s);
  }
  const eig = new EigenvalueDecomposition(C, { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((v, i) => [v, i]).sort((x, y) => y[0] - x[0]).map(([, i]) => i);
  const V = eig.eigenvectorMatrix;
  return Array.from({ length: n }, (_, i) => {
    const proj = [0, 0];
    for (const [c, col] of order.slice(0, 2).entries()) for (let k = 0; k < dim; k++) proj[c] += (X[i * dim + k] - mean[k]) * V.get(k, col);
    return proj as [number, number];
  });
}

/** The inputs whose activations form the probe's cloud: a fixed random subset of all examples. */
export function cloudRows(examples: number): Int32Array {
  return (shuffle(Int32Array.from({ length: examples }, (_, i) => i), rng(0, 'coordination:cloud')) as Int32Array).slice(0, Math.min(CLOUD_POINTS, examples));
}
