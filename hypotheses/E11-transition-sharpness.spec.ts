import { hypothesis, metrics, oneSample } from '../src/index.ts';
import { PAST_GROK_47, QUADRATIC_47_PAST_GROK, rise } from './coordination.ts';

/** E11 — is the grokking transition continuous or discontinuous? Pre-registered 2026-11-22; untestable as quoted (issue 13). */
/** Steps for test accuracy to go from 10% to 90%, relative to t_grok. */
const width = metrics.custom('(t₉₀ − t₁₀) / t_grok of test accuracy', (t) => {
  const r = rise(t);
  return r === null || t.tGrok === null ? NaN : (r.t90 - r.t10) / t.tGrok;
}, true);

export default hypothesis({
  id: 'E11',
  title: 'the grokking transition is discontinuous (a sharp jump)',
  quote: 'Your VE focal energy model predicts: … Could be either continuous or discontinuous depending on VE eigenmode spacing',
  source: { seed: '000_64ccf1345212c707.txt', section: 'First-Order vs Glass Relaxation Debate', paper: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789 (first order); arXiv 2505.11411 (glass relaxation)' },
  topic: 'Nature of the transition',
  regimeName: "D1's x² MLP, past grokking",
  untestable: 'The essay predicts the transition "could be either continuous or discontinuous depending on VE eigenmode spacing": every outcome agrees with "either", and the essay defines no VE eigenmode spacing of a network that would say which to expect, so no measurement can refute the claim as quoted. The width of the rise is measured and shown, not decided.',
  regime: `Measured, not decided (the claim is untestable as quoted: see the verdict). D1's x² MLP on a+b mod 47, the runs E1 and D1 read (trained to ${PAST_GROK_47} × t_grok): the width of the rise of test accuracy, from its first evaluation ≥ 10% (t₁₀) to its first ≥ 90% (t₉₀), divided by t_grok. The prediction below is the one recorded before (a width under 10% of t_grok would be a jump, the sharper of the two alternatives the essay names); it stays on the page as a measurement. Bimodality of test accuracy across seeds and hysteresis, the signatures of a first-order transition (arXiv 2310.03789), are P2's and P3's business.`,
  deviations: `Issue 13 (2026-11-23): the first recording tested only the "discontinuous" half of "either continuous or discontinuous" and called the claim refuted; as quoted the claim cannot be refuted, so the verdict is now untestable and the measurement is kept. The runs are now trained to ${PAST_GROK_47} × t_grok (they stopped 50 steps after it); the width reads the rise, which ends before t_grok, so the change does not move it.`,
  base: QUADRATIC_47_PAST_GROK,
  arms: { 'a+b': {} },
  predictions: [
    oneSample({ name: 'test accuracy rises from 10% to 90% within 10% of t_grok', arm: 'a+b', metric: width, lessThan: 0.1 }),
  ],
  recorded: 'untestable',
});
