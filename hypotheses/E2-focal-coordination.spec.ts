import { hypothesis, metrics, oneSample } from '../src/index.ts';
import { coordinationFigures, valueAt as at, valueAtEnd as end } from './coordination.ts';
import { COORDINATION_47 } from './shared.ts';

/** E2 — after grokking, focal neurons form 12-fold coordination; before, connectivity is random. Pre-registered 2026-11-23. */

export default hypothesis({
  id: 'E2',
  title: 'after grokking, focal neurons form 12-fold coordination',
  quote: 'Prediction: Post-grokking weights organize into VE-like coordination structure … Identify "focal neurons" (high connectivity); Check if focal neurons form 12-fold coordination pattern. Falsifiable: If random connectivity post-grokking → VE substrate doesn\'t apply to NNs',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Testable Predictions, 2. VE Geometry in Weight Space' },
  topic: 'VE geometry',
  regime: `D1's network (x² MLP, width 128, a+b mod 47; evaluations every 50 steps; runs shared with E10). The graph, fixed before any run: the 128 first-layer neurons are nodes, joined when the Pearson correlation of their incoming weight vectors (columns of W1, 94 long) has |r| ≥ 0.5 — five null standard deviations, so a shuffled network has almost no edges. Focal neurons: the top 10% by degree; their coordination is the median degree among them. Shuffled baseline: each neuron's weights permuted independently (the same weights, no relations between neurons). Predictions, on the runs that grokked: (1) 12-fold: |focal degree − 12| < 2 at the end of training, which comes just after grokking (the stop rule holds test accuracy ≥ 0.99 for 5 evaluations); (2) not random after grokking: the focal degree exceeds the shuffled baseline's by at least 2; (3) the structure forms with grokking: the focal degree grows by at least 2 from t_mem to the end. The picture shows seed 0's degree distribution at t_mem, at the end and for the shuffled baseline.`,
  base: COORDINATION_47,
  arms: { 'a+b': {} },
  predictions: [
    oneSample({ name: 'focal neurons have 12 neighbours after grokking', arm: 'a+b', metric: metrics.custom('|focal degree − 12| at the end', (t) => Math.abs(end(t, 'coordination:focal') - 12)), lessThan: 2 }),
    oneSample({ name: 'focal coordination is above the shuffled baseline after grokking', arm: 'a+b', metric: metrics.custom('focal degree − shuffled focal degree, at the end', (t) => end(t, 'coordination:focal') - end(t, 'coordination:focalShuffled')), greaterThan: 2 }),
    oneSample({ name: 'focal coordination forms between t_mem and the end', arm: 'a+b', metric: metrics.custom('focal degree: end − t_mem', (t) => end(t, 'coordination:focal') - at(t, t.tMem, 'coordination:focal')), greaterThan: 2 }),
  ],
  figures: coordinationFigures('graph'),
  recorded: 'refuted',
});
