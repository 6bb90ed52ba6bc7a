/**
 * grokcheck's public surface: what hypothesis files import. A hypothesis reads like a short protocol:
 * `hypothesis({ id, quote, source, base, arms, predictions, recorded })`.
 */
export { hypothesis } from './report/hypothesis.ts';
export { verifyClaim, runClaim, recordVerdict, type ClaimOutcome, type Sink, type VerifyResult } from './report/verifyClaim.ts';
export { defineClaim, type ClaimSpec, type Claim, type Figure } from './claims/claim.ts';
export { recipe, type Recipe } from './claims/recipe.ts';
export { control, preconditions, type Control, type Precondition, type Expected } from './claims/controls.ts';
export type { TuneSpec, Tuning } from './claims/tune.ts';
export { metrics, type Metric } from './claims/metrics.ts';
export { atSome, bimodal, compare, oneSample, proportion, supportOnly, trend, worstCase, type Prediction } from './claims/predictions/index.ts';
export type { Status, Evidence, TestOutcome } from './claims/evidence.ts';
export type { Verdict } from './claims/verdict.ts';
export type { RunConfig, RunConfigInput } from './train/config.ts';
export type { Trajectory, EvalRecord } from './train/trajectory.ts';
export { train } from './train/train.ts';
export { replay } from './train/replay.ts';
export { run } from './runs/run.ts';
export { histogram, profiles, scatter } from './report/plots.ts';
export { dip, dipTest, median, relaxationFits } from './stats/index.ts';
export { registerProbe, type Probe } from './probes/index.ts';
export { cloudRows, coordinationNumbers, correlationDegrees, principalPlane, shuffleColumns } from './probes/coordination.ts';
export { registerOptimizer } from './optim/recipes.ts';
export { registerModel } from './models/index.ts';
