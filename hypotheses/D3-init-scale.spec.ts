import { hypothesis, metrics, preconditions, trend } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** D3 — the timescale separation grows with the initialization scale α. Pre-registered 2026-11-22. */
const alphas = [0.5, 1, 2, 4] as const;

export default hypothesis({
  id: 'D3',
  title: 'the delay t_grok/t_mem grows with the initialization scale α (AdamW with decay, not the lazy → rich setting)',
  quote: 'Formally prove that the time scale for linear readout fitting (τ_readout ∼ 1/(η‖K₀‖)) is strictly smaller than the time scale for nonlinear feature learning (τ_features ∼ N^{2α}/(η‖∇_w K‖)) when the initialization scale α > 0.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #1, Objective 2 (Timescale Separation Proof)', paper: 'Kumar et al. (2024), arXiv 2310.06110; Liu et al. (2022), "Omnigrok", arXiv 2210.01117' },
  topic: 'Delay',
  regime: `The seed's τ_features ∼ N^{2α} makes the feature-learning time grow with the initialization scale while the readout time does not, so t_grok/t_mem should rise with α (Kumar et al.: large init = lazy regime, longer delay; Omnigrok: large init lengthens grokking). Sweep of the init multiplier α ∈ {${alphas.join(', ')}} (every weight ~ U(−α/√fan_in, α/√fan_in)) on D1's x² MLP recipe (a+b mod 47, AdamW lr 1e-3, wd 1), budget 4000 steps; runs that never grok are censored (their ratio +∞, the top of the ranking, which counts for the claim). Jonckheere–Terpstra trend test on t_grok/t_mem, increasing in α (a Sen slope of log t_grok/t_mem per log α against 0; see deviations). The issue suggested α from 0.25 to 8; a pilot-free choice of four doses keeps the file within its runtime share, and α = 8 in an x² network (a quartic in the weights) risks divergence rather than laziness.`,
  // t_grok / t_mem is read at the markers, so the runs stop once test accuracy holds (the shared recipe trains on to 3·t_grok)
  base: QUADRATIC_ADD_47.with({ steps: 4000, stop: { afterGrok: 1 } }),
  arms: Object.fromEntries(alphas.map((a) => [`α=${a}`, { model: { initScale: a } }])),
  seeds: 6,
  deviations: 'Issue 13 (2026-11-23): a referee noted that with Adam and weight decay this is not Kumar et al.\'s lazy → rich mechanism (gradient flow from a large init, no decay): the test asks only whether the delay grows with α in this recipe, which the title now says; a grokked precondition was added. Also before re-deciding: the trend prediction\'s threshold was a Kendall-type τ ≥ 0.3 with a bootstrap CI; τ has no distribution-free null away from 0, so it cannot be tested against its threshold in both directions. The trend is now a Sen slope (log delay ratio per log α) tested against 0 by Jonckheere–Terpstra each way: support needs a significant monotone trend in the claimed direction, refutation a significant trend the other way.',
  preconditions: [preconditions.grokked()],
  predictions: [
    trend({ name: 't_grok/t_mem rises with α', arms: alphas.map((a) => `α=${a}`), doses: [...alphas], dose: 'α', logDose: true, metric: metrics.delayRatio, direction: 'increasing' }),
  ],
  recorded: 'supported',
});
