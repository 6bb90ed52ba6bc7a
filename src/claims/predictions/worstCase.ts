import type { Prediction } from './prediction.ts';

/**
 * A prediction whose metric marks some runs as undecided (`marker`, e.g. a run that crossed a bound late),
 * imputed worst-case for each side: as `forSupport` (the value least favourable to the claim) when the support
 * p is computed, as `forRefutation` (least favourable to refuting it) when the refutation p is. The effect's CI
 * spans both readings, so neither decision leans on a run whose outcome is unknown.
 */
export function worstCase(inner: Prediction, o: { marker: number; forSupport: number; forRefutation: number; why: string }): Prediction {
  const impute = (values: Readonly<Record<string, readonly number[]>>, v: number) =>
    Object.fromEntries(Object.entries(values).map(([a, xs]) => [a, xs.map((x) => (x === o.marker ? v : x))]));
  return {
    ...inner,
    protocol: `${inner.protocol} ${o.why}: counted against the claim for the support p and for it for the refutation p; the CI spans both readings.`,
    test(values, opts) {
      const s = inner.test(impute(values, o.forSupport), opts), r = inner.test(impute(values, o.forRefutation), opts);
      return { ...s, pOpposite: r.pOpposite, effect: { ...s.effect, ci: [Math.min(s.effect.ci[0], r.effect.ci[0]), Math.max(s.effect.ci[1], r.effect.ci[1])] } };
    },
  };
}
