import * as allure from 'allure-js-commons';
import type { Checkpoint } from '../claims/checkpoints.ts';
import { type Claim, type Figure, flatten } from '../claims/claim.ts';
import { type ProvenanceRow, provenance, provenanceTable, stepSizeWarning } from '../claims/provenance.ts';
import type { Verdict } from '../claims/verdict.ts';
import type { Trajectory } from '../train/trajectory.ts';
import { environment } from './environment.ts';
import { effectText, num, pval, rate, summaryLine } from './format.ts';
import { learningCurves, metricStrip, samplerCurves, tuningCurve } from './plots.ts';

const SEED_TITLES: Record<string, string> = {
  '000_64ccf1345212c707.txt': 'Boundary energy and VE geometry (000_64ccf1345212c707.txt)',
  '001_ecb3d587c66818f5.txt': 'Glass relaxation, arXiv 2505.11411 (001_ecb3d587c66818f5.txt)',
  '002_1d00eff4fb351c15.txt': 'Delay, Muon and L2 supercooling (002_1d00eff4fb351c15.txt)',
  '003_0789360943425cef.txt': 'First-order transition, arXiv 2310.03789 (003_0789360943425cef.txt)',
};

/** The claim's page: labels, description, parameters, a step per arm and seed, plots, CSV and verdict JSON. */
export async function reportClaim(claim: Claim, v: Verdict, runs: Record<string, Trajectory[]>,
  extras: { figures?: readonly Figure[]; checkpoints?: readonly Checkpoint[] } = {}): Promise<void> {
  const { figures = [], checkpoints = [] } = extras;
  const prov = provenance(claim.inputs, claim.configs, claim.cite);
  const loud = v.status.toUpperCase();
  await allure.displayName(`${claim.id} ${claim.title} — ${loud}`);
  await allure.epic(SEED_TITLES[claim.source.seed] ?? claim.source.seed);
  await allure.feature(claim.topic);
  await allure.story(`${claim.id}: ${claim.title}`);
  await allure.label('verdict', v.status);
  await allure.tags(loud, claim.id);
  await allure.description(describe(claim, v, prov, checkpoints));
  for (const [name, value] of parameters(claim)) await allure.parameter(name, value);
  for (const [arm, ts] of Object.entries(runs)) {
    await allure.step(`arm '${arm}': ${ts.length} seeds, median t_mem ${num(med(ts.map((t) => t.tMem)))}, median t_grok ${num(med(ts.map((t) => t.tGrok)))}`, async () => {
      for (const [seed, t] of ts.entries()) {
        const div = t.diverged ? `, DIVERGED at step ${t.diverged.step}` : '';
        await allure.step(`seed ${seed}: t_mem ${t.tMem ?? '—'}, t_grok ${t.tGrok ?? 'censored'}, ${t.steps} steps, ${(t.wallMs / 1000).toFixed(1)} s${div}`, () => {});
      }
    });
    const sampled = ts[0]?.evals[0]?.['wl:lnG'] !== undefined;
    await allure.attachment(sampled ? `test accuracy vs energy: ${arm}` : `learning curves: ${arm}`, sampled ? samplerCurves(arm, ts) : learningCurves(arm, ts), 'image/png');
  }
  for (const [i, e] of v.evidence.entries()) {
    const p = claim.predictions[i];
    const byArm = Object.fromEntries(p.arms.map((a) => [a, runs[a].map((t) => p.metric.of(t))]));
    await allure.step(`prediction ${i + 1} — ${e.prediction}: ${e.status.toUpperCase()} (${effectText(e)}; p_adj ${pval(e.pAdjusted)})`, () => {});
    // a one-sample prediction's threshold is in the metric's own units: draw it
    const line = p.arms.length === 1 ? { value: e.threshold, label: `claimed ${e.direction === 'greater' ? '>' : '<'} ${num(e.threshold)}` } : undefined;
    await allure.attachment(`${e.prediction}: ${p.metric.name} per seed`, metricStrip(p.metric.name, p.metric.log, byArm, line), 'image/png');
  }
  for (const f of figures) await allure.attachment(f.title, f.png, 'image/png');
  for (const t of claim.tuning) await allure.attachment(`tuning curve: ${t.name}`, tuningCurve(t), 'image/png');
  await allure.attachment('provenance.json', JSON.stringify(prov, null, 1), 'application/json');
  if (checkpoints.length) await allure.attachment('checkpoints.json', JSON.stringify(checkpoints, null, 1), 'application/json');
  await allure.attachment('environment.json', JSON.stringify(environment(), null, 1), 'application/json');
  await allure.attachment('trajectories.csv', toCsv(runs), 'text/csv');
  await allure.attachment('verdict.json', JSON.stringify(v, null, 1), 'application/json');
}

const med = (xs: (number | null)[]): number => {
  const s = xs.map((x) => x ?? Infinity).sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
};

function parameters(claim: Claim): [string, string][] {
  const arms = Object.entries(claim.configs).map(([a, c]) => [a, flatten(c)] as const);
  return claim.show.flatMap((path) => {
    const vals = arms.map(([a, f]) => [a, JSON.stringify(f[path])] as const);
    return new Set(vals.map(([, v]) => v)).size === 1 ? [[path, vals[0][1]]] : vals.map(([a, v]) => [`${a} · ${path}`, v]);
  }).concat([['seeds per arm', String(claim.seeds)], ['α', String(claim.alpha)]]) as [string, string][];
}

