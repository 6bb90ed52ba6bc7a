import { compare, hypothesis, metrics } from '../src/index.ts';
import { ALIGNED_START, TEACHER_CI, TEACHER_FULL, type TeacherScale, teacherEnd, teacherMF, teacherScaleNote } from './shared.ts';
import { equilibrated, transitionReached } from './preconditions.ts';
import { control, oneSample } from '../src/index.ts';

/** P5 — a bias breaks the reflection symmetry and favours one saddle. Re-registered 2026-11-24 (issue 16). */
const asym = metrics.custom('asymmetry |mean sign(w·w*)| of aligned units, at the end', teacherEnd('alignedAsym'));
const alignedLate = metrics.custom('fraction of hidden units aligned with the teacher, at the end', teacherEnd('aligned'));

/** Arms at checkN: no bias (P1's arm), a bias of 0.5, and P1's aligned start (the equilibration check). */
const arms = (s: TeacherScale) => ({ 'bias 0.5': teacherMF(s, s.checkN, { hiddenBias: 0.5 }), 'no bias': teacherMF(s, s.checkN), [ALIGNED_START(s)]: teacherMF(s, s.checkN, { start: 'aligned' }) });
const regimeParts = (s: TeacherScale) => ({
  base: teacherMF(s, s.checkN), arms: arms(s),
  controls: [control({
    name: `the specialized phase appears without the bias (aligned fraction ≥ 0.1 at n = ${s.checkN})`,
    expected: { value: 'after the transition the weights sit at the saddles ±q along the teacher, symmetric under w → −w without a bias (sec. 3.1)', cite: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789' },
    prediction: oneSample({ name: 'aligned phase without bias', arm: 'no bias', metric: alignedLate, greaterThan: 0.1 }),
  })],
  preconditions: [transitionReached('no bias'), equilibrated('no bias', ALIGNED_START(s))],
  predictions: [compare({ name: 'the bias makes the overlaps one-sided', arms: ['bias 0.5', 'no bias'], metric: asym, direction: 'greater', effect: 'difference', minEffect: 0.3, paired: true })],
});

export default hypothesis({
  id: 'P5',
  title: 'a bias breaks the reflection symmetry of the weight overlaps',
  quote: 'due to our choice of activation function, weights acquire a reflection symmetry … Breaking this symmetry, by adding say a weak bias, would make one of the new saddles more favourable',
  source: { seed: '003_0789360943425cef.txt', section: 'Open Question 2', paper: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789' },
  topic: 'First-order transition',
  regimeName: 'mean field, d = 16',
  regime: `P1's mean-field network at n = ${TEACHER_CI.checkN} (its runs shared), and the same with a fixed bias b = 0.5 added to every hidden pre-activation. ${teacherScaleNote(TEACHER_CI)} Without a bias, erf is odd and (wᵢ, aᵢ) → (−wᵢ, −aᵢ) leaves the network unchanged, so the aligned units split evenly between w·w* ≈ +q and −q; the paper conjectures that a bias makes one sign win. Metric: asymmetry |mean sign(wᵢ·w*)| over the aligned units (|√d·wᵢ·w*| ≥ 3) of the last sample: 0 for an even split, 1 for one-sided. Prediction: the bias raises the asymmetry by at least 0.3, paired by seed. Runs with no aligned unit have no asymmetry and are excluded (counted in the report). Noted before the runs: with x ~ N(0, I) symmetric and an odd target, (w, a, b) → (−w, −a, −b) maps the loss on the data set to the loss on its reflection, so the two saddles stay degenerate in expectation over data sets even with b ≠ 0; the test is of the conjecture as stated (a bias on the hidden units), and a refutation here says the hidden bias alone does not choose a side.`,
  deviations: 'Issue 16 (2026-11-24): the d = 8 standard-scaling regime never reached the transition (inconclusive); replaced by the mean-field regime of P1 at its largest n, fixed by two-seed pilots before the 8-seed runs; the order parameter is the projection on w*, not the cosine.',
  ...regimeParts(TEACHER_CI),
  full: { base: {}, seeds: TEACHER_CI.seeds },
  regimes: [{ name: 'mean field, d = 24 (full scale)', fullScaleOnly: true, regime: `${teacherScaleNote(TEACHER_FULL)} Bias arm at n = ${TEACHER_FULL.checkN}.`, seeds: TEACHER_FULL.seeds, ...regimeParts(TEACHER_FULL) }],
  recorded: 'refuted',
});
