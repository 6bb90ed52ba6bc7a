import { Matrix, inverse } from 'ml-matrix';
import { normalQuantile } from '../stats/_internals/nullDistributions.ts';
import type { Probe } from './probe.ts';

/** Shannon entropy (nats) of a histogram of counts. */
function entropy(counts: ArrayLike<number>, n: number): number {
  let h = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) { const p = counts[i] / n; h -= p * Math.log(p); }
  return h;
}

/**
 * O-information of three binary variables (columns of 0/1 rows): Ω = (n−2)H(X) + Σⱼ [H(Xⱼ) − H(X₋ⱼ)] with
 * n = 3 (Rosas et al. 2019, Phys. Rev. E 100, 032305): Ω > 0 redundancy-dominated, Ω < 0 synergy-dominated.
 */
export function oInformation3(bits: Uint8Array[], n: number): { omega: number; joint: number } {
  const joint = new Float64Array(8), single = [new Float64Array(2), new Float64Array(2), new Float64Array(2)];
  const pairs = [new Float64Array(4), new Float64Array(4), new Float64Array(4)]; // pair j leaves variable j out
  for (let r = 0; r < n; r++) {
    const [a, b, c] = [bits[0][r], bits[1][r], bits[2][r]];
    joint[(a << 2) | (b << 1) | c]++;
    single[0][a]++; single[1][b]++; single[2][c]++;
    pairs[0][(b << 1) | c]++; pairs[1][(a << 1) | c]++; pairs[2][(a << 1) | b]++;
  }
  const H = entropy(joint, n);
  let omega = H;
  for (let j = 0; j < 3; j++) omega += entropy(single[j], n) - entropy(pairs[j], n);
  return { omega, joint: H };
}

/** Φ⁻¹ at (k/2 + 1)/(n + 1) for k = 0..2n−2 (mid-ranks step by ½), cached per n: the copula's normal scores. */
const scoreTables = new Map<number, Float64Array>();
function normalScores(n: number): Float64Array {
  let t = scoreTables.get(n);
  if (!t) {
    t = Float64Array.from({ length: 2 * n - 1 }, (_, k) => normalQuantile((k / 2 + 1) / (n + 1)));
    scoreTables.set(n, t);
  }
  return t;
}

/**
 * The Gaussian copula transform (Ince et al. 2017, Hum. Brain Mapp. 38, 1541): each variable replaced by the
 * standard-normal quantile of its empirical CDF, rank r (0-based, ties at their mid-rank) → Φ⁻¹((r + 1)/(n + 1)).
 * It keeps the rank dependence between variables and makes every marginal the same N(0, 1), so that a Gaussian
 * entropy estimate of the joint measures dependence alone. Ties get one shared score (x² activations repeat every
 * value, since a + b and b + a give the same hidden vector).
 */
export function copulaNormalize(x: ArrayLike<number>): Float64Array {
  const n = x.length, sorted = Float64Array.from(x).sort(), table = normalScores(n), out = new Float64Array(n);
  // first index with sorted[i] ≥ v (lo) and with sorted[i] > v (hi): the tied block is [lo, hi), mid-rank (lo + hi − 1)/2
  const bound = (v: number, strict: boolean) => {
    let lo = 0, hi = n;
    while (lo < hi) { const m = (lo + hi) >> 1; if (sorted[m] < v || (strict && sorted[m] === v)) lo = m + 1; else hi = m; }
    return lo;
  };
  for (let i = 0; i < n; i++) out[i] = table[bound(x[i], false) + bound(x[i], true) - 1];
  return out;
}

/** Correlation matrix (k × k, row-major) of k columns of n samples each. */
export function correlation(cols: readonly Float64Array[]): Float64Array {
  const k = cols.length, n = cols[0].length, Z = new Float64Array(k * n);
  for (let a = 0; a < k; a++) {
    const c = cols[a];
    let m = 0, ss = 0;
    for (let r = 0; r < n; r++) m += c[r];
    m /= n;
    for (let r = 0; r < n; r++) ss += (c[r] - m) ** 2;
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let r = 0; r < n; r++) Z[a * n + r] = (c[r] - m) * inv;
  }
  const R = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    R[a * k + a] = 1;
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let r = 0, oa = a * n, ob = b * n; r < n; r++) s += Z[oa + r] * Z[ob + r];
      R[a * k + b] = R[b * k + a] = s;
    }
  }
  return R;
}

/** log det of a symmetric positive-definite matrix by Cholesky (−∞ if it is not positive definite). */
export function logDet(A: ArrayLike<number>, k: number): number {
  const L = Float64Array.from(A as ArrayLike<number>);
  let ld = 0;
  for (let j = 0; j < k; j++) {
    let d = L[j * k + j];
    for (let m = 0; m < j; m++) d -= L[j * k + m] ** 2;
    if (!(d > 0)) return -Infinity;
    const ljj = Math.sqrt(d);
    L[j * k + j] = ljj; ld += 2 * Math.log(ljj);
    for (let i = j + 1; i < k; i++) {
      let s = L[i * k + j];
      for (let m = 0; m < j; m++) s -= L[i * k + m] * L[j * k + m];
      L[i * k + j] = s / ljj;
    }
  }
  return ld;
}

