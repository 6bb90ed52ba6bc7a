import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildTask } from '../tasks/index.ts';
import type { Task } from '../tasks/task.ts';
import { resolveConfig } from '../train/config.ts';
import { readWeights, saveWeights } from '../train/interop.ts';
import { train } from '../train/train.ts';
import type { ModelInit, TransformerConfig } from './model.ts';
import { loadTf } from './tfjs.ts';
import { asTransformer, generalTransformer, initTransformer, structuredTransformer, transformer } from './transformer.ts';

/** max |a − b| / max(|b|, 1e-3): the error relative to the reference tensor's scale. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 1e-3;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / den;
}

type Tensor = import('@tensorflow/tfjs').Tensor;
type T2 = import('@tensorflow/tfjs').Tensor2D;

/**
 * The same transformer written independently in TensorFlow.js (gather, batched matMul over heads, a −∞ mask,
 * tf.losses): loss and the gradient of every parameter by tf.variableGrads.
 */
function tfjsReference(cfg: TransformerConfig, task: Task, lossName: string, init: ModelInit, rows: Int32Array): { loss: number; grads: Map<string, Float32Array> } {
  const { tf } = loadTf();
  const p = task.classes, d = cfg.dModel, H = cfg.heads, dh = d / H, R = rows.length;
  const vars = new Map([...init.params].map(([k, v]) => [k, tf.variable(tf.tensor1d(v))]));
  // each flat variable read in its interop shape
  const shapeOf = (k: string): number[] => {
    const base = k.split('.')[0];
    if (base === 'W_E') return [p + 1, d];
    if (base === 'W_pos') return [3, d];
    if (['W_Q', 'W_K', 'W_V', 'W_O'].includes(base)) return [d, d];
    if (base === 'W_in') return [d, cfg.dMlp];
    if (base === 'W_out') return [cfg.dMlp, d];
    if (base === 'W_U') return [d, p];
    return [init.params.get(k)!.length];
  };
  const V = (k: string) => vars.get(k)!.reshape(shapeOf(k));
  const tok = new Int32Array(R * 3);
  rows.forEach((e, r) => { tok[3 * r] = task.tokens[2 * e]; tok[3 * r + 1] = task.tokens[2 * e + 1] - p; tok[3 * r + 2] = p; });
  const maskData = new Float32Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) maskData[3 * i + j] = j > i ? -1e9 : 0;
  const n = (s: string, l: number) => (cfg.layers > 1 ? `${s}.${l}` : s);
  const layerNorm = (x: Tensor, g: string, b: string): Tensor => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), V(g)), V(b));
  };
  const lossFn = () => {
    const mask = tf.tensor(maskData, [1, 1, 3, 3]);
    let x: Tensor = tf.add(tf.gather(V('W_E'), tf.tensor1d(tok, 'int32')).reshape([R, 3, d]), V('W_pos'));
    const heads = (t: Tensor) => t.reshape([R, 3, H, dh]).transpose([0, 2, 1, 3]);
    for (let l = 0; l < cfg.layers; l++) {
      const h1 = (cfg.ln ? layerNorm(x, n('ln1_w', l), n('ln1_b', l)) : x).reshape([R * 3, d]);
      const q = heads(tf.matMul(h1 as T2, V(n('W_Q', l)) as T2));
      const k = heads(tf.matMul(h1 as T2, V(n('W_K', l)) as T2));
      const v = heads(tf.matMul(h1 as T2, V(n('W_V', l)) as T2));
      const att = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), mask));
      const z = tf.matMul(att, v).transpose([0, 2, 1, 3]).reshape([R * 3, d]);
      const mid = tf.add(x, tf.matMul(z as T2, V(n('W_O', l)) as T2).reshape([R, 3, d]));
      const h2 = (cfg.ln ? layerNorm(mid, n('ln2_w', l), n('ln2_b', l)) : mid).reshape([R * 3, d]);
      const act = tf.relu(tf.add(tf.matMul(h2 as T2, V(n('W_in', l)) as T2), V(n('b_in', l))));
      x = tf.add(mid, tf.add(tf.matMul(act as T2, V(n('W_out', l)) as T2), V(n('b_out', l))).reshape([R, 3, d]));
    }
    if (cfg.ln) x = layerNorm(x, 'lnf_w', 'lnf_b');
    const eq = tf.slice(x, [0, 2, 0], [R, 1, d]).reshape([R, d]);
    const logits = tf.matMul(eq as T2, V('W_U') as T2);
    const y = tf.oneHot(tf.tensor1d(Array.from(rows, (e) => task.labels[e]), 'int32'), p);
    return (lossName === 'ce' ? tf.losses.softmaxCrossEntropy(y, logits) : tf.mean(tf.square(tf.sub(logits, y)))) as import('@tensorflow/tfjs').Scalar;
  };
  const names = [...vars.keys()];
  const { value, grads } = tf.variableGrads(lossFn, names.map((k) => vars.get(k)!));
  const out = new Map(names.map((k) => [k, grads[vars.get(k)!.name].dataSync() as Float32Array]));
  const loss = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads), ...vars.values()]);
  return { loss, grads: out };
}

