import { check, isInt, isNum } from '../engine/errors.ts';
import { rng } from '../engine/rng.ts';
import type { Task, TeacherTaskConfig } from './task.ts';

/** A teacher-student regression task: continuous inputs X and real targets y (the `dense` model reads them). */
export interface TeacherTask extends Task {
  readonly d: number;
  /** [examples × d], row-major. */
  readonly X: Float32Array;
  readonly y: Float32Array;
  /** The teacher direction w* (unit length; e₁). */
  readonly teacher: Float32Array;
  readonly config: TeacherTaskConfig;
}

/** Probabilists' Hermite polynomials He₁(z) = z and He₃(z) = z³ − 3z: orthogonal under N(0, 1), E[He₃²] = 6. */
export const he1 = (z: number) => z;
export const he3 = (z: number) => z * z * z - 3 * z;

/**
 * The teacher-student task of Rubin, Seroussi & Ringel (arXiv 2310.03789): x ~ N(0, I_d), a target with a
 * linear and a cubic part along the teacher direction w* = e₁, y = a₁·He₁(w*·x) + a₃·He₃(w*·x) (+ Gaussian
 * label noise), n training and nTest test examples drawn by seed.
 */
export function teacherTask(cfg: TeacherTaskConfig, seed: number): TeacherTask {
  check(isInt(cfg.d, 1) && cfg.d <= 4096, 'task.d', cfg.d, 'must be an integer input dimension in [1, 4096]');
  check(isInt(cfg.n, 1), 'task.n', cfg.n, 'must be a positive number of training examples');
  check(isInt(cfg.nTest, 1), 'task.nTest', cfg.nTest, 'must be a positive number of test examples');
  for (const k of ['a1', 'a3', 'noise', 'hiddenBias'] as const) check(isNum(cfg[k]), `task.${k}`, cfg[k], 'must be a number');
  check(cfg.noise >= 0, 'task.noise', cfg.noise, 'must be ≥ 0 (the label noise standard deviation)');
  check(cfg.start === 'init' || cfg.start === 'aligned', 'task.start', cfg.start, "must be 'init' (the seeded random init) or 'aligned' (every unit given a component ±1 along w*)");
  const { d, n, nTest } = cfg, total = n + nTest, r = rng(seed, 'teacher');
  const X = new Float32Array(total * d), y = new Float32Array(total);
  for (let i = 0; i < total; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = r.normal();
    const z = X[i * d];
    y[i] = cfg.a1 * he1(z) + cfg.a3 * he3(z) + cfg.noise * r.normal();
  }
  const teacher = new Float32Array(d);
  teacher[0] = 1;
  const idx = (from: number, count: number) => Int32Array.from({ length: count }, (_, i) => from + i);
  return {
    name: `teacher-d${d}-n${n}`, vocab: d, tokensPerExample: 0, classes: 1, tokens: new Int32Array(0), labels: new Int32Array(total),
    ids: idx(0, total), train: idx(0, n), test: idx(n, nTest), d, X, y, teacher, config: cfg,
  };
}

/**
 * The 'aligned' start (task.start): each hidden unit's component along w* (W1 [d × N] holds the units as columns)
 * set to ±1 with the sign of its init's, the rest of its init kept. In the mean-field regime (wᵢ ~ N(0, I/d)) that
 * is √d prior standard deviations out, on the specialized side of the transition.
 */
export function alignToTeacher(W1: Float32Array, teacher: Float32Array, N: number): void {
  const d = teacher.length;
  for (let j = 0; j < N; j++) {
    let h = 0;
    for (let k = 0; k < d; k++) h += W1[k * N + j] * teacher[k];
    const shift = (h < 0 ? -1 : 1) - h;
    for (let k = 0; k < d; k++) W1[k * N + j] += shift * teacher[k];
  }
}
