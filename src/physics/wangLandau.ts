import type { Rng } from '../engine/rng.ts';

/** A system the sampler walks: its current energy, a random move made in place, and the undo of that move. */
export interface WalkSystem {
  energy(): number;
  propose(r: Rng): void;
  undo(): void;
}

export interface WangLandauOptions {
  /** Energy window [eMin, eMax) cut into `bins` equal bins; moves that leave it are rejected. */
  eMin: number; eMax: number; bins: number;
  /** ln f starts at 1 and halves each time the histogram is flat, until below lnfFinal. */
  lnfFinal: number;
  /** Flat: every bin's visits ≥ flatness × the mean. Every bin of the window must be reachable. */
  flatness: number;
  /** Moves between flatness checks, and the cap on moves in all. */
  checkEvery: number; maxMoves: number;
  /** Called after every move with the current bin (for joint statistics of other observables). */
  onVisit?(bin: number): void;
}

export interface WangLandauResult {
  /** ln g(E) per bin, up to a constant (min over visited bins set to 0); −∞ for bins never visited. */
  lnG: Float64Array;
  /** Bin centres. */
  energies: number[];
  moves: number;
  /** The last ln f reached (≤ lnfFinal when the schedule finished within maxMoves). */
  lnf: number;
  /** Flat-histogram stages completed. */
  stages: number;
}

/**
 * Wang–Landau sampling (Wang & Landau 2001, Phys. Rev. Lett. 86, 2050): a random walk in energy accepting a
 * move E → E' with probability min(1, g(E)/g(E')), adding ln f to ln g of the bin it stands in after every
 * move; when the visit histogram is flat, it is reset and ln f halves. The walk ends flat in energy and
 * ln g converges to the density of states. Every bin must be reachable: a bin the walk never finds keeps the
 * histogram from ever being flat, and the walk then runs to maxMoves with ln f unreduced (reported as lnf).
 */
export function wangLandau(sys: WalkSystem, r: Rng, o: WangLandauOptions): WangLandauResult {
  const width = (o.eMax - o.eMin) / o.bins;
  const bin = (e: number) => (e >= o.eMin && e < o.eMax ? Math.floor((e - o.eMin) / width) : -1);
  const lnG = new Float64Array(o.bins), hist = new Float64Array(o.bins), seen = new Uint8Array(o.bins);
  let e = sys.energy(), b = bin(e);
  if (b < 0) throw new Error(`Wang–Landau: the starting energy ${e} lies outside [${o.eMin}, ${o.eMax})`);
  let lnf = 1, moves = 0, stages = 0;
  while (lnf > o.lnfFinal && moves < o.maxMoves) {
    for (let k = 0; k < o.checkEvery; k++, moves++) {
      sys.propose(r);
      const e2 = sys.energy(), b2 = bin(e2);
      if (b2 >= 0 && Math.log(r.next()) < lnG[b] - lnG[b2]) { e = e2; b = b2; } else sys.undo();
      lnG[b] += lnf; hist[b]++; seen[b] = 1;
      o.onVisit?.(b);
    }
    let sum = 0, min = Infinity;
    for (let i = 0; i < o.bins; i++) { sum += hist[i]; min = Math.min(min, hist[i]); }
    if (min >= o.flatness * (sum / o.bins)) { lnf /= 2; hist.fill(0); stages++; }
  }
  let floor = Infinity;
  for (let i = 0; i < o.bins; i++) if (seen[i]) floor = Math.min(floor, lnG[i]);
  for (let i = 0; i < o.bins; i++) lnG[i] = seen[i] ? lnG[i] - floor : -Infinity;
  return { lnG, energies: Array.from({ length: o.bins }, (_, i) => o.eMin + (i + 0.5) * width), moves, lnf, stages };
}
