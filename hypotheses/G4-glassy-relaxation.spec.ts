import { compare, control, hypothesis, metrics, oneSample, preconditions } from '../src/index.ts';
import { WAITING_TIMES, agingExponent, decorrelationTimes } from '../src/probes/aging.ts';
import { plantedAgingExponent, plantedSeed } from '../src/probes/planted.ts';
import { QUADRATIC_ADD_47, TEACHER_CI, teacherMF } from './shared.ts';

/** G4 — grokking is a slow continuous (glassy) relaxation, not a first-order jump; the system ages. Pre-registered 2026-11-23; re-registered 2026-11-23 (issue 13). */
/** The pre-registered multiple of t_grok the runs train to, and the level at which C(t_w + τ, t_w) counts as decorrelated. */
const K = 3, LEVEL = 0.9;
/** The smallest aging exponent that matters: τ_c growing at least 1.41× per 4× in t_w. */
const MIN_MU = 0.25;
/** μ of a run; one whose waiting times do not decorrelate (fewer than 3 reach the level: it settled) reads 0, not aging. */
const muOf = (t: Parameters<typeof decorrelationTimes>[0]) => ((m) => (Number.isNaN(m) ? 0 : m))(agingExponent(decorrelationTimes(t, LEVEL)));
const mu = metrics.custom(`aging exponent μ: slope of log τ_c against log t_w (C = ${LEVEL}; 0 for a run that settles)`, (t) => muOf(t.evals), { probes: ['aging'] });
/**
 * The trained negative control: a system that must not age, trained and measured like the claim's runs. Langevin
 * sampling of the mean-field teacher–student network (P1's CI scale, n = 256), started in the phase it samples
 * (aligned start), at a step 20× smaller than P1's so that its decorrelation takes ≈ 80 steps (pilot, seed 0; at
 * P1's step it took ≈ 10, under one evaluation interval, where τ_c is an interpolation artefact), evaluated every
 * 10 steps. Its reading counts only if it is resolved: every decorrelated τ_c ≥ 3 evaluation intervals and at least
 * 3 waiting times decorrelated; otherwise it reads +∞, and the control fails.
 */
const EQUILIBRIUM = 'Langevin at equilibrium (negative control)';
const EQ_EVERY = 10;
const equilibrium = ((c) => ({ ...c, optimizer: { ...c.optimizer, lr: (c.optimizer as { lr: number }).lr / 20 }, steps: 3000, evalEvery: EQ_EVERY, probes: ['aging'], stop: { testAcc: null, hold: 1, afterGrok: 1 } }))(teacherMF(TEACHER_CI, 256, { start: 'aligned' }));
const resolvedMu = metrics.custom(`aging exponent μ, resolved (every τ_c ≥ ${3 * EQ_EVERY} steps; else +∞)`, (t) => {
  const taus = [...decorrelationTimes(t.evals, LEVEL).values()].map((v) => v.tau).filter(Number.isFinite);
  return taus.length >= 3 && Math.min(...taus) >= 3 * EQ_EVERY ? agingExponent(decorrelationTimes(t.evals, LEVEL)) : Infinity;
});
/**
 * The comparison that makes aging say something about grokking (the referee, 2026-11-24): the same network and
 * optimizer on 90% of the pairs, where generalization comes with memorization (no delay), trained a fixed 4200
 * steps (about as long as the claim's runs, which stop at 3·t_grok ≈ 4000). If it ages as much, aging is a
 * property of training with AdamW and decay, not of the slow relaxation the claim says grokking is.
 */
const NO_DELAY = 'no delay (90% of the pairs)';
const noDelay = { task: { trainFraction: 0.9 }, steps: 4200, stop: { testAcc: null, hold: 1, afterGrok: 1 } };
const noDelayHolds = preconditions.custom(`'${NO_DELAY}' has no delay: median t_grok / t_mem ≤ 2`, (runs) => {
  const r = runs[NO_DELAY].map((t) => (t.tMem === null || t.tGrok === null ? Infinity : t.tGrok / Math.max(t.tMem, 1))).sort((a, b) => a - b);
  const m = (r[(r.length - 1) >> 1] + r[r.length >> 1]) / 2;
  return m <= 2 ? null : `median t_grok / t_mem in '${NO_DELAY}' is ${m.toFixed(2)}: it is not a run without a delay, so the comparison cannot tell`;
});
/**
 * Both compared arms are resolved at the level (the referee, 2026-11-24): in at least 3/4 of the runs of each, at
 * least 3 waiting times decorrelate within the run. μ = 0 for a run that settles counts against the claim in the
 * claim's own arm but for it in the comparison arm; without this, a level at which the no-delay runs settle
 * before they decorrelate would support specificity from runs whose aging was never measured.
 */
