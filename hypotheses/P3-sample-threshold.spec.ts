import { bimodal, hypothesis, metrics, oneSample, preconditions, trend, worstCase } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';

/** P3 — modular addition shows a sharp sample-size threshold, with a mixed phase across seeds. Pre-registered 2026-11-23. */
const finalAcc = metrics.final('testAcc');

/**
 * A run has converged (issue 13's referee: a bimodal final accuracy at a fixed budget can be censoring, slow seeds
 * cut off mid-rise) when it grokked and stopped (test accuracy held 0.95), or when it sits at a fixed point of
 * training: over its last K = 20 evaluations (1000 steps) test accuracy moved by at most ACC_BAND and training loss
 * stayed at most 0.1 (it fits its training set). Any other run is censored at the budget: it is named in the
 * precondition's message, and the verdict is inconclusive until a larger budget converges it.
 */
const K = 20, LOSS_BOUND = 0.1;
/**
 * The band, re-registered 2026-11-24 from a pilot on fresh seeds by a rule written before its trajectories were
 * read (see deviations): the largest of 0.02, 0.03, 0.04, 0.05, 0.06, 0.08 that made no false call.
 */
const ACC_BAND = 0.08;
const converged = (t: Trajectory): boolean => {
  if (t.stopReason === 'converged') return true;
  const late = t.evals.slice(-K);
  if (late.length < K) return false;
  const acc = late.map((e) => e.testAcc);
  return Math.max(...acc) - Math.min(...acc) <= ACC_BAND && late.every((e) => e.trainLoss <= LOSS_BOUND);
};

/**
 * The refutable half of coexistence (the referee, issue 13): at a first-order threshold each run ends in one phase
 * or the other, so few runs at fraction 0.5 sit in between; a continuous crossover leaves them in between. Per
 * run, read over the last quarter of its evaluations: 1 (in between) if it never grokked and test accuracy stayed
 * in (0.2, 0.8) throughout; 0 (one phase) if it grokked, or stayed ≤ 0.2 or ≥ 0.8 throughout; otherwise it
 * crossed a bound late and is censored, counted against the side being tested (in between when testing for
 * support, one phase when testing for refutation; the effect's CI spans both readings).
 */
const LOW = 0.2, HIGH = 0.8, CROSSED = 0.5, ARM = 'fraction 0.5';
const between = metrics.custom(`ends between test accuracy ${LOW} and ${HIGH} (1) or in one phase (0), over the last quarter of the run`, (t) => {
  if (t.tGrok !== null) return 0;
  const acc = t.evals.slice(-Math.max(1, Math.floor(t.evals.length / 4))).map((e) => e.testAcc);
  if (acc.every((a) => a > LOW && a < HIGH)) return 1;
  return acc.every((a) => a <= LOW || a >= HIGH) ? 0 : CROSSED;
});
const fewBetween = worstCase(oneSample({ name: 'runs at fraction 0.5 end in one phase or the other, not in between', arm: ARM, metric: between, lessThan: 0.5 }),
  { marker: CROSSED, forSupport: 1, forRefutation: 0, why: 'Runs that crossed a bound in the last quarter' });

