/**
 * Elementwise activations: forward a = f(z), and backward dz = f'(z)·da, both over the first n entries.
 * gelu is the exact (erf) form, PyTorch's default; erf is the activation of Rubin et al. (2310.03789).
 */
export interface Activation {
  forward(z: Float32Array, a: Float32Array, n: number): void;
  /** Overwrites `grad` (holding da on entry) with dz. */
  backward(z: Float32Array, a: Float32Array, grad: Float32Array, n: number): void;
}

const SQRT1_2 = Math.SQRT1_2, TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI), INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** erf(x), Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7, below float32 resolution of the result). */
export function erf(x: number): number {
  const s = x < 0 ? -1 : 1, ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-ax * ax);
  return s * y;
}

export const ACTIVATIONS: Readonly<Record<string, Activation>> = {
  relu: {
    forward(z, a, n) { for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : 0; },
    backward(z, _a, g, n) { for (let i = 0; i < n; i++) if (!(z[i] > 0)) g[i] = 0; },
  },
  quadratic: {
    forward(z, a, n) { for (let i = 0; i < n; i++) a[i] = z[i] * z[i]; },
    backward(z, _a, g, n) { for (let i = 0; i < n; i++) g[i] *= 2 * z[i]; },
  },
  tanh: {
    forward(z, a, n) { for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]); },
    backward(_z, a, g, n) { for (let i = 0; i < n; i++) g[i] *= 1 - a[i] * a[i]; },
  },
  gelu: {
    forward(z, a, n) { for (let i = 0; i < n; i++) a[i] = 0.5 * z[i] * (1 + erf(z[i] * SQRT1_2)); },
    backward(z, _a, g, n) {
      for (let i = 0; i < n; i++) {
        const x = z[i];
        g[i] *= 0.5 * (1 + erf(x * SQRT1_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
      }
    },
  },
  erf: {
    forward(z, a, n) { for (let i = 0; i < n; i++) a[i] = erf(z[i]); },
    backward(z, _a, g, n) { for (let i = 0; i < n; i++) g[i] *= TWO_OVER_SQRT_PI * Math.exp(-z[i] * z[i]); },
  },
  linear: {
    forward(z, a, n) { a.set(z.subarray(0, n)); },
    backward() { /* identity */ },
  },
};
