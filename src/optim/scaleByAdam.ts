import { type Transform, zerosLike } from './transform.ts';

export interface AdamOptions {
  /** β₁, the first-moment decay. PyTorch's default 0.9. */
  b1?: number;
  /** β₂, the second-moment decay. PyTorch's default 0.999; grokking recipes use 0.98 (Nanda et al. 2023). */
  b2?: number;
  /** ε, added to √v̂ (outside the root, as PyTorch and optax do). */
  eps?: number;
}

/**
 * Adam's rescaling (Kingma & Ba 2015, arXiv 1412.6980, Alg. 1): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * u = m̂ / (√v̂ + ε) with the bias corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ); PyTorch's torch.optim.Adam
 * computes the same update (its denominator √v/√(1−β₂ᵗ) + ε is √v̂ + ε).
 */
export function scaleByAdam({ b1 = 0.9, b2 = 0.999, eps = 1e-8 }: AdamOptions = {}): Transform<{ m: Float32Array[]; v: Float32Array[] }> {
  return {
    init: (params) => ({ m: zerosLike(params), v: zerosLike(params) }),
    update(u, { m, v }, _params, step) {
      const c1 = 1 - b1 ** step, sc2 = Math.sqrt(1 - b2 ** step);
      for (let i = 0; i < u.length; i++) {
        const g = u[i], mi = m[i], vi = v[i];
        for (let j = 0; j < g.length; j++) {
          const gj = g[j];
          mi[j] = b1 * mi[j] + (1 - b1) * gj;
          vi[j] = b2 * vi[j] + (1 - b2) * gj * gj;
          g[j] = (mi[j] / c1) / (Math.sqrt(vi[j]) / sc2 + eps);
        }
      }
    },
  };
}
