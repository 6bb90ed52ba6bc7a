import { rng } from '../engine/rng.ts';
import { median } from './median.ts';

export { median };

export interface BootstrapOptions {
  /** Resamples. */
  B?: number;
  /** Confidence level of the percentile interval. */
  level?: number;
  seed?: number;
}

/**
 * Percentile bootstrap CI (Efron & Tibshirani 1993, ch. 13) of a statistic of one or more independent
 * samples, each resampled with replacement, with a seeded RNG so the interval is reproducible.
 */
export function bootstrapCI(samples: readonly (readonly number[])[], stat: (s: number[][]) => number,
                            { B = 2000, level = 0.95, seed = 1 }: BootstrapOptions = {}): { estimate: number; ci: [number, number] } {
  const r = rng(seed, 'bootstrap');
  const estimate = stat(samples.map((s) => [...s]));
  const values: number[] = [];
  for (let b = 0; b < B; b++) {
    const v = stat(samples.map((s) => Array.from(s, () => s[r.int(s.length)])));
    if (!Number.isNaN(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  if (values.length === 0) return { estimate, ci: [NaN, NaN] };
  // nearest-rank percentiles: no interpolation, so censored (infinite) resamples stay well defined
  const a = (1 - level) / 2, at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))];
  return { estimate, ci: [at(a), at(1 - a)] };
}
