import { check } from '../engine/errors.ts';
import { linalg } from '../engine/linalg.ts';
import { type TeacherTask, alignToTeacher } from '../tasks/teacher.ts';
import type { Task } from '../tasks/task.ts';
import { ACTIVATIONS } from './activations.ts';
import type { MlpConfig, Model, ModelInit, Param } from './model.ts';

/**
 * A two-layer network on real-valued inputs, f(x) = Σᵢ aᵢ·σ(wᵢ·x + b), trained on ½·mean squared error: the
 * student of the teacher-student task (Rubin et al. 2310.03789 use σ = erf). W1 [d × N] holds the wᵢ as
 * columns, W2 [N × 1] the readout aᵢ; b is the task's fixed hiddenBias. "Accuracy" is the coefficient of
 * determination R² = 1 − SSE/SST on the rows asked (clipped at 0), so the phase markers read as "fits the
 * training set" (t_mem) and "predicts the test set" (t_grok). Products run on the WebAssembly kernels.
 */
export function dense(cfg: MlpConfig, task: Task, lossName: string, init: ModelInit): Model {
  const t = task as TeacherTask;
  check(t.X instanceof Float32Array, 'model.kind', cfg.kind, "'dense' needs real-valued inputs: use it with task.kind 'teacher'");
  check(cfg.hidden.length === 1, 'model.hidden', cfg.hidden, "must be one hidden width [N] for the 'dense' two-layer model");
  check(!cfg.bias, 'model.bias', cfg.bias, "must be false for 'dense' (a fixed bias is task.hiddenBias)");
  check(lossName === 'mse', 'loss', lossName, "must be 'mse' for the 'dense' regression model");
  const act = ACTIVATIONS[cfg.act];
  check(act !== undefined, 'model.act', cfg.act, `must be one of ${Object.keys(ACTIVATIONS).join(', ')}`);
  const d = t.d, N = cfg.hidden[0], bias = t.config.hiddenBias, la = linalg();
  const params: Param[] = [
    { name: 'W1', shape: [d, N], data: Float32Array.from(init.params.get('W1')!) },
    { name: 'W2', shape: [N, 1], data: Float32Array.from(init.params.get('W2')!) },
  ];
  if (t.config.start === 'aligned') alignToTeacher(params[0].data, t.teacher, N);
  const grads = [new Float32Array(d * N), new Float32Array(N)];
  const gather = (rows: Int32Array) => {
    const Xb = new Float32Array(rows.length * d);
    rows.forEach((r, i) => Xb.set(t.X.subarray(r * d, (r + 1) * d), i * d));
    return Xb;
  };
  const forward = (rows: Int32Array) => {
    const Xb = gather(rows), R = rows.length;
    const Z = la.matmul(Xb, params[0].data, R, d, N);
    if (bias !== 0) for (let i = 0; i < Z.length; i++) Z[i] += bias;
    const A = new Float32Array(Z.length);
    act.forward(Z, A, Z.length);
    const f = new Float64Array(R), a = params[1].data;
    for (let i = 0; i < R; i++) { let s = 0; for (let j = 0; j < N; j++) s += A[i * N + j] * a[j]; f[i] = s; }
    return { Xb, Z, A, f };
  };
  const score = (rows: Int32Array, f: Float64Array) => {
    let sse = 0, mean = 0, sst = 0;
    rows.forEach((r) => { mean += t.y[r] / rows.length; });
    rows.forEach((r, i) => { sse += (f[i] - t.y[r]) ** 2; sst += (t.y[r] - mean) ** 2; });
    return { loss: sse / (2 * rows.length), acc: Math.max(0, 1 - sse / Math.max(sst, 1e-12)) };
  };
  return {
    params, grads,
    lossAndGrad(rows) {
      const { Xb, Z, A, f } = forward(rows), R = rows.length, a = params[1].data;
      const res = new Float32Array(R);
      rows.forEach((r, i) => { res[i] = (f[i] - t.y[r]) / R; });
      grads[1].fill(0);
      const dZ = new Float32Array(R * N);
      for (let i = 0; i < R; i++) for (let j = 0; j < N; j++) { grads[1][j] += A[i * N + j] * res[i]; dZ[i * N + j] = res[i] * a[j]; }
      act.backward(Z, A, dZ, dZ.length);
      grads[0].set(la.matmul(Xb, dZ, d, R, N, true));
      return score(rows, f);
    },
    evaluate(rows) { return score(rows, forward(rows).f); },
    constrain() {},
    hidden(rows, layer) {
      check(layer === 1, 'layer', layer, "must be 1: 'dense' has one hidden layer");
      return forward(rows).A;
    },
    dispose() {},
  };
}
