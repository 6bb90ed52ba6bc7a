import type { Param } from '../models/model.ts';
import { globalNorm } from './clipByGlobalNorm.ts';
import type { Transform } from './transform.ts';

/**
 * Holds the whole parameter vector at a fixed norm, as Omnigrok's constrained runs do (Liu, Michaud & Tegmark
 * 2022, arXiv 2210.01117: the total weight norm is held fixed by rescaling all weights after every step, so that
 * only the direction of θ is trained, at a norm chosen for the run): after the rest of the chain made its update u, the update is replaced by
 * c·(θ + u)·(‖θ₀‖/‖θ + u‖) − θ, so that after the step ‖θ‖ = c·‖θ₀‖, with θ₀ the parameters at init. Every
 * parameter (embedding, hidden, head, biases) is constrained together: only the direction is free. Place it last.
 */
export function globalNormConstraint(multiple = 1): Transform<{ target: number }> {
  if (!(multiple > 0) || !Number.isFinite(multiple)) throw new Error(`globalNormConstraint: multiple ${multiple} must be a positive number`);
  return {
    init: (params: readonly Param[]) => ({ target: multiple * globalNorm(params.map((p) => p.data)) }),
    update(u, state, params) {
      // ‖θ + u‖ in float64, so that the rescaled vector's norm is exact to float32 rounding
      let s = 0;
      for (let i = 0; i < u.length; i++) {
        const p = params[i].data, ui = u[i];
        for (let j = 0; j < p.length; j++) { const v = p[j] + ui[j]; s += v * v; }
      }
      const k = s > 0 ? state.target / Math.sqrt(s) : 1;
      for (let i = 0; i < u.length; i++) {
        const p = params[i].data, ui = u[i];
        for (let j = 0; j < p.length; j++) ui[j] = k * (p[j] + ui[j]) - p[j];
      }
    },
  };
}
