/** The three verdicts a claim (or one of its predictions) can reach. */
export type Status = 'supported' | 'refuted' | 'inconclusive';

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

/**
 * The decision rule, written once and used by every claim:
 * - supported: significant in the claimed direction (adjusted p < α) and the effect's CI lies wholly on
 *   the claimed side of the smallest effect that matters;
 * - refuted: significant in the opposite direction, or the CI lies wholly on the other side of that
 *   threshold (e.g. the whole CI of a speed-up ratio below the claimed 2×);
 * - inconclusive otherwise.
 */
export function decide(o: TestOutcome, pAdjusted: number, pOppositeAdjusted: number, alpha: number): Status {
  const [lo, hi] = o.effect.ci;
  const claimed = (x: number) => (o.direction === 'greater' ? x > o.threshold : x < o.threshold);
  const clears = claimed(lo) && claimed(hi);
  const excludes = o.direction === 'greater' ? hi < o.threshold : lo > o.threshold;
  if (pAdjusted < alpha && clears) return 'supported';
  if (pOppositeAdjusted < alpha || excludes) return 'refuted';
  return 'inconclusive';
}
