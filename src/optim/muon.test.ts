import { describe, expect, test } from 'vitest';
import { polar } from '../engine/linalg.ts';
import type { Param } from '../models/model.ts';
import { singularValues } from '../probes/spectrum.ts';
import { resolveConfig } from '../train/config.ts';
import { train } from '../train/train.ts';
import { partition } from './partition.ts';
import { buildOptimizer } from './recipes.ts';
import { isHiddenMatrix } from '../models/init.ts';
import { scaleByMuon } from './scaleByMuon.ts';
import { scaleByLearningRate } from './scaleByLearningRate.ts';
import { stiefelRetraction } from './stiefelRetraction.ts';
import { applyUpdates, chain } from './transform.ts';

const mat = (name: string, rows: number, cols: number, f: (i: number) => number): Param => ({ name, shape: [rows, cols], data: Float32Array.from({ length: rows * cols }, (_, i) => f(i)) });

describe('Muon', () => {
  test('should label only the matrices between hidden layers as hidden', () => {
    const all = [mat('W1', 10, 4, () => 0), mat('W2', 4, 4, () => 0), mat('W3', 4, 4, () => 0), mat('W4', 4, 3, () => 0), { name: 'b2', shape: [4], data: new Float32Array(4) }];
    expect(all.filter((p) => isHiddenMatrix(p, all)).map((p) => p.name)).toEqual(['W2', 'W3']);
  });

  test('should take its first step along the orthogonalized gradient: the update is ≈ UVᵀ of the gradient', () => {
    // With zero momentum buffer and Nesterov, u = (1−μ)g + μ(1−μ)g ∝ g, and NS is scale-free: u = NS(g).
    const g = Float32Array.from({ length: 12 * 8 }, (_, i) => Math.sin(3 * i) + 0.3 * Math.cos(i * i));
    const t = scaleByMuon();
    const params = [mat('W2', 12, 8, () => 0)];
    const u = [g.slice()];
    t.update(u, t.init(params), params, 1);
    const P = polar(g, 12, 8);
    let dot = 0, nu = 0, np = 0;
    u[0].forEach((v, i) => { dot += v * P[i]; nu += v * v; np += P[i] * P[i]; });
    expect(dot / Math.sqrt(nu * np)).toBeGreaterThan(0.97);
    for (const s of singularValues(u[0], 12, 8)) { expect(s).toBeGreaterThan(0.68); expect(s).toBeLessThan(1.21); }
  });

  test('should partition: Muon for hidden matrices, AdamW for the rest, each seeing only its own', () => {
    const params = [mat('W1', 6, 4, (i) => i / 10), mat('W2', 4, 4, (i) => i / 20), mat('W3', 4, 3, (i) => -i / 10)];
    const seen: Record<string, string[]> = { a: [], b: [] };
    const spy = (k: string) => ({ init: (ps: readonly Param[]) => { seen[k] = ps.map((p) => p.name); return null; }, update() {} });
    partition((p, all) => (isHiddenMatrix(p, all) ? 'a' : 'b'), { a: spy('a'), b: spy('b') }).init(params);
    expect(seen).toEqual({ a: ['W2'], b: ['W1', 'W3'] });
  });

  test('should train a 2-hidden-layer MLP on modular addition with the muon recipe', () => {
    const t = train(resolveConfig({ task: { p: 23 }, model: { hidden: [64, 64], act: 'relu' }, optimizer: { name: 'muon', lr: 3e-3, wd: 0 }, steps: 200, evalEvery: 50 }), 0);
    expect(t.diverged).toBeNull();
    expect(t.evals.at(-1)!.trainAcc).toBeGreaterThan(0.9);
  });
});

describe('Stiefel retraction', () => {
  test('should leave the selected matrix semi-orthogonal (scaled) after every step', () => {
    const params = [mat('W1', 5, 4, (i) => Math.sin(i)), mat('W2', 6, 4, (i) => Math.cos(i * 1.3)), mat('W3', 4, 2, (i) => i)];
    const t = chain(scaleByLearningRate(0.1), stiefelRetraction(isHiddenMatrix, 2));
    const state = t.init(params);
    for (let step = 1; step <= 3; step++) {
      const u = params.map((p) => p.data.map((v, i) => Math.sin(v + i)));
      t.update(u, state, params, step);
      applyUpdates(params, u);
      for (const s of singularValues(params[1].data, 6, 4)) expect(s).toBeCloseTo(2, 4);
    }
    expect(singularValues(params[0].data, 5, 4).some((s) => Math.abs(s - 2) > 0.1)).toBe(true);
  });

  test('should be configured by optimizer.extra.stiefel and reject other values', () => {
    expect(() => buildOptimizer(resolveConfig({ optimizer: { extra: { stiefel: 'all' } } }).optimizer, 0)).toThrow(/optimizer.extra.stiefel = 'all'/);
    expect(() => buildOptimizer(resolveConfig({ optimizer: { extra: { stiefel: 'hidden' } } }).optimizer, 0)).not.toThrow();
  });
});

describe('Langevin noise', () => {
  test('should add √(2ηT)·N(0,1) per parameter: the step variance matches 2ηT, and T = 0 adds nothing', async () => {
    const { addLangevinNoise } = await import('./addLangevinNoise.ts');
    const params = [mat('W', 100, 100, () => 0)];
    const t = addLangevinNoise({ temperature: 0.5, lr: 0.02, seed: 3 });
    const u = [new Float32Array(10000)];
    t.update(u, t.init(params), params, 1);
    const variance = u[0].reduce((s, x) => s + x * x, 0) / u[0].length;
    expect(variance).toBeCloseTo(2 * 0.02 * 0.5, 2); // 0.02 ± ~3%
    const z = addLangevinNoise({ temperature: 0, lr: 0.02, seed: 3 }), v = [new Float32Array(4)];
    z.update(v, z.init(params), params, 1);
    expect(Array.from(v[0])).toEqual([0, 0, 0, 0]);
  });
});
