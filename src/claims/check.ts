import type { Trajectory } from '../train/trajectory.ts';
import type { Claim } from './claim.ts';
import { type SweepProgress, sweep } from './sweep.ts';
import { type Verdict, evaluate } from './verdict.ts';

export interface CheckResult { verdict: Verdict; runs: Record<string, Trajectory[]> }

/**
 * Trains a claim's arms × seeds (through the run store) and reaches its verdict. Never throws: a failure
 * (a run that errors) comes back as an inconclusive verdict carrying `error`.
 */
export async function check(claim: Claim, opts: { onProgress?(p: SweepProgress): void } = {}): Promise<CheckResult> {
  const t0 = performance.now();
  const arms = Object.keys(claim.configs);
  const jobs = arms.flatMap((arm) => Array.from({ length: claim.seeds }, (_, seed) => ({ arm, config: claim.configs[arm], seed })));
  try {
    const { trajectories, trainMs } = await sweep(jobs, { onProgress: opts.onProgress });
    const runs: Record<string, Trajectory[]> = Object.fromEntries(arms.map((a) => [a, [] as Trajectory[]]));
    jobs.forEach((j, i) => runs[j.arm].push(trajectories[i]));
    return { verdict: evaluate(claim, runs, { trainMs, runtimeMs: performance.now() - t0 }), runs };
  } catch (e) {
    const verdict: Verdict = {
      status: 'inconclusive', seedsNeeded: null, claim: { id: claim.id, title: claim.title }, alpha: claim.alpha, seeds: claim.seeds,
      evidence: [], runs: {}, cpuMs: 0, trainMs: 0, runtimeMs: performance.now() - t0, error: (e as Error).message,
    };
    return { verdict, runs: {} };
  }
}
