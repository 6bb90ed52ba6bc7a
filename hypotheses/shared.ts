import { type Metric, type RunConfigInput, type TuneSpec, metrics, preconditions, recipe } from '../src/index.ts';
import { productTune } from '../src/claims/tune.ts';
import { meanFieldDense } from '../src/physics/meanField.ts';
import { rng, shuffle } from '../src/engine/rng.ts';

/**
 * Recipes shared by several hypotheses. Arms with identical configs are trained once per suite (the run
 * store keys runs by config and seed), so claims that read the same runs cost nothing extra.
 */

/** D1's 'wd=1' arm: x² MLP (width 128) on a+b mod 47, half the pairs, full batch, AdamW lr 1e-3, wd 1, β₂ 0.98; trained on to 3·t_grok. */
export const QUADRATIC_ADD_47 = recipe({
  task: { kind: 'modular', op: 'add', p: 47, trainFraction: 0.5 },
  model: { hidden: [128], act: 'quadratic', bias: false },
  loss: 'ce',
  optimizer: { name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.98, wd: 1 },
  steps: 8000, evalEvery: 10, probes: ['weightNorm', 'gradNorm', 'fourier'],
  stop: { testAcc: 0.99, hold: 5, afterGrok: 3 },
}, {
  'stop.afterGrok': 'issue 13: claims about what follows grokking (cleanup, compression, the norm still falling; Nanda et al. 2023, arXiv 2301.05217) read the end state at 3·t_grok, not a few evaluations after it',
  'model.act': 'Gromov (2023), arXiv 2301.02679: a two-layer network with quadratic activation groks modular arithmetic',
  'optimizer.lr': 'Nanda et al. (2023), arXiv 2301.05217: AdamW, lr 1e-3, β = (0.9, 0.98), weight decay 1, full batch',
  'optimizer.beta1': 'Nanda et al. (2023), arXiv 2301.05217',
  'optimizer.beta2': 'Nanda et al. (2023), arXiv 2301.05217',
  'task.trainFraction': 'Power et al. (2022), arXiv 2201.02177: grokking at training fractions near one half',
});

/**
 * A two-hidden-layer ReLU MLP (128, 128) on a+b mod 31 with 60% of the pairs: the smallest setting found where
 * an MLP has a hidden matrix (W2, 128 × 128) for Muon to act on and still groks within seconds with AdamW
 * (pilots, 2 seeds: t_mem ≈ 75, t_grok ≈ 2300 at lr 3e-3, wd 1).
 */
export const DEEP_RELU_ADD_31 = recipe({
  task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.6 },
  model: { hidden: [128, 128], act: 'relu', bias: false },
  loss: 'ce',
  optimizer: { name: 'adamw', lr: 3e-3, beta1: 0.9, beta2: 0.98, wd: 1 },
  evalEvery: 25,
});

/**
 * Nanda et al.'s one-layer transformer (arXiv 2301.05217; no LayerNorm) at CI size: d_model 64, 4 heads, d_mlp 256, on
 * a+b mod 31 with half the pairs, full batch, AdamW lr 3e-3 (two-seed pilots: lr 1e-3 did not grok in 4000 steps at
 * this size), wd 1, β = (0.9, 0.98), evaluated every 10 steps with the fourier probe (W_E), trained on to 2·t_grok
 * within 6000 steps. Pilots (seed 0, evalEvery 10): t_mem 70, t_grok 2750. D1's full-batch transformer regime and
 * D2's transformer regime share these runs.
 */
export const TRANSFORMER_ADD_31 = recipe({
  task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.5 },
  model: { kind: 'transformer', dModel: 64, heads: 4, dMlp: 256 },
  loss: 'ce',
  optimizer: { name: 'adamw', lr: 3e-3, beta1: 0.9, beta2: 0.98, wd: 1 },
  steps: 6000, evalEvery: 10, probes: ['fourier'],
  stop: { testAcc: 0.99, hold: 3, afterGrok: 2 },
}, {
  'model.kind': 'Nanda et al. (2023), arXiv 2301.05217: a one-layer transformer without LayerNorm groks a+b mod p',
  'optimizer.wd': 'Power et al. (2022), arXiv 2201.02177; Nanda et al. (2023), arXiv 2301.05217: AdamW, weight decay 1',
  'optimizer.beta2': 'Nanda et al. (2023), arXiv 2301.05217',
  'task.trainFraction': 'Power et al. (2022), arXiv 2201.02177: grokking at training fractions near one half',
  'stop.afterGrok': 'D2 reads the end state after the cleanup phase (Nanda et al. 2023); 2·t_grok within 6000 steps keeps a run under a CPU-minute',
});

