import { check } from '../engine/errors.ts';
import type { Task } from '../tasks/task.ts';
import { ACTIVATIONS } from './activations.ts';
import { mlpLayers } from './init.ts';
import { LOSSES } from './losses.ts';
import { Arena, type Buf } from '../engine/wasm.ts';
import type { MlpConfig, Model, ModelInit, Param } from './model.ts';
import { evaluateInChunks } from './chunks.ts';

/** Activations with a SIMD kernel; the others run elementwise in JS on the arena's views. */
const FAST_ACTIVATIONS: Record<string, string> = { relu: 'relu', quadratic: 'quadratic' };

interface Layer {
  readonly rows: number; readonly cols: number;
  readonly W: Buf; readonly dW: Buf; readonly b: Buf | null; readonly db: Buf | null;
  readonly mask: Buf | null;
  /** Pre-activation Z, post-activation A (= Z for the output layer), and the gradient dZ: [maxRows × cols]. */
  readonly Z: Buf; readonly A: Buf; readonly dZ: Buf;
}

/**
 * The MLP on grokcheck's WebAssembly SIMD kernels. Layer 1 is a sum of embedding rows (gather; its
 * gradient a scatter-add), never a dense one-hot product; the other layers are cache-blocked products.
 * All buffers live in one arena laid out at construction.
 */
