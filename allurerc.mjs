// Allure 3 report configuration (no Java): `npm run verify` / `grokcheck report` generate from
// reports/allure-results into reports/allure/, keeping history in reports/history.jsonl so trends show.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'allure';

/**
 * The front page answers "which claims hold?": the tree is grouped by verdict (one click opens a verdict, a
 * second opens a claim), with the verdict map above it (src/report/verdictMapPlugin.mjs). A second view,
 * `by-seed`, keeps the grouping by seed document (epic) → topic (feature) → claim (story).
 */
const groupBy = ['verdict'];
const bySeed = ['epic', 'feature', 'story'];
/** Only the claims: unit tests carry no verdict (their results are in the terminal). */
const filter = (tr) => tr.labels.some((l) => l.name === 'verdict');
/** The dashboard's charts: status (the ledger) and its trend, and the stability of each verdict group. */
const charts = [
  { type: 'currentStatus', title: 'recorded verdicts reproduced' },
  { type: 'statusDynamics', title: 'recorded verdicts reproduced, per run' },
  { type: 'stabilityDistribution', title: 'stability by verdict', groupBy: 'label-name:verdict' },
  { type: 'statusTransitions', title: 'verdicts that changed against their record' },
];
const mapPlugin = fileURLToPath(new URL('./src/report/verdictMapPlugin.mjs', import.meta.url));

export default defineConfig({
  name: 'grokcheck: which claims hold (the ring counts recorded verdicts reproduced)',
  output: './reports/allure',
  historyPath: process.env.GROKCHECK_HISTORY ?? './reports/history.jsonl',
  plugins: {
    awesome: { options: { reportName: 'grokcheck: which claims hold', groupBy, filter, charts } },
    single: { import: '@allurereport/plugin-awesome', options: { reportName: 'grokcheck: which claims hold (single file)', singleFile: true, groupBy, filter, charts } },
    'by-seed': { import: '@allurereport/plugin-awesome', options: { reportName: 'grokcheck: claims by seed document', groupBy: bySeed, filter, charts } },
    dashboard: { options: { reportName: 'grokcheck: dashboard', filter, layout: charts } },
    'verdict-map': { import: mapPlugin, options: { filter, targets: ['awesome', 'single', 'by-seed'] } },
  },
});
