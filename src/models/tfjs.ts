import { createRequire } from 'node:module';
import { check } from '../engine/errors.ts';
import type { Task } from '../tasks/task.ts';
import { mlpLayers } from './init.ts';
import type { MlpConfig, Model, ModelInit, Param } from './model.ts';

type Tf = typeof import('@tensorflow/tfjs');
const require = createRequire(import.meta.url);
let tfCache: { tf: Tf; backend: string } | null = null;

/**
 * TensorFlow.js, with @tensorflow/tfjs-node's native backend when it is installed (an optionalDependency;
 * its install needs a download that fails on closed networks) and the pure-JS cpu backend otherwise.
 */
export function loadTf(): { tf: Tf; backend: string } {
  if (!tfCache) {
    let tf: Tf;
    const warn = console.warn;
    console.warn = () => {}; // the cpu backend's "install tfjs-node to speed things up" banner
    try {
      try {
        tf = require('@tensorflow/tfjs-node') as Tf;
      } catch {
        tf = require('@tensorflow/tfjs') as Tf;
        tf.setBackend('cpu');
      }
      tf.tidy(() => tf.add(1, 1));
    } finally {
      console.warn = warn;
    }
    tfCache = { tf, backend: tf.getBackend() };
  }
  return tfCache;
}

type Tensor = import('@tensorflow/tfjs').Tensor;
type Tensor2D = import('@tensorflow/tfjs').Tensor2D;

/**
 * The same MLP written in TensorFlow.js: the reference the WebAssembly kernels are tested against and the
 * model for the tfjs benchmark. It also shows how any custom tfjs model plugs into the training loop:
 * parameters live in Float32Arrays the optimizer updates, copied into tf variables before each pass.
 */
export function tfjsMlp(cfg: MlpConfig, task: Task, lossName: string, init: ModelInit, _maxRows: number): Model {
  const { tf } = loadTf();
  check(['relu', 'quadratic', 'tanh', 'gelu', 'erf', 'linear'].includes(cfg.act), 'model.act', cfg.act, 'is not supported by tfjs-mlp');
  check(lossName === 'ce' || lossName === 'mse', 'loss', lossName, "must be 'ce' or 'mse'");
  const shapes = mlpLayers(cfg, task);
  const params: Param[] = [];
  for (const s of shapes) {
    params.push({ name: s.w, shape: [s.rows, s.cols], data: Float32Array.from(init.params.get(s.w)!) });
    if (cfg.bias) params.push({ name: s.b, shape: [s.cols], data: Float32Array.from(init.params.get(s.b)!) });
  }
  const grads = params.map((p) => new Float32Array(p.data.length));
  const vars = params.map((p) => tf.variable(tf.tensor(p.data, [...p.shape])));
  const masks = new Map([...init.masks].map(([k, m]) => [k, tf.tensor2d(m, [m.length / shapes.find((s) => s.w === k)!.cols, shapes.find((s) => s.w === k)!.cols])]));
  const byName = new Map(params.map((p, i) => [p.name, vars[i]]));
  const T = task.tokensPerExample;

  const activate = (z: Tensor): Tensor => {
    switch (cfg.act) {
      case 'relu': return tf.relu(z);
      case 'quadratic': return tf.square(z);
      case 'tanh': return tf.tanh(z);
      case 'gelu': return tf.mul(tf.mul(z, 0.5), tf.add(1, tf.erf(tf.mul(z, Math.SQRT1_2))));
      case 'erf': return tf.erf(z);
      default: return z;
    }
  };
  const weight = (name: string): Tensor2D => {
    const w = byName.get(name)! as Tensor2D, m = masks.get(name);
    return m ? tf.mul(w, m) : w;
  };

  function logits(rows: Int32Array, upTo = shapes.length): Tensor2D {
    const tok = new Int32Array(rows.length * T);
    rows.forEach((e, r) => { for (let t = 0; t < T; t++) tok[r * T + t] = task.tokens[e * T + t]; });
    // The first layer as the one-hot-concat linear layer it is: a dense product, an independent check of the
    // gather/scatter kernels (and much faster in tfjs's cpu backend than gather's gradient).
    const onehot = new Float32Array(rows.length * task.vocab);
    for (let r = 0; r < rows.length; r++) for (let t = 0; t < T; t++) onehot[r * task.vocab + tok[r * T + t]] += 1;
    const x = tf.tensor2d(onehot, [rows.length, task.vocab]);
    let h: Tensor2D = tf.matMul(x, weight('W1'));
    x.dispose();
    shapes.forEach((s, i) => {
      if (i >= upTo) return;
      if (i > 0) h = tf.matMul(h, weight(s.w));
      if (cfg.bias) h = tf.add(h, byName.get(s.b)!);
      if (i < shapes.length - 1) h = activate(h) as Tensor2D;
    });
    return h;
  }

  function lossOf(out: Tensor2D, rows: Int32Array): Tensor {
    const y = tf.oneHot(tf.tensor1d(Array.from(rows, (e) => task.labels[e]), 'int32'), task.classes);
    return lossName === 'ce' ? tf.losses.softmaxCrossEntropy(y, out) : tf.mean(tf.square(tf.sub(out, y)));
  }

  function accuracy(out: Tensor2D, rows: Int32Array): number {
    const pred = out.argMax(1).dataSync();
    let c = 0;
    rows.forEach((e, r) => { if (pred[r] === task.labels[e]) c++; });
    return c / rows.length;
  }

  function sync(): void { vars.forEach((v, i) => v.assign(tf.tensor(params[i].data, [...params[i].shape]))); }

  return {
    params, grads,
    lossAndGrad(rows) {
      sync();
      let acc = 0;
      const { value, grads: g } = tf.variableGrads(() => {
        const out = logits(rows);
        acc = accuracy(out, rows);
        return lossOf(out, rows) as import('@tensorflow/tfjs').Scalar;
      }, vars);
      vars.forEach((v, i) => grads[i].set(g[v.name].dataSync()));
      const loss = value.dataSync()[0];
      tf.dispose([value, ...Object.values(g)]);
      return { loss, acc };
    },
    evaluate(rows) {
      sync();
      return tf.tidy(() => {
        const out = logits(rows);
        return { loss: lossOf(out, rows).dataSync()[0], acc: accuracy(out, rows) };
      });
    },
    hidden(rows, layer) {
      sync();
      return tf.tidy(() => logits(rows, layer).dataSync() as Float32Array);
    },
    constrain() {
      for (const [name, m] of init.masks) {
        const p = params.find((q) => q.name === name)!;
        for (let i = 0; i < m.length; i++) p.data[i] *= m[i];
      }
    },
    dispose() { tf.dispose([...vars, ...masks.values()]); },
  };
}
