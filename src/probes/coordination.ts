import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { rng, shuffle } from '../engine/rng.ts';
import { median } from '../stats/median.ts';
import { plantedVeCloud } from './planted.ts';
import type { Probe } from './probe.ts';

/** The edge threshold of the weight-correlation graph, fixed before any run: |r| ≥ 0.5, five null SDs for 94-long vectors. */
export const CORRELATION_THRESHOLD = 0.5;
/** Focal neurons: the top tenth of the graph by degree (the seed's "high connectivity"). */
export const FOCAL_FRACTION = 0.1;
/** A point's coordination shell: its neighbours within (1 + 0.1) × its nearest-neighbour distance. */
export const SHELL = 1.1;
/** Size of each planted group of the weight graph's positive control: a neuron and its 12 neighbours. */
export const PLANTED_GROUP = 13;

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
  // squared distances from the Gram matrix (|x|² + |y|² − 2x·y, clamped at 0) in float64: the O(n²·dim) dot
  // products dominate, and a float64 copy with a 4-way unrolled loop is the fastest form of them in JS
  const Y = Float64Array.from(X), norm = new Float64Array(n), d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) { let s = 0; for (let k = i * dim, e = k + dim; k < e; k++) s += Y[k] * Y[k]; norm[i] = s; }
  const tail = dim & ~3;
  for (let i = 0; i < n; i++) {
    const oi = i * dim;
    for (let j = i + 1; j < n; j++) {
      const oj = j * dim;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, k = 0;
      for (; k < tail; k += 4) {
        s0 += Y[oi + k] * Y[oj + k]; s1 += Y[oi + k + 1] * Y[oj + k + 1];
        s2 += Y[oi + k + 2] * Y[oj + k + 2]; s3 += Y[oi + k + 3] * Y[oj + k + 3];
      }
      for (; k < dim; k++) s0 += Y[oi + k] * Y[oj + k];
      d[i * n + j] = d[j * n + i] = Math.max(0, norm[i] + norm[j] - 2 * (s0 + s1 + s2 + s3));
    }
  }
  const shell2 = shell * shell;
  return Array.from({ length: n }, (_, i) => {
    let nn = Infinity;
    for (let j = 0; j < n; j++) if (j !== i && d[i * n + j] < nn) nn = d[i * n + j];
    let c = 0;
    for (let j = 0; j < n; j++) if (j !== i && d[i * n + j] <= shell2 * nn) c++;
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

/** The thresholds at which the focal degree is also read (E2 asks whether 12 holds across them, not at one cut). */
export const THRESHOLDS = [0.5, 0.6, 0.7] as const;

/**
 * The weight graph's positive control: the run's own W1 ([rows × cols]) with a 12-neighbour structure planted.
 * Columns are cut into groups of 13 (a neuron and its 12 neighbours; the remainder, fewer than 13, keep the
 * run's weights); a group's columns become one shared random direction g plus 0.4 × each neuron's own
 * standardized weights. Within a group |r| ≈ 1/(1 + 0.4²) = 0.86, above every threshold; between groups and
 * with the remaining columns |r| stays near the null (≈ 1/√rows), so each planted neuron has exactly 12
 * neighbours and the focal degree must read 12 at every threshold if the pipeline can see a 12-fold structure.
 */
export function plantGroups(W: Float32Array, rows: number, cols: number, stream = 'coordination:planted'): Float32Array {
  const r = rng(0, stream), out = Float32Array.from(W), eps = 0.4;
  const groups = Math.floor(cols / PLANTED_GROUP);
  for (let g = 0; g < groups; g++) {
    const dir = Float64Array.from({ length: rows }, () => r.normal());
    for (let j = g * PLANTED_GROUP; j < (g + 1) * PLANTED_GROUP; j++) {
      let mean = 0, ss = 0;
      for (let i = 0; i < rows; i++) mean += W[i * cols + j] / rows;
      for (let i = 0; i < rows; i++) ss += (W[i * cols + j] - mean) ** 2;
      const sd = Math.sqrt(ss / rows) || 1;
      for (let i = 0; i < rows; i++) out[i * cols + j] = dir[i] + (eps * (W[i * cols + j] - mean)) / sd;
    }
  }
  return out;
}

/**
 * `coordination` (claims E2 and E10 of the VE seed). Weight graph: first-layer neurons are nodes, joined when
 * their incoming weight vectors (columns of W1) correlate with |r| ≥ 0.5; `coordination:focal` is the median
 * degree of the focal neurons (top 10% by degree), `coordination:focal@0.6` and `@0.7` the same at the stricter
 * thresholds, `coordination:mean` the mean degree, `coordination:focalShuffled` the focal degree of the
 * column-shuffled weights and `coordination:focalPlanted` (with its @0.6, @0.7 twins) the focal degree once a
 * 12-neighbour structure is planted in the same weights (plantGroups: 12 when the pipeline can see it).
 * Activation cloud: the first hidden layer's activations on every input of the task (all p² pairs, so no
 * neighbour is lost to subsampling); `coordination:cloud` is the median coordination number and
 * `coordination:cloudPlanted` that of a planted VE cloud with as many points, planted in the layer's own space at the
 * cloud's centre and scale (plantedVeCloud: 12 when the reading can see a 12-neighbour geometry there).
 */
export const coordination: Probe = {
  name: 'coordination',
  measure({ model, task }): Record<string, number> {
    const W1 = model.params.find((q) => q.name === 'W1');
    if (!W1 || !model.params.some((q) => q.name === 'W2')) return {};
    const [rows, width] = W1.shape;
    const planted = plantGroups(W1.data, rows, width);
    const focalAt = (W: Float32Array) => THRESHOLDS.map((t) => focal(correlationDegrees(W, rows, width, t)));
    const deg = correlationDegrees(W1.data, rows, width), [, f6, f7] = focalAt(W1.data), [p5, p6, p7] = focalAt(planted);
    const pts = cloudRows(task.labels.length);
    const A = model.hidden(pts, 1);
    return {
      'coordination:focal': focal(deg), 'coordination:focal@0.6': f6, 'coordination:focal@0.7': f7,
      'coordination:focalShuffled': focal(correlationDegrees(shuffleColumns(W1.data, rows, width, 'coordination:W1'), rows, width)),
      'coordination:focalPlanted': p5, 'coordination:focalPlanted@0.6': p6, 'coordination:focalPlanted@0.7': p7,
      'coordination:mean': deg.reduce((a, b) => a + b, 0) / width,
      'coordination:cloud': median(coordinationNumbers(A, pts.length, width)),
      'coordination:cloudPlanted': median(coordinationNumbers(plantedVeCloud(A, pts.length, width), pts.length, width)),
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

/**
 * The inputs whose activations form the probe's cloud: every example, in order. (A random subset would thin out
 * each point's neighbours: a perfect FCC cloud read on 12% of its points has 1–2 neighbours in the shell.)
 */
export function cloudRows(examples: number): Int32Array {
  return Int32Array.from({ length: examples }, (_, i) => i);
}
