import { type Claim, flatten } from '../claims/claim.ts';
import type { Evidence } from '../claims/evidence.ts';
import { type ProvenanceRow, provenance, provenanceTable, stepSizeWarning } from '../claims/provenance.ts';
import type { Verdict } from '../claims/verdict.ts';
import { median } from '../stats/median.ts';
import type { Trajectory } from '../train/trajectory.ts';
import type { Checkpoint } from './checkpoints.ts';
import { environment } from './environment.ts';
import { cellOf, effectText, grokRate, num, pval, rate, summaryLine } from './format.ts';
import { cpuMsOf, fullScaleCells, fullScaleRecord } from './fullScale.ts';
import { type ClaimOutcome, ledgerStatus } from './outcome.ts';
import { learningCurves, metricStrip, samplerCurves, tuningCurve } from './plots.ts';
import { seedTitle } from './seeds.ts';
import { regimeOf } from './table.ts';

/**
 * A claim's Allure page as data, so that one description of the page feeds both writers: allure-js-commons'
 * runtime under vitest (allurePage) and plain result files for `grokcheck verify` (allureFiles).
 */
export interface PageAttachment { kind: 'attachment'; name: string; content: Buffer | string; type: string }
export interface PageStep { kind: 'step'; name: string; body: PageStep[] }
export interface Page {
  name: string;
  fullName: string;
  testCaseId: string;
  historyId: string;
  labels: { name: string; value: string }[];
  links: { url: string; name: string; type: string }[];
  description: string;
  parameters: [string, string][];
  body: (PageStep | PageAttachment)[];
  status: 'passed' | 'failed' | 'broken';
  message?: string;
}

const ARXIV = /arXiv[:\s]+(\d{4}\.\d{4,5})(v\d+)?/g;

/** The arXiv ids a text cites ("arXiv 2201.02177", "arXiv:2301.02679v2"), once each, in order. */
export function arxivIds(text: string): string[] {
  return [...new Set([...text.matchAll(ARXIV)].map((m) => m[1]))];
}

/** Markdown with each arXiv id turned into a link to its abstract page. */
export const linkArxiv = (md: string): string => md.replace(ARXIV, (m, id) => `[${m}](https://arxiv.org/abs/${id})`);

/** The verdict label's value: supported / refuted / inconclusive / untestable. */
export const verdictLabel = (v: Verdict): string => v.status;

/** What the ledger says about the claim: the recorded verdict reproduced, changed, not yet recorded, or not enforced. */
export function ledgerLabel(o: Pick<ClaimOutcome, 'ledger'>): string {
  const l = o.ledger;
  if (!l.enforced) return 'not enforced (full scale)';
  if (l.recorded === null) return 'not recorded';
  return l.reproduced ? 'recorded verdict reproduced' : 'verdict changed';
}

