import { hypothesis, metrics, oneSample, trend } from '../src/index.ts';
import type { Precondition } from '../src/index.ts';
import { TEACHER_CI, TEACHER_FULL, type TeacherScale, nArm, teacherLate, teacherScaleNote } from './shared.ts';
import { ALIGNED_METRIC, gaussianPhaseResolved, teacherPreconditions } from './preconditions.ts';
import { teacherProtocol } from './teacher.ts';

/** P1 — three phases GFL → GMFL-I → GMFL-II along n in the teacher-student model. Re-registered 2026-11-24 (issue 16). */
const aligned = metrics.custom(ALIGNED_METRIC, teacherLate('aligned'));

const predictions = (s: TeacherScale) => [
  trend({ name: 'the aligned fraction rises with n', arms: s.ns.map(nArm), doses: [...s.ns], dose: 'n', logDose: true, metric: aligned, direction: 'increasing' }),
  oneSample({ name: `Gaussian phase (GFL) at n = ${s.ns[0]}`, arm: nArm(s.ns[0]), metric: aligned, lessThan: 0.1 }),
];
/** P1 also needs the phases to be distinguishable: GFL Gaussian at the smallest n. */
const resolved = (s: TeacherScale, p: readonly Precondition[] = []) => [...p, gaussianPhaseResolved(nArm(s.ns[0]))];

export default hypothesis({
  id: 'P1',
  title: 'three phases (Gaussian → mixed → specialized) as the sample size grows',
  quote: 'Grokking manifests as a first-order phase transition with three distinct learning phases in two-layer networks … Gaussian feature learning (GFL), mixed Gaussian phase I (GMFL-I), and mixed Gaussian phase II (GMFL-II)',
  source: { seed: '003_0789360943425cef.txt', section: 'Key Results; Mechanism 1', paper: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789' },
  topic: 'First-order transition',
  regimeName: 'mean field, d = 16',
  regime: `${teacherScaleNote(TEACHER_CI)} The order parameter is the paper's: the first-layer weights along the teacher direction, uᵢ = √d·(wᵢ·w*) in prior standard deviations; a unit is aligned when |uᵢ| ≥ 3 (prior probability 0.27%). GFL keeps the uᵢ one Gaussian about 0 (aligned fraction ≈ 0), the mixed phase GMFL-I adds modes at ±q (a fraction of the units), GMFL-II has only ±q (≈ all units). Read as the posterior average over the second half of the sampling. Predictions: (1) the aligned fraction rises with n (Jonckheere–Terpstra, a Sen slope per log n tested against 0 each way); (2) GFL at the smallest n (< 0.1). Precondition particular to P1: the phases are distinguishable at this d — the paper's GFL has Gaussian weights along w* (its saddle-point analysis needs d ≫ 1), so the uᵢ at the smallest n must have a Gaussian's kurtosis E[u⁴]/E[u²]² (median ≥ 2.7; 2.91 for a Gaussian sample of 64); otherwise a growing aligned fraction cannot be told from GFL's Gaussian widening along w* and the verdict is inconclusive. Positive control: the aligned phase appears at the largest n (≥ 0.1, 37× the prior's share). Preconditions: the transition is reached (median ≥ 0.2 at the largest n) and sampling equilibrated (a start with every unit aligned reaches the same fraction). At this scale the largest n reaches the mixed phase; GMFL-II (≥ 0.9 aligned) is tested at full scale only.`,
  deviations: 'Issue 16 (2026-11-24), after the d = 8 regime (standard scaling, 32 units, n ≤ 384, 2500 steps) never reached the transition (median fraction with |cos| ≥ 0.8: 0.05 at n = 384; inconclusive): replaced by the mean-field regime above, its arms, σ², a₃ and step count fixed by two-seed pilots (seeds 0–1) before the 8-seed runs; the order parameter is now the projection on w* (the paper\'s), not the cosine, which a unit aligned at the prior\'s norm never passes at small d (cos = h/√(h² + |w⊥|²) ≈ 0.7); GMFL-II, which needs n beyond CI\'s reach, moved to the full-scale regime. After the first 8-seed run (same day): the aligned fraction alone cannot tell a mixture from the one Gaussian of GFL grown wide along w* (a Gaussian of sd 2.7 has 27% beyond 3), so a prediction on the kurtosis of the uᵢ (< 2.5 at n = 256; three pilot seeds had 2.1) was added; the second 8-seed run showed it does not discriminate: the kurtosis is already 2.5 (median; 2.46–2.98) at n = 16, where almost no unit is aligned, against 2.0 at n = 256. It was withdrawn, and P1 instead requires, as a precondition, that GFL be Gaussian at the smallest n (kurtosis ≥ 2.7): at d = 16 it is not, so the CI verdict is inconclusive; d = 24 (full scale) must decide. A calibration check (2026-11-24, issue 13; no change made; corrected the same day on an independent referee\'s reading): the statistic is the median over 8 seeds of each seed\'s kurtosis averaged over its 4 late evaluations. Under a Gaussian null its 5% quantile is 2.72 (N = 64; 2.78 for N = 96) if those evaluations are independent, and 2.54 (2.62) if they are identical; a Gaussian falls below 2.7 in 3% (0.3%) of simulations in the first case, 26% (14%) in the second. The bar 2.7 lies within that range and is kept as registered. The CI reading, 2.54, is at or beyond the null\'s 5% quantile in either case: at d = 16 the uᵢ at the smallest n are not Gaussian. The full-scale reading at n = 24 (2.83) clears the bar.',
  ...teacherProtocol(predictions, ''),
  preconditions: resolved(TEACHER_CI, teacherPreconditions(TEACHER_CI)),
  regimes: teacherProtocol((s) => [...predictions(s), oneSample({ name: `specialized phase (GMFL-II) at n = ${s.ns.at(-1)}`, arm: nArm(s.ns.at(-1)!), metric: aligned, greaterThan: 0.9 })],
    'Same order parameter, control and preconditions; adds (3) GMFL-II at the largest n (aligned fraction ≥ 0.9).').regimes!.map((r) => ({ ...r, preconditions: resolved(TEACHER_FULL, r.preconditions) })),
  recorded: 'inconclusive',
});
