import { compare, hypothesis, metrics } from '../src/index.ts';
import { TEACHER_8, TEACHER_SCALE_NOTE, teacherEnd } from './shared.ts';
import { transitionReached } from './preconditions.ts';

/** P5 — a bias breaks the reflection symmetry and favours one saddle. Pre-registered 2026-11-23. */
export default hypothesis({
  id: 'P5',
  title: 'a bias breaks the reflection symmetry of the weight overlaps',
  quote: 'due to our choice of activation function, weights acquire a reflection symmetry … Breaking this symmetry, by adding say a weak bias, would make one of the new saddles more favourable',
  source: { seed: '003_0789360943425cef.txt', section: 'Open Question 2', paper: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789' },
  topic: 'First-order transition',
  regime: `P1's teacher-student network at n = 384 (its runs shared), and the same with a fixed bias b = 0.5 added to every hidden pre-activation. Without a bias, erf is odd and (wᵢ, aᵢ) → (−wᵢ, −aᵢ) leaves the network unchanged, so the specialized units split evenly between cos(wᵢ, w*) ≈ +q and −q; with a bias that map changes the function, and one sign should win. Metric: asymmetry |mean sign(cᵢ)| over the specialized units (|cᵢ| ≥ 0.8): 0 for an even split, 1 for one-sided. Prediction: the bias raises the asymmetry by at least 0.3, paired by seed. Runs with no specialized unit have no asymmetry and are excluded (counted in the report). ${TEACHER_SCALE_NOTE}`,
  deviations: 'Issue 13 (2026-11-23), after the first verdict: added the precondition above (the specialization transition lies inside the swept range of n); unmet, the verdict is inconclusive rather than refuted. Tests unchanged. None. A limitation seen after the first run, not a change: at this scale few hidden units align with the teacher at all (median fraction with |cos| ≥ 0.8: 0.06 at n = 32, 0.05 at n = 384), so every n tested stayed in what the paper would call the Gaussian phase; the two-seed pilot had read alignment at the looser |cos| ≥ 0.6. A follow-up should pre-register a larger n range, longer sampling and the mean-field scaling of the paper.',
  base: TEACHER_8.with({ task: { n: 384 } }),
  arms: { 'bias 0.5': { task: { hiddenBias: 0.5 } }, 'no bias': {} },
  preconditions: [transitionReached('no bias')],
  predictions: [
    compare({ name: 'the bias makes the overlaps one-sided', arms: ['bias 0.5', 'no bias'], metric: metrics.custom('asymmetry |mean sign cos(wᵢ, w*)| of specialized units', teacherEnd('asym')), direction: 'greater', effect: 'difference', minEffect: 0.3, paired: true }),
  ],
  recorded: 'inconclusive',
});
