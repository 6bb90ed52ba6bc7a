import { polar } from '../engine/linalg.ts';
import type { Param } from '../models/model.ts';
import type { Transform } from './transform.ts';

/**
 * Keeps the selected weight matrices on the (scaled) Stiefel manifold: after the rest of the chain has made
 * its update u, the update is replaced by s·polar(θ + u) − θ, so the new weight is the nearest semi-orthogonal
 * matrix (all singular values s) to where the optimizer would have gone: a projection retraction (Absil,
 * Mahony & Sepulchre 2008, §4.1). Place it last in a chain.
 */
export function stiefelRetraction(select: (p: Param, all: readonly Param[]) => boolean, scale = 1): Transform<boolean[]> {
  return {
    init: (params) => params.map((p) => p.shape.length === 2 && select(p, params)),
    update(u, on, params) {
      for (let i = 0; i < u.length; i++) {
        if (!on[i]) continue;
        const p = params[i].data, [rows, cols] = params[i].shape;
        const target = polar(p.map((v, j) => v + u[i][j]), rows, cols);
        for (let j = 0; j < p.length; j++) u[i][j] = scale * target[j] - p[j];
      }
    },
  };
}