/**
 * A training set of a commutative op's pairs with no mirror across the split: unordered pairs {a, b}, shuffled by
 * `seed`, go to training whole ((a, b) and (b, a) together) until `fraction` of the p² ordered pairs is reached.
 * With a random split of ordered pairs about half the test pairs have their mirror in training, so a network that
 * learns commutativity reads above chance on them; here none has. Flat ids a·p + b, for task.trainIds.
 */
export function mirrorFreeSplit(p: number, fraction: number, seed: number): number[] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < p; a++) for (let b = a; b < p; b++) pairs.push([a, b]);
  shuffle(pairs, rng(seed, 'mirror-free split'));
  const ids: number[] = [], target = Math.round(fraction * p * p);
  for (const [a, b] of pairs) {
    if (ids.length >= target) break;
    ids.push(a * p + b);
    if (a !== b) ids.push(b * p + a);
  }
  return ids.sort((x, y) => x - y);
}

/** DEEP_RELU_ADD_31 at width 64: the same task with a cheaper hidden matrix (64 × 64) for claims that tune learning rates. */
export const DEEP_RELU_ADD_31_W64 = DEEP_RELU_ADD_31.with({ model: { hidden: [64, 64] } });

/**
 * The Muon claims' fair baseline (M2, M3, M5): AdamW's lr tuned first, then Muon's lr on W2 with the rest of
 * the network on AdamW at AdamW's tuned lr, each on its own pre-registered grid (tuned without probes). With
 * `wd`, Muon is tuned on the product grid weight decay × Muon's lr (both optimizers' decay in the Muon arm), and
 * AdamW keeps the base's decay. Both steps widen an edge choice once (src/claims/tune.ts); `muon` (extra options
 * of the Muon arm, e.g. { muonInput: true }) applies to tuning and test alike; `over` is merged over the base for
 * tuning only (e.g. { evalEvery: 1 }, so that a t_mem objective resolves single steps instead of tying).
 */
export const muonVsAdamwTuning = (grids: { adamw: number[]; muon: number[]; wd?: number[] }, objective?: Metric,
  { muon = {}, over = {}, on = 'W2' }: { muon?: Record<string, number | string | boolean>; over?: RunConfigInput; on?: string } = {}): TuneSpec<any>[] => [
  { key: 'adamw', name: 'AdamW lr', over: { ...over, probes: [] }, grid: grids.adamw, set: (lr: number) => ({ optimizer: { lr } }), objective },
  grids.wd
    ? productTune({
      key: 'muon', name: `weight decay × Muon's lr on ${on} (the rest on AdamW at AdamW's tuned lr)`, over: { ...over, probes: [] }, objective,
      axes: { wd: grids.wd, muonLr: grids.muon },
      set: (v, best) => ({ optimizer: { name: 'muon', lr: best.adamw as number, wd: v.wd, extra: { ...muon, muonLr: v.muonLr } } }),
    })
    : {
      key: 'muon', name: `Muon's lr on ${on} (the rest on AdamW at AdamW's tuned lr)`, over: { ...over, probes: [] }, grid: grids.muon, objective,
      set: (muonLr: number, best) => ({ optimizer: { name: 'muon', lr: best.adamw as number, extra: { ...muon, muonLr } } }),
    },
];
/** The two arms at the tuned values (Muon's value is its lr, or { wd, muonLr } from a product grid). */
export const MUON_VS_ADAMW = (best: Readonly<Record<string, unknown>>, muon: Record<string, number | string | boolean> = {}): Record<string, RunConfigInput> => {
  const m = best.muon as number | { wd: number; muonLr: number };
  return {
    muon: typeof m === 'number'
      ? { optimizer: { name: 'muon', lr: best.adamw as number, extra: { ...muon, muonLr: m } } }
      : { optimizer: { name: 'muon', lr: best.adamw as number, wd: m.wd, extra: { ...muon, muonLr: m.muonLr } } },
    adamw: { optimizer: { lr: best.adamw as number } },
  };
};

/**
 * The VE claims' network (E7, E9): the seed's "100 → 50" as the two hidden layers after a dense embedding, ReLU,
 * on a+b mod 31 with 60% of the pairs, AdamW lr 1e-2, wd 1; gradient norms probed. Pilots (2 seeds): the dense
 * network groks at ≈ 1050 steps; runs stop once test accuracy held 0.95 for 2 evaluations.
 */
export const VE_ADD_31 = recipe({
  task: { kind: 'modular', op: 'add', p: 31, trainFraction: 0.6 },
  model: { hidden: [100, 50], act: 'relu', bias: false },
  loss: 'ce',
  optimizer: { name: 'adamw', lr: 1e-2, beta1: 0.9, beta2: 0.98, wd: 1 },
  steps: 4000, evalEvery: 25, probes: ['gradNorm'],
  stop: { testAcc: 0.95, hold: 2 },
});

