import { holm } from '../stats/holm.ts';
import type { EvalRecord, Trajectory } from '../train/trajectory.ts';
import type { Claim } from './claim.ts';
import { type Evidence, type Status, decide } from './evidence.ts';
import type { Metric } from './metrics.ts';
import { seedsNeeded } from './power.ts';

/** What the report shows of each run. */
export interface RunSummary { seed: number; tMem: number | null; tGrok: number | null; diverged: number | null; steps: number; wallMs: number; msPerStep: number }

interface VerdictBase {
  claim: { id: string; title: string };
  alpha: number;
  seeds: number;
  evidence: Evidence[];
  runs: Record<string, RunSummary[]>;
  /** Single-core training time summed over the claim's runs (as recorded when each was trained). */
  cpuMs: number;
  /** Training time spent in this check (0 when every run came from the run store), and the check's wall time. */
  trainMs: number;
  runtimeMs: number;
  error?: string;
  /** Preconditions of the test that did not hold (e.g. a tuned value on the edge of its grid): the verdict is then inconclusive. */
  unmet?: string[];
}

/** A claim's verdict (after fast-check's RunDetails: a union on `status`). */
export type Verdict =
  | (VerdictBase & { status: 'supported' | 'refuted' })
  | (VerdictBase & { status: 'inconclusive'; seedsNeeded: number | null });

/** Supported when every prediction is; refuted when any one is (the claim is a conjunction); inconclusive otherwise. */
export function combine(statuses: readonly Status[]): Status {
  if (statuses.length > 0 && statuses.every((s) => s === 'supported')) return 'supported';
  if (statuses.includes('refuted')) return 'refuted';
  return 'inconclusive';
}

/**
 * The preconditions a fair test needs, checked on the claim as tested: every tuned value lies inside its grid.
 * A best value on the grid's edge means the optimum may lie outside it, so the arms need not be at their best and
 * a difference between them says nothing about the methods (issue 13's pre-registered rule: inconclusive).
 */
export function unmetPreconditions(claim: Pick<Claim, 'tuning'>): string[] {
  return claim.tuning.filter((t) => t.atEdge).map((t) =>
    `${t.name}: the tuned value ${String(t.best)} is at the edge of its grid (${t.table.map((r) => String(r.value)).join(', ')}), so the optimum may lie outside it`);
}

/**
 * Applies a claim's pre-registered predictions to its runs: each test, Holm's adjustment across the
 * predictions (in both directions), the decision rule, and a power estimate where undecided. A precondition
 * that does not hold (unmetPreconditions) makes the verdict inconclusive, whatever the tests say.
 */
export function verdictOf(claim: Claim, runs: Record<string, Trajectory[]>, timing = { trainMs: 0, runtimeMs: 0 }): Verdict {
  const outcomes = claim.predictions.map((p, i) => {
    const values = Object.fromEntries(p.arms.map((a) => [a, runs[a].map((t, seed) => measure(claim.id, p.metric, t, a, seed))]));
    return { p, values, o: p.test(values, { seed: 1000 + i, B: 2000 }) };
  });
  const adj = holm(outcomes.map(({ o }) => o.p)), adjOpp = holm(outcomes.map(({ o }) => o.pOpposite));
  const m = outcomes.length;
  const evidence: Evidence[] = outcomes.map(({ p, values, o }, i) => {
    const status = decide(o, adj[i], adjOpp[i], claim.alpha);
    return {
      ...o, prediction: p.name, protocol: p.protocol, pAdjusted: adj[i], pOppositeAdjusted: adjOpp[i], status,
      ...(status === 'inconclusive' ? { seedsNeeded: seedsNeeded(p, values, claim.alpha / m) } : {}),
    };
  });
  const status = combine(evidence.map((e) => e.status));
  const base: VerdictBase = {
    claim: { id: claim.id, title: claim.title }, alpha: claim.alpha, seeds: claim.seeds, evidence,
    runs: Object.fromEntries(Object.entries(runs).map(([a, ts]) => [a, ts.map((t, seed) => summarize(t, seed))])),
    cpuMs: Object.values(runs).flat().reduce((s, t) => s + t.wallMs, 0),
    ...timing,
  };
  const unmet = unmetPreconditions(claim);
  if (unmet.length) return { ...base, status: 'inconclusive', seedsNeeded: null, unmet };
  if (status !== 'inconclusive') return { ...base, status };
  const needs = evidence.filter((e) => e.status === 'inconclusive').map((e) => e.seedsNeeded ?? null);
  return { ...base, status, seedsNeeded: needs.includes(null) ? null : Math.max(...(needs as number[])) };
}

/**
 * A metric's value for one run, read through guarded evaluation records: reading a key the run did not record
 * (a misspelt probe key, a probe not listed) or returning anything but a number is an error naming the claim,
 * the metric, the arm and the seed, never a silent NaN that a paired test would turn into a tie.
 */
export function measure(claimId: string, metric: Metric, t: Trajectory, arm: string, seed: number): number {
  const where = `${claimId}: metric '${metric.name}', arm '${arm}', seed ${seed}`;
  const guard: ProxyHandler<EvalRecord> = {
    get(e, key) {
      if (typeof key === 'string' && !(key in e) && !(key in Object.prototype)) {
        throw new Error(`${where}: reads '${key}', which the run did not record at step ${e.step} (it recorded ${Object.keys(e).join(', ')}). ` +
          'List the probe that records it in the config\'s probes, or declare it in the metric (metrics.custom(name, fn, { probes: [...] })).');
      }
      return Reflect.get(e, key);
    },
  };
  const v: unknown = metric.of({ ...t, evals: t.evals.map((e) => new Proxy(e, guard)) });
  if (typeof v !== 'number') throw new Error(`${where}: gave ${JSON.stringify(v)} (${typeof v}); a metric must return a number (NaN when undefined for the run, ±Infinity when censored).`);
  return v;
}

function summarize(t: Trajectory, seed: number): RunSummary {
  return { seed, tMem: t.tMem, tGrok: t.tGrok, diverged: t.diverged?.step ?? null, steps: t.steps, wallMs: t.wallMs, msPerStep: t.msPerStep };
}
