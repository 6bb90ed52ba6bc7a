import { control, hypothesis, median, metrics, oneSample, preconditions } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { DEEP_RELU_ADD_31 } from './shared.ts';

/**
 * M1 — Muon's update has unit operator norm. Pre-registered 2026-11-22; re-registered 2026-11-23 (issue 13) before
 * the runs below: the measurement moved to the update Muon applies; 2026-11-24: untestable as quoted (the exact
 * UVᵀ has unit operator norm by construction), Muon's applied update a regime of its own (see deviations).
 */
/** The evaluations at which the probe read Muon's own latest step (every one after step 0). */
const applied = (t: Trajectory) => t.evals.filter((e) => e['muonUpdate:W2:applied'] === 1);

/** The operator norm of the applied update: the median over the run's Muon steps of |σ_max − 1|. */
const operatorNorm = metrics.custom('|σ_max − 1| of the applied update (median over the run)', (t: Trajectory) =>
  median(applied(t).map((e) => Math.abs(e['muonUpdate:W2:max'] - 1))), { probes: ['muonUpdate'] });

/** The same reading of the exact polar factor UVᵀ of the same momentum, through the same SVD: the positive control. */
const polarNorm = metrics.custom('|σ_max − 1| of the exact polar factor of the same momentum (median over the run)', (t: Trajectory) =>
  median(applied(t).map((e) => Math.abs(e['muonUpdate:W2:polarMax'] - 1))), { probes: ['muonUpdate'] });

/** Both regimes read the same runs: Muon on W2 through memorization, the muonUpdate probe every 100 steps. */
const BASE = DEEP_RELU_ADD_31.with({ optimizer: { name: 'muon' }, steps: 400, evalEvery: 100, probes: ['muonUpdate'] });

const ownStep = preconditions.custom("the probe read Muon's own step at every evaluation after step 0", (runs) => {
  const bad = runs.muon.filter((t) => applied(t).length !== t.evals.length - 1).length;
  return bad ? `${bad} run(s) had evaluations without a Muon step` : null;
});

