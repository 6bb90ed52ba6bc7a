import { hypothesis, metrics, oneSample } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/**
 * D1 — the grokking delay. Pre-registered 2026-11-22, before the runs below were trained at this scale;
 * two-seed pilots (seeds 0–1) were used only to choose the budget so that the long-plateau arm groks in it.
 */
const p = 47;

export default hypothesis({
  id: 'D1',
  title: 'grokking delay: t_grok orders of magnitude after t_mem',
  quote: 'Phenomenologically, the network achieves 100% training accuracy at t_mem but test accuracy remains at random chance until a much later time t_grok. … prove t_grok must strictly be orders of magnitude larger than t_mem under standard gradient noise.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #1 (Description; Objective 3)', paper: 'Power et al. (2022), arXiv 2201.02177' },
  topic: 'Delay',
  regime: `The canonical MLP grokking setting (Gromov 2023, arXiv 2301.02679; Liu et al. 2022): a one-hidden-layer MLP with x² activation on a+b mod ${p}, half the pairs for training, full batch, AdamW lr 1e-3, β=(0.9, 0.98) as in Nanda et al. (2023). Two arms: weight decay 1 (the recipe of Power et al. and Nanda et al.) and 0.3, because a weaker decay lengthens the plateau and so gives the claim its best case. p = ${p} instead of 97 or 113 keeps a run to seconds on 2 cores; the four phases are all visible at this size. What is tested instead of the paper's setting: an MLP, not Power et al.'s transformer, at a smaller modulus. "Orders of magnitude" is read in its weakest form, one order (×10); "at chance" as test accuracy below 1/p + 0.05. A run that never groks within the budget enters as censored (its delay is at least budget/t_mem), never dropped.`,
  base: QUADRATIC_ADD_47,
  arms: {
    'wd=1': { optimizer: { wd: 1 } },
    'wd=0.3': { optimizer: { wd: 0.3 } },
  },
  deviations: 'None to the test. Added after recording (2026-11-22): the weightNorm, gradNorm and fourier probes, so that S1, S2, D2, E1 and E11 share these runs; probes only read the model, so the trajectories and the verdict are unchanged. Exploratory, not part of this test: pilots for the Muon claims found a two-hidden-layer ReLU MLP (p = 31, train fraction 0.6, AdamW lr 3e-3, wd 1) with t_grok/t_mem ≈ 30 on two seeds, so the delay depends on the regime; the refutation stands for the pre-registered one-hidden-layer x² setting only, and a follow-up should pre-register the deeper ReLU arm.',
  checkpoints: { seeds: [0] },
  // --scale full: p = 97 as in Power et al. (2022), a longer budget, 32 seeds per arm (for a cluster; not run in CI)
  full: { base: { task: { p: 97 }, steps: 24000 }, seeds: 32 },
  predictions: [
    oneSample({ name: 'delay ≥ 10× with the standard recipe', arm: 'wd=1', metric: metrics.delayRatio, greaterThan: 10 }),
    oneSample({ name: 'delay ≥ 10× with a long plateau', arm: 'wd=0.3', metric: metrics.delayRatio, greaterThan: 10 }),
    oneSample({ name: 'test accuracy at chance at t_mem', arm: 'wd=1', metric: metrics.at('tMem', 'testAcc'), lessThan: 1 / p + 0.05 }),
  ],
  recorded: 'refuted',
});
