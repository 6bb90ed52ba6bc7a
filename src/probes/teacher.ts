import { erfKernel, kernelRegression } from '../physics/nngp.ts';
import { dipTest } from '../stats/dip.ts';
import { type TeacherTask, he1, he3 } from '../tasks/teacher.ts';
import type { Task } from '../tasks/task.ts';
import type { Probe } from './probe.ts';

/** A hidden unit is specialized when |cos(wᵢ, w*)| ≥ 0.8 (a random direction in d = 8 gets there with probability ≈ 1%). */
export const SPECIALIZED = 0.8;

/**
 * The order parameter of the mean-field regime (arXiv 2310.03789: the distribution of the first-layer weights along
 * the teacher direction): uᵢ = √d·(wᵢ·w*), in standard deviations of the prior wᵢ ~ N(0, I/d). A unit is aligned
 * when |uᵢ| ≥ 3 (prior probability 0.27%): GFL keeps the uᵢ one Gaussian about 0, GMFL-I mixes it with modes at
 * ±q, GMFL-II has only ±q.
 */
export const ALIGNED = 3;

/**
 * E[u⁴]/E[u²]² of the uᵢ about 0 (their mean is 0 by the w → −w symmetry): 3 for the Gaussian of GFL, below 3 for
 * a mixture of the w·w* = 0 saddle with the ±q ones (GMFL-I), → 1 when only ±q remain (GMFL-II).
 */
export function kurtosis(u: readonly number[]): number {
  let m2 = 0, m4 = 0;
  for (const x of u) { m2 += x * x; m4 += x ** 4; }
  return m2 > 0 ? (m4 * u.length) / (m2 * m2) : NaN;
}

/** The He₁ and He₃ coefficients of a predictor on the test inputs, as relative errors against the target's a₁, a₃. */
export function hermiteErrors(t: TeacherTask, f: ArrayLike<number>): { linear: number; cubic: number; cubicCoef: number } {
  let c1 = 0, c3 = 0;
  t.test.forEach((r, i) => { const z = t.X[r * t.d]; c1 += f[i] * he1(z); c3 += f[i] * he3(z); });
  c1 /= t.test.length; c3 /= 6 * t.test.length; // E[He₁²] = 1, E[He₃²] = 6
  const rel = (c: number, a: number) => (a === 0 ? Math.abs(c) : Math.abs(c - a) / Math.abs(a));
  return { linear: rel(c1, t.config.a1), cubic: rel(c3, t.config.a3), cubicCoef: t.config.a3 === 0 ? c3 : c3 / t.config.a3 };
}

const nngpCache = new WeakMap<Task, Record<string, number>>();

/**
 * The infinite-width baseline on the same data: NNGP (erf arcsine kernel) regression, its ridge chosen from
 * 1e-4…1 × the mean kernel diagonal on a held-out fifth of the training set, then refit on all of it.
 */
export function nngpBaseline(t: TeacherTask): Record<string, number> {
  const hit = nngpCache.get(t);
  if (hit) return hit;
  const rows = (ids: Int32Array) => { const X = new Float32Array(ids.length * t.d); ids.forEach((r, i) => X.set(t.X.subarray(r * t.d, (r + 1) * t.d), i * t.d)); return X; };
  const cut = Math.max(1, Math.floor(t.train.length * 0.8));
  const fit = t.train.subarray(0, cut), val = t.train.subarray(cut);
  const Kf = erfKernel(rows(fit), fit.length, rows(fit), fit.length, t.d), Kv = erfKernel(rows(fit), fit.length, rows(val), val.length, t.d);
  const scale = Array.from({ length: fit.length }, (_, i) => Kf[i * fit.length + i]).reduce((a, b) => a + b, 0) / fit.length;
  const yFit = Array.from(fit, (r) => t.y[r]);
  const ridges = [1e-4, 1e-3, 1e-2, 1e-1, 1].map((r) => r * scale);
  const valErr = ridges.map((ridge) => {
    const p = kernelRegression(Kf, fit.length, Kv, val.length, yFit, ridge);
    return Array.from(val).reduce((s, r, i) => s + (p[i] - t.y[r]) ** 2, 0);
  });
  const ridge = ridges[valErr.indexOf(Math.min(...valErr))];
  const Xtr = rows(t.train), Xte = rows(t.test);
  const pred = kernelRegression(erfKernel(Xtr, t.train.length, Xtr, t.train.length, t.d), t.train.length, erfKernel(Xtr, t.train.length, Xte, t.test.length, t.d), t.test.length, Array.from(t.train, (r) => t.y[r]), ridge);
  const { linear, cubic } = hermiteErrors(t, pred);
  let sse = 0, mean = 0, sst = 0;
  t.test.forEach((r) => { mean += t.y[r] / t.test.length; });
  t.test.forEach((r, i) => { sse += (pred[i] - t.y[r]) ** 2; sst += (t.y[r] - mean) ** 2; });
  const out = { 'nngp:linearErr': linear, 'nngp:cubicErr': cubic, 'nngp:testR2': Math.max(0, 1 - sse / sst) };
  nngpCache.set(t, out);
  return out;
}

