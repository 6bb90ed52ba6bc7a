import { describe, expect, test } from 'vitest';
import { initMlp } from '../models/init.ts';
import { mlp } from '../models/mlp.ts';
import { buildTask } from '../tasks/index.ts';
import { resolveConfig } from '../train/config.ts';
import { hessian, sharpness, topEigenvalue } from './hessian.ts';

describe('sharpness probe (claim E5)', () => {
  const setup = () => {
    const cfg = resolveConfig({ task: { p: 7, trainFraction: 0.6 }, model: { hidden: [8], act: 'quadratic' } });
    const task = buildTask(cfg.task, 2), model = mlp(cfg.model, task, 'ce', initMlp(cfg.model, task, 2), task.train.length);
    model.lossAndGrad(task.train);
    return { task, model };
  };

  test('should record nothing where the training loss lies outside [1e-5, 1e-3] (an untrained network, loss ≈ ln 7)', () => {
    const { task, model } = setup();
    expect(sharpness.measure({ model, task, step: 10 })).toEqual({});
  });

  test('should give the hessian probe\'s top eigenvalue (same power iteration, same stream) and restore θ and ∇', () => {
    // Arrange
    const { task, model } = setup();
    const before = model.params.map((p) => Float32Array.from(p.data)), grads = model.grads.map((g) => Float32Array.from(g));
    // Act
    const r = topEigenvalue(model, task, 5), h = hessian.measure({ model, task, step: 5 });
    // Assert
    expect(r.top).toBeCloseTo(h['hessian:top'], 10);
    expect(r.top * r.norm2).toBeCloseTo(h['hessian:top*norm2'], 8);
    model.params.forEach((p, i) => expect(Array.from(p.data)).toEqual(Array.from(before[i])));
    model.grads.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(grads[i])));
  });
});
