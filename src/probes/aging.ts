import type { Model } from '../models/model.ts';
import type { Probe } from './probe.ts';

/**
 * Waiting times t_w (steps) at which the aging probe keeps a snapshot of the weights: log-spaced (× 2), so that an
 * aging system, whose decorrelation time grows like t_w^μ, shows it as a slope on log–log axes (Bouchaud et al.
 * 1998, "Out of equilibrium dynamics in spin-glasses and other glassy systems", cond-mat/9702070).
 */
export const WAITING_TIMES = [100, 200, 400, 800, 1600];

const snapshots = new WeakMap<Model, Map<number, Float64Array>>();
const flat = (m: Model) => {
  const all = new Float64Array(m.params.reduce((s, p) => s + p.data.length, 0));
  let o = 0;
  for (const p of m.params) { all.set(p.data, o); o += p.data.length; }
  return all;
};

/**
 * The two-time correlation of two weight vectors, C(t, t_w) = θ(t)·θ(t_w) / (‖θ(t)‖ ‖θ(t_w)‖): 1 at t = t_w,
 * falling as the weights move away. Normalized (a cosine) because weight decay shrinks ‖θ‖ whatever the
 * dynamics do: a bare θ(t)·θ(t_w) would fall with the norm alone (Baity-Jesi et al. 2018, arXiv 1803.06969, use
 * the unnormalized overlap on networks without decay).
 */
export function twoTimeCorrelation(now: ArrayLike<number>, ref: ArrayLike<number>): number {
  let dot = 0, a = 0, b = 0;
  for (let i = 0; i < now.length; i++) { dot += now[i] * ref[i]; a += now[i] * now[i]; b += ref[i] * ref[i]; }
  return a > 0 && b > 0 ? dot / Math.sqrt(a * b) : NaN;
}

/**
 * τ_c(t_w): the lag at which C(t_w + τ, t_w) first falls to `level`, linearly interpolated between the two
 * evaluations that bracket it; +∞ when it never does within the series (censored: the run ended first).
 * `series` holds (t, C(t, t_w)) for t ≥ t_w in increasing t.
 */
export function decorrelationTime(tw: number, series: readonly (readonly [number, number])[], level: number): number {
  let prevT = tw, prevC = 1;
  for (const [t, c] of series) {
    if (t <= tw || Number.isNaN(c)) continue;
    if (c <= level) return prevT - tw + ((prevC - level) / (prevC - c)) * (t - prevT);
    prevT = t; prevC = c;
  }
  return Infinity;
}

/**
 * The aging exponent μ: the least-squares slope of log τ_c against log t_w over the waiting times whose τ_c was
 * reached (an aging system decorrelates more slowly the older it is, τ_c ∝ t_w^μ with μ > 0; simple aging, as
 * in a random walk, has μ = 1; a stationary system has μ = 0). Waiting times whose τ_c lies beyond the end of
 * the series are left out: a system that converges (C levelling off above the level) would otherwise read as
 * aging through its censored τ_c (a pilot on a linear model gave μ = 0.41 that way), and aging in the glass
 * sense is a decay that still happens, only later. Leaving them out biases μ down, against the claim.
 * NaN with fewer than 3 waiting times reached.
 */
export function agingExponent(taus: ReadonlyMap<number, { tau: number; span: number }>): number {
  const pts: [number, number][] = [];
  for (const [tw, { tau }] of taus) if (Number.isFinite(tau)) pts.push([Math.log(tw), Math.log(tau)]);
  if (pts.length < 3) return NaN;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length, my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let sxy = 0, sxx = 0;
  for (const [x, y] of pts) { sxy += (x - mx) * (y - my); sxx += (x - mx) ** 2; }
  return sxy / sxx;
}

/**
 * τ_c for every waiting time from a run's evaluations (keys `aging:C<t_w>`), with how far past t_w the run went.
 * The one estimator used both on trained networks (claim G4) and on the planted controls (./planted.ts).
 */
export function decorrelationTimes(evals: readonly Record<string, number>[], level: number, waiting: readonly number[] = WAITING_TIMES): Map<number, { tau: number; span: number }> {
  const out = new Map<number, { tau: number; span: number }>();
  const last = evals.at(-1)?.step ?? 0;
  for (const tw of waiting) {
    if (last <= tw) continue;
    const series = evals.filter((e) => e.step > tw && e[`aging:C${tw}`] !== undefined).map((e) => [e.step, e[`aging:C${tw}`]] as const);
    out.set(tw, { tau: decorrelationTime(tw, series, level), span: last - tw });
  }
  return out;
}

/**
 * `aging` (claim G4): the two-time correlation of the weights C(t, t_w) (twoTimeCorrelation) for every waiting
 * time t_w in WAITING_TIMES, recorded as `aging:C<t_w>` at every evaluation from t_w on. Aging means the decay of
 * C(t_w + τ, t_w) with τ depends on t_w, slower for older systems. Evaluations must fall on the waiting times
 * (evalEvery dividing 100).
 */
export const aging: Probe = {
  name: 'aging',
  measure({ model, step }): Record<string, number> {
    let snaps = snapshots.get(model);
    if (!snaps) snapshots.set(model, (snaps = new Map()));
    const now = flat(model), out: Record<string, number> = {};
    if (WAITING_TIMES.includes(step)) snaps.set(step, now);
    for (const [tw, ref] of snaps) out[`aging:C${tw}`] = twoTimeCorrelation(now, ref);
    return out;
  },
};
