import { control, hypothesis, metrics, proportion, trend } from '../src/index.ts';
import { NO_DECAY_47, NO_DECAY_47_STEPS } from './coordination.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/**
 * S3 — L2 "supercooling". Pre-registered 2026-11-22; the F_λ prediction removed and a positive control added 2026-11-24 (deviations). Two-seed pilots (seeds 0–1) chose the optimizer and
 * the λ range: Adam with coupled L2 memorizes only for λ ≤ ~1e-4·3 at this scale (λ ≥ 1e-3 stops learning).
 */
const p = 47;
/** λ of the arm whose rate of leaving memorization is compared with λ = 0. */
const lambda = 1e-4;
/** The positive control's arms: D1's runs (AdamW, decoupled decay 1) and the same network without decay (E1's negative control). */
const DECAY = 'AdamW wd=1 (D1)', NO_DECAY = 'AdamW, no decay';

export default hypothesis({
  id: 'S3',
  title: 'L2 "supercooling": with λ > 0 generalization is the global minimum of F, memorization metastable',
  quote: 'Using the effective free energy framework F(θ) = L_train(θ) + λ‖θ‖², analytically demonstrate that the λ‖θ‖² term acts exactly as thermodynamic "supercooling". Prove that this penalty tilts the energy landscape, making the low-norm crystalline phase (generalization) the global minimum while reducing the high-norm glassy phase (memorization) to a metastable state.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #3, Objective 3 (Thermodynamics of L2)', paper: 'Liu et al. (2022), arXiv 2205.10343; Nanda et al. (2023), arXiv 2301.05217' },
  topic: 'Weight decay',
  regime: `F is taken literally: the optimizer is Adam with *coupled* L2 (PyTorch's Adam weight_decay = λ adds λθ to the gradient, the gradient of (λ/2)‖θ‖²; the factor ½ only rescales λ), so F_λ = L + (λ/2)‖θ‖² is exactly the function whose stationary points training seeks — AdamW's decoupled decay would not minimize any such F. Model and task as in D1 (x² MLP, width 128, a+b mod ${p}, half the pairs, full batch, lr 1e-3, β=(0.9, 0.98); hypotheses/shared.ts). Arms λ ∈ {0, 3e-5, 1e-4, 3e-4}. The claim makes two testable predictions: (1) with λ = 0 memorization is stable, with λ > 0 it is left (grokking within the budget happens more often at λ = ${lambda} than at λ = 0); (2) a stronger tilt empties the metastable state faster: t_grok falls as λ grows over λ > 0. Not tested: that the generalizing state is the *global* minimum of F_λ (no method here finds the global minimum of a network's loss). Positive control (the effect where it is known to exist): decay is what takes this network out of memorization — D1's runs (AdamW, decoupled decay 1; Nanda et al. 2023, arXiv 2301.05217; Power et al. 2022, arXiv 2201.02177, found weight decay the intervention that helped generalization most) grok within ${NO_DECAY_47_STEPS} steps in at least 50 points more of the runs than the same network, split and init without decay (E1's negative-control arm, ${NO_DECAY_47_STEPS} steps; a pilot without decay, seed 0, memorized at step 290 and stood at test accuracy 0.44 after 8000 steps). Runs stop once test accuracy has held 0.99 for 5 evaluations, so a generalizing state is measured just after it forms.`,
  base: QUADRATIC_ADD_47.with({ optimizer: { name: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.98 }, steps: 3000 }),
  arms: {
    'λ=0': { optimizer: { wd: 0 } },
    'λ=3e-5': { optimizer: { wd: 3e-5 } },
    'λ=1e-4': { optimizer: { wd: 1e-4 } },
    'λ=3e-4': { optimizer: { wd: 3e-4 } },
    [DECAY]: { optimizer: { name: 'adamw', wd: 1 }, steps: QUADRATIC_ADD_47.config.steps },
    [NO_DECAY]: NO_DECAY_47,
  },
  controls: [
    control({
      name: 'decay takes the network out of memorization where that is known (AdamW wd 1 vs no decay)',
      expected: { value: 'grokking with weight decay, none without it within the budget', cite: 'Nanda et al. (2023), arXiv 2301.05217; Power et al. (2022), arXiv 2201.02177' },
      prediction: proportion({ name: `decay groks within ${NO_DECAY_47_STEPS} steps, no decay does not`, arms: [DECAY, NO_DECAY], event: `grokked within ${NO_DECAY_47_STEPS} steps`, happened: (t) => t.tGrok !== null && t.tGrok <= NO_DECAY_47_STEPS, direction: 'greater', minDifference: 0.5 }),
    }),
  ],
  deviations: 'Issue 13 (2026-11-23), before re-deciding: the trend prediction\'s threshold was a Kendall-type τ ≥ 0.3 with a bootstrap CI; τ has no distribution-free null away from 0, so it cannot be tested against its threshold in both directions. The trend is now a Sen slope (log t_grok per log λ) tested against 0 by Jonckheere–Terpstra each way: support needs a significant monotone trend in the claimed direction, refutation a significant trend the other way. 2026-11-24 (issue 13, the referee\'s second read): the prediction "the generalizing state lies lower in F_λ" (F_λ = L + (λ/2)‖θ‖² at the end of the λ = 1e-4 run vs at the end of the λ = 0 run, both at λ = 1e-4) is removed: it could not fail. The λ = 1e-4 run descends F_λ itself, while the λ = 0 run never feels the penalty, so its norm grows unchecked and its F_λ is larger by construction whatever the landscape. A state that descends a function lies lower in it than one that ignores it; that says nothing about which basin is the global minimum. The positive control (decay vs no decay, D1\'s network) was added; its decay arm is D1\'s runs and its no-decay arm E1\'s, so it trains 8 runs of 2000 steps shared with E1.',
  predictions: [
    proportion({ name: 'memorization is left only with λ > 0', arms: ['λ=1e-4', 'λ=0'], event: 'grokked within the budget', happened: (t) => t.tGrok !== null, direction: 'greater', minDifference: 0.5 }),
    trend({ name: 'a stronger tilt groks sooner', arms: ['λ=3e-5', 'λ=1e-4', 'λ=3e-4'], doses: [3e-5, 1e-4, 3e-4], dose: 'λ', logDose: true, metric: metrics.tGrok, direction: 'decreasing' }),
  ],
  recorded: 'supported',
});