/** The page of one verified claim: verdict first, then the quote, protocol, runs, plots and provenance. */
export function claimPage(o: ClaimOutcome): Page {
  const { claim, verdict: v, runs, figures, checkpoints } = o;
  const prov = provenance(claim.inputs, claim.configs, claim.cite);
  const loud = v.status.toUpperCase();
  const state = ledgerStatus(o);
  const cited = arxivIds(`${claim.source.paper ?? ''} ${claim.regime} ${Object.values(claim.cite).join(' ')}`);
  const body: Page['body'] = [];
  for (const [arm, ts] of Object.entries(runs)) {
    const mid = (k: 'tMem' | 'tGrok') => num(median(ts.map((t) => t[k] ?? Infinity)));
    body.push({
      kind: 'step', name: `arm '${arm}': ${ts.length} seeds, median t_mem ${mid('tMem')}, median t_grok ${mid('tGrok')}`,
      body: ts.map((t, i) => ({
        kind: 'step', body: [],
        name: `seed ${claim.firstSeed + i}: t_mem ${t.tMem ?? '—'}, t_grok ${t.tGrok ?? 'censored'}, ${t.steps} steps, ${(t.wallMs / 1000).toFixed(1)} s${t.diverged ? `, DIVERGED at step ${t.diverged.step}` : ''}`,
      })),
    });
    const sampled = ts[0]?.evals[0]?.['wl:lnG'] !== undefined;
    body.push(png(sampled ? `test accuracy vs energy: ${arm}` : `learning curves: ${arm}`, sampled ? samplerCurves(arm, ts, claim.firstSeed) : learningCurves(arm, ts, claim.firstSeed)));
  }
  const strips = v.evidence.map((e, i) => predictionStrip(claim, runs, i, e));
  for (const [i, e] of v.evidence.entries()) {
    body.push({ kind: 'step', body: [], name: `prediction ${i + 1} — ${e.prediction}: ${e.status.toUpperCase()} (${effectText(e)}; p_adj ${pval(e.pAdjusted)})` });
    body.push(png(`${e.prediction}: ${claim.predictions[i].metric.name} per seed`, strips[i]));
  }
  for (const r of o.regimes.filter((r) => r.claim !== claim)) {
    const rv = r.verdict;
    body.push({
      kind: 'step', name: `regime '${r.claim.regimeName}': ${rv.status.toUpperCase()}${rv.unmet?.length ? ` (${rv.unmet.join('; ')})` : ''}`,
      body: rv.evidence.map((e, i) => ({ kind: 'step' as const, body: [], name: `prediction ${i + 1} — ${e.prediction}: ${e.status.toUpperCase()} (${effectText(e)}; p_adj ${pval(e.pAdjusted)})` })),
    });
    for (const [arm, ts] of Object.entries(r.runs)) body.push(png(`learning curves: ${r.claim.regimeName} · ${arm}`, learningCurves(arm, ts)));
  }
  for (const f of figures) body.push(png(f.title, f.png));
  for (const t of claim.tuning) body.push(png(`tuning curve: ${t.name}`, tuningCurve(t)));
  body.push({ kind: 'attachment', name: 'provenance.json', content: JSON.stringify(prov, null, 1), type: 'application/json' });
  if (checkpoints.length) body.push({ kind: 'attachment', name: 'checkpoints.json', content: JSON.stringify(checkpoints, null, 1), type: 'application/json' });
  body.push({ kind: 'attachment', name: 'trajectories.csv', content: toCsv(runs, claim.firstSeed), type: 'text/csv' });
  body.push({ kind: 'attachment', name: 'verdict.json', content: JSON.stringify(v, null, 1), type: 'application/json' });
  const deciding = v.evidence.findIndex((e) => e.status === v.status);
  return {
    name: `${claim.id} ${claim.title} — ${loud}`,
    fullName: `grokcheck:${claim.id}`,
    // the claim id, not the title: renaming a claim keeps its history (a full-scale run is a separate history)
    testCaseId: claim.id,
    historyId: claim.scale === 'full' ? `${claim.id}@full` : claim.id,
    labels: [
      { name: 'verdict', value: verdictLabel(v) },
      { name: 'ledger', value: ledgerLabel(o) },
      ...o.regimes.map((r) => ({ name: 'regime', value: `${r.claim.regimeName}${claim.scale === 'full' ? ` @ ${regimeOf('full')}` : ''}` })),
      { name: 'epic', value: seedTitle(claim.source.seed) },
      { name: 'feature', value: claim.topic },
      { name: 'story', value: `${claim.id}: ${claim.title}` },
      { name: 'tag', value: loud },
      { name: 'tag', value: claim.id },
    ],
    links: cited.map((id) => ({ url: `https://arxiv.org/abs/${id}`, name: `arXiv ${id}`, type: 'link' })),
    description: describe(o, prov, checkpoints, strips[deciding < 0 ? 0 : deciding]),
    parameters: parameters(claim),
    body,
    status: state.status,
    ...(state.message ? { message: state.message } : {}),
  };
}

