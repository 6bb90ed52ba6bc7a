import { hypothesis, metrics, oneSample } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** E5 — grokking is a sharp → flat transition. Pre-registered 2026-11-22 (two-sided: contested). */
const change = (key: string) => metrics.endOver('tMem', key);

export default hypothesis({
  id: 'E5',
  title: 'grokking is a sharp → flat transition (wide flat minima)',
  quote: 'Flat minimum = low |∇_W L| = smooth boundary; Sharp minimum = high |∇_W L| = energy concentrated at boundary; Grokking = transition from sharp → flat',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Existing Evidence, Wide Flat Minima Generalize Better', paper: 'Baldassi et al. (2020), PNAS 117, 161; Dinh et al. (2017), arXiv 1703.04933 (scale)' },
  topic: 'Loss landscape',
  regime: `Sharpness of the full-batch training loss: the Hessian's top eigenvalue (power iteration on Hessian-vector products) and its trace (Hutchinson), each times ‖θ‖², since weight decay rescales the weights and raw sharpness is not scale-invariant (Dinh et al.). Measured at t_mem and at the end of the run (just after grokking), every 100 steps, on D1's recipe (x² MLP, a+b mod 47). Contested (a recent preprint argues the generalizing solution is sharper), so the test runs both ways: each prediction is supported if the normalized sharpness falls by ≥ 10% (ratio < 0.9) and refuted if it rises significantly or its CI lies above 0.9.`,
  deviations: 'None. A caveat seen in the first run, not a change: the normalized sharpness falls by about four orders of magnitude, and much of that is the cross-entropy loss itself: its curvature vanishes as the training loss goes to zero (the softmax saturates), whatever the solution. The test compares t_mem (loss still high) with the end (loss near zero), as the claim\'s measure says; a comparison at matched training loss would separate flatness from saturation.',
  base: QUADRATIC_ADD_47.with({ evalEvery: 100, probes: ['hessian'] }),
  arms: { 'a+b': {} },
  predictions: [
    oneSample({ name: 'top eigenvalue × ‖θ‖² falls', arm: 'a+b', metric: change('hessian:top*norm2'), lessThan: 0.9 }),
    oneSample({ name: 'trace × ‖θ‖² falls', arm: 'a+b', metric: change('hessian:trace*norm2'), lessThan: 0.9 }),
  ],
  recorded: 'supported',
});
