import { bootstrapCI } from '../../stats/bootstrap.ts';
import { jonckheere, jtStatistic } from '../../stats/jonckheere.ts';
import type { Metric } from '../metrics.ts';
import { type Prediction, defined, fmt } from './prediction.ts';

/** Kendall-type effect of the JT statistic, in [−1, 1]: +1 when every later group lies above every earlier one. */
function tau(groups: number[][], sign: number): number {
  const J = jtStatistic(groups.map((g) => g.map((v) => sign * v)));
  let pairs = 0;
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) pairs += groups[i].length * groups[j].length;
  return (2 * J - pairs) / pairs;
}

/**
 * A dose–response prediction: the metric rises (or falls) along the arms, in the order given (their doses
 * named for the report). Jonckheere–Terpstra trend test, one-sided, by permutation; effect = Kendall-type
 * τ of the JT statistic in the claimed direction, with a bootstrap CI (resampling within arms); minTau is
 * the smallest trend that matters.
 */
export function trend(o: { name: string; arms: string[]; doses: string; metric: Metric; direction: 'increasing' | 'decreasing'; minTau: number }): Prediction {
  const sign = o.direction === 'increasing' ? 1 : -1;
  return {
    name: o.name, arms: o.arms, metric: o.metric,
    protocol: `${o.metric.name} ${o.direction} along ${o.doses} (${o.arms.join(' → ')}): Jonckheere–Terpstra trend test, one-sided (permutation p); effect = JT τ in the claimed direction with a 95% bootstrap CI; smallest effect that matters: τ > ${fmt(o.minTau)}.`,
    test(values, { seed, B }) {
      const groups = o.arms.map((a) => defined(values[a]));
      const jt = jonckheere(groups, o.direction, { permutations: 4000, seed });
      const opp = jonckheere(groups, o.direction === 'increasing' ? 'decreasing' : 'increasing', { permutations: 4000, seed });
      const { estimate, ci } = bootstrapCI(groups, (g) => tau(g, sign), { seed, B });
      return {
        test: 'Jonckheere–Terpstra, one-sided (permutation)', statistic: jt.J, p: jt.p, pOpposite: opp.p,
        effect: { name: `τ (${o.metric.name} ${o.direction} with ${o.doses})`, estimate, ci }, threshold: o.minTau, direction: 'greater',
        n: Object.fromEntries(o.arms.map((a, i) => [a, groups[i].length])),
        excluded: o.arms.reduce((s, a, i) => s + values[a].length - groups[i].length, 0),
      };
    },
  };
}