export default hypothesis({
  id: 'P3',
  title: 'modular addition has a sharp sample-size threshold with a mixed phase across seeds',
  quote: 'Analytical predictions of phase transitions and sample complexity match experimental results for both cubic-polynomial and modular addition tasks',
  source: { seed: '003_0789360943425cef.txt', section: 'Key Results; Mechanism 3 (modular addition)', paper: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789' },
  topic: 'First-order transition',
  regime: `A one-hidden-layer ReLU MLP (64 units) on a+b mod 31, AdamW lr 1e-2, wd 1, a budget of 10000 steps (runs stop once test accuracy held 0.95 for two evaluations), at training fractions 0.4, 0.5 and 0.6 (10 seeds each). The paper analyses a two-layer network with square activation in a mean-field scaling; here the network is a plain ReLU MLP and the order parameter is the final test accuracy. A first-order threshold predicts (1) a steep rise of final test accuracy with the fraction (Jonckheere–Terpstra, a Sen slope tested against 0 each way) and (2) coexistence in the middle: across the seeds at fraction 0.5, final test accuracies split into a generalizing and a memorizing group — a dip test against unimodality, with a dip of at least 0.08 (it can support, never refute); (3) the refutable half of coexistence: fewer than half of the runs at fraction 0.5 end with test accuracy between 0.2 and 0.8 (over the last quarter of the run; a sign test of that indicator against 1/2, i.e. an exact binomial test, each way; a run that crossed a bound late counts against whichever side is tested). A four-seed pilot (3000 steps) fixed the fractions: it gave median final test accuracies 0.00, 0.05, 0.39 and 0.68 at 0.3, 0.4, 0.5 and 0.6. At --scale full (issue 16, set 2026-11-24 before any full-scale run, after the CI runs censored 18 of 30 at 10000 steps): the same protocol with a budget of 40000 steps, so that runs still rising at 10000 can converge or grok (≈ 11 CPU-min).`,
  base: {
    task: { kind: 'modular', op: 'add', p: 31 },
    model: { hidden: [64], act: 'relu', bias: false },
    optimizer: { name: 'adamw', lr: 1e-2, beta2: 0.98, wd: 1 },
    steps: 10000, evalEvery: 50, stop: { testAcc: 0.95, hold: 2 },
  },
  arms: { 'fraction 0.4': { task: { trainFraction: 0.4 } }, 'fraction 0.5': { task: { trainFraction: 0.5 } }, 'fraction 0.6': { task: { trainFraction: 0.6 } } },
  seeds: 10,
  full: { base: { steps: 40000 }, seeds: 10 },
  preconditions: [preconditions.custom(`every run converged: grokked, or test accuracy flat within ${ACC_BAND} over its last ${K} evaluations (1000 steps) with training loss ≤ ${LOSS_BOUND} (a grok after the budget is not excluded)`, (runs) => {
    const open = Object.entries(runs).flatMap(([a, ts]) => ts.map((t, seed) => (converged(t) ? null : `${a} seed ${seed} (test acc ${t.evals.at(-1)?.testAcc.toFixed(2)})`)).filter((x) => x !== null));
    return open.length ? `${open.length} run(s) censored at the budget, still moving or not fitting: ${open.join(', ')}` : null;
  })],
  deviations: 'Issue 13 (2026-11-23), after the first verdict: a referee noted that a bimodal final accuracy at a fixed budget can come from censoring (slow seeds cut off mid-rise), so the budget rose from 2500 to 10000 steps and a precondition asks every run to have converged. Issue 16 (2026-11-24), the referee again: "converged" meant test accuracy moving < 0.05 over the last quarter of the budget, loose enough to pass a slow rise; now a run converged only if it grokked, or if over its last 20 evaluations test accuracy moved ≤ 0.02 with training loss ≤ 0.1 throughout (a fixed point that fits its training set); others are censored and named, and the verdict is inconclusive. Set before these runs were re-trained. Before re-deciding: the trend prediction\'s threshold was a Kendall-type τ ≥ 0.5 with a bootstrap CI; τ has no distribution-free null away from 0, so it cannot be tested against its threshold in both directions. The trend is now a Sen slope (final test accuracy per unit training fraction) tested against 0 by Jonckheere–Terpstra each way: support needs a significant monotone trend in the claimed direction, refutation a significant trend the other way. Issue 13 (2026-11-24), the referee: nothing in P3 could refute coexistence (the dip test cannot; a reversed trend is not what a continuous crossover predicts), so prediction (3) was added, the referee\'s suggestion. The final accuracies of both scales had been read before (the censored runs end at 0.29–0.84), and the bounds 0.2 and 0.8 were set with that known. A second referee refused that first form (it left out the runs not counted as converged, and those were exactly the runs in between, so it could not refute), and it was replaced the same day by the form above, with the full-scale outcome known: there all 10 runs at fraction 0.5 end at test accuracy 0.37–0.61, flat over the last 10000 steps with training loss ≈ 0, so (3) reads against coexistence at full scale (10 of 10 in between; at CI scale too, 10 of 10, but those runs are still rising). The same referee found the convergence precondition\'s band (0.02 over 20 evaluations) narrower than these runs\' own fluctuation (0.019–0.033), so that it holds only for runs that grok. Re-registering it with the outcome known would turn P3 from inconclusive to refuted, so it is left as registered until a pilot on fresh seeds can set the band. P3 stays inconclusive on that precondition. The pilot (2026-11-24, later): fresh seeds 100–103 at each fraction, trained to 80000 steps (twice the full-scale budget), by a rule written while it ran, before its trajectories were read (each run\'s final accuracy was printed as it finished, so it was seen that none had grokked; the candidate list was written with the registered runs\' outcome known): candidate bands 0.02, 0.03, 0.04, 0.05, 0.06, 0.08 for the range of test accuracy over the last 20 evaluations (K and the loss bound unchanged); a band makes a false call when a run it calls converged at the budget T (10000 at CI scale, 40000 at full scale; the pilot runs read truncated at T), not grokked by then, groks later or moves its mean test accuracy over 20 evaluations by more than 0.1 by step 80000; the band registered is the largest with no false call at either T. No pilot run grokked, and none moved by more than 0.05 between step 10000 and step 80000 (fraction 0.5: 0.52, 0.46, 0.57, 0.55 at 10000; 0.53, 0.50, 0.57, 0.57 at 80000), while their ranges over 20 evaluations were 0.010–0.048: no band made a false call, so the rule gives 0.08, the top of its list. That pilot could not tell the candidates apart (no run moved), which is itself the finding: past 10000 steps these runs sit still in between. Limits, from a referee\'s reading the same day: with no event in the pilot (12 runs) the rule could only return the top of its list, and bounds the rate of late movers below about 25%; 0.08 happens to be the smallest listed band that passes every CI-scale run (their largest range over 20 evaluations is 0.070), while at full scale any band ≥ 0.06 gives the same reading (largest 0.052); a flat plateau before a late grok passes any band. And the registered runs contradict the band at CI scale: their 40000-step continuations (the full-scale runs, identical up to step 10000) show 8 of the 10 runs at fraction 0.5 still rising after step 10000, two by more than 0.1 (false calls by the pilot\'s own definition), so at CI scale "converged" is not true of them; at full scale the pilot runs moved by at most 0.025 between steps 40000 and 80000. With the band every run passes the precondition at both scales; P3 stays inconclusive, now because this regime has no positive control (a failed prediction cannot refute), not for censoring. The sentence above that re-registering "would turn P3 refuted" was wrong for that reason. Later the same day, on the same referee\'s reading, the effect of prediction (2) changed, not its test: it was the sample dip with a percentile bootstrap interval, which excluded its own estimate (0.0786 [0.0885, 0.152] at CI scale) and whose lower limit sat above 0.08 for most unimodal samples of 10; it is now the population dip with the lower confidence bound that inverts the dip test over mixtures of known dip (src/stats/dip.ts, dipCI; shown as [L, 0.25]), which reads 0 [0, 0.25] and agrees with the Holm-adjusted support p (1.0). A second referee\'s simulation the same day found the threshold reference (blocks of width 0.1) too lenient for tied values (false support 8.5% for two point masses whose dip is 0.08), so the test now takes the larger p over blocks and point masses; P3\'s p stays 1. The verdict is unchanged. A pilot toward a positive control (2026-11-24, observations only, nothing registered): D1\'s x² MLP (width 128, a+b mod 47, AdamW lr 1e-3, wd 1, the square activation of the paper\'s network class, trained rather than sampled at equilibrium), seeds 100–101, 20000 steps: t_grok 1300–1450 at fraction 0.5, 2650–2900 at 0.4, 4750–5000 at 0.35, 9100–11650 at 0.3; at 0.25 test accuracy 0.92 and 0.79 at the budget, still rising; at 0.2, 0.13 and 0.09, rising. The two seeds agree at every fraction: the grokking time grows smoothly as the fraction falls (a kinetic slowdown), with no split across seeds, so a fixed budget would again cut runs off mid-rise. A regime that decides P3 needs the paper\'s equilibrium sampling (as P1 has for the teacher–student model), not a longer budget.',
  predictions: [
    trend({ name: 'final test accuracy rises steeply with the training fraction', arms: ['fraction 0.4', 'fraction 0.5', 'fraction 0.6'], doses: [0.4, 0.5, 0.6], dose: 'training fraction', metric: finalAcc, direction: 'increasing' }),
    bimodal({ name: 'a mixed phase across seeds at fraction 0.5', arm: 'fraction 0.5', metric: finalAcc, minDip: 0.08 }),
    fewBetween,
  ],
  recorded: 'inconclusive',
});
