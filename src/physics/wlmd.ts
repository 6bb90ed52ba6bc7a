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
  /** Called at the coordinates of the last energyAndGrad (after drive.valueAndGrad, when there is a drive). */
  observable(): number;
  /**
   * A second coordinate B ≥ 0 with a gradient (into `grads`, aligned with `coords`), to bias the walk over (E, B)
   * instead of (E, A) when A has no gradient to drive it: see WlmdOptions.drive.
   */
  readonly drive?: { readonly grads: readonly (Float32Array | Float64Array)[]; valueAndGrad(): number };
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
  /**
   * With a system's drive B: the density of states is biased over (E, B), B in [0, max) in `bins` bins (states outside
   * are rejected, as outside the energy window), each step drifted by the multicanonical force −S_E·∇E − S_B·∇B, and A recorded within each (E, B)
   * bin; g(E, A) = Σ_B g(E, B) · P(A | E, B). A walk at a fixed ln g samples each bin's states uniformly, so the
   * within-bin histogram of A is its microcanonical distribution whatever ln g is. Without: biased over (E, A).
   */
  drive?: { max: number; bins: number };
}

export interface WlmdResult {
  /** ln g(E, A) per bin [e·aBins + a], up to a constant (max over visited = 0); −∞ where never visited. */
  lnG: Float64Array;
  /** Steps spent in each (E, A) bin over the whole walk. */
  visits: Float64Array;
  /** With a drive: ln g(E, B) per bin [e·bins + b], the density the walk was biased over (same normalization). */
  lnGDriven?: Float64Array;
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
  check(!o.drive === !sys.drive, 'sampler.testLossBins', o.drive?.bins ?? 0, 'needs a system with a driven coordinate, and such a system needs it');
  const nE = o.eBins, nA = o.aBins, width = (o.eMax - o.eMin) / nE;
  // the bias grid: (E, Y), Y the drive B when there is one, else A
  const nY = o.drive?.bins ?? nA, yWidth = o.drive ? o.drive.max / nY : 1 / nA;
  const eBin = (e: number) => (e >= o.eMin && e < o.eMax ? Math.floor((e - o.eMin) / width) : -1);
  const aBin = (a: number) => Math.min(nA - 1, Math.max(0, Math.floor(a * nA)));
  const yBin = (y: number) => (y >= 0 && y < nY * yWidth ? Math.floor(y / yWidth) : -1);
  const lnG = new Float64Array(nE * nY), hist = new Float64Array(nE * nY), seen = new Uint8Array(nE * nY);
  const within = new Float64Array(nE * nY * nA); // steps per (E, Y, A) bin
  const clip = (v: number) => Math.max(-o.maxSlope, Math.min(o.maxSlope, v));
  /** S′ along E at energy e in Y bin y: the slope between the E-bin centres that bracket e. */
  const slopeE = (e: number, y: number) => {
    if (nE < 2) return 0;
    const k = Math.min(nE - 2, Math.max(0, Math.floor((e - o.eMin) / width - 0.5)));
    return clip((lnG[(k + 1) * nY + y] - lnG[k * nY + y]) / width);
  };
  /** S′ along B at drive value v in E bin b. */
  const slopeB = (v: number, b: number) => {
    if (!o.drive || nY < 2) return 0;
    const k = Math.min(nY - 2, Math.max(0, Math.floor(v / yWidth - 0.5)));
    return clip((lnG[b * nY + k + 1] - lnG[b * nY + k]) / yWidth);
  };
  const n = sys.coords.reduce((s, c) => s + c.length, 0);
  const flat = (src: readonly (Float32Array | Float64Array)[]) => { const out = new Float64Array(n); let i = 0; for (const c of src) for (let j = 0; j < c.length; j++) out[i++] = c[j]; return out; };
  const write = (v: Float64Array) => { let i = 0; for (const c of sys.coords) for (let j = 0; j < c.length; j++) c[j] = v[i++]; };
  /** The state at the current coordinates: energy, drive, observable, their bins and gradients (null outside the window). */
  const measure = () => {
    const e = sys.energyAndGrad(), b = eBin(e);
    if (b < 0) return null;
    const gE = flat(sys.grads);
    const v = sys.drive ? sys.drive.valueAndGrad() : 0, gB = sys.drive ? flat(sys.drive.grads) : null;
    const a = aBin(sys.observable()), y = o.drive ? yBin(v) : a;
    if (y < 0) return null;
    return { e, v, b, a, y, gE, gB, sE: slopeE(e, y), sB: slopeB(v, b) };
  };
  const x = flat(sys.coords);
  const cur = measure();
  if (cur === null) { // say which window the start lies outside
    const e0 = sys.energyAndGrad(), b0 = sys.drive?.valueAndGrad() ?? 0;
    check(Number.isFinite(e0), 'sampler.box', e0, 'is the energy at the start: it lies outside the domain (for a network, a weight beyond sampler.box); widen the box or start elsewhere');
    check(eBin(e0) >= 0, 'sampler.eMin', o.eMin, `the walk starts at energy ${e0}, outside [${o.eMin}, ${o.eMax}): widen the window or start elsewhere`);
    check(false, 'sampler.testLossMax', o.drive?.max, `the walk starts at the driven coordinate ${b0}, outside [0, ${o.drive?.max}): widen the window or start elsewhere`);
  }
  let s0 = cur!;
  /** The drifted mean of the proposal from a state (slopes as they stand now). */
  const drift = (i: number, st: typeof s0) => o.step * (st.sE * st.gE[i] + (st.gB ? st.sB * st.gB[i] : 0));
  let lnf = o.lnf0, steps = 0, stages = 0, accepted = 0, tPhase = false;
  const y = new Float64Array(n), sd = Math.sqrt(2 * o.step);
  while (lnf > o.lnfFinal && steps < o.maxSteps) {
    for (let k = 0; k < o.checkEvery && steps < o.maxSteps; k++, steps++) {
      s0.sE = slopeE(s0.e, s0.y); s0.sB = slopeB(s0.v, s0.b);
      for (let i = 0; i < n; i++) y[i] = x[i] - drift(i, s0) + sd * r.normal();
      write(y);
      const s1 = measure();
      let ok = false;
      if (s1) {
        // log q(x|y) − log q(y|x) for Gaussian proposals of variance 2h around the drifted points
        let fwd = 0, rev = 0;
        for (let i = 0; i < n; i++) {
          const d1 = y[i] - x[i] + drift(i, s0), d2 = x[i] - y[i] + drift(i, s1);
          fwd += d1 * d1; rev += d2 * d2;
        }
        const logA = lnG[s0.b * nY + s0.y] - lnG[s1.b * nY + s1.y] + (fwd - rev) / (4 * o.step);
        ok = Math.log(r.next()) < logA;
      }
      if (ok) { x.set(y); s0 = s1!; accepted++; } else write(x);
      const c = s0.b * nY + s0.y;
      lnG[c] += lnf; hist[c]++; seen[c] = 1; within[c * nA + s0.a]++;
      if (tPhase) lnf = (nE * nY) / (steps + 1);
    }
    let sum = 0, min = Infinity, m = 0;
    for (let i = 0; i < nE * nY; i++) if (o.require === 'all' || seen[i]) { sum += hist[i]; min = Math.min(min, hist[i]); m++; }
    if (!tPhase && m > 0 && min > 0 && min >= o.flatness * (sum / m)) {
      // P(A | E, Y) is read from the steps after the first stage: its ln f = lnf0 transient is the start basin's
      // (every visited bin is visited again in each later stage: each ends on a flat histogram of the visited bins)
      if (stages === 0 && o.drive) within.fill(0);
      hist.fill(0); stages++; lnf /= 2;
      // 1/t (Belardinelli & Pereyra 2007, PRE 75:046701): halve until ln f < bins/t, then ln f = bins/t, no more flatness checks
      if (o.schedule === '1/t' && lnf < (nE * nY) / steps) tPhase = true;
    }
  }
  write(x);
  const normalize = (l: Float64Array, isSeen: (i: number) => boolean) => {
    let top = -Infinity;
    for (let i = 0; i < l.length; i++) if (isSeen(i)) top = Math.max(top, l[i]);
    for (let i = 0; i < l.length; i++) l[i] = isSeen(i) ? l[i] - top : -Infinity;
    return l;
  };
  normalize(lnG, (i) => seen[i] === 1);
  const visits = new Float64Array(nE * nA);
  for (let c = 0; c < nE * nY; c++) for (let a = 0; a < nA; a++) visits[Math.floor(c / nY) * nA + a] += within[c * nA + a];
  const stats = { visits, eBins: nE, aBins: nA, steps, lnf, stages, acceptance: accepted / Math.max(steps, 1) };
  if (!o.drive) return { lnG, ...stats };
  // g(E, A) = Σ_B g(E, B) · P(A | E, B), with P from the steps spent in each (E, B) bin
  const lnGA = new Float64Array(nE * nA).fill(-Infinity);
  for (let b = 0; b < nE; b++) for (let a = 0; a < nA; a++) {
    let top = -Infinity;
    const terms: number[] = [];
    for (let j = 0; j < nY; j++) {
      const c = b * nY + j, tot = within.subarray(c * nA, (c + 1) * nA).reduce((s, v) => s + v, 0);
      if (seen[c] && within[c * nA + a] > 0) { const t = lnG[c] + Math.log(within[c * nA + a] / tot); terms.push(t); top = Math.max(top, t); }
    }
    if (terms.length) lnGA[b * nA + a] = top + Math.log(terms.reduce((s, t) => s + Math.exp(t - top), 0));
  }
  return { lnG: normalize(lnGA, (i) => lnGA[i] > -Infinity), lnGDriven: lnG, ...stats };
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
 * the states split between the basins: |Δ ln P(basin | E)| ≤ tol nats for both basins and, when pTol is given,
 * |ΔP(generalizing | E)| ≤ pTol (a bound in nats alone is loose where P is near ½); the quantity the claims read.
 * Single rare bins deep in a valley converge slowest and are not compared one by one. Null when they mix.
 */
export function mixingFailure(p: Pick<WlmdResult, 'lnG' | 'aBins'>, q: Pick<WlmdResult, 'lnG' | 'aBins'>, aCut: number, tol: number, pTol = Infinity): string | null {
  const bothBasins = (res: Pick<WlmdResult, 'lnG' | 'aBins'>) => {
    let low = false, high = false;
    res.lnG.forEach((v, i) => { if (v > -Infinity) { if (((i % res.aBins) + 0.5) / res.aBins >= aCut) high = true; else low = true; } });
    return low && high;
  };
  if (!bothBasins(p)) return 'the walk from the first start never visited the other basin';
  if (!bothBasins(q)) return 'the walk from the second start never visited the other basin';
  let worst = 0, worstP = 0, compared = 0;
  for (let b = 0; b < p.lnG.length / p.aBins; b++) {
    const fp = fractionAbove(profile(p, b), aCut), fq = fractionAbove(profile(q, b), aCut);
    if (!(Number.isFinite(fp) && Number.isFinite(fq))) continue;
    compared++;
    const gap = (u: number, v: number) => (u === v ? 0 : Math.abs(u - v)); // both −∞ (no state of a basin, in both walks): agreement
    worst = Math.max(worst, gap(Math.log(fp), Math.log(fq)), gap(Math.log1p(-fp), Math.log1p(-fq)));
    worstP = Math.max(worstP, Math.abs(fp - fq));
  }
  if (compared === 0) return 'the two walks share no energy bin';
  if (worst > tol) return `the two walks disagree on how the states split between the basins by up to ${worst.toFixed(2)} nats (> ${tol})`;
  return worstP <= pTol ? null : `the two walks disagree on the generalizing fraction P(A ≥ ${aCut} | E) by up to ${worstP.toFixed(2)} (> ${pTol})`;
}
