import { bimodal, hypothesis, metrics, trend } from '../src/index.ts';

/** P3 — modular addition shows a sharp sample-size threshold, with a mixed phase across seeds. Pre-registered 2026-11-23. */
const finalAcc = metrics.final('testAcc');

export default hypothesis({
  id: 'P3',
  title: 'modular addition has a sharp sample-size threshold with a mixed phase across seeds',
  quote: 'Analytical predictions of phase transitions and sample complexity match experimental results for both cubic-polynomial and modular addition tasks',
  source: { seed: '003_0789360943425cef.txt', section: 'Key Results; Mechanism 3 (modular addition)', paper: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789' },
  topic: 'First-order transition',
  regime: `A one-hidden-layer ReLU MLP (64 units) on a+b mod 31, AdamW lr 1e-2, wd 1, a fixed budget of 2500 steps, at training fractions 0.4, 0.5 and 0.6 (10 seeds each). The paper analyses a two-layer network with square activation in a mean-field scaling; here the network is a plain ReLU MLP and the order parameter is the final test accuracy. A first-order threshold predicts (1) a steep rise of final test accuracy with the fraction (Jonckheere–Terpstra τ ≥ 0.5) and (2) coexistence in the middle: across the seeds at fraction 0.5, final test accuracies split into a generalizing and a memorizing group — a dip test against unimodality, with a dip of at least 0.08. A four-seed pilot (3000 steps) fixed the fractions: it gave median final test accuracies 0.00, 0.05, 0.39 and 0.68 at 0.3, 0.4, 0.5 and 0.6.`,
  base: {
    task: { kind: 'modular', op: 'add', p: 31 },
    model: { hidden: [64], act: 'relu', bias: false },
    optimizer: { name: 'adamw', lr: 1e-2, beta2: 0.98, wd: 1 },
    steps: 2500, evalEvery: 50, stop: { testAcc: 0.95, hold: 2 },
  },
  arms: { 'fraction 0.4': { task: { trainFraction: 0.4 } }, 'fraction 0.5': { task: { trainFraction: 0.5 } }, 'fraction 0.6': { task: { trainFraction: 0.6 } } },
  seeds: 10,
  predictions: [
    trend({ name: 'final test accuracy rises steeply with the training fraction', arms: ['fraction 0.4', 'fraction 0.5', 'fraction 0.6'], doses: 'the training fraction', metric: finalAcc, direction: 'increasing', minTau: 0.5 }),
    bimodal({ name: 'a mixed phase across seeds at fraction 0.5', arm: 'fraction 0.5', metric: finalAcc, minDip: 0.08 }),
  ],
  recorded: 'inconclusive',
});
