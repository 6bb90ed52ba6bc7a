import { compare, control, hypothesis, metrics, oneSample, preconditions } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { DEEP_RELU_ADD_31 } from './shared.ts';

/**
 * M4 — constraining the weights removes the memorization basin. Pre-registered 2026-11-22; re-registered
 * 2026-11-23 (issue 13) before the test runs: the whole parameter norm is constrained; 2026-11-24: the statistic is the time
 * spent in the memorizing basin, the budget 3500 steps (see deviations).
 */
/** The memorizing basin, read off the curves: the training set fitted (train accuracy ≥ 0.95), the test set not (test accuracy ≤ 0.5). */
const inBasin = (e: Trajectory['evals'][number]) => e.trainAcc >= 0.95 && e.testAcc <= 0.5;
/**
 * Steps spent in the memorizing basin: the sum of the intervals between evaluations that start in it. A run
 * still in the basin at its last evaluation is censored (+∞, tied above every observed time), as a run that
 * never groks is: its time there is only known to exceed what was seen. A stay shorter than one evaluation
 * interval (never seen in the basin) reads as that interval, the resolution, so that the ratio stays defined.
 */
const basinTime = metrics.custom('steps in the memorizing basin (train acc ≥ 0.95, test acc ≤ 0.5)', (t: Trajectory) => {
  if (inBasin(t.evals.at(-1)!)) return Infinity;
  const seen = t.evals.slice(0, -1).reduce((sum, e, i) => sum + (inBasin(e) ? t.evals[i + 1].step - e.step : 0), 0);
  return Math.max(seen, t.evals[1].step - t.evals[0].step);
});
/** The claim's "removed": at most a quarter of the free network's time in the basin (pre-registered; a halving would be "shortened"). */
const REMOVED = 0.25;

/** The pre-registered norm: 3× the init norm (the smallest multiple on the pilot ladder 1, 1.5, 2, 3 at which the network fits its training set). */
const HELD = 3;
/** The multiple the stated rule picks (2×: train accuracy 0.98 within 1000 steps in the pilot), a second regime. */
const HELD_LOW = 2;
/** The long budget of the full-scale 2× regime: 4× the CI budget (issue 13: the 2× regime's control failed within 3500 steps). */
const LONG_STEPS = 14000;

/** Recipe, precondition and controls, the same in both regimes (the free arm's runs are shared between them). */
const BASE = DEEP_RELU_ADD_31.with({ steps: 3500, stop: { testAcc: 0.95, hold: 2 } });
const fits = preconditions.custom('the constrained network fits its training set in at least 3/4 of the runs', (runs) => {
  const k = runs['norm held'].filter((t) => t.tMem !== null).length, n = runs['norm held'].length;
  return k < 0.75 * n ? `'norm held' reached t_mem in ${k}/${n}` : null;
});

