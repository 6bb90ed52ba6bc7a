import { initMlp } from '../models/index.ts';
import type { ModelInit } from '../models/model.ts';
import { buildTask } from '../tasks/index.ts';
import { type RunConfig, resolveConfig } from '../train/config.ts';
import { type TrainHooks, train } from '../train/train.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { sampleRun } from './sample.ts';

/**
 * One run of a config and seed, whatever it is: training (src/train), or sampling the weights when the config
 * names a `sampler` (Wang–Landau, ./sample.ts), from the init or from the state `sampler.startSteps` of training
 * reach. This is what the executors (threads, queue) compute and the run store keeps.
 */
export function run(input: RunConfig, seed: number, hooks: TrainHooks = {}): Trajectory {
  const cfg = resolveConfig(input);
  if (cfg.sampler === null) return train(cfg, seed, hooks);
  return sampleRun(cfg, seed, cfg.sampler.startSteps > 0 ? trainedStart(cfg, seed) : undefined);
}

/** The weights after `sampler.startSteps` steps of the config's own training: the walk's warm start. */
function trainedStart(cfg: RunConfig, seed: number): ModelInit {
  const steps = cfg.sampler!.startSteps, params = new Map<string, Float32Array>();
  train({ ...cfg, sampler: null, steps, evalEvery: steps, probes: [], stop: { testAcc: null, hold: 1, afterGrok: 1 } }, seed,
    { onEnd: (m) => { for (const p of m.params) params.set(p.name, Float32Array.from(p.data)); } });
  return { params, masks: initMlp(cfg.model, buildTask(cfg.task, seed), seed).masks };
}
