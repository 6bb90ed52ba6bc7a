import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { linalg } from '../engine/linalg.ts';
import type { Probe } from './probe.ts';
import { singularValues } from './spectrum.ts';

/** Entropy effective rank exp(H(σ/Σσ)) of a spectrum (Roy & Vetterli 2007): 1 for rank one, n for a flat spectrum. */
export function effectiveRank(sv: readonly number[]): number {
  const total = sv.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  let h = 0;
  for (const s of sv) if (s > 0) { const q = s / total; h -= q * Math.log(q); }
  return Math.exp(h);
}

/**
 * `rank`: the effective rank of the first hidden layer's activations over every example of the task
 * (`rank:h1`, from the eigenvalues of the width × width Gram matrix) and of every weight matrix
 * (`rank:W1`, …). Deep Grokking (arXiv 2405.19454) reports feature rank falling at the transition.
 */
export const rank: Probe = {
  name: 'rank',
  measure({ model, task }) {
    const out: Record<string, number> = {};
    const all = Int32Array.from({ length: task.labels.length }, (_, i) => i);
    const h = model.params.find((q) => q.name === 'W1')?.shape[1];
    if (h !== undefined && model.params.some((q) => q.name === 'W2')) {
      const A = model.hidden(all, 1), n = all.length;
      const G = linalg().matmul(A, A, h, n, h, true, false);
      const eig = new EigenvalueDecomposition(new Matrix(Array.from({ length: h }, (_, i) => Array.from(G.subarray(i * h, (i + 1) * h)))), { assumeSymmetric: true });
      out['rank:h1'] = effectiveRank(eig.realEigenvalues.map((e) => Math.sqrt(Math.max(e, 0))));
    }
    for (const p of model.params) if (p.shape.length === 2) out[`rank:${p.name}`] = effectiveRank(singularValues(p.data, p.shape[0], p.shape[1]));
    return out;
  },
};
