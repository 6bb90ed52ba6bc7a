import { type Transform, zerosLike } from './transform.ts';

/**
 * Heavy-ball momentum with PyTorch's SGD convention (dampening 0): b ← μb + g; u = b, or g + μb with
 * Nesterov (Sutskever et al. 2013). optax's `trace`.
 */
export function trace({ decay, nesterov = false }: { decay: number; nesterov?: boolean }): Transform<Float32Array[]> {
  return {
    init: zerosLike,
    update(u, bufs) {
      if (decay === 0) return;
      for (let i = 0; i < u.length; i++) {
        const g = u[i], b = bufs[i];
        for (let j = 0; j < g.length; j++) {
          b[j] = decay * b[j] + g[j];
          g[j] = nesterov ? g[j] + decay * b[j] : b[j];
        }
      }
    },
  };
}