/** QUADRATIC_ADD_47 with the coordination probe (weight graph and activation cloud), every 50 steps: E2 and E10 share these runs. */
export const COORDINATION_47 = QUADRATIC_ADD_47.with({ evalEvery: 50, probes: ['coordination'] });

/**
 * The teacher-student regime of P1, P2, P4 and P5 (issue 16): Rubin, Seroussi & Ringel's two-layer erf network
 * (arXiv 2310.03789) in the mean-field scaling, sampled at equilibrium by Langevin dynamics. The Bayesian network
 * g(x) = (1/N)·Σᵢ ãᵢ·erf(wᵢ·x), wᵢ ~ N(0, I/d), ãᵢ ~ N(0, 1), likelihood noise σ², is run as the plain `dense`
 * network with the target scaled by N/√d and SGD + L2 + Langevin noise set so that their stationary law is that
 * posterior (src/physics/meanField.ts derives and tests the map). Target y = He₁(w*·x) + a₃·He₃(w*·x) with
 * a₃ = −0.14: an erf unit erf(r·w*·x) has He₃/He₁ = −r²/(3(1 + 2r²)) ∈ (−1/6, 0), so units aligned with w* can
 * carry this cubic, and do so only at |w·w*| well outside the prior (≈ 4–5 prior standard deviations at d = 16).
 */
export interface TeacherScale {
  readonly d: number; readonly width: number; readonly noise2: number;
  /** The swept sample sizes, smallest first. */
  readonly ns: readonly number[];
  /** The n of the equilibration check (a second start, aligned with w*) and of P5's bias arm. */
  readonly checkN: number;
  /** Further n with the same check, where a prediction reads the equilibrium beyond checkN (P1–P4 at full scale). */
  readonly alsoCheck?: readonly number[];
  readonly steps: number; readonly nTest: number; readonly seeds: number;
}
/**
 * CI scale: d = 16, N = 64, σ² = 0.05, n = 16, 64, 256, 3000 Langevin steps (≈ 35 CPU-s per seed for the sweep
 * and the aligned start). Two-seed pilots (2026-11-24) put the aligned phase inside this range: the fraction of
 * units with |√d·w·w*| ≥ 3 was 0–0.09 at n = 16, ≈ 0.2 at n = 64 and ≈ 0.33 at n = 256.
 */
export const TEACHER_CI: TeacherScale = { d: 16, width: 64, noise2: 0.05, ns: [16, 64, 256], checkN: 256, steps: 3000, nTest: 1000, seeds: 8 };
/**
 * Full scale (--scale full, not run in CI): d = 24, N = 96, n from d to 6144 (the paper's cubic is learned at
 * n ≈ 6000 at its scale), 4200 steps, 8 seeds. Measured 2026-11-24: the 48 runs of P1, P2 and P4 took 136 CPU-min
 * (an n = 6144 run ≈ 10 min, most of it the NNGP's exact O(n³) solves, which bound n: 10⁴ would need a 10⁴ × 10⁴
 * Cholesky per run). alsoCheck (added after that run, before the runs it adds): the equilibration check also at
 * n = 6144, where P1's GMFL-II and P4's comparison are read.
 */
export const TEACHER_FULL: TeacherScale = { d: 24, width: 96, noise2: 0.05, ns: [24, 96, 384, 1536, 6144], checkN: 1536, alsoCheck: [6144], steps: 4200, nTest: 2000, seeds: 8 };
export const TEACHER_A3 = -0.14;

