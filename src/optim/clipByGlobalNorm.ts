import type { Transform } from './transform.ts';

/** The global L2 norm of a list of arrays, accumulated in float64. */
export function globalNorm(xs: readonly Float32Array[]): number {
  let s = 0;
  for (const x of xs) for (let j = 0; j < x.length; j++) s += x[j] * x[j];
  return Math.sqrt(s);
}

/**
 * Rescales all updates together when their global norm exceeds `maxNorm`, by maxNorm/(norm + 1e-6) as
 * PyTorch's clip_grad_norm_ does (Pascanu et al. 2013, arXiv 1211.5063).
 */
export function clipByGlobalNorm(maxNorm: number): Transform<null> {
  return {
    init: () => null,
    update(u) {
      const n = globalNorm(u);
      if (n <= maxNorm) return;
      const s = maxNorm / (n + 1e-6);
      for (const g of u) for (let j = 0; j < g.length; j++) g[j] *= s;
    },
  };
}
