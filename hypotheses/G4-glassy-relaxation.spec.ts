import { hypothesis, metrics, oneSample, relaxationFits } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** G4 — grokking is a slow continuous (glassy) relaxation, not a first-order jump; the system ages. Pre-registered 2026-11-23. */
/** Test error 1 − test accuracy from t_mem to the end, as (t − t_mem, error). */
const relaxation = (t: Trajectory) => {
  const ev = t.tMem === null ? [] : t.evals.filter((e) => e.step >= t.tMem!);
  return relaxationFits(ev.map((e) => e.step - t.tMem!), ev.map((e) => 1 - e.testAcc));
};
const fits = new WeakMap<Trajectory, ReturnType<typeof relaxation>>();
const fitOf = (t: Trajectory) => { let f = fits.get(t); if (!f) fits.set(t, (f = relaxation(t))); return f; };
const sseRatio = metrics.custom('SSE of the stretched-exponential fit / SSE of the step fit', (t) => (t.tMem === null ? NaN : fitOf(t).stretched.sse / fitOf(t).step.sse), true);
const beta = metrics.custom('stretching exponent β of the test-error relaxation', (t) => (t.tMem === null ? NaN : fitOf(t).stretched.params[2]));
/** Δ(t_w + 200, t_w): how far the weights move in the 200 steps after waiting time t_w. */
const drift = (tw: number) => metrics.custom(`‖θ(t_w+200) − θ(t_w)‖² / ‖θ(t_w)‖², t_w = ${tw}`, (t) => t.evals.find((e) => e.step === tw + 200)?.[`aging:msd${tw}`] ?? NaN, true);

export default hypothesis({
  id: 'G4',
  title: 'grokking is a slow, continuous (glassy) relaxation that ages',
  quote: 'framing grokking as a computational glass relaxation process … Glass relaxation dynamics: Slow approach to equilibrium in disordered systems - provides framework for understanding the delayed generalization in grokking',
  source: { seed: '001_ecb3d587c66818f5.txt', section: 'Executive Summary; Foundational Learning', paper: 'arXiv 2505.11411' },
  topic: 'Glass relaxation',
  regime: `D1's network and recipe (x² MLP, width 128, a+b mod 47, AdamW wd 1), with the aging probe. Relaxation shape: the test error 1 − test accuracy from t_mem to the end is fitted (Levenberg–Marquardt, ml-levenberg-marquardt, several starts; src/stats/fit.ts) by a stretched exponential A·exp(−(t/τ)^β) and by a logistic step A/(1 + e^((t − t_c)/w)), three parameters each. Glassy relaxation predicts (1) the stretched exponential fits better (SSE ratio < 1) and (2) it is stretched, β < 1. Aging: the weights' displacement over the 200 steps after a waiting time, Δ(t_w + 200, t_w) = ‖θ(t_w+200) − θ(t_w)‖²/‖θ(t_w)‖², for t_w = 100 and 400 (both before grokking in pilots); an aging system moves more slowly the older it is, so (3) Δ at t_w = 400 is at most 0.8× Δ at t_w = 100: a one-sample test of the per-seed ratio (both readings come from the same run).`,
  base: QUADRATIC_ADD_47.with({ probes: ['aging'] }),
  arms: { 'a+b': {} },
  predictions: [
    oneSample({ name: 'a stretched exponential fits better than a step', arm: 'a+b', metric: sseRatio, lessThan: 1 }),
    oneSample({ name: 'the relaxation is stretched (β < 1)', arm: 'a+b', metric: beta, lessThan: 1 }),
    oneSample({ name: 'the weights age: slower drift after a later waiting time', arm: 'a+b', metric: metrics.custom('Δ(600, 400) / Δ(300, 100)', (t) => drift(400).of(t) / drift(100).of(t), true), lessThan: 0.8 }),
  ],
  recorded: 'refuted',
});