const png = (name: string, content: Buffer): PageAttachment => ({ kind: 'attachment', name, content, type: 'image/png' });

function predictionStrip(claim: Claim, runs: Record<string, Trajectory[]>, i: number, e: Evidence): Buffer {
  const p = claim.predictions[i];
  const byArm = Object.fromEntries(p.arms.map((a) => [a, (runs[a] ?? []).map((t) => p.metric.of(t))]));
  // a one-sample prediction's threshold is in the metric's own units: draw it
  const line = p.arms.length === 1 ? { value: e.threshold, label: `claimed ${e.direction === 'greater' ? '>' : '<'} ${num(e.threshold)}` } : undefined;
  return metricStrip(p.metric.name, p.metric.log, byArm, line);
}

function parameters(claim: Claim): [string, string][] {
  const arms = Object.entries(claim.configs).map(([a, c]) => [a, flatten(c)] as const);
  return claim.show.flatMap((path) => {
    const vals = arms.map(([a, f]) => [a, JSON.stringify(f[path])] as const);
    return new Set(vals.map(([, v]) => v)).size === 1 ? [[path, vals[0][1]]] : vals.map(([a, v]) => [`${a} · ${path}`, v]);
  }).concat([['seeds per arm', String(claim.seeds)], ['α', String(claim.alpha)]]) as [string, string][];
}

/** The recorded and the measured verdict side by side, when the evidence changed the verdict. */
function ledgerBlock(o: ClaimOutcome): string[] {
  const l = o.ledger;
  if (!l.enforced) return [`**Recorded verdict:** not enforced at full scale (the recorded ${l.recorded?.toUpperCase() ?? '—'} belongs to the CI scale).`, ''];
  if (l.reproduced) return [`**Recorded verdict:** ${l.recorded?.toUpperCase()}, reproduced.`, ''];
  return [
    `> **The verdict ${l.recorded === null ? 'has not been recorded yet' : 'changed against its record'}.**`, '',
    '| | recorded (in the hypothesis file) | measured (this run) |', '|---|---|---|',
    `| verdict | **${l.recorded?.toUpperCase() ?? 'none'}** | **${l.measured.toUpperCase()}** |`, '',
  ];
}

