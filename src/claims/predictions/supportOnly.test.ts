import { describe, expect, test } from 'vitest';
import { decide } from '../decision.ts';
import { metrics } from '../metrics.ts';
import { oneSample } from './oneSample.ts';
import { supportOnly } from './supportOnly.ts';

describe('supportOnly', () => {
  const p = oneSample({ name: 'dip p < 0.05', arm: 'a', metric: metrics.tMem, lessThan: 0.05 });
  const wrapped = supportOnly(p, 'a dip test cannot show one mode');

  test('should leave a refutation of the plain prediction inconclusive, and keep its support', () => {
    // Arrange: every seed far on the wrong side, then every seed far on the claimed side
    const against = { a: [0.5, 0.6, 0.7, 0.4, 0.8, 0.5, 0.9, 0.6] }, for_ = { a: [0.001, 0.002, 0.001, 0.003, 0.001, 0.002, 0.001, 0.004] };
    // Act
    const plain = p.test(against, { seed: 1, B: 200 }), only = wrapped.test(against, { seed: 1, B: 200 });
    const support = wrapped.test(for_, { seed: 1, B: 200 });
    // Assert
    expect(decide(plain, plain.p, plain.pOpposite, 0.05)).toBe('refuted');
    expect(decide(only, only.p, only.pOpposite, 0.05)).toBe('inconclusive');
    expect(decide(support, support.p, support.pOpposite, 0.05)).toBe('supported');
    expect(wrapped.protocol).toMatch(/never refute: a dip test cannot show one mode/);
  });
});
