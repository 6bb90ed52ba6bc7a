import { hypothesis, metrics, oneSample } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** E3 — grokked networks use fewer eigenmodes (feature rank falls). Pre-registered 2026-11-22. */
const fall = (key: string) => metrics.endOver('tMem', key);

export default hypothesis({
  id: 'E3',
  title: 'grokked networks use fewer eigenmodes: the effective rank falls',
  quote: 'Prediction: Grokked networks use fewer eigenmodes (low-rank solutions) … "Deep Grokking" paper found "decreasing feature ranks" correlate with grokking',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Testable Predictions, 3. Eigenmode Structure of Learned Representations', paper: 'Fan et al. (2024), "Deep Grokking", arXiv 2405.19454' },
  topic: 'Representations',
  regime: `Entropy effective rank exp(H(σ/Σσ)) (Roy & Vetterli 2007) of (1) the hidden activations of every one of the 47² inputs (from the Gram matrix's eigenvalues) and (2) the first-layer weight W1, at t_mem and at the end of the run (just after grokking), on D1's recipe (x² MLP, a+b mod 47) with evaluations every 50 steps to keep the SVDs cheap. The claim predicts both fall by at least 10%: ratio end / t_mem < 0.9. Deep Grokking studied deep MLPs on MNIST; this is the one-hidden-layer modular analogue.`,
  base: QUADRATIC_ADD_47.with({ evalEvery: 50, probes: ['rank'] }),
  arms: { 'a+b': {} },
  predictions: [
    oneSample({ name: 'feature rank falls', arm: 'a+b', metric: fall('rank:h1'), lessThan: 0.9 }),
    oneSample({ name: 'first-layer weight rank falls', arm: 'a+b', metric: fall('rank:W1'), lessThan: 0.9 }),
  ],
  recorded: 'refuted',
});
