import { describe, expect, test } from 'vitest';
import { rng } from '../engine/rng.ts';
import { initMlp } from '../models/init.ts';
import { dense } from '../models/dense.ts';
import { wand } from '../optim/wand.ts';
import { he1, teacherTask } from '../tasks/teacher.ts';
import type { TeacherTaskConfig } from '../tasks/task.ts';
import { resolveConfig } from '../train/config.ts';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { choleskySolve, erfKernel, kernelRegression } from './nngp.ts';
import { wangLandau } from './wangLandau.ts';

const lnChoose = (n: number, k: number) => { let s = 0; for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i); return s; };

describe('Wang–Landau sampling', () => {
  test('should recover the density of states of independent spins, ln g(E) = ln C(N, E)', () => {
    // Arrange: N two-state spins, energy = number of spins up; a move flips one spin
    const N = 16, spins = new Uint8Array(N);
    let up = 0, last = -1;
    const sys = {
      energy: () => up,
      propose: (r: { int(n: number): number }) => { last = r.int(N); up += spins[last] ? -1 : 1; spins[last] ^= 1; },
      undo: () => { up += spins[last] ? -1 : 1; spins[last] ^= 1; },
    };

    // Act
    const res = wangLandau(sys, rng(1, 'wl-test'), { eMin: -0.5, eMax: N + 0.5, bins: N + 1, lnfFinal: 1e-5, flatness: 0.8, checkEvery: 10_000, maxMoves: 5e7 });

    // Assert: up to the additive constant (fitted: the mean difference), within 0.2 over a range of e^9 in g (the method's saturation error at this ln f)
    expect(res.lnf).toBeLessThanOrEqual(1e-5);
    const diff = Array.from(res.lnG, (g, E) => g - lnChoose(N, E)), c = diff.reduce((a, b) => a + b, 0) / diff.length;
    expect(Math.max(...diff.map((x) => Math.abs(x - c)))).toBeLessThan(0.2);
  });
});

describe('NNGP kernel of an erf network', () => {
  test('should equal the Monte Carlo average of erf(w·x)·erf(w·x′) over w ~ N(0, I/d)', () => {
    // Arrange
    const d = 6, r = rng(2, 'nngp'), x = Float32Array.from({ length: 2 * d }, () => r.normal());
    // A&S 7.1.26 erf, enough for a 1% check
    const erf = (z: number) => { const s = Math.sign(z), a = Math.abs(z), t = 1 / (1 + 0.3275911 * a); return s * (1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a)); };

    // Act
    const K = erfKernel(x, 2, x, 2, d);
    let mc = 0;
    const M = 200_000;
    for (let m = 0; m < M; m++) {
      let u = 0, v = 0;
      for (let k = 0; k < d; k++) { const w = r.normal() / Math.sqrt(d); u += w * x[k]; v += w * x[d + k]; }
      mc += erf(u) * erf(v) / M;
    }

    // Assert
    expect(K[1]).toBeCloseTo(mc, 2);
    expect(K[1]).toBe(K[2]);
  });

  test('should solve an SPD system as ml-matrix\'s Cholesky does (the reference), and name a matrix that is not SPD', () => {
    // Arrange: S = R Rᵀ + n·I, odd n so the four-way unrolled dot product has a remainder
    const n = 37, r = rng(5, 'chol'), R = Matrix.from1DArray(n, n, Array.from({ length: n * n }, () => r.normal()));
    const S = R.mmul(R.transpose()).add(Matrix.eye(n).mul(n)), b = Array.from({ length: n }, () => r.normal());
    // Act
    const x = choleskySolve(Float64Array.from(S.to1DArray()), n, b);
    const ref = new CholeskyDecomposition(S).solve(Matrix.columnVector(b)).getColumn(0);
    // Assert
    x.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 10));
    expect(Array.from(choleskySolve(Float64Array.of(4, 2, 2, 3), 2, [2, 1]))).toEqual([0.5, 0]); // [[4,2],[2,3]]·[0.5, 0] = [2, 1]
    expect(() => choleskySolve(Float64Array.of(1, 2, 2, 1), 2, [1, 1])).toThrow(/not positive definite/);
  });

  test('should interpolate the training targets as the ridge goes to zero', () => {
    const d = 3, n = 10, r = rng(3, 'krr'), X = Float32Array.from({ length: n * d }, () => r.normal()), y = Array.from({ length: n }, () => r.normal());
    const K = erfKernel(X, n, X, n, d);
    const f = kernelRegression(K, n, K, n, y, 1e-9);
    f.forEach((v, i) => expect(v).toBeCloseTo(y[i], 4));
  });
});