export function mlp(cfg: MlpConfig, task: Task, lossName: string, init: ModelInit, maxRows: number): Model {
  const act = ACTIVATIONS[cfg.act];
  check(act !== undefined, 'model.act', cfg.act, `must be one of ${Object.keys(ACTIVATIONS).join(', ')}`);
  const loss = LOSSES[lossName];
  check(loss !== undefined, 'loss', lossName, `must be one of ${Object.keys(LOSSES).join(', ')}`);
  const shapes = mlpLayers(cfg, task);
  const T = task.tokensPerExample, C = task.classes;

  const arena = new Arena();
  const handles = shapes.map((s) => ({
    W: arena.reserve(s.rows * s.cols), dW: arena.reserve(s.rows * s.cols),
    b: cfg.bias ? arena.reserve(s.cols) : -1, db: cfg.bias ? arena.reserve(s.cols) : -1,
    Z: arena.reserve(maxRows * s.cols), A: arena.reserve(maxRows * s.cols), dZ: arena.reserve(maxRows * s.cols),
    mask: init.masks.has(s.w) ? arena.reserve(s.rows * s.cols) : -1,
  }));
  const hTok = arena.reserve(maxRows * T, 'i32'), hLabels = arena.reserveLabels(maxRows);
  const hWT = arena.reserve(Math.max(...shapes.map((s) => s.rows * s.cols)));
  const hPack = arena.reservePack(Math.max(...shapes.slice(1).flatMap((s) => [s.rows, s.cols]), 8));
  const view = arena.commit();
  const k = arena.kernels;
  const layers: Layer[] = shapes.map((s, i) => {
    const h = handles[i], last = i === shapes.length - 1;
    const Z = view.f32(h.Z);
    return {
      rows: s.rows, cols: s.cols, W: view.f32(h.W), dW: view.f32(h.dW),
      b: cfg.bias ? view.f32(h.b) : null, db: cfg.bias ? view.f32(h.db) : null,
      mask: h.mask >= 0 ? view.f32(h.mask) : null, Z, A: last ? Z : view.f32(h.A), dZ: view.f32(h.dZ),
    };
  });
  layers.forEach((L, i) => L.mask?.data.set(init.masks.get(shapes[i].w)!));
  const tok = view.i32(hTok), WT = view.f32(hWT), labels = view.i32(hLabels), pack = view.f32(hPack).ptr;
  const fast = FAST_ACTIVATIONS[cfg.act];
  const activate = (L: Layer, n: number): void => {
    if (fast === 'relu') k.reluForward(n, L.Z.ptr, L.A.ptr);
    else if (fast === 'quadratic') k.squareForward(n, L.Z.ptr, L.A.ptr);
    else act.forward(L.Z.data, L.A.data, n);
  };
  const activateBack = (L: Layer, n: number): void => {
    if (fast === 'relu') k.reluBackward(n, L.Z.ptr, L.dZ.ptr);
    else if (fast === 'quadratic') k.squareBackward(n, L.Z.ptr, L.dZ.ptr);
    else act.backward(L.Z.data, L.A.data, L.dZ.data, n);
  };
  /** Summed loss and hits over R rows of the output layer; the gradient (mean over R) when asked. */
  const lossOver = (R: number, withGrad: boolean): { sum: number; correct: number } => {
    const out = layers[layers.length - 1];
    if (lossName === 'ce') {
      const sum = k.softmaxCrossEntropy(R, C, out.Z.ptr, labels.ptr, withGrad ? out.dZ.ptr : 0, 1 / R);
      return { sum, correct: k.correct() };
    }
    return loss.apply(out.Z.data, labels.data, R, C, withGrad ? out.dZ.data : null, R);
  };

  const params: Param[] = [], grads: Float32Array[] = [];
  shapes.forEach((s, i) => {
    const L = layers[i];
    L.W.data.set(required(init, s.w, s.rows * s.cols));
    params.push({ name: s.w, shape: [s.rows, s.cols], data: L.W.data });
    grads.push(L.dW.data);
    if (L.b && L.db) {
      L.b.data.set(required(init, s.b, s.cols));
      params.push({ name: s.b, shape: [s.cols], data: L.b.data });
      grads.push(L.db.data);
    }
  });

  /** Loads the tokens and labels of rows[from, from+R) and runs the forward pass up to layer `upTo`. */
  function forward(rows: Int32Array, from: number, R: number, upTo = layers.length): void {
    for (let r = 0; r < R; r++) {
      const e = rows[from + r];
      for (let t = 0; t < T; t++) tok.data[r * T + t] = task.tokens[e * T + t];
      labels.data[r] = task.labels[e];
    }
    for (let i = 0; i < upTo; i++) {
      const L = layers[i], n = R * L.cols;
      if (i === 0) k.embedSum(R, T, tok.ptr, L.W.ptr, L.cols, L.Z.ptr);
      else k.gemm(R, L.cols, L.rows, layers[i - 1].A.ptr, L.rows, 1, L.W.ptr, L.cols, L.Z.ptr, L.cols, 0, pack);
      if (L.b) k.addBias(R, L.cols, L.Z.ptr, L.b.ptr);
      if (i < layers.length - 1) activate(L, n);
    }
  }

  function lossAndGrad(rows: Int32Array): { loss: number; acc: number } {
    const R = rows.length;
    check(R >= 1 && R <= maxRows, 'batch rows', R, `must be in [1, ${maxRows}] (the model's maxRows)`);
    forward(rows, 0, R);
    const { sum, correct } = lossOver(R, true);
    for (let i = layers.length - 1; i >= 0; i--) {
      const L = layers[i];
      if (i > 0) {
        const prev = layers[i - 1];
        k.gemm(L.rows, L.cols, R, prev.A.ptr, 1, L.rows, L.dZ.ptr, L.cols, L.dW.ptr, L.cols, 0, pack);
        k.transpose(L.rows, L.cols, L.W.ptr, WT.ptr);
        k.gemm(R, L.rows, L.cols, L.dZ.ptr, L.cols, 1, WT.ptr, L.rows, prev.dZ.ptr, L.rows, 0, pack);
        activateBack(prev, R * L.rows);
      } else {
        L.dW.data.fill(0);
        k.embedScatter(R, T, tok.ptr, L.dZ.ptr, L.cols, L.dW.ptr);
      }
      if (L.db) k.columnSums(R, L.cols, L.dZ.ptr, L.db.ptr);
      if (L.mask) k.multiply(L.rows * L.cols, L.dW.ptr, L.mask.ptr);
    }
    return { loss: sum / R, acc: correct / R };
  }

  function evaluate(rows: Int32Array): { loss: number; acc: number } {
    return evaluateInChunks(rows, maxRows, (from, R) => { forward(rows, from, R); return lossOver(R, false); });
  }

  function hidden(rows: Int32Array, layer: number): Float32Array {
    check(layer >= 1 && layer < layers.length, 'layer', layer, `must be a hidden layer in [1, ${layers.length - 1}]`);
    const L = layers[layer - 1], out = new Float32Array(rows.length * L.cols);
    for (let from = 0; from < rows.length; from += maxRows) {
      const R = Math.min(maxRows, rows.length - from);
      forward(rows, from, R, layer);
      out.set(L.A.data.subarray(0, R * L.cols), from * L.cols);
    }
    return out;
  }

  function constrain(): void {
    for (const L of layers) if (L.mask) k.multiply(L.rows * L.cols, L.W.ptr, L.mask.ptr);
  }

  return { params, grads, lossAndGrad, evaluate, constrain, hidden, dispose() { arena.dispose(); } };
}

function required(init: ModelInit, name: string, len: number): Float32Array {
  const v = init.params.get(name);
  check(v !== undefined && v.length === len, `init.${name}`, v ? `length ${v.length}` : 'missing', `must hold ${len} values`);
  return v!;
}
