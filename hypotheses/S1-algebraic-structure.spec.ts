import { hypothesis, proportion } from '../src/index.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/** S1 — grokking needs a low-dimensional algebraic structure. Pre-registered 2026-11-22. */
const grokked = { event: 'grokked within the budget', happened: (t: { tGrok: number | null }) => t.tGrok !== null };
const PARITY = { kind: 'parity', bits: 12, relevant: 3, trainSize: 600, testSize: 600 } as const;

export default hypothesis({
  id: 'S1',
  title: 'grokking needs a low-dimensional algebraic structure',
  quote: 'Mathematically define "strict low-dimensional algebraic structure" in the context of target functions (e.g., sparse parities, Fourier modes on Z_p).',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #3, Objective 1 (Strict Task Definition)', paper: 'Barak et al. (2022), arXiv 2207.08799; Power et al. (2022), arXiv 2201.02177' },
  topic: 'Task structure',
  regime: `Two structured tasks and their random-label controls of the same size: a+b mod 47 (D1's x² MLP recipe, whose runs are shared with D1) and sparse parity of 3 among 12 bits (600 training and 600 test strings, a ReLU MLP of width 128, since an x² network cannot represent a degree-3 parity; pilots showed it learns it). The controls permute the labels by seed (src/tasks), so their budget is 3000 steps, twice what the structured runs need. What can fail: that the structured tasks generalize at all within the budget. That the random-label controls never reach 95% test accuracy is guaranteed by construction (held-out labels carry no information), so the report also shows whether they were memorized (t_mem), the part of the claim's contrast that is not automatic.`,
  base: QUADRATIC_ADD_47,
  arms: {
    'a+b': {},
    'a+b random labels': { task: { randomLabels: true }, steps: 3000 },
    parity: { task: PARITY, model: { act: 'relu' }, steps: 3000 },
    'parity random labels': { task: { ...PARITY, randomLabels: true }, model: { act: 'relu' }, steps: 3000 },
  },
  predictions: [
    proportion({ name: 'modular addition groks, its random-label control does not', arms: ['a+b', 'a+b random labels'], ...grokked, direction: 'greater', minDifference: 0.5 }),
    proportion({ name: 'sparse parity groks, its random-label control does not', arms: ['parity', 'parity random labels'], ...grokked, direction: 'greater', minDifference: 0.5 }),
  ],
  recorded: 'supported',
});
