import { newtonSchulz5 } from '../engine/linalg.ts';
import type { Param } from '../models/model.ts';
import { type Transform, zerosLike } from './transform.ts';

/** What Muon applied at its latest step to a matrix: the Nesterov momentum it orthogonalized, and the Newton–Schulz output. */
export interface MuonStep { input: Float32Array; output: Float32Array; rows: number; cols: number; step: number }
/*
 * The latest step per weight matrix, keyed by the parameter's data buffer (the model's own Float32Array, the same
 * object a probe sees), so that the `muonUpdate` probe can measure the update Muon actually applied (momentum and
 * all) instead of re-deriving it from the gradient. A copy of two matrices per step: small beside the iteration.
 */
const latest = new WeakMap<Float32Array, MuonStep>();
/** The latest Muon step applied to this parameter (by its data buffer), or undefined when Muon never updated it. */
export const lastMuonStep = (data: Float32Array): MuonStep | undefined => latest.get(data);

/**
 * Muon's direction for 2-D weights (Jordan et al. 2024, "Muon: an optimizer for hidden layers";
 * torch.optim.Muon): momentum b ← μb + (1−μ)g, Nesterov u = (1−μ)g + μb, then the quintic Newton–Schulz
 * orthogonalization of u (src/engine/linalg.ts), scaled by √max(1, fan_out/fan_in) as the reference
 * implementations do (our W is [in × out], so that is √max(1, cols/rows)). The learning rate and decoupled
 * weight decay come after it in the chain.
 */
export function scaleByMuon({ momentum = 0.95, nesterov = true, nsSteps = 5 } = {}): Transform<Float32Array[]> {
  return {
    init(params: readonly Param[]) {
      for (const p of params) if (p.shape.length !== 2) throw new Error(`scaleByMuon: ${p.name} has shape [${p.shape}]; Muon applies to 2-D weights only (partition the rest to AdamW)`);
      return zerosLike(params);
    },
    update(u, bufs, params, step) {
      for (let i = 0; i < u.length; i++) {
        const g = u[i], b = bufs[i], [rows, cols] = params[i].shape;
        for (let j = 0; j < g.length; j++) {
          b[j] = momentum * b[j] + (1 - momentum) * g[j];
          g[j] = nesterov ? (1 - momentum) * g[j] + momentum * b[j] : b[j];
        }
        const o = newtonSchulz5(g, rows, cols, nsSteps), s = Math.sqrt(Math.max(1, cols / rows));
        latest.set(params[i].data, { input: g.slice(), output: o.slice(), rows, cols, step });
        for (let j = 0; j < g.length; j++) g[j] = o[j] * s;
      }
    },
  };
}