function describe(o: ClaimOutcome, prov: ProvenanceRow[], checkpoints: readonly Checkpoint[], decidingPlot: Buffer | undefined): string {
  const { claim, verdict: v } = o;
  const s = claim.source;
  const warning = stepSizeWarning(prov, claim.tuning.length > 0, claim.untunedBecause);
  const rows = v.evidence.map((e, i) => `| ${i + 1}. ${e.prediction} | ${e.test} | ${effectText(e)} | ${e.direction === 'greater' ? '>' : '<'} ${num(e.threshold)} | ${pval(e.p)} / ${pval(e.pAdjusted)} | ${Object.values(e.n).join(' / ')}${e.excluded ? ` (${e.excluded} excluded)` : ''} | **${e.status.toUpperCase()}**${e.seedsNeeded !== undefined ? ` (≈${e.seedsNeeded ?? '>8×'} seeds/arm)` : ''} |`);
  return [
    `# ${v.status.toUpperCase()}: ${claim.id} — ${claim.title}`, '',
    `**Verdict:** ${summaryLine(v)}`, '',
    ...(decidingPlot ? [`![the deciding prediction's metric per seed](data:image/png;base64,${decidingPlot.toString('base64')})`, ''] : []),
    ...ledgerBlock(o),
    `> ${claim.quote}`, '',
    linkArxiv(`**Source:** ${seedTitle(s.seed)}, ${s.section}${s.paper ? `; primary paper: ${s.paper}` : ''}.`), '',
    ...(warning ? [`> ⚠️ **Fair-baseline warning.** ${warning}`, ''] : []),
    ...(v.untestable ? [`> **Untestable as quoted.** ${v.untestable}`, ''] : []),
    ...regimesBlock(o),
    ...controlsBlock(v),
    `## Results${o.regimes.length > 1 ? ` in the source's regime (${claim.regimeName})` : ''}`,
    '| prediction | test | effect [95% CI] | threshold | p / p_adj | n | verdict |', '|---|---|---|---|---|---|---|', ...rows,
    '', `Runs: ${Object.entries(v.runs).map(([a, r]) => `${a}: ${r.length}`).join(', ')}; ${(v.cpuMs / 1000).toFixed(0)} s of training${o.regimes.length > 1 ? ` in this regime, ${(cpuMsOf(o) / 1000).toFixed(0)} s in all regimes` : ''} (single-core time summed over runs, tuning included, each run once); this check took ${(v.runtimeMs / 1000).toFixed(0)} s of wall time${v.trainMs === 0 ? ', every run read back from the run store' : ''}.`, '',
    '## Pre-registered protocol',
    `- Arms: ${Object.keys(claim.configs).map((a) => `\`${a}\``).join(', ')}; seeds ${claim.firstSeed}..${claim.firstSeed + claim.seeds - 1} in every arm (shared splits and inits).`,
    `- α = ${claim.alpha}, Holm-adjusted across ${claim.predictions.length} prediction(s), separately for support and for refutation; decision rule (the same bar both ways): supported when the test against the smallest effect that matters is significant and the effect's 95% CI lies wholly beyond it, refuted when the same test in the other direction is significant and the CI lies wholly short of it, inconclusive otherwise — and inconclusive whatever the tests say when a positive control failed or a precondition did not hold.`,
    ...(o.regimes.length > 1 ? [`- Regimes: ${o.regimes.map((r) => `**${r.claim.regimeName}**${r.claim.isSource ? ' (the source\'s)' : ''}`).join(', ')}; quantifier **${claim.quantifier}**: ${claim.quantifier === 'universal' ? 'refuted by any regime that refutes (its controls held); supported when the source\'s regime supports and none refutes' : 'supported by any regime that supports; refuted when the source\'s regime refutes and none supports'}.`] : []),
    ...claim.predictions.map((p, i) => `- Prediction ${i + 1}, **${p.name}**: ${p.protocol}`),
    '', '## Regime', ...o.regimes.flatMap((r) => [o.regimes.length > 1 ? `**${r.claim.regimeName}.** ${linkArxiv(r.claim.regime)}` : linkArxiv(r.claim.regime), '']),
    '## Deviations from the protocol', claim.deviations || 'None.', '',
    '## Success rates',
    'Runs that memorized (train accuracy ≥ threshold) and grokked (test accuracy ≥ threshold) within the budget, with 95% Wilson intervals:', '',
    '| arm | memorized | grokked | diverged |', '|---|---|---|---|',
    ...Object.entries(v.runs).map(([arm, rs]) => `| ${arm} | ${rate(rs.filter((r) => r.tMem !== null).length, rs.length)} | ${grokRate(v, arm, rs)} | ${rs.filter((r) => r.diverged !== null).length}/${rs.length} |`),
    '',
    '## Environment', Object.entries({ ...environment(), training: trainingBackend(claim) }).map(([k, x]) => `${k}: \`${x}\``).join(' · '), '',
    '## Configuration and provenance',
    'Every value of every arm\'s resolved config. Plain: set by the hypothesis file (with the citation it gives); _italic_: grokcheck\'s default (src/train/config.ts); **bold** ◆: differs between arms.', '',
    linkArxiv(provenanceTable(prov)), '',
    ...(claim.tuning.length ? ['## Tuning', ...claim.tuning.map((t) => `- ${t.text}`), ''] : []),
    ...(checkpoints.length ? ['## Checkpoints', `Weights as .npy (one file per parameter) under \`${checkpoints[0].dir.split('/').slice(0, 3).join('/')}/\`:`, '',
      ...checkpoints.map((c) => `- ${c.arm}, seed ${c.seed}, step ${c.step} (${c.labels.join(', ')}): \`${c.dir}\``), ''] : []),
  ].join('\n');
}

