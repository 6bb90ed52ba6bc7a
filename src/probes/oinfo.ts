import type { Probe } from './probe.ts';

/** Shannon entropy (nats) of a histogram of counts. */
function entropy(counts: ArrayLike<number>, n: number): number {
  let h = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) { const p = counts[i] / n; h -= p * Math.log(p); }
  return h;
}

/**
 * O-information of three binary variables (columns of 0/1 rows): Ω = (n−2)H(X) + Σⱼ [H(Xⱼ) − H(X₋ⱼ)] with
 * n = 3 (Rosas et al. 2019, Phys. Rev. E 100, 032305): Ω > 0 redundancy-dominated, Ω < 0 synergy-dominated.
 */
export function oInformation3(bits: Uint8Array[], n: number): { omega: number; joint: number } {
  const joint = new Float64Array(8), single = [new Float64Array(2), new Float64Array(2), new Float64Array(2)];
  const pairs = [new Float64Array(4), new Float64Array(4), new Float64Array(4)]; // pair j leaves variable j out
  for (let r = 0; r < n; r++) {
    const [a, b, c] = [bits[0][r], bits[1][r], bits[2][r]];
    joint[(a << 2) | (b << 1) | c]++;
    single[0][a]++; single[1][b]++; single[2][c]++;
    pairs[0][(b << 1) | c]++; pairs[1][(a << 1) | c]++; pairs[2][(a << 1) | b]++;
  }
  const H = entropy(joint, n);
  let omega = H;
  for (let j = 0; j < 3; j++) omega += entropy(single[j], n) - entropy(pairs[j], n);
  return { omega, joint: H };
}

/**
 * `oinfo`: for 16 fixed groups of three first-layer neurons (0–2, 3–5, …, 45–47), each neuron's activation over
 * every example binarized at its median, the mean O-information (`oinfo:mean`) and mean joint entropy
 * (`oinfo:H`) of the groups. Small groups keep it cheap and the binning well sampled (Clauw et al. 2024,
 * arXiv 2408.08944, use groups of a few neurons too).
 */
export const oinfo: Probe = {
  name: 'oinfo',
  measure({ model, task }): Record<string, number> {
    const W1 = model.params.find((q) => q.name === 'W1');
    if (!W1 || !model.params.some((q) => q.name === 'W2')) return {};
    const width = W1.shape[1], groups = Math.min(16, Math.floor(width / 3));
    const all = Int32Array.from({ length: task.labels.length }, (_, i) => i), n = all.length;
    const A = model.hidden(all, 1);
    const binary = (j: number): Uint8Array => {
      const col = Float64Array.from({ length: n }, (_, r) => A[r * width + j]);
      const med = Float64Array.from(col).sort()[n >> 1];
      return Uint8Array.from(col, (v) => (v > med ? 1 : 0));
    };
    let omega = 0, joint = 0;
    for (let g = 0; g < groups; g++) {
      const res = oInformation3([binary(3 * g), binary(3 * g + 1), binary(3 * g + 2)], n);
      omega += res.omega / groups; joint += res.joint / groups;
    }
    return { 'oinfo:mean': omega, 'oinfo:H': joint };
  },
};
