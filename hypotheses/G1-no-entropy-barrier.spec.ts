import { hypothesis, oneSample } from '../src/index.ts';
import { WLMD_CI, WLMD_CI_SAMPLER, WLMD_FULL, WLMD_FULL_SAMPLER, barrierControls, lowest, wlmdArms, wlmdGates } from './glass.ts';

/**
 * G1 — no entropy barrier between memorizing and generalizing states. Pre-registered 2026-11-23; re-registered
 * 2026-11-24 (issue 16) with Wang–Landau molecular dynamics over the 2-D density of states (see deviations).
 */
const predictions = [
  oneSample({ name: 'no valley in S(L_train, ·) between memorizing and generalizing states', arm: 'from memorizing', metric: lowest.valley, lessThan: Math.log(2) }),
  oneSample({ name: 'generalizing states are not entropically suppressed', arm: 'from memorizing', metric: lowest.genFrac, greaterThan: 0.01 }),
];

export default hypothesis({
  id: 'G1',
  title: 'no entropy barrier between memorizing and generalizing states',
  quote: 'By sampling the Boltzmann entropy landscape of transformer models on modular arithmetic tasks, the authors find no entropy barrier between memorization and generalization states',
  source: { seed: '001_ecb3d587c66818f5.txt', section: 'Executive Summary; Key Results', paper: 'arXiv 2505.11411 ("Is grokking a computational glass relaxation?")' },
  topic: 'Glass relaxation',
  regimeName: 'WLMD, a+b mod 5, 8 x² units (CI)',
  regime: `The paper samples the Boltzmann entropy S(L_train, A_test) of transformers with Wang–Landau molecular dynamics. Here: Wang–Landau MD (src/physics/wlmd.ts; tested against the exact 2-D density of states of a 3-D harmonic energy, and against planted landscapes with and without a barrier) over a network's weights — the weights are the coordinates, the training loss the energy and its gradient the force (as in arXiv 2503.13145, the same group's method), each step a Metropolis-adjusted Langevin move with the multicanonical drift −S′(L)·∇L; the test accuracy A, which has no gradient, is the second axis of the density of states and is biased through the acceptance. Network: a+b mod 5, 17 training pairs, 8 test pairs, one x² layer of 8 units (120 weights; the smallest that memorizes to a loss near 0 — shrunk so that walks have the best chance to mix). Window: training losses [0, 0.4) in 4 bins × test accuracy in 4 bins; 40,000 steps of h = 1e-4; ln f from 0.01, halving at flat histograms (visited bins, ≥ 0.7 × mean) then 1/t (Belardinelli & Pereyra 2007), target 1e-3. Two walks per seed: from a memorizing state (300 AdamW steps) and from a generalizing one (then 2000 Adam steps on all 25 pairs: test accuracy 1 by construction). Preconditions: both walks reached ln f ≤ 1e-3, and they MIX — each visits both basins (A < ½ and A ≥ ½) and they agree on ln P(basin | L) within 1 nat in every loss bin both visited; otherwise the claim is not decided (inconclusive), whatever the readings. Readings at the lowest loss bin ([0, 0.1)), from the walk started memorizing: (1) S(L, ·) has no valley between basins deeper than ln 2; (2) P(A ≥ ½ | L) ≥ 0.01. Positive controls (the same pipeline, two walks, mixing check and reading, on x ∈ ℝ³ with E = |x|²/2 + h·exp(−x₁²/0.18), A = ½ + x₁/4): with h = 1 a barrier must be found (valley > ln 2), with h = 0 none (valley < ln 2). Pilots (seed 0, before this file: 40,000 and 300,000 steps, p = 5, 8 units): the generalizing walk left A ≥ ½ within its first steps and never returned; the memorizing walk never reached A ≥ ½ (S ≈ −130 to −370 nats there, ln f stuck at 0.005–0.01): NOT MIXING.`,
  deviations: 'Issue 16 (2026-11-24): the 1-D Monte Carlo walk of the earlier versions (single-weight moves, one start) is replaced by Wang–Landau molecular dynamics over the 2-D density of states S(L_train, A_test) with walks from a memorizing and a generalizing start and a mixing precondition (the referee: the old walk, started memorizing, never visited a generalizing state, so "suppressed" only meant "not explored"); the network is shrunk to a+b mod 5 with 8 units at CI scale (mixing), with G1\'s earlier network (mod 11, 32 units) as the full-scale regime; planted positive controls added. Pilots before this version are described in the regime. Earlier history: Issue 13 (2026-11-23) added the convergence precondition; 2026-11-23 the walk moved from a+b mod 7 started at the init (it never left random-network energies) to the trained start.',
  base: WLMD_CI,
  arms: wlmdArms(WLMD_CI_SAMPLER, { fitAll: 2000 }),
  full: { base: {}, seeds: 8 },
  controls: barrierControls,
  preconditions: wlmdGates(WLMD_CI_SAMPLER.lnfFinal),
  predictions,
  regimes: [{
    name: 'WLMD, a+b mod 11, 32 x² units (full scale)', fullScaleOnly: true,
    regime: 'G1\'s earlier network, a+b mod 11 (85 training pairs, 36 test), 32 x² units (1056 weights), which AdamW trains to generalize partly (test accuracy 0.67–0.86 after 10⁴ steps); the generalizing walk starts where 10⁴ AdamW steps reach (a trained generalizing state, as in the paper), the memorizing one after 300. Test accuracy in 6 bins, 600,000 steps of h = 3e-5 per walk, ln f to 1e-4 (1e-6 does not fit: it needs ≈ 1.6·10⁷ steps per walk). Same controls, preconditions and readings. Sized for ≈ 35 min on 2 cores (16 walks of ≈ 4 min, shared with G2). Pilot (seed 0, 30,000 steps): the generalizing walk left A ≥ ½ as the loss rose and did not return.',
    base: WLMD_FULL,
    arms: wlmdArms(WLMD_FULL_SAMPLER, { startSteps: 10_000 }),
    controls: barrierControls,
    preconditions: wlmdGates(WLMD_FULL_SAMPLER.lnfFinal),
  }],
  recorded: 'inconclusive',
});
