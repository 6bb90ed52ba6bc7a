import { compare, hypothesis, metrics } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { VE_ADD_31 } from './shared.ts';

/**
 * E7 — a VE-structured MLP groks 2–5× faster, with lower ‖∇W‖, the same accuracy and 10× fewer parameters.
 * Pre-registered 2026-11-23, after the pilots described in `regime` and before the 8-seed runs.
 */
/** Geometric mean of the total gradient norm over the evaluations at steps 25–1000, a window every run covers. */
const gradNorm = metrics.custom('‖∇W‖, geometric mean over steps 25–1000', (t: Trajectory) => {
  const g = t.evals.filter((e) => e.step > 0 && e.step <= 1000).map((e) => Math.log(e.gradNorm));
  return g.length ? Math.exp(g.reduce((a, b) => a + b, 0) / g.length) : NaN;
}, true);
const finalAcc = metrics.final('testAcc');
const VE = { W2: { kind: 've' } } as const;

export default hypothesis({
  id: 'E7',
  title: 'a VE-structured MLP groks 2–5× faster, with lower ‖∇W‖ and the same accuracy',
  quote: 'VE-MLP groks 2-5x faster; VE-MLP has lower |∇W| throughout training; VE-MLP reaches same or better final accuracy with 10x fewer parameters',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Novel Contribution: VE-Structured Neural Architecture, Testable Experiment' },
  topic: 'VE architecture',
  regime: `The seed's network is 100 → 50 → 10 with "12-nearest-neighbor VE connectivity". On modular arithmetic the input is a pair of tokens, so the first layer is an embedding (62 × 100, one row per token): a token has no place in space, and the faithful reading puts the seed's 100 and 50 neurons on the two hidden layers. Each layer's neurons sit on the FCC sites nearest the origin, and each of the 50 neurons is wired to the 12 sites of the cuboctahedron around its anchor among the 100 (src/models/ve.ts: layers aligned by scale, boundary neurons completed to 12 with the nearest sites). Which layers are VE: W2 (100 → 50), between the two hidden layers; the embedding and the output head (50 → 31 classes) stay dense. Pilots (2–3 seeds, 4000–5000 steps) with the head VE as well never generalized (test accuracy < 1%, and likewise with a random sparse head), so the file tests the form most favourable to the idea; the same pilots fixed lr 1e-2 (at 3e-3 the dense network needs 3500 steps). Masked layers draw their init for the fan-in they keep (12), as nn.Linear would for a 12-input layer. Arms: VE; dense at the same widths; dense with the same parameter count (hidden 50, 50: 7150 vs VE's 7172); random sparse with degree 12 in W2 (exactly VE's count). Parameter counts: dense 12,750, VE 7,172, of which the embedding is 6,200; outside the embedding, 6,550 vs 972 (6.7× fewer; the seed's own 100 → 50 → 10 with VE on both layers would have 7.5× fewer). "10× fewer parameters" is therefore not reachable in this architecture and is not tested; the accuracy half is, with a non-inferiority margin of 2 points. Runs that never grok within 4000 steps are censored. ‖∇W‖ is compared where every run is still training (steps 25–1000), and counts only the weights that exist (masked gradients are zero).`,
  base: VE_ADD_31,
  arms: {
    VE: { model: { masks: VE } },
    dense: {},
    'dense, same parameters': { model: { hidden: [50, 50] } },
    'random sparse': { model: { masks: { W2: { kind: 'random', degree: 12 } } } },
  },
  predictions: [
    compare({ name: 'groks ≥ 2× faster than dense (same widths)', arms: ['VE', 'dense'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 0.5, paired: true }),
    compare({ name: 'groks ≥ 2× faster than dense (same parameter count)', arms: ['VE', 'dense, same parameters'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 0.5, paired: true }),
    compare({ name: 'groks ≥ 1.25× faster than random sparse wiring (the VE structure itself)', arms: ['VE', 'random sparse'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 0.8, paired: true }),
    compare({ name: 'lower ‖∇W‖ than dense through training', arms: ['VE', 'dense'], metric: gradNorm, direction: 'less', effect: 'ratio', minEffect: 1, paired: true }),
    compare({ name: 'final test accuracy no worse than dense by 2 points', arms: ['VE', 'dense'], metric: finalAcc, direction: 'greater', effect: 'difference', minEffect: -0.02, paired: true, nonInferiority: true }),
  ],
  recorded: 'refuted',
});
