import { check, isInt } from '../engine/errors.ts';
import { rng, shuffle } from '../engine/rng.ts';
import type { ParityTaskConfig, Task } from './task.ts';

/**
 * Sparse parity (Barak et al. 2022, "Hidden progress in deep learning"): n uniform random bits, the label
 * is the XOR of k of them (bits 0..k−1; the inputs are exchangeable, so which k does not matter).
 * trainSize + testSize distinct inputs are drawn by seed. Bit i with value v is token 2i + v.
 */
export function parityTask(cfg: ParityTaskConfig, seed: number): Task {
  const { bits: n, relevant: k, trainSize, testSize } = cfg;
  check(isInt(n, 1) && n <= 30, 'task.bits', n, 'must be an integer in [1, 30]');
  check(isInt(k, 1) && k <= n, 'task.relevant', k, `must be an integer in [1, bits=${n}]`);
  check(isInt(trainSize, 1), 'task.trainSize', trainSize, 'must be a positive integer');
  check(isInt(testSize, 1), 'task.testSize', testSize, 'must be a positive integer');
  const total = trainSize + testSize;
  check(total <= 2 ** n, 'task.trainSize', trainSize, `trainSize + testSize must be ≤ 2^bits = ${2 ** n}`);
  const r = rng(seed, 'split');
  const seen = new Set<number>();
  const xs: number[] = [];
  if (total > 2 ** n / 2) {
    xs.push(...(shuffle(Array.from({ length: 2 ** n }, (_, i) => i), r) as number[]).slice(0, total));
  } else {
    while (xs.length < total) {
      const x = Math.floor(r.next() * 2 ** n);
      if (!seen.has(x)) { seen.add(x); xs.push(x); }
    }
  }
  const tokens = new Int32Array(total * n), labels = new Int32Array(total);
  xs.forEach((x, i) => {
    let parity = 0;
    for (let b = 0; b < n; b++) {
      const v = (x >>> b) & 1;
      tokens[i * n + b] = 2 * b + v;
      if (b < k) parity ^= v;
    }
    labels[i] = parity;
  });
  if (cfg.randomLabels) shuffle(labels, rng(seed, 'labels'));
  const idx = Int32Array.from({ length: total }, (_, i) => i);
  return {
    name: `parity-n${n}-k${k}${cfg.randomLabels ? '-random' : ''}`,
    vocab: 2 * n, tokensPerExample: n, classes: 2,
    tokens, labels, ids: Int32Array.from(xs), train: idx.slice(0, trainSize), test: idx.slice(trainSize),
  };
}
