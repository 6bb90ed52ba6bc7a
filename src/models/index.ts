import { check } from '../engine/errors.ts';
import { dense } from './dense.ts';
import { mlp } from './mlp.ts';
import { tfjsMlp } from './tfjs.ts';
import type { ModelFactory } from './model.ts';

export type { Model, Param, MlpConfig, MaskSpec, ModelInit, ModelFactory } from './model.ts';
export { initMlp, mlpLayers } from './init.ts';

/** Model kinds by name: 'mlp' on grokcheck's kernels, 'tfjs-mlp' the same network in TensorFlow.js, 'dense' the teacher-student regression network. */
const FACTORIES = new Map<string, ModelFactory>([['mlp', mlp], ['tfjs-mlp', tfjsMlp], ['dense', dense]]);

/** Adds a model kind (e.g. a custom TensorFlow.js model) that configs can name as model.kind. */
export function registerModel(kind: string, factory: ModelFactory): void {
  FACTORIES.set(kind, factory);
}

export function modelFactory(kind: string): ModelFactory {
  const f = FACTORIES.get(kind);
  check(f !== undefined, 'model.kind', kind, `must be one of ${[...FACTORIES.keys()].join(', ')}`);
  return f!;
}
