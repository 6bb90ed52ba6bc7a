import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { rng } from '../engine/rng.ts';
import { fccSites } from '../models/ve.ts';
import { initMlp } from '../models/init.ts';
import { mlp } from '../models/mlp.ts';
import { buildTask } from '../tasks/index.ts';
import type { MlpConfig } from '../models/model.ts';
import type { TaskConfig } from '../tasks/task.ts';
import { WAITING_TIMES, agingExponent, decorrelationTimes, twoTimeCorrelation } from './aging.ts';
import { topEigenvalue } from './hessian.ts';
import { copulaOInfo } from './oinfo.ts';
import { effectiveRank } from './rank.ts';
import { singularValues } from './spectrum.ts';

/*
 * Planted effects: systems whose answer is known, put through the same estimator a claim uses on its trained
 * networks. A claim's positive control reads one of these per run (seeded from the run), so that a verdict
 * counts only where the estimator, at the claim's sample size and resolution, sees an effect known to be there.
 */

/** A seed for a run's planted control: the run's step-0 losses differ with its split and init, so seeds differ. */
export function plantedSeed(t: { readonly evals: readonly { readonly trainLoss: number; readonly testLoss: number }[] }): number {
  const e = t.evals[0];
  return e ? (Math.floor(e.trainLoss * 1e9) ^ Math.floor(e.testLoss * 1e9)) >>> 0 : 0;
}

/**
 * A triplet with known O-information sign, n samples, each variable then passed through a monotone distortion
 * (x³, eˣ, x) that the Gaussian copula must undo. 'synergy': X, Y independent N(0, 1), Z = X + Y + ε (ε ~ N(0, 1)):
 * Ω = ½[log det R − 2 log(2/3)] with det R = 1/3, i.e. −0.1438 nats. 'redundancy': Xᵢ = S + εᵢ (three noisy copies
 * of one source, all unit-variance): Ω = ½[log ½ − 3 log ¾] = +0.0849 nats. Returns the copula estimate of Ω.
 */
export function plantedOInfo(seed: number, kind: 'synergy' | 'redundancy', n = 2209): number {
  const r = rng(seed, `planted-oinfo-${kind}`);
  const a = new Float64Array(n), b = new Float64Array(n), c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (kind === 'synergy') { a[i] = r.normal(); b[i] = r.normal(); c[i] = a[i] + b[i] + r.normal(); }
    else { const s = r.normal(); a[i] = s + r.normal(); b[i] = s + r.normal(); c[i] = s + r.normal(); }
  }
  return copulaOInfo([a.map((x) => x ** 3), b.map(Math.exp), c]).omega;
}

/**
 * The power iteration of the `sharpness` probe (topEigenvalue) on a model whose loss is exactly quadratic with a known Hessian: the embedding-only linear
 * model (hidden []) under MSE on a+b mod 7, whose Hessian is block-diagonal with blocks (2/(N·C))·XᵀX (X the
 * N × vocab token-count matrix). Returns |λ̂_top / λ_top − 1|, the probe's relative error.
 */
export function plantedHessianError(seed: number): number {
  const taskCfg: TaskConfig = { kind: 'modular', op: 'add', p: 7, trainFraction: 0.6, randomLabels: false, trainIds: null };
  const modelCfg: MlpConfig = { kind: 'mlp', hidden: [], act: 'relu', bias: false, initScale: 1, masks: {} };
  const task = buildTask(taskCfg, seed), model = mlp(modelCfg, task, 'mse', initMlp(modelCfg, task, seed), task.train.length);
  model.lossAndGrad(task.train);
  const V = task.vocab, XtX = new Matrix(V, V);
  for (const e of task.train) for (const x of [task.tokens[2 * e], task.tokens[2 * e + 1]]) for (const y of [task.tokens[2 * e], task.tokens[2 * e + 1]]) XtX.set(x, y, XtX.get(x, y) + 1);
  const exact = (2 / (task.train.length * task.classes)) * Math.max(...new EigenvalueDecomposition(XtX, { assumeSymmetric: true }).realEigenvalues);
  const est = topEigenvalue(model, task, seed).top;
  model.dispose();
  return Math.abs(est / exact - 1);
}

/**
 * The rank probe's estimator on a planted fall: a Gaussian 94 × 128 matrix (W1's shape for p = 47, width 128)
 * against the same matrix with its spectrum cut to 8 directions plus 5% noise. Returns effective rank after /
 * before: well below 1 (about 0.33: the noise keeps some rank).
 */
