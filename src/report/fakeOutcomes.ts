import { defineClaim } from '../claims/claim.ts';
import { metrics } from '../claims/metrics.ts';
import { control } from '../claims/controls.ts';
import { compare, oneSample } from '../claims/predictions/index.ts';
import { verdictOf } from '../claims/verdict.ts';
import type { Status } from '../claims/evidence.ts';
import type { Trajectory } from '../train/trajectory.ts';
import type { ClaimOutcome } from './outcome.ts';

/**
 * Fabricated claims and runs for testing the report without training: a run memorizes at `tMem` and groks at
 * `tGrok` (null: censored), with smooth accuracy curves between. The verdict is the real decision rule's.
 */
export function fakeRun(tMem: number, tGrok: number | null, steps = 2000): Trajectory {
  const evals = [];
  for (let step = 0; step <= steps; step += 20) {
    const trainAcc = 1 / (1 + Math.exp(-(step - tMem * 0.8) / (tMem * 0.1)));
    const testAcc = tGrok === null ? 0.02 : 0.02 + 0.98 / (1 + Math.exp(-(step - tGrok * 0.9) / (tGrok * 0.05)));
    evals.push({ step, trainLoss: 1 - trainAcc, trainAcc, testLoss: 1 - testAcc, testAcc });
  }
  return { evals, tMem, tGrok, diverged: null, stopReason: 'budget', steps, msPerStep: 0.5, wallMs: steps * 0.5 };
}

/** A one-arm delay claim whose runs grok `ratio`× after memorizing; `recorded` is what its file would record. */
export function fakeOutcome(id: string, title: string, ratio: number, recorded: Status | null, opts: { topic?: string; seed?: string; scale?: 'ci' | 'full'; steps?: number } = {}): ClaimOutcome {
  const claim = defineClaim({
    id, title, quote: `a quote for ${id}`, topic: opts.topic ?? 'Delay',
    source: { seed: opts.seed ?? '002_1d00eff4fb351c15.txt', section: 'Issue #1', paper: 'Power et al. (2022), arXiv 2201.02177' },
    regime: 'A made-up regime for the report test (Gromov 2023, arXiv 2301.02679).',
    base: { task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.5 }, steps: opts.steps ?? 2000 },
    full: { base: {}, seeds: 6 },
    arms: { 'wd=1': { optimizer: { wd: 1 } }, 'wd=0.3': { optimizer: { wd: 0.3 } } },
    seeds: 6,
    predictions: [
      oneSample({ name: 'delay ≥ 10×', arm: 'wd=1', metric: metrics.delayRatio, greaterThan: 10 }),
      compare({ name: 'weaker decay groks later', arms: ['wd=0.3', 'wd=1'], metric: metrics.tGrok, direction: 'greater', effect: 'ratio', minEffect: 1.1, paired: true }),
    ],
    controls: [control({ name: 'the delay is measurable', expected: { value: 'test accuracy rises after memorization', cite: 'planted' },
      prediction: oneSample({ name: 'delay > 1×', arm: 'wd=0.3', metric: metrics.delayRatio, greaterThan: 1 }) })],
    recorded,
  }, opts.scale);
  const runs = {
    'wd=1': Array.from({ length: 6 }, (_, s) => fakeRun(40 + 3 * s, Math.round((40 + 3 * s) * ratio * (1 + 0.03 * s)))),
    'wd=0.3': Array.from({ length: 6 }, (_, s) => fakeRun(40 + 3 * s, Math.min(1900, Math.round((40 + 3 * s) * ratio * 1.6 * (1 + 0.02 * s))))),
  };
  const verdict = verdictOf(claim, runs, { trainMs: 0, runtimeMs: 1200 });
  return {
    claim, declared: claim, verdict, runs, figures: [], checkpoints: [], regimes: [{ claim, verdict, runs }],
    ledger: { recorded, measured: verdict.status, reproduced: recorded === verdict.status, enforced: claim.scale === 'ci' },
  };
}
