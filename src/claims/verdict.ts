import { holm } from '../stats/holm.ts';
import type { EvalRecord, Trajectory } from '../train/trajectory.ts';
import type { Claim } from './claim.ts';
import type { Expected } from './controls.ts';
import { decide } from './decision.ts';
import type { Evidence, Status } from './evidence.ts';
import type { Prediction } from './predictions/prediction.ts';
import { tuneValueLabel } from './tune.ts';
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
  /** Arms whose task is a regression (the teacher–student model): their "accuracy" is test R², so no grokked rate is shown. */
  regression?: string[];
  /** Single-core training time summed over the claim's runs (as recorded when each was trained). */
  cpuMs: number;
  /** Training time spent in this check (0 when every run came from the run store), and the check's wall time. */
  trainMs: number;
  runtimeMs: number;
  error?: string;
  /** Preconditions of the test that did not hold, and controls that failed: the verdict is then inconclusive. */
  unmet?: string[];
  /** The regime these runs belong to. */
  regime: { name: string; source: boolean };
  /** Each positive control: its evidence (it passes when supported), beside the number it is checked against. */
  controls: ControlOutcome[];
  /** Each declared precondition, and why it did not hold (null: it held). */
  preconditions: { name: string; unmet: string | null }[];
  /** The claim's verdict in every regime (the claim-level verdict only; each carries its own evidence). */
  regimes?: Verdict[];
  /** Why the claim is untestable as quoted (status 'untestable'). */
  untestable?: string;
}

export interface ControlOutcome { name: string; expected?: Expected; evidence: Evidence; passed: boolean }

/** A claim's verdict (after fast-check's RunDetails: a union on `status`). */
export type Verdict =
  | (VerdictBase & { status: 'supported' | 'refuted' | 'untestable' })
  | (VerdictBase & { status: 'inconclusive'; seedsNeeded: number | null });

/** Supported when every prediction is; refuted when any one is (the claim is a conjunction); inconclusive otherwise. */
export function combine(statuses: readonly Status[]): Status {
  if (statuses.length > 0 && statuses.every((s) => s === 'supported')) return 'supported';
  if (statuses.includes('refuted')) return 'refuted';
  return 'inconclusive';
}

/**
 * A claim's verdict from its regimes' (the source's first), by the claim's quantifier. Universal ("must",
 * "always"): refuted by any regime that refutes (a regime whose controls failed is inconclusive, so it cannot);
 * supported when the source's regime supports and none refutes. Existential ("can"): supported by any regime
 * that supports; refuted when the source's regime refutes and none supports. Inconclusive otherwise.
 */
export function combineRegimes(source: Status, others: readonly Status[], quantifier: 'universal' | 'existential'): Status {
  const all = [source, ...others];
  if (quantifier === 'universal') return all.includes('refuted') ? 'refuted' : source === 'supported' ? 'supported' : 'inconclusive';
  return all.includes('supported') ? 'supported' : source === 'refuted' ? 'refuted' : 'inconclusive';
}

/** The claim-level verdict over its regimes' verdicts: the source regime's evidence, the combined status; the regimes listed source first. */
export function claimVerdict(claim: Pick<Claim, 'quantifier' | 'untestable'>, regimes: readonly Verdict[]): Verdict {
  const source = regimes.find((v) => v.regime.source) ?? regimes[0];
  const others = regimes.filter((v) => v !== source);
  const base = { ...source, regimes: [source, ...others] };
  if (claim.untestable !== undefined) return { ...base, status: 'untestable', untestable: claim.untestable };
  if (source.error) return base;
  const status = combineRegimes(source.status, others.filter((v) => !v.error).map((v) => v.status), claim.quantifier);
  if (status === 'inconclusive') return { ...base, status, seedsNeeded: source.status === 'inconclusive' ? source.seedsNeeded : null };
  return { ...base, status };
}

/**
 * The preconditions a fair test needs, checked on the claim as tested: every tuned value lies inside its grid.
 * A best value on the grid's edge means the optimum may lie outside it, so the arms need not be at their best and
 * a difference between them says nothing about the methods (issue 13's pre-registered rule: inconclusive).
 */
export function unmetPreconditions(claim: Pick<Claim, 'tuning'>): string[] {
  return claim.tuning.filter((t) => t.atEdge).map((t) =>
    `${t.name}: the tuned value ${tuneValueLabel(t.best)} is at the edge of its grid (${t.table.map((r) => tuneValueLabel(r.value)).join(', ')}), so the optimum may lie outside it`);
}

/**
 * Applies a claim's pre-registered predictions to its runs: each test, Holm's adjustment across the
 * predictions (in both directions), the decision rule, and a power estimate where undecided. A precondition
 * that does not hold (unmetPreconditions) makes the verdict inconclusive, whatever the tests say.
 */
