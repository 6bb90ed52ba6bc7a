import { compare, hypothesis, metrics, oneSample } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** S2 — memorization needs a larger weight norm than generalization. Pre-registered 2026-11-22. */
const normAtMem = metrics.at('tMem', 'weightNorm');
/** ‖θ‖ at the last evaluation (just after grokking: runs stop once test accuracy held 0.99) over ‖θ‖ at t_mem. */
const normRatio = metrics.endOver('tMem', 'weightNorm');

export default hypothesis({
  id: 'S2',
  title: 'memorization needs a larger weight norm than generalization',
  quote: 'Prove that for these structured tasks, achieving zero empirical risk via the "memorization basin" requires an O(N) or exponentially large weight norm due to high-entropy random feature fitting. Conversely, prove the "generalizing basin" (e.g., recovering true Fourier frequencies) is a low-entropy state that can be achieved with a fundamentally lower O(1) norm.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #3, Objective 2 (Norm Discrepancy Proof)', paper: 'Liu et al. (2022), "Omnigrok", arXiv 2210.01117' },
  topic: 'Weight norm',
  regime: `D1's x² MLP recipe on a+b mod 47 (runs shared with D1 and S1) and its random-label control (S1's). Two predictions: (1) along a grokking run the norm needed to generalize is lower than the norm at which the network memorized (Omnigrok's picture: the norm rises to memorize and falls as it generalizes), ‖θ‖_end/‖θ‖_{t_mem} < 0.9; (2) fitting random labels of the same size takes a larger norm than fitting the structured ones, ‖θ‖ at t_mem at least 10% larger. Runs that never grok (or never memorize) are undefined for (1) and reported as excluded. Not tested here: how the gap scales with n (the claim's O(N)); that needs a sweep over train sizes.`,
  base: QUADRATIC_ADD_47,
  arms: {
    'a+b': {},
    'a+b random labels': { task: { randomLabels: true }, steps: 3000 },
  },
  deviations: 'None. An observation after the first run, not a change: runs stop just after grokking (test accuracy held 0.99 for 5 evaluations), so the generalizing norm is measured as the circuit completes; the later decay of the norm under weight decay that Omnigrok describes is outside this window. A follow-up arm without the stop rule would test that reading.',
  predictions: [
    oneSample({ name: 'the norm falls from memorization to generalization', arm: 'a+b', metric: normRatio, lessThan: 0.9 }),
    compare({ name: 'random labels need a larger norm to be memorized', arms: ['a+b random labels', 'a+b'], metric: normAtMem, direction: 'greater', effect: 'ratio', minEffect: 1.1, paired: true }),
  ],
  recorded: 'refuted',
});
