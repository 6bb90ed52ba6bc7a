import { type Rng, rng } from '../engine/rng.ts';
import type { Transform } from './transform.ts';

export interface WandOptions {
  lr: number;
  /** The base temperature T₀ of the Langevin dynamics. */
  temperature: number;
  /** Energy (training-loss) bins over [0, eMax). */
  bins: number; eMax: number;
  /** Wang–Landau increment: starts at lnf0, halves at each flat histogram, never below lnfMin. */
  lnf0: number; lnfMin: number; flatness: number;
  /** The force factor T₀·S′(U) is clipped to [−maxFactor, maxFactor]. */
  maxFactor: number;
  seed: number;
}

interface WandState { r: Rng; bias: Float64Array; hist: Float64Array; seen: Uint8Array; lnf: number; sinceCheck: number }

/**
 * WanD, RECONSTRUCTED (arXiv 2505.11411 names "Wang–Landau molecular dynamics" but the seed gives no details):
 * overdamped Langevin dynamics at temperature T₀ in the multicanonical ensemble, after Wang–Landau molecular
 * dynamics (Junghans, Perez & Vogel 2014, J. Chem. Theory Comput. 10:1843) and statistical-temperature MD
 * (Kim, Straub & Keyes 2006, Phys. Rev. Lett. 97:050601). The energy U is the training loss. The walk samples
 * P(θ) ∝ exp(−S(U(θ))) with S(U) = U/T₀ + B(U), where the bias B, kept on energy bins, grows by ln f at the bin
 * visited each step (Wang–Landau), so S tends to the entropy and the energy histogram flattens. The update is
 * u = −η·T₀·S′(U)·∇U + √(2ηT₀)·ξ: the gradient step rescaled by the statistical temperature T₀/T(U) = T₀·S′(U)
 * (S′ by a central difference of the bias over neighbouring bins), which turns uphill where the current energy
 * has been over-visited. ln f halves whenever the histogram of visited bins is flat. Choices that are ours, not
 * the paper's: plain (unpreconditioned) gradients, the bin grid, the clip on the factor, the schedule of f.
 */
export function wand(o: WandOptions): Transform<WandState> {
  const width = o.eMax / o.bins, sd = Math.sqrt(2 * o.lr * o.temperature);
  return {
    init: () => ({ r: rng(o.seed, 'wand'), bias: new Float64Array(o.bins), hist: new Float64Array(o.bins), seen: new Uint8Array(o.bins), lnf: o.lnf0, sinceCheck: 0 }),
    update(u, s, _params, _step, ctx) {
      const U = ctx?.loss ?? 0, b = Math.min(o.bins - 1, Math.max(0, Math.floor(U / width)));
      s.bias[b] += s.lnf; s.hist[b]++; s.seen[b] = 1;
      if (++s.sinceCheck >= 1000) {
        s.sinceCheck = 0;
        let n = 0, sum = 0, min = Infinity;
        for (let i = 0; i < o.bins; i++) if (s.seen[i]) { n++; sum += s.hist[i]; min = Math.min(min, s.hist[i]); }
        if (n > 1 && min >= o.flatness * (sum / n)) { s.lnf = Math.max(o.lnfMin, s.lnf / 2); s.hist.fill(0); }
      }
      const lo = Math.max(0, b - 1), hi = Math.min(o.bins - 1, b + 1);
      const dB = hi > lo ? (s.bias[hi] - s.bias[lo]) / ((hi - lo) * width) : 0;
      const factor = Math.max(-o.maxFactor, Math.min(o.maxFactor, 1 + o.temperature * dB));
      for (const g of u) for (let j = 0; j < g.length; j++) g[j] = -o.lr * factor * g[j] + sd * s.r.normal();
    },
  };
}