const sub = (R: Float64Array, k: number, idx: readonly number[]) => Float64Array.from({ length: idx.length ** 2 }, (_, t) => R[idx[Math.floor(t / idx.length)] * k + idx[t % idx.length]]);

/**
 * Gaussian O-information and total correlation (nats) of the variables `idx` of a correlation matrix R (k × k):
 * with unit variances every H(Xⱼ) carries the same constant, and the constants cancel in
 * Ω = (n−2)H(X) + Σⱼ [H(Xⱼ) − H(X₋ⱼ)] (Rosas et al. 2019, Phys. Rev. E 100, 032305), leaving
 * Ω = ½[(n−2) log det R_X − Σⱼ log det R_X₋ⱼ]; TC = Σⱼ H(Xⱼ) − H(X) = −½ log det R_X. Ω < 0: synergy-dominated;
 * Ω > 0: redundancy-dominated; TC: how far the group is from independent (0 when it is).
 */
export function gaussianOInfo(R: Float64Array, k: number, idx: readonly number[]): { omega: number; tc: number } {
  const n = idx.length, full = logDet(sub(R, k, idx), n);
  let omega = (n - 2) * full;
  for (let j = 0; j < n; j++) omega -= logDet(sub(R, k, idx.filter((_, i) => i !== j)), n - 1);
  return { omega: omega / 2, tc: -full / 2 };
}

/** Gaussian-copula O-information and total correlation of a set of variables given as columns of samples. */
export function copulaOInfo(cols: readonly ArrayLike<number>[]): { omega: number; tc: number } {
  const R = correlation(cols.map(copulaNormalize));
  return gaussianOInfo(R, cols.length, cols.map((_, i) => i));
}

/**
 * Gaussian O-information and total correlation of all k variables of a correlation matrix at once, shrunk towards
 * independence by `shrink` (R ← (1 − s)R + sI, so that a layer whose activations span fewer dimensions than it
 * has neurons, as a grokked layer's Fourier features may, stays finite): with log det R₋ⱼ = log det R + log (R⁻¹)ⱼⱼ,
 * Ω = −log det R − ½ Σⱼ log (R⁻¹)ⱼⱼ and TC = −½ log det R.
 */
export function gaussianOInfoAll(R: Float64Array, k: number, shrink = 1e-3): { omega: number; tc: number } {
  const A = Float64Array.from(R, (v, i) => (1 - shrink) * v + (i % (k + 1) === 0 ? shrink : 0));
  const ld = logDet(A, k), inv = new Matrix(Array.from({ length: k }, (_, i) => Array.from(A.subarray(i * k, (i + 1) * k))));
  const Ri = inverse(inv);
  let s = 0;
  for (let j = 0; j < k; j++) s += Math.log(Ri.get(j, j));
  return { omega: -ld - s / 2, tc: -ld / 2 };
}

/** Neurons per group and groups: 16 disjoint triples of the first 48 first-layer neurons. */
export const GROUP = 3, GROUPS = 16;

/**
 * `oinfo` (claim E6): O-information of first-layer neurons, estimated as Clauw, Stramaglia & Marinazzo (arXiv
 * 2408.08944) and their group's O-information work do for continuous activations, with the Gaussian copula
 * (copulaNormalize, then Gaussian entropies of the correlation matrix) over every example of the task. Keys: the
 * whole layer's Ω (`oinfo:all`; most negative = the synergy peak) and total correlation (`oinfo:allTc`: the
 * dependence between neurons, which falls when they decouple after grokking, the paper's third phase), and for
 * 16 fixed disjoint triples the mean Ω (`oinfo:mean`), the most synergistic triple (`oinfo:min`) and the mean
 * TC (`oinfo:tc`). Binarizing at the median, as this probe once did, fixed every neuron's entropy at ln 2; the
 * copula fixes the marginals too, by design, so that Ω and TC measure dependence and not the activations'
 * scale, which weight decay changes. Costs a sort per neuron and a width × width correlation per call.
 */
export const oinfo: Probe = {
  name: 'oinfo',
  measure({ model, task }): Record<string, number> {
    const W1 = model.params.find((q) => q.name === 'W1');
    if (!W1 || !model.params.some((q) => q.name === 'W2')) return {};
    const width = W1.shape[1], groups = Math.min(GROUPS, Math.floor(width / GROUP));
    const all = Int32Array.from({ length: task.labels.length }, (_, i) => i), n = all.length;
    const A = model.hidden(all, 1);
    const cols = Array.from({ length: width }, (_, j) => copulaNormalize(Float64Array.from({ length: n }, (_, r) => A[r * width + j])));
    const R = correlation(cols);
    const layer = gaussianOInfoAll(R, width);
    let omega = 0, tc = 0, min = Infinity;
    for (let g = 0; g < groups; g++) {
      const res = gaussianOInfo(R, width, Array.from({ length: GROUP }, (_, i) => GROUP * g + i));
      omega += res.omega / groups; tc += res.tc / groups; min = Math.min(min, res.omega);
    }
    return { 'oinfo:mean': omega, 'oinfo:min': min, 'oinfo:tc': tc, 'oinfo:all': layer.omega, 'oinfo:allTc': layer.tc };
  },
};
