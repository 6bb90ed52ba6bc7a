import type { Status, TestOutcome } from './evidence.ts';

/**
 * The symmetric decision rule: refutation passes the same bar as support.
 * - supported: the Holm-adjusted p of the test against the threshold in the claimed direction is < α, and
 *   the effect's CI lies wholly beyond the threshold on the claimed side;
 * - refuted: the Holm-adjusted p of the same test against the threshold in the opposite direction
 *   (H₀: the effect reaches the threshold) is < α, and the CI lies wholly on the other side of it;
 * - inconclusive otherwise (including a CI that touches or straddles the threshold).
 * Unlike the rule before issue 13, a CI alone never refutes, and `pOpposite` must be a test
 * against the threshold itself, not of "no difference" read backwards: build the outcome with
 * src/claims/thresholdTests.ts (its `pAgainst` is this `pOpposite`). Each error rate is then ≤ α when the
 * true effect sits exactly on the threshold (decision.test.ts measures both), and Holm across a claim's
 * predictions, run separately over the p's and over the pAgainst's, keeps the claim-level rates ≤ α.
 */
export function decide(o: TestOutcome, pAdjusted: number, pOppositeAdjusted: number, alpha: number): Status {
  if (pAdjusted < alpha && ciBeyond(o)) return 'supported';
  if (pOppositeAdjusted < alpha && ciShort(o)) return 'refuted';
  return 'inconclusive';
}

/** The effect's CI lies wholly beyond the threshold, on the claimed side. */
export const ciBeyond = (o: TestOutcome): boolean => o.effect.ci.every((v) => (o.direction === 'greater' ? v > o.threshold : v < o.threshold));
/** The effect's CI lies wholly short of the threshold, on the other side. */
export const ciShort = (o: TestOutcome): boolean => o.effect.ci.every((v) => (o.direction === 'greater' ? v < o.threshold : v > o.threshold));
