import { ConfigError, check, isInt } from '../engine/errors.ts';
import type { MlpConfig, TransformerConfig } from '../models/model.ts';
import { TRANSFORMER_DEFAULTS, validateTransformer } from '../models/transformer.ts';
import { type OptimizerConfig, optimizerReads } from '../optim/recipes.ts';
import type { MnistTaskConfig, ModularTaskConfig, ParityTaskConfig, TaskConfig, TeacherTaskConfig } from '../tasks/task.ts';

/** Everything that determines a run, with the seed: the run store hashes exactly this. Plain JSON. */
export interface RunConfig {
  task: TaskConfig;
  /** An MLP's config, or with kind 'transformer' exactly a TransformerConfig's fields (read it through asTransformer). */
  model: MlpConfig;
  /** 'ce' (cross-entropy) or 'mse' against one-hot targets. */
  loss: string;
  optimizer: OptimizerConfig;
  /** Minibatch size; null = full batch (the grokking papers' usual setting). */
  batchSize: number | null;
  /** The step budget: runs that have not grokked by then are censored here. */
  steps: number;
  /** Evaluate train/test loss and accuracy, and run the probes, every this many steps (and at 0 and the end). */
  evalEvery: number;
  /** Registered probe names, measured at every evaluation. */
  probes: string[];
  /** Phase markers: t_mem = first eval with train acc ≥ mem; t_grok = first eval with test acc ≥ grok. */
  markers: { mem: number; grok: number };
  /**
   * Stop early once test acc ≥ testAcc held for `hold` consecutive evals (null = run the whole budget), and, with
   * `afterGrok` k, not before step k·t_grok: a claim about what follows grokking (cleanup, compression, the norm
   * still falling) reads its end state at a pre-registered multiple of t_grok rather than a few evals after it.
   */
  stop: { testAcc: number | null; hold: number; afterGrok: number };
  /** Instead of training, sample the weights (null = train): Wang–Landau over the training loss (src/runs/sample.ts). */
  sampler: SamplerConfig | null;
}

/**
 * Sampling of a network's weights: energy window, schedule, move size, box, how often q is measured. 'wang-landau':
 * single-weight Monte Carlo moves over a 1-D density of states in the training loss (src/physics/wangLandau.ts);
 * 'wlmd': Wang–Landau molecular dynamics, gradient-driven Langevin moves over the 2-D density of states
 * S(training loss, test accuracy) (src/physics/wlmd.ts), stepSize being the Langevin step h and moves its step cap.
 */
export interface SamplerConfig {
  kind: 'wang-landau' | 'wlmd';
  eMin: number; eMax: number; bins: number;
  lnfFinal: number; flatness: number;
  /** The cap on moves. */
  moves: number;
  stepSize: number;
  /** Weights stay in |θ| ≤ box. */
  box: number;
  measureEvery: number;
  /** Train this many steps with the config's optimizer first and start the walk there (0: from the init). */
  startSteps: number;
  /** 'wlmd' only: test-accuracy bins, the ln f schedule ('halving' or Belardinelli–Pereyra '1/t'), the first ln f, the clip on |S′(E)|. */
  aBins: number; schedule: 'halving' | '1/t'; lnf0: number; maxSlope: number;
  /** 'wlmd' only: full-batch Adam steps (lr 1e-2) on the training and test pairs together before the walk: a generalizing start by construction (0: none). */
  fitAll: number;
  /**
   * 'wlmd' only: > 0 biases the walk over (training loss, test loss) — test loss in [0, testLossMax) in this many bins,
   * the last open above — driving it with the test loss's gradient too, and reads S(training loss, test accuracy)
   * from the test accuracy within each bin (src/physics/wlmd.ts); 0: biased over test-accuracy bins, which no force drives.
   */
  testLossBins: number; testLossMax: number;
}