export function plantedRankRatio(seed: number, rows = 94, cols = 128, keep = 8): number {
  const r = rng(seed, 'planted-rank');
  const full = Float32Array.from({ length: rows * cols }, () => r.normal());
  const U = Float32Array.from({ length: rows * keep }, () => r.normal()), V = Float32Array.from({ length: keep * cols }, () => r.normal());
  const low = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let k = 0; k < keep; k++) s += U[i * keep + k] * V[k * cols + j];
    low[i * cols + j] = s / Math.sqrt(keep) + 0.05 * Math.sqrt(keep) * r.normal();
  }
  return effectiveRank(singularValues(low, rows, cols)) / effectiveRank(singularValues(full, rows, cols));
}

/**
 * A planted system through the aging estimator (two-time correlations C(t_w + τ, t_w) at the waiting times of
 * the aging probe, read every `evalEvery` steps up to `steps`, then τ_c at `level` and the exponent μ):
 * 'random walk' θ(t) = Σ_{s≤t} ξ_s in d dimensions ages by construction, C(t_w+τ, t_w) = √(t_w/(t_w+τ)), so
 * τ_c ∝ t_w and μ = 1; 'stationary' is an Ornstein–Uhlenbeck process started in equilibrium, C = a^τ whatever t_w,
 * so μ = 0. Returns μ̂.
 */
export function plantedAgingExponent(seed: number, kind: 'random walk' | 'stationary', o: { level: number; steps?: number; evalEvery?: number; d?: number }): number {
  const { level, steps = 4000, evalEvery = 50, d = 400 } = o;
  const r = rng(seed, `planted-aging-${kind}`);
  const a = level ** (1 / 200), s = Math.sqrt(1 - a * a); // OU: decorrelates to `level` in 200 steps at any age
  const theta = Float64Array.from({ length: d }, () => (kind === 'stationary' ? r.normal() : 0));
  const snaps = new Map<number, Float64Array>(), evals: Record<string, number>[] = [];
  for (let t = 0; t <= steps; t++) {
    if (t > 0) for (let i = 0; i < d; i++) theta[i] = kind === 'stationary' ? a * theta[i] + s * r.normal() : theta[i] + r.normal();
    if (t % evalEvery !== 0) continue;
    if (WAITING_TIMES.includes(t)) snaps.set(t, Float64Array.from(theta));
    const e: Record<string, number> = { step: t };
    for (const [tw, ref] of snaps) e[`aging:C${tw}`] = twoTimeCorrelation(theta, ref);
    evals.push(e);
  }
  return agingExponent(decorrelationTimes(evals, level));
}

/** How far each planted point is jittered off its lattice site, as a fraction of the lattice's nearest-neighbour distance. */
export const PLANTED_JITTER = 0.1;

/**
 * The activation cloud's positive control, planted where the cloud is read: the n FCC sites nearest the origin (a
 * vector-equilibrium lattice, 12 neighbours at every interior site) placed in the cloud's own space R^dim by a
 * random orthonormal 3-frame, scaled to the cloud's RMS radius and centred on its mean, each point then jittered by
 * isotropic noise of expected length `jitter` × the lattice spacing in all dim directions, and stored in float32
 * like the activations. Read by the same coordinationNumbers, it must give 12 wherever the reading can see a
 * 12-neighbour geometry at the cloud's dimension, offset and scale.
 */
export function plantedVeCloud(A: Float32Array, n: number, dim: number, jitter = PLANTED_JITTER, stream = 'coordination:plantedCloud'): Float32Array {
  const r = rng(dim, stream), sites = fccSites(n);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k] += A[i * dim + k] / n;
  let ss = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) ss += (A[i * dim + k] - mean[k]) ** 2;
  const radius = Math.sqrt(ss / n) || 1;
  // an orthonormal 3-frame in R^dim (Gram–Schmidt on Gaussian vectors)
  const Q: Float64Array[] = [];
  for (let c = 0; c < 3; c++) {
    const v = Float64Array.from({ length: dim }, () => r.normal());
    for (const q of Q) { let d = 0; for (let k = 0; k < dim; k++) d += v[k] * q[k]; for (let k = 0; k < dim; k++) v[k] -= d * q[k]; }
    const norm = Math.hypot(...v);
    Q.push(v.map((x) => x / norm));
  }
  const siteMean = [0, 1, 2].map((c) => sites.reduce((s, p) => s + p[c], 0) / n);
  const siteRadius = Math.sqrt(sites.reduce((s, p) => s + (p[0] - siteMean[0]) ** 2 + (p[1] - siteMean[1]) ** 2 + (p[2] - siteMean[2]) ** 2, 0) / n);
  const scale = radius / siteRadius, spacing = Math.SQRT2 * scale, sd = (jitter * spacing) / Math.sqrt(dim);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) {
    let x = mean[k] + sd * r.normal();
    for (let c = 0; c < 3; c++) x += scale * (sites[i][c] - siteMean[c]) * Q[c][k];
    out[i * dim + k] = x;
  }
  return out;
}
