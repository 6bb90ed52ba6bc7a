import type { Rng } from '../engine/rng.ts';
import { check } from '../engine/errors.ts';

/**
 * A continuous system for Wang–Landau molecular dynamics: coordinates moved in place, the energy with its
 * gradient (into `grads`, aligned with `coords`; Infinity outside the domain, e.g. a weight box), and a second
 * observable A ∈ [0, 1] (for a network: test accuracy) that has no gradient.
 */
export interface MdSystem {
  readonly coords: readonly (Float32Array | Float64Array)[];
  readonly grads: readonly (Float32Array | Float64Array)[];
  energyAndGrad(): number;
  observable(): number;
}

export interface WlmdOptions {
  /** Energy window [eMin, eMax) in eBins bins; observable [0, 1] in aBins bins. States outside are rejected. */
  eMin: number; eMax: number; eBins: number; aBins: number;
  /** Langevin step h: proposal y = x − h·S′(E)·∇E + √(2h)·ξ. */
  step: number;
  /** 'halving': ln f halves at each flat histogram (Wang & Landau 2001); '1/t': Belardinelli & Pereyra 2007. */
  schedule: 'halving' | '1/t';
  /** ln f starts here (1 in Wang & Landau's spin walks; smaller for MD, which makes many small moves per sweep). */
  lnf0: number;
  /** Stop once ln f ≤ lnfFinal; or at maxSteps (then lnf > lnfFinal reports non-convergence). */
  lnfFinal: number; maxSteps: number;
  /** Flat: every required bin's visits ≥ flatness × their mean, checked every checkEvery steps. */
  flatness: number; checkEvery: number;
  /** Which bins must be flat: every bin of the grid (all reachable, as in the tests) or those visited so far. */
  require: 'all' | 'visited';
  /**
   * |S′(E)| in the drift is clipped here (the same clip enters the reverse proposal, so the walk stays exact): early
   * in the walk ln g jumps between bins and an unclipped slope throws the proposal out of the window.
   */
  maxSlope: number;
}

export interface WlmdResult {
  /** ln g(E, A) per bin [e·aBins + a], up to a constant (max over visited = 0); −∞ where never visited. */
  lnG: Float64Array;
  /** Steps spent in each bin over the whole walk. */
  visits: Float64Array;
  eBins: number; aBins: number;
  steps: number; lnf: number; stages: number; acceptance: number;
}

/**
 * Wang–Landau molecular dynamics over a two-dimensional density of states g(E, A). The walk is gradient-driven:
 * a Langevin (Metropolis-adjusted, MALA) move whose drift is the multicanonical force −S′(E)·∇E, the force the
 * current entropy estimate S = ln g puts on the coordinates (Wang–Landau MD: Junghans, Perez & Vogel 2014,
 * J. Chem. Theory Comput. 10:1843; statistical-temperature MD: Kim, Straub & Keyes 2006, PRL 97:050601). S′(E)
 * is the slope of S between neighbouring energy-bin centres at the current A bin. A has no gradient, so its bias
 * acts only through the acceptance, which targets exp(−ln g(E, A)) with ln g taken per bin: for a fixed ln g the
 * walk is exact, and the Wang–Landau fixed point is the bin-integrated density of states. After every step ln f
 * is added to the current bin; the histogram is checked for flatness every checkEvery steps. The networks'
 * version (arXiv 2505.11411, 2503.13145: weights as coordinates, the training loss as the energy) is ./../runs/sample.ts.
 */
