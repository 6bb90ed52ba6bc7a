import { median, preconditions } from '../src/index.ts';
import type { Precondition } from '../src/index.ts';
import { WL_SAMPLER, teacherEnd } from './shared.ts';

/*
 * Preconditions shared by the statistical-physics claims (issue 13: an unmet precondition — transition not
 * reached, sampler not mixing — makes a verdict inconclusive, never refuted).
 */

/**
 * The teacher-student claims speak of the specialization transition; "no phase", "no jump" or "no asymmetry"
 * says nothing unless the transition lies inside the swept range: at the largest n (arm `arm`), the median run has
 * at least a quarter of its hidden units specialized (|cos(w, w*)| ≥ 0.8).
 */
export const transitionReached = (arm: string): Precondition =>
  preconditions.custom(`the specialization transition is reached in '${arm}' (median fraction of units specialized ≥ 0.25)`, (runs) => {
    const m = median(runs[arm].map((t) => teacherEnd('specialized')(t)));
    return m >= 0.25 ? null : `the median fraction of specialized units in '${arm}' is ${m.toFixed(3)}: the swept range of n ends before the transition`;
  });

/**
 * A Wang–Landau estimate of the density of states means something only once the walk converged: its modification
 * factor ln f came down to the target (WL_SAMPLER.lnfFinal) within the move budget, in every run of the arm.
 */
export const samplerConverged = (arm: string): Precondition =>
  preconditions.custom(`the Wang–Landau walk converged in '${arm}' (ln f ≤ ${WL_SAMPLER.lnfFinal} in every run)`, (runs) => {
    const stuck = runs[arm].map((t, seed) => ({ seed, lnf: t.evals.at(-1)?.['wl:lnf'] ?? Infinity })).filter((r) => !(r.lnf <= WL_SAMPLER.lnfFinal * (1 + 1e-9)));
    return stuck.length ? `${stuck.length}/${runs[arm].length} walks stopped at the move budget before ln f reached ${WL_SAMPLER.lnfFinal} (seeds ${stuck.map((r) => r.seed).join(', ')})` : null;
  });
