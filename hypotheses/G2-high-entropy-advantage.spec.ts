import { compare, hypothesis, metrics } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { SMALL_ADD_11, WL_SAMPLER } from './shared.ts';
import { samplerConverged } from './preconditions.ts';

/** G2 — equilibrium (sampled) states generalize better than trained ones at equal training loss. Pre-registered 2026-11-23 (second version: see deviations). */
const E_STAR = 0.1;
/** Test accuracy at training loss E*: the mean over sampled states in E*'s energy bin, or a trained run's when its loss first reaches E*. */
const qAtEStar = metrics.custom(`test accuracy at training loss ${E_STAR}`, (t: Trajectory) => {
  if (t.evals.length > 0 && 'wl:lnG' in t.evals[0]) { // a sampler's trajectory (an optional key is tested with `in`: reading an unrecorded key is an error)
    const bin = t.evals.find((e) => Math.abs(e.trainLoss - E_STAR) < 0.1 + 1e-9);
    return bin && bin['wl:samples'] >= 50 ? bin.testAcc : NaN;
  }
  return t.evals.find((e) => e.trainLoss <= E_STAR)?.testAcc ?? NaN;
});

export default hypothesis({
  id: 'G2',
  title: 'equilibrium states generalize better than trained ones at equal training loss',
  quote: 'They observe a significant high-entropy advantage under grokking, with equilibrium states exhibiting much better generalization than classically trained networks',
  source: { seed: '001_ecb3d587c66818f5.txt', section: 'Executive Summary; Key Results', paper: 'arXiv 2505.11411' },
  topic: 'Glass relaxation',
  regime: `G1's network (a+b mod 11, 32 x² units) two ways. Sampled: G1's Wang–Landau runs (shared); the mean test accuracy of the states in the energy bin around training loss E* = ${E_STAR} (losses 0–0.2) is the microcanonical ("equilibrium") generalization at that loss. Trained: AdamW (lr 1e-2, wd 1, β₂ 0.98, full batch) from the same seed's init, its test accuracy at the first evaluation (every 5 steps) whose training loss is ≤ E*. Prediction: sampled states are at least 0.05 more accurate on the test pairs than trained ones, paired by seed. A bin with fewer than 50 sampled states counts as not reached (excluded, reported).`,
  deviations: 'Issue 13 (2026-11-23), after the first verdict: added the precondition above (the Wang–Landau walk converged); unmet, the verdict is inconclusive rather than refuted. Tests unchanged. Changed 2026-11-23 with G1 (see G1): the first version sampled a network (a+b mod 7) that neither training nor sampling made generalize, at E* = 1.0, which the walk never reached. This version uses G1\'s network and window, with E* inside it.',
  base: SMALL_ADD_11,
  arms: {
    sampled: { sampler: WL_SAMPLER },
    trained: { steps: 2000, evalEvery: 5 },
  },
  preconditions: [samplerConverged('sampled')],
  predictions: [
    compare({ name: 'sampled states generalize better at equal training loss', arms: ['sampled', 'trained'], metric: qAtEStar, direction: 'greater', effect: 'difference', minEffect: 0.05, paired: true }),
  ],
  recorded: 'inconclusive',
});
