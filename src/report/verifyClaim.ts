import { readFileSync, writeFileSync } from 'node:fs';
import { type Claim, type Figure, resolveTuned } from '../claims/claim.ts';
import type { Status } from '../claims/evidence.ts';
import { type Tuning, tuneStep } from '../claims/tune.ts';
import { type Verdict, claimVerdict, verdictOf } from '../claims/verdict.ts';
import type { Executor } from '../runs/pool.ts';
import { type RunStore, runKey } from '../runs/store.ts';
import { type SweepProgress, sweep } from '../runs/sweep.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { type Checkpoint, saveCheckpoints } from './checkpoints.ts';
import { summaryLine } from './format.ts';

/** Whether the measured verdict reproduces the one the file records. */
export interface Ledger {
  recorded: Status | null;
  measured: Status;
  reproduced: boolean;
  /** False at --scale full: recorded verdicts belong to the CI scale and are not enforced there. */
  enforced: boolean;
}

/** Everything one verification of a claim produced: what the sinks write. */
export interface ClaimOutcome {
  /** The claim as tested (its tuned values applied): the source regime's. */
  claim: Claim;
  /** The claim as declared: the top-level one, untuned, with every regime at this scale. */
  declared: Claim;
  verdict: Verdict;
  runs: Record<string, Trajectory[]>;
  figures: Figure[];
  checkpoints: Checkpoint[];
  ledger: Ledger;
  /** Every regime as tested, the source's first (the top-level claim, verdict and runs are the source's). */
  regimes: RegimeOutcome[];
}

/** One regime's claim as tested, its verdict and its runs. */
export interface RegimeOutcome {
  claim: Claim; verdict: Verdict; runs: Record<string, Trajectory[]>;
  /** Training time (ms) per run key (run store key) of every run the regime used, tuning included: regimes that share runs count them once. */
  cpuByRun?: ReadonlyMap<string, number>;
}

/** Where a verification's outcome goes: the Allure page, the claims.md row, … */
export type Sink = (o: ClaimOutcome) => void | Promise<void>;

export interface VerifyOptions {
  sinks?: readonly Sink[];
  /** Progress over the claim's runs (tuning first, then the test), e.g. a progress bar. */
  onProgress?(p: SweepProgress & { phase: string }): void;
  executor?: Executor;
  /** Where finished runs are kept (default: the settings' run store). */
  store?: RunStore;
  /** The hypothesis file; with `update`, a verdict that differs from the recorded one is written there. */
  file?: string;
  update?: boolean;
}

/** How a verification ended, with a message for people: the vitest test and `grokcheck verify` act on it. */
export interface VerifyResult {
  outcome: ClaimOutcome;
  status: 'reproduced' | 'recorded' | 'unrecorded' | 'changed' | 'not-enforced' | 'failed';
  message: string;
}

/**
 * Trains a claim's runs (through the run store): its tuning steps first, in order, then arms × seeds; then
 * reaches the verdict. Never throws for a failed run: it comes back as an inconclusive verdict carrying `error`.
 */
export async function runClaim(claim: Claim, opts: Pick<VerifyOptions, 'onProgress' | 'executor' | 'store'> = {}): Promise<RegimeOutcome> {
  const t0 = performance.now();
  let trainMs = 0;
  // each run's training time by run key, tuning included (a run asked twice, e.g. a shared baseline, counts once)
  const cpuByRun = new Map<string, number>();
  const count = (jobs: readonly { config: Claim['configs'][string]; seed: number }[], done: { trajectories: Trajectory[] }) =>
    jobs.forEach((j, i) => cpuByRun.set(runKey(j.config, j.seed), done.trajectories[i].wallMs));
  try {
    const tuning: Tuning[] = [];
    for (const step of claim.pendingTuning) {
      const best = Object.fromEntries(claim.pendingTuning.slice(0, tuning.length).map((t, i) => [t.key, tuning[i].best]));
      // an edge choice widens its grid once (the pre-registered rule in src/claims/tune.ts), then re-tunes
      const r = await tuneStep(step, claim.base, best, async (jobs) => {
        const done = await sweep(jobs, { executor: opts.executor, store: opts.store, onProgress: (p) => opts.onProgress?.({ ...p, phase: `tuning ${step.name}` }) });
        count(jobs, done);
        return done;
      });
      trainMs += r.trainMs;
      tuning.push(r.tuning);
    }
    const tested = claim.pendingTuning.length ? resolveTuned(claim, tuning) : claim;
    const arms = Object.keys(tested.configs);
    const jobs = arms.flatMap((arm) => Array.from({ length: tested.seeds }, (_, i) => ({ arm, config: tested.configs[arm], seed: tested.firstSeed + i })));
    const r = await sweep(jobs, { executor: opts.executor, store: opts.store, onProgress: (p) => opts.onProgress?.({ ...p, phase: 'test' }) });
    trainMs += r.trainMs;
    count(jobs, r);
    const runs: Record<string, Trajectory[]> = Object.fromEntries(arms.map((a) => [a, [] as Trajectory[]]));
    jobs.forEach((j, i) => runs[j.arm].push(r.trajectories[i]));
    const verdict = verdictOf(tested, runs, { trainMs, runtimeMs: performance.now() - t0 });
    // the training a verdict took includes its tuning runs
    return { claim: tested, verdict: { ...verdict, cpuMs: [...cpuByRun.values()].reduce((s, ms) => s + ms, 0) }, runs, cpuByRun };
  } catch (e) {
    const verdict: Verdict = {
      status: 'inconclusive', seedsNeeded: null, claim: { id: claim.id, title: claim.title }, alpha: claim.alpha, seeds: claim.seeds,
      evidence: [], runs: {}, cpuMs: 0, trainMs, runtimeMs: performance.now() - t0, error: (e as Error).message,
      regime: { name: claim.regimeName, source: claim.isSource }, controls: [], preconditions: [],
    };
    return { claim, verdict, runs: {} };
  }
}

