import type { Metric } from '../metrics.ts';
import { trendThreshold } from '../thresholdTests.ts';
import { type Prediction, fmt } from './prediction.ts';

/**
 * A dose–response prediction: the metric rises (or falls) along the arms, given in order of their numeric doses,
 * by at least `minSlope` per unit dose (default 0: any monotone trend). Jonckheere–Terpstra of the residuals
 * y − minSlope·dose, one-sided each way (exact without ties), with the Sen slope and the CI that inverts the same
 * test (src/claims/thresholdTests.ts). A log metric is tested on log y; `logDose` puts the doses on a log scale
 * (a power law's exponent is then the slope).
 */
export function trend(o: {
  name: string; arms: string[]; doses: number[]; dose: string; logDose?: boolean; metric: Metric;
  direction: 'increasing' | 'decreasing'; minSlope?: number;
}): Prediction {
  if (o.doses.length !== o.arms.length) throw new Error(`trend '${o.name}': give one dose per arm (${o.arms.length} arms, ${o.doses.length} doses)`);
  const minSlope = o.minSlope ?? 0, sign = o.direction === 'increasing' ? 1 : -1;
  const x = o.doses.map((d) => (o.logDose ? Math.log(d) : d));
  const y = (v: number) => (o.metric.log ? Math.log(v) : v);
  const unit = `${o.metric.log ? 'log ' : ''}${o.metric.name} per ${o.logDose ? 'log ' : ''}${o.dose}`;
  return {
    name: o.name, arms: o.arms, metric: o.metric,
    protocol: `${o.metric.name} ${o.direction} along ${o.dose} (${o.arms.join(' → ')}), slope ${o.direction === 'increasing' ? '>' : '<'} ${fmt(sign * minSlope)} ${unit}: Jonckheere–Terpstra of the residuals against that slope, one-sided each way; effect = Sen slope with its 95% CI.`,
    test(values, { seed, B, level }) {
      // tied data (censored times, fractions of a few units) need permutations: the full count for the verdict, a few
      // hundred for the power simulation that repeats the test thousands of times (it passes a small B)
      const t = trendThreshold(o.arms.map((a) => values[a].filter((v) => !Number.isNaN(v)).map(y)), x,
        { threshold: sign * minSlope, direction: o.direction === 'increasing' ? 'greater' : 'less', seed, level, permutations: B >= 1000 ? 20000 : 400 });
      return {
        test: t.test, statistic: t.statistic, p: t.p, pOpposite: t.pAgainst,
        effect: { name: `slope (${unit})`, estimate: t.effect.estimate, ci: t.effect.ci }, threshold: sign * minSlope,
        direction: o.direction === 'increasing' ? 'greater' : 'less',
        n: Object.fromEntries(o.arms.map((a, i) => [a, t.n[i]])),
        excluded: o.arms.reduce((s, a) => s + values[a].filter(Number.isNaN).length, 0),
      };
    },
  };
}
