import { hypothesis, metrics, oneSample } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';

/** E4 — the loss gradient concentrates at layer interfaces. Pre-registered 2026-11-22. */
const layers = 5;
const sizes = [62 * 64, 64 * 64, 64 * 64, 64 * 64, 64 * 31];
/** Per-run median over evaluations of RMS gradient per weight at the interfaces (W1, W5) over the interior (W2–W4). */
const concentration = metrics.custom('interface / interior RMS gradient (median over the run)', (t: Trajectory) => {
  const r = t.evals.slice(1).map((e) => {
    const rms = Array.from({ length: layers }, (_, i) => e[`gradNorm:W${i + 1}`] / Math.sqrt(sizes[i]));
    return ((rms[0] + rms[4]) / 2) / ((rms[1] + rms[2] + rms[3]) / 3);
  }).sort((a, b) => a - b);
  return r[(r.length - 1) >> 1];
}, true);

export default hypothesis({
  id: 'E4',
  title: 'the loss gradient concentrates at layer interfaces',
  quote: 'Prediction: Loss gradient |∇_layer L| highest at layer interfaces … Check if max at boundaries between layers vs distributed uniformly',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Testable Predictions, 4. Energy Concentration at Layer Boundaries', paper: 'Wang, Teng & Perdikaris (2021), SIAM J. Sci. Comput. (gradient pathologies in PINNs), cited by the seed' },
  topic: 'Gradient energy',
  regime: `Defined before looking: in an MLP every weight matrix sits between two layers, so "interfaces" are read as the network's boundaries with the outside, the input embedding W1 and the output head W5, and "interior" as the matrices between hidden layers (W2–W4) of a four-hidden-layer ReLU MLP (64 wide) on a+b mod 31 (60% of the pairs, AdamW lr 3e-3, wd 1, 1000 steps). Layers differ in size, so the gradient is compared per weight: RMS = ‖∇W_l‖/√(size). The claim predicts the interfaces carry at least 1.5× the interior's RMS gradient (median over the run's evaluations).`,
  base: {
    task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.6 },
    model: { hidden: [64, 64, 64, 64], act: 'relu' },
    optimizer: { name: 'adamw', lr: 3e-3, beta2: 0.98, wd: 1 },
    steps: 1000, evalEvery: 25, probes: ['gradNorm'],
  },
  arms: { deep: {} },
  predictions: [
    oneSample({ name: 'interfaces carry ≥ 1.5× the interior gradient', arm: 'deep', metric: concentration, greaterThan: 1.5 }),
  ],
  recorded: 'supported',
});
