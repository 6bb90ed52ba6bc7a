import { describe, expect, test } from 'vitest';
import { rng } from '../engine/rng.ts';
import type { Param } from '../models/model.ts';
import { resolveConfig } from '../train/config.ts';
import { globalNorm } from './clipByGlobalNorm.ts';
import { buildOptimizer } from './recipes.ts';
import { applyUpdates } from './transform.ts';

describe('global-norm constraint (Omnigrok)', () => {
  test('should hold ‖θ‖ at the pre-registered multiple of its init norm after every AdamW step, to float32 rounding', () => {
    // Arrange: three tensors, AdamW with a large lr so the unconstrained step would change the norm a lot
    const r = rng(3, 'global-norm');
    const params: Param[] = [
      { name: 'W1', shape: [6, 4], data: Float32Array.from({ length: 24 }, () => r.normal()) },
      { name: 'b1', shape: [4], data: Float32Array.from({ length: 4 }, () => r.normal()) },
      { name: 'W2', shape: [4, 3], data: Float32Array.from({ length: 12 }, () => r.normal()) },
    ];
    const norm0 = globalNorm(params.map((p) => p.data));
    const opt = buildOptimizer(resolveConfig({ optimizer: { name: 'adamw', lr: 0.3, wd: 0, extra: { globalNorm: 1.5 } } }).optimizer, 0);
    const state = opt.init(params);
    // Act and Assert: the first step jumps to 1.5‖θ₀‖; every later one stays there
    for (let step = 1; step <= 20; step++) {
      const u = params.map((p) => Float32Array.from(p.data, () => r.normal() + 0.5));
      opt.update(u, state, params, step);
      applyUpdates(params, u);
      expect(globalNorm(params.map((p) => p.data)) / (1.5 * norm0)).toBeCloseTo(1, 6);
    }
  });

  test('should reject a non-positive multiple, naming the field', () => {
    expect(() => buildOptimizer(resolveConfig({ optimizer: { extra: { globalNorm: 0 } } }).optimizer, 0)).toThrow(/optimizer\.extra\.globalNorm/);
  });

  test('should give W1 to Muon only with extra.muonInput', () => {
    expect(() => resolveConfig({ optimizer: { name: 'adamw', extra: { muonInput: true } } })).toThrow(/muonInput/);
    expect(resolveConfig({ optimizer: { name: 'muon', extra: { muonInput: true } } }).optimizer.extra.muonInput).toBe(true);
  });
});
