import { describe, expect, test } from 'vitest';
import { resolveConfig } from './config.ts';
import { replay } from './replay.ts';
import { train } from './train.ts';

const small = { task: { p: 13 }, model: { hidden: [32] }, steps: 60, evalEvery: 10, probes: ['gradNorm', 'weightNorm'] };

describe('train', () => {
  test('should give a bit-identical trajectory for the same config and seed', () => {
    const a = train(resolveConfig(small), 7), b = train(resolveConfig(small), 7);
    expect(JSON.stringify(a.evals)).toBe(JSON.stringify(b.evals));
    expect(JSON.stringify(train(resolveConfig({ ...small, batchSize: 16 }), 3).evals))
      .toBe(JSON.stringify(train(resolveConfig({ ...small, batchSize: 16 }), 3).evals));
  });

  test('should differ between seeds', () => {
    expect(train(resolveConfig(small), 1).evals[1].trainLoss).not.toBe(train(resolveConfig(small), 2).evals[1].trainLoss);
  });

  test('should evaluate at 0, every k steps and at the end, with probes per layer', () => {
    const t = train(resolveConfig({ ...small, steps: 25 }), 0);
    expect(t.evals.map((e) => e.step)).toEqual([0, 10, 20, 25]);
    expect(Object.keys(t.evals[0])).toEqual(expect.arrayContaining(['gradNorm', 'gradNorm:W1', 'gradNorm:W2', 'weightNorm', 'weightNorm:W2']));
    expect(t.evals[0].gradNorm ** 2).toBeCloseTo(t.evals[0]['gradNorm:W1'] ** 2 + t.evals[0]['gradNorm:W2'] ** 2, 8);
  });

  test('should record divergence with its step instead of throwing', () => {
    const t = train(resolveConfig({ ...small, optimizer: { name: 'sgd', lr: 1e6, wd: 0 }, model: { hidden: [32], act: 'quadratic' } }), 0);
    expect(t.diverged).not.toBeNull();
    expect(t.stopReason).toBe('diverged');
    expect(t.diverged!.step).toBeGreaterThan(0);
    expect(t.steps).toBeLessThan(60);
  });

  test('should mark t_mem and t_grok at the first eval past their thresholds, and null when never reached', () => {
    const t = train(resolveConfig({ ...small, steps: 300, evalEvery: 5, markers: { mem: 0.99, grok: 0.95 } }), 0);
    const firstMem = t.evals.find((e) => e.trainAcc >= 0.99)?.step ?? null;
    const firstGrok = t.evals.find((e) => e.testAcc >= 0.95)?.step ?? null;
    expect(t.tMem).toBe(firstMem);
    expect(t.tGrok).toBe(firstGrok);
    const never = train(resolveConfig({ ...small, steps: 5, evalEvery: 5 }), 0);
    expect(never.tGrok).toBeNull();
  });

  test('should stop once test accuracy held its threshold for the given number of evals', () => {
    const t = train(resolveConfig({ task: { p: 31 }, model: { hidden: [128], act: 'quadratic' }, steps: 2000, evalEvery: 10, stop: { testAcc: 0.9, hold: 3 }, optimizer: { lr: 1e-2 } }), 0);
    expect(t.stopReason).toBe('converged');
    expect(t.evals.slice(-3).every((e) => e.testAcc >= 0.9)).toBe(true);
    expect(t.steps).toBeLessThan(2000);
  });

  test('should train on past grokking to the pre-registered multiple of t_grok with stop.afterGrok', () => {
    // Arrange: the same run stopped as soon as test accuracy holds, and with afterGrok 3
    const base = { task: { p: 31 }, model: { hidden: [128], act: 'quadratic' as const }, steps: 4000, evalEvery: 10, optimizer: { lr: 1e-2 } };
    // Act
    const early = train(resolveConfig({ ...base, stop: { testAcc: 0.95, hold: 3 } }), 0);
    const late = train(resolveConfig({ ...base, stop: { testAcc: 0.95, hold: 3, afterGrok: 3 } }), 0);
    // Assert: the same t_grok, and the second run stops at the first eval at or past 3·t_grok
    expect(early.tGrok).not.toBeNull();
    expect(late.tGrok).toBe(early.tGrok);
    expect(late.stopReason).toBe('converged');
    expect(late.steps).toBeGreaterThanOrEqual(3 * late.tGrok!);
    expect(late.steps).toBeLessThan(3 * late.tGrok! + 10 * 3 + 1);
    expect(() => resolveConfig({ ...base, stop: { testAcc: 0.9, hold: 3, afterGrok: 0.5 } })).toThrow(/stop.afterGrok/);
  });

  test('should recover the exact weights of any step by replaying the run', () => {
    // Arrange: a run with probes and a stop rule; its losses at steps 20 and 60 are on record
    const cfg = resolveConfig({ ...small, stop: { testAcc: 0.99, hold: 3 } });
    const t = train(cfg, 4);
    const seen: Record<number, number> = {};

    // Act
    replay(cfg, 4, [20, 60], (step, model, task) => { seen[step] = model.evaluate(task.train).loss; });

    // Assert
    expect(seen).toEqual({ 20: t.evals.find((e) => e.step === 20)!.trainLoss, 60: t.evals.at(-1)!.trainLoss });
  });
});
