import { describe, expect, test } from 'vitest';
import { rng } from '../engine/rng.ts';
import { dense } from '../models/dense.ts';
import { initMlp } from '../models/init.ts';
import { buildOptimizer } from '../optim/recipes.ts';
import { applyUpdates } from '../optim/transform.ts';
import { hermiteErrors, kurtosis } from '../probes/teacher.ts';
import { teacherTask } from '../tasks/teacher.ts';
import type { TeacherTaskConfig } from '../tasks/task.ts';
import { resolveConfig } from '../train/config.ts';
import { meanFieldDense } from './meanField.ts';

/** erf by its Abramowitz–Stegun 7.1.26 rational approximation (|error| < 1.5e-7): the test's own, independent of the model's. */
const erf = (x: number) => {
  const s = Math.sign(x), a = Math.abs(x), t = 1 / (1 + 0.3275911 * a);
  return s * (1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-a * a));
};

describe('mean-field erf network as a dense network under Langevin dynamics', () => {
  test('should give the dense model the mean-field posterior as its Gibbs density: (L + λ|θ|²/2)/T = −ln p', () => {
    // Arrange: a mean-field posterior and the dense run that samples it
    const [d, N, n, noise2] = [3, 5, 12, 0.3];
    const m = meanFieldDense({ d, width: N, n, noise2, sigmaW2: 1.5, sigmaA2: 0.7 });
    const cfg = resolveConfig({ task: { kind: 'teacher', d, n, nTest: 4, a1: m.targetScale, a3: -0.2 * m.targetScale }, model: { kind: 'dense', hidden: [N], act: 'erf' }, loss: 'mse' });
    const task = teacherTask(cfg.task as TeacherTaskConfig, 3);
    const model = dense(cfg.model, task, 'mse', initMlp(cfg.model, task, 3));
    const [W1, W2] = model.params;
    const r = rng(9, 'test');
    for (let i = 0; i < W1.data.length; i++) W1.data[i] = r.normal() * Math.sqrt(1.5 / d);
    const aTilde = Array.from({ length: N }, () => r.normal() * Math.sqrt(0.7));
    aTilde.forEach((a, j) => { W2.data[j] = a * m.readoutScale; });

    // Act
    let sq = 0;
    for (const i of task.train) {
      let g = 0;
      for (let j = 0; j < N; j++) { let z = 0; for (let k = 0; k < d; k++) z += task.X[i * d + k] * W1.data[k * N + j]; g += aTilde[j] * erf(z) / N; }
      sq += (g - task.y[i] / m.targetScale) ** 2;
    }
    const minusLnP = sq / (2 * noise2) + (d * W1.data.reduce((s, w) => s + w * w, 0)) / (2 * 1.5) + aTilde.reduce((s, a) => s + a * a, 0) / (2 * 0.7);
    const theta2 = [...W1.data, ...W2.data].reduce((s, w) => s + w * w, 0);
    const gibbs = (model.evaluate(task.train).loss + (m.wd * theta2) / 2) / m.temperature;

    // Assert
    expect(gibbs).toBeCloseTo(minusLnP, 2);
  });

  test('should sample the stationary law of a quadratic potential: variance T/(λ(1 − ηλ/2)) under SGD + L2 + Langevin noise', () => {
    // Arrange: no data term, so the potential is λ|θ|²/2 and the Euler–Maruyama chain is an AR(1) process
    const [T, wd, lr] = [0.02, 4, 0.1];
    const opt = buildOptimizer(resolveConfig({ optimizer: { name: 'sgd', lr, wd, extra: { langevinT: T } } }).optimizer, 5);
    const params = [{ name: 'W1', shape: [200, 10], data: new Float32Array(2000) }];
    const state = opt.init(params);
    const grads = [new Float32Array(2000)];

    // Act
    let s2 = 0, count = 0;
    for (let step = 1; step <= 600; step++) {
      grads[0].fill(0);
      opt.update(grads, state, params, step);
      applyUpdates(params, grads);
      if (step > 100) { for (const v of params[0].data) s2 += v * v; count += params[0].data.length; }
    }

    // Assert: exact variance of the discrete chain (1 = 2ηT/(1 − (1 − ηλ)²)), and close to the continuous T/λ
    expect(s2 / count).toBeCloseTo(T / (wd * (1 - (lr * wd) / 2)), 3);
  });

  test('should match the closed-form He₁ and He₃ coefficients of one aligned erf unit, c₃/c₁ = −r²/(3(1 + 2r²))', () => {
    // Arrange: f(x) = erf(r·x₁) on the teacher task's test inputs; c₁ = 2r/√(π(1 + 2r²)), c₃ = −2r³/(3√π(1 + 2r²)^{3/2}) (Stein's lemma)
    const r = 1.3;
    const task = teacherTask({ kind: 'teacher', d: 1, n: 1, nTest: 400_000, a1: 1, a3: 1, noise: 0, hiddenBias: 0, start: 'init' }, 4);
    const f = Array.from(task.test, (i) => erf(r * task.X[i]));

    // Act: hermiteErrors reports |c − a|/|a| with a = 1, and c₃ itself as cubicCoef
    const { linear, cubicCoef } = hermiteErrors(task, f);

    // Assert
    const c1 = (2 * r) / Math.sqrt(Math.PI * (1 + 2 * r * r)), c3 = (-2 * r ** 3) / (3 * Math.sqrt(Math.PI) * (1 + 2 * r * r) ** 1.5);
    expect(1 - linear).toBeCloseTo(c1, 2);
    expect(cubicCoef).toBeCloseTo(c3, 2);
  });

  test("should start every unit at ±1 along w* with its orthogonal part kept (task.start 'aligned')", () => {
    // Arrange
    const cfg = resolveConfig({ task: { kind: 'teacher', d: 6, n: 10, nTest: 4, start: 'aligned' }, model: { kind: 'dense', hidden: [9], act: 'erf' }, loss: 'mse' });
    const task = teacherTask(cfg.task as TeacherTaskConfig, 1);
    const init = initMlp(cfg.model, task, 1);

    // Act
    const W1 = dense(cfg.model, task, 'mse', init).params[0].data, W0 = init.params.get('W1')!;

    // Assert: w* = e₁, so row 0 is the projection; rows 1… untouched
    for (let j = 0; j < 9; j++) {
      expect(Math.abs(W1[j])).toBeCloseTo(1, 6);
      expect(Math.sign(W1[j])).toBe(Math.sign(W0[j]) || 1);
      for (let k = 1; k < 6; k++) expect(W1[k * 9 + j]).toBe(W0[k * 9 + j]);
    }
  });

  test('should reject a non-positive noise variance, naming the field', () => {
    expect(() => meanFieldDense({ d: 4, width: 8, n: 16, noise2: 0 })).toThrow(/noise2/);
  });
});

describe('kurtosis of the order parameter', () => {
  test('should be 3 for a Gaussian sample and 1 for two symmetric points', () => {
    // Arrange
    const r = rng(2, 'kurtosis');
    const gauss = Array.from({ length: 200_000 }, () => r.normal());

    // Act / Assert: the Gaussian's E[u⁴]/E[u²]² = 3 (sd of the estimate ≈ √(96/n) ≈ 0.02); ±q alone gives 1
    expect(kurtosis(gauss)).toBeCloseTo(3, 1);
    expect(kurtosis([2, -2, 2, -2])).toBe(1);
  });
});