export function wlmd(sys: MdSystem, r: Rng, o: WlmdOptions): WlmdResult {
  check(o.eMax > o.eMin, 'sampler.eMax', o.eMax, 'must exceed sampler.eMin');
  check(o.step > 0, 'sampler.stepSize', o.step, 'must be positive (the Langevin step h)');
  const nE = o.eBins, nA = o.aBins, width = (o.eMax - o.eMin) / nE;
  const eBin = (e: number) => (e >= o.eMin && e < o.eMax ? Math.floor((e - o.eMin) / width) : -1);
  const aBin = (a: number) => Math.min(nA - 1, Math.max(0, Math.floor(a * nA)));
  const lnG = new Float64Array(nE * nA), hist = new Float64Array(nE * nA), seen = new Uint8Array(nE * nA), visits = new Float64Array(nE * nA);
  /** S′(E) at energy e in A bin a: the slope between the bin centres that bracket e. */
  const slope = (e: number, a: number) => {
    if (nE < 2) return 0;
    const k = Math.min(nE - 2, Math.max(0, Math.floor((e - o.eMin) / width - 0.5)));
    const s = (lnG[(k + 1) * nA + a] - lnG[k * nA + a]) / width;
    return Math.max(-o.maxSlope, Math.min(o.maxSlope, s));
  };
  const n = sys.coords.reduce((s, c) => s + c.length, 0);
  const flat = (src: readonly (Float32Array | Float64Array)[]) => { const out = new Float64Array(n); let i = 0; for (const c of src) for (let j = 0; j < c.length; j++) out[i++] = c[j]; return out; };
  const write = (v: Float64Array) => { let i = 0; for (const c of sys.coords) for (let j = 0; j < c.length; j++) c[j] = v[i++]; };
  const x = flat(sys.coords);
  let e = sys.energyAndGrad(), gx: Float64Array<ArrayBufferLike> = flat(sys.grads);
  let b = eBin(e), a = aBin(sys.observable());
  check(b >= 0, 'sampler.eMin', o.eMin, `the walk starts at energy ${e}, outside [${o.eMin}, ${o.eMax}): widen the window or start elsewhere`);
  let lnf = o.lnf0, steps = 0, stages = 0, accepted = 0, tPhase = false;
  const y = new Float64Array(n), sd = Math.sqrt(2 * o.step);
  while (lnf > o.lnfFinal && steps < o.maxSteps) {
    for (let k = 0; k < o.checkEvery && steps < o.maxSteps; k++, steps++) {
      const sx = slope(e, a);
      for (let i = 0; i < n; i++) y[i] = x[i] - o.step * sx * gx[i] + sd * r.normal();
      write(y);
      const e2 = sys.energyAndGrad(), b2 = eBin(e2);
      let ok = false, a2 = a, gy: Float64Array | null = null;
      if (b2 >= 0) {
        a2 = aBin(sys.observable()); gy = flat(sys.grads);
        const sy = slope(e2, a2);
        // log q(x|y) − log q(y|x) for Gaussian proposals of variance 2h around the drifted points
        let fwd = 0, rev = 0;
        for (let i = 0; i < n; i++) {
          const d1 = y[i] - x[i] + o.step * sx * gx[i], d2 = x[i] - y[i] + o.step * sy * gy[i];
          fwd += d1 * d1; rev += d2 * d2;
        }
        const logA = lnG[b * nA + a] - lnG[b2 * nA + a2] + (fwd - rev) / (4 * o.step);
        ok = Math.log(r.next()) < logA;
      }
      if (ok) { x.set(y); gx = gy!; e = e2; b = b2; a = a2; accepted++; } else write(x);
      const c = b * nA + a;
      lnG[c] += lnf; hist[c]++; seen[c] = 1; visits[c]++;
      if (tPhase) lnf = (nE * nA) / (steps + 1);
    }
    let sum = 0, min = Infinity, m = 0;
    for (let i = 0; i < nE * nA; i++) if (o.require === 'all' || seen[i]) { sum += hist[i]; min = Math.min(min, hist[i]); m++; }
    if (!tPhase && m > 0 && min > 0 && min >= o.flatness * (sum / m)) {
      hist.fill(0); stages++; lnf /= 2;
      // 1/t (Belardinelli & Pereyra 2007, PRE 75:046701): halve until ln f < bins/t, then ln f = bins/t, no more flatness checks
      if (o.schedule === '1/t' && lnf < (nE * nA) / steps) tPhase = true;
    }
  }
  write(x);
  let top = -Infinity;
  for (let i = 0; i < nE * nA; i++) if (seen[i]) top = Math.max(top, lnG[i]);
  for (let i = 0; i < nE * nA; i++) lnG[i] = seen[i] ? lnG[i] - top : -Infinity;
  return { lnG, visits, eBins: nE, aBins: nA, steps, lnf, stages, acceptance: accepted / Math.max(steps, 1) };
}

/**
 * The depth in nats of the deepest valley of a log-profile: for i < j and the lowest value between them,
 * min(lᵢ, lⱼ) − min lₖ; 0 for a unimodal profile. An entropy barrier between memorizing and generalizing
 * states at equal energy is such a valley in S(E, ·). −∞ entries between two finite ones are an infinite valley.
 */
export function valleyDepth(l: readonly number[]): number {
  let depth = 0;
  for (let i = 0; i < l.length; i++) for (let j = i + 2; j < l.length; j++) {
    let valley = Infinity;
    for (let k = i + 1; k < j; k++) valley = Math.min(valley, l[k]);
    if (Math.min(l[i], l[j]) > -Infinity) depth = Math.max(depth, Math.min(l[i], l[j]) - valley);
  }
  return depth;
}

/** The A-profile S(E_b, ·) of energy bin b, and P(A ≥ aCut | E_b) from it. */
export const profile = (res: Pick<WlmdResult, 'lnG' | 'aBins'>, b: number): number[] => Array.from(res.lnG.subarray(b * res.aBins, (b + 1) * res.aBins));
export function fractionAbove(l: readonly number[], aCut: number): number {
  let all = 0, above = 0;
  l.forEach((v, a) => { const w = Math.exp(v); all += w; if ((a + 0.5) / l.length >= aCut) above += w; });
  return all > 0 ? above / all : NaN;
}

/**
 * Mixing check of two walks started in different basins (memorizing: A < aCut; generalizing: A ≥ aCut): each must
 * have visited both basins somewhere in the window, and in every energy bin both visited they must agree on how
 * the states split between the basins, |Δ ln P(basin | E)| ≤ tol nats for both basins (the quantity the claims
 * read; single rare bins deep in a valley converge slowest and are not compared one by one). Null when they mix.
 */
export function mixingFailure(p: Pick<WlmdResult, 'lnG' | 'aBins'>, q: Pick<WlmdResult, 'lnG' | 'aBins'>, aCut: number, tol: number): string | null {
  const bothBasins = (res: Pick<WlmdResult, 'lnG' | 'aBins'>) => {
    let low = false, high = false;
    res.lnG.forEach((v, i) => { if (v > -Infinity) { if (((i % res.aBins) + 0.5) / res.aBins >= aCut) high = true; else low = true; } });
    return low && high;
  };
  if (!bothBasins(p)) return 'the walk from the first start never visited the other basin';
  if (!bothBasins(q)) return 'the walk from the second start never visited the other basin';
  let worst = 0, compared = 0;
  for (let b = 0; b < p.lnG.length / p.aBins; b++) {
    const fp = fractionAbove(profile(p, b), aCut), fq = fractionAbove(profile(q, b), aCut);
    if (!(Number.isFinite(fp) && Number.isFinite(fq))) continue;
    compared++;
    worst = Math.max(worst, Math.abs(Math.log(fp) - Math.log(fq)), Math.abs(Math.log1p(-fp) - Math.log1p(-fq)));
  }
  if (compared === 0) return 'the two walks share no energy bin';
  return worst <= tol ? null : `the two walks disagree on how the states split between the basins by up to ${worst.toFixed(2)} nats (> ${tol})`;
}
