import { MAIN_ARM } from '../claim.ts';
import type { Metric } from '../metrics.ts';
import { oneSampleThreshold } from '../thresholdTests.ts';
import { type Prediction, fmt } from './prediction.ts';

/**
 * "The metric in this arm lies above (or below) a threshold": a sign test of the median against the threshold,
 * one-sided each way (for support, and for refutation: the median falls short of it), with the median and its
 * exact order-statistic CI as the effect (src/claims/thresholdTests.ts). Exact for any shape, censored values
 * (±Infinity) included; both are invariant to monotone maps, so a log metric needs no log. The threshold is the
 * smallest value that would bear the claim out.
 */
export function oneSample(given: { name: string; arm?: string; metric: Metric; greaterThan?: number; lessThan?: number }): Prediction {
  const o = { ...given, arm: given.arm ?? MAIN_ARM };
  const direction = o.greaterThan !== undefined ? 'greater' : 'less';
  const threshold = (o.greaterThan ?? o.lessThan)!;
  if (threshold === undefined || (o.greaterThan !== undefined && o.lessThan !== undefined)) {
    throw new Error(`oneSample '${o.name}': give exactly one of greaterThan / lessThan`);
  }
  return {
    name: o.name, arms: [o.arm], metric: o.metric,
    protocol: `${o.metric.name} in arm '${o.arm}' ${direction === 'greater' ? '>' : '<'} ${fmt(threshold)}: sign test of the median against ${fmt(threshold)}, one-sided each way; effect = median ${o.metric.name} with its exact order-statistic 95% CI.`,
    test(values, { level }) {
      const t = oneSampleThreshold(values[o.arm], { threshold, direction, level });
      return {
        test: t.test, statistic: t.statistic, p: t.p, pOpposite: t.pAgainst,
        effect: { name: `median ${o.metric.name}`, estimate: t.effect.estimate, ci: t.effect.ci }, threshold, direction,
        n: { [o.arm]: t.n[0] }, excluded: t.excluded,
      };
    },
  };
}
