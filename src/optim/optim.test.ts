import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Param } from '../models/model.ts';
import { resolveConfig } from '../train/config.ts';
import { loadTf } from '../models/tfjs.ts';
import { addDecayedWeights } from './addDecayedWeights.ts';
import { clipByGlobalNorm } from './clipByGlobalNorm.ts';
import { buildOptimizer, optimizerNames } from './recipes.ts';
import { scaleByAdam } from './scaleByAdam.ts';
import { scaleByLearningRate } from './scaleByLearningRate.ts';
import { trace } from './trace.ts';
import { type Transform, applyUpdates, chain } from './transform.ts';

const param = (name: string, values: number[], shape = [values.length]): Param => ({ name, shape, data: Float32Array.from(values) });

/** Runs `t` on one scalar parameter with the given gradient sequence; returns the parameter after each step. */
function scalarSteps(t: Transform<any>, p0: number, grads: number[]): number[] {
  const params = [param('w', [p0], [1, 1])];
  const state = t.init(params);
  return grads.map((g, i) => {
    const u = [Float32Array.of(g)];
    t.update(u, state, params, i + 1);
    applyUpdates(params, u);
    return params[0].data[0];
  });
}

/** Every number held anywhere in a transform's state. */
function numbersIn(x: unknown): number[] {
  if (typeof x === 'number') return [x];
  if (x instanceof Float32Array) return Array.from(x);
  if (Array.isArray(x)) return x.flatMap(numbersIn);
  if (x && typeof x === 'object') return Object.values(x).flatMap(numbersIn);
  return [];
}

const opt = (o: Record<string, unknown>) => buildOptimizer(resolveConfig({ optimizer: o }).optimizer, 0);

