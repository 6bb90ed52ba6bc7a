import { newtonSchulz5, polar } from '../engine/linalg.ts';
import { lastMuonStep } from '../optim/scaleByMuon.ts';
import { isHiddenMatrix } from '../models/init.ts';
import type { Probe } from './probe.ts';
import { singularValues } from './spectrum.ts';

/** The extreme singular values of an update and of the exact polar factor of the matrix it orthogonalized. */
export interface UpdateSpectrum {
  /** σ_max and σ_min of the update Muon applies (the Newton–Schulz output). */
  max: number; min: number;
  /** σ_max and σ_min of the exact polar factor UVᵀ of the same input: the reference the update approximates. */
  polarMax: number; polarMin: number;
  /** 1 when the input is the momentum Muon actually orthogonalized at its latest step, 0 when it is the gradient (no Muon step yet). */
  applied: number;
}

/**
 * Measures an orthogonalized update against the exact polar factor of the same matrix, through the same SVD.
 * The polar factor's σ_max is 1 to the iteration's tolerance (src/engine/linalg.ts), which makes it this
 * measurement's positive control; its σ_min is 0 where the input is rank-deficient (UVᵀ keeps a zero singular
 * value zero), so "every singular value is 1" is not what UVᵀ promises there.
 */
export function updateSpectrum(input: Float32Array, output: Float32Array, rows: number, cols: number, applied: boolean): UpdateSpectrum {
  const sv = singularValues(output, rows, cols), pv = singularValues(polar(input, rows, cols), rows, cols);
  return { max: sv[0], min: sv[sv.length - 1], polarMax: pv[0], polarMin: pv[pv.length - 1], applied: applied ? 1 : 0 };
}

/**
 * The spectrum of the update Muon applied most recently to a matrix (its Nesterov momentum, orthogonalized by
 * Newton–Schulz: src/optim/scaleByMuon.ts records both), or, before Muon's first step or in a run without Muon,
 * of the update its first step would apply: with an empty momentum buffer the Nesterov input is a multiple of
 * the gradient, and the iteration is scale-free.
 */
export function muonUpdateSpectrum(data: Float32Array, grad: Float32Array, rows: number, cols: number): UpdateSpectrum {
  const s = lastMuonStep(data);
  if (s) return updateSpectrum(s.input, s.output, rows, cols, true);
  return updateSpectrum(grad, newtonSchulz5(grad, rows, cols), rows, cols, false);
}

/**
 * `muonUpdate`: the update Muon applied at its latest step to each hidden matrix (and to any other matrix Muon
 * updates, e.g. W1 with extra.muonInput), measured against the exact polar factor of the same momentum
 * (muonUpdateSpectrum above): `muonUpdate:W2:max` and `:min` (σ of the Newton–Schulz output), `:polarMax` and
 * `:polarMin` (σ of UVᵀ), `:applied` (1: Muon's own momentum; 0: no Muon step yet, so the gradient). For an exact
 * UVᵀ of a full-rank matrix all four would be 1.
 */
export const muonUpdate: Probe = {
  name: 'muonUpdate',
  measure({ model }) {
    const out: Record<string, number> = {};
    model.params.forEach((p, i) => {
      if (p.shape.length !== 2 || (!isHiddenMatrix(p, model.params) && !lastMuonStep(p.data))) return;
      const [rows, cols] = p.shape, m = muonUpdateSpectrum(p.data, model.grads[i], rows, cols);
      for (const [k, v] of Object.entries(m)) out[`muonUpdate:${p.name}:${k}`] = v;
    });
    return out;
  },
};
