import { existsSync, writeFileSync } from 'node:fs';
import { writeGlobalMap } from './allure.ts';
import { MAP_PATH, mapOf, readRows } from './table.ts';

/**
 * Ends a verification run's report: draws the verdict map of every recorded claim, writes it to
 * reports/verdict-map.png and into the Allure results as a report-wide attachment. Called by vitest's global
 * teardown and, for `grokcheck verify`, after the last claim.
 */
export function finishReport(resultsDir: string): Buffer | null {
  const rows = readRows();
  if (!rows.length) return null;
  const png = mapOf(rows);
  writeFileSync(MAP_PATH, png);
  if (existsSync(resultsDir)) writeGlobalMap(resultsDir, png);
  return png;
}
