import { levenbergMarquardt } from 'ml-levenberg-marquardt';

export type Model = (p: number[]) => (x: number) => number;

/** A curve fit: the best parameters found and their sum of squared errors. */
export interface Fit { params: number[]; sse: number }

const sseOf = (f: Model, p: number[], x: readonly number[], y: readonly number[]) => x.reduce((s, xi, i) => s + (f(p)(xi) - y[i]) ** 2, 0);

/**
 * Nonlinear least squares (Levenberg–Marquardt, ml-levenberg-marquardt) from several starting points, keeping
 * the fit with the smallest sum of squared errors: local minima are common in curve shapes like these.
 */
export function fitCurve(x: readonly number[], y: readonly number[], model: Model, starts: number[][],
                         bounds: { min: number[]; max: number[] }): Fit {
  let best: Fit = { params: starts[0], sse: Infinity };
  for (const initialValues of starts) {
    const r = levenbergMarquardt({ x, y }, model, { initialValues, minValues: bounds.min, maxValues: bounds.max, maxIterations: 200, damping: 1e-2, gradientDifference: 1e-4 * Math.max(1, ...initialValues.map(Math.abs)) });
    const sse = sseOf(model, r.parameterValues, x, y);
    if (sse < best.sse) best = { params: r.parameterValues, sse };
  }
  return best;
}

/** y = A·exp(−(t/τ)^β): a stretched exponential (Kohlrausch) relaxation; β < 1 is the glassy signature. */
export const stretchedExponential: Model = ([A, tau, beta]) => (t) => A * Math.exp(-((Math.max(t, 0) / tau) ** beta));

/** y = A / (1 + exp((t − t_c)/w)): a step down at t_c of width w (a first-order jump as w → 0). */
export const logisticStep: Model = ([A, tc, w]) => (t) => A / (1 + Math.exp((t - tc) / w));

/**
 * Fits both shapes to a relaxing curve y(t) (t ≥ 0, y falling towards 0), each from a grid of starts scaled
 * to the data: the stretched exponential (A, τ, β) and the logistic step (A, t_c, w), three parameters each,
 * so their sums of squared errors compare directly.
 */
export function relaxationFits(t: readonly number[], y: readonly number[]): { stretched: Fit; step: Fit } {
  const T = Math.max(...t), A0 = Math.max(...y, 1e-9);
  const stretched = fitCurve(t, y, stretchedExponential,
    [0.1, 0.3, 0.6].flatMap((f) => [0.5, 1, 2].map((b) => [A0, f * T, b])),
    { min: [0, T * 1e-3, 0.1], max: [2 * A0 + 1e-9, 10 * T, 8] });
  const step = fitCurve(t, y, logisticStep,
    [0.2, 0.4, 0.6, 0.8].flatMap((f) => [0.02, 0.1].map((w) => [A0, f * T, w * T])),
    { min: [0, 0, T * 1e-4], max: [2 * A0 + 1e-9, 2 * T, 2 * T] });
  return { stretched, step };
}
