import { ciShort } from '../decision.ts';
import type { Prediction } from './prediction.ts';

/**
 * "The effect shows somewhere": the same prediction asked of several arms (e.g. every n past the smallest, where
 * a phase is expected but its place is not known in advance), decided as one. Supported when the smallest p,
 * Bonferroni-adjusted over the parts (k·min p), clears α with that part's CI beyond the threshold; refuted only
 * when every part is refuted (intersection–union: the largest p against the claim, and every part's CI short of
 * the threshold; otherwise the p against is 1). The effect shown is the part with the smallest p, named by its
 * arms; for support every part's CI is at the Bonferroni level 1 − (1 − level)/k (level 0.95 by default), the
 * interval that matches k·min p, so the CI that must clear the threshold is as wide as the p that must clear α. The
 * refutation, an intersection–union test, needs no correction: it reads each part's CI at the unadjusted level.
 * (At 8 seeds the sign test's median CI is the range of the values at either level.)
 */
export function atSome(name: string, parts: readonly Prediction[]): Prediction {
  if (parts.length === 0) throw new Error(`atSome '${name}': give at least one prediction`);
  const metric = parts[0].metric;
  if (parts.some((p) => p.metric.name !== metric.name)) throw new Error(`atSome '${name}': every part must read the same metric (got ${[...new Set(parts.map((p) => p.metric.name))].join(', ')})`);
  return {
    name, metric, arms: [...new Set(parts.flatMap((p) => p.arms))],
    protocol: `At least one of ${parts.length}, Bonferroni-adjusted (p = ${parts.length}·min p, each part's CI at 1 − 0.05/${parts.length}; refuted only if all are): ${parts.map((p) => p.protocol).join(' | ')}`,
    test(values, o) {
      const level = 1 - (1 - (o.level ?? 0.95)) / parts.length;
      const outs = parts.map((p) => p.test(values, { ...o, level })), plain = parts.length > 1 ? parts.map((p) => p.test(values, o)) : outs;
      const i = outs.reduce((b, x, j) => (x.p < outs[b].p ? j : b), 0);
      return {
        ...outs[i], p: Math.min(1, parts.length * outs[i].p), pOpposite: plain.every(ciShort) ? Math.max(...plain.map((x) => x.pOpposite)) : 1,
        effect: { ...outs[i].effect, name: `${outs[i].effect.name} at '${parts[i].arms.join("', '")}' (smallest p of ${parts.length})` },
        n: Object.assign({}, ...outs.map((x) => x.n)), excluded: outs.reduce((s, x) => s + x.excluded, 0),
      };
    },
  };
}
