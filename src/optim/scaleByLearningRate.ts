import type { Transform } from './transform.ts';

/** A learning rate, constant or as a function of the step (from 1). */
export type Schedule = number | ((step: number) => number);

/** u ← −η(t)·u: the descent step. The sign lives here, as in optax's scale_by_learning_rate. */
export function scaleByLearningRate(lr: Schedule): Transform<null> {
  const at = typeof lr === 'number' ? () => lr : lr;
  return {
    init: () => null,
    update(u, _s, _p, step) {
      const s = -at(step);
      for (const g of u) for (let j = 0; j < g.length; j++) g[j] *= s;
    },
  };
}

/** Linear warm-up from lr/warmup to lr over `warmup` steps, then constant (Nanda et al. 2023 use 10 steps). */
export function linearWarmup(lr: number, warmup: number): Schedule {
  return warmup > 0 ? (t) => lr * Math.min(1, t / warmup) : lr;
}
