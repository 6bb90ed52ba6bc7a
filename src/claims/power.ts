import { rng } from '../engine/rng.ts';
import { decide } from './decision.ts';
import type { Prediction } from './predictions/prediction.ts';

/**
 * Seeds per arm a decision would need, by simulation from the observed values: for growing n, draw
 * `sims` data sets of n seeds per arm (resampling seed indices jointly across arms, which keeps pairs
 * paired), apply the prediction's test and the decision rule at α/m, and return the first n at which at
 * least 80% of draws reach a decision (supported or refuted). null when even the largest n does not.
 * It takes the observed spread as the truth, so read it as a rough guide, not a guarantee.
 */
export function seedsNeeded(pred: Prediction, values: Readonly<Record<string, readonly number[]>>, alphaPerTest: number,
                            { sims = 40, seed = 11 }: { sims?: number; seed?: number } = {}): number | null {
  const n0 = Math.min(...pred.arms.map((a) => values[a].length));
  if (n0 === 0) return null;
  const r = rng(seed, 'power');
  for (const n of [...new Set([1.5, 2, 3, 4, 6, 8, 12].map((f) => Math.ceil(n0 * f)))].filter((n) => n <= 200)) {
    let decisive = 0;
    for (let s = 0; s < sims; s++) {
      const idx = Array.from({ length: n }, () => r.int(n0));
      const sample = Object.fromEntries(pred.arms.map((a) => [a, idx.map((i) => values[a][i])]));
      const o = pred.test(sample, { seed: s, B: 200 });
      if (decide(o, o.p, o.pOpposite, alphaPerTest) !== 'inconclusive') decisive++;
    }
    if (decisive >= 0.8 * sims) return n;
  }
  return null;
}
