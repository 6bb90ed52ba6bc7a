import { hypothesis, metrics, oneSample } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** E1 — ‖∇W‖ drops sharply at grokking: the seed's own falsification test. Pre-registered 2026-11-22. */
export default hypothesis({
  id: 'E1',
  title: '‖∇W‖ drops sharply at grokking',
  quote: 'Prediction: |∇W| should decrease sharply at grokking transition … Falsifiable: If |∇W| doesn\'t decrease at grokking → boundary energy interpretation wrong',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Testable Predictions, 1. Weight Gradient Sharpness During Grokking' },
  topic: 'Gradient energy',
  regime: `The seed's own test, on D1's x² MLP recipe (a+b mod 47, half the pairs, full batch, AdamW lr 1e-3, wd 1; the same runs as D1, S1 and S2): the global gradient norm ‖∇θ L‖ on the training batch, every 10 steps. Full batch, so the norm carries no minibatch noise. Two pre-registered readings of "drops sharply at grokking": (1) a step down: the median ‖∇‖ over the 100 steps after t_grok (first test accuracy ≥ 0.95) is less than half the median over the 100 steps before; (2) a drop located at grokking: the steepest fall of log ‖∇‖ over 5 evaluations (50 steps) sits within 10% of t_grok (|step − t_grok|/t_grok < 0.1). No primary paper; reports suggest gradient-norm peaks come before the test-accuracy jump rather than a clean step down, which (2) would show as a drop located early.`,
  base: QUADRATIC_ADD_47,
  arms: { 'a+b': {} },
  predictions: [
    oneSample({ name: 'a step down across t_grok (after/before < 0.5)', arm: 'a+b', metric: metrics.windowRatio('gradNorm', 'tGrok', 100), lessThan: 0.5 }),
    oneSample({ name: 'the steepest fall sits at t_grok (|offset| < 10%)', arm: 'a+b', metric: { ...metrics.largestDropOffset('gradNorm', 'tGrok', 5), of: (t) => Math.abs(metrics.largestDropOffset('gradNorm', 'tGrok', 5).of(t)) }, lessThan: 0.1 }),
  ],
  recorded: 'refuted',
});
