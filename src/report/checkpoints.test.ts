import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readNpy } from '../engine/npy.ts';
import { tuningCurve } from './plots.ts';
import { train } from '../train/train.ts';
import { logSpacedSteps, saveCheckpoints } from './checkpoints.ts';
import { defineClaim } from '../claims/claim.ts';
import { metrics } from '../claims/metrics.ts';
import { oneSample } from '../claims/predictions/index.ts';

describe('checkpoints', () => {
  test('should space steps 1-2-5 per decade and end at the last step', () => {
    expect(logSpacedSteps(250)).toEqual([0, 1, 2, 5, 10, 20, 50, 100, 200, 250]);
    expect(logSpacedSteps(0)).toEqual([0]);
  });

  test('should save each run\'s weights at log-spaced steps, t_mem, t_grok and the end, equal to the weights training reached', () => {
    // Arrange: a tiny claim that memorizes within its budget
    const claim = defineClaim({
      id: 'X2', title: 't', quote: 'q', source: { seed: 's', section: 's' }, topic: 't', regime: 'r',
      base: { task: { p: 11, trainFraction: 0.7 }, model: { hidden: [24] }, optimizer: { lr: 1e-2 }, steps: 120, evalEvery: 5 },
      arms: { a: {} }, seeds: 2, predictions: [oneSample({ name: 'p', arm: 'a', metric: metrics.tMem, lessThan: 500 })], recorded: null,
      checkpoints: { seeds: [1] },
    });
    let final: Float32Array | undefined;
    const t = train(claim.configs.a, 1, { onEnd: (m) => { final = Float32Array.from(m.params.find((q) => q.name === 'W2')!.data); } });
    const root = mkdtempSync(join(tmpdir(), 'grokcheck-ckpt-'));

    // Act
    const saved = saveCheckpoints(claim, { a: [t, t] }, root);

    // Assert
    expect(t.tMem).not.toBeNull();
    expect(saved.map((c) => c.step)).toEqual([...new Set([...logSpacedSteps(120), t.tMem!])].sort((x, y) => x - y));
    expect(saved.find((c) => c.step === t.tMem)!.labels).toContain('t_mem');
    expect(saved.at(-1)!.labels).toContain('end');
    const end = readNpy(join(saved.at(-1)!.dir, 'W2.npy'));
    expect(end.shape).toEqual([24, 11]);
    expect(Array.from(end.data)).toEqual(Array.from(final!));
    expect(saved.every((c) => c.files.every(existsSync))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'X2', 'index.json'), 'utf8'))).toHaveLength(saved.length);

    // a second suite with the same run reuses the files (a replay would rewrite the marked one)
    writeFileSync(saved[0].files[0], 'marker');
    const again = saveCheckpoints(claim, { a: [t, t] }, root);
    expect(again).toEqual(saved);
    expect(readFileSync(saved[0].files[0], 'utf8')).toBe('marker');
    // a missing file makes it replay
    rmSync(saved[1].files[0]);
    saveCheckpoints(claim, { a: [t, t] }, root);
    expect(readFileSync(saved[0].files[0]).subarray(1, 6).toString()).toBe('NUMPY');
  });

  test('should draw a tuning curve, censored values included', () => {
    const png = tuningCurve({ name: 'lr', objective: 't_grok', best: 0.01, table: [{ value: 0.001, median: Infinity }, { value: 0.01, median: 900 }, { value: 0.1, median: 2000 }] });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5000);
  });
});
