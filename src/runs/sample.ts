import { rng } from '../engine/rng.ts';
import { initMlp, modelFactory } from '../models/index.ts';
import { buildTask } from '../tasks/index.ts';
import type { RunConfig } from '../train/config.ts';
import type { EvalRecord, Trajectory } from '../train/trajectory.ts';
import { wangLandau } from '../physics/wangLandau.ts';
import type { ModelInit } from '../models/model.ts';

/** Test-accuracy bins of the joint histogram (generalization coordinate q ∈ [0, 1]). */
const Q_BINS = 10;

/**
 * The depth in nats of the deepest valley between two modes of a histogram: for modes i < j and the least
 * populated bin k between them, min(ln hᵢ, ln hⱼ) − ln h_k (counts + ½, so empty bins count as rare, not
 * impossible); 0 when the histogram has one mode. An entropy barrier between memorizing and generalizing
 * states at equal energy is such a valley in P(q | E).
 */
export function barrierDepth(hist: readonly number[]): number {
  const l = hist.map((h) => Math.log(h + 0.5));
  let depth = 0;
  for (let i = 0; i < l.length; i++) for (let j = i + 2; j < l.length; j++) {
    let valley = Infinity;
    for (let k = i + 1; k < j; k++) valley = Math.min(valley, l[k]);
    depth = Math.max(depth, Math.min(l[i], l[j]) - valley);
  }
  return depth;
}

/**
 * Wang–Landau over a network's weights (claims G1, G2): energy = training loss; the walk starts from `start` (the
 * init, or the weights `startSteps` of training reach: run.ts trains them); it perturbs one weight
 * at a time by N(0, stepSize²) inside the box |θ| ≤ box (moves leaving it are rejected), over the window
 * [eMin, eMax). Every `measureEvery` moves it also records the test accuracy q of the current state in its
 * energy bin: WL visits each bin's states uniformly, so the per-bin histogram estimates P(q | E), the
 * microcanonical distribution of the generalization coordinate. The trajectory has one record per energy
 * bin, lowest first ("step" = bin index): trainLoss = the bin's energy, testAcc = mean q there, and
 * wl:lnG, wl:samples, wl:barrier (barrierDepth of the bin's q histogram), wl:genFrac (the fraction of its
 * states with q ≥ 0.5), wl:moves, wl:lnf.
 */
export function sampleRun(cfg: RunConfig, seed: number, start?: ModelInit): Trajectory {
  const t0 = performance.now();
  const s = cfg.sampler!;
  const task = buildTask(cfg.task, seed);
  const init = start ?? initMlp(cfg.model, task, seed);
  const model = modelFactory(cfg.model.kind)(cfg.model, task, cfg.loss, init, Math.max(task.train.length, task.test.length));
  const weights = model.params.filter((p) => p.shape.length === 2);
  const sizes = weights.map((p) => p.data.length), total = sizes.reduce((a, b) => a + b, 0);
  let last: { p: Float32Array; i: number; old: number } | null = null;
  let moves = 0;
  const sys = {
    energy: () => (last && Math.abs(last.p[last.i]) > s.box ? Infinity : model.evaluate(task.train).loss),
    propose(r: { next(): number; normal(): number }) {
      let k = Math.floor(r.next() * total), w = 0;
      while (k >= sizes[w]) k -= sizes[w++];
      const p = weights[w].data;
      last = { p, i: k, old: p[k] };
      p[k] += s.stepSize * r.normal();
    },
    undo() { if (last) last.p[last.i] = last.old; },
  };
  const hist = Array.from({ length: s.bins }, () => new Array<number>(Q_BINS).fill(0));
  const qSum = new Float64Array(s.bins), qN = new Float64Array(s.bins);
  const res = wangLandau(sys, rng(seed, 'wang-landau'), {
    eMin: s.eMin, eMax: s.eMax, bins: s.bins, lnfFinal: s.lnfFinal, flatness: s.flatness, checkEvery: 5000, maxMoves: s.moves,
    onVisit(b) {
      if (++moves % s.measureEvery) return;
      const q = model.evaluate(task.test).acc;
      hist[b][Math.min(Q_BINS - 1, Math.floor(q * Q_BINS))]++; qSum[b] += q; qN[b]++;
    },
  });
  model.dispose();
  const evals: EvalRecord[] = res.energies.map((e, b) => ({
    step: b, trainLoss: e, trainAcc: NaN, testLoss: NaN, testAcc: qN[b] ? qSum[b] / qN[b] : NaN,
    'wl:lnG': res.lnG[b], 'wl:samples': qN[b], 'wl:barrier': qN[b] ? barrierDepth(hist[b]) : NaN,
    'wl:genFrac': qN[b] ? hist[b].slice(Q_BINS / 2).reduce((x, y) => x + y, 0) / qN[b] : NaN, 'wl:moves': res.moves, 'wl:lnf': res.lnf,
  }));
  const wallMs = performance.now() - t0;
  return { evals, tMem: null, tGrok: null, diverged: null, stopReason: 'budget', steps: res.moves, msPerStep: wallMs / Math.max(res.moves, 1), wallMs };
}
