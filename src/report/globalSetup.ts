import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { settings } from '../engine/settings.ts';
import { finishReport } from './summary.ts';
import { REPORTS, readTable } from './table.ts';
import { writeEnvironment } from './allure.ts';

/** The committed claims.md as it was when this run started: the report project's test compares the new one with it. */
export const BEFORE_PATH = join(REPORTS, 'claims.before.md');

/**
 * Vitest global setup: each run starts with fresh Allure results, the environment written once for the whole
 * report, and a snapshot of claims.md; at the end the verdict map goes into the results (and to
 * reports/verdict-map.png) and the verdict table is printed.
 */
export function setup(): () => void {
  const results = settings().allureResults;
  rmSync(results, { recursive: true, force: true });
  writeEnvironment(results);
  mkdirSync(REPORTS, { recursive: true });
  // a vitest started inside a test (the report's browser test) must not replace the outer run's snapshot
  if (!settings().nested) {
    if (existsSync(join(REPORTS, 'claims.md'))) copyFileSync(join(REPORTS, 'claims.md'), BEFORE_PATH);
    else rmSync(BEFORE_PATH, { force: true });
  }
  return () => {
    finishReport(results);
    const table = readTable();
    if (table) console.log(`\n${table}\nFull report: npm run verify (reports/allure/), or reports/claims.md.`);
  };
}
