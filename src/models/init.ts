import { check, isInt, isNum } from '../engine/errors.ts';
import { rng } from '../engine/rng.ts';
import type { Task } from '../tasks/task.ts';
import type { MaskSpec, MlpConfig, ModelInit, Param } from './model.ts';
import { veWiring } from './ve.ts';

export interface LayerShape { readonly w: string; readonly b: string; readonly rows: number; readonly cols: number }

/**
 * The MLP's weights in interop order: W1 [vocab × h1] (for Z_p pairs: rows 0..p−1 embed a, rows p..2p−1
 * embed b), W2 [h1 × h2], …, W_last [h_L × classes]; biases b1… of each layer's width.
 */
export function mlpLayers(cfg: MlpConfig, task: Task): LayerShape[] {
  const widths = [...cfg.hidden, task.classes];
  return widths.map((cols, i) => ({ w: `W${i + 1}`, b: `b${i + 1}`, rows: i === 0 ? task.vocab : widths[i - 1], cols }));
}

export function validateMlp(cfg: MlpConfig): void {
  check(Array.isArray(cfg.hidden) && cfg.hidden.every((h) => isInt(h, 1) && h <= 65536), 'model.hidden', cfg.hidden,
    'must be a list of positive integer widths, e.g. [256]');
  check(isNum(cfg.initScale) && cfg.initScale > 0, 'model.initScale', cfg.initScale, 'must be a positive number (1 = the standard init)');
}

/**
 * The seeded initial state: U(−α/√fan_in, α/√fan_in) weights (PyTorch nn.Linear's default × α), zero biases,
 * masks applied (a fixed mask's fan_in is the number of inputs each unit keeps; an initOnly mask just zeroes).
 */
export function initMlp(cfg: MlpConfig, task: Task, seed: number): ModelInit {
  validateMlp(cfg);
  const r = rng(seed, 'init');
  const params = new Map<string, Float32Array>(), masks = new Map<string, Float32Array>();
  for (const L of mlpLayers(cfg, task)) {
    const bound = cfg.initScale / Math.sqrt(L.rows);
    const w = new Float32Array(L.rows * L.cols);
    for (let i = 0; i < w.length; i++) w[i] = (2 * r.next() - 1) * bound;
    const spec = cfg.masks[L.w];
    if (spec) {
      const m = buildMask(spec, L, seed);
      // a fixed mask leaves each unit fewer inputs: draw its weights for the fan-in it keeps (nn.Linear's rule
      // for a layer that size), so sparse and dense layers start with the same pre-activation scale
      const gain = spec.initOnly ? null : keptFanInGain(m, L);
      for (let i = 0; i < w.length; i++) w[i] *= m[i] * (gain ? gain[i % L.cols] : 1);
      check(spec.initOnly === undefined || typeof spec.initOnly === 'boolean', `model.masks.${L.w}.initOnly`, spec.initOnly, 'must be true or false');
      if (!spec.initOnly) masks.set(L.w, m);
    }
    params.set(L.w, w);
    if (cfg.bias) params.set(L.b, new Float32Array(L.cols));
  }
  for (const name of Object.keys(cfg.masks)) {
    check(params.has(name), `model.masks.${name}`, name, `names no weight of this MLP; weights are ${[...params.keys()].filter((k) => k[0] === 'W').join(', ')}`);
  }
  return { params, masks };
}

/** Per output unit, √(rows / kept inputs): rescales U(±1/√rows) to U(±1/√kept). */
function keptFanInGain(m: Float32Array, L: LayerShape): Float32Array {
  const kept = new Float32Array(L.cols);
  for (let i = 0; i < m.length; i++) kept[i % L.cols] += m[i];
  return kept.map((k) => (k > 0 ? Math.sqrt(L.rows / k) : 0));
}

function buildMask(spec: MaskSpec, L: LayerShape, seed: number): Float32Array {
  const m = new Float32Array(L.rows * L.cols);
  if (spec.kind === 'explicit') {
    for (const i of spec.keep) {
      check(isInt(i, 0) && i < m.length, `model.masks.${L.w}.keep`, i, `must be flat indices in [0, ${m.length})`);
      m[i] = 1;
    }
  } else if (spec.kind === 'random') {
    check(isInt(spec.degree, 1) && spec.degree <= L.rows, `model.masks.${L.w}.degree`, spec.degree, `must be an integer in [1, ${L.rows}]`);
    const r = rng(seed, `mask:${L.w}`);
    for (let c = 0; c < L.cols; c++) {
      let kept = 0;
      while (kept < spec.degree) {
        const row = r.int(L.rows);
        if (!m[row * L.cols + c]) { m[row * L.cols + c] = 1; kept++; }
      }
    }
  } else if (spec.kind === 've') {
    veWiring(L.rows, L.cols).inputs.forEach((rows, c) => { for (const row of rows) m[row * L.cols + c] = 1; });
  } else {
    check(false, `model.masks.${L.w}.kind`, (spec as { kind: unknown }).kind, "must be 'explicit', 'random' or 've'");
  }
  return m;
}

/**
 * The MLP's hidden matrices: W2 … W_{L−1}, the weights between two hidden layers. W1 is the embedding of the
 * one-hot input and the last W the output head: Muon's authors, optax's `muon` and torch.optim.Muon all send
 * embeddings and heads (and every vector) to AdamW, so a one-hidden-layer MLP has no hidden matrix at all.
 * In the transformer the embeddings W_E, W_pos and the unembedding W_U are not hidden; W_Q, W_K, W_V, W_O,
 * W_in and W_out are.
 */
const TRANSFORMER_IO = new Set(['W_E', 'W_pos', 'W_U']);
export function isHiddenMatrix(p: Param, all: readonly Param[]): boolean {
  if (TRANSFORMER_IO.has(p.name)) return false; // the transformer's embeddings and unembedding
  const last = all.filter((q) => q.name.startsWith('W')).length;
  return p.shape.length === 2 && p.name !== 'W1' && p.name !== `W${last}`;
}
