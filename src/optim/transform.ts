import type { Param } from '../models/model.ts';

/**
 * A gradient transform, after optax (Babuschkin et al., github.com/google-deepmind/optax): `init` makes the
 * state, `update` turns the incoming updates (the gradients, for the first transform of a chain) into the
 * outgoing ones. Unlike optax's pure functions, `update` works in place on Float32Arrays, because the
 * training loop must allocate nothing per step; the state is owned by the transform's caller all the same.
 */
export interface Transform<S = unknown> {
  init(params: readonly Param[]): S;
  /** `step` counts from 1; `ctx.loss` is the training loss at the current parameters (for transforms that need it). */
  update(updates: Float32Array[], state: S, params: readonly Param[], step: number, ctx?: StepContext): void;
}

/** What the training loop knows at an update besides the gradients. */
export interface StepContext { loss: number }

/** Applies the transforms in order: chain(scaleByAdam(), addDecayedWeights(wd), scaleByLearningRate(lr)) is AdamW. */
export function chain(...ts: Transform<any>[]): Transform<unknown[]> {
  return {
    init: (params) => ts.map((t) => t.init(params)),
    update(u, state, params, step, ctx) {
      for (let i = 0; i < ts.length; i++) ts[i].update(u, state[i], params, step, ctx);
    },
  };
}

/** params += updates. */
export function applyUpdates(params: readonly Param[], updates: readonly Float32Array[]): void {
  for (let i = 0; i < params.length; i++) {
    const p = params[i].data, u = updates[i];
    for (let j = 0; j < p.length; j++) p[j] += u[j];
  }
}

/** Which parameters a transform applies to: by default all; `matrices` excludes biases and other vectors. */
export type ParamMask = (p: Param) => boolean;
export const allParams: ParamMask = () => true;
export const matricesOnly: ParamMask = (p) => p.shape.length >= 2;

/** Zeroed state buffers shaped like the parameters. */
export const zerosLike = (params: readonly Param[]): Float32Array[] => params.map((p) => new Float32Array(p.data.length));
