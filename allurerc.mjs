// Allure 3 report configuration (no Java): `npm run verify` / `grokcheck report` generate from
// reports/allure-results into reports/allure/, keeping history in reports/history.jsonl so trends show.
import { defineConfig } from 'allure';

const groupBy = ['epic', 'feature', 'story'];
/** Only the claims: unit tests carry no epic (their results are in the terminal). */
const filter = (tr) => tr.labels.some((l) => l.name === 'epic');

export default defineConfig({
  name: 'grokcheck — grokking claims, verified',
  output: './reports/allure',
  historyPath: process.env.GROKCHECK_HISTORY ?? './reports/history.jsonl',
  plugins: {
    awesome: { options: { reportName: 'grokcheck', groupBy, filter } },
    single: { import: '@allurereport/plugin-awesome', options: { reportName: 'grokcheck (single file)', singleFile: true, groupBy, filter } },
  },
});
