import { describe, expect, test } from 'vitest';
import { initMlp } from '../models/init.ts';
import { mlp } from '../models/mlp.ts';
import { buildTask } from '../tasks/index.ts';
import { resolveConfig } from '../train/config.ts';
import { fourier } from './fourier.ts';
import { hessian } from './hessian.ts';
import { oInformation3 } from './oinfo.ts';
import { effectiveRank } from './rank.ts';

describe('probes against hand-computed values', () => {
  test('effective rank: flat spectrum → n, one nonzero value → 1, (2, 1, 1) → exp(H(½, ¼, ¼))', () => {
    expect(effectiveRank([3, 3, 3, 3])).toBeCloseTo(4, 12);
    expect(effectiveRank([5, 0, 0])).toBeCloseTo(1, 12);
    expect(effectiveRank([2, 1, 1])).toBeCloseTo(Math.exp(-(0.5 * Math.log(0.5) + 0.5 * Math.log(0.25))), 12);
  });

  test('O-information: XOR triple is purely synergistic (Ω = −ln 2), three copies purely redundant (Ω = +ln 2)', () => {
    // all four (a, b) pairs, c = a XOR b: H(X) = 2 ln 2, H(Xj) = ln 2, H(X−j) = 2 ln 2 → Ω = 2ln2 + 3ln2 − 6ln2 = −ln 2
    const a = Uint8Array.of(0, 0, 1, 1), b = Uint8Array.of(0, 1, 0, 1), c = a.map((x, i) => x ^ b[i]);
    expect(oInformation3([a, b, c], 4).omega).toBeCloseTo(-Math.log(2), 12);
    // copies: H(X) = ln 2, H(Xj) = ln 2, H(X−j) = ln 2 → Ω = ln2 + 3ln2 − 3ln2 = ln 2
    expect(oInformation3([a, a, a], 4).omega).toBeCloseTo(Math.log(2), 12);
    // independent bits: Ω = 0
    const i1 = Uint8Array.of(0, 0, 0, 0, 1, 1, 1, 1), i2 = Uint8Array.of(0, 0, 1, 1, 0, 0, 1, 1), i3 = Uint8Array.of(0, 1, 0, 1, 0, 1, 0, 1);
    expect(oInformation3([i1, i2, i3], 8).omega).toBeCloseTo(0, 12);
  });

  test('fourier: an embedding made of one frequency has all its power in the top 5; a random one about 5/((p−1)/2)', () => {
    const cfg = resolveConfig({ task: { p: 31 }, model: { hidden: [16] } });
    const task = buildTask(cfg.task, 0), init = initMlp(cfg.model, task, 0);
    const model = mlp(cfg.model, task, 'ce', init, task.train.length);
    const random = fourier.measure({ model, task, step: 0 })['fourier:top5'];
    expect(random).toBeGreaterThan(0.2);
    expect(random).toBeLessThan(0.6);
    const W1 = model.params[0];
    for (let a = 0; a < 31; a++) for (let j = 0; j < 16; j++) W1.data[a * 16 + j] = Math.cos((2 * Math.PI * 3 * a) / 31 + j);
    expect(fourier.measure({ model, task, step: 0 })['fourier:top5']).toBeCloseTo(1, 6);
  });

  test('hessian: for a linear model with MSE the top eigenvalue and trace match the closed form, and θ and ∇ are restored', () => {
    // hidden [] → logits = Σ_t E[tok_t]; L = mean over rows × classes of (out − y)², so the Hessian is block
    // diagonal over classes with each block (2/(N·C))·XᵀX, X the N × vocab token-count matrix.
    const cfg = resolveConfig({ task: { p: 7, trainFraction: 0.6 }, model: { hidden: [] }, loss: 'mse' });
    const task = buildTask(cfg.task, 1), init = initMlp(cfg.model, task, 1);
    const model = mlp(cfg.model, task, 'mse', init, task.train.length);
    model.lossAndGrad(task.train);
    const before = model.params.map((p) => Float32Array.from(p.data)), grads = model.grads.map((g) => Float32Array.from(g));
    const h = hessian.measure({ model, task, step: 0 });
    const V = task.vocab, C = task.classes, N = task.train.length;
    const XtX = Array.from({ length: V }, () => new Float64Array(V));
    for (const e of task.train) for (const a of [task.tokens[2 * e], task.tokens[2 * e + 1]]) for (const b of [task.tokens[2 * e], task.tokens[2 * e + 1]]) XtX[a][b] += 1;
    const scale = 2 / (N * C);
    const trace = C * scale * XtX.reduce((s, row, i) => s + row[i], 0);
    expect(Math.abs(h['hessian:trace'] - trace) / trace).toBeLessThan(0.05); // Hutchinson, 10 probes: a few % of noise
    // top eigenvalue of XᵀX by power iteration here, independently
    let v = Array.from({ length: V }, (_, i) => 1 + (i % 3));
    let lam = 0;
    for (let it = 0; it < 200; it++) {
      const w = XtX.map((row) => row.reduce((s, x, j) => s + x * v[j], 0));
      const n = Math.hypot(...w); lam = n / Math.hypot(...v); v = w.map((x) => x / n);
    }
    expect(h['hessian:top'] / (scale * lam)).toBeCloseTo(1, 2);
    model.params.forEach((p, i) => expect(Array.from(p.data)).toEqual(Array.from(before[i])));
    model.grads.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(grads[i])));
  });
});
