import type { Param } from '../models/model.ts';
import type { Transform } from './transform.ts';

/**
 * Sends each parameter to one of several transforms by a label (optax's `multi_transform`/`partition`):
 * Muon for the hidden matrices and AdamW for everything else is `partition(muonOrAdam, { muon, adamw })`.
 */
export function partition(label: (p: Param, all: readonly Param[]) => string, transforms: Record<string, Transform<any>>): Transform<Record<string, unknown>> {
  const groups = (params: readonly Param[]) => {
    const g: Record<string, number[]> = Object.fromEntries(Object.keys(transforms).map((k) => [k, []]));
    params.forEach((p, i) => {
      const l = label(p, params);
      if (!(l in g)) throw new Error(`partition: parameter ${p.name} labelled '${l}', which has no transform (${Object.keys(g).join(', ')})`);
      g[l].push(i);
    });
    return g;
  };
  let cached: Record<string, number[]> | null = null;
  return {
    init(params) {
      cached = groups(params);
      return Object.fromEntries(Object.entries(cached).map(([k, idx]) => [k, transforms[k].init(idx.map((i) => params[i]))]));
    },
    update(u, state, params, step, ctx) {
      const g = cached ?? groups(params);
      for (const [k, idx] of Object.entries(g)) {
        if (idx.length) transforms[k].update(idx.map((i) => u[i]), state[k], idx.map((i) => params[i]), step, ctx);
      }
    },
  };
}
