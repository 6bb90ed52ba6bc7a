import { rng } from '../engine/rng.ts';

export type PlantedKind = 'barrier' | 'finite barrier' | 'no barrier';
/** The finite barrier's height, and the valley depth of its lowest-energy A-profile (5 A bins), exact to ±0.01. */
export const FINITE_H = 0.7, FINITE_VALLEY = 1.72;
import { type MdSystem, type WlmdOptions, fractionAbove, mixingFailure, profile, valleyDepth, wlmd } from './wlmd.ts';

/**
 * Planted landscapes with a known answer for the entropy-barrier pipeline (claims G1, G2): x ∈ ℝ³, energy
 * E = |x|²/2 + h·exp(−x₁²/(2w²)), observable A = clamp(½ + x₁/(2R)) (R = √(2·eMax), so A spans [0, 1] over the
 * window), the analogue of test accuracy with A < ½ and A ≥ ½ the two basins. With h = 0 ('no barrier') x₁ is
 * uniform on [−√(2E), √(2E)] at fixed E (Archimedes), so S(E, ·) is flat: no valley. With h = 1 ('barrier') no
 * state of energy below h·exp(−x₁²/(2w²)) has x₁ near 0: at the lowest energies the A-profile has two modes and
 * an empty middle, an entropy barrier between the basins (finite only at energies above h). With h = 0.7 ('finite
 * barrier') the middle A bin keeps a few states at the lowest energies: a valley of FINITE_VALLEY nats there (the
 * bin volumes by Monte Carlo, 4·10⁶ points), 2.5 × the claims' ln 2, to show the reading is sensitive near its
 * threshold and not only to an empty bin. `driven`: the walk is
 * biased over (E, B) with B = (R − x₁)/(2R) = 1 − A, which has a gradient (the analogue of a network's test loss),
 * as the networks' driven walks are (src/runs/sample.ts).
 */
export function plantedSystem(kind: PlantedKind, start: number, driven = false): MdSystem {
  const h = { barrier: 1, 'finite barrier': FINITE_H, 'no barrier': 0 }[kind], w = 0.3, R = Math.sqrt(2 * PLANTED.eMax);
  const x = Float64Array.from([start, 0.05, 0.05]), g = new Float64Array(3), gb = Float64Array.from([-1 / (2 * R), 0, 0]);
  return {
    ...(driven ? { drive: { grads: [gb], valueAndGrad: () => (R - x[0]) / (2 * R) } } : {}),
    coords: [x], grads: [g],
    energyAndGrad() {
      const bump = h * Math.exp(-(x[0] * x[0]) / (2 * w * w));
      g[0] = x[0] - bump * x[0] / (w * w); g[1] = x[1]; g[2] = x[2];
      return (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]) / 2 + bump;
    },
    observable: () => Math.min(1, Math.max(0, 0.5 + x[0] / (2 * R))),
  };
}

/** The window and schedule of the planted runs: energies [0, 2) in 4 bins (above h = 1 the basins connect), A in 5 bins. */
export const PLANTED: WlmdOptions = { eMin: 0, eMax: 2, eBins: 4, aBins: 5, step: 0.05, schedule: '1/t', lnf0: 0.1, lnfFinal: 1e-4, maxSteps: 1_000_000, flatness: 0.7, checkEvery: 10_000, require: 'visited', maxSlope: 5 };

/**
 * The planted pipeline end to end, as the claims read networks: two walks, from the A < ½ basin (x₁ = −0.8) and
 * the A ≥ ½ basin (x₁ = +0.8), the mixing check, then at the lowest energy bin the valley depth of S(E, ·) and
 * P(A ≥ ½ | E). NaN readings when the walks did not mix (no verdict from an unmixed walk). `driven`: biased over (E, B).
 */
export function plantedReading(seed: number, kind: PlantedKind, driven = false): PlantedReading {
  const key = `${kind}:${seed}:${driven}`;
  if (!cache.has(key)) cache.set(key, readPlanted(seed, kind, driven));
  return cache.get(key)!;
}
interface PlantedReading { valley: number; genFrac: number; mixing: string | null }
/** Readings already made (a claim reads the same seed for several predictions and plots; each costs ~1 s). */
const cache = new Map<string, PlantedReading>();

function readPlanted(seed: number, kind: PlantedKind, driven: boolean): PlantedReading {
  const from = (x0: number, stream: string) => wlmd(plantedSystem(kind, x0, driven), rng(seed, stream), driven ? { ...PLANTED, drive: { max: 1, bins: 5 } } : PLANTED);
  const p = from(-0.8, 'planted-mem'), q = from(0.8, 'planted-gen');
  const mixing = mixingFailure(p, q, 0.5, 1);
  if (mixing) return { valley: NaN, genFrac: NaN, mixing };
  return { valley: valleyDepth(profile(p, 0)), genFrac: fractionAbove(profile(p, 0), 0.5), mixing };
}
