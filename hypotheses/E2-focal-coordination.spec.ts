import { control, hypothesis, metrics, oneSample, preconditions } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { COORDINATION_31, READ_AFTER_GROK, coordinationFigures, coordinationRegimes, valueAfterGrok as after } from './coordination.ts';

/**
 * E2 — after grokking, focal neurons form 12-fold coordination; before, connectivity is random. Pre-registered
 * 2026-11-23; re-registered the same day for issue 13 (a width sweep, thresholds, a planted control): see `deviations`.
 */
const AT = ['', '@0.6', '@0.7'];
/** The largest |focal degree − 12| over the thresholds |r| ≥ 0.5, 0.6, 0.7: 12-fold coordination must not hang on one cut. */
const offTwelve = (t: Trajectory, key: string) => Math.max(...AT.map((a) => Math.abs(after(t, `${key}${a}`) - 12)));

const twelve = metrics.custom(`max over |r| ≥ 0.5, 0.6, 0.7 of |focal degree − 12|, at ${READ_AFTER_GROK} × t_grok`, (t) => offTwelve(t, 'coordination:focal'), { probes: ['coordination'] });
const planted = metrics.custom(`planted 12-neighbour groups: max over thresholds of |focal degree − 12|, at ${READ_AFTER_GROK} × t_grok`, (t) => offTwelve(t, 'coordination:focalPlanted'), { probes: ['coordination'] });
const notRandom = metrics.custom(`focal degree − shuffled focal degree (|r| ≥ 0.5), at ${READ_AFTER_GROK} × t_grok`, (t) => after(t, 'coordination:focal') - after(t, 'coordination:focalShuffled'), { probes: ['coordination'] });

const GRAPH = 'the 12-fold focal degree must hold at every width for the structure to be the network\'s and not the ratio of its width to p';

const CHECKS = {
  preconditions: [preconditions.grokked()],
  controls: [
    control({
      name: 'planted 12-neighbour groups read as 12',
      expected: { value: 'focal degree 12 at every threshold', cite: 'planted' },
      prediction: oneSample({ name: 'planted structure reads 12 (max |focal − 12| < 2)', arm: 'a+b', metric: planted, lessThan: 2 }),
    }),
  ],
};

export default hypothesis({
  id: 'E2',
  title: 'after grokking, focal neurons form 12-fold coordination',
  quote: 'Prediction: Post-grokking weights organize into VE-like coordination structure … Identify "focal neurons" (high connectivity); Check if focal neurons form 12-fold coordination pattern. Falsifiable: If random connectivity post-grokking → VE substrate doesn\'t apply to NNs',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Testable Predictions, 2. VE Geometry in Weight Space' },
  topic: 'VE geometry',
  regimeName: 'x² MLP, width 128',
  regime: `An x² MLP on a+b mod 31 (60% of the pairs, AdamW lr 3e-3, wd 1, β₂ 0.98), trained on to ${READ_AFTER_GROK} × t_grok (stop.afterGrok, pre-registered), the coordination probe every 100 steps; runs shared with E10. The graph: first-layer neurons are nodes, joined when the Pearson correlation of their incoming weight vectors (columns of W1, 62 long) has |r| ≥ a threshold — 0.5 (four null standard deviations: a shuffled network has almost no edges), 0.6 and 0.7. Focal neurons: the top 10% by degree; their coordination is the median degree among them. The degree of a neuron at one threshold depends on how many neurons share its Fourier frequency, i.e. on the width relative to p, so the claim is decided at three widths (64, 128 here, 256: the regimes) and three thresholds; the essay's "12-fold" is a structure, so it must hold in each (quantifier universal). Predictions, read at ${READ_AFTER_GROK} × t_grok: (1) 12-fold: the largest |focal degree − 12| over the three thresholds is below 2; (2) the essay's falsifier, "not random": the focal degree exceeds that of the column-shuffled weights (each neuron's weights permuted: the same values, no relations between neurons) by more than 2. Positive control (planted): the same weights with 12-neighbour groups planted (plantGroups in src/probes/coordination.ts: groups of 13 neurons sharing a random direction, |r| ≈ 0.86 within, null between) must read 12 at every threshold. Precondition: 3/4 of the runs grok. No literature exists for this essay: the control is planted.`,
  deviations: `Issue 13 (2026-11-23), after the first recording (D1's network, p = 47, width 128, read 50 steps after t_grok: focal degree ≈ 2, REFUTED): the degree at one threshold depends on width relative to p, so one width could not decide a claim about structure; the claim is now decided at widths 64, 128, 256 and thresholds 0.5–0.7, read at ${READ_AFTER_GROK} × t_grok, with a planted control. p = 31 (lr 3e-3, 60% of the pairs) replaces D1's p = 47 to pay for E10's cloud of all p² inputs, which shares these runs. The old prediction "the focal degree grows from t_mem to the end" is dropped: it spoke of formation, not of the 12-fold structure or the falsifier. One pilot seed per width (64, 128, 256) was seen before this was fixed: focal degree 2, 4 and 6 at |r| ≥ 0.5.`,
  base: COORDINATION_31,
  arms: { 'a+b': {} },
  ...CHECKS,
  regimes: coordinationRegimes(GRAPH, CHECKS),
  quantifier: 'universal',
  predictions: [
    oneSample({ name: 'focal neurons have 12 neighbours after grokking, at every threshold', arm: 'a+b', metric: twelve, lessThan: 2 }),
    oneSample({ name: 'focal coordination is above the shuffled baseline after grokking', arm: 'a+b', metric: notRandom, greaterThan: 2 }),
  ],
  figures: coordinationFigures('graph'),
  recorded: 'refuted',
});