describe('teacher-student task and its dense erf student', () => {
  test('should draw He₁ and He₃ components that are orthogonal with E[He₃²] = 6', () => {
    const t = teacherTask({ kind: 'teacher', d: 2, n: 100_000, nTest: 10, a1: 0, a3: 1, noise: 0, hiddenBias: 0, start: 'init' }, 1);
    let cross = 0, sq = 0;
    for (let i = 0; i < t.train.length; i++) { const z = t.X[i * 2]; cross += he1(z) * t.y[i] / t.train.length; sq += t.y[i] ** 2 / t.train.length; }
    expect(Math.abs(cross)).toBeLessThan(0.08); // sd of the mean: √(42/10⁵) ≈ 0.02
    expect(sq).toBeCloseTo(6, 0);
  });

  test('should give gradients equal to central finite differences of its loss', () => {
    // Arrange
    const cfg = resolveConfig({ task: { kind: 'teacher', d: 5, n: 30, nTest: 10, hiddenBias: 0.3 }, model: { kind: 'dense', hidden: [7], act: 'erf' }, loss: 'mse' });
    const task = teacherTask(cfg.task as TeacherTaskConfig, 2);
    const model = dense(cfg.model, task, 'mse', initMlp(cfg.model, task, 2));

    // Act
    model.lossAndGrad(task.train);
    const grads = model.grads.map((g) => Float64Array.from(g));

    // Assert
    const h = 1e-2;
    model.params.forEach((p, k) => {
      for (const i of [0, 3, p.data.length - 1]) {
        const v = p.data[i];
        p.data[i] = v + h; const up = model.evaluate(task.train).loss;
        p.data[i] = v - h; const down = model.evaluate(task.train).loss;
        p.data[i] = v;
        expect(grads[k][i]).toBeCloseTo((up - down) / (2 * h), 3);
      }
    });
  });
});

describe('WanD', () => {
  test('should be a plain gradient step at T₀·S′ = 1 before any bias, and turn uphill where its bin was over-visited', () => {
    // Arrange: temperature 0 (no noise, factor exactly 1 + 0·B′ = 1)
    const cold = wand({ lr: 0.5, temperature: 0, bins: 4, eMax: 4, lnf0: 1, lnfMin: 1e-3, flatness: 0.5, maxFactor: 4, seed: 0 });
    const p = [{ name: 'W', shape: [2], data: new Float32Array(2) }];
    const u = [Float32Array.from([1, -2])];
    cold.update(u, cold.init(p), p, 1, { loss: 1.5 });
    expect(Array.from(u[0])).toEqual([-0.5, 1]);

    // A hot walker that keeps visiting bin 1 (loss 1.5) builds bias there; from bin 2 (loss 2.5) the bias falls
    // towards higher loss, B′ < 0, so the factor 1 + T₀·B′ drops below 1 and, clipped, reverses the step
    const hot = wand({ lr: 1, temperature: 1, bins: 4, eMax: 4, lnf0: 1, lnfMin: 1e-3, flatness: 0.99, maxFactor: 4, seed: 0 });
    const s = hot.init(p);
    for (let i = 0; i < 20; i++) hot.update([new Float32Array(2)], s, p, i + 1, { loss: 1.5 });
    const g = [Float32Array.from([1, 1])];
    const sd = Math.sqrt(2);
    hot.update(g, s, p, 21, { loss: 2.5 });
    expect(g[0][0] + g[0][1]).toBeGreaterThan(2 * 4 - 8 * sd); // −lr·(−4)·g ± noise: uphill on average
    expect(s.bias[1]).toBe(20);
  });
});
