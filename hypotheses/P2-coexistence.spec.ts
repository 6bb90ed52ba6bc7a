import { compare, hypothesis, metrics, oneSample } from '../src/index.ts';
import { TEACHER_8, TEACHER_ARMS, TEACHER_SCALE_NOTE, teacherEnd } from './shared.ts';
import { transitionReached } from './preconditions.ts';

/** P2 — the transition is first order: coexistence (a bimodal order parameter) at threshold. Pre-registered 2026-11-23. */
export default hypothesis({
  id: 'P2',
  title: 'first-order coexistence: the order parameter is bimodal at threshold',
  quote: 'A first-order phase transition then amounts to a point where two distinct saddles become degenerate (in action value) … after Grokking, the state of the DNN is analogous to the mixed phase following a first-order phase transition',
  source: { seed: '003_0789360943425cef.txt', section: 'Mechanism 1 (section 2.4 of the paper)', paper: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789' },
  topic: 'First-order transition',
  regime: `P1's runs (teacher-student, d = 8, 32 erf units, Langevin). At coexistence some units sit at the w ≈ 0 saddle and others at |cos(w, w*)| ≈ q > 0, so the distribution of |cᵢ| over the units of one network is bimodal; on either side of the threshold it has one mode. The threshold arm is n = 384, fixed from the two-seed pilot (the only n where about half the units were aligned). Predictions: (1) bimodal at threshold: the dip test of the 32 |cᵢ| rejects unimodality, its p below 0.05 (median over seeds); (2) a jump in the mean: mean |cᵢ| at n = 384 at least 1.5× its value at n = 128, paired by seed. ${TEACHER_SCALE_NOTE}`,
  deviations: 'Issue 13 (2026-11-23), after the first verdict: added the precondition above (the specialization transition lies inside the swept range of n); unmet, the verdict is inconclusive rather than refuted. Tests unchanged. None. A limitation seen after the first run, not a change: at this scale few hidden units align with the teacher at all (median fraction with |cos| ≥ 0.8: 0.06 at n = 32, 0.05 at n = 384), so every n tested stayed in what the paper would call the Gaussian phase; the two-seed pilot had read alignment at the looser |cos| ≥ 0.6. A follow-up should pre-register a larger n range, longer sampling and the mean-field scaling of the paper.',
  base: TEACHER_8,
  arms: TEACHER_ARMS,
  preconditions: [transitionReached('n=384')],
  predictions: [
    oneSample({ name: 'the overlaps are bimodal at threshold (dip test)', arm: 'n=384', metric: metrics.custom('dip-test p of |cos(wᵢ, w*)| over units, at the end', teacherEnd('dipP'), true), lessThan: 0.05 }),
    compare({ name: 'the mean overlap jumps between n = 128 and n = 384', arms: ['n=384', 'n=128'], metric: metrics.custom('mean |cos(wᵢ, w*)| at the end', teacherEnd('meanAbsCos'), true), direction: 'greater', effect: 'ratio', minEffect: 1.5, paired: true }),
  ],
  recorded: 'inconclusive',
});
