import { describe, expect, test } from 'vitest';
import { resolveConfig } from '../../train/config.ts';
import { jobSize, overLimit } from './limits.ts';

describe('jobSize', () => {
  test('should count an MLP\'s parameters from its shapes, without building the task', () => {
    // Act
    const plain = jobSize(resolveConfig({ task: { p: 11 }, model: { hidden: [16] }, steps: 3000 }));
    const biased = jobSize(resolveConfig({ task: { p: 11 }, model: { hidden: [16], bias: true }, steps: 3000 }));
    const parity = jobSize(resolveConfig({ task: { kind: 'parity', bits: 10, relevant: 3, trainSize: 100, testSize: 100 }, model: { hidden: [8, 4] }, steps: 10 }));
    // Assert: hand-computed. W1 [2p × 16] + W2 [16 × p] = 22·16 + 16·11 = 528; biases add 16 + 11
    expect(plain).toEqual({ params: 528, steps: 3000 });
    expect(biased.params).toBe(555);
    // parity: vocab 2·bits = 20, 2 classes: 20·8 + 8·4 + 4·2 = 200
    expect(parity).toEqual({ params: 200, steps: 10 });
  });

  test('should count the transformer\'s parameters (Nanda et al.: d 128, MLP 512, one layer, p = 113)', () => {
    // Act
    const t = jobSize(resolveConfig({ task: { p: 113 }, model: { kind: 'transformer', dModel: 128, heads: 4, dMlp: 512, layers: 1, ln: false } as never, steps: 10 }));
    // Assert: W_E 114·128 + W_pos 3·128 + W_Q,K,V,O 4·128² + W_in 128·512 + b_in 512 + W_out 512·128 + b_out 128 + W_U 128·113
    expect(t.params).toBe(114 * 128 + 3 * 128 + 4 * 128 * 128 + 128 * 512 + 512 + 512 * 128 + 128 + 128 * 113);
  });

  test('should name the limit a job is over, and pass one under it', () => {
    // Arrange
    const cfg = resolveConfig({ task: { p: 11 }, model: { hidden: [16] }, steps: 3000 });
    // Act / Assert
    expect(overLimit(cfg, { maxWork: 2e6, maxMemoryMb: 64 })).toBeNull();
    expect(overLimit(cfg, { maxWork: 1e6, maxMemoryMb: 64 })).toBe("over this worker's limit on parameters × steps: 528 × 3000 = 1.58e+6 > 1.00e+6 (grokcheck worker --max-work)");
  });
});
