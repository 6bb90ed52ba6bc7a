import { compare, hypothesis, metrics } from '../src/index.ts';
import { VE_ADD_31 } from './shared.ts';

/** E9 — a VE-structured sparse initialization reaches generalization faster. Pre-registered 2026-11-23. */
export default hypothesis({
  id: 'E9',
  title: 'a VE-structured sparse initialization groks faster',
  quote: 'Initialize weights with VE-structured sparsity; Network should reach generalization faster; Like Damascus being pre-annealed',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Connection to Your Other Theories, Damascus Steel → Weight Initialization' },
  topic: 'VE architecture',
  regime: `E7's network (hidden 100, 50, a+b mod 31, AdamW lr 1e-2, wd 1), fully dense and trainable in every arm; only W2's starting values differ. VE init: the weights outside the VE pattern of W2 (each of the 50 neurons keeps its 12 cuboctahedral neighbours among the 100) start at exactly 0, the rest as in the dense init, unscaled, as the seed describes ("initialize weights with VE-structured sparsity"). Dense init: the standard init (this arm's runs are E7's dense arm, shared). Zeroing 88% of W2 also shrinks its initial norm, and the init scale changes grokking time on its own (D3), so a third arm zeroes the same number of weights chosen at random (degree 12 per neuron): only VE init beating both speaks for the VE pattern. Predictions: t_grok under VE init ≥ 1.25× sooner than under dense init, and ≥ 1.25× sooner than under random sparse init; paired by seed, runs that never grok within 4000 steps censored.`,
  base: VE_ADD_31,
  arms: {
    'VE init': { model: { masks: { W2: { kind: 've', initOnly: true } } } },
    'dense init': {},
    'random sparse init': { model: { masks: { W2: { kind: 'random', degree: 12, initOnly: true } } } },
  },
  predictions: [
    compare({ name: 'groks ≥ 1.25× sooner than with dense init', arms: ['VE init', 'dense init'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 0.8, paired: true }),
    compare({ name: 'groks ≥ 1.25× sooner than with random sparse init', arms: ['VE init', 'random sparse init'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 0.8, paired: true }),
  ],
  recorded: 'refuted',
});
