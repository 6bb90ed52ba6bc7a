import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readTable } from './table.ts';

/** Vitest global setup: each run starts with fresh Allure results; at the end the verdict table is printed. */
export function setup(): () => void {
  rmSync(process.env.GROKCHECK_ALLURE_RESULTS ?? join(process.cwd(), 'reports', 'allure-results'), { recursive: true, force: true });
  return () => {
    const table = readTable();
    if (table) console.log(`\n${table}\nFull report: npm run verify (reports/allure/), or reports/claims.md.`);
  };
}
