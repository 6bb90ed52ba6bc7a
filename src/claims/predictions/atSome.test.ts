import { describe, expect, test } from 'vitest';
import { decide } from '../decision.ts';
import { metrics } from '../metrics.ts';
import { atSome } from './atSome.ts';
import { oneSample } from './oneSample.ts';

describe('atSome', () => {
  const part = (arm: string) => oneSample({ name: `below 1 in ${arm}`, arm, metric: metrics.tMem, lessThan: 1 });
  const any = atSome('below 1 somewhere', [part('a'), part('b'), part('c')]);
  const low = [0.1, 0.2, 0.1, 0.3, 0.2, 0.1, 0.2, 0.1], high = [2, 3, 2, 4, 3, 2, 5, 3];
  const run = (values: Record<string, number[]>) => { const o = any.test(values, { seed: 1, B: 200 }); return { o, status: decide(o, o.p, o.pOpposite, 0.05) }; };

  test('should support when one part clears α after the Bonferroni factor, and show that part', () => {
    // Arrange: only arm b on the claimed side, 8 of 8 (sign test p = 1/256)
    const { o, status } = run({ a: high, b: low, c: high });
    // Assert
    expect(o.p).toBeCloseTo(3 / 256, 10);
    expect(o.effect.name).toMatch(/at 'b' \(smallest p of 3\)/);
    expect(status).toBe('supported');
    expect(o.n).toEqual({ a: 8, b: 8, c: 8 });
  });

  test('should refute only when every part is refuted', () => {
    expect(run({ a: high, b: high, c: high }).status).toBe('refuted');
    // one part neither way (half the seeds each side) keeps the combination from refuting
    const mixed = run({ a: high, b: [...low.slice(0, 4), ...high.slice(4)], c: high });
    expect(mixed.status).toBe('inconclusive');
    expect(mixed.o.pOpposite).toBe(1);
  });

  test('should ask each part for its CI at the Bonferroni level 1 − 0.05/k, the interval that matches k·min p', () => {
    // Arrange: 20 values, where the order-statistic median CI at 95% and at 1 − 0.05/3 differ
    const xs = Array.from({ length: 20 }, (_, i) => 0.05 * (i + 1));
    const alone = part('b').test({ b: xs }, { seed: 1, B: 200 }).effect.ci;
    const wide = part('b').test({ b: xs }, { seed: 1, B: 200, level: 1 - 0.05 / 3 }).effect.ci;
    // Act
    const { o } = run({ a: high, b: xs, c: high });
    // Assert
    expect(wide[1] - wide[0]).toBeGreaterThan(alone[1] - alone[0]);
    expect(o.effect.ci).toEqual(wide);
  });

  test('should refuse parts that read different metrics', () => {
    expect(() => atSome('x', [part('a'), oneSample({ name: 'y', arm: 'b', metric: metrics.tGrok, lessThan: 1 })])).toThrow(/same metric/);
    expect(() => atSome('x', [])).toThrow(/at least one/);
  });
});
