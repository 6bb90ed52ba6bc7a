/**
 * Losses on logits [rows × classes] against integer labels. Each returns the summed loss and the number
 * of correct argmax predictions over the rows, and (when `grad` is given) writes dLoss/dlogits for the
 * loss averaged over `scaleRows` rows, so a batch evaluated in chunks gets the same gradient.
 */
export interface Loss {
  apply(logits: Float32Array, labels: Int32Array, rows: number, classes: number,
        grad: Float32Array | null, scaleRows: number): { sum: number; correct: number };
}

function argmaxRow(x: Float32Array, o: number, C: number): number {
  let best = 0, bv = x[o];
  for (let c = 1; c < C; c++) if (x[o + c] > bv) { bv = x[o + c]; best = c; }
  return best;
}

/** Cross-entropy of softmax(logits), computed with the max subtracted (log-sum-exp), in float64. */
export const crossEntropy: Loss = {
  apply(x, y, R, C, grad, scaleRows) {
    let sum = 0, correct = 0;
    const inv = 1 / scaleRows;
    for (let r = 0; r < R; r++) {
      const o = r * C, best = argmaxRow(x, o, C), mx = x[o + best];
      if (best === y[r]) correct++;
      let z = 0;
      for (let c = 0; c < C; c++) z += Math.exp(x[o + c] - mx);
      sum += Math.log(z) - (x[o + y[r]] - mx);
      if (grad) {
        const iz = inv / z;
        for (let c = 0; c < C; c++) grad[o + c] = Math.exp(x[o + c] - mx) * iz;
        grad[o + y[r]] -= inv;
      }
    }
    return { sum, correct };
  },
};

/**
 * Mean squared error against one-hot targets, PyTorch's F.mse_loss(out, one_hot) (mean over all
 * rows × classes entries); `sum` is per row (Σ_c (out − t)² / C) so sum/rows is that mean.
 */
export const meanSquared: Loss = {
  apply(x, y, R, C, grad, scaleRows) {
    let sum = 0, correct = 0;
    const g = 2 / (scaleRows * C);
    for (let r = 0; r < R; r++) {
      const o = r * C;
      if (argmaxRow(x, o, C) === y[r]) correct++;
      let s = 0;
      for (let c = 0; c < C; c++) {
        const d = x[o + c] - (c === y[r] ? 1 : 0);
        s += d * d;
        if (grad) grad[o + c] = g * d;
      }
      sum += s / C;
    }
    return { sum, correct };
  },
};

export const LOSSES: Readonly<Record<string, Loss>> = { ce: crossEntropy, mse: meanSquared };
