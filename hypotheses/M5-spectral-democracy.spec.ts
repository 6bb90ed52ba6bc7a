import { compare, control, hypothesis, oneSample, metrics } from '../src/index.ts';
import type { Trajectory } from '../src/index.ts';
import { MUON_PLATEAU_PROTOCOL } from './shared.ts';

/**
 * M5 — "spectral democracy" lets signal modes emerge earlier. Pre-registered 2026-11-22; re-registered 2026-11-23
 * (issue 13) before the test runs: the statistic is the Fourier alignment of the input weights; 2026-11-24: of W2,
 * the matrix Muon updates, instead of W1 (see deviations).
 */
/** Pre-registered level of W2's top-4 Fourier alignment (at init ≈ 0.11; under AdamW ≈ 0.4–0.5 at grokking, one-seed pilot). */
const LEVEL = 0.3;
const firstAligned = (t: Trajectory) => t.evals.find((e) => e['spectrum:W2:fourierAlign'] >= LEVEL)?.step ?? Infinity;
const aligned = metrics.custom(`first step with W2's top singular directions Fourier-aligned ≥ ${LEVEL}`, firstAligned, { log: true, probes: ['spectrum'] });
/** "Earlier": at least 10% sooner, the bar M3 uses for the same runs (a ratio Muon / AdamW). */
const SOONER = 0.9;
/** The control's reading: the alignment step as a fraction of t_grok, in runs that grok (+∞ when it never aligns; NaN, left out, when the run never groks). */
const alignedBeforeGrok = metrics.custom('first aligned step / t_grok', (t: Trajectory) => (t.tGrok === null ? NaN : firstAligned(t) / Math.max(t.tGrok, 1)), { probes: ['spectrum'] });

export default hypothesis({
  id: 'M5',
  title: '"spectral democracy": an equal step in all singular directions lets signal modes emerge earlier',
  quote: 'Show how equalizing the learning rate across all singular directions prevents noise modes from suppressing signal modes, thus lowering the activation barrier ΔF for the BBP phase transition.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #2, Objective 4 (Spectral Democracy)', paper: 'Jordan et al. (2024); Baik, Ben Arous & Péché (2005) for the BBP transition; Nanda et al. (2023), arXiv 2301.05217, for the Fourier features' },
  topic: 'Muon',
  regimeName: "M3's runs: ReLU MLP (64, 64) a+b mod 31, tuned",
  regime: (t) => `The signal modes of modular addition are known: the grokked network computes with a few Fourier frequencies of the inputs (Nanda et al., arXiv 2301.05217), so a signal mode has emerged in a matrix when its top singular directions carry the task's Fourier directions. The matrix read is the one Muon updates, W2 (64 × 64, the only hidden matrix): its singular directions live over the first layer's units, so each is read as the function of the input pair it passes on. Statistic (src/probes/spectrum.ts hiddenFourierAlignment, read by the spectrum probe every 25 steps): for each of W2's top 4 input-side singular directions u, the function g(a, b) = h₁(a, b)·u over all p² pairs (h₁ the first layer's activations), its 2-D DFT power without the constant, and the largest share of that power at one frequency f (the components (k_a, k_b) with k_a, k_b ∈ {0, f, p − f}: cos ωa, cos ωb and their products, among them cos ω(a + b)), averaged over the 4; ≈ 0.11 at initialization, 1 for directions that carry a single frequency. The claim predicts that Muon's equal step in every singular direction lets these modes emerge earlier: the first step at which W2's alignment reaches ${LEVEL} (pre-registered; +∞ if never within the budget, censored) is at least 10% earlier under Muon than under AdamW (paired by seed; ratio < ${SOONER}, the bar M3 uses on the same runs). The runs are M3's (the same configs, so the same runs): a two-hidden-layer ReLU MLP (64, 64) on a+b mod 31, 60% of the pairs, 3000 steps, stopping once test accuracy held 0.95 for 2 evaluations; Muon on W2 (the hidden matrix; W1 stays on AdamW in both arms, as Muon is used), with the learning rates and Muon's decay tuned for the fastest grokking with the grid-edge rule: ${t.adamw.text} ${t.muon.text} Positive control: under AdamW W2's alignment reaches ${LEVEL} before t_grok in runs that grok (first aligned step / t_grok < 1): the statistic sees the signal modes emerge where the network does generalize. Precondition: AdamW groks in at least 3/4 of its runs. Not tested: Muon on W1 itself (in a one-seed pilot with extra.muonInput the network barely learned: test accuracy 0.04 and 0.19 after 3000 steps at muonLr 0.03 and 0.1, alignment at its random level 0.13–0.23). W1's alignment (spectrum:W1:fourierAlign) is still recorded, not decided on: W1 is on AdamW in both arms.`,
  deviations: 'First protocol (2026-11-22): the first step with a singular value of W2 above the Marchenko–Pastur bulk edge; in 1000 steps all AdamW seeds had one at step 25 and no Muon seed ever did (REFUTED, then INCONCLUSIVE under the grid-edge precondition). Issue 13 (2026-11-23), with that known: an orthogonalized update moves every singular value of W2 equally, so that statistic could not respond under Muon; the statistic is now the Fourier alignment of the input weights, the runs are M3\'s tuned runs (3000 steps, was 300; the tuning is M3\'s, was its own grid on t_mem), and the AdamW control and the grokking precondition are new. Level and top-4 were fixed after one one-seed pilot (seed 100, AdamW lr 0.01): the alignment went 0.18 (init) → 0.47 (step 400) → 0.86 (600), first ≥ 0.6 at step 475, t_grok 800; with Muon (muonLr 0.1 on W2) it reached only 0.40 by step 3000 (test accuracy 0.67). 2026-11-24, after the recording of that protocol (REFUTED, ratio 10.75 [6.668, ∞]) and a referee\'s finding that it read W1, which Muon does not update (W1 is on AdamW in both arms): the statistic is now the Fourier alignment of W2\'s top singular directions, read through the first layer\'s activations (new in the spectrum probe), the level 0.3 and the bar (ratio < 0.9, was 1/1.5, now M3\'s) fixed after one one-seed pilot at the tuned values (seed 100, not a test seed): under AdamW (lr 0.1, wd 1) W2\'s alignment went 0.11 (init) → 0.26 (step 100) → 0.46 (175), t_grok 225; under Muon (wd 0.3, muonLr 0.9) it stayed at 0.10–0.27 to step 2000 and read 0.30 at 2050, t_grok 2100. The level sits between W2\'s level at init and under AdamW at grokking. Changed with the W1 outcome known; the runs are the same (M3\'s), the control and precondition unchanged.',
  ...MUON_PLATEAU_PROTOCOL,
  controls: [
    control({
      name: `under AdamW the alignment reaches ${LEVEL} before t_grok`,
      expected: { value: 'the Fourier features form before test accuracy jumps (circuit formation precedes cleanup)', cite: 'Nanda et al. (2023), arXiv 2301.05217' },
      prediction: oneSample({ name: 'AdamW: first aligned step / t_grok < 1', arm: 'adamw', metric: alignedBeforeGrok, lessThan: 1 }),
    }),
  ],
  predictions: [
    compare({ name: "signal modes (Fourier-aligned directions of W2) emerge ≥ 10% sooner under Muon", arms: ['muon', 'adamw'], metric: aligned, direction: 'less', effect: 'ratio', minEffect: SOONER, paired: true }),
  ],
  recorded: 'refuted',
});
