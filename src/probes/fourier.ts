import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Probe } from './probe.ts';

/** cos and sin of θ = 2π·f·a/p for f = 1..⌊p/2⌋, a = 0..p−1 (row f − 1), computed once per p: the same values the sums used to compute per term. */
const tables = new Map<number, { cos: Float64Array; sin: Float64Array }>();
function twiddles(p: number): { cos: Float64Array; sin: Float64Array } {
  let t = tables.get(p);
  if (!t) {
    const half = Math.floor(p / 2), cos = new Float64Array(half * p), sin = new Float64Array(half * p);
    for (let f = 1; f <= half; f++) {
      for (let a = 0; a < p; a++) { const th = (2 * Math.PI * f * a) / p; cos[(f - 1) * p + a] = Math.cos(th); sin[(f - 1) * p + a] = Math.sin(th); }
    }
    tables.set(p, t = { cos, sin });
  }
  return t;
}

/**
 * Each unit's power spectrum over Z_p: for column j of W (rows `offsets[k]`..`offsets[k]`+p−1 each one operand's
 * one-hot), the squared DFT modulus at frequencies f = 1..⌊p/2⌋ (f and p−f are conjugate, so f alone carries
 * both; f = 0, the mean over tokens, is no Fourier direction of the task and is left out), summed over the
 * operands. Returned as [unit][f − 1].
 */
export function unitSpectra(W: ArrayLike<number>, cols: number, p: number, offsets: readonly number[]): Float64Array[] {
  const half = Math.floor(p / 2), { cos, sin } = twiddles(p);
  return Array.from({ length: cols }, (_, j) => {
    const power = new Float64Array(half);
    for (const off of offsets) {
      for (let f = 1; f <= half; f++) {
        let re = 0, im = 0;
        for (let a = 0, t = (f - 1) * p; a < p; a++, t++) {
          const w = W[(off + a) * cols + j];
          re += w * cos[t]; im -= w * sin[t];
        }
        power[f - 1] += re * re + im * im;
      }
    }
    return power;
  });
}

const sum = (xs: ArrayLike<number>): number => { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i]; return s; };
/** Each spectrum's largest single-frequency share of its power, averaged over the spectra. */
const meanPeakShare = (spectra: Float64Array[]): number => sum(spectra.map((u) => { const t = sum(u); return t > 0 ? Math.max(...u) / t : 0; })) / spectra.length;

/**
 * Fourier measures of the first layer over Z_p (Nanda et al. 2023, arXiv 2301.05217: the grokked circuit uses a
 * few key frequencies). The first layer is the MLP's W1 or the transformer's token embedding W_E (rows 0..p−1
 * are the token values; the "=" row is left out). From the units' spectra (unitSpectra; the a-rows only, as
 * before, so that `fourier:top5` keeps its values):
 * - `fourier:top5`: the spectra summed over units; the fraction of the power in the 5 strongest frequencies:
 *   about 5/⌊p/2⌋ for a random layer, near 1 for a sparse Fourier circuit.
 * - `fourier:freqs`: the effective number of frequencies of that summed spectrum, (Σ P)² / Σ P² (the
 *   participation ratio): about ⌊p/2⌋ for a random layer, k when k frequencies carry equal power. This is
 *   Nanda et al.'s picture of the transformer's embedding (their Fig. 3: a handful of key frequencies).
 * - `fourier:neuron` (the MLP only: W1's columns are neurons, W_E's are residual directions with no privileged
 *   basis): each neuron's largest single-frequency share of its own power (a- and b-rows together), averaged
 *   over neurons: 1 when every neuron is a single frequency (Gromov 2023, arXiv 2301.02679: each neuron of the
 *   grokked x² network is one frequency, the frequencies spread over the neurons, so the summed spectrum need not
 *   be sparse), about (ln ⌊p/2⌋ + 0.58)/⌊p/2⌋ for a random layer.
 * Modular tasks only.
 */
export const fourier: Probe = {
  name: 'fourier',
  measure({ model, task }): Record<string, number> {
    const W1 = model.params.find((q) => q.name === 'W1'), W = W1 ?? model.params.find((q) => q.name === 'W_E');
    if (!W || task.tokensPerExample !== 2) return {};
    const p = task.classes, h = W.shape[1];
    const power = new Float64Array(Math.floor(p / 2)), aRows = unitSpectra(W.data, h, p, [0]);
    for (const u of aRows) for (let f = 0; f < u.length; f++) power[f] += u[f];
    const total = sum(power), sorted = Array.from(power).sort((x, y) => y - x);
    const out: Record<string, number> = {
      'fourier:top5': total > 0 ? sum(sorted.slice(0, 5)) / total : 0,
      'fourier:freqs': total > 0 ? (total * total) / sum(power.map((x) => x * x)) : 0,
    };
    // the a- and b-rows' spectrum, unitSpectra(W1, h, p, [0, p]), from the a-rows' already at hand (0 + a + b: the same additions)
    if (W1) out['fourier:neuron'] = meanPeakShare(unitSpectra(W1.data, h, p, [p]).map((b, j) => b.map((x, f) => aRows[j][f] + x)));
    return out;
  },
};

/**
 * The alignment of a modular task's input-side weights with the task's Fourier directions. W is [2p × h] (rows
 * 0..p−1 the one-hot of a, p..2p−1 of b). For each of W's top `k` left singular directions u (unit vectors over
 * the 2p inputs), its power at frequency f is |DFT_f(u_a)|² + |DFT_f(u_b)|² with f and p−f merged, f = 0 (the
 * mean over tokens, no Fourier direction of the task) left out; the alignment of u is the largest share of its
 * remaining power at one frequency. The result is the mean over the k directions: 1 when every top direction is
 * a cos/sin pair of a single key frequency (the grokked circuit of Nanda et al. 2023, arXiv 2301.05217), about
 * 0.2 for random directions at p = 31 (15 frequencies; the largest of 15 shares).
 */
export function fourierAlignment(W: Float32Array, rows: number, cols: number, p: number, k: number): number {
  if (rows !== 2 * p) throw new Error(`fourierAlignment: W has ${rows} rows; a two-operand task mod ${p} needs ${2 * p}`);
  const m = new Matrix(rows, cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) m.set(r, c, W[r * cols + c]);
  const U = new SingularValueDecomposition(m, { computeLeftSingularVectors: true, computeRightSingularVectors: false, autoTranspose: true }).leftSingularVectors;
  const top = Math.min(k, U.columns), u = new Float64Array(rows * top);
  for (let r = 0; r < rows; r++) for (let i = 0; i < top; i++) u[r * top + i] = U.get(r, i);
  return meanPeakShare(unitSpectra(u, top, p, [0, p]));
}
