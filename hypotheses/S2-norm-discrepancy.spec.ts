import { compare, control, hypothesis, metrics, oneSample, preconditions } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/**
 * S2 — memorization needs a larger weight norm than generalization. Pre-registered 2026-11-22; re-registered
 * 2026-11-23 (issue 13): from a large init, trained past grokking, comparing the norms of the fits themselves.
 */

/** The init multiplier α, pre-registered: 8 puts the initial norm (≈ 7.6·α ≈ 61) near the memorizing norm, as the LU mechanism needs. */
const ALPHA = 8;
/** The pre-registered multiple of t_grok at which the generalizing fit is read (stop.afterGrok). */
const K = 3;

const finalNorm = metrics.final('weightNorm');
/** ‖θ‖ at the end (K·t_grok) over ‖θ‖ at t_grok: Omnigrok's norm still falling after grokking under weight decay. */
const fallAfterGrok = metrics.endOver('tGrok', 'weightNorm');

export default hypothesis({
  id: 'S2',
  title: 'memorization needs a larger weight norm than generalization',
  quote: 'Prove that for these structured tasks, achieving zero empirical risk via the "memorization basin" requires an O(N) or exponentially large weight norm due to high-entropy random feature fitting. Conversely, prove the "generalizing basin" (e.g., recovering true Fourier frequencies) is a low-entropy state that can be achieved with a fundamentally lower O(1) norm.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #3, Objective 2 (Norm Discrepancy Proof)', paper: 'Liu et al. (2022), "Omnigrok", arXiv 2210.01117' },
  topic: 'Weight norm',
  regimeName: `D1's x² MLP from α = ${ALPHA}, to ${K}·t_grok`,
  quantifier: 'universal',
  regime: `D1's x² MLP recipe (a+b mod 47, half the pairs, AdamW lr 1e-3, wd 1, full batch) started from a large init, every weight × α = ${ALPHA} (pre-registered; the initial ‖θ‖ ≈ 7.6·α ≈ 61, near the norm a memorizing fit settles at, so that the decay has a large norm to work off, as Omnigrok's LU mechanism needs), and trained past grokking to ${K}·t_grok (stop.afterGrok ${K}, pre-registered). The claim compares the norms of two fits at matched training accuracy (both ≥ 0.99 when read): weight decay pulls every run to the smallest norm that still fits its labels, so the final ‖θ‖ of a run trained on the structured labels (the generalizing fit, at ${K}·t_grok) is compared with the final ‖θ‖ of the same network, init and split trained on labels permuted by seed (a memorizing fit: nothing else fits random labels), paired by seed; the claim predicts the memorizing fit needs at least 10% more norm (ratio > 1.1). The threshold (re-registered 2026-11-24): the source gives no number — the seed states only the scalings (O(N) or exponential vs O(1)) and Omnigrok (arXiv 2210.01117) shows the norms against training as curves (its LU picture: memorizing solutions at larger norm than the generalizing "Goldilocks" norm) without a ratio of the two fits — so the smallest effect is the one this harness uses for every norm comparison, independent of S2's data: a 10% difference in ‖θ‖ (M2: ‖θ‖ grows at least 10% less; E5: sharpness × ‖θ‖² below 0.9). It is not tuned to the outcome: the verdict is the same for any threshold from 1.0 up to the effect's lower CI bound. The random-label runs train 6500 steps, about the median end of the structured runs (${K}·t_grok ≈ 6600 in a pilot); at that point the memorizing norm drifts down by ≈ 2% per 1000 steps (pilot: 76.9 at step 2250, 74.6 at 4000), so a mismatch of a few hundred steps is worth ≈ 1%, well below the 10% threshold. Positive control (Omnigrok, arXiv 2210.01117, Fig. 1: generalization comes as weight decay brings a large norm down): after grokking the norm keeps falling, ‖θ‖(${K}·t_grok)/‖θ‖(t_grok) < 0.95. Preconditions: the structured runs grok and reach ${K}·t_grok; the random-label runs still fit their training set (train accuracy ≥ 0.99 at the end), so the two norms are read at matched training accuracy. Not tested: how the gap scales with n (the claim's O(N)).`,
  deviations: `Issue 13 (2026-11-23), re-registered after the first recording (REFUTED: ‖θ‖ just after grokking was 1.50 × ‖θ‖ at t_mem, from the default init α = 1, runs stopped ≈ 50 steps after test accuracy reached 0.99). The default init starts below the memorizing norm, so the norm can only grow to either fit, and the stop rule cut off the post-grokking decay; the along-the-run ratio also mixes the init into "the norm at memorization". The decision is now the paired comparison of the two fits from α = ${ALPHA}, read at ${K}·t_grok, the comparison the quote itself makes (memorizing basin vs generalizing basin). A pilot (seed 0 only) was seen before this protocol was written: structured t_mem 390, t_grok 2180, ‖θ‖ 61.3 at init, 53.7 at t_mem, 67.2 at t_grok, 60.5 at step 6000; random labels t_mem 380, ‖θ‖ peaking at 76.9 (step 2250), 74.6 at step 4000. Along that run the norm at the end is above the norm at t_mem (1.13), so the old along-the-run prediction would still read against the claim; it is no longer the decision. 2026-11-24 (issue 13, the referee's second read): the threshold 1.1 had been written after that pilot; it is re-registered from the source (which gives no number) and the harness's norm convention, as the regime says; its value is unchanged, and the recorded effect (1.22 [1.217, 1.227]) would give the same verdict at any threshold up to 1.21.`,
  base: QUADRATIC_ADD_47.with({ model: { initScale: ALPHA }, steps: 9000, evalEvery: 50, probes: ['weightNorm'], stop: { testAcc: 0.99, hold: 5, afterGrok: K } }),
  arms: {
    [`a+b α=${ALPHA}`]: {},
    [`a+b α=${ALPHA} random labels`]: { task: { randomLabels: true }, steps: 6500, stop: { testAcc: null, hold: 1, afterGrok: 1 } },
  },
  preconditions: [
    preconditions.grokked({ arms: [`a+b α=${ALPHA}`] }),
    preconditions.custom(`3/4 of the structured runs reach ${K}·t_grok`, (runs) => {
      const ts = runs[`a+b α=${ALPHA}`] ?? [];
      const k = ts.filter((t: Trajectory) => t.tGrok !== null && t.steps >= K * t.tGrok).length;
      return k >= 0.75 * ts.length ? null : `only ${k}/${ts.length} structured runs reached ${K}·t_grok`;
    }),
    preconditions.custom('the random-label runs still fit their training set at the end (train accuracy ≥ 0.99)', (runs) => {
      const ts = runs[`a+b α=${ALPHA} random labels`] ?? [];
      const k = ts.filter((t: Trajectory) => (t.evals.at(-1)?.trainAcc ?? 0) >= 0.99).length;
      return k >= 0.75 * ts.length ? null : `only ${k}/${ts.length} random-label runs fit their training set at the end`;
    }),
  ],
  controls: [
    control({
      name: "Omnigrok's LU mechanism: after grokking from a large init the norm keeps falling",
      expected: { value: 'weight norm decreases as the network generalizes under weight decay (Fig. 1)', cite: 'Liu et al. (2022), arXiv 2210.01117' },
      prediction: oneSample({ name: `‖θ‖ at ${K}·t_grok / at t_grok < 0.95`, arm: `a+b α=${ALPHA}`, metric: fallAfterGrok, lessThan: 0.95 }),
    }),
  ],
  predictions: [
    compare({ name: 'fitting random labels takes a larger norm than fitting the structured ones', arms: [`a+b α=${ALPHA} random labels`, `a+b α=${ALPHA}`], metric: finalNorm, direction: 'greater', effect: 'ratio', minEffect: 1.1, paired: true }),
  ],
  recorded: 'supported',
});
