import { mannWhitney } from './mannWhitney.ts';

/**
 * Two one-sided tests (Schuirmann 1987) for "no difference larger than ±margin" between x and y, each
 * side a Mann–Whitney test of the shifted sample: H₀₁ shift ≤ −margin, H₀₂ shift ≥ +margin. Equivalence
 * is shown when p = max(p₁, p₂) < α.
 */
export function tost(x: readonly number[], y: readonly number[], margin: number): { p: number; pLower: number; pUpper: number } {
  if (!(margin > 0)) throw new Error(`tost: margin = ${margin} must be positive`);
  const pLower = mannWhitney(x.map((v) => v + margin), y, 'greater').p;
  const pUpper = mannWhitney(x.map((v) => v - margin), y, 'less').p;
  return { p: Math.max(pLower, pUpper), pLower, pUpper };
}
