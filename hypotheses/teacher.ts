import type { ClaimSpec, Prediction } from '../src/index.ts';
import { TEACHER_CI, TEACHER_FULL, type TeacherScale, teacherArms, teacherMF, teacherScaleNote } from './shared.ts';
import { alignedPhaseControl, teacherPreconditions } from './preconditions.ts';

/**
 * The protocol P1, P2 and P4 share (issue 16): the mean-field teacher-student sweep at CI scale (their runs are the
 * same runs), with its control and preconditions, and the same at full scale as a fullScaleOnly regime. `predictions`
 * builds the claim's predictions for a scale; `fullNote` says what the full-scale regime adds.
 */
export function teacherProtocol(predictions: (s: TeacherScale) => Prediction[], fullNote: string): Pick<ClaimSpec, 'base' | 'arms' | 'controls' | 'preconditions' | 'predictions' | 'full' | 'regimes'> {
  return {
    base: teacherMF(TEACHER_CI, TEACHER_CI.checkN),
    arms: teacherArms(TEACHER_CI),
    controls: [alignedPhaseControl(TEACHER_CI)],
    preconditions: teacherPreconditions(TEACHER_CI),
    predictions: predictions(TEACHER_CI),
    // --scale full keeps this regime as it is (its runs cached) and adds the full-scale one
    full: { base: {}, seeds: TEACHER_CI.seeds },
    regimes: [{
      name: 'mean field, d = 24 (full scale)', fullScaleOnly: true,
      regime: `${teacherScaleNote(TEACHER_FULL)} ${fullNote}`,
      base: teacherMF(TEACHER_FULL, TEACHER_FULL.checkN), arms: teacherArms(TEACHER_FULL), seeds: TEACHER_FULL.seeds,
      controls: [alignedPhaseControl(TEACHER_FULL)], preconditions: teacherPreconditions(TEACHER_FULL), predictions: predictions(TEACHER_FULL),
    }],
  };
}
