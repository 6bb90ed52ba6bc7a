import { describe, expect, test } from 'vitest';
import { engineVersion, importClosure, runVersion } from './version.ts';

const rel = (s: Set<string>) => [...s].map((f) => f.slice(f.indexOf('/src/') + 1));

describe('the version a run depends on', () => {
  test('should follow relative imports through the engine, and no further than they go', () => {
    const training = rel(importClosure(['src/train/train.ts', 'src/train/config.ts']));
    expect(training).toEqual(expect.arrayContaining(['src/train/config.ts', 'src/models/mlp.ts', 'src/optim/scaleByAdam.ts', 'src/engine/kernels.ts']));
    expect(training).not.toContain('src/physics/wlmd.ts');
    expect(training).not.toContain('src/runs/sample.ts');
    expect(training).toContain('src/engine/team-worker.mjs'); // opened by URL, as a worker's script
    expect(rel(importClosure(['src/runs/sample.ts']))).toEqual(expect.arrayContaining(['src/physics/wlmd.ts', 'src/physics/wangLandau.ts', 'src/models/index.ts']));
  });

  test('should give a sampler run the whole engine and a training run what it executes', () => {
    const sampler = runVersion({ sampler: { kind: 'wlmd' } }), training = runVersion({ sampler: null });
    expect(sampler).toBe(engineVersion());
    expect(training).not.toBe(sampler);
    expect(runVersion({ sampler: null })).toBe(training);
    expect(training).toMatch(/^[0-9a-f]{16}$/);
  });
});
