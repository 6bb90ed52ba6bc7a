import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { resolveConfig } from '../train/config.ts';
import { buildTask } from '../tasks/index.ts';
import { initMlp } from './init.ts';
import { mlp } from './mlp.ts';
import { tfjsMlp } from './tfjs.ts';

/** max |a − b| / max |b|: the error relative to the reference tensor's scale. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 1e-12;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / den;
}

const configs = fc.record({
  p: fc.constantFrom(5, 7, 11, 13),
  op: fc.constantFrom('add', 'mul', 'x2y2', 'div'),
  hidden: fc.array(fc.integer({ min: 1, max: 37 }), { minLength: 0, maxLength: 3 }),
  act: fc.constantFrom('relu', 'quadratic', 'tanh', 'gelu', 'erf', 'linear'),
  bias: fc.boolean(),
  loss: fc.constantFrom('ce', 'mse'),
  initScale: fc.constantFrom(0.5, 1, 2),
  masked: fc.boolean(),
  seed: fc.nat(1000),
});

describe('mlp on WebAssembly kernels', () => {
  test.prop([configs], { numRuns: 40 })('should match TensorFlow.js in loss and every gradient within 1e-4 relative', (c) => {
    // Arrange
    const cfg = resolveConfig({
      task: { kind: 'modular', op: c.op, p: c.p, trainFraction: 0.6 },
      model: { hidden: c.hidden, act: c.act, bias: c.bias, initScale: c.initScale, masks: c.masked && c.hidden.length > 0 ? { W2: { kind: 'random', degree: 1 } } : {} },
      loss: c.loss,
    });
    const task = buildTask(cfg.task, c.seed);
    const init = initMlp(cfg.model, task, c.seed);
    if (cfg.model.bias) for (const [k, v] of init.params) if (k.startsWith('b')) v.forEach((_, i) => { v[i] = 0.1 * Math.sin(i + 1); });
    const ours = mlp(cfg.model, task, cfg.loss, init, task.train.length);
    const ref = tfjsMlp(cfg.model, task, cfg.loss, init, task.train.length);
    // Act
    const a = ours.lossAndGrad(task.train);
    const b = ref.lossAndGrad(task.train);
    const evalOurs = ours.evaluate(task.test), evalRef = ref.evaluate(task.test);
    // Assert
    expect(relErr([a.loss], [b.loss])).toBeLessThan(1e-4);
    expect(a.acc).toBeCloseTo(b.acc, 6);
    ours.params.forEach((p, i) => expect(relErr(ours.grads[i], ref.grads[i]), `${p.name}`).toBeLessThan(1e-4));
    expect(relErr([evalOurs.loss], [evalRef.loss])).toBeLessThan(1e-4);
    ref.dispose();
  });

  test('should give the same loss when the test set is evaluated in chunks smaller than the set', () => {
    // Arrange
    const cfg = resolveConfig({ task: { p: 23 } , model: { hidden: [16] } });
    const task = buildTask(cfg.task, 1);
    const init = initMlp(cfg.model, task, 1);
    const big = mlp(cfg.model, task, 'ce', init, task.test.length);
    const small = mlp(cfg.model, task, 'ce', init, 7);
    // Act / Assert
    expect(small.evaluate(task.test).loss).toBeCloseTo(big.evaluate(task.test).loss, 5);
    expect(small.evaluate(task.test).acc).toBe(big.evaluate(task.test).acc);
  });

  test('should keep masked weights at zero and give them zero gradient', () => {
    const cfg = resolveConfig({ task: { p: 11 }, model: { hidden: [8, 8], masks: { W2: { kind: 'random', degree: 2 } } } });
    const task = buildTask(cfg.task, 3);
    const init = initMlp(cfg.model, task, 3);
    const m = mlp(cfg.model, task, 'ce', init, task.train.length);
    m.lossAndGrad(task.train);
    const mask = init.masks.get('W2')!;
    const w = m.params.find((p) => p.name === 'W2')!, gi = m.params.indexOf(w);
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) { expect(Math.abs(w.data[i])).toBe(0); expect(Math.abs(m.grads[gi][i])).toBe(0); }
    }
    // every output unit keeps exactly `degree` inputs
    for (let c = 0; c < 8; c++) { let k = 0; for (let r = 0; r < 8; r++) k += mask[r * 8 + c]; expect(k).toBe(2); }
  });
});
