import type { Task } from '../tasks/task.ts';

/** A named parameter tensor. `decay` says whether weight decay applies by default (matrices yes, biases no). */
export interface Param {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * What the training loop needs of a model, whatever computes it (grokcheck's WebAssembly kernels or
 * TensorFlow.js). Parameters and gradients are Float32Arrays the optimizer updates in place.
 */
export interface Model {
  readonly params: readonly Param[];
  /** Gradients, aligned with `params`, filled by lossAndGrad. */
  readonly grads: readonly Float32Array[];
  /** Forward and backward over the given example indices of the task; mean loss and accuracy. */
  lossAndGrad(rows: Int32Array): { loss: number; acc: number };
  /** Forward only, in chunks, over any number of examples. */
  evaluate(rows: Int32Array): { loss: number; acc: number };
  /** Re-applies structural constraints (connectivity masks) after parameters changed. */
  constrain(): void;
  /** Post-activation values of hidden layer `layer` (1-based) for the given examples: [rows × width]. */
  hidden(rows: Int32Array, layer: number): Float32Array;
  /** Releases any resources held (tfjs tensors); a no-op for the wasm engine. */
  dispose(): void;
}

/**
 * A connectivity mask for one weight matrix: which entries may be non-zero. With `initOnly` the masked
 * entries only start at zero (a sparse initialization of a dense layer); otherwise they stay zero.
 */
export type MaskSpec = (
  /** Flat indices (row·cols + col) of the kept entries of the weight. */
  | { kind: 'explicit'; keep: number[] }
  /** Each output unit keeps `degree` inputs drawn by seed: random sparse of fixed degree. */
  | { kind: 'random'; degree: number }
  /** Vector-equilibrium wiring: each output unit keeps the 12 FCC nearest neighbours of its anchor (see ve.ts). */
  | { kind: 've' }
) & { initOnly?: boolean };

export interface MlpConfig {
  kind: 'mlp' | 'tfjs-mlp' | 'dense' | (string & {});
  /** Hidden layer widths, first to last; [] is a linear model. */
  hidden: number[];
  act: string;
  bias: boolean;
  /**
   * α, multiplying the standard init: every weight ~ U(−α/√fan_in, α/√fan_in), PyTorch's nn.Linear default
   * scaled by α (fan_in of the first layer is the vocabulary size, as for the one-hot linear layer it is).
   * Biases start at 0.
   */
  initScale: number;
  /** Optional masks by weight name ('W1', 'W2', …). */
  masks: Record<string, MaskSpec>;
}

/**
 * The grokking transformer of Nanda et al. (2023), generalized to n layers (src/models/transformer.ts): the
 * sequence (a, b, =) over p + 1 tokens, causal multi-head attention without biases, a ReLU MLP with biases,
 * optional pre-LayerNorm, logits read at "=". A resolved config for kind 'transformer' holds exactly these
 * fields; it travels where an MlpConfig is typed (RunConfig.model, ModelFactory), so read it through
 * `asTransformer` (transformer.ts) rather than MlpConfig's fields.
 */
export interface TransformerConfig {
  kind: 'transformer';
  dModel: number;
  heads: number;
  dMlp: number;
  layers: number;
  /** Pre-LayerNorm before attention, MLP and unembedding (learned gain and bias); false is Nanda's model. */
  ln: boolean;
  /** α multiplying every random initial tensor (see transformerShapes for the stds). */
  initScale: number;
}

/** Initial parameter values by name, and the masks (1 = kept) of masked weights. */
export interface ModelInit {
  readonly params: ReadonlyMap<string, Float32Array>;
  readonly masks: ReadonlyMap<string, Float32Array>;
}

/** Builds a model for a task from its initial state; `maxRows` bounds the rows of one lossAndGrad call. */
export type ModelFactory = (cfg: MlpConfig, task: Task, lossName: string, init: ModelInit, maxRows: number) => Model;