/** Small random configs: p 7–11, d 8–16, 1–2 heads, 1–2 layers, LN on and off, both losses, biases non-zero. */
const CASES = Array.from({ length: 10 }, (_, seed) => ({
  seed, p: [7, 11, 7, 11, 7][seed % 5], d: [8, 12, 16][seed % 3], heads: 1 + (seed % 2), layers: 1 + (Math.floor(seed / 2) % 2),
  ln: seed % 4 >= 2, dMlp: 8 + 4 * (seed % 3), loss: seed === 7 ? 'mse' : 'ce', initScale: seed % 5 === 4 ? 2 : 1,
}));

function setup(c: (typeof CASES)[number]) {
  const cfg = resolveConfig({
    task: { kind: 'modular', op: 'add', p: c.p, trainFraction: 0.6 },
    model: { kind: 'transformer', dModel: c.d, heads: c.heads, dMlp: c.dMlp, layers: c.layers, ln: c.ln, initScale: c.initScale },
    loss: c.loss,
  });
  const task = buildTask(cfg.task, c.seed), t = asTransformer(cfg.model);
  const init = initTransformer(t, task, c.seed);
  // non-zero biases and LayerNorm parameters, so their gradients are exercised through every path
  for (const [k, v] of init.params) if (/^(b_|ln)/.test(k)) v.forEach((x, i) => { v[i] = x + 0.1 * Math.sin(3 * i + k.length); });
  return { cfg, t, task, init };
}

