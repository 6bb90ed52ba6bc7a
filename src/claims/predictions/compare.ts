import { bootstrapCI } from '../../stats/bootstrap.ts';
import { median } from '../../stats/median.ts';
import { mannWhitney } from '../../stats/mannWhitney.ts';
import { wilcoxonSignedRank } from '../../stats/wilcoxon.ts';
import type { Metric } from '../metrics.ts';
import { type Prediction, defined, fmt, pairs } from './prediction.ts';

/**
 * "The metric is larger (or smaller) in arm a than in arm b, by at least minEffect": a one-sided
 * Mann–Whitney U test (or, with `paired`, a Wilcoxon signed-rank test on the per-seed differences, for arms
 * that share splits and inits), with the effect as a ratio of medians (or a difference) and its bootstrap
 * CI. minEffect is in the effect's units: a ratio of 2 means "at least twice as large"; direction 'less'
 * with ratio 0.5 means "at most half" (e.g. a 2× speed-up of t_grok). With `nonInferiority` the test's null
 * is the threshold itself rather than "no difference" (H0: effect ≤ minEffect, the values shifted by it):
 * a non-inferiority test such as "accuracy no worse than 2 points below".
 */
export function compare(o: {
  name: string; arms: [string, string]; metric: Metric; direction: 'greater' | 'less';
  effect: 'ratio' | 'difference'; minEffect: number; paired?: boolean; nonInferiority?: boolean;
}): Prediction {
  const [a, b] = o.arms;
  const ratio = o.effect === 'ratio';
  const stat = ([x, y]: number[][]) => (ratio ? median(x) / median(y) : median(x) - median(y));
  const pairedStat = ([d]: number[][]) => (ratio ? Math.exp(median(d)) : median(d));
  const shift = o.nonInferiority ? (ratio ? Math.log(o.minEffect) : o.minEffect) : 0;
  const test = (o.paired ? 'Wilcoxon signed-rank on per-seed differences, one-sided' : 'Mann–Whitney U, one-sided') +
    (o.nonInferiority ? `, against the margin ${fmt(o.minEffect)} (non-inferiority)` : '');
  return {
    name: o.name, arms: o.arms, metric: o.metric,
    protocol: `${o.metric.name}: '${a}' ${o.direction === 'greater' ? '>' : '<'} '${b}'; ${test}; effect = ${ratio ? 'ratio' : 'difference'} of ${o.paired ? 'per-seed values (median)' : 'medians'} ('${a}' vs '${b}') with a 95% bootstrap CI; smallest effect that matters: ${fmt(o.minEffect)}.`,
    test(values, { seed, B }) {
      const opposite = o.direction === 'greater' ? 'less' : 'greater';
      let p: number, pOpposite: number, statistic: number, estimate: number, ci: [number, number], n: Record<string, number>, used: number;
      if (o.paired) {
        const [x, y] = pairs(values[a], values[b]);
        const d = x.map((v, i) => (ratio ? Math.log(v) - Math.log(y[i]) : v - y[i])).map((v) => (Number.isNaN(v) ? 0 : v)); // ∞ − ∞: both censored, a tie
        const dt = d.map((v) => v - shift);
        ({ p, statistic } = wilcoxonSignedRank(dt, o.direction));
        pOpposite = wilcoxonSignedRank(dt, opposite).p;
        ({ estimate, ci } = bootstrapCI([d], pairedStat, { seed, B }));
        n = { [a]: x.length, [b]: y.length };
        used = 2 * x.length;
      } else {
        const x = defined(values[a]), y = defined(values[b]);
        const xs = x.map((v) => (ratio ? v / Math.exp(shift) : v - shift));
        const mw = mannWhitney(xs, y, o.direction);
        p = mw.p; statistic = mw.U;
        pOpposite = mannWhitney(xs, y, opposite).p;
        ({ estimate, ci } = bootstrapCI([x, y], stat, { seed, B }));
        n = { [a]: x.length, [b]: y.length };
        used = x.length + y.length;
      }
      return {
        test, statistic, p, pOpposite,
        effect: { name: `${ratio ? 'ratio' : 'difference'} of ${o.metric.name} (${a} vs ${b})`, estimate, ci },
        threshold: o.minEffect, direction: o.direction, n, excluded: values[a].length + values[b].length - used,
      };
    },
  };
}