const resolved = preconditions.custom(`both compared arms are resolved: ≥ 3 waiting times decorrelate to C = ${LEVEL} in ≥ 3/4 of the runs of 'a+b' and of '${NO_DELAY}'`, (runs) => {
  const short = ['a+b', NO_DELAY].map((a) => {
    const k = runs[a].filter((t) => [...decorrelationTimes(t.evals, LEVEL).values()].filter((v) => Number.isFinite(v.tau)).length >= 3).length;
    return k < 0.75 * runs[a].length ? `'${a}': ${k}/${runs[a].length} runs with ≥ 3 decorrelated waiting times` : null;
  }).filter((x) => x !== null);
  return short.length ? `${short.join('; ')}: their aging is not measured at this level` : null;
});
const planted = (kind: 'random walk' | 'stationary') => metrics.custom(`planted ${kind}: aging exponent μ through the same estimator`,
  (t) => plantedAgingExponent(plantedSeed(t), kind, { level: LEVEL, steps: t.evals.at(-1)?.step ?? 0, evalEvery: 50 }));

export default hypothesis({
  id: 'G4',
  title: 'grokking is a slow relaxation that ages, more than training without a delay (aging only: not specific to a glass)',
  quote: 'framing grokking as a computational glass relaxation process … Glass relaxation dynamics: Slow approach to equilibrium in disordered systems - provides framework for understanding the delayed generalization in grokking',
  source: { seed: '001_ecb3d587c66818f5.txt', section: 'Executive Summary; Foundational Learning', paper: 'arXiv 2505.11411' },
  topic: 'Glass relaxation',
  regimeName: "D1's x² MLP, to 3·t_grok, two-time correlations",
  regime: `D1's network and recipe (x² MLP, width 128, a+b mod 47, AdamW wd 1), trained on to ${K} × t_grok (stop.afterGrok ${K}, pre-registered), evaluations every 50 steps. Aging, as glass physics measures it (Bouchaud et al. 1998, cond-mat/9702070; for networks Baity-Jesi et al. 2018, arXiv 1803.06969): the two-time correlation of the weights C(t_w + τ, t_w) = θ(t_w + τ)·θ(t_w) / (‖θ(t_w + τ)‖ ‖θ(t_w)‖) (normalized, since weight decay shrinks ‖θ‖ whatever the dynamics do) for the waiting times t_w = ${WAITING_TIMES.join(', ')} steps (the aging probe). A system ages when the decay of C depends on t_w, slower the older it is: the lag τ_c at which C first falls to ${LEVEL} grows with t_w. Per run, the aging exponent μ is the least-squares slope of log τ_c against log t_w (waiting times whose C has not fallen to the level by the run's end are left out, so that a run that converges, C levelling off, cannot pass as aging; ≥ 3 waiting times needed). Prediction: μ > ${MIN_MU} (τ_c growing at least 1.41× per 4× in t_w; simple aging, as in a random walk, is μ = 1; a stationary system, μ = 0). Positive controls (planted, through the same estimator, the same waiting times, evaluation grid and run length): a random walk (ages: C = √(t_w/(t_w + τ)), μ = 1) must read μ > ${MIN_MU}, and a stationary Ornstein–Uhlenbeck process (C = a^τ whatever t_w, μ = 0) must read μ < ${MIN_MU}. Negative control (trained): Langevin sampling of P1's mean-field teacher–student network (d = 16, n = 256, started in the phase it samples, a step 20× below P1's, evaluated every ${EQ_EVERY} steps, 3000 steps), which is stationary and so cannot age, must read μ < ${MIN_MU} through the same probe and estimator, resolved (every decorrelated τ_c ≥ 3 evaluation intervals, at least 3 waiting times; else the control fails). Second prediction (specificity): the grokking runs age more than the same network and optimizer on 90% of the pairs, where generalization comes with memorization, trained a fixed 4200 steps (about as long): the difference of μ ≥ ${MIN_MU} (Mann–Whitney against that threshold, Hodges–Lehmann shift); precondition: that arm has no delay (median t_grok / t_mem ≤ 2) and groks. A run whose waiting times do not decorrelate (fewer than 3 reach the level: it settled) reads μ = 0 in both arms. Precondition: 3/4 of the runs grok. The claim's other half, a stretched (β < 1) rather than step-like relaxation of the test error, is not decided: a curve with a plateau followed by a drop, as every grokking curve has, forces β > 1 in a stretched-exponential fit whatever the dynamics, so neither the fit comparison nor β could come out for the claim; that half is untestable as a curve-shape test and is left out of the verdict. Aging alone does not make a glass: any dynamics that slow down as training proceeds (the loss falling, Adam's steps shrinking) also age in this sense; what a refutation would say is that the weights do not age. What this measurement cannot distinguish (pre-registered 2026-11-24, issue 16): the glass picture against a first-order jump. Coarsening after a quench into a first-order (ordered) phase ages too, and with simple τ/t_w scaling (domain growth, Bray 1994, Adv. Phys. 43:357; Bouchaud et al. 1998, cond-mat/9702070), and so does a random walk (the positive control): neither μ > 0 nor a collapse of C on τ/t_w separates a glass from a first-order transition. The verdict here is about "the weights age" only; "glassy rather than first-order" is not decided by this file (it is what G1's entropy barrier in S(L_train, A_test) would decide, once its walks mix). At --scale full (set before any full-scale run): the same, trained on to ${2 * K} × t_grok (cap 24000 steps), so that the oldest waiting time decorrelates within the run as well.`,
  deviations: `2026-11-24, on the independent referee\'s reading: the title now says what is tested, aging, which coarsening and other non-glassy relaxations show too; a trained negative control was added on 2026-11-24 (issue 13): Langevin sampling of P1's teacher–student network at equilibrium, through the same probe, estimator, waiting times and evaluation grid, must read μ < ${MIN_MU}; a one-seed pilot (μ = −0.02 from the aligned start, −0.015 from init) chose the aligned start and 3000 steps; the claim's test and threshold are unchanged, and the first recording with it read μ = 0.00 (−0.022 … 0.029 over 8 seeds) in the control and 0.82 in the claim's runs. Later the same day, on a second independent referee\'s reading of that recording: (1) that control could not fail: at P1\'s Langevin step C(t_w + τ, t_w) fell to ≈ 0.5 within one 50-step evaluation, so τ_c ≈ 10 steps at every t_w was an interpolation artefact and μ ≈ 0 followed by construction; the control now runs at a step 20× smaller (a one-seed design pilot read τ_c ≈ 80 steps at every waiting time, against ≈ 10 before), is evaluated every ${EQ_EVERY} steps, and counts only when resolved. (2) Aging alone did not connect to grokking: the referee suggested the same network without a delay; the specificity prediction and its arm were added with the claim\'s runs known (μ = 0.82) and before any run of the new arm, its threshold the claim\'s own (${MIN_MU}). (3) A run with fewer than 3 decorrelated waiting times used to be dropped (NaN); it now reads μ = 0, against the claim (no run of the first recording was affected). What the recording with these changes showed, not a change: the control read μ = −0.02 … 0.05 with τ_c ≈ 70–97 steps (resolved); the no-delay runs (t_mem 250, t_grok 300–350) read τ_c ≈ 130, 390 and 1000 steps at t_w = 100, 200, 400 and did not decorrelate at all from t_w = 800 on (they settled), μ = 1.39–1.54 against 0.76–0.86 in the grokking runs: training without a delay slows down as steeply, then stops, so aging in this sense is not specific to grokking\'s slow relaxation (REFUTED on the specificity prediction; the first prediction, the weights age, still passes). Issue 16 (2026-11-24): the regime now says which part of the claim this measurement cannot decide (glass vs first-order: coarsening ages as well); test, controls and threshold unchanged. Issue 13 (2026-11-23), after the first recording (REFUTED on the relaxation shape: SSE ratio stretched / step 1.55, β = 1.69; the aging reading Δ(t_w + 200, t_w) at two waiting times passed trivially): the stretched-vs-step and β predictions are dropped as deciders (a plateau then a drop forces β > 1, so they could not come out for the claim), and aging is measured as two-time correlations at five waiting times, with planted aging and non-aging controls. The level ${LEVEL} was chosen after one pilot (seed 0, this recipe): there τ_c = 191, 408, 682, 1036 steps at t_w = 100…800 (t_w = 1600 censored), μ ≈ 0.85; at level 0.7 only three waiting times decorrelated within the run and at 0.5 one; ${LEVEL} is the level at which most waiting times decorrelate within ${K}·t_grok. After the first run of this protocol (μ = 0.86 [0.83, 0.92], all 8 seeds), a pilot on a linear model (which converges rather than ages) read μ = 0.41 through the censored waiting times entering at their lower bound; censored waiting times are now left out (against the claim: it lowers μ). On the same 8 runs this gives μ = 0.76–0.86 per seed (t_w = 1600 reached in 1 of 8), the same verdict. Issue 13 (2026-11-24), a referee's minor point, that the level was chosen on seed 0, a test seed: the selection rule (the lowest level at which at least 4 of the 5 waiting times decorrelate within the run) was re-applied to three held-out seeds (8–10, never test seeds). It picks ${LEVEL} again: waiting times decorrelated 3, 3, 3 at 0.7; 3, 4, 3 at 0.8; 4, 4, 4 at 0.9. Nothing changed. Sensitivity to the level, on the test seeds (reported, not a decider; the level stays as registered): at 0.95 the comparison reads as at ${LEVEL} (median μ 0.94 grokking against 1.31 without delay). At 0.8 and below, the no-delay runs decorrelate at ≤ 2 waiting times, and the μ = 0 convention for a run that settles then reads them as not aging. That convention counts against the claim in the claim's own arm but for it in the comparison arm, and at 0.8 it would have turned the comparison into support (+0.85) from no-delay runs whose aging was never measured: where it can be measured at 0.8, their τ_c grows more steeply (283–299, 911–1005, then beyond the run at t_w = 100, 200, 400) than the grokking runs' (448–515, 837–890, 1274–1331), a second independent referee's figures, re-computed here from the stored runs. So, on that referee's reading, a precondition now asks both compared arms to be resolved (≥ 3 decorrelated waiting times in ≥ 3/4 of the runs of each). It holds at ${LEVEL} (8/8 no-delay runs have 3), so the verdict is unchanged; at 0.8 and below the comparison would be undecidable, never supported. The refutation holds wherever both arms are resolved (0.9 and 0.95; 0.85 at full scale). On the waiting times both arms resolve (t_w ≤ 400), μ = 0.89–1.01 in the grokking runs against 1.39–1.54 without a delay (CI scale, 8 seeds each).`,
  base: QUADRATIC_ADD_47.with({ steps: 12000, evalEvery: 50, probes: ['aging'], stop: { testAcc: 0.99, hold: 5, afterGrok: K } }),
  // --scale full (issue 16, set before any full-scale run): the same runs trained on to 2K·t_grok (cap 24000 steps),
  // so that the oldest waiting time (1600) decorrelates within the run too; ≈ 3 CPU-min
  full: { base: { steps: 24000, stop: { afterGrok: 2 * K } }, arms: { [EQUILIBRIUM]: equilibrium, [NO_DELAY]: { ...noDelay, steps: 8400 } }, seeds: 8 },
  arms: { 'a+b': {}, [NO_DELAY]: noDelay, [EQUILIBRIUM]: equilibrium },
  preconditions: [preconditions.grokked({ arms: ['a+b', NO_DELAY] }), noDelayHolds, resolved],
  controls: [
    control({
      name: 'a planted random walk ages',
      expected: { value: 'μ = 1 (C = √(t_w/(t_w + τ)))', cite: 'planted' },
      prediction: oneSample({ name: `planted random walk: μ > ${MIN_MU}`, arm: 'a+b', metric: planted('random walk'), greaterThan: MIN_MU }),
    }),
    control({
      name: 'a planted stationary process does not age',
      expected: { value: 'μ = 0 (Ornstein–Uhlenbeck in equilibrium)', cite: 'planted' },
      prediction: oneSample({ name: `planted stationary process: μ < ${MIN_MU}`, arm: 'a+b', metric: planted('stationary'), lessThan: MIN_MU }),
    }),
    control({
      name: 'a trained system at equilibrium does not age',
      expected: { value: 'μ = 0 (stationary dynamics; design pilot, seed 0: τ_c = 82, 80, 80, 81, 97 steps at t_w = 100…1600)', cite: 'planted' },
      prediction: oneSample({ name: `Langevin at equilibrium: μ < ${MIN_MU}, resolved`, arm: EQUILIBRIUM, metric: resolvedMu, lessThan: MIN_MU }),
    }),
  ],
  predictions: [
    oneSample({ name: 'the weights age: τ_c grows with the waiting time', arm: 'a+b', metric: mu, greaterThan: MIN_MU }),
    compare({ name: 'they age more than without a delay', arms: ['a+b', NO_DELAY], metric: mu, direction: 'greater', effect: 'difference', minEffect: MIN_MU }),
  ],
  recorded: 'refuted',
});
