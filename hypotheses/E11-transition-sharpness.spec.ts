import { hypothesis, metrics, oneSample } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** E11 — is the grokking transition continuous or discontinuous? Pre-registered 2026-11-22. */
const firstAt = (t: Trajectory, level: number) => t.evals.find((e) => e.testAcc >= level)?.step;
/** Steps for test accuracy to go from 10% to 90%, relative to t_grok. */
const width = metrics.custom('(t_90% − t_10%) / t_grok of test accuracy', (t: Trajectory) => {
  const lo = firstAt(t, 0.1), hi = firstAt(t, 0.9);
  return lo === undefined || hi === undefined || t.tGrok === null ? NaN : (hi - lo) / t.tGrok;
}, true);

export default hypothesis({
  id: 'E11',
  title: 'the grokking transition is discontinuous (a sharp jump)',
  quote: 'Your VE focal energy model predicts: … Could be either continuous or discontinuous depending on VE eigenmode spacing',
  source: { seed: '000_64ccf1345212c707.txt', section: 'First-Order vs Glass Relaxation Debate', paper: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789 (first order); arXiv 2505.11411 (glass relaxation)' },
  topic: 'Nature of the transition',
  regime: `"Either" cannot be refuted, so the file tests the sharper of the two alternatives the seed names, the first-order picture it cites: a jump of test accuracy that is narrow compared with the time it takes to arrive. Measure (D1's runs, the x² MLP on a+b mod 47): the width of the rise, from the first evaluation with test accuracy ≥ 10% to the first ≥ 90%, divided by t_grok; "sharp" is pre-registered as a width below 10% of t_grok. SUPPORTED means a sharp, jump-like rise; REFUTED means a rise spread over a large part of the run (continuous, as the glass-relaxation paper describes). Not tested here: bimodality of test accuracy across seeds at a fixed step (needs the dip test of the statistical-physics issue) and hysteresis.`,
  base: QUADRATIC_ADD_47,
  arms: { 'a+b': {} },
  predictions: [
    oneSample({ name: 'test accuracy rises from 10% to 90% within 10% of t_grok', arm: 'a+b', metric: width, lessThan: 0.1 }),
  ],
  recorded: 'refuted',
});
