import { check, isNum } from '../engine/errors.ts';
import { addDecayedWeights } from './addDecayedWeights.ts';
import { addLangevinNoise } from './addLangevinNoise.ts';
import { partition } from './partition.ts';
import { isHiddenMatrix } from '../models/init.ts';
import { scaleByMuon } from './scaleByMuon.ts';
import { stiefelRetraction } from './stiefelRetraction.ts';
import { globalNormConstraint } from './globalNormConstraint.ts';
import { clipByGlobalNorm } from './clipByGlobalNorm.ts';
import { scaleByAdam } from './scaleByAdam.ts';
import { linearWarmup, scaleByLearningRate } from './scaleByLearningRate.ts';
import { trace } from './trace.ts';
import { wand } from './wand.ts';
import { type Transform, allParams, chain, matricesOnly } from './transform.ts';

export interface OptimizerConfig {
  /** A registered recipe: 'sgd', 'adam' or 'adamw' (and what later issues register). */
  name: string;
  lr: number;
  /** Weight decay λ: decoupled for adamw, the coupled L2 gradient λθ for sgd and adam (PyTorch's semantics). */
  wd: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** SGD momentum μ (0 = plain SGD). */
  momentum: number;
  nesterov: boolean;
  /** Clip the global gradient norm to this value first; null = no clipping. */
  clip: number | null;
  /** Which parameters decay: 'all' (PyTorch's default) or 'matrices' (not biases). */
  decay: 'all' | 'matrices';
  /** Linear learning-rate warm-up steps (0 = none). */
  warmup: number;
  /** Recipe-specific options of registered optimizers (Langevin temperature, Muon's momentum, ...). */
  extra: Record<string, number | string | boolean>;
}

/** Builds a transform from a validated config; `seed` feeds transforms that draw noise. */
export type Recipe = (cfg: OptimizerConfig, seed: number) => Transform<any>;

const pre = (cfg: OptimizerConfig): Transform<any>[] => (cfg.clip === null ? [] : [clipByGlobalNorm(cfg.clip)]);
const mask = (cfg: OptimizerConfig) => (cfg.decay === 'matrices' ? matricesOnly : allParams);
const lr = (cfg: OptimizerConfig) => scaleByLearningRate(linearWarmup(cfg.lr, cfg.warmup));

const RECIPES = new Map<string, Recipe>([
  /** SGD with momentum and coupled L2 (torch.optim.SGD). */
  ['sgd', (c) => chain(...pre(c), addDecayedWeights(c.wd, mask(c)), trace({ decay: c.momentum, nesterov: c.nesterov }), lr(c))],
  /** Adam with coupled L2 (torch.optim.Adam's weight_decay). */
  ['adam', (c) => chain(...pre(c), addDecayedWeights(c.wd, mask(c)), scaleByAdam({ b1: c.beta1, b2: c.beta2, eps: c.eps }), lr(c))],
  /** AdamW, decoupled decay (torch.optim.AdamW). */
  ['adamw', (c) => chain(...pre(c), scaleByAdam({ b1: c.beta1, b2: c.beta2, eps: c.eps }), addDecayedWeights(c.wd, mask(c)), lr(c))],
  /**
   * Muon on the hidden matrices, AdamW on the rest (embedding, head, vectors), decoupled decay wd on both.
   * extra: muonLr (0.02, Jordan et al.'s default), momentum (0.95), nesterov (true), nsSteps (5); lr is AdamW's.
   * extra.muonInput = true also gives the input-side matrix W1 to Muon (a claim about the directions Muon
   * equalizes in the input weights needs Muon to act on them; the reference implementations leave it to AdamW).
   */
  ['muon', (c) => { const input = muonInput(c); return partition((p, all) => (isHiddenMatrix(p, all) || (input && p.name === 'W1') ? 'muon' : 'adamw'), {
    muon: chain(...pre(c), scaleByMuon({ momentum: num(c, 'momentum', 0.95), nesterov: c.extra.nesterov !== false, nsSteps: num(c, 'nsSteps', 5) }),
      addDecayedWeights(c.wd, mask(c)), scaleByLearningRate(linearWarmup(num(c, 'muonLr', 0.02), c.warmup))),
    adamw: chain(...pre(c), scaleByAdam({ b1: c.beta1, b2: c.beta2, eps: c.eps }), addDecayedWeights(c.wd, mask(c)), lr(c)),
  }); }],
  /**
   * WanD (reconstructed, see src/optim/wand.ts): multicanonical Langevin dynamics with a Wang–Landau bias on
   * the training loss. lr is η; wd adds coupled L2 (0 for "without regularization"). extra: temperature (1e-4),
   * bins (40), eMax (4), lnf0 (1e-3), lnfMin (1e-6), flatness (0.6), maxFactor (4).
   */
  ['wand', (c, seed) => chain(...pre(c), addDecayedWeights(c.wd, mask(c)), wand({
    lr: c.lr, temperature: num(c, 'temperature', 1e-4), bins: num(c, 'bins', 40), eMax: num(c, 'eMax', 4),
    lnf0: num(c, 'lnf0', 1e-3), lnfMin: num(c, 'lnfMin', 1e-6), flatness: num(c, 'flatness', 0.6), maxFactor: num(c, 'maxFactor', 4), seed,
  }))],
]);

