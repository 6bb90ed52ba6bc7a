// Builds a report from fabricated claims, without training: `npx tsx src/report/demoReport.ts OUT_DIR`
// writes OUT_DIR/results (through the allureFiles sink and finishReport) and OUT_DIR/claims (the table),
// then generates OUT_DIR/allure. For looking at the report's layout while changing it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const out = resolve(process.argv[2] ?? '/tmp/grokcheck-demo');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
process.chdir(out); // the table writes reports/ under the working directory
const root = resolve(import.meta.dirname, '..', '..');
const { allureFiles } = await import('./allure.ts');
const { tableRow } = await import('./table.ts');
const { finishReport } = await import('./summary.ts');
const { fakeOutcome } = await import('./fakeOutcomes.ts');
const results = join(out, 'results');
const page = allureFiles(results);
const { parseRows } = await import('./table.ts');
const { readFileSync } = await import('node:fs');
// --all: one fabricated claim per row of the committed claims.md, with its verdict (to see the report at full size)
const RATIO: Record<string, number> = { refuted: 4, supported: 10, inconclusive: 30 };
const all = process.argv.includes('--all')
  ? [...parseRows(readFileSync(join(root, 'reports', 'claims.md'), 'utf8')).values()].map((r) =>
    fakeOutcome(r.id, r.title, RATIO[r.status.toLowerCase()] ?? 4, r.status.toLowerCase() as 'refuted', { topic: r.id.replace(/\d+$/, '') }))
  : null;
const claims = all ?? [
  fakeOutcome('D1', 'grokking delay: t_grok orders of magnitude after t_mem', 4, 'refuted'),
  fakeOutcome('D3', 'the delay grows with the initialization scale α', 30, 'supported', { topic: 'Initialization' }),
  fakeOutcome('E8', 'graded layer widths grok faster than abrupt width changes', 10, 'inconclusive', { topic: 'Architecture', seed: '000_64ccf1345212c707.txt' }),
  fakeOutcome('G2', 'equilibrium states generalize better than trained ones at equal loss', 3, 'supported', { topic: 'Glass', seed: '001_ecb3d587c66818f5.txt' }),
  fakeOutcome('P1', 'three phases (Gaussian → mixed → specialized) as n grows', 2, 'refuted', { topic: 'Phases', seed: '003_0789360943425cef.txt' }),
];
for (const o of claims) { await page(o); tableRow(o); }
finishReport(results);
process.chdir(root);
execFileSync(process.execPath, [join(root, 'bin', 'grokcheck.mjs'), 'report', '--no-serve', '--results', results, '--output', join(out, 'allure')],
  { stdio: 'inherit', env: { ...process.env, GROKCHECK_HISTORY: join(out, 'history.jsonl') } });
console.log(claims.map((o) => `${o.claim.id}: ${o.verdict.status} (recorded ${o.ledger.recorded})`).join('\n'));
