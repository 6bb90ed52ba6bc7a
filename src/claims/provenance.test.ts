import { describe, expect, test } from 'vitest';
import { ConfigError } from '../engine/errors.ts';
import { type RunConfigInput, resolveConfig } from '../train/config.ts';
import { defineClaim } from './claim.ts';
import { metrics } from './metrics.ts';
import { oneSample } from './predictions/index.ts';
import { provenance, provenanceTable, stepSizeWarning } from './provenance.ts';

const spec = (arms: Record<string, object>) => ({
  id: 'X1', title: 't', quote: 'q', source: { seed: 's', section: 's' }, topic: 't', regime: 'r',
  base: { task: { p: 13 }, optimizer: { name: 'adamw', lr: 1e-3, beta2: 0.98 }, steps: 10 }, arms, seeds: 2,
  predictions: [oneSample({ name: 'p', arm: Object.keys(arms)[0], metric: metrics.tGrok, lessThan: 5 })], recorded: null,
  cite: { optimizer: 'Nanda et al. (2023)', 'task.p': 'small for speed' },
});

describe('config provenance', () => {
  test('should mark each value as set by the file (with its citation) or left to a default, and flag differences', () => {
    // Arrange
    const claim = defineClaim(spec({ a: { optimizer: { lr: 1e-2 } }, b: {} }));

    // Act
    const rows = Object.fromEntries(provenance(claim.inputs, claim.configs, claim.cite).map((r) => [r.path, r]));

    // Assert
    expect(rows['optimizer.lr']).toMatchObject({ values: { a: '0.01', b: '0.001' }, differs: true, source: { a: 'file', b: 'file' }, cite: 'Nanda et al. (2023)' });
    expect(rows['optimizer.eps']).toMatchObject({ differs: false, source: { a: 'default', b: 'default' }, cite: 'Nanda et al. (2023)' });
    expect(rows['task.p']).toMatchObject({ values: { a: '13', b: '13' }, source: { a: 'file' }, cite: 'small for speed' });
    expect(rows['model.hidden']).toMatchObject({ values: { a: '[256]' }, source: { a: 'default' } });
    expect(rows['model.hidden'].cite).toBeUndefined();
    const table = provenanceTable(Object.values(rows));
    expect(table).toContain('| optimizer.lr ◆ | **`0.01`** | **`0.001`** | file — Nanda et al. (2023) |');
    expect(table).toContain('| model.hidden | _`[256]`_ | _`[256]`_ | default |');
  });

  test('should warn when arms differ in effective step size without tuning, unless tuned or explained', () => {
    const claim = defineClaim(spec({ a: { optimizer: { lr: 1e-2 } }, b: {} }));
    const rows = provenance(claim.inputs, claim.configs);
    expect(stepSizeWarning(rows, false)).toMatch(/differ in effective step size \(optimizer\.lr\)/);
    expect(stepSizeWarning(rows, true)).toBeNull();
    expect(stepSizeWarning(rows, false, 'the claim is about the learning rate')).toContain('the claim is about the learning rate');
    const same = defineClaim(spec({ a: { optimizer: { wd: 0.1 } }, b: {} }));
    expect(stepSizeWarning(provenance(same.inputs, same.configs), false)).toBeNull();
  });
});

describe('options the engine never reads', () => {
  test.each([
    [{ name: 'adamw', momentum: 0.9 }, 'optimizer.momentum'],
    [{ name: 'adamw', nesterov: true }, 'optimizer.nesterov'],
    [{ name: 'sgd', beta2: 0.999 }, 'optimizer.beta2'],
    [{ name: 'adamw', extra: { muonLr: 0.02 } }, 'optimizer.extra.muonLr'],
    [{ name: 'adamw', extra: { stiefelScale: 2 } }, 'optimizer.extra.stiefelScale'],
  ])('should reject %j, naming %s', (optimizer, field) => {
    let error: unknown;
    try { resolveConfig({ optimizer }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect((error as Error).message).toMatch(/never read by the '(adamw|sgd)' optimizer/);
  });

  test.each([
    [{ task: { kind: 'modular', trainIds: [0, 1, 2], trainFraction: 0.3 } }, 'task.trainFraction'],
    [{ stop: { hold: 3 } }, 'stop.hold'],
    [{ task: { kind: 'teacher' }, model: { kind: 'dense', act: 'erf', masks: { W1: { kind: 've' } } }, loss: 'mse' }, 'model.masks'],
    [{ sampler: { kind: 'wang-landau' }, optimizer: { lr: 0.1 } }, 'optimizer.lr'],
    [{ sampler: { kind: 'wang-landau' }, probes: ['gradNorm'] }, 'probes'],
  ])('should reject %j, an option another setting makes the engine ignore (%s)', (input, field) => {
    let error: unknown;
    try { resolveConfig(input as RunConfigInput); } catch (e) { error = e; }
    expect((error as ConfigError).field).toBe(field);
    expect((error as Error).message).toMatch(/is ignored/);
  });

  test('should accept options the recipe reads, and defaults it does not', () => {
    expect(() => resolveConfig({ optimizer: { name: 'sgd', momentum: 0.9, nesterov: true } })).not.toThrow();
    expect(() => resolveConfig({ optimizer: { name: 'muon', extra: { muonLr: 0.05, nsSteps: 3 } } })).not.toThrow();
    expect(() => resolveConfig({ optimizer: { name: 'adamw', momentum: 0, extra: { langevinT: 0.01 } } })).not.toThrow();
  });
});

describe('--scale full', () => {
  test("should use the claim's full-scale overrides, or p = 97, 3× steps and 32 seeds", () => {
    const before = process.env.GROKCHECK_SCALE;
    process.env.GROKCHECK_SCALE = 'full';
    try {
      const generic = defineClaim(spec({ a: {} }));
      expect([generic.scale, generic.configs.a.task, generic.configs.a.steps, generic.seeds]).toEqual(['full', expect.objectContaining({ p: 97 }), 30, 32]);
      const own = defineClaim({ ...spec({ a: { optimizer: { wd: 0.5 } } }), full: { base: { task: { p: 113 } }, arms: { a: { steps: 99 } }, seeds: 40 } });
      expect([own.configs.a.task, own.configs.a.steps, own.configs.a.optimizer.wd, own.seeds]).toEqual([expect.objectContaining({ p: 113 }), 99, 0.5, 40]);
    } finally {
      if (before === undefined) delete process.env.GROKCHECK_SCALE; else process.env.GROKCHECK_SCALE = before;
    }
    expect(defineClaim(spec({ a: {} })).configs.a.task).toEqual(expect.objectContaining({ p: 13 }));
  });
});
