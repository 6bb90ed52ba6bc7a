import { control, median, metrics, oneSample, preconditions } from '../src/index.ts';
import type { Precondition } from '../src/index.ts';
import { ALIGNED_START, type TeacherScale, WL_SAMPLER, nArm, teacherLate } from './shared.ts';

/*
 * Preconditions shared by the statistical-physics claims (issue 13: an unmet precondition — transition not
 * reached, sampler not mixing — makes a verdict inconclusive, never refuted).
 */

/**
 * The teacher-student claims speak of the specialization transition; "no phase", "no jump" or "no asymmetry"
 * says nothing unless the transition lies inside the swept range: at the largest n (arm `arm`), the median run has
 * at least a fifth of its hidden units aligned with the teacher (|√d·w·w*| ≥ 3, averaged over the second half of
 * the sampling; the prior puts 0.27% there).
 */
export const transitionReached = (arm: string): Precondition =>
  preconditions.custom(`the specialization transition is reached in '${arm}' (median fraction of units aligned ≥ 0.2)`, (runs) => {
    const m = median(runs[arm].map((t) => teacherLate('aligned')(t)));
    return m >= 0.2 ? null : `the median fraction of aligned units in '${arm}' is ${m.toFixed(3)}: the swept range of n ends before the transition`;
  });

/**
 * Langevin sampling reached equilibrium: two starts on either side of the transition — the random init (`arm`)
 * and every unit aligned with w* (`alignedArm`, task.start 'aligned'), same data and seeds — end with the same
 * order-parameter distribution: the medians over seeds of the aligned fraction (second-half average) differ by at
 * most 0.1, and in no more than one seed do the two starts differ by more than 0.25. A first-order transition can
 * trap a sampler in the phase it started in (hysteresis); then the two starts disagree and nothing is decided.
 */
export const equilibrated = (arm: string, alignedArm: string): Precondition =>
  preconditions.custom(`Langevin sampling equilibrated: '${arm}' and '${alignedArm}' reach the same aligned fraction (medians within 0.1)`, (runs) => {
    const a = runs[arm].map(teacherLate('aligned')), b = runs[alignedArm].map(teacherLate('aligned'));
    const gap = Math.abs(median(a) - median(b)), far = a.filter((x, i) => Math.abs(x - b[i]) > 0.25).length;
    return gap <= 0.1 && far <= 1 ? null
      : `the two starts disagree: median aligned fraction ${median(a).toFixed(3)} (random init) vs ${median(b).toFixed(3)} (aligned start), ${far} seed(s) apart by > 0.25: the sampler did not equilibrate`;
  });

/**
 * A Wang–Landau estimate of the density of states means something only once the walk converged: its modification
 * factor ln f came down to the target (`lnfFinal`, by default WL_SAMPLER's) within the move budget, in every run of the arm.
 */
export const samplerConverged = (arm: string, lnfFinal: number = WL_SAMPLER.lnfFinal, firstSeed = 0): Precondition =>
  preconditions.custom(`the Wang–Landau walk converged in '${arm}' (ln f ≤ ${lnfFinal} in every run)`, (runs) => {
    const stuck = runs[arm].map((t, i) => ({ seed: firstSeed + i, lnf: t.evals.at(-1)?.['wl:lnf'] ?? Infinity })).filter((r) => !(r.lnf <= lnfFinal * (1 + 1e-9)));
    return stuck.length ? `${stuck.length}/${runs[arm].length} walks stopped at the move budget before ln f reached ${lnfFinal} (seeds ${stuck.map((r) => r.seed).join(', ')})` : null;
  });

/** The mean-field order parameter's metric name (P1's metric, the control's). */
export const ALIGNED_METRIC = 'fraction of hidden units aligned with the teacher (|√d·w·w*| ≥ 3), second-half average';

/** The specialized phase appears at the largest n: the positive control of P1, P2, P4 and P5 (issue 16). */
export const alignedPhaseControl = (s: TeacherScale) => control({
  name: `the specialized phase appears in the swept range (aligned fraction ≥ 0.1 at n = ${s.ns.at(-1)})`,
  expected: { value: 'the cubic component is learned after a first-order transition, at n ≈ 6,000 at the paper\'s scale, two orders of magnitude before the GP limit (sec. 3.1.2)', cite: 'Rubin, Seroussi & Ringel (2023), arXiv 2310.03789' },
  prediction: oneSample({ name: 'aligned phase at the largest n', arm: nArm(s.ns.at(-1)!), metric: metrics.custom(ALIGNED_METRIC, teacherLate('aligned')), greaterThan: 0.1 }),
});
/** The preconditions of every mean-field teacher-student regime: transition reached, sampler equilibrated (at checkN and every alsoCheck). */
export const teacherPreconditions = (s: TeacherScale) => [transitionReached(nArm(s.ns.at(-1)!)),
  ...[s.checkN, ...(s.alsoCheck ?? [])].map((n) => equilibrated(nArm(n), ALIGNED_START(s, n)))];

/**
 * The phases can be told apart at this scale only if GFL looks like GFL: the paper's Gaussian phase has Gaussian
 * weights along w* (its saddle-point analysis needs d ≫ 1), so at the smallest n (arm `arm`) the kurtosis of the
 * uᵢ = √d·wᵢ·w* must be Gaussian's: median (second-half average) ≥ 2.7; a Gaussian sample of N = 64 gives
 * 3N/(N + 2) = 2.91 on average. Below that, the mixture and the Gaussian phase overlap at this d, and the aligned
 * fraction alone cannot say which phase a state is in.
 */
export const gaussianPhaseResolved = (arm: string): Precondition =>
  preconditions.custom(`the Gaussian phase is resolved at this d: the uᵢ in '${arm}' are Gaussian (median kurtosis ≥ 2.7)`, (runs) => {
    const k = median(runs[arm].map(teacherLate('projKurtosis')));
    return k >= 2.7 ? null : `the median kurtosis of the uᵢ in '${arm}' is ${k.toFixed(2)}, not the Gaussian's 2.9: at this d the weights along w* are non-Gaussian already where almost no unit is aligned, so GFL and the mixed phase cannot be told apart`;
  });
