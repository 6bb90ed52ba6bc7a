import { rng } from '../engine/rng.ts';
import { initMlp, modelFactory } from '../models/index.ts';
import { buildTask } from '../tasks/index.ts';
import type { RunConfig } from '../train/config.ts';
import type { EvalRecord, Trajectory } from '../train/trajectory.ts';
import { wangLandau } from '../physics/wangLandau.ts';
import { fractionAbove, profile, valleyDepth, wlmd } from '../physics/wlmd.ts';
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
  return valleyDepth(hist.map((h) => Math.log(h + 0.5)));
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
  if (cfg.sampler!.kind === 'wlmd') return wlmdRun(cfg, seed, start);
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

/**
 * Wang–Landau molecular dynamics over a network's weights (claims G1, G2; src/physics/wlmd.ts): the weights are the
 * coordinates, the training loss the energy and its gradient the force (arXiv 2503.13145, 2505.11411), the test
 * accuracy A the second axis of the density of states S(L_train, A_test), weights kept in |θ| ≤ box. One record per
 * energy bin, lowest first ("step" = bin index): trainLoss = the bin's centre, testAcc = the mean A under S(E, ·),
 * wl:lnG = ln Σ_A g(E, A), wl:S@k = S(E, A-bin k) (−∞ unvisited; the 2-D density of states), wl:samples = steps
 * spent in the bin, wl:barrier = valley depth of S(E, ·), wl:genFrac = P(A ≥ ½ | E), wl:moves, wl:lnf, wl:accept; driven
 * by the test loss (sampler.testLossBins > 0), also wl:SL@j = S(E, test-loss bin j), the density the walk was biased over.
 */
function wlmdRun(cfg: RunConfig, seed: number, start?: ModelInit): Trajectory {
  const t0 = performance.now();
  const s = cfg.sampler!;
  const task = buildTask(cfg.task, seed);
  const init = start ?? initMlp(cfg.model, task, seed);
  const model = modelFactory(cfg.model.kind)(cfg.model, task, cfg.loss, init, task.train.length + task.test.length);
  const moving = model.params.map((p, i) => ({ p, g: model.grads[i] })).filter(({ p }) => p.shape.length === 2);
  if (s.fitAll > 0) fitAll(model, moving, Int32Array.from([...task.train, ...task.test]), s.fitAll);
  let testAcc = NaN;
  const grads = moving.map(({ g }) => g);
  const sys = {
    coords: moving.map(({ p }) => p.data), grads,
    energyAndGrad() {
      for (const { p } of moving) for (const v of p.data) if (Math.abs(v) > s.box) return Infinity;
      return model.lossAndGrad(task.train).loss;
    },
    // driven: B = ln(1 + test loss) and its gradient (the same buffers: wlmd copies the energy's first), the accuracy with it
    ...(s.testLossBins > 0 ? { drive: { grads, valueAndGrad() {
      const r = model.lossAndGrad(task.test);
      testAcc = r.acc;
      for (const g of grads) for (let i = 0; i < g.length; i++) g[i] /= 1 + r.loss;
      return Math.log1p(r.loss);
    } } } : {}),
    observable: () => (s.testLossBins > 0 ? testAcc : model.evaluate(task.test).acc),
  };
  const res = wlmd(sys, rng(seed, 'wlmd'), {
    eMin: s.eMin, eMax: s.eMax, eBins: s.bins, aBins: s.aBins, step: s.stepSize, schedule: s.schedule, lnf0: s.lnf0,
    lnfFinal: s.lnfFinal, maxSteps: s.moves, flatness: s.flatness, checkEvery: 5000, require: 'visited', maxSlope: s.maxSlope,
    ...(s.testLossBins > 0 ? { drive: { max: Math.log1p(s.testLossMax), bins: s.testLossBins } } : {}),
  });
  model.dispose();
  const width = (s.eMax - s.eMin) / s.bins;
  const evals: EvalRecord[] = Array.from({ length: s.bins }, (_, b) => {
    const S = profile(res, b), top = Math.max(...S), w = S.map((v) => Math.exp(v - top)), z = w.reduce((x, y) => x + y, 0);
    const rec: EvalRecord = {
      step: b, trainLoss: s.eMin + (b + 0.5) * width, trainAcc: NaN, testLoss: NaN,
      testAcc: z > 0 ? w.reduce((x, v, a) => x + v * (a + 0.5) / s.aBins, 0) / z : NaN,
      'wl:lnG': z > 0 ? top + Math.log(z) : -Infinity, 'wl:samples': res.visits.subarray(b * s.aBins, (b + 1) * s.aBins).reduce((x, y) => x + y, 0),
      'wl:barrier': z > 0 ? valleyDepth(S) : NaN, 'wl:genFrac': fractionAbove(S, 0.5), 'wl:moves': res.steps, 'wl:lnf': res.lnf, 'wl:accept': res.acceptance,
    };
    S.forEach((v, a) => { rec[`wl:S@${a}`] = v; });
    res.lnGDriven?.subarray(b * s.testLossBins, (b + 1) * s.testLossBins).forEach((v, j) => { rec[`wl:SL@${j}`] = v; });
    return rec;
  });
  const wallMs = performance.now() - t0;
  return { evals, tMem: null, tGrok: null, diverged: null, stopReason: 'budget', steps: res.steps, msPerStep: wallMs / Math.max(res.steps, 1), wallMs };
}

/**
 * A generalizing state by construction, for the walk that must start in the other basin: full-batch Adam (lr 1e-2,
 * β = (0.9, 0.999), no decay) on the training and test pairs together, whether or not training on the training
 * pairs alone would ever generalize.
 */
function fitAll(model: { lossAndGrad(rows: Int32Array): unknown }, moving: { p: { data: Float32Array }; g: Float32Array }[], rows: Int32Array, steps: number): void {
  const m = moving.map(({ g }) => new Float64Array(g.length)), v = moving.map(({ g }) => new Float64Array(g.length));
  for (let t = 1; t <= steps; t++) {
    model.lossAndGrad(rows);
    moving.forEach(({ p, g }, k) => {
      for (let j = 0; j < g.length; j++) {
        m[k][j] = 0.9 * m[k][j] + 0.1 * g[j]; v[k][j] = 0.999 * v[k][j] + 0.001 * g[j] * g[j];
        p.data[j] -= (1e-2 * m[k][j] / (1 - 0.9 ** t)) / (Math.sqrt(v[k][j] / (1 - 0.999 ** t)) + 1e-8);
      }
    });
  }
}
