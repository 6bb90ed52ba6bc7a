import { compare, hypothesis, metrics, tune } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { DEEP_RELU_ADD_31 } from './shared.ts';

/** M2 — Muon controls the parameter norm during memorization. Pre-registered 2026-11-22. */
const growth = metrics.custom('‖W2‖ at t_mem / ‖W2‖ at init', (t: Trajectory) => {
  const atMem = t.tMem === null ? undefined : t.evals.find((e) => e.step === t.tMem);
  return atMem ? atMem['weightNorm:W2'] / t.evals[0]['weightNorm:W2'] : NaN;
}, true);

const base = { ...DEEP_RELU_ADD_31, optimizer: { ...DEEP_RELU_ADD_31.optimizer, wd: 0 }, steps: 600, probes: ['weightNorm'] };
/** Fair baselines (added 2026-11-23, see deviations): each optimizer's step size tuned for the fastest memorization. */
const adamw = await tune({ name: 'AdamW lr', base: { ...base, probes: [] }, grid: [1e-3, 3e-3, 1e-2], set: (lr) => ({ optimizer: { lr } }), objective: metrics.tMem });
const muon = await tune({
  name: "Muon's lr on W2 (the rest on AdamW at AdamW's tuned lr)", base: { ...base, probes: [] }, grid: [0.01, 0.02, 0.05],
  set: (muonLr) => ({ optimizer: { name: 'muon', lr: adamw.best, extra: { muonLr } } }), objective: metrics.tMem,
});

export default hypothesis({
  id: 'M2',
  title: 'Muon keeps the parameter norm from inflating during memorization',
  quote: 'Prove that because the update matrix UVᵀ has a unit operator norm, it acts as a strict implicit norm controller, preventing the parameter norm from inflating during the memorization phase.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #2, Objective 2 (Implicit Norm Control Proof)', paper: 'Jordan et al. (2024); Bernstein & Newhouse (2024), arXiv 2409.20325' },
  topic: 'Muon',
  regime: `"Implicit" norm control is tested without weight decay (wd = 0 in both arms), so only the update's geometry can hold the norm. Muon acts on the hidden matrix W2 (128 × 128) of a two-hidden-layer ReLU MLP on a+b mod 31 (60% of the pairs); the metric is the growth of ‖W2‖_F from initialization to t_mem (train accuracy ≥ 99%), Muon vs AdamW on the same seeds (paired). Learning rates were first each optimizer's usual default (AdamW 3e-3, Muon 0.02), and are now tuned per arm (see deviations). Budget 600 steps, enough to memorize in both arms in the pilots.`,
  deviations: `2026-11-23, after the first recorded verdict (supported, ratio 0.75 [0.75, 0.75] with AdamW lr 3e-3 and Muon 0.02 untuned): the learning rates are now tuned per arm on the grids below (seeds 100–101, the same 600-step budget, minimizing the median t_mem), following issue 9's fair-baseline rule; the metric, test and threshold are unchanged. ${adamw.text} ${muon.text}`,
  base,
  arms: {
    muon: { optimizer: { name: 'muon', lr: adamw.best, extra: { muonLr: muon.best } } },
    adamw: { optimizer: { lr: adamw.best } },
  },
  tuning: [adamw, muon],
  seeds: 8,
  predictions: [
    compare({ name: 'W2 grows at least 10% less under Muon', arms: ['muon', 'adamw'], metric: growth, direction: 'less', effect: 'ratio', minEffect: 0.9, paired: true }),
  ],
  recorded: 'supported',
});
