import type { Probe } from './probe.ts';

/**
 * Fourier sparsity of the first layer over Z_p (Nanda et al. 2023: the grokked circuit uses a few key
 * frequencies). For the a-embedding (rows 0..p−1 of W1) and each hidden unit, the DFT over a gives a power
 * spectrum; powers are summed over units, the conjugate frequencies f and p−f merged, and f = 0 (the mean)
 * left out. `fourier:top5` is the fraction of the remaining power in the 5 strongest frequencies: about
 * 5/((p−1)/2) for a random embedding, near 1 for a sparse Fourier circuit. Modular tasks only.
 */
export const fourier: Probe = {
  name: 'fourier',
  measure({ model, task }): Record<string, number> {
    const W1 = model.params.find((q) => q.name === 'W1') ?? model.params.find((q) => q.name === 'W_E'); // the transformer's token embedding: rows 0..p−1 are a and b
    if (!W1 || task.tokensPerExample !== 2) return {};
    const p = task.classes, h = W1.shape[1], half = Math.floor(p / 2);
    const power = new Float64Array(half + 1);
    for (let f = 1; f <= half; f++) {
      let s = 0;
      for (let j = 0; j < h; j++) {
        let re = 0, im = 0;
        for (let a = 0; a < p; a++) {
          const w = W1.data[a * h + j], th = (2 * Math.PI * f * a) / p;
          re += w * Math.cos(th); im -= w * Math.sin(th);
        }
        s += re * re + im * im;
      }
      power[f] = s;
    }
    const sorted = Array.from(power.subarray(1)).sort((x, y) => y - x);
    const total = sorted.reduce((x, y) => x + y, 0);
    return { 'fourier:top5': total > 0 ? sorted.slice(0, 5).reduce((x, y) => x + y, 0) / total : 0 };
  },
};
