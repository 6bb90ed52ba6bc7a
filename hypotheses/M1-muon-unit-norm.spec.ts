import { hypothesis, median, metrics, oneSample } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { DEEP_RELU_ADD_31 } from './shared.ts';

/** M1 — Muon's update has unit operator norm. Pre-registered 2026-11-22. */
/** Over the run's evaluations: the median of the larger of |σ_max − 1| and |σ_min − 1| of Muon's orthogonalized W2 gradient. */
const deviation = metrics.custom('max |σ − 1| of the update (median over the run)', (t: Trajectory) =>
  median(t.evals.map((e) => Math.max(Math.abs(e['muonUpdate:W2:max'] - 1), Math.abs(e['muonUpdate:W2:min'] - 1)))));

/** The operator norm alone: the median over evaluations of |σ_max − 1|. */
const operatorNorm = metrics.custom('|σ_max − 1| of the update (median over the run)', (t: Trajectory) =>
  median(t.evals.map((e) => Math.abs(e['muonUpdate:W2:max'] - 1))));

export default hypothesis({
  id: 'M1',
  title: "Muon's update UVᵀ has unit operator norm",
  quote: 'Prove that because the update matrix UVᵀ has a unit operator norm, it acts as a strict implicit norm controller, preventing the parameter norm from inflating during the memorization phase.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #2, Objective 2 (Implicit Norm Control Proof)', paper: 'Jordan et al. (2024), "Muon: an optimizer for hidden layers in neural networks"' },
  topic: 'Muon',
  regime: `For the exact polar factor UVᵀ the statement holds by definition (src/engine/linalg.test.ts checks grokcheck's polar factor against an SVD). What Muon applies is not UVᵀ but five steps of the quintic Newton–Schulz iteration with coefficients (3.4445, −4.7750, 2.0315); a property test over random matrices (src/engine/linalg.test.ts) finds its singular values in [0.68, 1.21] whenever G is not nearly rank-deficient (σ_min ≥ 0.003‖G‖_F). This hypothesis asks whether, on the gradients of a real grokking run, the update is unit-norm to the precision "strict" norm control needs, pre-registered as every singular value within 5% of 1. Setting: a two-hidden-layer ReLU MLP on a+b mod 31 (60% of the pairs) trained with the muon recipe (Muon on W2, 128 × 128, the only hidden matrix; AdamW elsewhere), lr 3e-3 / muonLr 0.02, wd 1, through memorization (400 steps); the muonUpdate probe orthogonalizes the current W2 gradient at every evaluation.`,
  base: DEEP_RELU_ADD_31.with({ optimizer: { name: 'muon' }, steps: 400, probes: ['muonUpdate'] }),
  arms: { muon: {} },
  deviations: 'Prediction 2 was added after the first run, which had only prediction 1 (from the measure in CLAIMS.md: every singular value within 5% of 1) and refuted it because the smallest singular values of the (nearly low-rank) gradients stay far below 1. The seed speaks of the operator norm, the largest singular value, so prediction 2 tests that reading with the same 5% tolerance. Prediction 1 is unchanged and still decides the verdict with it (a conjunction).',
  predictions: [
    oneSample({ name: 'every singular value of the update within 5% of 1', arm: 'muon', metric: deviation, lessThan: 0.05 }),
    oneSample({ name: 'the operator norm (largest singular value) within 5% of 1', arm: 'muon', metric: operatorNorm, lessThan: 0.05 }),
  ],
  recorded: 'refuted',
});