/** The verdict in each regime, with its controls and what kept it undecided; then the full-scale ledger's, if measured. */
function regimesBlock(o: ClaimOutcome): string[] {
  const full = o.claim.scale === 'ci' ? fullScaleRecord(o.declared) : null;
  if (o.regimes.length < 2 && o.verdict.controls.length === 0 && o.verdict.preconditions.length === 0 && !full) return [];
  return [
    '## Verdict per regime',
    '| regime | verdict | deciding effect [95% CI] | positive controls | preconditions |', '|---|---|---|---|---|',
    ...o.regimes.map(({ claim: c, verdict: r }) => {
      const cell = cellOf(r);
      const pre = r.preconditions.map((p) => `${p.unmet === null ? '✓' : '✗'} ${p.name}${p.unmet ? `: ${p.unmet}` : ''}`).join('<br>') || '—';
      return `| ${c.regimeName}${c.isSource ? ' (source)' : ''}${c.scale === 'full' ? ' @ full scale' : ''} | **${r.status.toUpperCase()}** | ${cell.effect} | ${cell.controls} | ${pre} |`;
    }),
    ...(full ? fullScaleCells(full, o.regimes.map((r) => cellOf(r.verdict))).map((c) => `| ${c.regime} | **${c.status.toUpperCase()}** | ${c.effect} | ${c.controls} | (on the full-scale run's page) |`) : []),
    '',
    ...(full ? [`At full scale (\`npx grokcheck verify ${o.declared.id} --scale full\`, measured ${full.entry.measured}, ${Math.round(full.entry.cpuS / 60)} CPU-min of training) the claim's verdict is **${full.entry.status.toUpperCase()}**${full.current ? '' : ' — **stale**: the engine or the full-scale regime changed since it was measured'}; it is shown, never enforced (recorded verdicts belong to the CI scale).`, ''] : []),
  ];
}

/** Each positive control: what the paper (or the planted effect) says beside what this harness measured. */
function controlsBlock(v: Verdict): string[] {
  const all = (v.regimes ?? [v]).flatMap((r) => r.controls.map((c) => ({ regime: r.regime.name, c })));
  if (!all.length) return [];
  return [
    '## Positive controls',
    'Each must come out supported for its regime\'s verdict to count: the effect shown where it is known to exist.', '',
    '| regime | control | expected (source) | measured here | passed |', '|---|---|---|---|---|',
    ...all.map(({ regime, c }) => `| ${regime} | ${c.name} | ${c.expected ? linkArxiv(`${c.expected.value} (${c.expected.cite})`) : '—'} | ${effectText(c.evidence)} vs ${c.evidence.direction === 'greater' ? '>' : '<'} ${num(c.evidence.threshold)} | ${c.passed ? '✓ yes' : `✗ no (${c.evidence.status})`} |`),
    '',
  ];
}

/** Which engine trained the claim's arms: grokcheck's own kernels, or TensorFlow.js for tfjs models. */
function trainingBackend(claim: Claim): string {
  const kinds = new Set(Object.values(claim.configs).map((c) => c.model.kind));
  return [...kinds].map((k) => (k === 'mlp' ? 'grokcheck WebAssembly kernels' : k === 'tfjs-mlp' ? 'TensorFlow.js' : k)).join(', ');
}

/** Every evaluation of every run, one row each. */
export function toCsv(runs: Record<string, Trajectory[]>, firstSeed = 0): string {
  const all = Object.values(runs).flat();
  const keys = [...new Set(all.flatMap((t) => t.evals.flatMap((e) => Object.keys(e))))];
  const lines = [['arm', 'seed', ...keys].join(',')];
  for (const [arm, ts] of Object.entries(runs)) {
    ts.forEach((t, i) => t.evals.forEach((e) => lines.push([arm, firstSeed + i, ...keys.map((k) => e[k] ?? '')].join(','))));
  }
  return `${lines.join('\n')}\n`;
}
