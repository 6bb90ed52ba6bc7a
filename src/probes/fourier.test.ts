import { describe, expect, test } from 'vitest';
import { initMlp } from '../models/init.ts';
import { mlp } from '../models/mlp.ts';
import { asTransformer, initTransformer, transformer } from '../models/transformer.ts';
import { buildTask } from '../tasks/index.ts';
import { resolveConfig } from '../train/config.ts';
import { fourier, unitSpectra } from './fourier.ts';

/** An MLP's fourier measures after `fill` has set W1 (rows 0..p−1: a, p..2p−1: b). */
function measureMlp(p: number, h: number, fill?: (a: number, j: number) => number) {
  const cfg = resolveConfig({ task: { p }, model: { hidden: [h] } });
  const task = buildTask(cfg.task, 0), model = mlp(cfg.model, task, 'ce', initMlp(cfg.model, task, 0), task.train.length);
  if (fill) for (let a = 0; a < 2 * p; a++) for (let j = 0; j < h; j++) model.params[0].data[a * h + j] = fill(a % p, j);
  return fourier.measure({ model, task, step: 0 });
}

describe('fourier probe against hand-computed spectra', () => {
  test('should give a delta a flat spectrum and a cosine all its power at its frequency (p = 5, by hand)', () => {
    // Arrange: column 0 a delta at a = 0, column 1 cos(2π a/5); two columns, rows a = 0..4
    const W = new Float64Array(10);
    for (let a = 0; a < 5; a++) { W[a * 2] = a === 0 ? 1 : 0; W[a * 2 + 1] = Math.cos((2 * Math.PI * a) / 5); }
    // Act
    const [delta, cosine] = unitSpectra(W, 2, 5, [0]);
    // Assert: |DFT_f(δ)|² = 1 at every f; |DFT_1(cos)|² = (5/2)², 0 at f = 2
    expect(Array.from(delta)).toEqual([1, 1]);
    expect(cosine[0]).toBeCloseTo(6.25, 12);
    expect(cosine[1]).toBeCloseTo(0, 12);
  });

  test('should give bit for bit the direct sums of the DFT definition (the cos/sin table only caches its terms)', () => {
    // Arrange: a random float32 layer [2p × h] at p = 47, as the x² recipe's W1
    const p = 47, h = 9, W = Float32Array.from({ length: 2 * p * h }, (_, i) => Math.sin(i * 12.9898) * 0.3);
    // Act
    const spectra = unitSpectra(W, h, p, [0, p]);
    // Assert: the same float64 operations in the same order, each term's cos and sin evaluated on the spot
    for (let j = 0; j < h; j++) {
      for (let f = 1; f <= 23; f++) {
        let power = 0;
        for (const off of [0, p]) {
          let re = 0, im = 0;
          for (let a = 0; a < p; a++) { const w = W[(off + a) * h + j], th = (2 * Math.PI * f * a) / p; re += w * Math.cos(th); im -= w * Math.sin(th); }
          power += re * re + im * im;
        }
        expect(Object.is(spectra[j][f - 1], power)).toBe(true);
      }
    }
  });

  test("should read fourier:neuron bit for bit as the a- and b-rows' spectrum computed in one call", () => {
    // Arrange: the default init at p = 47, 32 neurons
    const cfg = resolveConfig({ task: { p: 47 }, model: { hidden: [32] } });
    const task = buildTask(cfg.task, 0), model = mlp(cfg.model, task, 'ce', initMlp(cfg.model, task, 0), task.train.length);
    // Act
    const m = fourier.measure({ model, task, step: 0 });
    // Assert: each neuron's peak share of unitSpectra over both operands' rows at once, averaged in neuron order
    let sum = 0;
    for (const u of unitSpectra(model.params[0].data, 32, 47, [0, 47])) { let t = 0; for (const x of u) t += x; sum += Math.max(...u) / t; }
    expect(Object.is(m['fourier:neuron'], sum / 32)).toBe(true);
  });

  test('should count 3 effective frequencies and single-frequency neurons when each neuron is one of 3 frequencies', () => {
    // Arrange, Act: neuron j is cos(2π f_j a/31 + j) with f_j ∈ {2, 5, 9}, equal amplitude (Gromov's grokked x² neurons)
    const m = measureMlp(31, 18, (a, j) => Math.cos((2 * Math.PI * [2, 5, 9][j % 3] * a) / 31 + j));
    // Assert: (Σ P)² / Σ P² = (3P)² / 3P² = 3; every neuron's peak share 1; all the power in the top 5
    expect(m['fourier:freqs']).toBeCloseTo(3, 6);
    expect(m['fourier:neuron']).toBeCloseTo(1, 6);
    expect(m['fourier:top5']).toBeCloseTo(1, 6);
  });

  test('should spread a random layer over about ⌊p/2⌋ frequencies with a small peak share per neuron', () => {
    // Arrange, Act: the default init at p = 31 (15 frequencies), 64 neurons
    const m = measureMlp(31, 64);
    // Assert: the summed spectrum is near flat (64 units: its relative spread ≈ 1/8); a neuron's peak share ≈ (ln 15 + 0.58)/15 ≈ 0.22
    expect(m['fourier:freqs']).toBeGreaterThan(12);
    expect(m['fourier:freqs']).toBeLessThanOrEqual(15);
    expect(m['fourier:neuron']).toBeGreaterThan(0.15);
    expect(m['fourier:neuron']).toBeLessThan(0.35);
  });

  test("should read the transformer's token embedding W_E and give no per-neuron share there", () => {
    // Arrange: W_E's rows 0..p−1 (the token values) set to two frequencies of equal power; the "=" row left random
    const cfg = resolveConfig({ model: { kind: 'transformer', dModel: 16, heads: 2, dMlp: 32 }, task: { p: 11 } });
    const task = buildTask(cfg.task, 0), model = transformer(cfg.model, task, 'ce', initTransformer(asTransformer(cfg.model), task, 0), task.train.length);
    const WE = model.params.find((q) => q.name === 'W_E')!;
    for (let a = 0; a < 11; a++) for (let j = 0; j < 16; j++) WE.data[a * 16 + j] = Math.cos((2 * Math.PI * (j < 8 ? 1 : 4) * a) / 11 + j);
    // Act
    const m = fourier.measure({ model, task, step: 0 });
    // Assert: two frequencies of equal power (8 columns each); W_E's columns are not neurons
    expect(m['fourier:freqs']).toBeCloseTo(2, 6);
    expect(m['fourier:neuron']).toBeUndefined();
  });
});
