import type { EvalRecord, Trajectory } from '../train/trajectory.ts';
import { median } from '../stats/median.ts';

/**
 * A number taken from each run. Censoring: a time that never came within the budget (t_grok of a run
 * that never grokked, or diverged first) is +Infinity, so rank tests treat it as a tie above every
 * observed time and it is never dropped. NaN means "undefined for this run" (e.g. a ratio to t_mem of a
 * run that never memorized); predictions report how many runs that excluded.
 */
export interface Metric {
  readonly name: string;
  /** Display scale for plots and effect sizes. */
  readonly log: boolean;
  /** The probes whose values it reads: a claim adds them to the configs of the arms it is measured on. */
  readonly probes?: readonly string[];
  of(t: Trajectory): number;
}

/** The keys every evaluation records without a probe. */
const BUILT_IN = new Set(['step', 'trainLoss', 'trainAcc', 'testLoss', 'testAcc']);
/** The probe that records an eval key: 'gradNorm:W2' and 'gradNorm' come from 'gradNorm'; built-in keys from none. */
const probesOf = (...keys: string[]): string[] => [...new Set(keys.filter((k) => !BUILT_IN.has(k)).map((k) => k.split(':')[0]))];

const marker = (t: Trajectory, m: 'tMem' | 'tGrok'): number => t[m] ?? Infinity;
const evalAt = (t: Trajectory, step: number): EvalRecord | undefined => t.evals.find((e) => e.step === step);

export const metrics = {
  /** t_grok: first evaluated step with test acc ≥ the grok threshold; +∞ if never (censored). */
  tGrok: { name: 't_grok', log: true, of: (t) => marker(t, 'tGrok') } as Metric,
  /** t_mem: first evaluated step with train acc ≥ the memorization threshold; +∞ if never. */
  tMem: { name: 't_mem', log: true, of: (t) => marker(t, 'tMem') } as Metric,
  /** t_grok / t_mem (+∞ when t_grok is censored; NaN when the run never memorized). */
  delayRatio: {
    name: 't_grok / t_mem', log: true,
    of: (t) => (t.tMem === null ? NaN : marker(t, 'tGrok') / Math.max(t.tMem, 1)),
  } as Metric,
  /** The value of an eval key (testAcc, weightNorm, …) at the eval of a phase marker; NaN if the marker was never reached. */
  at(m: 'tMem' | 'tGrok', key: string): Metric {
    return { name: `${key} at ${m === 'tMem' ? 't_mem' : 't_grok'}`, log: false, probes: probesOf(key), of: (t) => (t[m] === null ? NaN : evalAt(t, t[m]!)?.[key] ?? NaN) };
  },
  /** The value of an eval key at the last evaluation. */
  final(key: string, log = false): Metric {
    return { name: `final ${key}`, log, probes: probesOf(key), of: (t) => t.evals.at(-1)?.[key] ?? NaN };
  },
  /**
   * median(key over the `window` steps after a marker) / median(key over the `window` steps before it): a
   * step down is < 1. NaN if the marker was never reached or either window holds no evaluation.
   */
  windowRatio(key: string, m: 'tMem' | 'tGrok', window: number): Metric {
    return {
      name: `${key}: median ${window} steps after ${m === 'tGrok' ? 't_grok' : 't_mem'} / before`, log: true, probes: probesOf(key),
      of(t) {
        const at = t[m];
        if (at === null) return NaN;
        const before = t.evals.filter((e) => e.step >= at - window && e.step < at).map((e) => e[key]);
        const after = t.evals.filter((e) => e.step > at && e.step <= at + window).map((e) => e[key]);
        return before.length && after.length ? median(after) / median(before) : NaN;
      },
    };
  },
  /**
   * Where the largest fall of log(key) over `span` consecutive evaluations happens, as (step − marker)/marker:
   * 0 means exactly at the marker, −0.5 halfway before it. NaN if the marker was never reached.
   */
  largestDropOffset(key: string, m: 'tMem' | 'tGrok', span: number): Metric {
    return {
      name: `step of the largest fall of log ${key}, relative to ${m === 'tGrok' ? 't_grok' : 't_mem'}`, log: false, probes: probesOf(key),
      of(t) {
        const at = t[m], ev = t.evals;
        if (at === null || ev.length <= span) return NaN;
        let best = 0, where = NaN;
        for (let i = span; i < ev.length; i++) {
          const fall = Math.log(ev[i - span][key]) - Math.log(ev[i][key]);
          if (fall > best) { best = fall; where = (ev[i - span].step + ev[i].step) / 2; }
        }
        return (where - at) / Math.max(at, 1);
      },
    };
  },
  /**
   * key at the last evaluation / key at a marker's evaluation, for runs that grokked (NaN otherwise): with the
   * stop rule the end is just after grokking, so this compares the generalizing state with, e.g., t_mem.
   */
  endOver(m: 'tMem' | 'tGrok', key: string): Metric {
    return {
      name: `${key} at the end / at ${m === 'tGrok' ? 't_grok' : 't_mem'}`, log: true, probes: probesOf(key),
      of(t) {
        const at = t[m] === null ? undefined : t.evals.find((e) => e.step === t[m]);
        return !at || t.tGrok === null ? NaN : t.evals.at(-1)![key] / at[key];
      },
    };
  },
  /**
   * Any function of the trajectory; `probes` names the probes whose keys it reads (they are added to the arms'
   * configs), e.g. custom('σ_max', fn, { log: true, probes: ['muonUpdate'] }). A boolean is the `log` flag.
   */
  custom(name: string, of: (t: Trajectory) => number, opts: boolean | { log?: boolean; probes?: string[] } = false): Metric {
    const { log = false, probes = [] } = typeof opts === 'boolean' ? { log: opts } : opts;
    return { name, log, probes, of };
  },
};
