import { check, isInt, isNum } from '../../engine/errors.ts';
import { rng } from '../../engine/rng.ts';
import type { Buf, Kernels } from '../../engine/wasm.ts';
import type { Task } from '../../tasks/task.ts';
import type { ModelInit, TransformerConfig } from '../model.ts';

/** Nanda et al. (2023)'s one-layer grokking transformer, generalized: the defaults resolveConfig fills for kind 'transformer'. */
export const TRANSFORMER_DEFAULTS: TransformerConfig = { kind: 'transformer', dModel: 128, heads: 4, dMlp: 512, layers: 1, ln: false, initScale: 1 };

export function validateTransformer(cfg: TransformerConfig): void {
  check(isInt(cfg.dModel, 1) && cfg.dModel <= 4096, 'model.dModel', cfg.dModel, 'must be an integer in [1, 4096], e.g. 128');
  check(isInt(cfg.heads, 1) && cfg.dModel % cfg.heads === 0, 'model.heads', cfg.heads, `must be a positive integer dividing model.dModel (${cfg.dModel}), e.g. 4`);
  check(isInt(cfg.dMlp, 1) && cfg.dMlp <= 65536, 'model.dMlp', cfg.dMlp, 'must be an integer in [1, 65536], e.g. 512');
  check(isInt(cfg.layers, 1) && cfg.layers <= 64, 'model.layers', cfg.layers, 'must be an integer in [1, 64]');
  check(typeof cfg.ln === 'boolean', 'model.ln', cfg.ln, 'must be true (pre-LayerNorm) or false (none, as Nanda et al.)');
  check(isNum(cfg.initScale) && cfg.initScale > 0, 'model.initScale', cfg.initScale, 'must be a positive number (1 = the standard init)');
}

/**
 * The modulus of a modular task, checked: the transformer reads (a, b, =) as three tokens of a vocabulary
 * of p + 1, and the modular tasks store a and p + b (src/tasks/modular.ts), so it needs exactly that layout.
 */
export function modulusOf(task: Task): number {
  const p = task.classes;
  check(task.tokensPerExample === 2 && task.vocab === 2 * p, 'model.kind', 'transformer',
    `needs a modular task (two operands a, b with p classes); this task (${task.name}) has ${task.tokensPerExample} tokens over a vocabulary of ${task.vocab}`);
  return p;
}

/** The three sequence positions: a, b and "=" (where the answer is read). */
export const SEQ = 3;

/** Interop name of a per-layer tensor: bare with one layer (Nanda's names), `name.L` with several. */
export const layerName = (name: string, l: number, layers: number): string => (layers > 1 ? `${name}.${l}` : name);

export interface ParamShape { readonly name: string; readonly shape: readonly number[]; readonly std: number | 'zeros' | 'ones' }

/**
 * Every parameter in interop order, with its initial distribution. Row-vector convention (x @ W): head h
 * uses columns h·d_head … (h+1)·d_head of W_Q, W_K, W_V and the same rows of W_O. The std follows
 * Nanda et al.'s code (progress-measures notebook): N(0, 1/d_model) for embeddings and every matrix, N(0,
 * 1/(p+1)) for the unembedding (its d_vocab includes "="), zero biases; LayerNorm (only with ln) gain 1, bias 0.
 */
export function transformerShapes(cfg: TransformerConfig, p: number): ParamShape[] {
  const d = cfg.dModel, m = cfg.dMlp, L = cfg.layers, sd = 1 / Math.sqrt(d);
  const out: ParamShape[] = [
    { name: 'W_E', shape: [p + 1, d], std: sd },
    { name: 'W_pos', shape: [SEQ, d], std: sd },
  ];
  for (let l = 0; l < L; l++) {
    const n = (s: string) => layerName(s, l, L);
    if (cfg.ln) out.push({ name: n('ln1_w'), shape: [d], std: 'ones' }, { name: n('ln1_b'), shape: [d], std: 'zeros' });
    for (const w of ['W_Q', 'W_K', 'W_V', 'W_O']) out.push({ name: n(w), shape: [d, d], std: sd });
    if (cfg.ln) out.push({ name: n('ln2_w'), shape: [d], std: 'ones' }, { name: n('ln2_b'), shape: [d], std: 'zeros' });
    out.push({ name: n('W_in'), shape: [d, m], std: sd }, { name: n('b_in'), shape: [m], std: 'zeros' },
      { name: n('W_out'), shape: [m, d], std: sd }, { name: n('b_out'), shape: [d], std: 'zeros' });
  }
  if (cfg.ln) out.push({ name: 'lnf_w', shape: [d], std: 'ones' }, { name: 'lnf_b', shape: [d], std: 'zeros' });
  out.push({ name: 'W_U', shape: [d, p], std: 1 / Math.sqrt(p + 1) });
  return out;
}

/** The seeded initial state (see transformerShapes), every random tensor × initScale; no masks. */
export function initTransformer(cfg: TransformerConfig, task: Task, seed: number): ModelInit {
  validateTransformer(cfg);
  const r = rng(seed, 'init');
  const params = new Map<string, Float32Array>();
  for (const s of transformerShapes(cfg, modulusOf(task))) {
    const v = new Float32Array(s.shape.reduce((a, b) => a * b, 1));
    if (s.std === 'ones') v.fill(1);
    else if (s.std !== 'zeros') for (let i = 0; i < v.length; i++) v[i] = r.normal() * s.std * cfg.initScale;
    params.set(s.name, v);
  }
  return { params, masks: new Map() };
}

export function required(init: ModelInit, name: string, len: number): Float32Array {
  const v = init.params.get(name);
  check(v !== undefined && v.length === len, `init.${name}`, v ? `length ${v.length}` : 'missing', `must hold ${len} values`);
  return v!;
}

/**
 * Matrix products on the kernels' gemm with the three layouts backprop needs. Pointers are byte offsets;
 * leading dimensions are in floats. `T` is scratch for a transposed B, `pack` gemm's packing scratch.
 */
export class Mm {
  constructor(private readonly k: Kernels, private readonly pack: number, private readonly T: Buf) {}
  /** C[M×N] (+)= A[M×K] · B[K×N]. */
  ab(M: number, N: number, K: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, acc = 0): void {
    this.k.gemm(M, N, K, a, lda, 1, b, ldb, c, ldc, acc, this.pack);
  }
  /** C[M×N] (+)= Aᵀ · B with A stored [K×M] (row stride lda). */
  atb(M: number, N: number, K: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, acc = 0): void {
    this.k.gemm(M, N, K, a, 1, lda, b, ldb, c, ldc, acc, this.pack);
  }
  /** C[M×N] (+)= A · Bᵀ with B a contiguous [N×K] block (transposed into scratch first). */
  abt(M: number, N: number, K: number, a: number, lda: number, b: number, c: number, ldc: number, acc = 0): void {
    this.k.transpose(N, K, b, this.T.ptr);
    this.k.gemm(M, N, K, a, lda, 1, this.T.ptr, N, c, ldc, acc, this.pack);
  }
}

export type LossFn = (R: number, logits: Buf, labels: Buf<Int32Array>, grad: Buf | null) => { sum: number; correct: number };