/** extra.muonInput, read when the recipe is built (so that config validation sees it read). */
const muonInput = (c: OptimizerConfig): boolean => {
  const v = c.extra.muonInput ?? false;
  check(typeof v === 'boolean', 'optimizer.extra.muonInput', v, 'must be true (Muon also on W1) or false');
  return v as boolean;
};

const num = (c: OptimizerConfig, key: string, fallback: number): number => {
  const v = c.extra[key] ?? fallback;
  check(isNum(v), `optimizer.extra.${key}`, v, 'must be a number');
  return v as number;
};

/**
 * Applies the options every recipe shares, after the recipe's update: extra.langevinT = T adds Langevin noise
 * √(2·lr·T)·N(0, 1) (src/optim/addLangevinNoise.ts); extra.stiefel = 'hidden' then keeps the hidden matrices
 * on the Stiefel manifold scaled by extra.stiefelScale (default 1) (src/optim/stiefelRetraction.ts);
 * extra.globalNorm = c holds the whole parameter vector at c × its norm at init, Omnigrok's constraint
 * (src/optim/globalNormConstraint.ts), last of all.
 */
function withConstraints(cfg: OptimizerConfig, t: Transform<any>, seed: number): Transform<any> {
  const parts = [t];
  if (cfg.extra.langevinT !== undefined) {
    const T = num(cfg, 'langevinT', 0);
    check(T >= 0, 'optimizer.extra.langevinT', T, 'must be a temperature ≥ 0');
    parts.push(addLangevinNoise({ temperature: T, lr: cfg.lr, seed }));
  }
  if (cfg.extra.stiefel !== undefined) {
    check(cfg.extra.stiefel === 'hidden', 'optimizer.extra.stiefel', cfg.extra.stiefel, "must be 'hidden' (the matrices between hidden layers)");
    parts.push(stiefelRetraction(isHiddenMatrix, num(cfg, 'stiefelScale', 1)));
  }
  if (cfg.extra.globalNorm !== undefined) {
    const c = num(cfg, 'globalNorm', 1);
    check(c > 0, 'optimizer.extra.globalNorm', c, 'must be a positive multiple of the parameter norm at init, e.g. 1');
    parts.push(globalNormConstraint(c));
  }
  return parts.length === 1 ? t : chain(...parts);
}

/** Adds an optimizer recipe that configs can name. */
export function registerOptimizer(name: string, recipe: Recipe): void {
  RECIPES.set(name, recipe);
}

export function optimizerNames(): string[] {
  return [...RECIPES.keys()];
}

/**
 * The options a recipe reads when built (recipes read their options eagerly): `lr`, `beta2`, `extra.muonLr`, ….
 * An option set to a non-default value that its recipe never reads is a silent no-op; resolveConfig rejects it.
 */
export function optimizerReads(cfg: OptimizerConfig): Set<string> {
  const reads = new Set<string>();
  const watch = <T extends object>(obj: T, prefix: string): T => new Proxy(obj, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return v;
      reads.add(prefix + key);
      return key === 'extra' && prefix === '' ? watch(v as object, 'extra.') : v;
    },
  });
  validate(cfg);
  construct(watch(cfg, ''), 0);
  return reads;
}

export function buildOptimizer(cfg: OptimizerConfig, seed: number): Transform<any> {
  validate(cfg);
  return construct(cfg, seed);
}

function construct(cfg: OptimizerConfig, seed: number): Transform<any> {
  return withConstraints(cfg, RECIPES.get(cfg.name)!(cfg, seed), seed);
}

function validate(cfg: OptimizerConfig): void {
  const recipe = RECIPES.get(cfg.name);
  check(recipe !== undefined, 'optimizer.name', cfg.name, `must be one of ${optimizerNames().join(', ')}`);
  check(isNum(cfg.lr) && cfg.lr > 0, 'optimizer.lr', cfg.lr, 'must be a positive number, e.g. 1e-3');
  check(isNum(cfg.wd) && cfg.wd >= 0, 'optimizer.wd', cfg.wd, 'must be a number ≥ 0');
  check(isNum(cfg.beta1) && cfg.beta1 >= 0 && cfg.beta1 < 1, 'optimizer.beta1', cfg.beta1, 'must be in [0, 1)');
  check(isNum(cfg.beta2) && cfg.beta2 >= 0 && cfg.beta2 < 1, 'optimizer.beta2', cfg.beta2, 'must be in [0, 1)');
  check(isNum(cfg.eps) && cfg.eps > 0, 'optimizer.eps', cfg.eps, 'must be a positive number, e.g. 1e-8');
  check(isNum(cfg.momentum) && cfg.momentum >= 0 && cfg.momentum < 1, 'optimizer.momentum', cfg.momentum, 'must be in [0, 1)');
  check(cfg.clip === null || (isNum(cfg.clip) && cfg.clip > 0), 'optimizer.clip', cfg.clip, 'must be null or a positive number');
  check(cfg.decay === 'all' || cfg.decay === 'matrices', 'optimizer.decay', cfg.decay, "must be 'all' or 'matrices'");
}