describe('transformer (Nanda et al. 2023, n layers)', () => {
  test.each(CASES)('should match TensorFlow.js in loss and every gradient within 1e-4 (case %#)', (c) => {
    // Arrange
    const { t, task, init, cfg } = setup(c);
    const model = generalTransformer(t, task, cfg.loss, init, task.train.length);
    // Act
    const ours = model.lossAndGrad(task.train);
    const ref = tfjsReference(t, task, cfg.loss, init, task.train);
    // Assert
    expect(relErr([ours.loss], [ref.loss])).toBeLessThan(1e-4);
    model.params.forEach((q, i) => expect(relErr(model.grads[i], ref.grads.get(q.name)!), q.name).toBeLessThan(1e-4));
  });

  test.each(CASES.filter((c) => c.layers === 1 && !c.ln))('should give the general path\'s loss and gradients on the structured one-layer path (case %#)', (c) => {
    // Arrange
    const { t, task, init, cfg } = setup(c);
    const general = generalTransformer(t, task, cfg.loss, init, task.train.length);
    const structured = structuredTransformer(t, task, cfg.loss, init, task.train.length);
    // Act
    const a = general.lossAndGrad(task.train), b = structured.lossAndGrad(task.train);
    // Assert
    expect(relErr([b.loss], [a.loss])).toBeLessThan(1e-5);
    expect(b.acc).toBe(a.acc);
    general.params.forEach((q, i) => expect(relErr(structured.grads[i], general.grads[i]), q.name).toBeLessThan(1e-4));
    expect(relErr([structured.evaluate(task.test).loss], [general.evaluate(task.test).loss])).toBeLessThan(1e-5);
    expect(relErr(structured.hidden(task.test, 1), general.hidden(task.test, 1))).toBeLessThan(1e-5);
  });

  test('should agree between the two paths at Nanda\'s width on a minibatch', () => {
    // Arrange
    const cfg = resolveConfig({ task: { p: 23, trainFraction: 0.3 }, model: { kind: 'transformer', dModel: 32, heads: 4, dMlp: 64 } });
    const task = buildTask(cfg.task, 5), t = asTransformer(cfg.model), init = initTransformer(t, task, 5);
    const rows = task.train.slice(0, 50);
    const general = generalTransformer(t, task, 'ce', init, 64), structured = structuredTransformer(t, task, 'ce', init, 64);
    // Act
    const a = general.lossAndGrad(rows), b = structured.lossAndGrad(rows);
    // Assert
    expect(relErr([b.loss], [a.loss])).toBeLessThan(1e-5);
    general.params.forEach((q, i) => expect(relErr(structured.grads[i], general.grads[i]), q.name).toBeLessThan(1e-4));
    expect(relErr([structured.evaluate(task.test).loss], [general.evaluate(task.test).loss])).toBeLessThan(1e-5); // in chunks of 64
  });

  test.each([false, true])('should keep attention causal: a later token cannot move an earlier position (ln %s)', (ln) => {
    // Arrange: pairs (a, b) and (a, b′) share position 0; (a, b) and (a′, b) share nothing before position 1
    const cfg = resolveConfig({ task: { p: 11 }, model: { kind: 'transformer', dModel: 16, heads: 2, dMlp: 16, layers: 2, ln } });
    const task = buildTask(cfg.task, 2), t = asTransformer(cfg.model);
    const model = generalTransformer(t, task, 'ce', initTransformer(t, task, 2), 8);
    const id = (a: number, b: number) => a * 11 + b; // all pairs are examples, in flat-id order
    // Act
    const res = model.residuals(Int32Array.from([id(3, 4), id(3, 9), id(5, 4)]));
    const at = (row: number, pos: number) => Array.from(res.subarray((row * 3 + pos) * 16, (row * 3 + pos + 1) * 16));
    // Assert
    expect(at(1, 0)).toEqual(at(0, 0)); // changing b leaves position 0 exactly as it was
    expect(relErr(at(1, 1), at(0, 1))).toBeGreaterThan(1e-3); // …and moves position 1
    expect(relErr(at(1, 2), at(0, 2))).toBeGreaterThan(1e-3); // …and "="
    expect(relErr(at(2, 0), at(0, 0))).toBeGreaterThan(1e-3); // changing a moves position 0
  });

  test('should train through the engine unchanged, in minibatches, with the norm, rank and Hessian probes', () => {
    // Arrange
    const cfg = resolveConfig({
      task: { p: 11, trainFraction: 0.4 }, model: { kind: 'transformer', dModel: 16, heads: 2, dMlp: 16 },
      optimizer: { warmup: 10 }, batchSize: 16, steps: 20, evalEvery: 10, probes: ['gradNorm', 'weightNorm', 'rank', 'hessian'],
    }); // fraction 0.4: the Hessian probe takes the whole training set in one call, which must fit the model's maxRows (≥ the test set)
    // Act
    const run = train(cfg, 1), last = run.evals[run.evals.length - 1];
    // Assert
    expect(run.evals.map((e) => e.step)).toEqual([0, 10, 20]);
    expect(last.trainLoss).toBeLessThan(run.evals[0].trainLoss);
    for (const key of ['gradNorm', 'gradNorm:W_E', 'weightNorm:W_U', 'rank:W_in', 'hessian:top', 'hessian:trace']) {
      expect(Number.isFinite(last[key]), key).toBe(true);
    }
    expect(train(cfg, 1).evals).toEqual(run.evals); // same seed, same trajectory
  });

  test("should default to Nanda et al.'s recipe and reject a config the transformer cannot run, naming the field", () => {
    expect(() => resolveConfig({ model: { kind: 'transformer', dModel: 30, heads: 4 } })).toThrow(/model\.heads/);
    expect(() => resolveConfig({ model: { kind: 'transformer', hidden: [64] } as never })).toThrow(/model\.hidden/);
    expect(() => resolveConfig({ task: { kind: 'parity' }, model: { kind: 'transformer' } })).toThrow(/task\.kind/);
    const nanda = resolveConfig({ model: { kind: 'transformer' } });
    expect(nanda.model).toEqual({ kind: 'transformer', dModel: 128, heads: 4, dMlp: 512, layers: 1, ln: false, initScale: 1 });
    expect([nanda.task, nanda.optimizer.warmup, nanda.optimizer.wd, nanda.optimizer.beta2]).toEqual([{ kind: 'modular', op: 'add', p: 113, trainFraction: 0.3, randomLabels: false, trainIds: null }, 10, 1, 0.98]);
    expect(resolveConfig({ model: { kind: 'transformer' }, optimizer: { name: 'wand' } }).optimizer.warmup).toBe(10); // a default is never "set but unread"
  });

  test('should give the same loss after --save-to and --init-from (interop round trip)', () => {
    // Arrange
    const cfg = resolveConfig({ task: { p: 13 }, model: { kind: 'transformer', dModel: 16, heads: 2, dMlp: 24, layers: 2, ln: true } });
    const task = buildTask(cfg.task, 4), t = asTransformer(cfg.model);
    const a = transformer(cfg.model, task, 'ce', initTransformer(t, task, 4), task.train.length);
    a.lossAndGrad(task.train); // move the weights off their init, so nothing could pass by re-initializing
    a.params.forEach((q, i) => q.data.forEach((x, j) => { q.data[j] = x - 0.1 * a.grads[i][j]; }));
    const dir = mkdtempSync(join(tmpdir(), 'grokcheck-tf-'));
    try {
      // Act
      saveWeights(dir, a);
      const read = readWeights(dir, cfg, task);
      const b = transformer(cfg.model, task, 'ce', { params: read, masks: new Map() }, task.train.length);
      // Assert
      expect([...read.keys()].sort()).toEqual(a.params.map((q) => q.name).sort());
      expect(read.get('W_Q.1')!.length).toBe(16 * 16);
      expect(b.evaluate(task.test).loss).toBe(a.evaluate(task.test).loss);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
