import { compare, hypothesis, metrics, proportion, trend } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/**
 * S3 — L2 "supercooling". Pre-registered 2026-11-22. Two-seed pilots (seeds 0–1) chose the optimizer and
 * the λ range: Adam with coupled L2 memorizes only for λ ≤ ~1e-4·3 at this scale (λ ≥ 1e-3 stops learning).
 */
const p = 47;
/** λ of the arm whose generalizing state is compared with the memorizing one. */
const lambda = 1e-4;
/** F_λ(θ) = L_train(θ) + (λ/2)‖θ‖² at the run's last evaluation (coupled decay λ is the gradient of (λ/2)‖θ‖²). */
const F = metrics.custom(`F_λ=${lambda} at the end`, (t: Trajectory) => {
  const e = t.evals.at(-1)!;
  return e.trainLoss + (lambda / 2) * e.weightNorm ** 2;
}, true);

export default hypothesis({
  id: 'S3',
  title: 'L2 "supercooling": with λ > 0 generalization is the global minimum of F, memorization metastable',
  quote: 'Using the effective free energy framework F(θ) = L_train(θ) + λ‖θ‖², analytically demonstrate that the λ‖θ‖² term acts exactly as thermodynamic "supercooling". Prove that this penalty tilts the energy landscape, making the low-norm crystalline phase (generalization) the global minimum while reducing the high-norm glassy phase (memorization) to a metastable state.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #3, Objective 3 (Thermodynamics of L2)', paper: 'Liu et al. (2022), arXiv 2205.10343; Nanda et al. (2023), arXiv 2301.05217' },
  topic: 'Weight decay',
  regime: `F is taken literally: the optimizer is Adam with *coupled* L2 (PyTorch's Adam weight_decay = λ adds λθ to the gradient, the gradient of (λ/2)‖θ‖²; the factor ½ only rescales λ), so F_λ = L + (λ/2)‖θ‖² is exactly the function whose stationary points training seeks — AdamW's decoupled decay would not minimize any such F. Model and task as in D1 (x² MLP, width 128, a+b mod ${p}, half the pairs, full batch, lr 1e-3, β=(0.9, 0.98); hypotheses/shared.ts). Arms λ ∈ {0, 3e-5, 1e-4, 3e-4}. The claim makes three testable predictions: (1) with λ = 0 memorization is stable, with λ > 0 it is left (grokking within the budget happens more often at λ = ${lambda} than at λ = 0); (2) the tilt: the state reached with λ = ${lambda} (generalizing) has lower F_λ than the state reached from the same seed without the penalty (the memorizing phase), both evaluated with the same λ = ${lambda}; (3) a stronger tilt empties the metastable state faster: t_grok falls as λ grows over λ > 0. Runs stop once test accuracy has held 0.99 for 5 evaluations, so a generalizing state is measured just after it forms.`,
  base: QUADRATIC_ADD_47.with({ optimizer: { name: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.98 }, steps: 3000 }),
  arms: {
    'λ=0': { optimizer: { wd: 0 } },
    'λ=3e-5': { optimizer: { wd: 3e-5 } },
    'λ=1e-4': { optimizer: { wd: 1e-4 } },
    'λ=3e-4': { optimizer: { wd: 3e-4 } },
  },
  deviations: 'Issue 13 (2026-11-23), before re-deciding: the trend prediction\'s threshold was a Kendall-type τ ≥ 0.3 with a bootstrap CI; τ has no distribution-free null away from 0, so it cannot be tested against its threshold in both directions. The trend is now a Sen slope (log t_grok per log λ) tested against 0 by Jonckheere–Terpstra each way: support needs a significant monotone trend in the claimed direction, refutation a significant trend the other way.',
  predictions: [
    proportion({ name: 'memorization is left only with λ > 0', arms: ['λ=1e-4', 'λ=0'], event: 'grokked within the budget', happened: (t) => t.tGrok !== null, direction: 'greater', minDifference: 0.5 }),
    compare({ name: 'the generalizing state lies lower in F_λ', arms: ['λ=1e-4', 'λ=0'], metric: F, direction: 'less', effect: 'ratio', minEffect: 0.9, paired: true }),
    trend({ name: 'a stronger tilt groks sooner', arms: ['λ=3e-5', 'λ=1e-4', 'λ=3e-4'], doses: [3e-5, 1e-4, 3e-4], dose: 'λ', logDose: true, metric: metrics.tGrok, direction: 'decreasing' }),
  ],
  recorded: 'supported',
});
