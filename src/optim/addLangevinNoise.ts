import { type Rng, rng } from '../engine/rng.ts';
import type { Transform } from './transform.ts';

/**
 * Langevin dynamics at temperature T: after the learning-rate step, u += √(2ηT)·ξ with ξ ~ N(0, 1) per
 * parameter (the Euler–Maruyama step of dθ = −∇L dt + √(2T) dW with dt = η; Welling & Teh 2011). Seeded per
 * run, so a run stays reproducible. Place it last in a chain (after scaleByLearningRate).
 */
export function addLangevinNoise({ temperature, lr, seed }: { temperature: number; lr: number; seed: number }): Transform<Rng> {
  const sd = Math.sqrt(2 * lr * temperature);
  return {
    init: () => rng(seed, 'langevin'),
    update(u, r) {
      if (sd === 0) return;
      for (const g of u) for (let j = 0; j < g.length; j++) g[j] += sd * r.normal();
    },
  };
}
