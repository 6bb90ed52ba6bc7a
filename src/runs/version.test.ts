import { describe, expect, test } from 'vitest';
import { probe } from '../probes/index.ts';
import { engineVersion, engineVersions, importClosure, probeModules, runVersion, versionDomain } from './version.ts';

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

  test('should cover in a training run only the probes its config names', () => {
    // Arrange: every built-in probe found by name in the registry's imports
    const modules = probeModules();
    expect(modules.size).toBe(12);
    for (const name of modules.keys()) expect(probe(name).name).toBe(name);
    // Act
    const none = runVersion({ sampler: null, probes: [] }), fourier = runVersion({ sampler: null, probes: ['fourier'] });
    const spectrum = runVersion({ sampler: null, probes: ['spectrum'] });
    // Assert: a probe changes the version of the runs that run it; the names are a set
    expect(fourier).not.toBe(none);
    expect(spectrum).not.toBe(none);
    expect(runVersion({ sampler: null, probes: ['weightNorm', 'fourier', 'fourier'] })).toBe(runVersion({ sampler: null, probes: ['fourier', 'weightNorm'] }));
    expect(versionDomain({ sampler: null, probes: ['weightNorm', 'fourier'] })).toBe('training[fourier,weightNorm]');
  });

  test('should read a recorded engine by domain, and name a domain it does not hold', () => {
    const configs = [{ sampler: null, probes: ['fourier'] }, { sampler: { kind: 'wlmd' }, probes: [] }];
    const now = engineVersions(configs);
    expect(Object.keys(now)).toEqual(['sampler', 'training[fourier]']);
    expect(runVersion(configs[0], now)).toBe(runVersion(configs[0]));
    expect(runVersion({ sampler: null, probes: [] }, now)).toBe('unrecorded training[]');
  });
});

