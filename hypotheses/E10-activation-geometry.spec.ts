import { hypothesis, metrics, oneSample } from '../src/index.ts';
import { coordinationFigures, valueAt as at, valueAtEnd as end } from './coordination.ts';
import { COORDINATION_47 } from './shared.ts';

/** E10 — post-grokking activations show VE geometry; before, random. Pre-registered 2026-11-23. */

export default hypothesis({
  id: 'E10',
  title: 'after grokking the activation cloud has VE geometry (12 neighbours), before it is random',
  quote: 'Cymatics: Standing wave creates VE nodal points … Visualize activation space (t-SNE/UMAP); Check for VE geometry in post-grokking network; Compare to pre-grokking (should be random)',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Connection to Your Other Theories, Cymatics → Activation Patterns' },
  topic: 'VE geometry',
  regime: `D1's network (x² MLP, width 128, a+b mod 47; evaluations every 50 steps; runs shared with E2). The cloud: first-layer activations (128-dimensional) of a fixed random subset of 256 of the 2209 inputs. VE geometry read as a number, fixed before any run: in the vector equilibrium every point has 12 nearest neighbours at the same distance, so each point's coordination number counts the others within 1.1 × its nearest-neighbour distance (12 at every interior site of an FCC lattice; tested in src/probes). The cloud's coordination is the median over its points. Shuffled baseline: each neuron's activations permuted across inputs (the same marginals, no joint structure). Predictions: (1) after grokking, |coordination − 12| < 2 at the end of training (just after grokking); (2) random before: at t_mem the coordination is within 2 of the shuffled baseline's. t-SNE/UMAP pictures are not tests; the page shows seed 0's cloud on its first two principal components at t_mem and at the end, and the coordination histograms.`,
  base: COORDINATION_47,
  arms: { 'a+b': {} },
  predictions: [
    oneSample({ name: 'coordination number 12 after grokking', arm: 'a+b', metric: metrics.custom('|cloud coordination − 12| at the end', (t) => Math.abs(end(t, 'coordination:cloud') - 12)), lessThan: 2 }),
    oneSample({ name: 'coordination like the shuffled baseline at t_mem', arm: 'a+b', metric: metrics.custom('|cloud − shuffled coordination| at t_mem', (t) => Math.abs(at(t, t.tMem, 'coordination:cloud') - at(t, t.tMem, 'coordination:cloudShuffled'))), lessThan: 2 }),
  ],
  figures: coordinationFigures('cloud'),
  recorded: 'refuted',
});
