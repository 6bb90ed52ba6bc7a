import type { Evidence } from '../claims/evidence.ts';
import type { Verdict } from '../claims/verdict.ts';
import { wilson } from '../stats/wilson.ts';

/** Numbers for people: 4 significant digits, exponent form when tiny or huge, ∞ for censored. */
export function num(x: number): string {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  if (Number.isNaN(x)) return '—';
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return String(+x.toPrecision(4));
}

export const pval = (p: number): string => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

export function effectText(e: Evidence): string {
  return `${e.effect.name} = ${num(e.effect.estimate)} [${num(e.effect.ci[0])}, ${num(e.effect.ci[1])}]`;
}

/** One line: "REFUTED — median t_grok / t_mem = 2.1 [1.9, 2.6] vs > 10 (p_adj 0.99); …". */
export function summaryLine(v: Verdict): string {
  const parts = v.evidence.map((e) => `${e.prediction}: ${effectText(e)} vs ${e.direction === 'greater' ? '>' : '<'} ${num(e.threshold)}, p_adj ${pval(e.pAdjusted)} → ${e.status}`);
  const extra = v.status === 'untestable' ? ` — ${v.untestable}` : v.status !== 'inconclusive' ? '' : v.error ? ` — error: ${v.error}`
    : v.unmet?.length ? ` — not decidable here: ${v.unmet.join('; ')}` : ` — about ${v.seedsNeeded ?? '>8×'} seeds per arm would decide it`;
  const regimes = (v.regimes?.length ?? 0) > 1 ? ` — by regime: ${v.regimes!.map((r) => `${r.regime.name} ${r.status.toUpperCase()}`).join(', ')}` : '';
  return `${v.status.toUpperCase()}${extra}${regimes}${parts.length ? ` — ${parts.join('; ')}` : ''}`;
}

/** An arm's grokked rate (`rate`), or "n/a (regression)" for an arm whose task has no accuracy to grok (test R²). */
export const grokRate = (v: Pick<Verdict, 'regression'>, arm: string, rs: readonly { tGrok: number | null }[]): string =>
  (v.regression?.includes(arm) ? 'n/a (regression)' : rate(rs.filter((r) => r.tGrok !== null).length, rs.length));

/** "k/n (rate% [lo, hi])" with a 95% Wilson interval. */
export function rate(k: number, n: number): string {
  const w = wilson(k, n);
  return `${k}/${n} (${(100 * w.rate).toFixed(0)}% [${(100 * w.ci[0]).toFixed(0)}, ${(100 * w.ci[1]).toFixed(0)}])`;
}

/** One claim's verdict in one of its regimes: a cell of the verdict map and of claims.md's regimes column. */
export interface RegimeCell { regime: string; status: string; effect: string; controls: string }

/** The prediction that decided a verdict: the first whose status is the verdict's, else the first. */
export const deciding = (v: Verdict) => v.evidence.find((x) => x.status === v.status) ?? v.evidence[0];

/** A regime's cell: its verdict, deciding effect and its controls' outcome in words. */
export function cellOf(v: Verdict, suffix = ''): RegimeCell {
  const e = deciding(v), failed = v.controls.filter((c) => !c.passed).length;
  return {
    regime: `${v.regime.name}${v.regime.source ? ' (source)' : ''}${suffix}`, status: v.status, effect: e ? effectText(e) : '—',
    controls: v.controls.length === 0 ? 'no control' : failed ? `${failed}/${v.controls.length} controls failed` : `${v.controls.length} control${v.controls.length > 1 ? 's' : ''} passed`,
  };
}
