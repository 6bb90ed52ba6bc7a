import { compare, hypothesis, metrics } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { DEEP_RELU_ADD_31 } from './shared.ts';

/** M4 — weights held on the Stiefel manifold remove the memorization basin. Pre-registered 2026-11-22. */
const gap = metrics.custom('largest train − test accuracy gap', (t: Trajectory) => Math.max(...t.evals.map((e) => e.trainAcc - e.testAcc)));

export default hypothesis({
  id: 'M4',
  title: 'weights held near the Stiefel manifold remove the memorization basin',
  quote: 'Demonstrate analytically that constraining the weights near the Stiefel manifold explicitly removes the high-norm, high-entropy "memorization basin" from the effective free energy landscape.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #2, Objective 3 (Stiefel Manifold Constraint)', paper: 'Jordan et al. (2024); Bernstein & Newhouse (2024), arXiv 2409.20325' },
  topic: 'Muon',
  regime: `The constraint is applied exactly rather than "near": after every AdamW step the hidden matrix W2 (128 × 128) of a two-hidden-layer ReLU MLP on a+b mod 31 (60% of the pairs; AdamW lr 3e-3, wd 1, the setting whose pilots grokked after a long plateau) is replaced by its polar factor (all singular values 1: the Stiefel manifold, src/optim/stiefelRetraction.ts). The embedding and the head stay free: the claim concerns the hidden weights Muon acts on. If the memorization basin is gone, the network should not sit at 100% train and low test accuracy: (1) the largest gap between train and test accuracy over the run is at least 0.2 smaller with the constraint (paired, difference of medians). Budget 1000 steps.`,
  deviations: 'Changed after the first run, for runtime only: the first protocol ran 3000 steps (runs stopping once test accuracy held 0.95 for 2 evaluations) and had a second prediction, "generalization ≥ 1.5× sooner". That run took 719 s of training (over this claim\'s share of the suite) and refuted both: the memorization gap was the same in both arms (difference 0 [0, 0]; both memorize by step 75–150 with test accuracy near chance), and with the constraint no seed generalized within 3000 steps (final test accuracy 0.33–0.49) while all 8 free seeds did (t_grok 1700–2875). The budget is now 1000 steps and only prediction 1 remains; the polar retraction was also made cheaper (it had run its iteration cap every step).',
  base: DEEP_RELU_ADD_31.with({ steps: 1000 }),
  arms: {
    stiefel: { optimizer: { extra: { stiefel: 'hidden' } } },
    free: {},
  },
  predictions: [
    compare({ name: 'a smaller memorization gap', arms: ['stiefel', 'free'], metric: gap, direction: 'less', effect: 'difference', minEffect: -0.2, paired: true }),
  ],
  recorded: 'refuted',
});
