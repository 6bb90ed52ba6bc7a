import { compare, hypothesis, metrics } from '../src/index.ts';

/** E8 — gradually varying layer widths grok faster than abrupt width changes. Pre-registered 2026-11-23. */
const params = (h: number[]) => [62, ...h, 31].slice(1).reduce((s, w, i) => s + [62, ...h][i] * w, 0);
const graded = [96, 64, 40], abrupt = [96, 76, 24];

export default hypothesis({
  id: 'E8',
  title: 'graded layer widths grok faster than abrupt width changes',
  quote: 'Solution: Grade the interface (compositionally graded QW = graded layer widths) … Use gradually varying layer widths instead of abrupt changes',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Connection to Your Other Theories, LED Phonon Bottleneck → Grokking' },
  topic: 'VE architecture',
  regime: `Three hidden ReLU layers between the 62-token embedding and the 31 classes of a+b mod 31, both arms starting at 96 neurons and ending at the 31 outputs. Graded: ${graded.join(' → ')} → 31, each layer 0.6–0.8× the one before. Abrupt: ${abrupt.join(' → ')} → 31, one 3.2× drop (76 → 24). Same depth and nearly the same parameter count (${params(graded)} vs ${params(abrupt)}, ${(100 * (params(abrupt) / params(graded) - 1)).toFixed(1)}%). 80% of the pairs train, AdamW lr 1e-2, wd 1: pilots (2 seeds) found three-layer MLPs too slow to grok within 3000 steps at 60% of the pairs or at lr 3e-3, and ≈ 700–1400 steps here. The prediction: graded groks ≥ 1.25× sooner, paired by seed; runs that never grok within 3000 steps censored.`,
  base: {
    task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.8 },
    model: { act: 'relu', bias: false },
    optimizer: { name: 'adamw', lr: 1e-2, beta2: 0.98, wd: 1 },
    steps: 3000, evalEvery: 25, stop: { testAcc: 0.95, hold: 2 },
  },
  arms: { graded: { model: { hidden: graded } }, abrupt: { model: { hidden: abrupt } } },
  predictions: [
    compare({ name: 'graded widths grok ≥ 1.25× sooner', arms: ['graded', 'abrupt'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 0.8, paired: true }),
  ],
  recorded: 'inconclusive',
});
