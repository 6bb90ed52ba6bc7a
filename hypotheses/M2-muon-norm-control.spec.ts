import { compare, hypothesis, metrics } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { DEEP_RELU_ADD_31 } from './shared.ts';

/** M2 — Muon controls the parameter norm during memorization. Pre-registered 2026-11-22. */
const growth = metrics.custom('‖W2‖ at t_mem / ‖W2‖ at init', (t: Trajectory) => {
  const atMem = t.tMem === null ? undefined : t.evals.find((e) => e.step === t.tMem);
  return atMem ? atMem['weightNorm:W2'] / t.evals[0]['weightNorm:W2'] : NaN;
}, true);

export default hypothesis({
  id: 'M2',
  title: 'Muon keeps the parameter norm from inflating during memorization',
  quote: 'Prove that because the update matrix UVᵀ has a unit operator norm, it acts as a strict implicit norm controller, preventing the parameter norm from inflating during the memorization phase.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #2, Objective 2 (Implicit Norm Control Proof)', paper: 'Jordan et al. (2024); Bernstein & Newhouse (2024), arXiv 2409.20325' },
  topic: 'Muon',
  regime: `"Implicit" norm control is tested without weight decay (wd = 0 in both arms), so only the update's geometry can hold the norm. Muon acts on the hidden matrix W2 (128 × 128) of a two-hidden-layer ReLU MLP on a+b mod 31 (60% of the pairs); the metric is the growth of ‖W2‖_F from initialization to t_mem (train accuracy ≥ 99%), Muon vs AdamW on the same seeds (paired). Learning rates are each optimizer's usual default for this size, not tuned: AdamW 3e-3 (the grokking setting of the pilots) and Muon 0.02 (Jordan et al.'s default; the rest of the network on AdamW 3e-3). Their per-step sizes differ: a Muon step moves W2 by about 0.02 in spectral norm (≈ 0.23 in Frobenius), an AdamW step by about 3e-3 per entry (≈ 0.38 in Frobenius), so the comparison does not favour Muon by taking smaller steps. Budget 600 steps, enough to memorize in both arms in the pilots.`,
  base: { ...DEEP_RELU_ADD_31, optimizer: { ...DEEP_RELU_ADD_31.optimizer, wd: 0 }, steps: 600, probes: ['weightNorm'] },
  arms: {
    muon: { optimizer: { name: 'muon' } },
    adamw: {},
  },
  seeds: 8,
  predictions: [
    compare({ name: 'W2 grows at least 10% less under Muon', arms: ['muon', 'adamw'], metric: growth, direction: 'less', effect: 'ratio', minEffect: 0.9, paired: true }),
  ],
  recorded: 'supported',
});
