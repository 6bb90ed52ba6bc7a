import { check, isInt, isNum } from '../engine/errors.ts';

/** The Bayesian two-layer erf network of Rubin, Seroussi & Ringel (arXiv 2310.03789) in the mean-field scaling. */
export interface MeanFieldPosterior {
  /** Input dimension d. */
  readonly d: number;
  /** Hidden units N. */
  readonly width: number;
  /** Training examples n. */
  readonly n: number;
  /** The likelihood's noise variance σ² (the Gibbs temperature of the summed squared error). */
  readonly noise2: number;
  /** Prior variances: wᵢ ~ N(0, σ_w²/d · I), ãᵢ ~ N(0, σ_a²). Default 1 each. */
  readonly sigmaW2?: number;
  readonly sigmaA2?: number;
}

/** What the `dense` network, plain SGD with coupled L2 and Langevin noise must be given to sample that posterior. */
export interface DenseLangevin {
  /** Multiply the task's target (a₁, a₃) by this: the dense output f = N·c·g, with g the mean-field output. */
  readonly targetScale: number;
  /** Readout scale c: the dense readout aᵢ = c·ãᵢ. */
  readonly readoutScale: number;
  /** optimizer.extra.langevinT. */
  readonly temperature: number;
  /** optimizer.wd (coupled L2: the potential wd·|θ|²/2). */
  readonly wd: number;
  /** optimizer.lr: lrMax, or less where lr·wd would exceed 0.1 (the Euler–Maruyama step then inflates the prior's variance by ≤ 5%: T/(λ(1 − lr·λ/2))). */
  readonly lr: number;
}

/**
 * The mean-field network g(x) = (1/N)·Σᵢ ãᵢ·erf(wᵢ·x) with the posterior
 *   −ln p = Σ_μ (g(x_μ) − y_μ)²/(2σ²) + d·Σᵢ|wᵢ|²/(2σ_w²) + Σᵢ ãᵢ²/(2σ_a²)
 * (the readout prior variance σ_a²/N² of f = Σ aᵢ erf is the mean-field χ = N of the adaptive-kernel papers; the
 * standard scaling would be σ_a²/N), sampled with the harness's `dense` network f(x) = Σᵢ aᵢ·erf(wᵢ·x), which
 * SGD + L2 λ + Langevin noise at temperature T samples ∝ exp(−(L + λ|θ|²/2)/T), L = Σ(f − y′)²/(2n).
 * Equating the two densities (the `dense` model and its arithmetic unchanged): the inputs stay, wᵢ is shared,
 * aᵢ = c·ãᵢ, the target y′ = N·c·y, and
 *   c² = σ_w²/(d·σ_a²)   (both priors are the one isotropic L2: var = T/λ = σ_w²/d),
 *   T = c²·N²·σ²/n,      λ = T·d/σ_w².
 * The discrete Langevin step adds an O(lr) bias to the stationary law; the claim files check it by two starts.
 */
export function meanFieldDense(p: MeanFieldPosterior, lrMax = 0.05): DenseLangevin {
  check(isInt(p.d, 1), 'd', p.d, 'must be a positive input dimension');
  check(isInt(p.width, 1), 'width', p.width, 'must be a positive number of hidden units');
  check(isInt(p.n, 1), 'n', p.n, 'must be a positive number of training examples');
  const sw = p.sigmaW2 ?? 1, sa = p.sigmaA2 ?? 1;
  for (const [k, v] of [['noise2', p.noise2], ['sigmaW2', sw], ['sigmaA2', sa]] as const) check(isNum(v) && v > 0, k, v, 'must be a positive variance');
  const c2 = sw / (p.d * sa), temperature = (c2 * p.width * p.width * p.noise2) / p.n;
  const wd = (temperature * p.d) / sw;
  return { targetScale: p.width * Math.sqrt(c2), readoutScale: Math.sqrt(c2), temperature, wd, lr: Math.min(lrMax, 0.1 / wd) };
}
