import { medianCI } from '../../stats/bootstrap.ts';
import { wilcoxonSignedRank } from '../../stats/wilcoxon.ts';
import { MAIN_ARM } from '../claim.ts';
import type { Metric } from '../metrics.ts';
import { type Prediction, defined, fmt } from './prediction.ts';

/**
 * "The metric in this arm lies above (or below) a threshold": a one-sample Wilcoxon signed-rank test of
 * the values against the threshold (on the log scale for log metrics), with the median and its bootstrap
 * CI as the effect. The threshold is the smallest value that would bear the claim out.
 */
export function oneSample(given: { name: string; arm?: string; metric: Metric; greaterThan?: number; lessThan?: number }): Prediction {
  const o = { ...given, arm: given.arm ?? MAIN_ARM };
  const direction = o.greaterThan !== undefined ? 'greater' : 'less';
  const threshold = (o.greaterThan ?? o.lessThan)!;
  if (threshold === undefined || (o.greaterThan !== undefined && o.lessThan !== undefined)) {
    throw new Error(`oneSample '${o.name}': give exactly one of greaterThan / lessThan`);
  }
  const tr = (x: number) => (o.metric.log ? Math.log(x) - Math.log(threshold) : x - threshold);
  return {
    name: o.name, arms: [o.arm], metric: o.metric,
    protocol: `${o.metric.name} in arm '${o.arm}' ${direction === 'greater' ? '>' : '<'} ${fmt(threshold)}: one-sample Wilcoxon signed-rank test${o.metric.log ? ' on the log scale' : ''}, one-sided; effect = median ${o.metric.name} with a 95% bootstrap CI.`,
    test(values, { seed, B }) {
      const all = values[o.arm], x = defined(all), d = x.map(tr);
      const opposite = direction === 'greater' ? 'less' : 'greater';
      const { estimate, ci } = medianCI(x, { seed, B });
      return {
        test: 'Wilcoxon signed-rank, one-sample, one-sided',
        statistic: wilcoxonSignedRank(d, direction).statistic,
        p: wilcoxonSignedRank(d, direction).p, pOpposite: wilcoxonSignedRank(d, opposite).p,
        effect: { name: `median ${o.metric.name}`, estimate, ci }, threshold, direction,
        n: { [o.arm]: x.length }, excluded: all.length - x.length,
      };
    },
  };
}
