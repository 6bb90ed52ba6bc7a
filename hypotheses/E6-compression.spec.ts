import { hypothesis, metrics, oneSample } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** E6 — a compression phase follows; a synergy peak precedes grokking. Pre-registered 2026-11-22. */
/** Where the mean O-information is most negative (the synergy peak), as (step − t_grok)/t_grok. */
const synergyPeak = metrics.custom('synergy peak (min Ω), relative to t_grok', (t: Trajectory) => {
  if (t.tGrok === null) return NaN;
  const e = t.evals.reduce((m, x) => (x['oinfo:mean'] < m['oinfo:mean'] ? x : m));
  return (e.step - t.tGrok) / t.tGrok;
});
const compression = metrics.custom('joint entropy of neuron groups: end / t_grok', (t: Trajectory) => {
  const at = t.tGrok === null ? undefined : t.evals.find((e) => e.step === t.tGrok);
  return at ? t.evals.at(-1)!['oinfo:H'] / at['oinfo:H'] : NaN;
}, true);

export default hypothesis({
  id: 'E6',
  title: 'a synergy peak precedes grokking and a compression phase follows',
  quote: 'Information-theoretic analysis identifies: 1. Feature Learning phase 2. Emergence of generalizing sub-network 3. Compression phase',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Existing Evidence, Feature Compression During Grokking', paper: 'Clauw, Stramaglia & Marinazzo (2024), arXiv 2408.08944' },
  topic: 'Representations',
  regime: `Clauw et al. follow the O-information of groups of neurons: a synergy peak (most negative Ω) comes before generalization, then a compression phase. Here (D1's recipe: x² MLP, a+b mod 47, evaluations every 20 steps) the oinfo probe binarizes each first-layer neuron at its median over all 47² inputs and averages Ω and the joint entropy over 16 fixed triples of neurons. Predictions: (1) the synergy peak comes at least 10% of t_grok before t_grok; (2) compression after grokking: the groups' joint entropy at the end of the run is at least 10% below its value at t_grok. Runs stop soon after grokking (test accuracy held 0.99 for 5 evaluations), so (2) sees only the start of any compression phase; the paper's longer runs are not reproduced.`,
  deviations: 'None. A weakness seen in the first run, not a change: binarizing at the median fixes every neuron\'s own entropy at ln 2, so the joint entropy of a triple moves only with the dependence between its neurons, and it barely moved (end / t_grok = 0.9999). Finer binning or larger groups would measure compression more directly.',
  base: QUADRATIC_ADD_47.with({ evalEvery: 20, probes: ['oinfo'] }),
  arms: { 'a+b': {} },
  predictions: [
    oneSample({ name: 'the synergy peak precedes grokking', arm: 'a+b', metric: synergyPeak, lessThan: -0.1 }),
    oneSample({ name: 'compression follows grokking', arm: 'a+b', metric: compression, lessThan: 0.9 }),
  ],
  recorded: 'refuted',
});