/** One run of the mean-field teacher-student model at sample size n. */
export function teacherMF(s: TeacherScale, n: number, o: { start?: 'init' | 'aligned'; hiddenBias?: number } = {}): RunConfigInput {
  const m = meanFieldDense({ d: s.d, width: s.width, n, noise2: s.noise2 });
  return {
    task: { kind: 'teacher', d: s.d, n, nTest: s.nTest, a1: m.targetScale, a3: TEACHER_A3 * m.targetScale, noise: 0, hiddenBias: o.hiddenBias ?? 0, start: o.start ?? 'init' },
    model: { kind: 'dense', hidden: [s.width], act: 'erf', bias: false },
    loss: 'mse',
    optimizer: { name: 'sgd', lr: m.lr, wd: m.wd, extra: { langevinT: m.temperature } },
    steps: s.steps, evalEvery: s.steps / 6, probes: ['teacher'],
  };
}
export const nArm = (n: number) => `n=${n}`;
export const ALIGNED_START = (s: TeacherScale, n = s.checkN) => `n=${n}, aligned start`;
/** The sweep over n, and the aligned start at checkN (the equilibration check). */
export const teacherArms = (s: TeacherScale): Record<string, RunConfigInput> => ({
  ...Object.fromEntries(s.ns.map((n) => [nArm(n), teacherMF(s, n)])),
  ...Object.fromEntries([s.checkN, ...(s.alsoCheck ?? [])].map((n) => [ALIGNED_START(s, n), teacherMF(s, n, { start: 'aligned' })])),
});
/** What the regime notes say of the scale. */
export const teacherScaleNote = (s: TeacherScale) => `Mean-field erf network (hypotheses/shared.ts TeacherScale): d = ${s.d}, N = ${s.width} units, σ² = ${s.noise2}, target He₁ + ${TEACHER_A3}·He₃ along w*, Langevin sampling for ${s.steps} steps, n = ${s.ns.join(', ')}, ${s.seeds} seeds. Rubin et al. work at d ≫ 1; the transition's n grows with d, so this d moves it down into reach.`;

/** The teacher probe's values at the last evaluation (one sample of the posterior). */
export const teacherEnd = (key: string) => (t: { evals: Record<string, number>[] }) => t.evals.at(-1)![`teacher:${key}`];
/** The dip-test p of the |uᵢ| over the hidden units at the last evaluation (P1, P2): small when they split into two populations. */
export const projDipEnd = metrics.custom('dip-test p of |√d·wᵢ·w*| over units, at the end', teacherEnd('projDipP'), true);
/** The teacher probe's value averaged over the second half of the run (the posterior average, after burn-in). */
export const teacherLate = (key: string) => (t: { evals: Record<string, number>[] }) => {
  const last = t.evals.at(-1)!.step, late = t.evals.filter((e) => e.step >= last / 2).map((e) => e[`teacher:${key}`]);
  return late.reduce((a, b) => a + b, 0) / late.length;
};

/**
 * G1/G2's small network: a+b mod 11 with 70% of the pairs (85 training, 36 test), one x² layer of 32 units,
 * 1056 weights. Pilots (3 seeds): AdamW (lr 1e-2, wd 1) memorizes by step 75 and then generalizes partly and
 * slowly (test accuracy 0.67–0.86 at 10⁴ steps).
 */
export const SMALL_ADD_11 = recipe({
  task: { kind: 'modular', op: 'add', p: 11, trainFraction: 0.7 },
  model: { hidden: [32], act: 'quadratic', bias: false },
  loss: 'ce',
  optimizer: { name: 'adamw', lr: 1e-2, beta2: 0.98, wd: 1 },
});
/**
 * Wang–Landau over SMALL_ADD_11's weights, started from the memorizing state 300 AdamW steps reach (training
 * loss ≈ 0.01): training loss in [0, 0.8) in 4 bins, 6·10⁵ single-weight moves of N(0, 0.1²).
 */
export const WL_SAMPLER = { kind: 'wang-landau', eMin: 0, eMax: 0.8, bins: 4, moves: 600_000, lnfFinal: 1e-3, flatness: 0.7, stepSize: 0.1, box: 4, measureEvery: 20, startSteps: 300 } as const;

/**
 * M3 and M5's shared protocol (their tuning and test runs are the same runs: M5 reads the spectrum probe that M3
 * carries): DEEP_RELU_ADD_31_W64 for 3000 steps, stopping once test accuracy held 0.95 for 2 evaluations, wd 1.
 * AdamW's lr on 0.01–0.1 (t_grok), then Muon on weight decay 0.09–1 × Muon's lr 0.3–2.7 (t_grok; re-centred once, see
 * M3's deviations), each widened once at an edge.
 */
export const MUON_PLATEAU = DEEP_RELU_ADD_31_W64.with({ steps: 3000, stop: { testAcc: 0.95, hold: 2 }, probes: ['spectrum'] });
export const MUON_PLATEAU_TUNING = muonVsAdamwTuning({ adamw: [1e-2, 3e-2, 1e-1], wd: [0.09, 0.3, 1], muon: [0.3, 0.9, 2.7] });
/** M3 and M5's shared protocol as spec fields: the same base, tuning, arms and precondition (AdamW groks), so the same runs. */
export const MUON_PLATEAU_PROTOCOL = {
  base: MUON_PLATEAU,
  tune: MUON_PLATEAU_TUNING,
  arms: (best: Readonly<Record<string, unknown>>) => MUON_VS_ADAMW(best),
  preconditions: [preconditions.grokked({ arms: ['adamw'] })],
};
