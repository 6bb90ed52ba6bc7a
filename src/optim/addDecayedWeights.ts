import { type ParamMask, type Transform, allParams } from './transform.ts';

/**
 * u += λ·θ on the masked parameters. Its position in a chain decides what it means (optax): after
 * scaleByAdam and before the learning rate it is AdamW's decoupled decay (Loshchilov & Hutter 2019,
 * arXiv 1711.05101; PyTorch's AdamW: θ ← θ − lr·(adam + λθ)); first in a chain it adds the gradient of
 * (λ/2)‖θ‖² to the loss's gradient, the coupled L2 penalty of PyTorch's SGD and Adam `weight_decay`.
 */
export function addDecayedWeights(wd: number, mask: ParamMask = allParams): Transform<boolean[]> {
  return {
    init: (params) => params.map(mask),
    update(u, applies, params) {
      if (wd === 0) return;
      for (let i = 0; i < u.length; i++) {
        if (!applies[i]) continue;
        const g = u[i], p = params[i].data;
        for (let j = 0; j < g.length; j++) g[j] += wd * p[j];
      }
    },
  };
}
