import { compare, control, hypothesis, metrics, preconditions } from '../src/index.ts';

/**
 * E8 — gradually varying layer widths grok faster than abrupt width changes. Pre-registered 2026-11-23;
 * re-registered the same day for issue 13 (no layer narrower than the output): see `deviations`.
 */
const params = (h: number[]) => [62, ...h, 31].slice(1).reduce((s, w, i) => s + [62, ...h][i] * w, 0);
const graded = [96, 72, 54], abrupt = [96, 90, 32];
const ratios = (h: number[]) => [...h, 31].slice(1).map((w, i) => (h[i] / w).toFixed(2)).join(', ');
const LR = 1e-2, CONTROL = 'graded, lr ÷ 3';

export default hypothesis({
  id: 'E8',
  title: 'graded layer widths grok faster than abrupt width changes',
  quote: 'Solution: Grade the interface (compositionally graded QW = graded layer widths) … Use gradually varying layer widths instead of abrupt changes',
  source: { seed: '000_64ccf1345212c707.txt', section: 'Connection to Your Other Theories, LED Phonon Bottleneck → Grokking' },
  topic: 'VE architecture',
  regimeName: 'three hidden ReLU layers, a+b mod 31',
  regime: `Three hidden ReLU layers between the 62-token embedding and the 31 classes of a+b mod 31, both arms starting at 96 neurons and ending at the 31 outputs, and no layer in either arm narrower than the output (a layer narrower than 31 would bottleneck the logits, a confound of its own). Graded: ${graded.join(' → ')} → 31, ratios between successive layers ${ratios(graded)}. Abrupt: ${abrupt.join(' → ')} → 31, ratios ${ratios(abrupt)}: one drop of 2.8× where the graded arm spreads it. Same depth and the same parameter count within 0.2% (${params(graded).toLocaleString('en')} vs ${params(abrupt).toLocaleString('en')}). 80% of the pairs train, AdamW lr 1e-2, wd 1: pilots (2 seeds) found three-layer MLPs too slow to grok within 3000 steps at 60% of the pairs or at lr 3e-3, and ≈ 600–900 steps here. The prediction: graded groks ≥ 1.25× sooner, paired by seed; runs that never grok within 3000 steps censored. Positive control: the same paired test sees a slow-down that exists, the graded network at a third of the learning rate (≥ 1.25× later). Precondition: both arms grok in ≥ 3/4 of the runs.`,
  deviations: `Issue 13 (2026-11-23), after the first recording (INCONCLUSIVE, ratio 1.24 [0.62, 1.97]): the abrupt arm's last layer (96 → 76 → 24) was narrower than the 31 classes, so a slower abrupt arm could have been the bottleneck's doing, not the abrupt change; both arms were redesigned with every layer ≥ 31 and parameters matched (graded was 96 → 64 → 40). Two pilot seeds of the new arms were seen before this was fixed: graded t_grok 600 and 600, abrupt 725 and 850. A positive control and a precondition were added.`,
  base: {
    task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.8 },
    model: { act: 'relu', bias: false },
    optimizer: { name: 'adamw', lr: LR, beta2: 0.98, wd: 1 },
    steps: 3000, evalEvery: 25, stop: { testAcc: 0.95, hold: 2 },
  },
  arms: {
    graded: { model: { hidden: graded } },
    abrupt: { model: { hidden: abrupt } },
    [CONTROL]: { model: { hidden: graded }, optimizer: { lr: LR / 3 } },
  },
  untunedBecause: 'both arms are the same kind of dense ReLU network at the same depth and parameter count; only the widths of the two inner layers differ, so one learning rate serves both (the control arm changes it on purpose)',
  preconditions: [preconditions.grokked({ arms: ['graded', 'abrupt'] })],
  controls: [
    control({
      name: 'a slow-down that exists is seen: graded at lr ÷ 3',
      prediction: compare({ name: 'graded at lr 1e-2 groks ≥ 1.25× sooner than at lr ÷ 3', arms: ['graded', CONTROL], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 0.8, paired: true }),
    }),
  ],
  predictions: [
    compare({ name: 'graded widths grok ≥ 1.25× sooner', arms: ['graded', 'abrupt'], metric: metrics.tGrok, direction: 'less', effect: 'ratio', minEffect: 0.8, paired: true }),
  ],
  recorded: 'inconclusive',
});