const SAMPLER: SamplerConfig = { kind: 'wang-landau', eMin: 0, eMax: 2, bins: 20, lnfFinal: 1e-3, flatness: 0.7, moves: 2_000_000, stepSize: 0.1, box: 4, measureEvery: 20, startSteps: 0, aBins: 6, schedule: 'halving', lnf0: 1, maxSlope: 1e3, fitAll: 0, testLossBins: 0, testLossMax: 4 };

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object | null ? DeepPartial<T[K]> : T[K] };
export type RunConfigInput = Omit<DeepPartial<RunConfig>, 'task' | 'model'> & {
  task?: Partial<ModularTaskConfig> | Partial<ParityTaskConfig> | Partial<TeacherTaskConfig> | Partial<MnistTaskConfig>;
  model?: DeepPartial<MlpConfig> | Partial<TransformerConfig>;
};

const MODULAR: ModularTaskConfig = { kind: 'modular', op: 'add', p: 97, trainFraction: 0.5, randomLabels: false, trainIds: null };
const PARITY: ParityTaskConfig = { kind: 'parity', bits: 16, relevant: 3, trainSize: 1000, testSize: 1000, randomLabels: false };
/** Nanda et al. (2023)'s task for their transformer: a + b mod 113, 30% of the pairs for training. */
const TRANSFORMER_TASK: ModularTaskConfig = { ...MODULAR, p: 113, trainFraction: 0.3 };
/** Omnigrok's MNIST subset (Liu et al. 2022, arXiv 2210.01117): 1000 training images (binarized here), 1000 held out. */
const MNIST: MnistTaskConfig = { kind: 'mnist', trainSize: 1000, testSize: 1000, pool: 1, threshold: 0.5, randomLabels: false };
const TEACHER: TeacherTaskConfig = { kind: 'teacher', d: 16, n: 256, nTest: 2000, a1: 1, a3: 1, noise: 0, hiddenBias: 0, start: 'init' };

/**
 * The defaults: the canonical grokking MLP of this project (p = 97, a+b, half the pairs for training,
 * one hidden ReLU layer of 256, no biases, CE, full batch, AdamW lr 1e-3, wd 1, β = (0.9, 0.98) as in
 * Nanda et al. 2023's progress-measures recipe). A variant overrides only what differs.
 */
export const DEFAULTS: RunConfig = {
  task: MODULAR,
  model: { kind: 'mlp', hidden: [256], act: 'relu', bias: false, initScale: 1, masks: {} },
  loss: 'ce',
  optimizer: {
    name: 'adamw', lr: 1e-3, wd: 1, beta1: 0.9, beta2: 0.98, eps: 1e-8, momentum: 0, nesterov: false,
    clip: null, decay: 'all', warmup: 0, extra: {},
  },
  batchSize: null,
  steps: 1000,
  evalEvery: 10,
  probes: [],
  markers: { mem: 0.99, grok: 0.95 },
  stop: { testAcc: null, hold: 1, afterGrok: 1 },
  sampler: null,
};

/** The optimizer defaults of a model kind: the transformer's add Nanda et al.'s 10 steps of linear warm-up. */
const optimizerDefaults = (modelKind: string): OptimizerConfig => (modelKind === 'transformer' ? { ...DEFAULTS.optimizer, warmup: 10 } : DEFAULTS.optimizer);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields whose values are free-form maps, merged as given. */
const OPEN = new Set(['model.masks', 'optimizer.extra']);

function merge(base: unknown, over: unknown, path: string): unknown {
  if (over === undefined) return base;
  if (!isObject(base) || OPEN.has(path)) return over;
  check(isObject(over), path || 'config', over, 'must be an object');
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    const p = path ? `${path}.${k}` : k;
    if (!(k in base)) throw new ConfigError(p, v, `is not an option; known options here: ${Object.keys(base).join(', ')}`);
    out[k] = merge(base[k], v, p);
  }
  return out;
}

