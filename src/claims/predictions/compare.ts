import type { Metric } from '../metrics.ts';
import { compareThreshold } from '../thresholdTests.ts';
import { type Prediction, fmt } from './prediction.ts';

/**
 * "The metric is larger (or smaller) in arm a than in arm b, by at least minEffect": a Mann–Whitney U test of
 * a's values moved to the threshold against b's (with `paired`, a Wilcoxon signed-rank test of the per-seed
 * differences moved by it, for arms that share splits and inits), one-sided each way, with the Hodges–Lehmann
 * shift (ratio) and its exact CI as the effect (src/claims/thresholdTests.ts). minEffect is in the effect's units:
 * a ratio of 2 means "at least twice as large"; direction 'less' with ratio 0.5 means "at most half" (a 2×
 * speed-up of t_grok); a difference of −0.02 with 'greater' is a non-inferiority margin.
 */
export function compare(o: {
  name: string; arms: [string, string]; metric: Metric; direction: 'greater' | 'less';
  effect: 'ratio' | 'difference'; minEffect: number; paired?: boolean;
}): Prediction {
  const [a, b] = o.arms;
  const ratio = o.effect === 'ratio';
  return {
    name: o.name, arms: o.arms, metric: o.metric,
    protocol: `${o.metric.name}: '${a}' ${o.direction === 'greater' ? '>' : '<'} '${b}' by ${ratio ? 'a ratio' : 'a difference'} of ${fmt(o.minEffect)}; ${o.paired ? 'Wilcoxon signed-rank on per-seed ' + (ratio ? 'log ratios' : 'differences') : 'Mann–Whitney U'} against that threshold, one-sided each way; effect = Hodges–Lehmann ${ratio ? 'ratio' : 'shift'} ('${a}' vs '${b}') with its exact 95% CI.`,
    test(values, { level }) {
      const t = compareThreshold(values[a], values[b], { threshold: o.minEffect, direction: o.direction, effect: o.effect, paired: o.paired, level });
      return {
        test: t.test, statistic: t.statistic, p: t.p, pOpposite: t.pAgainst,
        effect: { name: `${ratio ? 'ratio' : 'difference'} of ${o.metric.name} (${a} vs ${b})`, estimate: t.effect.estimate, ci: t.effect.ci },
        threshold: o.minEffect, direction: o.direction, n: { [a]: t.n[0], [b]: t.n[1] }, excluded: t.excluded,
      };
    },
  };
}
