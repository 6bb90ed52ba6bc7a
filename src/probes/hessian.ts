import { type Rng, rng } from '../engine/rng.ts';
import type { Model } from '../models/model.ts';
import type { Task } from '../tasks/task.ts';
import type { Probe } from './probe.ts';

/**
 * A Hessian-vector product of the full-batch training loss by central differences of the gradient,
 * Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε for a unit-scale v, with ε a thousandth of the parameters' RMS. The
 * parameters are restored exactly afterwards (the caller restores the gradient).
 */
function hvp(model: Model, task: Task, v: Float64Array[], eps: number): Float64Array[] {
  const saved = model.params.map((p) => Float32Array.from(p.data));
  const shift = (s: number) => model.params.forEach((p, i) => { for (let j = 0; j < p.data.length; j++) p.data[j] = saved[i][j] + s * eps * v[i][j]; });
  shift(1); model.lossAndGrad(task.train);
  const plus = model.grads.map((g) => Float64Array.from(g));
  shift(-1); model.lossAndGrad(task.train);
  const out = model.grads.map((g, i) => Float64Array.from(g, (x, j) => (plus[i][j] - x) / (2 * eps)));
  model.params.forEach((p, i) => p.data.set(saved[i]));
  return out;
}

const dot = (a: Float64Array[], b: Float64Array[]) => a.reduce((s, x, i) => s + x.reduce((t, y, j) => t + y * b[i][j], 0), 0);

/**
 * `hessian`: the top eigenvalue of the training-loss Hessian by power iteration (15 HVPs) and its trace by
 * Hutchinson's estimator (10 Rademacher probes), each also multiplied by ‖θ‖² (`hessian:top*norm2`,
 * `hessian:trace*norm2`): sharpness is not scale-invariant, and weight decay changes the scale (Dinh et al.
 * 2017), so the normalized values are the ones to compare across training. Restores the model's
 * parameters and gradient, so it can run inside training. Costs ~50 gradient evaluations per call.
 */
export const hessian: Probe = {
  name: 'hessian',
  measure({ model, task, step }) {
    const savedGrads = model.grads.map((g) => Float32Array.from(g));
    const r = rng(step, 'hessian');
    const { top, norm2, eps } = powerIteration(model, task, r, 15);
    let trace = 0;
    for (let k = 0; k < 10; k++) {
      const z = model.params.map((p) => Float64Array.from(p.data, () => (r.next() < 0.5 ? -1 : 1)));
      trace += dot(z, hvp(model, task, z, eps)) / 10;
    }
    model.grads.forEach((g, i) => g.set(savedGrads[i]));
    return { 'hessian:top': top, 'hessian:trace': trace, 'hessian:top*norm2': top * norm2, 'hessian:trace*norm2': trace * norm2 };
  },
};

/** The decade of training loss in which `sharpness` measures: around 10⁻⁴, the level E5 compares states at. */
export const SHARPNESS_BAND: readonly [number, number] = [1e-5, 1e-3];

/**
 * Power iteration on the Hessian (`iters` HVPs from a normal start drawn from `r`, which is left where it
 * stopped so the caller can go on drawing), with ‖θ‖² and the finite-difference step it used. Leaves the
 * gradient overwritten.
 */
function powerIteration(model: Model, task: Task, r: Rng, iters: number): { top: number; norm2: number; eps: number } {
  const n = model.params.reduce((s, p) => s + p.data.length, 0);
  const norm2 = model.params.reduce((s, p) => s + p.data.reduce((t, x) => t + x * x, 0), 0);
  const eps = 1e-3 * Math.max(Math.sqrt(norm2 / n), 1e-3);
  let v: Float64Array[] = model.params.map((p) => Float64Array.from(p.data, () => r.normal()));
  let top = 0;
  for (let it = 0; it < iters; it++) {
    const nv = Math.sqrt(dot(v, v));
    v = v.map((x) => x.map((y) => y / nv));
    const hv = hvp(model, task, v, eps);
    top = dot(v, hv);
    v = hv;
  }
  return { top, norm2, eps };
}

/** Top eigenvalue of the training-loss Hessian by power iteration (`iters` HVPs), with ‖θ‖²; restores θ and ∇. */
export function topEigenvalue(model: Model, task: Task, seed: number, iters = 15): { top: number; norm2: number } {
  const savedGrads = model.grads.map((g) => Float32Array.from(g));
  const { top, norm2 } = powerIteration(model, task, rng(seed, 'hessian'), iters);
  model.grads.forEach((g, i) => g.set(savedGrads[i]));
  return { top, norm2 };
}

/**
 * `sharpness` (claim E5): the Hessian's top eigenvalue (`sharpness:top`) and times ‖θ‖² (`sharpness:top*norm2`),
 * measured only at evaluations where the full-batch training loss lies in SHARPNESS_BAND (elsewhere it records
 * nothing): E5 compares states at matched training loss, so the 30 gradient evaluations of the power iteration
 * are spent only near that level, not at every evaluation as `hessian` does.
 */
export const sharpness: Probe = {
  name: 'sharpness',
  measure({ model, task, step }): Record<string, number> {
    const { loss } = model.evaluate(task.train);
    if (!(loss >= SHARPNESS_BAND[0] && loss <= SHARPNESS_BAND[1])) return {};
    const { top, norm2 } = topEigenvalue(model, task, step);
    return { 'sharpness:top': top, 'sharpness:top*norm2': top * norm2 };
  },
};