/** Fills every default in one place and rejects unknown options, naming the field. */
export function resolveConfig(input: RunConfigInput = {}): RunConfig {
  const kind = input.task?.kind ?? 'modular';
  check(kind === 'modular' || kind === 'parity' || kind === 'teacher' || kind === 'mnist', 'task.kind', kind, "must be 'modular', 'parity', 'teacher' or 'mnist'");
  // a transformer has its own defaults, Nanda et al. (2023)'s recipe: its model (so its config carries none of the
  // MLP's fields), p = 113 with 30% of the pairs for training, and 10 steps of linear warm-up
  const transformer = input.model?.kind === 'transformer';
  const base = {
    ...DEFAULTS, task: { modular: transformer ? TRANSFORMER_TASK : MODULAR, parity: PARITY, teacher: TEACHER, mnist: MNIST }[kind],
    model: transformer ? TRANSFORMER_DEFAULTS : DEFAULTS.model, optimizer: optimizerDefaults(transformer ? 'transformer' : 'mlp'),
  };
  const cfg = merge(base, input, '') as RunConfig;
  if (transformer) {
    validateTransformer(cfg.model as unknown as TransformerConfig);
    check(cfg.task.kind === 'modular', 'task.kind', cfg.task.kind, "must be 'modular' for model.kind 'transformer' (it reads the sequence a, b, =)");
  }
  check(cfg.loss === 'ce' || cfg.loss === 'mse', 'loss', cfg.loss, "must be 'ce' or 'mse'");
  check(isInt(cfg.steps, 0), 'steps', cfg.steps, 'must be an integer ≥ 0');
  check(isInt(cfg.evalEvery, 1), 'evalEvery', cfg.evalEvery, 'must be an integer ≥ 1');
  check(cfg.batchSize === null || isInt(cfg.batchSize, 1), 'batchSize', cfg.batchSize, 'must be null (full batch) or a positive integer');
  check(Array.isArray(cfg.probes), 'probes', cfg.probes, 'must be a list of probe names');
  check(cfg.stop.testAcc === null || (cfg.stop.testAcc > 0 && cfg.stop.testAcc <= 1), 'stop.testAcc', cfg.stop.testAcc, 'must be null or in (0, 1]');
  check(isInt(cfg.stop.hold, 1), 'stop.hold', cfg.stop.hold, 'must be an integer ≥ 1');
  check(Number.isFinite(cfg.stop.afterGrok) && cfg.stop.afterGrok >= 1, 'stop.afterGrok', cfg.stop.afterGrok,
    'must be a multiple of t_grok ≥ 1 (e.g. 3: train on to three times the step where test accuracy first reached markers.grok)');
  rejectIgnored(cfg);
  if (cfg.sampler === null || (cfg.sampler.startSteps ?? 0) > 0) rejectUnread(cfg.optimizer, optimizerDefaults(cfg.model.kind));
  if (cfg.sampler !== null) {
    cfg.sampler = merge(SAMPLER, cfg.sampler, 'sampler') as SamplerConfig;
    const w = cfg.sampler;
    check(w.kind === 'wang-landau' || w.kind === 'wlmd', 'sampler.kind', w.kind, "must be 'wang-landau' or 'wlmd'");
    check(isInt(w.fitAll, 0), 'sampler.fitAll', w.fitAll, 'must be an integer ≥ 0 (Adam steps on train ∪ test before the walk)');
    check(isInt(w.aBins, 1), 'sampler.aBins', w.aBins, 'must be a positive integer (test-accuracy bins)');
    check(isInt(w.testLossBins, 0) && w.testLossBins !== 1, 'sampler.testLossBins', w.testLossBins, 'must be 0 (no drive) or an integer ≥ 2 (test-loss bins)');
    check(w.testLossMax > 0, 'sampler.testLossMax', w.testLossMax, 'must be positive (the top of the test-loss window)');
    check(w.schedule === 'halving' || w.schedule === '1/t', 'sampler.schedule', w.schedule, "must be 'halving' or '1/t'");
    for (const k of ['lnf0', 'maxSlope'] as const) check(w[k] > 0, `sampler.${k}`, w[k], 'must be positive');
    // a setting the chosen sampler never reads would change nothing: refuse it
    if (w.kind === 'wang-landau') for (const k of ['aBins', 'schedule', 'lnf0', 'maxSlope', 'fitAll', 'testLossBins', 'testLossMax'] as const) check(w[k] === SAMPLER[k], `sampler.${k}`, w[k], "is read by the 'wlmd' sampler only: remove it, or set sampler.kind = 'wlmd'");
    else check(w.measureEvery === SAMPLER.measureEvery, 'sampler.measureEvery', w.measureEvery, "is not read by the 'wlmd' sampler (it reads the test accuracy at every step): remove it");
    check(w.eMax > w.eMin, 'sampler.eMax', w.eMax, 'must exceed sampler.eMin');
    for (const k of ['bins', 'moves', 'measureEvery'] as const) check(isInt(w[k], 1), `sampler.${k}`, w[k], 'must be a positive integer');
    check(isInt(w.startSteps, 0), 'sampler.startSteps', w.startSteps, 'must be an integer ≥ 0 (training steps before the walk)');
    for (const k of ['lnfFinal', 'stepSize', 'box'] as const) check(w[k] > 0, `sampler.${k}`, w[k], 'must be positive');
    check(w.flatness > 0 && w.flatness < 1, 'sampler.flatness', w.flatness, 'must be in (0, 1)');
  }
  return cfg;
}

