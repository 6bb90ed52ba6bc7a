import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../engine/errors.ts';
import { readNpy, writeNpy } from '../engine/npy.ts';
import { mlpLayers } from '../models/init.ts';
import type { Model } from '../models/model.ts';
import { asTransformer, transformerShapes } from '../models/transformer.ts';
import type { Task } from '../tasks/task.ts';
import type { RunConfig } from './config.ts';

/**
 * .npy interop with PyTorch/NumPy. A split is an integer array of the training pairs' flat indices a·p + b.
 * Weights are W1.npy [2p × h1] (rows 0..p−1 embed a, p..2p−1 embed b), W2.npy [h1 × h2], …, and b1.npy, …
 * for biases: a PyTorch nn.Linear's `weight` is the transpose of these ([out × in]).
 */
export function readSplit(path: string): number[] {
  const a = readNpy(path);
  check(a.shape.length === 1 && (a.dtype === 'i4' || a.dtype === 'i8'), 'split-from', path,
    `must be a 1-D integer .npy of flat pair ids a·p+b (got dtype ${a.dtype}, shape ${JSON.stringify(a.shape)})`);
  return Array.from(a.data as ArrayLike<number>);
}

/** Reads W1.npy, W2.npy, … (and b1.npy, … when the model has biases) from `dir`, checking every shape. */
export function readWeights(dir: string, cfg: RunConfig, task: Task): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const wanted of wantedWeights(cfg, task)) {
    for (const [name, shape] of wanted) {
      const path = join(dir, `${name}.npy`);
      check(existsSync(path), 'init-from', dir, `must contain ${name}.npy (shape ${JSON.stringify(shape)})`);
      const a = readNpy(path);
      check(JSON.stringify(a.shape) === JSON.stringify(shape), `init-from ${name}.npy shape`, a.shape,
        `must be ${JSON.stringify(shape)} for this model (${cfg.model.kind === 'transformer' ? 'row-vector weights, x @ W: W_E is [p+1 × d], W_in [d × d_mlp]' : 'W1 is [vocab × width], W_l is [in × out]'})`);
      out.set(name, Float32Array.from(a.data as ArrayLike<number>));
    }
  }
  return out;
}

/**
 * The .npy files a model reads, grouped: per MLP layer its weight (and bias); for the transformer every
 * tensor of transformerShapes, Nanda et al.'s names W_E [p+1, d], W_pos [3, d], W_Q, W_K, W_V, W_O [d, d]
 * (head h: columns h·d_head… of W_Q, W_K, W_V, the same rows of W_O), W_in [d, d_mlp], b_in, W_out
 * [d_mlp, d], b_out, W_U [d, p], with a suffix .L per layer when there are several (W_Q.0, W_Q.1, …), and
 * with ln also ln1_w, ln1_b, ln2_w, ln2_b (per layer) and lnf_w, lnf_b.
 */
function wantedWeights(cfg: RunConfig, task: Task): [string, number[]][][] {
  if (cfg.model.kind === 'transformer') return [transformerShapes(asTransformer(cfg.model), task.classes).map((s) => [s.name, [...s.shape]])];
  return mlpLayers(cfg.model, task).map((L) => {
    const wanted: [string, number[]][] = [[L.w, [L.rows, L.cols]]];
    if (cfg.model.bias) wanted.push([L.b, [L.cols]]);
    return wanted;
  });
}

export function saveWeights(dir: string, model: Model): void {
  mkdirSync(dir, { recursive: true });
  for (const p of model.params) writeNpy(join(dir, `${p.name}.npy`), p.data, p.shape);
}

/** Saves the split as train.npy (flat ids, int32). */
export function saveSplit(dir: string, task: Task): void {
  mkdirSync(dir, { recursive: true });
  writeNpy(join(dir, 'train.npy'), Int32Array.from(task.train, (i) => task.ids[i]), [task.train.length]);
}
