/** One evaluation: after `step` updates. Probe values are added under their own keys (gradNorm, gradNorm:W1, …). */
export interface EvalRecord {
  step: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  [probe: string]: number;
}

/** A run's outcome: plain numbers only, JSON-serializable, what the statistics and the report read. */
export interface Trajectory {
  evals: EvalRecord[];
  /** First evaluated step with train acc ≥ markers.mem; null if never (censored at the budget). */
  tMem: number | null;
  /** First evaluated step with test acc ≥ markers.grok; null if never (censored at the budget). */
  tGrok: number | null;
  /** Set when the loss became NaN/Inf, with the step it happened at. */
  diverged: { step: number } | null;
  stopReason: 'budget' | 'converged' | 'diverged';
  /** Updates performed. */
  steps: number;
  /** Mean wall time of one training step (forward, backward, update), evaluations excluded. */
  msPerStep: number;
  wallMs: number;
}
