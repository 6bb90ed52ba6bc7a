import { describe, expect, test } from 'vitest';
import { decide } from '../decision.ts';
import { metrics } from '../metrics.ts';
import { oneSample } from './oneSample.ts';
import { worstCase } from './worstCase.ts';

describe('worstCase', () => {
  // "fewer than half of the runs are in between": 1 in between, 0 one phase, 0.5 undecided
  const p = worstCase(oneSample({ name: 'few in between', arm: 'a', metric: metrics.tMem, lessThan: 0.5 }), { marker: 0.5, forSupport: 1, forRefutation: 0, why: 'undecided runs' });
  const run = (a: number[]) => { const o = p.test({ a }, { seed: 1, B: 200 }); return { o, status: decide(o, o.p, o.pOpposite, 0.05) }; };

  test('should decide as the plain test when no run is undecided', () => {
    expect(run([0, 0, 0, 0, 0, 0, 0, 0]).status).toBe('supported');
    expect(run([1, 1, 1, 1, 1, 1, 1, 1]).status).toBe('refuted');
  });

  test('should count undecided runs against whichever side is tested', () => {
    // Arrange: 6 in one phase and 2 undecided; 6 in between and 2 undecided
    const forClaim = run([0, 0, 0, 0, 0, 0, 0.5, 0.5]), againstClaim = run([1, 1, 1, 1, 1, 1, 0.5, 0.5]);
    // Assert: read as 8/8 either way both would decide; worst case, neither does
    expect(forClaim.o.p).toBeCloseTo(37 / 256, 10); // 2 of 8 on the wrong side: P(≥ 6 of 8) = 37/256
    expect(forClaim.status).toBe('inconclusive');
    expect(againstClaim.o.pOpposite).toBeCloseTo(37 / 256, 10);
    expect(againstClaim.status).toBe('inconclusive');
    expect(forClaim.o.effect.ci).toEqual([0, 1]);
    expect(p.protocol).toMatch(/undecided runs: counted against the claim/);
  });
});
