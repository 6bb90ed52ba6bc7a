import { check, isInt, isNum } from '../engine/errors.ts';
import { rng, shuffle } from '../engine/rng.ts';
import { OPS, isPrime } from './ops.ts';
import type { ModularTaskConfig, Task } from './task.ts';

/**
 * All pairs (a, b) ∈ Z_p² in the op's domain, labelled a ∘ b mod p, split by train fraction and seed
 * (or by an explicit list of flat ids a·p + b). Tokens are [a, p + b]: rows 0..p−1 of the first layer
 * embed a, rows p..2p−1 embed b.
 */
export function modularTask(cfg: ModularTaskConfig, seed: number): Task {
  const { p, op: opName } = cfg;
  const op = OPS[opName];
  check(op !== undefined, 'task.op', opName, `must be one of ${Object.keys(OPS).join(', ')}`);
  check(isInt(p, 2) && p <= 4096, 'task.p', p, 'must be an integer in [2, 4096]');
  check(!op.needsPrime || isPrime(p), 'task.p', p, `must be a prime for op '${opName}' (e.g. 97 or 113)`);
  const ids: number[] = [];
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) if (op.defined(a, b)) ids.push(a * p + b);
  const n = ids.length;
  const tokens = new Int32Array(2 * n), labels = new Int32Array(n);
  ids.forEach((id, i) => {
    const a = Math.floor(id / p), b = id % p;
    tokens[2 * i] = a;
    tokens[2 * i + 1] = p + b;
    labels[i] = op.apply(a, b, p);
  });
  if (cfg.randomLabels) shuffle(labels, rng(seed, 'labels'));
  const { train, test } = cfg.trainIds ? splitByIds(cfg.trainIds, ids, p) : splitByFraction(n, cfg.trainFraction, seed);
  return {
    name: `${opName}-p${p}${cfg.randomLabels ? '-random' : ''}`,
    vocab: 2 * p, tokensPerExample: 2, classes: p,
    tokens, labels, ids: Int32Array.from(ids), train, test,
  };
}

export function splitByFraction(n: number, fraction: number, seed: number): { train: Int32Array; test: Int32Array } {
  check(isNum(fraction) && fraction > 0 && fraction < 1, 'task.trainFraction', fraction, 'must be a number in (0, 1), e.g. 0.5');
  const order = shuffle(Int32Array.from({ length: n }, (_, i) => i), rng(seed, 'split')) as Int32Array;
  const nTrain = Math.round(fraction * n);
  check(nTrain >= 1 && nTrain < n, 'task.trainFraction', fraction, `leaves ${nTrain} of ${n} examples for training; need at least one in each split`);
  return { train: order.slice(0, nTrain).sort(), test: order.slice(nTrain).sort() };
}

function splitByIds(trainIds: number[], ids: number[], p: number): { train: Int32Array; test: Int32Array } {
  const index = new Map(ids.map((id, i) => [id, i]));
  const inTrain = new Uint8Array(ids.length);
  for (const id of trainIds) {
    const i = index.get(id);
    check(i !== undefined, 'task.trainIds', id, `each id must be a flat pair index a·p + b of the task (0 ≤ id < ${p * p}, in the op's domain)`);
    check(inTrain[i!] === 0, 'task.trainIds', id, 'must not repeat an id');
    inTrain[i!] = 1;
  }
  check(trainIds.length > 0 && trainIds.length < ids.length, 'task.trainIds', trainIds, 'must leave at least one pair in each split');
  const train: number[] = [], test: number[] = [];
  inTrain.forEach((t, i) => (t ? train : test).push(i));
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
