import type { Prediction } from './prediction.ts';

/**
 * A prediction that can support the claim or stay inconclusive, never refute it: its test's p against the
 * claim (`pOpposite`) is set to 1. For a test whose failure to reject shows nothing (a dip test that does not
 * reject unimodality is no evidence of one mode), as `bimodal` is by construction; `why` goes on the page.
 */
export function supportOnly(p: Prediction, why: string): Prediction {
  return {
    ...p,
    protocol: `${p.protocol} It can support, never refute: ${why}`,
    test: (values, o) => ({ ...p.test(values, o), pOpposite: 1 }),
  };
}
