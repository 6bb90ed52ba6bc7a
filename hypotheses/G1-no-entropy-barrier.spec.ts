import { hypothesis, metrics, oneSample } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { TINY_ADD_7, WL_SAMPLER } from './shared.ts';

/** G1 — no entropy barrier between memorizing and generalizing states. Pre-registered 2026-11-23. */
const barrier = metrics.custom('entropy barrier (nats) in P(test acc | E) at the lowest well-sampled energy', (t: Trajectory) => {
  const low = t.evals.find((e) => e['wl:samples'] >= 200);
  return low ? low['wl:barrier'] : NaN;
});

export default hypothesis({
  id: 'G1',
  title: 'no entropy barrier between memorizing and generalizing states',
  quote: 'By sampling the Boltzmann entropy landscape of transformer models on modular arithmetic tasks, the authors find no entropy barrier between memorization and generalization states',
  source: { seed: '001_ecb3d587c66818f5.txt', section: 'Executive Summary; Key Results', paper: 'arXiv 2505.11411 ("Is grokking a computational glass relaxation?")' },
  topic: 'Glass relaxation',
  regime: `The paper samples transformers; here a network small enough for Wang–Landau to sample exhaustively: a+b mod 7 (29 training pairs, 20 test pairs), one ReLU layer of 12 units, 252 weights in the box |θ| ≤ 4. Wang–Landau (src/physics/wangLandau.ts, checked on a spin system with a known density of states) walks the weights one at a time over the training loss in [0.1, 2.1) (10 bins), 10⁶ moves, recording every 20th state's test accuracy q in its energy bin, so each bin holds the microcanonical distribution P(q | E). An entropy barrier at energy E is a valley between two modes of P(q | E) (memorizing states at low q, generalizing at high q); its depth is min(ln P at the two modes) − ln P at the valley (src/physics/wlRun.ts). Prediction (the claim): at the lowest energy the walk sampled well (≥ 200 states), the barrier is under ln 2 — no valley as deep as halving the probability.`,
  base: { ...TINY_ADD_7, sampler: WL_SAMPLER },
  arms: { 'Wang–Landau': {} },
  seeds: 8,
  predictions: [
    oneSample({ name: 'no entropy barrier at low energy', arm: 'Wang–Landau', metric: barrier, lessThan: Math.log(2) }),
  ],
  recorded: 'supported',
});