/**
 * An optimizer option given a non-default value that its recipe never reads (AdamW's `momentum`, an extra
 * only Muon reads) would silently change nothing: an error naming the field and what the recipe does read.
 */
function rejectUnread(opt: OptimizerConfig, defaults: OptimizerConfig): void {
  const reads = optimizerReads(opt);
  const listed = [...reads].filter((k) => k !== 'name' && k !== 'extra').join(', ');
  const unread = (field: string, value: unknown) => new ConfigError(`optimizer.${field}`, value,
    `is never read by the '${opt.name}' optimizer, so it would change nothing; '${opt.name}' reads ${listed}. Remove it, or choose an optimizer that uses it`);
  for (const [k, v] of Object.entries(opt)) {
    if (k === 'extra') { for (const [e, ev] of Object.entries(v as object)) if (!reads.has(`extra.${e}`)) throw unread(`extra.${e}`, ev); }
    else if (!reads.has(k) && JSON.stringify(v) !== JSON.stringify(defaults[k as keyof OptimizerConfig])) throw unread(k, v);
  }
}

/** Options that another setting makes the engine ignore: given a non-default value, each is an error naming why. */
function rejectIgnored(cfg: RunConfig): void {
  const ignored = (field: string, value: unknown, because: string) => new ConfigError(field, value, `is ignored ${because}, so it would change nothing; remove it`);
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  const t = cfg.task;
  if (t.kind === 'modular' && t.trainIds !== null && t.trainFraction !== MODULAR.trainFraction) throw ignored('task.trainFraction', t.trainFraction, 'when task.trainIds gives the training set');
  if (cfg.stop.testAcc === null && cfg.stop.hold !== DEFAULTS.stop.hold) throw ignored('stop.hold', cfg.stop.hold, 'without stop.testAcc (no early stopping)');
  if (cfg.stop.testAcc === null && cfg.stop.afterGrok !== DEFAULTS.stop.afterGrok) throw ignored('stop.afterGrok', cfg.stop.afterGrok, 'without stop.testAcc (no early stopping)');
  if (cfg.model.kind === 'dense' && Object.keys(cfg.model.masks).length) throw ignored('model.masks', cfg.model.masks, "by the 'dense' model");
  if (cfg.sampler !== null) {
    const warm = (cfg.sampler.startSteps ?? 0) > 0; // the optimizer trains the walk's starting point
    if (!warm) for (const [k, v] of Object.entries(cfg.optimizer)) if (differs(v, optimizerDefaults(cfg.model.kind)[k as keyof OptimizerConfig])) throw ignored(`optimizer.${k}`, v, 'when a sampler replaces training (unless sampler.startSteps trains its start)');
    for (const k of ['steps', 'evalEvery', 'probes', 'batchSize', 'stop'] as const) if (differs(cfg[k], DEFAULTS[k])) throw ignored(k, cfg[k], 'when a sampler replaces training');
  }
}
