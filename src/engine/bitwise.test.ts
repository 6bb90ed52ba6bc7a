import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import type { RunConfigInput } from '../train/config.ts';
import { resolveConfig } from '../train/config.ts';
import { train } from '../train/train.ts';
import { helperChunks } from './team.ts';
import { kernelVariant } from './wasm.ts';

/**
 * The engine's bit-identity guard: short trainings whose final parameters and loss trajectory were hashed with
 * the engine before multi-threaded products existed (fixtures/engine-bitwise.json). The run store and every
 * recorded verdict depend on these numbers, so any kernel, fusion or threading change must reproduce them
 * exactly, at any thread count. GROKCHECK_BITWISE_WRITE=1 rewrites the fixture (only for an intended change
 * of the numbers, which also means re-recording every claim). The fixture holds one set per kernel build (the
 * fused-multiply-add and the plain SIMD build round differently): run the writer once per build
 * (GROKCHECK_KERNELS=simd for the plain one); a build without a set is not checked.
 */
const FIXTURE = fileURLToPath(new URL('../../fixtures/engine-bitwise.json', import.meta.url));
const ADAMW = { name: 'adamw', lr: 1e-3, wd: 1, beta1: 0.9, beta2: 0.98 } as const;

export const BITWISE_CASES: Record<string, RunConfigInput> = {
  // the canonical MLP of the issue (p = 97, width 256, full batch): its products are large enough to be split
  'mlp-p97-w256-relu-adamw': { task: { kind: 'modular', op: 'add', p: 97, trainFraction: 0.5 }, model: { hidden: [256], act: 'relu', bias: false }, optimizer: ADAMW, steps: 40, evalEvery: 10 },
  // D1's x² MLP
  'mlp-p31-w128-x2-adamw': { task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.5 }, model: { hidden: [128], act: 'quadratic', bias: false }, optimizer: ADAMW, steps: 50, evalEvery: 5 },
  // the Muon claims' two-hidden-layer ReLU MLP with Muon on W2 (Newton–Schulz on the Linalg kernels), with biases
  'mlp-p31-w128x128-relu-muon': { task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.6 }, model: { hidden: [128, 128], act: 'relu', bias: true }, optimizer: { ...ADAMW, lr: 3e-3, name: 'muon', extra: { muonLr: 0.02 } }, steps: 40, evalEvery: 5 },
  // a JS activation, minibatches
  'mlp-p23-w64-tanh-minibatch': { task: { kind: 'modular', op: 'mul', p: 23, trainFraction: 0.6 }, model: { hidden: [64], act: 'tanh', bias: true }, optimizer: ADAMW, batchSize: 64, steps: 40, evalEvery: 5 },
  // D1's transformer (the structured one-layer path)
  'transformer-p31-d64-h4-mlp256': { task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.5 }, model: { kind: 'transformer', dModel: 64, heads: 4, dMlp: 256 }, optimizer: { ...ADAMW, lr: 3e-3 }, steps: 30, evalEvery: 5 },
  // the general n-layer path with pre-LN
  'transformer-p17-d32-h4-mlp64-L2-ln': { task: { kind: 'modular', op: 'add', p: 17, trainFraction: 0.5 }, model: { kind: 'transformer', dModel: 32, heads: 4, dMlp: 64, layers: 2, ln: true }, optimizer: { ...ADAMW, lr: 3e-3 }, steps: 20, evalEvery: 5 },
};

interface Fingerprint { params: string; evals: string; finalTrainLoss: number }

/** sha256 of every final parameter's float32 bytes (in model order) and of the evaluations' exact JSON. */
export function fingerprint(input: RunConfigInput, seed = 0): Fingerprint {
  const h = createHash('sha256');
  const traj = train(resolveConfig(input), seed, {
    onEnd: (model) => { for (const p of model.params) { h.update(p.name); h.update(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength)); } },
  });
  const evals = JSON.stringify(traj.evals.map(({ step, trainLoss, trainAcc, testLoss, testAcc }) => [step, trainLoss, trainAcc, testLoss, testAcc]));
  return { params: h.digest('hex'), evals: createHash('sha256').update(evals).digest('hex'), finalTrainLoss: traj.evals.at(-1)!.trainLoss };
}

const saved = { threads: process.env.GROKCHECK_STEP_THREADS, split: process.env.GROKCHECK_SPLIT_MIN };
afterEach(() => {
  for (const [k, v] of [['GROKCHECK_STEP_THREADS', saved.threads], ['GROKCHECK_SPLIT_MIN', saved.split]] as const) {
    if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
});

describe('engine bit-identity', () => {
  const all = existsSync(FIXTURE) ? JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Record<string, Fingerprint>> : {};
  const variant = kernelVariant();
  if (process.env.GROKCHECK_BITWISE_WRITE === '1') {
    test(`should write the fixture's ${variant} set from this engine (single-threaded)`, () => {
      process.env.GROKCHECK_STEP_THREADS = '1';
      all[variant] = Object.fromEntries(Object.entries(BITWISE_CASES).map(([id, c]) => [id, fingerprint(c)]));
      writeFileSync(FIXTURE, JSON.stringify(all, null, 2) + '\n');
    });
    return;
  }
  const expected = all[variant];
  if (!expected) { test.skip(`no ${variant} set in the fixture`, () => {}); return; }
  // threads=2 with the default split thresholds, and with every product split (GROKCHECK_SPLIT_MIN=0), so even
  // the small models take the threaded path and its row and column splits
  for (const [threads, split] of [['1', undefined], ['2', undefined], ['2', '0']] as const) {
    for (const [id, c] of Object.entries(BITWISE_CASES)) {
      test(`should reproduce ${id} bit for bit with ${threads} thread(s)${split ? ', every product split' : ''}`, () => {
        // Arrange
        process.env.GROKCHECK_STEP_THREADS = threads;
        if (split === undefined) delete process.env.GROKCHECK_SPLIT_MIN; else process.env.GROKCHECK_SPLIT_MIN = split;
        const helped = helperChunks();
        // Act
        const got = fingerprint(c);
        // Assert
        expect(got).toEqual(expected[id]);
        if (split === '0') expect(helperChunks()).toBeGreaterThan(helped); // the helper thread did compute part of it
      });
    }
  }
});
