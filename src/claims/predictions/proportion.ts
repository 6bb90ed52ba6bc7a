import { fisherExact } from '../../stats/fisherExact.ts';
import { wilson } from '../../stats/wilson.ts';
import type { Trajectory } from '../../train/trajectory.ts';
import type { Metric } from '../metrics.ts';
import { type Prediction, defined, fmt } from './prediction.ts';

/**
 * "An event (e.g. grokking within the budget) happens more often in arm a than in arm b": Fisher's exact
 * test, one-sided; effect = difference of rates with Newcombe's hybrid-score CI (from Wilson intervals);
 * minDifference is the smallest difference that matters.
 */
export function proportion(o: { name: string; arms: [string, string]; event: string; happened: (t: Trajectory) => boolean; direction: 'greater' | 'less'; minDifference: number }): Prediction {
  const [a, b] = o.arms;
  const metric: Metric = { name: o.event, log: false, of: (t) => (o.happened(t) ? 1 : 0) };
  return {
    name: o.name, arms: o.arms, metric,
    protocol: `rate of "${o.event}": '${a}' ${o.direction === 'greater' ? '>' : '<'} '${b}' by at least ${fmt(o.minDifference)}; Fisher's exact test, one-sided; effect = difference of rates with Newcombe's 95% CI.`,
    test(values) {
      const x = defined(values[a]), y = defined(values[b]);
      const ka = x.filter((v) => v === 1).length, kb = y.filter((v) => v === 1).length;
      const opposite = o.direction === 'greater' ? 'less' : 'greater';
      const wa = wilson(ka, x.length), wb = wilson(kb, y.length), d = wa.rate - wb.rate;
      const lo = d - Math.hypot(wa.rate - wa.ci[0], wb.ci[1] - wb.rate), hi = d + Math.hypot(wa.ci[1] - wa.rate, wb.rate - wb.ci[0]);
      return {
        test: "Fisher's exact, one-sided", statistic: ka,
        p: fisherExact(ka, x.length - ka, kb, y.length - kb, o.direction).p,
        pOpposite: fisherExact(ka, x.length - ka, kb, y.length - kb, opposite).p,
        effect: { name: `difference in rate of ${o.event} (${a} − ${b})`, estimate: d, ci: [lo, hi] },
        threshold: o.direction === 'greater' ? o.minDifference : -o.minDifference, direction: o.direction,
        n: { [a]: x.length, [b]: y.length }, excluded: values[a].length + values[b].length - x.length - y.length,
      };
    },
  };
}
