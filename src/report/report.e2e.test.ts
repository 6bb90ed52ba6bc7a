import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The report end to end (vitest project 'report', after the hypotheses): runs D1 again in a nested vitest
 * (its runs come from the run store the hypotheses project just filled, so this takes seconds) with Allure
 * results in a scratch folder, builds the report with the allure 3 generator, opens D1's page in headless
 * Chromium (Debian's chromium, installed by .ci/run) and checks that the verdict, parameters and plots are
 * there. The screenshots are written to reports/D1.png and reports/D1-plots.png.
 */
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const root = process.cwd();

describe('the Allure report', () => {
  test('should show a claim page with its verdict, provenance, environment, success rates, checkpoints and plots', async (ctx) => {
    if (!existsSync(chromium)) ctx.skip(`no Chromium at ${chromium} (Debian: apt-get install chromium; or set CHROMIUM)`);
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'grokcheck-report-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
    Object.assign(env, { GROKCHECK_ALLURE_RESULTS: join(dir, 'results'), GROKCHECK_HISTORY: join(dir, 'history.jsonl') });
    execFileSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'hypotheses', 'hypotheses/D1-grokking-delay.spec.ts'],
      { cwd: root, env, stdio: 'pipe' });
    execFileSync(process.execPath, [join(root, 'bin', 'grokcheck.mjs'), 'report', '--no-serve', '--results', join(dir, 'results'), '--output', join(dir, 'allure')],
      { cwd: root, env, stdio: 'pipe' });
    const { screenshotClaim } = await import('../../scripts/screenshot.mjs');
    // Act
    const shot = await screenshotClaim('D1', join(root, 'reports', 'D1.png'), join(dir, 'allure'));
    // Assert
    expect(shot.text).toMatch(/D1 .* — (SUPPORTED|REFUTED|INCONCLUSIVE)/);
    expect(shot.text).toContain('Pre-registered protocol');
    expect(shot.text).toContain('Parameters');
    expect(shot.text).toContain('task.p');
    expect(shot.text).toContain('Configuration and provenance');
    expect(shot.text).toMatch(/Nanda et al\. \(2023\)/);
    expect(shot.text).toContain('Success rates');
    expect(shot.text).toMatch(/lockfile sha256/);
    expect(shot.text).toMatch(/Checkpoints[\s\S]*t_mem/);
    expect(shot.text).toMatch(/learning curves: /);
    expect(shot.images).toBeGreaterThanOrEqual(2);
    expect(existsSync(shot.plots)).toBe(true);
  }, 400_000);
});