/**
 * `teacher` (claims P1–P5, teacher-student task with the `dense` model): the overlaps cᵢ = cos(wᵢ, w*) of the
 * N hidden units with the teacher direction. `teacher:specialized` is the fraction with |cᵢ| ≥ 0.8,
 * `teacher:meanAbsCos` the mean |cᵢ|, `teacher:dipP` the dip-test p-value of the |cᵢ| (small: two populations,
 * the mixed phase), `teacher:asym` = |mean sign(cᵢ)| over specialized units (0: both saddles ±q equally, 1: one
 * side), `teacher:cubicErr` / `teacher:linearErr` the relative errors of the network's He₃ / He₁ coefficients
 * on the test set (`teacher:cubicCoef` its He₃ coefficient over a₃, to average over Langevin samples); the mean-field order parameter uᵢ = √d·(wᵢ·w*) (ALIGNED): `teacher:aligned` the fraction with
 * |uᵢ| ≥ 3, `teacher:meanAbsProj` the mean |uᵢ|, `teacher:projDipP` the dip-test p of the |uᵢ|, `teacher:projKurtosis` their kurtosis (kurtosis()), `teacher:alignedAsym`
 * |mean sign uᵢ| over aligned units; and the NNGP baseline's (`nngp:…`, constant over a run).
 */
export const teacher: Probe = {
  name: 'teacher',
  measure({ model, task }): Record<string, number> {
    const t = task as TeacherTask;
    if (!(t.X instanceof Float32Array)) return {};
    const W1 = model.params.find((q) => q.name === 'W1')!, [d, N] = W1.shape;
    const cos = Array.from({ length: N }, (_, j) => {
      let dot = 0, nn = 0;
      for (let k = 0; k < d; k++) { const w = W1.data[k * N + j]; dot += w * t.teacher[k]; nn += w * w; }
      return nn > 0 ? dot / Math.sqrt(nn) : 0;
    });
    const abs = cos.map(Math.abs), spec = cos.filter((c) => Math.abs(c) >= SPECIALIZED);
    const u = Array.from({ length: N }, (_, j) => { let h = 0; for (let k = 0; k < d; k++) h += W1.data[k * N + j] * t.teacher[k]; return h * Math.sqrt(d); });
    const absU = u.map(Math.abs), al = u.filter((x) => Math.abs(x) >= ALIGNED);
    const a = model.params.find((q) => q.name === 'W2')!.data;
    const f = Array.from(model.hidden(t.test, 1).reduce((acc, h, i) => { acc[Math.floor(i / N)] += h * a[i % N]; return acc; }, new Float64Array(t.test.length)));
    const { linear, cubic, cubicCoef } = hermiteErrors(t, f);
    return {
      'teacher:cubicCoef': cubicCoef,
      'teacher:specialized': spec.length / N, 'teacher:meanAbsCos': abs.reduce((x, y) => x + y, 0) / N,
      'teacher:dipP': dipTest(abs, { sims: 1000 }).p,
      'teacher:asym': spec.length ? Math.abs(spec.reduce((s, c) => s + Math.sign(c), 0)) / spec.length : NaN,
      'teacher:linearErr': linear, 'teacher:cubicErr': cubic,
      'teacher:aligned': al.length / N, 'teacher:meanAbsProj': absU.reduce((x, y) => x + y, 0) / N,
      'teacher:projDipP': dipTest(absU, { sims: 1000 }).p,
      'teacher:projKurtosis': kurtosis(u),
      'teacher:alignedAsym': al.length ? Math.abs(al.reduce((s, x) => s + Math.sign(x), 0)) / al.length : NaN,
      ...nngpBaseline(t),
    };
  },
};