function describe(claim: Claim, v: Verdict, prov: ProvenanceRow[], checkpoints: readonly Checkpoint[]): string {
  const s = claim.source;
  const warning = stepSizeWarning(prov, claim.tuning.length > 0, claim.untunedBecause);
  const rows = v.evidence.map((e, i) => `| ${i + 1}. ${e.prediction} | ${e.test} | ${effectText(e)} | ${e.direction === 'greater' ? '>' : '<'} ${num(e.threshold)} | ${pval(e.p)} / ${pval(e.pAdjusted)} | ${Object.values(e.n).join(' / ')}${e.excluded ? ` (${e.excluded} excluded)` : ''} | **${e.status.toUpperCase()}**${e.seedsNeeded !== undefined ? ` (≈${e.seedsNeeded ?? '>8×'} seeds/arm)` : ''} |`);
  return [
    `# ${v.status.toUpperCase()}: ${claim.id} — ${claim.title}`,
    '', `> ${claim.quote}`, '',
    `**Source:** \`${s.seed}\`, ${s.section}${s.paper ? `; primary paper: ${s.paper}` : ''}.`, '',
    `**Verdict:** ${summaryLine(v)}`, '',
    ...(warning ? [`> ⚠️ **Fair-baseline warning.** ${warning}`, ''] : []),
    '## Pre-registered protocol',
    `- Arms: ${Object.keys(claim.configs).map((a) => `\`${a}\``).join(', ')}; seeds 0..${claim.seeds - 1} in every arm (shared splits and inits).`,
    `- α = ${claim.alpha}, Holm-adjusted across ${claim.predictions.length} prediction(s); decision rule: supported when significant and the effect's 95% CI clears the smallest effect that matters, refuted when significant the other way or the CI lies wholly on the other side, inconclusive otherwise.`,
    ...claim.predictions.map((p, i) => `- Prediction ${i + 1}, **${p.name}**: ${p.protocol}`),
    '', '## Regime', claim.regime, '',
    '## Deviations from the protocol', claim.deviations || 'None.', '',
    '## Success rates',
    'Runs that memorized (train accuracy ≥ threshold) and grokked (test accuracy ≥ threshold) within the budget, with 95% Wilson intervals:', '',
    '| arm | memorized | grokked | diverged |', '|---|---|---|---|',
    ...Object.entries(v.runs).map(([arm, rs]) => `| ${arm} | ${rate(rs.filter((r) => r.tMem !== null).length, rs.length)} | ${rate(rs.filter((r) => r.tGrok !== null).length, rs.length)} | ${rs.filter((r) => r.diverged !== null).length}/${rs.length} |`),
    '',
    '## Environment', Object.entries({ ...environment(), training: trainingBackend(claim) }).map(([k, x]) => `${k}: \`${x}\``).join(' · '), '',
    '## Configuration and provenance',
    'Every value of every arm\'s resolved config. Plain: set by the hypothesis file (with the citation it gives); _italic_: grokcheck\'s default (src/train/config.ts); **bold** ◆: differs between arms.', '',
    provenanceTable(prov), '',
    ...(claim.tuning.length ? ['## Tuning', ...claim.tuning.map((t) => `- ${t.text}`), ''] : []),
    ...(checkpoints.length ? ['## Checkpoints', `Weights as .npy (one file per parameter) under \`${checkpoints[0].dir.split('/').slice(0, 3).join('/')}/\`:`, '',
      ...checkpoints.map((c) => `- ${c.arm}, seed ${c.seed}, step ${c.step} (${c.labels.join(', ')}): \`${c.dir}\``), ''] : []),
    '## Results',
    '| prediction | test | effect [95% CI] | threshold | p / p_adj | n | verdict |', '|---|---|---|---|---|---|---|', ...rows,
    '', `Runs: ${Object.entries(v.runs).map(([a, r]) => `${a}: ${r.length}`).join(', ')}; ${(v.cpuMs / 1000).toFixed(0)} s of training in all (single-core time summed over runs); this check took ${(v.runtimeMs / 1000).toFixed(0)} s of wall time${v.trainMs === 0 ? ', every run read back from the run store' : ''}.`,
  ].join('\n');
}

/** Which engine trained the claim's arms: grokcheck's own kernels, or TensorFlow.js for tfjs models. */
function trainingBackend(claim: Claim): string {
  const kinds = new Set(Object.values(claim.configs).map((c) => c.model.kind));
  return [...kinds].map((k) => (k === 'mlp' ? 'grokcheck WebAssembly kernels' : k === 'tfjs-mlp' ? 'TensorFlow.js' : k)).join(', ');
}

/** Every evaluation of every run, one row each. */
export function toCsv(runs: Record<string, Trajectory[]>): string {
  const all = Object.values(runs).flat();
  const keys = [...new Set(all.flatMap((t) => t.evals.flatMap((e) => Object.keys(e))))];
  const lines = [['arm', 'seed', ...keys].join(',')];
  for (const [arm, ts] of Object.entries(runs)) {
    ts.forEach((t, seed) => t.evals.forEach((e) => lines.push([arm, seed, ...keys.map((k) => e[k] ?? '')].join(','))));
  }
  return `${lines.join('\n')}\n`;
}
