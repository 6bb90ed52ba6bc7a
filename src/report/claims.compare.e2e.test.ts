import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { settings } from '../engine/settings.ts';
import { BEFORE_PATH } from './globalSetup.ts';
import { changedClaims, readRows, readTable } from './table.ts';

/**
 * claims.md before and after (vitest project 'report', after the hypotheses): the global setup copied the committed
 * reports/claims.md to reports/claims.before.md when the run started; every claim that ran must have kept its
 * verdict and its deciding effect [95% CI] (runtime columns ignored). Skipped unless every hypothesis ran in this
 * run at the CI scale with each file's own seeds (a subset, `--scale full` or GROKCHECK_SEEDS has nothing to
 * compare with).
 */
describe('claims.md before and after', () => {
  test('should keep every verdict and every deciding effect of the claims that ran', (ctx) => {
    // Arrange
    let before: string, started: number;
    try { before = readFileSync(BEFORE_PATH, 'utf8'); started = statSync(BEFORE_PATH).mtimeMs; } catch {
      return ctx.skip('no reports/claims.before.md: the run started without a committed claims.md');
    }
    if (settings().seeds !== null) return ctx.skip('GROKCHECK_SEEDS raised the seeds: effects are expected to move');
    const files = readdirSync(join(process.cwd(), 'hypotheses')).filter((f) => f.endsWith('.spec.ts'));
    const ran = readRows().filter((r) => (r.at ?? 0) >= started - 1000);
    if (ran.length < files.length) return ctx.skip(`${ran.length} of ${files.length} hypotheses ran in this run: compare only after a full run`);
    if (ran.some((r) => (r.regime ?? 'CI scale') !== 'CI scale')) return ctx.skip('not the CI scale: claims.md records the CI scale');
    // Act
    const changed = changedClaims(before, readTable() ?? '', ran.map((r) => r.id));
    // Assert
    expect(changed, `claims whose verdict or effect changed against the committed claims.md:\n  ${changed.join('\n  ')}`).toEqual([]);
  });
});