export default hypothesis({
  id: 'M1',
  title: "Muon's update UVᵀ has unit operator norm",
  quote: 'Prove that because the update matrix UVᵀ has a unit operator norm, it acts as a strict implicit norm controller, preventing the parameter norm from inflating during the memorization phase.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #2, Objective 2 (Implicit Norm Control Proof)', paper: 'Jordan et al. (2024), "Muon: an optimizer for hidden layers in neural networks"' },
  topic: 'Muon',
  regimeName: "the quote's UVᵀ: the exact polar factor of Muon's momentum",
  regime: `The seed writes Muon's step as W ← W − η UVᵀ, the polar factor of the update (Issue #2, Objective 1), and claims that this UVᵀ has unit operator norm. For the exact polar factor that is a definition, not a finding: if M = UΣVᵀ (thin SVD), UVᵀ has every nonzero singular value 1, so σ_max(UVᵀ) = 1 for any nonzero M (it is why the claim is untestable as quoted). This regime reads it anyway, so the page shows the quantity the quote names: the exact polar factor (src/engine/linalg.ts polar) of the momentum Muon orthogonalized at its latest step, read through an SVD by the muonUpdate probe. Pre-registered: median over the run's evaluations of |σ_max(UVᵀ) − 1| < 0.05 (sign test over 8 seeds). What Muon applies instead, the Newton–Schulz approximation of UVᵀ, is the second regime: a property of Muon's implementation, not of the quoted UVᵀ. Setting (both regimes, the same runs): a two-hidden-layer ReLU MLP (128, 128) on a+b mod 31 (60% of the pairs), Muon (muonLr 0.02) on W2, the only hidden matrix, AdamW (lr 3e-3) elsewhere, wd 1, through memorization (400 steps, evaluated every 100: t_mem ≈ 150). The shape factor √max(1, fan_out/fan_in) that Muon multiplies by is 1 for this square W2. Precondition: every evaluation after step 0 read Muon's own step.`,
  untestable: "As quoted, UVᵀ is the exact polar factor of Muon's update (the seed's W ← W − η UVᵀ), and every nonzero singular value of an exact polar factor is 1 by construction: σ_max(UVᵀ) = 1 for every nonzero matrix, so no run could refute the claim. The runs show it (first regime) and, as a separate regime, what Muon actually applies: its Newton–Schulz approximation, whose σ_max ≈ 1.2 is a property of Jordan et al.'s deliberately inexact coefficients, not of the quoted UVᵀ.",
  deviations: 'Issue 13 (2026-11-23), after the first recording (REFUTED on two predictions): the probe had orthogonalized the raw gradient of W2, not the momentum Muon applies; it now reads the applied update itself, beside the exact polar factor of the same matrix. The first prediction (every singular value within 5% of 1) is withdrawn, since a rank-deficient matrix\'s exact UVᵀ also has zero singular values: it tested something the claim does not say. The operator-norm prediction (added after the first run, from the seed\'s wording) is kept unchanged; the exact-polar positive control and the precondition are new. Evaluations every 100 steps (were 25), for runtime: the probe now also computes a polar factor (≈ 1 s per evaluation); a first run of this protocol at every 50 steps read |σ_max − 1| = 0.200 [0.199, 0.202] (8/8 seeds 0.199–0.202) and the control 2.5e-7. A pilot of the new probe (seed 100, 400 steps) read σ_max of the applied update 1.19–1.20 at every evaluation, and 1.00000 for the exact polar factor, before this protocol was fixed; its σ_min ranged 0.001–0.05 (the polar factor\'s σ_min read 1: float32 rounding leaves the momentum full rank numerically, and UVᵀ lifts every nonzero singular value to 1). 2026-11-24, after that recording (REFUTED, |σ_max − 1| of the applied update 0.2008 [0.1948, 0.202]) and the referee\'s reading of it: the quote\'s UVᵀ is the exact polar factor, whose unit operator norm is an identity, so testing the Newton–Schulz output tested Muon\'s implementation, not the claim. The claim is now declared untestable (with that reason); the exact polar factor is the source regime (its prediction, |σ_max − 1| < 0.05, the old control\'s reading at the claim\'s tolerance), and the applied update is a second regime named for what it is, with its prediction, control and precondition unchanged. Runs, metrics and thresholds unchanged; only which quantity stands for the claim changed, with both readings known.',
  base: BASE,
  arms: { muon: {} },
  preconditions: [ownStep],
  predictions: [
    oneSample({ name: 'the operator norm (σ_max) of the exact UVᵀ within 5% of 1', arm: 'muon', metric: polarNorm, lessThan: 0.05 }),
  ],
  regimes: [{
    name: "what Muon actually applies: the Newton–Schulz update",
    regime: `Not the quote's UVᵀ but the update Muon applies in its place. Muon (Jordan et al. 2024; src/optim/scaleByMuon.ts) keeps a momentum buffer b ← μb + (1 − μ)g (μ = 0.95), forms the Nesterov direction u = (1 − μ)g + μb and applies five steps of the quintic Newton–Schulz iteration with coefficients (3.4445, −4.7750, 2.0315) to it: an approximation of UVᵀ, deliberately inexact (the coefficients trade exactness for speed). The muonUpdate probe reads exactly that applied matrix (recorded by the transform itself) at every evaluation. Pre-registered: its operator norm lies within 5% of 1, as the median over the run's evaluations of |σ_max − 1| < 0.05 (sign test over 8 seeds). Only the operator norm is tested: for a rank-deficient momentum the exact UVᵀ has zero singular values too, so "every singular value is 1" is not what UVᵀ promises. Positive control: the exact polar factor of the same momentum, read by the same probe, has σ_max = 1 within 1e-3 (the probe measures an operator norm of 1 where there is one). Precondition as in the first regime. The same runs as the first regime.`,
    base: BASE,
    arms: { muon: {} },
    preconditions: [ownStep],
    controls: [
      control({
        name: 'the exact polar factor of the same momentum reads σ_max = 1 (within 1e-3)',
        expected: { value: 'σ_max(UVᵀ) = 1 by construction', cite: 'planted' },
        prediction: oneSample({ name: 'σ_max of the exact UVᵀ within 1e-3 of 1', arm: 'muon', metric: polarNorm, lessThan: 1e-3 }),
      }),
    ],
    predictions: [
      oneSample({ name: 'the operator norm (σ_max) of the applied update within 5% of 1', arm: 'muon', metric: operatorNorm, lessThan: 0.05 }),
    ],
  }],
  recorded: 'untestable',
});
