import { newtonSchulz5 } from '../engine/linalg.ts';
import type { Param } from '../models/model.ts';
import { type Transform, zerosLike } from './transform.ts';

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
    update(u, bufs, params) {
      for (let i = 0; i < u.length; i++) {
        const g = u[i], b = bufs[i], [rows, cols] = params[i].shape;
        for (let j = 0; j < g.length; j++) {
          b[j] = momentum * b[j] + (1 - momentum) * g[j];
          g[j] = nesterov ? (1 - momentum) * g[j] + momentum * b[j] : b[j];
        }
        const o = newtonSchulz5(g, rows, cols, nsSteps), s = Math.sqrt(Math.max(1, cols / rows));
        for (let j = 0; j < g.length; j++) g[j] = o[j] * s;
      }
    },
  };
}
