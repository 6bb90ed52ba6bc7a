import { compare, hypothesis, metrics } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { TINY_ADD_7, WL_SAMPLER } from './shared.ts';

/** G2 — equilibrium (sampled) states generalize better than trained ones at equal training loss. Pre-registered 2026-11-23. */
const E_STAR = 1.0;
/** Test accuracy at training loss E*: the mean over sampled states in E*'s energy bin, or a trained run's when its loss first reaches E*. */
const qAtEStar = metrics.custom(`test accuracy at training loss ${E_STAR}`, (t: Trajectory) => {
  if (t.evals[0]?.['wl:lnG'] !== undefined) {
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
  regime: `G1's network (a+b mod 7, 12 ReLU units) two ways. Sampled: G1's Wang–Landau runs (shared); the mean test accuracy of the states in the energy bin around training loss E* = ${E_STAR} is the microcanonical ("equilibrium") generalization at that loss. Trained: AdamW (lr 3e-3, wd 1, β₂ 0.98, full batch) from the same seed's init, its test accuracy at the first evaluation (every 5 steps) whose training loss is ≤ E*. E* = ${E_STAR} was fixed before the runs as an energy a 10⁶-move walk reaches in pilots (it reached 0.9 in 3·10⁵ moves). Prediction: sampled states are at least 0.05 more accurate on the test pairs than trained ones, paired by seed. A bin with fewer than 50 sampled states counts as not reached (excluded, reported).`,
  base: TINY_ADD_7,
  arms: {
    sampled: { sampler: WL_SAMPLER },
    trained: { optimizer: { name: 'adamw', lr: 3e-3, wd: 1, beta2: 0.98 }, steps: 2000, evalEvery: 5 },
  },
  seeds: 8,
  predictions: [
    compare({ name: 'sampled states generalize better at equal training loss', arms: ['sampled', 'trained'], metric: qAtEStar, direction: 'greater', effect: 'difference', minEffect: 0.05, paired: true }),
  ],
  recorded: 'refuted',
});
