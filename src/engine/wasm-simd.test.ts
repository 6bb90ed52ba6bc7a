import { describe, expect, test } from 'vitest';

// This file runs in its own module graph (vitest isolates test files), so the plain SIMD build is loaded
// here while the other tests use the fused-multiply-add one where the runtime has relaxed SIMD.
process.env.GROKCHECK_KERNELS = 'simd';

describe('the plain SIMD kernel build', () => {
  test('should be selected by GROKCHECK_KERNELS=simd and match TensorFlow.js like the FMA build', async () => {
    const { kernelVariant } = await import('./wasm.ts');
    const { resolveConfig } = await import('../train/config.ts');
    const { buildTask } = await import('../tasks/index.ts');
    const { initMlp } = await import('../models/init.ts');
    const { mlp } = await import('../models/mlp.ts');
    const { tfjsMlp } = await import('../models/tfjs.ts');
    expect(kernelVariant()).toBe('wasm-simd');
    for (const [seed, act] of [[1, 'relu'], [2, 'quadratic'], [3, 'gelu']] as const) {
      const cfg = resolveConfig({ task: { p: 13 }, model: { hidden: [33, 17], act, bias: true } });
      const task = buildTask(cfg.task, seed), init = initMlp(cfg.model, task, seed);
      const a = mlp(cfg.model, task, 'ce', init, task.train.length), b = tfjsMlp(cfg.model, task, 'ce', init, task.train.length);
      expect(a.lossAndGrad(task.train).loss).toBeCloseTo(b.lossAndGrad(task.train).loss, 5);
      a.grads.forEach((g, i) => {
        const scale = Math.max(1e-12, ...Array.from(b.grads[i], Math.abs));
        g.forEach((x, j) => expect(Math.abs(x - b.grads[i][j]) / scale).toBeLessThan(1e-4));
      });
      b.dispose();
    }
  });
});
