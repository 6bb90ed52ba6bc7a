import { median as ssMedian } from 'simple-statistics';

/**
 * The median, the one definition used everywhere (effects, metrics, report, bench): the middle value, or the mean
 * of the two middle values for an even count. ±Infinity (censored values) are allowed: two equal infinities
 * in the middle give that infinity, a finite and an infinite one give the infinity. NaN for no values.
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  if (xs.every(Number.isFinite)) return ssMedian([...xs]);
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : s[m - 1] === s[m] ? s[m] : (s[m - 1] + s[m]) / 2;
}