export function verdictOf(claim: Claim, runs: Record<string, Trajectory[]>, timing = { trainMs: 0, runtimeMs: 0 }): Verdict {
  // controls are their own Holm family: a control is a check of the harness, not part of what the claim asserts
  const controls: ControlOutcome[] = evidenceFor(claim, claim.controls.map((c) => c.prediction), runs, () => false)
    .map((e, i) => ({ name: claim.controls[i].name, expected: claim.controls[i].expected, evidence: e, passed: e.status === 'supported' }));
  const preconditions = claim.preconditions.map((p) => ({ name: p.name, unmet: p.check(runs) }));
  // more seeds cannot decide a test whose control failed or whose precondition is unmet: no power estimate then
  const decidable = controls.every((c) => c.passed) && preconditions.every((p) => p.unmet === null) && unmetPreconditions(claim).length === 0;
  // the power estimate only where it is read: a decidable verdict that comes out inconclusive (it is a simulation)
  const evidence = evidenceFor(claim, claim.predictions, runs, (statuses) => decidable && combine(statuses) === 'inconclusive');
  const status = combine(evidence.map((e) => e.status));
  const base: VerdictBase = {
    claim: { id: claim.id, title: claim.title }, alpha: claim.alpha, seeds: claim.seeds, evidence,
    runs: Object.fromEntries(Object.entries(runs).map(([a, ts]) => [a, ts.map((t, i) => summarize(t, claim.firstSeed + i))])),
    cpuMs: Object.values(runs).flat().reduce((s, t) => s + t.wallMs, 0),
    regression: Object.keys(runs).filter((a) => claim.configs[a]?.task.kind === 'teacher'),
    regime: { name: claim.regimeName, source: claim.isSource }, controls, preconditions,
    ...timing,
  };
  const unmet = [
    ...unmetPreconditions(claim),
    ...preconditions.filter((p) => p.unmet !== null).map((p) => `${p.name}: ${p.unmet}`),
    ...controls.filter((c) => !c.passed).map((c) => `control '${c.name}' failed: ${c.evidence.effect.name} = ${fmtCI(c.evidence)} (${c.evidence.status}; the harness did not show the effect here)`),
  ];
  // REFEREE.md: "No control, or a failed one: the verdict cannot be refuted." Support needs none: the effect was seen.
  if (status === 'refuted' && controls.length === 0) unmet.push(NO_CONTROL);
  if (unmet.length) return { ...base, status: 'inconclusive', seedsNeeded: null, unmet };
  if (status !== 'inconclusive') return { ...base, status };
  const needs = evidence.filter((e) => e.status === 'inconclusive').map((e) => e.seedsNeeded ?? null);
  return { ...base, status, seedsNeeded: needs.includes(null) ? null : Math.max(...(needs as number[])) };
}

/** Why a refutation without a positive control does not stand. */
export const NO_CONTROL = 'no positive control in this regime: nothing shows the harness could see the claimed effect here, so a failed test cannot refute';

/** Each prediction's test on the runs, Holm-adjusted within the list (both directions), and the decision rule. */
function evidenceFor(claim: Claim, predictions: readonly Prediction[], runs: Record<string, Trajectory[]>, power: (statuses: Status[]) => boolean): Evidence[] {
  const outcomes = predictions.map((p, i) => {
    const values = Object.fromEntries(p.arms.map((a) => [a, runs[a].map((t, i) => measure(claim.id, p.metric, t, a, claim.firstSeed + i))]));
    return { p, values, o: p.test(values, { seed: 1000 + i, B: 2000 }) };
  });
  const adj = holm(outcomes.map(({ o }) => o.p)), adjOpp = holm(outcomes.map(({ o }) => o.pOpposite));
  const statuses = outcomes.map(({ o }, i) => decide(o, adj[i], adjOpp[i], claim.alpha));
  const estimate = power(statuses);
  return outcomes.map(({ p, values, o }, i) => ({
    ...o, prediction: p.name, protocol: p.protocol, pAdjusted: adj[i], pOppositeAdjusted: adjOpp[i], status: statuses[i],
    ...(estimate && statuses[i] === 'inconclusive' ? { seedsNeeded: seedsNeeded(p, values, claim.alpha / outcomes.length) } : {}),
  }));
}

const fmtCI = (e: Evidence) => `${+e.effect.estimate.toPrecision(4)} [${+e.effect.ci[0].toPrecision(4)}, ${+e.effect.ci[1].toPrecision(4)}] vs ${e.direction === 'greater' ? '>' : '<'} ${+e.threshold.toPrecision(4)}`;

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
