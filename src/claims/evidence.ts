/**
 * The verdicts a claim (or one of its predictions) can reach; 'untestable' is a claim's only, declared with the
 * reason no outcome could refute it as quoted.
 */
export type Status = 'supported' | 'refuted' | 'inconclusive' | 'untestable';

/** What a pre-registered test returns for its data, before the decision rule. */
export interface TestOutcome {
  /** e.g. "Mann–Whitney U, one-sided". */
  test: string;
  statistic: number;
  /** p-value of the test in the claimed direction. */
  p: number;
  /** p-value of the same test in the opposite direction. */
  pOpposite: number;
  effect: { name: string; estimate: number; ci: [number, number] };
  /** The smallest effect that matters, in the effect's units, and on which side the claim puts it. */
  threshold: number;
  direction: 'greater' | 'less';
  /** Runs per arm that entered the test, and runs excluded (metric undefined). */
  n: Record<string, number>;
  excluded: number;
}

/** One prediction's evidence after the multiplicity adjustment and the decision rule. */
export interface Evidence extends TestOutcome {
  prediction: string;
  protocol: string;
  pAdjusted: number;
  pOppositeAdjusted: number;
  status: Status;
  /** For an inconclusive prediction: seeds per arm a power estimate says a decision would need (null: more than tried). */
  seedsNeeded?: number | null;
}
