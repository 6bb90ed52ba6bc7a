import { check } from '../engine/errors.ts';
import { dense } from './dense.ts';
import { mlp } from './mlp.ts';
import { tfjsMlp } from './tfjs.ts';
import { initMlp as initMlpOnly } from './init.ts';
import { asTransformer, initTransformer, transformer } from './transformer.ts';
import type { MlpConfig, ModelFactory, ModelInit } from './model.ts';
import type { Task } from '../tasks/task.ts';

export type { Model, Param, MlpConfig, MaskSpec, ModelInit, ModelFactory, TransformerConfig } from './model.ts';
export { mlpLayers } from './init.ts';
export { asTransformer, initTransformer } from './transformer.ts';

/** The seeded initial state of any model kind: the transformer's own (transformer.ts), the MLP's otherwise (init.ts). */
export function initModel(cfg: MlpConfig, task: Task, seed: number): ModelInit {
  return cfg.kind === 'transformer' ? initTransformer(asTransformer(cfg), task, seed) : initMlpOnly(cfg, task, seed);
}

/**
 * Kept under its old name for the training loop and the sampler, which import it from here: it dispatches on
 * model.kind like initModel (the MLP's own initializer is init.ts's initMlp).
 */
export const initMlp = initModel;

/** Model kinds by name: 'mlp' on grokcheck's kernels, 'tfjs-mlp' the same network in TensorFlow.js, 'dense' the teacher-student regression network, 'transformer' Nanda et al.'s grokking transformer. */
const FACTORIES = new Map<string, ModelFactory>([['mlp', mlp], ['tfjs-mlp', tfjsMlp], ['dense', dense], ['transformer', transformer]]);

/** Adds a model kind (e.g. a custom TensorFlow.js model) that configs can name as model.kind. */
export function registerModel(kind: string, factory: ModelFactory): void {
  FACTORIES.set(kind, factory);
}

export function modelFactory(kind: string): ModelFactory {
  const f = FACTORIES.get(kind);
  check(f !== undefined, 'model.kind', kind, `must be one of ${[...FACTORIES.keys()].join(', ')}`);
  return f!;
}
