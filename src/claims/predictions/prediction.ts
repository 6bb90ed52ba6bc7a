import type { TestOutcome } from '../evidence.ts';
import type { Metric } from '../metrics.ts';

/**
 * One pre-registered prediction of a claim: which arms, which metric, which test, which direction and
 * the smallest effect that matters. `test` receives the metric's value per arm, aligned by seed index
 * (arms share seeds, so index i of every arm is the same split and data order), NaN where undefined.
 */
export interface Prediction {
  readonly name: string;
  /** The pre-registration in words: test, metric, direction, threshold. */
  readonly protocol: string;
  readonly arms: readonly string[];
  readonly metric: Metric;
  /** o.level: the effect CI's confidence level (default 0.95; atSome asks its k parts for 1 − 0.05/k). */
  test(values: Readonly<Record<string, readonly number[]>>, o: { seed: number; B: number; level?: number }): TestOutcome;
}

export const defined = (xs: readonly number[]): number[] => xs.filter((x) => !Number.isNaN(x));

/** Pairs (a[i], b[i]) where both are defined. */
export function pairs(a: readonly number[], b: readonly number[]): [number[], number[]] {
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (!Number.isNaN(a[i]) && !Number.isNaN(b[i])) { x.push(a[i]); y.push(b[i]); }
  return [x, y];
}

export const fmt = (x: number): string => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : String(+x.toPrecision(4)));