/**
 * Verifies one claim, the one way both `npm test` and `grokcheck verify` do it: runs it, draws its figures and
 * saves its checkpoints, hands the outcome to every sink (Allure page, claims.md row, …), and compares the
 * measured verdict with the recorded one (rewriting the record in the file with `update`).
 */
export async function verifyClaim(claim: Claim, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const regimes: RegimeOutcome[] = [];
  for (const r of [claim, ...claim.regimes]) {
    regimes.push(await runClaim(r, { ...opts, onProgress: opts.onProgress && ((p) => opts.onProgress!({ ...p, phase: claim.regimes.length ? `${r.regimeName}: ${p.phase}` : p.phase })) }));
  }
  const source = regimes.find((r) => r.claim.isSource) ?? regimes[0];
  // figures and checkpoints are declared on the spec's own (top-level) regime, which need not be the source's
  const own = regimes[0];
  const { claim: tested, runs } = source;
  const v = claimVerdict(claim, regimes.map((r) => r.verdict));
  // the source first, then the rest in the file's order
  regimes.sort((a, b) => Number(b === source) - Number(a === source));
  const figures = own.verdict.error || !own.claim.figures ? [] : own.claim.figures(own.runs, own.claim.configs);
  const checkpoints = own.verdict.error || !own.claim.checkpoints ? [] : saveCheckpoints(own.claim, own.runs);
  const enforced = tested.scale === 'ci';
  const ledger: Ledger = { recorded: tested.recorded, measured: v.status, reproduced: tested.recorded === v.status, enforced };
  const outcome: ClaimOutcome = { claim: tested, declared: claim, verdict: v, runs, figures, checkpoints, ledger, regimes };
  for (const sink of opts.sinks ?? []) await sink(outcome);
  const summary = summaryLine(v), where = opts.file ?? `the ${tested.id} hypothesis file`;
  const result = (status: VerifyResult['status'], message: string): VerifyResult => ({ outcome, status, message });
  if (v.error) return result('failed', `${tested.id}: the runs failed, no verdict: ${v.error}`);
  if (!enforced) return result('not-enforced', `${tested.id}: ${summary} (scale ${tested.scale}: recorded verdicts apply to the CI scale)`);
  if (ledger.reproduced) return result('reproduced', `${tested.id}: ${summary}`);
  if (opts.update && opts.file) {
    recordVerdict(opts.file, v.status);
    return result('recorded', `${tested.id}: recorded verdict ${tested.recorded === null ? 'set' : `changed from '${tested.recorded}'`} to '${v.status}' in ${where}`);
  }
  if (tested.recorded === null) {
    return result('unrecorded', `${tested.id} has no recorded verdict yet. The evidence says ${v.status.toUpperCase()}:\n  ${summary}\n` +
      `Record it with \`npx grokcheck record ${tested.id}\` (or set \`recorded: '${v.status}'\` in ${where}).`);
  }
  return result('changed', `${tested.id}: the evidence changed the verdict: recorded ${tested.recorded.toUpperCase()}, measured ${v.status.toUpperCase()}.\n  ${summary}\n` +
    `If the protocol or engine changed on purpose, say so in the file's deviations and re-record with \`npx grokcheck record ${tested.id}\`.`);
}

/** Rewrites the `recorded:` field of a hypothesis file: the one path by which a verdict is recorded. */
export function recordVerdict(file: string, status: Status): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(/recorded:\s*(null|'[a-z]+')/, `recorded: '${status}'`);
  if (next === text && !text.includes(`recorded: '${status}'`)) throw new Error(`cannot find a 'recorded:' field to update in ${file}`);
  writeFileSync(file, next);
}
