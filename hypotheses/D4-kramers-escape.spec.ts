import { hypothesis, metrics, trend } from '../src/index.ts';
import type { Prediction } from '../src/index.ts';
import { rng } from '../src/engine/rng.ts';
import { QUADRATIC_ADD_47 } from './shared.ts';

/**
 * D4 — Kramers escape: τ_grok ∼ exp(ΔF/T_eff). Pre-registered 2026-11-22. Two-seed pilots (seeds 0–1) chose
 * the temperature range: below T = 1e-3 the noise changed nothing measurable at this scale.
 */
const temps = [1e-3, 3e-3, 1e-2, 3e-2] as const;
const arms = temps.map((T) => `T=${T}`);

/** Residual sum of squares of the least-squares line y = a + b·x. */
function sse(x: number[], y: number[]): number {
  const n = x.length, mx = x.reduce((s, v) => s + v, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  x.forEach((v, i) => { sxy += (v - mx) * (y[i] - my); sxx += (v - mx) ** 2; syy += (y[i] - my) ** 2; });
  return syy - (sxx > 0 ? (sxy * sxy) / sxx : 0);
}

/**
 * "log τ is linear in 1/T" against the alternative "log τ is linear in log T" (a power law), both with two
 * parameters, so their residual sums of squares compare directly (equal AIC penalty). Effect: ΔSSE =
 * SSE(Arrhenius) − SSE(power law) over every grokked run; its CI and one-sided p by the percentile bootstrap
 * over seeds within arms. Censored runs (no t_grok) cannot enter a log fit and are reported as excluded.
 */
const arrheniusBeatsPowerLaw: Prediction = {
  name: 'log τ is linear in 1/T (better than a power law)', arms, metric: metrics.tGrok,
  protocol: 'log t_grok regressed on 1/T (Arrhenius/Kramers) and on log T (power law), both lines with two parameters; effect = ΔSSE = SSE(Arrhenius) − SSE(power law), < 0 claimed; percentile bootstrap over seeds within arms (CI and one-sided p); smallest effect that matters: ΔSSE < 0.',
  test(values, { seed, B }) {
    const points = (v: Readonly<Record<string, readonly number[]>>) => arms.flatMap((a, i) => v[a].filter(Number.isFinite).map((t) => [temps[i], Math.log(t)] as const));
    const delta = (v: Readonly<Record<string, readonly number[]>>) => {
      const pts = points(v), y = pts.map((p) => p[1]);
      return sse(pts.map((p) => 1 / p[0]), y) - sse(pts.map((p) => Math.log(p[0])), y);
    };
    const est = delta(values), r = rng(seed, 'bootstrap'), boots: number[] = [];
    for (let b = 0; b < B; b++) boots.push(delta(Object.fromEntries(arms.map((a) => [a, values[a].map(() => values[a][r.int(values[a].length)])]))));
    boots.sort((x, y) => x - y);
    const at = (q: number) => boots[Math.min(B - 1, Math.max(0, Math.ceil(q * B) - 1))];
    const used = points(values).length, total = arms.reduce((s, a) => s + values[a].length, 0);
    return {
      test: 'percentile bootstrap of ΔSSE, one-sided', statistic: est,
      p: (1 + boots.filter((d) => d >= 0).length) / (1 + B), pOpposite: (1 + boots.filter((d) => d <= 0).length) / (1 + B),
      effect: { name: 'ΔSSE (Arrhenius − power law) of log t_grok', estimate: est, ci: [at(0.025), at(0.975)] },
      threshold: 0, direction: 'less', n: Object.fromEntries(arms.map((a) => [a, values[a].filter(Number.isFinite).length])), excluded: total - used,
    };
  },
};

export default hypothesis({
  id: 'D4',
  title: 'Kramers escape: τ_grok ∼ exp(ΔF/T_eff)',
  quote: 'Formulate the delay as an escape problem over an extensive free energy barrier ΔF, utilizing the Kramers escape rate τ_grok ∼ exp(ΔF/T_eff) to prove t_grok must strictly be orders of magnitude larger than t_mem under standard gradient noise.',
  source: { seed: '002_1d00eff4fb351c15.txt', section: 'Issue #1, Objective 3 (Barrier Analysis)', paper: 'Kramers (1940), Physica 7, 284' },
  topic: 'Delay',
  regime: `T_eff is set explicitly by Langevin noise (src/optim/addLangevinNoise.ts: after each AdamW step, √(2ηT)·N(0,1) per parameter, η = 1e-3) on D1's recipe (x² MLP, a+b mod 47, full batch, so the minibatch noise is zero and T is the only temperature), T ∈ {${temps.join(', ')}}, budget 8000 steps. Kramers' law predicts (1) a faster escape at higher temperature: t_grok falls as T rises (Jonckheere–Terpstra, τ > 0.3), and (2) log t_grok linear in 1/T, fitting better than the alternative power law in T. The claim's barrier ΔF is the slope of (2), positive if (1) holds.`,
  base: QUADRATIC_ADD_47,
  arms: Object.fromEntries(temps.map((T, i) => [arms[i], { optimizer: { extra: { langevinT: T } } }])),
  predictions: [
    trend({ name: 'hotter escapes sooner', arms, doses: 'T', metric: metrics.tGrok, direction: 'decreasing', minTau: 0.3 }),
    arrheniusBeatsPowerLaw,
  ],
  recorded: 'refuted',
});
