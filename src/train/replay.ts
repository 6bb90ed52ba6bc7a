import type { Model } from '../models/model.ts';
import type { Task } from '../tasks/task.ts';
import type { RunConfig } from './config.ts';
import { train } from './train.ts';

/**
 * Re-trains a run up to the last of `steps` and hands the model to `fn` after exactly each of those steps.
 * The run store keeps trajectories, not weights; training is deterministic (same config, seed and kernels →
 * the same weights), so weights at any step (checkpoints, figures) are recovered by replaying. Evaluations
 * and probes never change the weights, so the replay skips them.
 */
export function replay(config: RunConfig, seed: number, steps: readonly number[], fn: (step: number, model: Model, task: Task) => void): void {
  if (steps.length === 0) return;
  const last = Math.max(...steps);
  train({ ...config, steps: last, evalEvery: Math.max(last, 1), probes: [], stop: { testAcc: null, hold: 1, afterGrok: 1 } }, seed, { at: { steps: new Set(steps), fn } });
}
