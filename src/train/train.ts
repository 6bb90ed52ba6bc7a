import { check } from '../engine/errors.ts';
import { rng, shuffle } from '../engine/rng.ts';
import { initMlp, modelFactory } from '../models/index.ts';
import type { Model, ModelInit } from '../models/model.ts';
import { buildOptimizer } from '../optim/recipes.ts';
import { applyUpdates } from '../optim/transform.ts';
import { probe } from '../probes/index.ts';
import { buildTask } from '../tasks/index.ts';
import type { Task } from '../tasks/task.ts';
import { type RunConfig, resolveConfig } from './config.ts';
import type { EvalRecord, Trajectory } from './trajectory.ts';

export interface TrainHooks {
  /** Called after each evaluation (progress display). */
  onEval?(e: EvalRecord, cfg: RunConfig): void;
  /** Replaces initial parameters by name (e.g. weights read from .npy files). */
  initOverride?: ReadonlyMap<string, Float32Array>;
  /** Called with the wall time of each training step (forward, backward, update), for benchmarks. */
  onStep?(ms: number): void;
  /** Called with the final model, before it is released (e.g. to save weights). */
  onEnd?(model: Model, task: Task): void;
  /** Called with the model after exactly `step` updates, for each step in `steps` the run reaches (checkpoints, figures). */
  at?: { steps: ReadonlySet<number>; fn(step: number, model: Model, task: Task): void };
}

/**
 * Trains one (config, seed) run and returns its trajectory of plain numbers. Evaluations happen after
 * 0, k, 2k, … updates and after the last one; each records train/test loss and accuracy and every
 * probe, measured at the parameters of that step with the gradient taken there. A non-finite loss ends
 * the run as diverged (it never throws for that). Same config and seed → bit-identical trajectory.
 */
export function train(input: RunConfig, seed: number, hooks: TrainHooks = {}): Trajectory {
  const cfg = resolveConfig(input);
  check(cfg.sampler === null, 'sampler', cfg.sampler?.kind, 'is a sampler config: run it with run(config, seed) from src/runs/run.ts, which samples instead of training');
  const task = buildTask(cfg.task, seed);
  const init = initialState(cfg, task, seed, hooks.initOverride);
  const batch = cfg.batchSize === null ? task.train.length : Math.min(cfg.batchSize, task.train.length);
  // the Hessian probe takes gradients over the whole training set, so a minibatch run that probes it needs room for it
  const maxRows = Math.max(batch, Math.min(4096, task.test.length), cfg.probes.includes('hessian') ? task.train.length : 0);
  const model = modelFactory(cfg.model.kind)(cfg.model, task, cfg.loss, init, maxRows);
  const opt = buildOptimizer(cfg.optimizer, seed);
  const state = opt.init(model.params);
  const probes = cfg.probes.map(probe);
  const nextBatch = batcher(task, batch, seed);
  const updates = model.grads as Float32Array[];

  const evals: EvalRecord[] = [];
  let tMem: number | null = null, tGrok: number | null = null, diverged: Trajectory['diverged'] = null;
  let held = 0, stopReason: Trajectory['stopReason'] = 'budget', stepMs = 0, step = 0;
  const t0 = performance.now();
  for (; ; step++) {
    if (hooks.at?.steps.has(step)) hooks.at.fn(step, model, task);
    const ts = performance.now();
    const rows = nextBatch();
    const { loss, acc } = model.lossAndGrad(rows);
    const tg = performance.now();
    stepMs += tg - ts;
    if (!Number.isFinite(loss)) { diverged = { step }; stopReason = 'diverged'; break; }
    if (step % cfg.evalEvery === 0 || step === cfg.steps) {
      const e = evalRecord(model, task, cfg, probes, step, rows === task.train ? { loss, acc } : null);
      evals.push(e);
      hooks.onEval?.(e, cfg);
      if (!Number.isFinite(e.testLoss) || !Number.isFinite(e.trainLoss)) { diverged = { step }; stopReason = 'diverged'; break; }
      if (tMem === null && e.trainAcc >= cfg.markers.mem) tMem = step;
      if (tGrok === null && e.testAcc >= cfg.markers.grok) tGrok = step;
      held = cfg.stop.testAcc !== null && e.testAcc >= cfg.stop.testAcc ? held + 1 : 0;
      if (held >= cfg.stop.hold && step >= cfg.stop.afterGrok * (tGrok ?? step)) { stopReason = 'converged'; break; }
    }
    if (step === cfg.steps) break;
    const tu = performance.now();
    opt.update(updates, state, model.params, step + 1, { loss });
    applyUpdates(model.params, updates);
    model.constrain();
    const te = performance.now();
    stepMs += te - tu;
    hooks.onStep?.(te - tu + tg - ts);
  }
  hooks.onEnd?.(model, task);
  model.dispose();
  return {
    evals, tMem, tGrok, diverged, stopReason, steps: step,
    msPerStep: step > 0 ? stepMs / step : 0, wallMs: performance.now() - t0,
  };
}

function initialState(cfg: RunConfig, task: Task, seed: number, override?: ReadonlyMap<string, Float32Array>): ModelInit {
  const init = initMlp(cfg.model, task, seed);
  if (!override) return init;
  const params = new Map(init.params);
  for (const [name, v] of override) params.set(name, v);
  return { params, masks: init.masks };
}

/** Full batch: the train indices every step. Minibatch: epochs of a seeded permutation, cut in order. */
function batcher(task: Task, size: number, seed: number): () => Int32Array {
  if (size >= task.train.length) return () => task.train;
  const r = rng(seed, 'batch');
  const order = Int32Array.from(task.train);
  const buf = new Int32Array(size);
  let pos = order.length;
  return () => {
    for (let i = 0; i < size; i++) {
      if (pos === order.length) { shuffle(order, r); pos = 0; }
      buf[i] = order[pos++];
    }
    return buf;
  };
}

function evalRecord(model: Model, task: Task, cfg: RunConfig, probes: ReturnType<typeof probe>[], step: number,
                  trainNow: { loss: number; acc: number } | null): EvalRecord {
  const probed: Record<string, number> = {};
  for (const p of probes) Object.assign(probed, p.measure({ model, task, step }));
  const tr = trainNow ?? model.evaluate(task.train);
  const te = model.evaluate(task.test);
  return { step, trainLoss: tr.loss, trainAcc: tr.acc, testLoss: te.loss, testAcc: te.acc, ...probed };
}
