import type { Trajectory } from '../../train/trajectory.ts';
import type { Metric } from '../metrics.ts';
import { proportionThreshold } from '../thresholdTests.ts';
import { type Prediction, defined, fmt } from './prediction.ts';

/**
 * "An event (e.g. grokking within the budget) happens more often in arm a than in arm b, by at least
 * minDifference": an exact unconditional test of the difference of rates against that threshold, one-sided
 * each way, with the CI that inverts it (src/claims/thresholdTests.ts).
 */
export function proportion(o: { name: string; arms: [string, string]; event: string; happened: (t: Trajectory) => boolean; direction: 'greater' | 'less'; minDifference: number }): Prediction {
  const [a, b] = o.arms;
  const metric: Metric = { name: o.event, log: false, of: (t) => (o.happened(t) ? 1 : 0) };
  const threshold = o.direction === 'greater' ? o.minDifference : -o.minDifference;
  return {
    name: o.name, arms: o.arms, metric,
    protocol: `rate of "${o.event}": '${a}' ${o.direction === 'greater' ? '>' : '<'} '${b}' by at least ${fmt(o.minDifference)}; exact unconditional test of the difference of rates against ${fmt(threshold)}, one-sided each way; effect = difference of rates with the 95% CI inverting it.`,
    test(values, { level }) {
      const x = defined(values[a]), y = defined(values[b]);
      const ka = x.filter((v) => v === 1).length, kb = y.filter((v) => v === 1).length;
      const t = proportionThreshold(ka, x.length, kb, y.length, { threshold, direction: o.direction, level });
      return {
        test: t.test, statistic: t.statistic, p: t.p, pOpposite: t.pAgainst,
        effect: { name: `difference in rate of ${o.event} (${a} − ${b})`, estimate: t.effect.estimate, ci: t.effect.ci },
        threshold, direction: o.direction,
        n: { [a]: x.length, [b]: y.length }, excluded: values[a].length + values[b].length - x.length - y.length,
      };
    },
  };
}