const controls = [
  control({
    name: 'the free network has a memorization basin (more than 500 steps in it)',
    expected: { value: 'memorization first, then a long plateau at low test accuracy', cite: 'Power et al. (2022), arXiv 2201.02177' },
    prediction: oneSample({ name: 'free: more than 500 steps in the basin', arm: 'free', metric: basinTime, greaterThan: 500 }),
  }),
  control({
    name: "Omnigrok's effect: with the norm held, generalization comes sooner",
    expected: { value: 'constraining the weight norm shortens or removes the grokking delay', cite: 'Liu, Michaud & Tegmark (2022), arXiv 2210.01117' },
    prediction: compare({ name: 'norm held groks sooner than free', arms: ['norm held', 'free'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 1, paired: true }),
  }),
];

export default hypothesis({
  id: 'M4',
  title: 'weights held at a fixed norm (near the Stiefel manifold) remove the memorization basin',
  quote: 'Demonstrate analytically that constraining the weights near the Stiefel manifold explicitly removes the high-norm, high-entropy "memorization basin" from the effective free energy landscape.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #2, Objective 3 (Stiefel Manifold Constraint)', paper: 'Liu, Michaud & Tegmark (2022), Omnigrok, arXiv 2210.01117; Jordan et al. (2024); Bernstein & Newhouse (2024), arXiv 2409.20325' },
  topic: 'Muon',
  regimeName: `whole ‖θ‖ held at ${HELD}× init, ReLU MLP a+b mod 31`,
  regime: `The "memorization basin" is a high-norm region (Omnigrok, Liu et al., arXiv 2210.01117: memorizing solutions sit at large weight norm, generalizing ones at smaller norm, and holding the whole weight norm fixed changes whether the network memorizes first). A constraint that removes the basin must hold the whole parameter vector, not one matrix: a free embedding and head can memorize on their own. So the constraint here is Omnigrok's: after every AdamW step all parameters are rescaled together to a fixed total norm, ${HELD}× the norm at initialization (src/optim/globalNormConstraint.ts; the Stiefel manifold of one matrix is the special case the seed names, fixed singular values instead of a fixed total norm). Pre-registered multiple: ${HELD}, chosen in one-seed pilots as the smallest of 1, 1.5, 2, 3 at which the constrained network fits its training set within 1000 steps (at 1× train accuracy stayed at 0.17, at 1.5× 0.59 after 1500 steps, at 2× 0.98), so that "no basin" cannot come from a network that learns nothing. Setting: a two-hidden-layer ReLU MLP (128, 128) on a+b mod 31 (60% of the pairs), AdamW lr 3e-3, wd 1, 3500 steps (the free network grokked at 1700–2875 steps in an earlier run), stopping once test accuracy held 0.95 for 2 evaluations. Statistic: the time spent in the memorizing basin, the steps during which the network fits its training set (train accuracy ≥ 0.95) but not the test set (test accuracy ≤ 0.5), summed over the evaluation intervals (every 25 steps; a stay never seen reads 25, the resolution); a run still in the basin at the budget is censored (+∞). Prediction: if the constraint removes the basin, the network does not linger there: its time in the basin is at most ${REMOVED} of the free network's (paired ratio < ${REMOVED}; a halving would be a shorter stay, not a removed basin). Positive controls: (a) the free network has the basin here: it spends more than 500 steps in it (≈ 7 × t_mem); (b) Omnigrok's effect is reproduced: with the norm held the network generalizes sooner than free (t_grok ratio < 1; runs that never grok censored at +∞). Precondition: the constrained network fits the training set (t_mem reached) in at least 3/4 of the runs.`,
  deviations: `Issue 13 (2026-11-23), after the first recording (REFUTED: with W2 alone held on the Stiefel manifold the gap was unchanged, 0 [0, 0], and in a first 3000-step run no constrained seed generalized while all 8 free seeds did, t_grok 1700–2875): the W2-only constraint left the embedding and head free to memorize, which is not the constraint the memorization-basin argument (Omnigrok) needs. The constraint is now on the whole parameter norm at ${HELD}× init, chosen after one-seed pilots of 1×, 1.5×, 2× and 3× (seed 100; at 3× the network memorized at step 125 with test accuracy 0 there and reached test accuracy 0.90 by step 1000, gap 1.0); the budget is 1500 steps with a stop once grokked (was 1000, no stop); the two controls and the precondition are new. The W2-only Stiefel arm is dropped for runtime (a polar factor per step; its result is the first recording's). 2026-11-24, after the recording of that protocol (REFUTED, gap difference 0 [0, 0]) and a referee's finding that the largest train − test gap reaches 1 in both arms (both memorize before they generalize), so it could not move: the statistic is now the time spent in the memorizing basin (train accuracy ≥ 0.95 and test accuracy ≤ 0.5, censored at the budget), with its threshold (ratio < ${REMOVED}) and the free-basin control (> 500 steps) set here before any run of it; the budget is 3500 steps (was 1500, in which no free run grokked, so the free arm's time there would be censored throughout). Changed with the first protocol's outcome known: with the norm held, 7/8 runs grokked within 1500 steps and no free run did. Issue 13 (2026-11-24), a referee: (1) the regime text says the rule picks the smallest multiple that fits the training set, and the pilot's 2× reached train accuracy 0.98, so the rule would have picked 2×, not ${HELD}×. A second regime at 2× was added (same predictions, controls and precondition; the free runs are shared). Its first run: all 8 runs held at 2× fit their training set by the basin statistic's criterion (train accuracy ≥ 0.95, at steps 350–500), but in 4 of 8 train accuracy never reaches 0.99, the t_mem marker the precondition reads (a mismatch of the two criteria that this regime exposes; both are kept as registered). Test accuracy passes 0.5 by steps 525–850 and levels off at 0.68–0.89 from about step 2000: partial generalization under a tight norm, not slow learning. No run reaches test accuracy 0.95, so the Omnigrok control (generalization sooner) fails and the precondition fails. The regime is inconclusive: its basin-time ratio, 0.20 [0.14, 0.28], straddles the registered 0.25 in any case. The pilot's 0.98 at 2× was one seed. The claim's REFUTED therefore rests on ${HELD}× alone, the looser constraint: refuted at ${HELD}×, undecided at 2×. (2) On the bar: at ${HELD}× the basin time is 0.42 [0.39, 0.44] of the free network's. That is below the 0.5 that would mean "shortened" (reported, not pre-registered as a prediction) and above the registered ${REMOVED} for "removed". 2026-11-24 (later, issue 13): a third regime, run with --scale full only, gives the 2× constraint 4× the budget (14000 steps), registered before any of its runs; at full scale the other two regimes run as at CI scale (before, --scale full meant the generic p = 97, 3× the steps and 32 seeds, never run). Its outcome (full scale, 2026-11-24): the constrained runs now reach t_mem in 6/8 (the precondition holds), but test accuracy stays at 0.71–0.89, moving by at most 0.04 between steps 3500 and 14000; no run groks, so the Omnigrok control fails again and the regime is inconclusive, basin ratio 0.20 [0.14, 0.28] as at 3500 steps. A longer budget does not settle the 2× regime.`,
  base: BASE,
  arms: {
    'norm held': { optimizer: { extra: { globalNorm: HELD } } },
    free: {},
  },
  untunedBecause: 'the same optimizer and learning rate in both arms; the constraint is the treatment',
  preconditions: [fits],
  controls,
  regimes: [{
    name: `whole ‖θ‖ held at ${HELD_LOW}× init`,
    regime: `The same, with the norm held at ${HELD_LOW}× init: the smallest multiple at which the pilot's constrained network reached train accuracy 0.98 within 1000 steps, which by the stated selection rule (train accuracy ≥ 0.95) is the multiple the rule picks. Added on a referee's reading (issue 13, 2026-11-24), after the ${HELD}× recording; the same predictions, controls and precondition.`,
    base: BASE,
    arms: { 'norm held': { optimizer: { extra: { globalNorm: HELD_LOW } } }, free: {} },
    preconditions: [fits], controls,
  }, {
    name: `whole ‖θ‖ held at ${HELD_LOW}× init, 4× the budget`, fullScaleOnly: true,
    regime: `The ${HELD_LOW}× regime with ${LONG_STEPS} steps instead of 3500 (4×), so that runs that had not memorized (t_mem missed in 4/8) or were still rising at 3500 steps can finish: registered 2026-11-24 before any run at this budget, with the 3500-step outcome known (test accuracy levelling off at 0.68–0.89 from about step 2000); the same predictions, controls and precondition. Run with --scale full only.`,
    base: BASE.with({ steps: LONG_STEPS }),
    arms: { 'norm held': { optimizer: { extra: { globalNorm: HELD_LOW } } }, free: {} },
    preconditions: [fits], controls,
  }],
  // --scale full adds the long-budget regime; the others run as at CI scale (their own size)
  full: { base: {}, seeds: 8 },
  predictions: [
    compare({ name: `at most ${REMOVED} of the free network's time in the memorizing basin`, arms: ['norm held', 'free'], metric: basinTime, direction: 'less', effect: 'ratio', minEffect: REMOVED, paired: true }),
  ],
  recorded: 'refuted',
});