describe('optimizer transforms against hand-computed steps', () => {
  test('should take AdamW steps with decoupled decay as torch.optim.AdamW does', () => {
    // p=1, g=(0.5, 0.25), lr=0.1, wd=0.1, β=(0.9, 0.999), ε=1e-8, computed by hand (float64):
    // t=1: m̂=0.5, v̂=0.25, u=0.5/(0.5+1e-8); p = 1 − 0.1·(u + 0.1·1) = 0.890000002
    // t=2: m=0.07, v=0.00031225, m̂=0.07/0.19, v̂=0.00031225/0.001999; p = 0.7878820404574624
    const ps = scalarSteps(opt({ name: 'adamw', lr: 0.1, wd: 0.1, beta1: 0.9, beta2: 0.999 }), 1, [0.5, 0.25]);
    expect(ps[0]).toBeCloseTo(0.890000002, 6);
    expect(ps[1]).toBeCloseTo(0.7878820404574624, 6);
  });

  test('should add coupled L2 to the gradient for adam and sgd (torch weight_decay)', () => {
    // adam: g' = 0.5 + 0.1·1 = 0.6; the first Adam step is lr·sign(g') → 0.9
    expect(scalarSteps(opt({ name: 'adam', lr: 0.1, wd: 0.1 }), 1, [0.5])[0]).toBeCloseTo(0.9, 6);
    // sgd: p = 1 − 0.1·(0.5 + 0.1) = 0.94
    expect(scalarSteps(opt({ name: 'sgd', lr: 0.1, wd: 0.1 }), 1, [0.5])[0]).toBeCloseTo(0.94, 6);
  });

  test('should accumulate heavy-ball and Nesterov momentum as torch.optim.SGD', () => {
    // b1 = 0.5 → p = 0.95; b2 = 0.9·0.5 + 0.25 = 0.7 → p = 0.95 − 0.07 = 0.88
    expect(scalarSteps(opt({ name: 'sgd', lr: 0.1, wd: 0, momentum: 0.9 }), 1, [0.5, 0.25])).toEqual([expect.closeTo(0.95, 6), expect.closeTo(0.88, 6)]);
    // Nesterov: u = g + μb = 0.5 + 0.45 = 0.95 → p = 0.905
    expect(scalarSteps(opt({ name: 'sgd', lr: 0.1, wd: 0, momentum: 0.9, nesterov: true }), 1, [0.5])[0]).toBeCloseTo(0.905, 6);
  });

  test('should clip the global norm as clip_grad_norm_ does', () => {
    const u = [Float32Array.of(3), Float32Array.of(4)];
    clipByGlobalNorm(1).update(u, null, [param('a', [0]), param('b', [0])], 1);
    expect(u[0][0]).toBeCloseTo(0.6, 5);
    expect(u[1][0]).toBeCloseTo(0.8, 5);
  });

  test('should warm the learning rate up linearly', () => {
    const ps = scalarSteps(opt({ name: 'sgd', lr: 1, wd: 0, warmup: 4 }), 0, [1, 1, 1, 1, 1]);
    expect(ps).toEqual([-0.25, -0.75, -1.5, -2.5, -3.5].map((x) => expect.closeTo(x, 6)));
  });

  test('should match torch.optim.AdamW step for step (fixtures/make-torch-adamw.py)', () => {
    const ref = JSON.parse(readFileSync(new URL('../../fixtures/torch-adamw.json', import.meta.url), 'utf8'));
    for (const c of ref.cases) {
      const t = opt({ name: 'adamw', lr: c.lr, wd: c.wd, beta1: c.betas[0], beta2: c.betas[1], eps: c.eps });
      const params = [param('W', ref.init.flat(), [2, 3])];
      const state = t.init(params);
      ref.grads.forEach((g: number[][], i: number) => {
        const u = [Float32Array.from(g.flat())];
        t.update(u, state, params, i + 1);
        applyUpdates(params, u);
        params[0].data.forEach((x, j) => expect(x).toBeCloseTo(c.params[i].flat()[j], 6));
      });
    }
  });

  test('should match TensorFlow.js Adam over several steps', () => {
    // Arrange: the same 2×3 parameter and gradient sequence in both
    const { tf } = loadTf();
    const init = [0.3, -0.2, 0.5, 1.0, -1.5, 0.1];
    const grads = [[0.1, -0.3, 0.2, 0.05, 0.4, -0.1], [0.2, 0.1, -0.2, 0.3, -0.1, 0.0], [-0.05, 0.2, 0.1, -0.3, 0.2, 0.1]];
    const v = tf.variable(tf.tensor2d(init, [2, 3]));
    const tfAdam = tf.train.adam(0.01, 0.9, 0.98, 1e-8);
    const ours = chain(scaleByAdam({ b1: 0.9, b2: 0.98, eps: 1e-8 }), scaleByLearningRate(0.01));
    const params = [param('W', init, [2, 3])];
    const state = ours.init(params);
    // Act
    grads.forEach((g, i) => {
      tfAdam.applyGradients([{ name: v.name, tensor: tf.tensor2d(g, [2, 3]) }]);
      const u = [Float32Array.from(g)];
      ours.update(u, state, params, i + 1);
      applyUpdates(params, u);
    });
    // Assert
    const ref = v.dataSync();
    params[0].data.forEach((x, i) => expect(x).toBeCloseTo(ref[i], 5));
  });
});

describe('contract of every optimizer transform', () => {
  const transforms: [string, Transform<any>][] = [
    ...optimizerNames().map((n): [string, Transform<any>] => [n, opt({ name: n, lr: n === 'sgd' ? 0.1 : 0.05, wd: 0, momentum: n === 'sgd' ? 0.5 : 0 })]),
    ['trace', chain(trace({ decay: 0.9 }), scaleByLearningRate(0.05))],
    ['clip', chain(clipByGlobalNorm(1), scaleByLearningRate(0.1))],
    ['decay', chain(addDecayedWeights(0.01), scaleByLearningRate(0.1))],
  ];
  test.each(transforms)('%s: should keep state finite, updates shaped like params, and converge on ½‖θ − θ*‖²', (_name, t) => {
    // Arrange
    const target = [[1, -2, 0.5, 3], [0.25, -0.75]];
    const params = [param('W', [0, 0, 0, 0], [2, 2]), param('b', [0, 0])];
    const state = t.init(params);
    // Act
    for (let step = 1; step <= 400; step++) {
      const u = params.map((p, i) => Float32Array.from(p.data, (x, j) => x - target[i][j]));
      t.update(u, state, params, step);
      u.forEach((x, i) => expect(x.length).toBe(params[i].data.length));
      applyUpdates(params, u);
    }
    // Assert
    expect(numbersIn(state).every(Number.isFinite)).toBe(true);
    params.forEach((p, i) => p.data.forEach((x, j) => expect(Math.abs(x - target[i][j])).toBeLessThan(0.05)));
  });
});
