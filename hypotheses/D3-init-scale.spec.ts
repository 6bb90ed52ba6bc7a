import { hypothesis, metrics, trend } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** D3 — the timescale separation grows with the initialization scale α. Pre-registered 2026-11-22. */
const alphas = [0.5, 1, 2, 4] as const;

export default hypothesis({
  id: 'D3',
  title: 'the delay t_grok/t_mem grows with the initialization scale α (lazy → rich)',
  quote: 'Formally prove that the time scale for linear readout fitting (τ_readout ∼ 1/(η‖K₀‖)) is strictly smaller than the time scale for nonlinear feature learning (τ_features ∼ N^{2α}/(η‖∇_w K‖)) when the initialization scale α > 0.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #1, Objective 2 (Timescale Separation Proof)', paper: 'Kumar et al. (2024), arXiv 2310.06110; Liu et al. (2022), "Omnigrok", arXiv 2210.01117' },
  topic: 'Delay',
  regime: `The seed's τ_features ∼ N^{2α} makes the feature-learning time grow with the initialization scale while the readout time does not, so t_grok/t_mem should rise with α (Kumar et al.: large init = lazy regime, longer delay; Omnigrok: large init lengthens grokking). Sweep of the init multiplier α ∈ {${alphas.join(', ')}} (every weight ~ U(−α/√fan_in, α/√fan_in)) on D1's x² MLP recipe (a+b mod 47, AdamW lr 1e-3, wd 1), budget 4000 steps; runs that never grok are censored (their ratio +∞, the top of the ranking, which counts for the claim). Jonckheere–Terpstra trend test on t_grok/t_mem, increasing in α, smallest effect τ > 0.3. The issue suggested α from 0.25 to 8; a pilot-free choice of four doses keeps the file within its runtime share, and α = 8 in an x² network (a quartic in the weights) risks divergence rather than laziness.`,
  base: QUADRATIC_ADD_47.with({ steps: 4000 }),
  arms: Object.fromEntries(alphas.map((a) => [`α=${a}`, { model: { initScale: a } }])),
  seeds: 6,
  predictions: [
    trend({ name: 't_grok/t_mem rises with α', arms: alphas.map((a) => `α=${a}`), doses: 'α', metric: metrics.delayRatio, direction: 'increasing', minTau: 0.3 }),
  ],
  recorded: 'supported',
});
