import { compare, hypothesis, metrics, preconditions } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { WLMD_CI, WLMD_CI_SAMPLER, WLMD_WIDE_SAMPLER, equilibriumControl, wlmdArms, wlmdGates } from './glass.ts';

/** G2 — equilibrium (sampled) states generalize better than trained ones at equal training loss. Pre-registered 2026-11-23; re-registered 2026-11-24 and 2026-11-25 (issue 16: see deviations). */
const E_STAR = 0.05;
/** Test accuracy at training loss E*: the mean A under S(E*, ·) in E*'s loss bin ([0, 0.1)), or a trained run's at its first evaluation with loss ≤ E*. */
const qAtEStar = metrics.custom(`test accuracy at training loss ${E_STAR}`, (t: Trajectory) => {
  if (t.evals.length > 0 && 'wl:lnG' in t.evals[0]) { // a sampler's trajectory (an optional key is tested with `in`: reading an unrecorded key is an error)
    const bin = t.evals.find((e) => Math.abs(e.trainLoss - E_STAR) < 0.05 + 1e-9);
    return bin && bin['wl:samples'] >= 50 ? bin.testAcc : NaN;
  }
  return t.evals.find((e) => e.trainLoss <= E_STAR)?.testAcc ?? NaN;
});
const predictions = [
  compare({ name: 'sampled states generalize better at equal training loss', arms: ['from memorizing', 'trained'], metric: qAtEStar, direction: 'greater', effect: 'difference', minEffect: 0.05, paired: true }),
];
const trained = { trained: { steps: 2000, evalEvery: 5 } };
/** The quote compares with networks trained "under grokking": a trained arm that never generalizes compares with memorization. Added 2026-11-25 (see deviations). */
const trainedGroks = preconditions.grokked({ arms: ['trained'] });

export default hypothesis({
  id: 'G2',
  title: 'equilibrium states generalize better than trained ones at equal training loss',
  quote: 'They observe a significant high-entropy advantage under grokking, with equilibrium states exhibiting much better generalization than classically trained networks',
  source: { seed: '001_ecb3d587c66818f5.txt', section: 'Executive Summary; Key Results', paper: 'arXiv 2505.11411' },
  topic: 'Glass relaxation',
  regimeName: 'WLMD driven by the test loss, a+b mod 5, 8 x² units (CI)',
  regime: `G1's walks (shared runs: Wang–Landau molecular dynamics biased over the training loss and ln(1 + test loss), S(L_train, A_test) read from the accuracy within each bin, a+b mod 5, 8 x² units, from a memorizing and a generalizing start, seeds 8–15; see G1 for the sampler, its tests and the pilots). Sampled: the mean test accuracy under S(E*, ·) in the loss bin of E* = ${E_STAR} (losses [0, 0.1)), from the walk started memorizing — the microcanonical ("equilibrium") generalization at that loss. CAVEAT: the walks see only states with test loss below the window (8 here, 20 at full scale), and the reading moves with it; G1's precondition that the window holds the landscape applies here too. The claim (universal) is supported only where every regime supports it. Trained: AdamW (lr 1e-2, wd 1, β₂ 0.98, full batch) from the same seed's init, its test accuracy at the first evaluation (every 5 steps) with training loss ≤ E*. Prediction: sampled states are at least 0.05 more accurate on the test pairs than trained ones, paired by seed. A bin with fewer than 50 steps counts as not reached (excluded, reported). Preconditions: G1's — both walks converged (ln f ≤ 1e-3), mixed (each visited both basins and they agree on ln P(basin | L) within 1 nat and on P(A ≥ ½ | L) within 0.1), and the window holds the landscape; an equilibrium average from walks that did not mix is the average over the basin they started in, not over the landscape. And the trained arm groks: the quote compares with networks trained under grokking, and a comparator that never generalizes compares with memorization. Positive control: the same pipeline (driven walks) reads P(A ≥ ½ | E) on a planted flat landscape where the basins hold equal weight (> 0.4 required). The pilots (seeds 0, 1 and 100) read most of S(E*, ·)'s weight at A ≥ ½; the trained arm was not piloted.`,
  deviations: 'Issue 16 (2026-11-25, later), on an independent referee\'s reading of the first driven runs: G1\'s new preconditions (the window holds the landscape; mixing also within 0.1 in P) apply here; and the trained arm must grok — in the first driven runs it never did (its best test accuracy in 2000 steps was 0.14–0.43, and at training loss ≤ 0.05 its median test accuracy was 0, below chance, 1/5), so the 0.52 and 0.39 differences compared sampled states with memorizing networks, not with networks trained under grokking, as the quote does. Both changes can only make the verdict less decided. Earlier on 2026-11-25: G1\'s walks are now driven by the test loss, with a closed test-loss window (8 at CI scale, 20 at full scale), fresh seeds 8–15 and driven planted controls (see G1); the full-scale regime on a+b mod 11 is withdrawn (it does not fit driven; see G1). 2026-11-24: sampled with Wang–Landau molecular dynamics over the 2-D density of states, from two starts, with the mixing precondition and a planted control; E* moved from 0.1 to 0.05, the centre of the lowest loss bin of the new window. Earlier: issue 13 (2026-11-23) added the convergence precondition; 2026-11-23 the network moved to G1\'s.',
  base: WLMD_CI,
  arms: { ...wlmdArms(WLMD_CI_SAMPLER, { fitAll: 2000 }), ...trained },
  firstSeed: 8,
  full: { base: {}, seeds: 8 },
  controls: [equilibriumControl],
  preconditions: [...wlmdGates(WLMD_CI_SAMPLER.lnfFinal, 8), trainedGroks],
  predictions,
  regimes: [{
    name: 'WLMD driven, test loss < 20 (full scale)', fullScaleOnly: true,
    regime: "G1's full-scale walks (the CI network and starts, the test-loss window widened to 20, up to 6,000,000 steps per walk) against the same trained runs; same reading, control and preconditions.",
    base: WLMD_CI,
    arms: { ...wlmdArms(WLMD_WIDE_SAMPLER, { fitAll: 2000 }), ...trained },
    controls: [equilibriumControl],
    preconditions: [...wlmdGates(WLMD_WIDE_SAMPLER.lnfFinal, 8), trainedGroks],
  }],
  recorded: 'inconclusive',
});
